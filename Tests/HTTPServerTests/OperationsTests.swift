import Dispatch
import Foundation
import Glibc
import Testing

@testable import HTTPServer

/// Operations features on real sockets: trusted proxies, request ids, JSON access log, metrics,
/// the handler timeout and IPv6 listening.
@Suite struct OperationsTests {
    /// A router whose replies show what the server made of the request.
    static func router() -> HTTPRouter {
        var router = HTTPRouter()
        router.add(
            "GET", "/whoami",
            .inline { request in
                HTTPResponse(body: Array("\(request.remoteAddress) \(request.peerAddress) \(request.requestID)".utf8))
            })
        router.add("GET", "/items/{id}", .blocking { _ in HTTPResponse(status: 204) })
        router.add("GET", "/never", .deferred { _, _ in })
        router.add(
            "GET", "/patient", options: .init(handlerTimeout: .seconds(5)),
            .blocking { _ in
                usleep(400_000)
                return HTTPResponse(body: Array("patient".utf8))
            })
        router.add(
            "GET", "/sleepy",
            .blocking { _ in
                usleep(600_000)
                return HTTPResponse(body: Array("late".utf8))
            })
        return router
    }

    /// Starts a server on 127.0.0.1 (or `host`) with an OS-chosen port and the access log in a pipe.
    final class Harness {
        let server: HTTPServer
        let port: Int
        private let logRead: Int32
        private var logWrite: Int32

        init(host: String = "127.0.0.1", _ adjust: (inout HTTPServerConfiguration) -> Void = { _ in }) throws {
            var fds: [Int32] = [0, 0]
            guard pipe(&fds) == 0 else { throw TestFailure("pipe: \(errno)") }
            logRead = fds[0]
            logWrite = fds[1]
            var configuration = HTTPServerConfiguration()
            configuration.host = host
            configuration.port = 0
            configuration.accessLogDescriptor = logWrite
            adjust(&configuration)
            server = HTTPServer(configuration: configuration, router: OperationsTests.router())
            port = try server.start()
        }

        /// Stops the server and returns every access log line it wrote.
        func stopAndReadLog() -> [String] {
            server.shutdown()
            server.wait()
            close(logWrite)
            logWrite = -1
            var data: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = chunk.withUnsafeMutableBytes { read(logRead, $0.baseAddress, 65536) }
                if n <= 0 { break }
                data.append(contentsOf: chunk[0..<n])
            }
            return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        }

