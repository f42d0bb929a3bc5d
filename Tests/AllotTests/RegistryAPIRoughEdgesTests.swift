import Foundation
import Testing

@testable import Allot

/// Issue 14 §4 over real sockets: consent left out, field names in messages, removing an e-mail.
@Suite struct RegistryAPIRoughEdgesTests {
    @Test func enrollmentWithoutConsentIsConsentRequired() throws {
        let harness = try RegistryAPITests.Harness()
        let json = RegistryAPITests.enrollmentJSON(phone: "13700000021").replacingOccurrences(of: #","consent":true"#, with: "")
        #expect(!json.contains("consent"))
        let reply = try harness.call("POST", "/api/v1/enrollments", json: json)
        #expect(reply.status == 422 && reply.errorCode == "consent_required", "\(reply.text)")
        let null = json.replacingOccurrences(of: "}}", with: #"},"consent":null}"#)
        let nullReply = try harness.call("POST", "/api/v1/enrollments", json: null)
        #expect(nullReply.status == 422 && nullReply.errorCode == "consent_required", "\(nullReply.text)")
    }

    @Test func messagesNameFieldsAsTheAPISpellsThem() throws {
        let harness = try RegistryAPITests.Harness()
        let json = RegistryAPITests.enrollmentJSON(phone: "13700000022").replacingOccurrences(of: "1990", with: "1800")
        let reply = try harness.call("POST", "/api/v1/enrollments", json: json)
        #expect(reply.status == 422, "\(reply.text)")
        #expect(reply.text.contains("birthYear") && !reply.text.contains("birth_year"), "\(reply.text)")
    }

    @Test func patchWithANullEmailRemovesIt() throws {
        let harness = try RegistryAPITests.Harness()
        let token = try #require(harness.tokens[.citizen])
        #expect(try harness.call("GET", "/api/v1/me", token: token).text.contains("xm@example.cn"))
        let patched = try harness.call("PATCH", "/api/v1/me", token: token, json: #"{"email":null}"#)
        #expect(patched.status == 200, "\(patched.text)")
        #expect(!patched.text.contains("xm@example.cn"))
        #expect(!(try harness.call("GET", "/api/v1/me", token: token).text.contains("xm@example.cn")))
        let untouched = try harness.call("PATCH", "/api/v1/me", token: token, json: #"{"name":"新名字"}"#)
        #expect(untouched.status == 200 && untouched.text.contains("新名字"))
    }
}
