import Foundation
import Glibc
import HTTPServer
import Synchronization
import Testing

@testable import Allot

/// The registry API over real sockets, with a real SQLite file.
@Suite("Registry API")
struct RegistryAPITests {
    /// A running API with one token per role and one enrolled citizen.
    final class Harness {
        let directory: TestDirectory
        let api: AllotAPI
        let server: HTTPServer
        let registry: Registry
        var tokens: [Role: String] = [:]
        let citizen: EnrollmentReceipt

        init(rateLimit: Int = 0, log: @escaping @Sendable (String) -> Void = { _ in }) throws {
            directory = try TestDirectory()
            registry = try Fixtures.registry(in: directory)
            let store = TokenStore(database: registry.database)
            for role in [Role.admin, .organizer, .evaluator] {
                tokens[role] = try store.create(role: role, label: "test \(role.rawValue)", actor: .cli)
            }
            citizen = try registry.enroll(Fixtures.enrollment(phone: "13900000001"), actor: .cli)
            tokens[.citizen] = citizen.token
            api = AllotAPI(
                registry: registry, tokens: store,
                events: Events(database: registry.database, config: try Fixtures.config(), clock: { Fixtures.now }),
                rateLimitPerMinute: rateLimit, log: log)
            var configuration = HTTPServerConfiguration()
            configuration.port = 0
            configuration.accessLogDescriptor = nil
            server = HTTPServer(configuration: configuration, router: api.router())
            try server.start()
        }

        var tokenStore: TokenStore { api.tokens }

        deinit {
            server.shutdown()
            server.wait()
            api.stop()
        }

        func call(
            _ method: String, _ path: String, role: Role? = nil, token: String? = nil, json: String? = nil,
            headers: [String: String] = [:]
        ) throws -> APIReply {
            try APIReply.fetch(
                port: server.port, method: method, path: path, token: token ?? role.flatMap { tokens[$0] }, body: json,
                headers: headers)
        }
    }

    static func enrollmentJSON(phone: String, name: String = "李华", consent: Bool = true) -> String {
        #"{"name":"\#(name)","phone":"\#(phone)","email":"lh@example.cn","birthYear":1990,"#
            + #""attributes":{"gender":"female","occupation":"professional","income":"q2","district":"pudong","#
            + #""education":"tertiary"},"consent":\#(consent)}"#
    }

