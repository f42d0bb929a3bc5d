import Foundation
import Glibc
import Testing

@testable import HTTPServer
import TestData

@Suite("HTTP server over real sockets")
struct HTTPServerTests {
    @Test func answersGetHeadAndPathParameters() throws {
        let server = try startTestServer()
        defer {
            server.shutdown()
            server.wait()
        }
        let client = try TestClient(port: server.port)
        client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        let health = try #require(client.readResponse())
        #expect(health.status == 200)
        #expect(health.text == #"{"status":"ok"}"#)
        #expect(health.headers["content-type"] == "application/json; charset=utf-8")
        #expect(health.headers["date"] != nil)

        client.send("HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        let head = try #require(client.readResponse(head: true))
        #expect(head.status == 200 && head.body.isEmpty && head.headers["content-length"] == "15")

        client.send("GET /items/a%20b?q=x+y%26z&other HTTP/1.1\r\nHost: x\r\n\r\n")
        let item = try #require(client.readResponse())
        #expect(item.text == #"{"id":"a b","q":"x y&z"}"#)

        client.send("GET /items/special HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(client.readResponse()?.text == #"{"special":true}"#)
    }

    @Test func notFoundAndMethodNotAllowedUseTheErrorShape() throws {
        let server = try startTestServer()
        defer {
            server.shutdown()
            server.wait()
        }
        let client = try TestClient(port: server.port)
        client.send("GET /nope HTTP/1.1\r\nHost: x\r\n\r\n")
        let missing = try #require(client.readResponse())
        #expect(missing.status == 404 && missing.errorCode == "not_found")
        client.send("PUT /items/7 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
        let wrong = try #require(client.readResponse())
        #expect(wrong.status == 405 && wrong.errorCode == "method_not_allowed")
        #expect(wrong.headers["allow"] == "DELETE, GET, HEAD")
        // Both kept the connection open.
        client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(client.readResponse()?.status == 200)
    }

    @Test func handlerErrorsBecomeJSONErrors() throws {
        let server = try startTestServer()
        defer {
            server.shutdown()
            server.wait()
        }
        let conflict = try #require(try exchange(server.port, "GET /fail HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(conflict.status == 409 && conflict.errorCode == "conflict")
        let crash = try #require(try exchange(server.port, "GET /crash HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(crash.status == 500 && crash.errorCode == "internal_error" && !crash.text.contains("boom"))
        let later = try #require(try exchange(server.port, "GET /later HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(later.status == 200 && later.text == "later")
    }

    /// Malformed and hostile requests: each gets its status and error code, and the server keeps serving.
    static let hostile: [(name: String, raw: String, status: Int, code: String)] = [
        ("garbage request line", "HELLO\r\n\r\n", 400, "invalid_request_line"),
        ("two spaces", "GET  / HTTP/1.1\r\nHost: x\r\n\r\n", 400, "invalid_request_line"),
        ("missing version", "GET /\r\nHost: x\r\n\r\n", 400, "invalid_request_line"),
        ("lowercase version", "GET / http/1.1\r\nHost: x\r\n\r\n", 400, "invalid_version"),
        ("HTTP/2.0", "GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505, "version_not_supported"),
        ("HTTP/0.9 style", "GET / HTTP/0.9\r\n\r\n", 505, "version_not_supported"),
        ("unknown method", "BREW /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 405, "method_not_allowed"),
        ("method with control byte", "G\u{1}T / HTTP/1.1\r\nHost: x\r\n\r\n", 400, "invalid_method"),
        ("bare LF line ends", "GET /healthz HTTP/1.1\nHost: x\n\n", 400, "bad_line_ending"),
        ("missing Host", "GET /healthz HTTP/1.1\r\n\r\n", 400, "invalid_host"),
        ("two Host headers", "GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400, "invalid_host"),
        ("absolute-form target", "GET http://x/healthz HTTP/1.1\r\nHost: x\r\n\r\n", 400, "invalid_target"),
        ("fragment in target", "GET /healthz#x HTTP/1.1\r\nHost: x\r\n\r\n", 400, "invalid_target"),
        ("non-ASCII target", "GET /caf\u{e9} HTTP/1.1\r\nHost: x\r\n\r\n", 400, "invalid_target"),
        ("path traversal", "GET /items/../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n", 400, "invalid_path"),
        ("encoded traversal", "GET /items/%2e%2e/secret HTTP/1.1\r\nHost: x\r\n\r\n", 400, "invalid_path"),
        ("encoded slash", "GET /items/a%2Fb HTTP/1.1\r\nHost: x\r\n\r\n", 400, "invalid_path"),
        ("bad percent escape", "GET /items/%zz HTTP/1.1\r\nHost: x\r\n\r\n", 400, "invalid_encoding"),
        ("truncated percent escape", "GET /items/a% HTTP/1.1\r\nHost: x\r\n\r\n", 400, "invalid_encoding"),
        ("encoded NUL", "GET /items/a%00b HTTP/1.1\r\nHost: x\r\n\r\n", 400, "invalid_encoding"),
        ("invalid UTF-8 in path", "GET /items/%C3%28 HTTP/1.1\r\nHost: x\r\n\r\n", 400, "invalid_encoding"),
        ("invalid UTF-8 in query", "GET /items/a?q=%FF HTTP/1.1\r\nHost: x\r\n\r\n", 400, "invalid_encoding"),
        (
            "request line too long", "GET /" + String(repeating: "a", count: 9000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
            414, "uri_too_long"
        ),
        (
            "header section too large",
            "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "b", count: 33000) + "\r\n\r\n", 431,
            "headers_too_large"
        ),
        (
            "too many header fields",
            "GET /healthz HTTP/1.1\r\nHost: x\r\n" + (0..<101).map { "X-\($0): 1\r\n" }.joined() + "\r\n", 431,
            "headers_too_large"
        ),
        (
            "obsolete line folding", "GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n  folded\r\n\r\n", 400,
            "invalid_header"
        ),
        ("space before colon", "GET /healthz HTTP/1.1\r\nHost : x\r\n\r\n", 400, "invalid_header"),
        ("header without colon", "GET /healthz HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n", 400, "invalid_header"),
        (
            "header injection via CR", "GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\rSet-Cookie: b\r\n\r\n", 400,
            "invalid_header"
        ),
        ("NUL in header value", "GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\u{0}b\r\n\r\n", 400, "invalid_header"),
        (
            "negative Content-Length", "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400,
            "invalid_content_length"
        ),
        (
            "non-numeric Content-Length", "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 12abc\r\n\r\n", 400,
            "invalid_content_length"
        ),
        (
            "duplicate Content-Length",
            "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc", 400,
            "invalid_content_length"
        ),
        (
            "Content-Length list", "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3, 4\r\n\r\nabc", 400,
            "invalid_content_length"
        ),
        (
            "huge Content-Length", "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n",
            400, "invalid_content_length"
        ),
        (
            "Content-Length and chunked",
            "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\nabc", 400,
            "invalid_framing"
        ),
        (
            "chunked body", "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
            411, "length_required"
        ),
        (
            "unknown transfer coding", "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 501,
            "not_implemented"
        ),
        (
            "body over default limit", "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n", 413,
            "body_too_large"
        ),
        (
            "body over route limit", "POST /small HTTP/1.1\r\nHost: x\r\nContent-Length: 17\r\n\r\n12345678901234567",
            413, "body_too_large"
        ),
        (
            "unsupported Expect", "POST /echo HTTP/1.1\r\nHost: x\r\nExpect: magic\r\nContent-Length: 1\r\n\r\na", 417,
            "expectation_failed"
        ),
        (
            "too many leading empty lines", "\r\n\r\n\r\n\r\n\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 400,
            "invalid_request_line"
        ),
    ]

    @Test func hostileRequestsGetTheRightStatusAndTheServerKeepsServing() throws {
        #expect(Self.hostile.count >= 30)
        let server = try startTestServer()
        defer {
            server.shutdown()
            server.wait()
        }
        for (name, raw, status, code) in Self.hostile {
            let response = try exchange(server.port, raw)
            #expect(response?.status == status, "\(name)")
            #expect(response?.errorCode == code, "\(name): \(response?.text ?? "no response")")
            if status != 405 { #expect(response?.headers["connection"] == "close", "\(name)") }
            let health = try exchange(server.port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(health?.status == 200, "server still serving after \(name)")
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        let server = try startTestServer()
        defer {
            server.shutdown()
            server.wait()
        }
        let client = try TestClient(port: server.port)
        client.send(
            "GET /items/1 HTTP/1.1\r\nHost: x\r\n\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhelloGET /later HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /items/2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let texts = (0..<5).map { _ in client.readResponse()?.text ?? "missing" }
        #expect(texts == [#"{"id":"1","q":""}"#, #"{"status":"ok"}"#, "hello", "later", #"{"id":"2","q":""}"#])
        #expect(client.isClosedByServer())
    }

    @Test func bodiesArriveInPiecesAndExpectContinueIsAnswered() throws {
        let server = try startTestServer()
        defer {
            server.shutdown()
            server.wait()
        }
        let client = try TestClient(port: server.port)
        client.send("POST /echo HTTP/1.1\r\nHo")
        usleep(20_000)
        client.send("st: x\r\nContent-Length: 10\r\nExpect: 100-continue\r\n\r\n")
        #expect(client.readResponse()?.status == 100)
        client.send("01234")
        usleep(20_000)
        client.send("56789")
        #expect(client.readResponse()?.text == "0123456789")
    }

    @Test func http10ClosesUnlessKeepAliveIsAsked() throws {
        let server = try startTestServer()
        defer {
            server.shutdown()
            server.wait()
        }
        let plain = try TestClient(port: server.port)
        plain.send("GET /healthz HTTP/1.0\r\n\r\n")
        #expect(plain.readResponse()?.headers["connection"] == "close")
        #expect(plain.isClosedByServer())
        let kept = try TestClient(port: server.port)
        kept.send("GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        #expect(kept.readResponse()?.headers["connection"] == "keep-alive")
        kept.send("GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        #expect(kept.readResponse()?.status == 200)
    }

    @Test func idleConnectionsDoNotStarveANormalRequest() throws {
        let server = try startTestServer()
        defer {
            server.shutdown()
            server.wait()
        }
        var idle: [TestClient] = []
        for index in 0..<200 {
            let client = try TestClient(port: server.port)
            if index % 2 == 0 { client.send("GET /healthz HTTP/1.1\r\nHo") }  // half send a partial head
            idle.append(client)
        }
        let started = Date()
        let response = try exchange(server.port, "GET /items/9 HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(response?.status == 200)
        #expect(Date().timeIntervalSince(started) < 1.0)
        #expect(idle.count == 200)
    }

    @Test func slowHeadsGet408AndIdleConnectionsAreClosed() throws {
        let server = try startTestServer {
            $0.headerReadTimeout = .milliseconds(300)
            $0.idleTimeout = .milliseconds(400)
        }
        defer {
            server.shutdown()
            server.wait()
        }
        let slow = try TestClient(port: server.port)
        slow.send("GET /healthz HTTP/1.1\r\nHost: x\r\n")
        let timedOut = slow.readResponse()
        #expect(timedOut?.status == 408 && timedOut?.errorCode == "request_timeout")
        #expect(slow.isClosedByServer())

        let idle = try TestClient(port: server.port)
        idle.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(idle.readResponse()?.status == 200)
        let started = Date()
        #expect(idle.isClosedByServer())
        let waited = Date().timeIntervalSince(started)
        #expect(waited > 0.2 && waited < 2.0)
    }

    @Test func connectionsBeyondTheLimitGet503() throws {
        let server = try startTestServer { $0.maxConnections = 3 }
        defer {
            server.shutdown()
            server.wait()
        }
        let held = try (0..<3).map { _ in try TestClient(port: server.port) }
        for client in held {
            client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(client.readResponse()?.status == 200)
        }
        let refused = try exchange(server.port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(refused?.status == 503 && refused?.errorCode == "too_many_connections")
        held[0].send("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(held[0].readResponse()?.status == 200)
        #expect(held[0].isClosedByServer())
        held[0].finishSending()
        usleep(50_000)
        let admitted = try exchange(server.port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(admitted?.status == 200)
    }

    @Test func shutdownFinishesInFlightRequestsAndStopsAccepting() throws {
        let server = try startTestServer { $0.shutdownGracePeriod = .seconds(5) }
        let busy = try TestClient(port: server.port)
        busy.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        let idle = try TestClient(port: server.port)
        usleep(50_000)
        server.shutdown()
        let response = busy.readResponse()
        #expect(response?.status == 200 && response?.text == #"{"slow":true}"#)
        #expect(response?.headers["connection"] == "close")
        #expect(idle.isClosedByServer())
        server.wait()
        #expect(throws: TestFailure.self) { _ = try TestClient(port: server.port) }
    }

    @Test(.enabled(if: TestData.tool("curl") != nil, "curl is not installed"))
    func curlTalksToTheServer() throws {
        let curl = try #require(TestData.tool("curl"))
        let server = try startTestServer()
        defer {
            server.shutdown()
            server.wait()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: curl)
        let base = "http://127.0.0.1:\(server.port)"
        process.arguments = [
            "-sS", "--max-time", "5", "\(base)/healthz", "--next", "-sS", "-X", "POST", "--data-binary",
            String(repeating: "z", count: 2000), "\(base)/echo", "--next", "-sS", "-o", "/dev/null", "-w",
            "%{http_code}",
            "\(base)/missing",
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0)
        #expect(output == #"{"status":"ok"}"# + String(repeating: "z", count: 2000) + "404")
    }
}
