import Foundation
import HTTPServer
import Testing

@testable import Allot

/// `allot serve`'s operations wiring over a real socket: `/metrics` access and content, and rate
/// limits keyed by the client a trusted proxy names.
@Suite struct MetricsRouteTests {
    static let metricsToken = "metrics-secret-for-tests"

    final class Harness {
        let directory: TestDirectory
        let registry: Registry
        let server: APIServer
        let port: Int
        var tokens: [Role: String] = [:]

        init(rateLimit: Int) throws {
            directory = try TestDirectory()
            registry = try Fixtures.registry(in: directory)
            let store = TokenStore(database: registry.database)
            for role in [Role.admin, .organizer, .evaluator] {
                tokens[role] = try store.create(role: role, label: "test", actor: .cli)
            }
            tokens[.citizen] = try registry.enroll(Fixtures.enrollment(phone: "13900000001"), actor: .cli).token
            var options = ServerOptions()
            options.trustedProxies = ["127.0.0.1"]
            options.metricsToken = MetricsRouteTests.metricsToken
            server = APIServer(
                registry: registry, tokens: store,
                events: Events(database: registry.database, config: try Fixtures.config()), host: "127.0.0.1", port: 0,
                rateLimitPerMinute: rateLimit,
                options: options)
            port = try server.start()
        }

        deinit {
            server.stop()
            server.wait()
        }

        func enroll(phone: String, forwardedFor: String) throws -> APIReply {
            try APIReply.fetch(
                port: port, method: "POST", path: "/api/v1/enrollments", token: nil,
                body: RegistryAPITests.enrollmentJSON(phone: phone), headers: ["X-Forwarded-For": forwardedFor])
        }

        func metrics(token: String?) throws -> APIReply {
            try APIReply.fetch(port: port, method: "GET", path: "/metrics", token: token)
        }
    }

    @Test func rateLimitsCountTheClientTheTrustedProxyNames() throws {
        let harness = try Harness(rateLimit: 2)
        #expect(try harness.enroll(phone: "13700000001", forwardedFor: "203.0.113.1").status == 201)
        #expect(try harness.enroll(phone: "13700000002", forwardedFor: "203.0.113.1").status == 201)
        let limited = try harness.enroll(phone: "13700000003", forwardedFor: "203.0.113.1")
        #expect(limited.status == 429)
        // Another client behind the same proxy has its own allowance.
        #expect(try harness.enroll(phone: "13700000004", forwardedFor: "203.0.113.2").status == 201)
    }

    @Test func metricsNeedAnOrganizerOrTheMetricsToken() throws {
        let harness = try Harness(rateLimit: 0)
        let anonymous = try harness.metrics(token: nil)
        #expect(anonymous.status == 401 && anonymous.headers["www-authenticate"] == "Bearer")
        #expect(try harness.metrics(token: "wrong").status == 401)
        #expect(try harness.metrics(token: harness.tokens[.citizen]).status == 403)
        #expect(try harness.metrics(token: harness.tokens[.evaluator]).status == 403)
        #expect(try harness.metrics(token: harness.tokens[.organizer]).status == 200)
        #expect(try harness.metrics(token: harness.tokens[.admin]).status == 200)
        let scraped = try harness.metrics(token: Self.metricsToken)
        #expect(scraped.status == 200)
        #expect(scraped.headers["content-type"]?.hasPrefix("text/plain; version=0.0.4") == true)
        // The metrics token opens nothing else.
        let listing = try APIReply.fetch(
            port: harness.port, method: "GET", path: "/api/v1/people", token: Self.metricsToken)
        #expect(listing.status == 401)
    }

    /// The value of the sample line starting with `prefix` (name and labels).
    static func sample(_ text: String, _ prefix: String) -> Double? {
        text.split(separator: "\n").first { $0.hasPrefix(prefix + " ") }.flatMap {
            Double($0.split(separator: " ").last ?? "")
        }
    }

    @Test func metricsShowRequestsPeopleDatabaseAndUptime() throws {
        let harness = try Harness(rateLimit: 0)
        for index in 0..<3 {
            #expect(try harness.enroll(phone: "1370000001\(index)", forwardedFor: "198.51.100.9").status == 201)
        }
        #expect(try harness.enroll(phone: "bad", forwardedFor: "198.51.100.9").status == 422)
        let text = try harness.metrics(token: Self.metricsToken).text
        #expect(Self.sample(text, #"http_requests_total{method="POST",route="/api/v1/enrollments",status="201"}"#) == 3)
        #expect(Self.sample(text, #"http_requests_total{method="POST",route="/api/v1/enrollments",status="422"}"#) == 1)
        #expect(
            Self.sample(
                text, #"http_request_duration_seconds_count{method="POST",route="/api/v1/enrollments",status="201"}"#)
                == 3)
        // One citizen enrolled by the harness, three over HTTP.
        #expect(Self.sample(text, #"allot_people{status="active"}"#) == 4)
        #expect(Self.sample(text, #"allot_people{status="withdrawn"}"#) == 0)
        let bytes = try #require(Self.sample(text, "allot_database_bytes"))
        #expect(bytes == Double(try harness.registry.database.fileSize()))
        #expect(bytes > 0)
        let uptime = try #require(Self.sample(text, "allot_uptime_seconds"))
        #expect(uptime >= 0 && uptime < 60)
        #expect(Self.sample(text, "allot_audit_entries") ?? 0 >= 4)
        // Memory: SQLite's own (its page caches are part of the resident set) and the resident set as
        // /proc/self/status reports it (same process: the test runs the server).
        let sqlite = try #require(Self.sample(text, "allot_sqlite_memory_bytes"))
        let resident = try #require(Self.sample(text, "process_resident_memory_bytes"))
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") })
        let kib = try #require(Double(line.split(separator: " ").dropFirst().first ?? ""))
        #expect(sqlite > 0 && sqlite < resident)
        #expect(abs(resident - kib * 1024) < 64 * 1_048_576)
        // Every family is declared before its samples.
        for family in ["allot_people", "allot_database_bytes", "http_requests_total", "http_request_duration_seconds"] {
            #expect(text.contains("# TYPE \(family) "))
        }
    }
}
