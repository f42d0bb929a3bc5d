import Foundation
import Glibc

@testable import HTTPServer

/// A deliberately dumb blocking client over a real TCP socket, for sending exact bytes.
final class TestClient {
    let fd: Int32
    private var buffer: [UInt8] = []

    init(port: Int, receiveTimeout: Double = 5) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket: \(errno)") }
        var timeout = timeval(
            tv_sec: Int(receiveTimeout), tv_usec: Int((receiveTimeout.truncatingRemainder(dividingBy: 1)) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            throw TestFailure("connect: \(errno)")
        }
    }

    deinit { close(fd) }

    func send(_ text: String) { send(Array(text.utf8)) }

    /// Sends EOF; the server sees the client finished.
    func finishSending() { shutdown(fd, Int32(SHUT_WR)) }

    func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if n <= 0 { return }
            offset += n
        }
    }

    /// Reads one response (head + Content-Length body); nil on EOF or timeout before a full response.
    func readResponse(head isHead: Bool = false) -> TestResponse? {
        while true {
            if let response = TestResponse.parse(&buffer, isHead: isHead) { return response }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, 65536, 0) }
            if n <= 0 { return nil }
            buffer.append(contentsOf: chunk[0..<n])
        }
    }

    /// True when the server closed the connection (EOF) within the receive timeout.
    func isClosedByServer() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, 4096, 0) }
            if n == 0 { return true }
            if n < 0 { return errno == ECONNRESET }
        }
    }
}

struct TestResponse {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }

    /// The `code` of an `{"error":{"code",...}}` body.
    var errorCode: String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            let error = object["error"] as? [String: Any]
        else { return nil }
        return error["code"] as? String
    }

    static func parse(_ buffer: inout [UInt8], isHead: Bool) -> TestResponse? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard buffer.count >= 4,
            let end = (0...(buffer.count - 4)).first(where: { Array(buffer[$0..<($0 + 4)]) == separator })
        else { return nil }
        let headText = String(decoding: buffer[0..<end], as: UTF8.self)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        let length = isHead || status == 100 ? 0 : Int(headers["content-length"] ?? "0") ?? 0
        guard buffer.count >= end + 4 + length else { return nil }
        let body = Array(buffer[(end + 4)..<(end + 4 + length)])
        buffer.removeFirst(end + 4 + length)
        return TestResponse(status: status, headers: headers, body: body)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Starts a server on an OS-chosen port with a router covering the test cases.
func startTestServer(_ adjust: (inout HTTPServerConfiguration) -> Void = { _ in }) throws -> HTTPServer {
    var configuration = HTTPServerConfiguration()
    configuration.port = 0
    configuration.accessLogDescriptor = nil
    adjust(&configuration)
    let server = HTTPServer(configuration: configuration, router: testRouter())
    try server.start()
    return server
}

func testRouter() -> HTTPRouter {
    var router = HTTPRouter()
    router.add("GET", "/healthz", .inline { _ in .json(Array(#"{"status":"ok"}"#.utf8)) })
    router.add(
        "GET", "/items/{id}",
        .blocking { request in
            .json(Array("{\"id\":\"\(request.pathParameter("id") ?? "")\",\"q\":\"\(request.query("q") ?? "")\"}".utf8))
        })
    router.add("GET", "/items/special", .inline { _ in .json(Array(#"{"special":true}"#.utf8)) })
    router.add("DELETE", "/items/{id}", .blocking { _ in HTTPResponse(status: 204) })
    router.add("POST", "/echo", .blocking { request in HTTPResponse(status: 200, body: request.body) })
    router.add(
        "POST", "/small", options: .init(maxBodySize: 16), .blocking { request in HTTPResponse(body: request.body) })
    router.add(
        "GET", "/slow",
        .blocking { _ in
            usleep(300_000)
            return .json(Array(#"{"slow":true}"#.utf8))
        })
    router.add("GET", "/fail", .blocking { _ in throw HTTPError(status: 409, code: "conflict", message: "taken") })
    router.add("GET", "/crash", .blocking { _ in throw TestFailure("boom") })
    router.add(
        "GET", "/later",
        .deferred { _, responder in
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) {
                responder.respond(HTTPResponse(body: Array("later".utf8)))
            }
        })
    return router
}

/// Sends raw bytes on a new connection and returns the first response.
func exchange(_ port: Int, _ raw: String) throws -> TestResponse? {
    let client = try TestClient(port: port)
    client.send(raw)
    return client.readResponse()
}
