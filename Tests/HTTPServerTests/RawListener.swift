import Foundation
import Glibc
import Synchronization

/// A listener on 127.0.0.1 (OS-chosen port) that reads each request whole and answers with exact bytes,
/// or not at all: for responses our own server never sends (close-delimited, chunked, broken).
final class RawListener: Sendable {
    enum Reply: Sendable {
        /// Send these bytes, then close.
        case bytes([UInt8])
        /// Say nothing for this long, then close.
        case silence(Double)
        /// Close at once without answering.
        case close
    }

    let port: Int
    private let fd: Int32
    private let done = DispatchSemaphore(value: 0)
    /// Every request received, head and body as sent.
    let requests = Mutex<[[UInt8]]>([])

    init(reply: @escaping @Sendable ([UInt8]) -> Reply) throws {
        let listenFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        fd = listenFD
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(listenFD, pointer, length) == 0 && listen(listenFD, 16) == 0
                    && getsockname(listenFD, pointer, &length) == 0
            }
        }
        guard bound else {
            close(listenFD)
            throw TestFailure("cannot listen: \(errno)")
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread { [self] in
            while true {
                let connection = accept(listenFD, nil, nil)
                if connection < 0 { break }
                Thread {
                    let request = Self.readRequest(connection)
                    self.requests.withLock { $0.append(request) }
                    switch reply(request) {
                    case .bytes(let bytes):
                        _ = bytes.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                    case .silence(let seconds): usleep(UInt32(seconds * 1_000_000))
                    case .close: break
                    }
                    close(connection)
                }.start()
            }
            done.signal()
        }.start()
    }

    /// Stops accepting and waits for the accept thread.
    func stop() {
        shutdown(fd, Int32(SHUT_RDWR))
        done.wait()
        close(fd)
    }

    /// Reads a head and its Content-Length body (or what arrives within a second).
    static func readRequest(_ fd: Int32) -> [UInt8] {
        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            if let end = headEnd(received) {
                let head = String(decoding: received[..<end], as: UTF8.self).lowercased()
                let length =
                    head.components(separatedBy: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                if received.count >= end + 4 + length { return received }
            }
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return received }
            received.append(contentsOf: chunk[0..<count])
        }
    }

    static func headEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        return (0...(bytes.count - 4)).first { bytes[$0..<($0 + 4)].elementsEqual([13, 10, 13, 10]) }
    }
}