    @Test func openAPIDocumentListsExactlyTheRoutes() throws {
        let directory = try TestDirectory()
        let registry = try Fixtures.registry(in: directory)
        let api = AllotAPI(
            registry: registry, tokens: TokenStore(database: registry.database),
            events: Events(database: registry.database, config: try Fixtures.config()), rateLimitPerMinute: 0)
        defer { api.stop() }
        let routes = Set(api.router().routeList.map { "\($0.method) \($0.pattern)" })
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.bytes)) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
        #expect(
            routes == documented,
            "only in router: \(routes.subtracting(documented)); only in document: \(documented.subtracting(routes))")
    }

    /// A database fault answers a generic 500 with a request id; the details go to the server log only.
    @Test func internalErrorsHideTheirDetailsAndNameARequestID() throws {
        let log = Mutex<[String]>([])
        let harness = try Harness(log: { line in log.withLock { $0.append(line) } })
        // Break the database behind the server's back, as a disk fault or a bad migration would.
        let saboteur = try Connection(path: harness.registry.database.path, create: false)
        try saboteur.execute("ALTER TABLE person RENAME TO person_gone")
        let reply = try harness.call("GET", "/api/v1/people", role: .organizer)
        #expect(reply.status == 500 && reply.errorCode == "internal_error")
        let id = try #require(reply.headers["x-request-id"])
        #expect(!id.isEmpty && reply.text.contains(id))
        for secret in ["person", "SQL", "sqlite", "no such"] { #expect(!reply.text.lowercased().contains(secret.lowercased())) }
        let lines = log.withLock { $0 }
        #expect(lines.count == 1)
        #expect(lines.first?.contains("request_id=\(id)") == true && lines.first?.contains("no such table") == true)
    }

    @Test func enrollmentGivesATokenThatOpensTheOwnRecord() throws {
        let harness = try Harness()
        let created = try harness.call("POST", "/api/v1/enrollments", json: Self.enrollmentJSON(phone: "13700000002"))
        #expect(created.status == 201)
        let pid = try #require(created.object?["pid"] as? String)
        let token = try #require(created.object?["token"] as? String)
        #expect(token.count == 64)
        let me = try harness.call("GET", "/api/v1/me", token: token)
        #expect(me.status == 200 && me.object?["pid"] as? String == pid)
        #expect(me.text.contains("13700000002"))
        let duplicate = try harness.call("POST", "/api/v1/enrollments", json: Self.enrollmentJSON(phone: "13700000002"))
        #expect(duplicate.status == 409 && duplicate.errorCode == "duplicate_phone")

        let patched = try harness.call(
            "PATCH", "/api/v1/me", token: token, json: #"{"attributes":{"district":"huangpu"}}"#)
        #expect(patched.status == 200 && (patched.object?["attributes"] as? [String: String])?["district"] == "huangpu")
        let withdrawn = try harness.call("DELETE", "/api/v1/me", token: token)
        #expect(withdrawn.status == 204)
        #expect(try harness.call("GET", "/api/v1/me", token: token).status == 401)
        let record = try harness.registry.show(pid: pid, includeContact: true)
        #expect(record.status == "withdrawn" && record.contact == nil)
    }

    @Test func enrollmentsAreRateLimitedPerAddress() throws {
        let harness = try Harness(rateLimit: 2)
        #expect(
            try harness.call("POST", "/api/v1/enrollments", json: Self.enrollmentJSON(phone: "13700000011")).status
                == 201)
        #expect(try harness.call("POST", "/api/v1/enrollments", json: "{}").status == 400)
        let limited = try harness.call("POST", "/api/v1/enrollments", json: Self.enrollmentJSON(phone: "13700000012"))
        #expect(limited.status == 429 && limited.errorCode == "rate_limited")
        let retry = try #require(limited.headers["retry-after"].flatMap(Int.init))
        #expect((1...60).contains(retry))
    }

    /// Bad bodies: each gets its 4xx and code.
    static let badBodies: [(name: String, body: String, contentType: String, status: Int, code: String)] = [
        ("not JSON", "name=x", "application/json", 400, "invalid_json"),
        ("truncated JSON", #"{"name":"#, "application/json", 400, "invalid_json"),
        ("JSON array", "[1,2]", "application/json", 400, "invalid_json"),
        (
            "invalid UTF-8", "{\"name\":\"\u{FFFD}\"}".replacingOccurrences(of: "\u{FFFD}", with: "\\xff"),
            "application/json", 400, "invalid_json"
        ),
        ("missing fields", #"{"name":"x"}"#, "application/json", 400, "invalid_json"),
        (
            "wrong type", enrollmentJSON(phone: "13700000021").replacingOccurrences(of: "1990", with: #""1990""#),
            "application/json", 400, "invalid_json"
        ),
        (
            "unknown field",
            enrollmentJSON(phone: "13700000022").replacingOccurrences(
                of: #""consent""#, with: #""admin":true,"consent""#), "application/json", 400, "invalid_json"
        ),
        (
            "form media type", enrollmentJSON(phone: "13700000023"), "application/x-www-form-urlencoded", 415,
            "unsupported_media_type"
        ),
        (
            "no consent", enrollmentJSON(phone: "13700000024", consent: false), "application/json", 422,
            "consent_required"
        ),
        ("bad phone", enrollmentJSON(phone: "12345"), "application/json", 422, "invalid_field"),
        (
            "unknown attribute value",
            enrollmentJSON(phone: "13700000025").replacingOccurrences(of: "pudong", with: "atlantis"),
            "application/json", 422, "invalid_field"
        ),
        (
            "newline in name", enrollmentJSON(phone: "13700000026", name: "<script>\\n</script>"), "application/json",
            422, "invalid_field"
        ),
    ]

    @Test func badEnrollmentBodiesGetTheRightStatus() throws {
        let harness = try Harness()
        for (name, body, contentType, status, code) in Self.badBodies {
            var bytes = Array(body.utf8)
            if name == "invalid UTF-8" { bytes = Array(#"{"name":""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8) }
            let reply = try APIReply.fetch(
                port: harness.server.port, method: "POST", path: "/api/v1/enrollments", token: nil, bodyBytes: bytes,
                headers: ["Content-Type": contentType])
            #expect(reply.status == status, "\(name): \(reply.text)")
            #expect(reply.errorCode == code, "\(name): \(reply.text)")
        }
        #expect(try harness.call("GET", "/healthz").status == 200)
    }

    @Test func peopleListingFiltersAndPages() throws {
        let harness = try Harness()
        for index in 0..<5 {
            #expect(
                try harness.call("POST", "/api/v1/enrollments", json: Self.enrollmentJSON(phone: "1370000010\(index)"))
                    .status == 201)
        }
        let all = try harness.call("GET", "/api/v1/people", role: .organizer)
        #expect(all.status == 200 && all.object?["total"] as? Int == 6)
        #expect(!all.text.contains("13700000100"))  // contacts only on request
        let women = try harness.call("GET", "/api/v1/people?gender=female&limit=2&contacts=true", role: .organizer)
        #expect(women.object?["total"] as? Int == 5)
        #expect((women.object?["people"] as? [Any])?.count == 2)
        #expect(women.text.contains("lh@example.cn"))
        let next = try #require(women.object?["next"] as? String)
        let second = try harness.call("GET", "/api/v1/people?gender=female&limit=2&after=\(next)", role: .admin)
        #expect((second.object?["people"] as? [[String: Any]])?.first?["pid"] as? String ?? "" > next)
        #expect(try harness.call("GET", "/api/v1/people?limit=zero", role: .organizer).status == 400)
        #expect(try harness.call("GET", "/api/v1/people?limit=1&limit=2", role: .organizer).status == 400)
        #expect(try harness.call("GET", "/api/v1/people?status=gone", role: .organizer).status == 400)
        #expect(try harness.call("GET", "/api/v1/people?planet=mars", role: .organizer).status == 422)
    }

    @Test func adminsCreateListAndRevokeStaffTokens() throws {
        let harness = try Harness()
        let created = try harness.call("POST", "/api/v1/tokens", role: .admin, json: #"{"role":"organizer","label":"desk 2"}"#)
        #expect(created.status == 201)
        let token = try #require(created.object?["token"] as? String)
        #expect(try harness.call("GET", "/api/v1/people", token: token).status == 200)
        let listed = try harness.call("GET", "/api/v1/tokens", role: .admin)
        let entries = try #require(listed.object?["tokens"] as? [[String: Any]])
        #expect(entries.count == 4 && !listed.text.contains(token))
        let id = try #require(entries.first { $0["label"] as? String == "desk 2" }?["id"] as? Int)
        #expect(try harness.call("DELETE", "/api/v1/tokens/\(id)", role: .admin).status == 204)
        #expect(try harness.call("GET", "/api/v1/people", token: token).status == 401)
        #expect(try harness.call("DELETE", "/api/v1/tokens/\(id)", role: .admin).status == 404)
        #expect(try harness.call("DELETE", "/api/v1/tokens/abc", role: .admin).status == 404)
        let citizenRole = try harness.call("POST", "/api/v1/tokens", role: .admin, json: #"{"role":"citizen"}"#)
        #expect(citizenRole.status == 422)
    }

    /// Every endpoint × every kind of caller; the expected status per caller.
    @Test func roleMatrix() throws {
        let harness = try Harness()
        let callers: [Role?] = [nil, .citizen, .evaluator, .organizer, .admin]
        var phone = 13_600_000_000
        func nextPhone() -> String {
            phone += 1
            return String(phone)
        }
        // Expected statuses in the order anonymous, citizen, evaluator, organizer, admin.
        let matrix: [(method: String, path: String, body: () -> String?, expected: [Int])] = [
            ("GET", "/healthz", { nil }, [200, 200, 200, 200, 200]),
            ("GET", "/api/v1/schema", { nil }, [200, 200, 200, 200, 200]),
            ("GET", "/api/v1/openapi.json", { nil }, [200, 200, 200, 200, 200]),
            ("POST", "/api/v1/enrollments", { Self.enrollmentJSON(phone: nextPhone()) }, [201, 201, 201, 201, 201]),
            ("GET", "/api/v1/me", { nil }, [401, 200, 403, 403, 403]),
            ("PATCH", "/api/v1/me", { #"{"email":"new@example.cn"}"# }, [401, 200, 403, 403, 403]),
            ("GET", "/api/v1/people", { nil }, [401, 403, 403, 200, 200]),
            ("POST", "/api/v1/tokens", { #"{"role":"evaluator","label":"matrix"}"# }, [401, 403, 403, 403, 201]),
            ("GET", "/api/v1/tokens", { nil }, [401, 403, 403, 403, 200]),
            ("DELETE", "/api/v1/tokens/{id}", { nil }, [401, 403, 403, 403, 204]),
            ("GET", "/api/v1/reports/summary", { nil }, [401, 403, 200, 200, 200]),
            ("DELETE", "/api/v1/me", { nil }, [401, 204, 403, 403, 403]),
        ]
        let covered = Set(matrix.map { "\($0.method) \($0.path)" })
        // Event, job, invitation, feedback and suggestion routes have their own matrices (EventAPITests,
        // InvitationLifecycleTests), which need an event to exist.
        let elsewhere = ["/events", "/jobs", "/invitations", "/feedback", "/suggestions"]
        let routes = harness.api.router().routeList.map { "\($0.method) \($0.pattern)" }
        #expect(covered == Set(routes.filter { route in !elsewhere.contains { route.contains($0) } }))
        let secrets = ["王小明", "13900000001", "xm@example.cn"]
        for (method, path, body, expected) in matrix {
            for (caller, status) in zip(callers, expected) {
                var target = path
                if path.hasSuffix("{id}") {  // a fresh evaluator token for each caller to revoke
                    let id = try harness.tokenStore.list().last?.id ?? 0
                    target = path.replacingOccurrences(of: "{id}", with: String(id))
                }
                let reply = try harness.call(method, target, role: caller, json: body())
                #expect(
                    reply.status == status, "\(method) \(path) as \(caller?.rawValue ?? "anonymous"): \(reply.text)")
                if reply.status >= 400 { #expect(reply.errorCode != nil) }
                if caller == .evaluator {
                    for secret in secrets {
                        #expect(!reply.text.contains(secret), "\(method) \(path) leaked to evaluator")
                    }
                }
            }
        }
        let forged = try harness.call("GET", "/api/v1/people", token: String(repeating: "a", count: 64))
        #expect(forged.status == 401 && forged.headers["www-authenticate"] == "Bearer")
    }
}

/// One request on its own connection (`Connection: close`), read to EOF.
struct APIReply {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
    var object: [String: Any]? { try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] }
    var errorCode: String? { (object?["error"] as? [String: Any])?["code"] as? String }

    static func fetch(
        port: Int, method: String, path: String, token: String?, body: String? = nil, bodyBytes: [UInt8]? = nil,
        headers: [String: String] = [:]
    ) throws -> APIReply {
        let payload = bodyBytes ?? body.map { Array($0.utf8) }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        if let token { head += "Authorization: Bearer \(token)\r\n" }
        if let payload {
            if headers["Content-Type"] == nil { head += "Content-Type: application/json\r\n" }
            head += "Content-Length: \(payload.count)\r\n"
        }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw APIClientError(reason: "connect failed: \(errno)") }
        let request = Array((head + "\r\n").utf8) + (payload ?? [])
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received.append(contentsOf: chunk[0..<count])
        }
        let text = String(decoding: received, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw APIClientError(reason: "no response: \(text)") }
        var lines = text[..<split.lowerBound].components(separatedBy: "\r\n")
        let status = Int(lines.removeFirst().split(separator: " ")[1]) ?? 0
        var fields: [String: String] = [:]
        for line in lines {
            if let colon = line.firstIndex(of: ":") {
                fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                    in: .whitespaces)
            }
        }
        let headLength = text[..<split.upperBound].utf8.count
        return APIReply(status: status, headers: fields, body: Array(received[headLength...]))
    }
}

struct APIClientError: Error {
    var reason: String
}
