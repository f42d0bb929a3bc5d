import Foundation
import Glibc
import Testing

@testable import HTTPServer

/// The blocking HTTP/1.1 client against our own server and against raw listeners on 127.0.0.1.
@Suite("HTTP client over real sockets")
struct HTTPClientTests {
    static let client = HTTPClient(connectTimeout: .seconds(2), readTimeout: .seconds(2))

    static func url(_ port: Int, _ path: String = "/") throws -> HTTPURL {
        try #require(HTTPURL("http://127.0.0.1:\(port)\(path)"))
    }

    @Test func parsesOnlyPlainHTTPURLs() {
        let full = HTTPURL("http://gateway.city.cn:8081/sms/send?x=1")
        #expect(full?.host == "gateway.city.cn" && full?.port == 8081 && full?.path == "/sms/send?x=1")
        #expect(full?.hostHeader == "gateway.city.cn:8081")
        let bare = HTTPURL("HTTP://10.0.0.5")
        #expect(bare?.host == "10.0.0.5" && bare?.port == 80 && bare?.path == "/" && bare?.hostHeader == "10.0.0.5")
        let v6 = HTTPURL("http://[::1]:9000/hook")
        #expect(v6?.host == "::1" && v6?.port == 9000 && v6?.hostHeader == "[::1]:9000")
        for bad in [
            "https://gateway/sms", "ftp://x/", "http://", "http:///path", "http://host:0/", "http://host:70000/",
            "http://host:8x/", "http://user@host/", "http://host/a b", "gateway:80/sms", "http://[::1/",
        ] {
            #expect(HTTPURL(bad) == nil, "\(bad)")
        }
    }

    @Test func postsToOurServerAndReadsAContentLengthBody() throws {
        var router = HTTPRouter()
        router.add(
            "POST", "/hook",
            .blocking { request in
                var headers = HTTPHeaders()
                headers.add("X-Key", request.headers["Idempotency-Key"] ?? "")
                headers.add("X-Host", request.headers["Host"] ?? "")
                return HTTPResponse(status: 201, headers: headers, body: request.body.reversed())
            })
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        configuration.accessLogDescriptor = nil
        let server = HTTPServer(configuration: configuration, router: router)
        try server.start()
        defer {
            server.shutdown()
            server.wait()
        }
        var headers = HTTPHeaders()
        headers.add("Idempotency-Key", "k-1")
        headers.add("Content-Length", "999")  // the client sets the real one
        let body = Array("{\"text\":\"你好\"}".utf8)
        let response = try Self.client.send(
            "POST", to: try Self.url(server.port, "/hook"), headers: headers, body: body)
        #expect(response.status == 201)
        #expect(response.body == body.reversed())
        #expect(response.headers["X-Key"] == "k-1")
        #expect(response.headers["X-Host"] == "127.0.0.1:\(server.port)")
        // A second request on a new connection works the same (one request per connection).
        let again = try Self.client.send("POST", to: try Self.url(server.port, "/hook"), body: [1, 2, 3])
        #expect(again.status == 201 && again.body == [3, 2, 1])
    }

    @Test func readsCloseDelimitedChunkedAndInterimResponses() throws {
        let replies: [String: String] = [
            "/close": "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end",
            "/chunked":
                "HTTP/1.1 202 Accepted\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n",
            "/continue": "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
            "/nocontent": "HTTP/1.1 204 No Content\r\n\r\n",
        ]
        let listener = try RawListener { request in
            let line = String(decoding: request.prefix(64), as: UTF8.self)
            let path = line.split(separator: " ").dropFirst().first.map(String.init) ?? ""
            return .bytes(Array((replies[path] ?? "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n").utf8))
        }
        defer { listener.stop() }
        let closed = try Self.client.send("POST", to: try Self.url(listener.port, "/close"), body: Array("x".utf8))
        #expect(closed.status == 200 && closed.text == "until the end")
        let chunked = try Self.client.send("POST", to: try Self.url(listener.port, "/chunked"))
        #expect(chunked.status == 202 && chunked.text == "hello world")
        let interim = try Self.client.send("POST", to: try Self.url(listener.port, "/continue"))
        #expect(interim.status == 200 && interim.text == "ok")
        let empty = try Self.client.send("POST", to: try Self.url(listener.port, "/nocontent"))
        #expect(empty.status == 204 && empty.body.isEmpty)
        // What the listener received: our request line, Host, Content-Length, Connection: close, the body.
        let first = try #require(listener.requests.withLock { $0.first })
        let text = String(decoding: first, as: UTF8.self)
        #expect(text.hasPrefix("POST /close HTTP/1.1\r\nHost: 127.0.0.1:\(listener.port)\r\n"))
        #expect(text.contains("Content-Length: 1\r\nConnection: close\r\n\r\nx"))
    }

