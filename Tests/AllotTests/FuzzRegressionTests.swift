import Foundation
import Testing

@testable import Allot
@testable import HTTPServer

/// Inputs found by `scripts/fuzz-all` that once crashed, and the committed fuzz corpora replayed:
/// `allot verify` must never crash on any file.
@Suite struct FuzzRegressionTests {
    static let corpora = Fixtures.packageRoot.appendingPathComponent("scripts/fuzz/corpora")

    static func corpus(_ target: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(
            at: corpora.appendingPathComponent(target), includingPropertiesForKeys: nil
        ).sorted { $0.path < $1.path }
    }

    @Test func aRecordListingAPidTwiceFailsThePoolCheckInsteadOfTrapping() throws {
        let seed = try Data(contentsOf: Self.corpora.appendingPathComponent("draw/record.json"))
        var record = try DrawRecord.decode(seed)
        #expect(DrawVerifier.verify(record).allSatisfy { $0.passed })
        record.pool.append(record.pool[0])
        let checks = DrawVerifier.verify(record)
        #expect(checks.first { $0.name == "pool" }?.passed == false)
        #expect(checks.first { $0.name == "poolDigest" }?.passed == false)
        // The crashing input as the fuzzer wrote it.
        let crashing = try Data(contentsOf: Self.corpora.appendingPathComponent("draw/crash-duplicate-pid.json"))
        let found = try DrawRecord.decode(crashing)
        #expect(DrawVerifier.verify(found).contains { $0.name == "pool" && !$0.passed })
    }

    /// Every committed draw input: decoded and verified, or refused with a message.
    @Test func everyDrawCorpusFileIsVerifiedOrRefused() throws {
        let files = try Self.corpus("draw")
        #expect(files.count >= 2)
        for file in files {
            let data = try Data(contentsOf: file)
            do throws(SelectFromFilesError) {
                let record = try DrawRecord.decode(data)
                #expect(!DrawVerifier.verify(record).isEmpty)
            } catch {
                #expect(!error.message.isEmpty, "\(file.lastPathComponent)")
            }
        }
    }

    /// Every committed API body: decoded and validated, or refused with a 4xx.
    @Test func everyJSONCorpusFileIsAcceptedOrRefusedWith4xx() throws {
        let validator = EnrollmentValidator(index: SchemaIndex(try Fixtures.config().schema), currentYear: 2026)
        for file in try Self.corpus("json") {
            var headers = HTTPHeaders()
            headers.add("Content-Type", "application/json")
            let body = Array(try Data(contentsOf: file))
            let request = HTTPRequest(
                method: "POST", target: RequestTarget(rawPath: "/api/v1/enrollments", segments: [], query: []),
                headers: headers, body: body)
            do throws(HTTPError) {
                let enrollment = try JSONBody.decode(
                    Enrollment.self, from: request, allowedFields: StrictFields.enrollment)
                _ = validator.validate(enrollment)
            } catch {
                #expect((400...499).contains(error.status), "\(file.lastPathComponent)")
            }
        }
    }
}