        deinit {
            if logWrite >= 0 {
                server.shutdown()
                server.wait()
                close(logWrite)
            }
            close(logRead)
        }
    }

    static func get(_ port: Int, _ path: String, headers: String = "") throws -> TestResponse {
        let response = try exchange(port, "GET \(path) HTTP/1.1\r\nHost: t\r\n\(headers)\r\n")
        return try #require(response)
    }

    @Test func forwardedForIsBelievedOnlyFromTrustedProxies() throws {
        let trusting = try Harness { $0.trustedProxies = ["127.0.0.1", "10.0.0.2"] }
        // The proxy appended the client; a hop that is itself a trusted proxy is skipped.
        let viaProxy = try Self.get(trusting.port, "/whoami", headers: "X-Forwarded-For: 203.0.113.9, 10.0.0.2\r\n")
        #expect(viaProxy.text.hasPrefix("203.0.113.9 127.0.0.1 "))
        // A client cannot push an address past the first untrusted hop.
        let spoofed = try Self.get(trusting.port, "/whoami", headers: "X-Forwarded-For: 1.2.3.4, 198.51.100.7\r\n")
        #expect(spoofed.text.hasPrefix("198.51.100.7 "))
        // IPv6 clients are named in canonical form; garbage leaves the proxy's own address.
        let v6 = try Self.get(trusting.port, "/whoami", headers: "X-Forwarded-For: 2001:DB8:0:0::1\r\n")
        #expect(v6.text.hasPrefix("2001:db8::1 "))
        let garbage = try Self.get(trusting.port, "/whoami", headers: "X-Forwarded-For: <script>\r\n")
        #expect(garbage.text.hasPrefix("127.0.0.1 127.0.0.1 "))
        let log = trusting.stopAndReadLog()
        #expect(log.contains { $0.contains(" 203.0.113.9 GET /whoami 200 ") })

        let untrusting = try Harness()
        let ignored = try Self.get(untrusting.port, "/whoami", headers: "X-Forwarded-For: 203.0.113.9\r\n")
        #expect(ignored.text.hasPrefix("127.0.0.1 127.0.0.1 "))
        #expect(untrusting.stopAndReadLog().contains { $0.contains(" 127.0.0.1 GET /whoami 200 ") })
    }

    @Test func everyReplyCarriesARequestIDThatTheLogNames() throws {
        let harness = try Harness()
        let first = try Self.get(harness.port, "/items/1")
        let second = try Self.get(harness.port, "/nowhere")
        let ids = [first, second].compactMap { $0.headers["x-request-id"] }
        #expect(ids.count == 2 && Set(ids).count == 2)
        // From an untrusted peer, a client's own id is replaced.
        let chosen = try Self.get(harness.port, "/whoami", headers: "X-Request-Id: mine-123\r\n")
        #expect(chosen.headers["x-request-id"] != "mine-123")
        let log = harness.stopAndReadLog()
        for id in ids { #expect(log.contains { $0.hasSuffix(" \(id)") }) }

        let behindProxy = try Harness { $0.trustedProxies = ["127.0.0.1"] }
        let passed = try Self.get(behindProxy.port, "/whoami", headers: "X-Request-Id: 0f3a9c1e77b2\r\n")
        #expect(passed.headers["x-request-id"] == "0f3a9c1e77b2")
        #expect(passed.text.hasSuffix(" 0f3a9c1e77b2"))
        let hostile = try Self.get(behindProxy.port, "/whoami", headers: "X-Request-Id: a b\"c\r\n")
        #expect(hostile.headers["x-request-id"] != "a b\"c")
    }

    @Test func jsonAccessLogLinesAreJSONObjects() throws {
        let harness = try Harness { $0.accessLogFormat = .json }
        let response = try Self.get(harness.port, "/items/%22quoted%22")
        let requestID = try #require(response.headers["x-request-id"])
        _ = try Self.get(harness.port, "/whoami")
        let lines = harness.stopAndReadLog()
        #expect(lines.count == 2)
        let objects = try lines.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        let first = try #require(objects.first)
        #expect(first["method"] as? String == "GET")
        #expect(first["path"] as? String == "/items/%22quoted%22")
        #expect(first["status"] as? Int == 204)
        #expect(first["client"] as? String == "127.0.0.1")
        #expect(first["requestId"] as? String == requestID)
        #expect((first["time"] as? String)?.hasSuffix("Z") == true)
        #expect(first["ms"] is Double || first["ms"] is Int)
    }

    @Test func metricsCountRequestsPerRoutePatternAndStatus() throws {
        let metrics = HTTPMetrics()
        let harness = try Harness { $0.metrics = metrics }
        for id in 1...3 { _ = try Self.get(harness.port, "/items/\(id)") }
        _ = try Self.get(harness.port, "/nowhere")
        _ = try exchange(harness.port, "BREW /nowhere HTTP/1.1\r\nHost: t\r\n\r\n")
        _ = harness.stopAndReadLog()
        #expect(metrics.count(method: "GET", route: "/items/{id}", status: 204) == 3)
        #expect(metrics.count(method: "GET", route: HTTPMetrics.unmatchedRoute, status: 404) == 1)
        #expect(metrics.count(method: "other", route: HTTPMetrics.unmatchedRoute, status: 404) == 1)
        let text = metrics.prometheusText()
        #expect(text.contains(#"http_requests_total{method="GET",route="/items/{id}",status="204"} 3"#))
        #expect(
            text.contains(
                #"http_request_duration_seconds_bucket{method="GET",route="/items/{id}",status="204",le="+Inf"} 3"#))
        #expect(text.contains(#"http_request_duration_seconds_count{method="GET",route="/items/{id}",status="204"} 3"#))
        // Buckets are cumulative: never decreasing, ending at the count.
        let buckets = text.split(separator: "\n").filter {
            $0.hasPrefix(#"http_request_duration_seconds_bucket{method="GET",route="/items/{id}""#)
        }.compactMap { Int($0.split(separator: " ").last ?? "") }
        #expect(buckets.count == HTTPMetrics.latencyBuckets.count + 1)
        #expect(buckets == buckets.sorted() && buckets.last == 3)
    }

    @Test func handlersThatDoNotAnswerAreCutOffWith503() throws {
        let harness = try Harness { $0.handlerTimeout = .milliseconds(200) }
        let client = try TestClient(port: harness.port)
        let started = Date()
        client.send("GET /never HTTP/1.1\r\nHost: t\r\n\r\n")
        let response = try #require(client.readResponse())
        #expect(response.status == 503 && response.errorCode == "handler_timeout")
        #expect(response.headers["connection"] == "close")
        #expect(Date().timeIntervalSince(started) >= 0.2)
        #expect(client.isClosedByServer())

        // A blocking handler past the limit: 503 now, its late answer dropped, the server keeps serving.
        let slow = try TestClient(port: harness.port)
        slow.send("GET /sleepy HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(slow.readResponse()?.status == 503)
        #expect(slow.isClosedByServer())
        usleep(600_000)
        #expect(try Self.get(harness.port, "/items/7").status == 204)
        // A route may allow its handler longer than the server's default.
        let patient = try Self.get(harness.port, "/patient")
        #expect(patient.status == 200 && patient.text == "patient")
        let log = harness.stopAndReadLog()
        #expect(log.contains { $0.contains(" GET /never 503 ") })
    }

    /// True when this machine can bind the IPv6 loopback.
    static let ipv6Available: Bool = {
        let fd = socket(AF_INET6, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in6()
        address.sin6_family = sa_family_t(AF_INET6)
        address.sin6_addr = in6addr_loopback
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) == 0
            }
        }
    }()

    /// One GET over IPv6 to `::1`, returning the body.
    static func getOverIPv6(_ port: Int, _ path: String) throws -> String {
        let fd = socket(AF_INET6, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket: \(errno)") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in6()
        address.sin6_family = sa_family_t(AF_INET6)
        address.sin6_port = UInt16(port).bigEndian
        address.sin6_addr = in6addr_loopback
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
            }
        }
        guard connected == 0 else { throw TestFailure("connect: \(errno)") }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress, request.count, Int32(MSG_NOSIGNAL)) }
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, 4096, 0) }
            if n <= 0 { break }
            data.append(contentsOf: chunk[0..<n])
        }
        return String(decoding: data, as: UTF8.self)
    }

    @Test(.enabled(if: ipv6Available, "this machine cannot bind ::1"))
    func listeningOnTheIPv6WildcardServesIPv6AndIPv4() throws {
        let harness = try Harness(host: "::")
        let overIPv6 = try Self.getOverIPv6(harness.port, "/whoami")
        #expect(overIPv6.hasPrefix("HTTP/1.1 200 "))
        #expect(overIPv6.contains("\r\n\r\n::1 ::1 "))
        // IPv4 clients reach the same socket and are named as plain IPv4.
        let overIPv4 = try Self.get(harness.port, "/whoami")
        #expect(overIPv4.text.hasPrefix("127.0.0.1 127.0.0.1 "))
        let log = harness.stopAndReadLog()
        #expect(log.contains { $0.contains(" ::1 GET /whoami 200 ") })

        let loopback = try Harness(host: "[::1]")
        #expect(try Self.getOverIPv6(loopback.port, "/whoami").contains("\r\n\r\n::1 "))
    }

    @Test func normalizesAddresses() {
        #expect(ClientAddress.normalize("::ffff:10.0.0.1") == "10.0.0.1")
        #expect(ClientAddress.normalize("[2001:DB8::0:1]") == "2001:db8::1")
        #expect(ClientAddress.normalize("10.0.0.256") == nil)
        #expect(ClientAddress.normalize("") == nil)
        let proxies = TrustedProxies(["::ffff:10.0.0.1", "bogus"])
        #expect(proxies.addresses == ["10.0.0.1"])
        #expect(proxies.client(peer: "10.0.0.1", forwardedFor: "10.0.0.1") == "10.0.0.1")
        #expect(proxies.client(peer: "10.0.0.1", forwardedFor: nil) == "10.0.0.1")
        #expect(proxies.client(peer: "192.0.2.1", forwardedFor: "198.51.100.1") == "192.0.2.1")
    }
}