    @Test func aSilentServerTimesOutAndAClosingOneIsReported() throws {
        let silent = try RawListener { _ in .silence(1.5) }
        defer { silent.stop() }
        let quick = HTTPClient(connectTimeout: .seconds(1), readTimeout: .milliseconds(200))
        let start = ContinuousClock.now
        #expect(throws: HTTPClientError.timedOut) {
            try quick.send("POST", to: try Self.url(silent.port), body: [1])
        }
        let elapsed = ContinuousClock.now - start
        #expect(elapsed >= .milliseconds(190) && elapsed < .seconds(1), "took \(elapsed)")

        let closing = try RawListener { _ in .close }
        defer { closing.stop() }
        #expect(throws: HTTPClientError.connectionClosed) {
            try quick.send("POST", to: try Self.url(closing.port), body: [1])
        }
        let truncated = try RawListener { _ in .bytes(Array("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc".utf8)) }
        defer { truncated.stop() }
        #expect(throws: HTTPClientError.connectionClosed) {
            try quick.send("POST", to: try Self.url(truncated.port))
        }
    }

    @Test func randomlyDamagedResponsesAreParsedOrRefusedNeverCrash() throws {
        let valid = [
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX: y\r\n\r\nhello",
            "HTTP/1.1 202 Accepted\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
            "HTTP/1.0 100 Continue\r\n\r\nHTTP/1.0 500 Oops\r\n\r\nclose-delimited",
        ].map { Array($0.utf8) }
        var generator = SystemRandomNumberGenerator()
        var parsed = 0
        var refused = 0
        for round in 0..<3000 {
            var bytes = valid[round % valid.count]
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let position = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[position] = UInt8.random(in: 0...255, using: &generator)
                case 1: bytes.remove(at: position)
                default: bytes.insert(UInt8.random(in: 0...255, using: &generator), at: position)
                }
                if bytes.isEmpty { bytes = [0] }
            }
            for closed in [false, true] {
                do {
                    if try HTTPClientResponse.parse(bytes, closed: closed) != nil { parsed += 1 }
                } catch {
                    refused += 1
                }
            }
        }
        // Some damage is harmless (a changed reason phrase or body byte), some is not: both outcomes occur.
        #expect(parsed > 0 && refused > 0)
    }

    @Test func refusedConnectionsAndMalformedResponsesAreErrors() throws {
        // A port that was just free: bind, read the port, close.
        let probe = try RawListener { _ in .close }
        let freePort = probe.port
        probe.stop()
        #expect {
            try Self.client.send("POST", to: try Self.url(freePort))
        } throws: { error in
            guard case .connectFailed(_, let port, let code) = error as? HTTPClientError else { return false }
            return port == freePort && code == ECONNREFUSED
        }
        #expect(throws: HTTPClientError.cannotResolve(host: "no-such-host.invalid")) {
            try Self.client.send("POST", to: try #require(HTTPURL("http://no-such-host.invalid/")))
        }
        let cases: [(String, HTTPClientError)] = [
            ("HTTP/2 200 OK\r\n\r\n", .malformedResponse("bad status line")),
            ("HTTP/1.1 20 OK\r\n\r\n", .malformedResponse("bad status line")),
            ("HTTP/1.1 200 OK\r\nBad Header\r\n\r\n", .malformedResponse("bad header line")),
            ("HTTP/1.1 200 OK\r\nContent-Length: 1, 2\r\n\r\nab", .malformedResponse("bad Content-Length")),
            ("HTTP/1.1 200 OK\r\nContent-Length: 2000000\r\n\r\n", .responseTooLarge),
            ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", .malformedResponse("bad chunk size")),
            (
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n",
                .malformedResponse("unsupported transfer coding 'gzip'")
            ),
        ]
        for (reply, expected) in cases {
            let listener = try RawListener { _ in .bytes(Array(reply.utf8)) }
            defer { listener.stop() }
            #expect(throws: expected, "\(reply.debugDescription)") {
                try Self.client.send("POST", to: try Self.url(listener.port))
            }
        }
    }
}
