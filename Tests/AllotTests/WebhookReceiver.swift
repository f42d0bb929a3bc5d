import Foundation
import Glibc
import Synchronization

@testable import Allot

/// A stand-in for a city's SMS gateway on 127.0.0.1 (OS-chosen port), over a plain socket so that it can
/// misbehave on purpose. Like a real gateway it dedupes by idempotency key: a key it has accepted before
/// is answered 200 again but not accepted (not sent as SMS) a second time.
final class WebhookReceiver: Sendable {
    enum Behavior: Sendable, Equatable {
        /// Accept (unless a duplicate) and answer 200.
        case accept
        /// Answer this status without accepting; `retryAfter` adds a Retry-After header.
        case fail(Int, retryAfter: Int? = nil)
        /// Accept at once, but answer 200 only after this many seconds (after the client gave up).
        case slow(Double)
        /// Read only the head, then close the socket without reading the body or answering.
        case dieMidRequest
        /// Read the whole request and accept it, then close the socket without answering.
        case dieAfterAccepting
    }

    /// One request as received.
    struct Request: Sendable, Equatable {
        let headerKey: String?
        let bodyKey: String?
        let messageID: Int64?
        let to: String?
        let text: String?
        let path: String
        let behavior: Behavior
    }

    private struct State {
        var script: [Behavior]
        var requests: [Request] = []
        /// Idempotency keys accepted (handed to the "SMS network"), with how often each was accepted.
        var accepted: [String: Int] = [:]
        /// Which message each accepted key was for.
        var acceptedMessage: [String: Int64] = [:]
    }

    let port: Int
    private let fd: Int32
    private let state: Mutex<State>
    private let done = DispatchSemaphore(value: 0)
    private let handlers = DispatchGroup()

    /// `script` is the behavior for the 1st, 2nd, … request; requests after it are accepted.
    init(script: [Behavior] = []) throws {
        state = Mutex(State(script: script))
        let listenFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        fd = listenFD
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(listenFD, pointer, length) == 0 && listen(listenFD, 64) == 0
                    && getsockname(listenFD, pointer, &length) == 0
            }
        }
        guard bound else {
            close(listenFD)
            throw ReceiverFailure.cannotListen
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread { [self] in
            while true {
                let connection = accept(listenFD, nil, nil)
                if connection < 0 { break }
                handlers.enter()
                Thread { [self] in
                    handle(connection)
                    handlers.leave()
                }.start()
            }
            done.signal()
        }.start()
    }

    var url: String { "http://127.0.0.1:\(port)/sms/send" }

    /// Stops accepting and waits until every connection was handled.
    func stop() {
        shutdown(fd, Int32(SHUT_RDWR))
        done.wait()
        handlers.wait()
        close(fd)
    }

    var requests: [Request] { state.withLock { $0.requests } }
    var accepted: [String: Int] { state.withLock { $0.accepted } }
    var acceptedMessage: [String: Int64] { state.withLock { $0.acceptedMessage } }

    private func handle(_ connection: Int32) {
        defer { close(connection) }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let behavior = state.withLock { $0.script.isEmpty ? Behavior.accept : $0.script.removeFirst() }
        guard let (head, body) = Self.read(connection, wholeBody: behavior != .dieMidRequest) else { return }
        let lines = head.components(separatedBy: "\r\n")
        let path = lines.first?.split(separator: " ").dropFirst().first.map(String.init) ?? ""
        let headerKey = lines.first { $0.lowercased().hasPrefix("idempotency-key:") }
            .map { String($0.dropFirst("idempotency-key:".count)).trimmingCharacters(in: .whitespaces) }
        let json = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
        let bodyKey = json?["idempotencyKey"] as? String
        let messageID = (json?["messageId"] as? NSNumber)?.int64Value
        state.withLock {
            $0.requests.append(
                Request(
                    headerKey: headerKey, bodyKey: bodyKey, messageID: messageID, to: json?["to"] as? String,
                    text: json?["text"] as? String, path: path, behavior: behavior))
        }
        func accept() {
            guard let key = headerKey, key == bodyKey else { return }
            state.withLock { state in
                if state.accepted[key] == nil {
                    state.accepted[key] = 1
                    state.acceptedMessage[key] = messageID
                }
            }
        }
        switch behavior {
        case .accept:
            accept()
            Self.reply(connection, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        case .fail(let status, let retryAfter):
            let extra = retryAfter.map { "Retry-After: \($0)\r\n" } ?? ""
            Self.reply(
                connection, "HTTP/1.1 \(status) Failed\r\n\(extra)Content-Length: 9\r\n\r\ngateway \(status / 100)")
        case .slow(let seconds):
            accept()
            usleep(UInt32(seconds * 1_000_000))
            Self.reply(connection, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        case .dieMidRequest:
            break
        case .dieAfterAccepting:
            accept()
        }
    }

    private static func reply(_ connection: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// The head as text and the Content-Length body; with `wholeBody` false, only the head.
    private static func read(_ fd: Int32, wholeBody: Bool) -> (String, [UInt8])? {
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            if received.count >= 4,
                let end = (0...(received.count - 4)).first(where: {
                    received[$0..<($0 + 4)].elementsEqual([13, 10, 13, 10])
                })
            {
                let head = String(decoding: received[..<end], as: UTF8.self)
                if !wholeBody { return (head, []) }
                let length =
                    head.components(separatedBy: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) }
                    ?? 0
                if received.count >= end + 4 + length {
                    return (head, Array(received[(end + 4)..<(end + 4 + length)]))
                }
            }
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return nil }
            received.append(contentsOf: chunk[0..<count])
        }
    }

    enum ReceiverFailure: Error { case cannotListen }
}

/// A clock the test moves by hand, for backoff times.
final class TestClock: Sendable {
    private let time: Mutex<Date>

    init(_ start: Date = Fixtures.now) { time = Mutex(start) }

    var now: Date { time.withLock { $0 } }

    func advance(_ seconds: Double) { time.withLock { $0 = $0.addingTimeInterval(seconds) } }

    var function: @Sendable () -> Date { { [self] in now } }
}
