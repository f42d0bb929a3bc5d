import CSystem
import Foundation
import Glibc

/// A small blocking HTTP/1.1 client over POSIX sockets: one request per connection (`Connection:
/// close`), a `Content-Length` request body, and a response read whole (Content-Length, chunked or
/// close-delimited) within a deadline. Made for posting messages to a gateway, not for browsing.
public struct HTTPClient: Sendable {
    /// Longest wait for the TCP connection.
    public var connectTimeout: Duration
    /// Longest wait from the start of sending until the complete response has arrived.
    public var readTimeout: Duration

    public init(connectTimeout: Duration, readTimeout: Duration) {
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
    }

    /// Sends `method` to `url` with `headers` and `body` and returns the response, whatever its status.
    /// `Host`, `Content-Length` and `Connection` are set by the client. Not for `HEAD` (its response
    /// announces a body it does not send).
    public func send(
        _ method: String, to url: HTTPURL, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []
    ) throws(HTTPClientError) -> HTTPClientResponse {
        let fd = try connect(to: url)
        defer { close(fd) }
        let deadline = ContinuousClock.now + readTimeout
        var request = "\(method) \(url.path) HTTP/1.1\r\nHost: \(url.hostHeader)\r\n"
        for (name, value) in headers
        where !["host", "content-length", "connection", "transfer-encoding"].contains(name.lowercased()) {
            request += "\(name): \(value)\r\n"
        }
        request += "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        try write(Array(request.utf8) + body, to: fd, deadline: deadline)
        return try readResponse(from: fd, deadline: deadline)
    }

    /// A connected, non-blocking socket to the first address of `url.host` that accepts in time.
    private func connect(to url: HTTPURL) throws(HTTPClientError) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(url.host, String(url.port), &hints, &list) == 0, let first = list else {
            throw .cannotResolve(host: url.host)
        }
        defer { freeaddrinfo(list) }
        let deadline = ContinuousClock.now + connectTimeout
        var lastError: Int32 = ECONNREFUSED
        var current: UnsafeMutablePointer<addrinfo>? = first
        while let info = current {
            current = info.pointee.ai_next
            let fd = socket(
                info.pointee.ai_family, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else {
                lastError = errno
                continue
            }
            if Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 { return fd }
            guard errno == EINPROGRESS else {
                lastError = errno
                close(fd)
                continue
            }
            guard try wait(fd, for: Int16(POLLOUT), until: deadline) else {
                close(fd)
                throw .connectTimedOut(host: url.host, port: url.port)
            }
            var code: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length) == 0 else {
                lastError = errno
                close(fd)
                continue
            }
            if code == 0 { return fd }
            lastError = code
            close(fd)
        }
        throw .connectFailed(host: url.host, port: url.port, errno: lastError)
    }

    private func write(_ bytes: [UInt8], to fd: Int32, deadline: ContinuousClock.Instant) throws(HTTPClientError) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { buffer in
                Glibc.send(fd, buffer.baseAddress.map { $0 + offset }, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent > 0 {
                offset += sent
            } else if sent < 0, errno == EAGAIN || errno == EWOULDBLOCK {
                guard try wait(fd, for: Int16(POLLOUT), until: deadline) else { throw .timedOut }
            } else if sent < 0, errno == EINTR {
                continue
            } else {
                throw .sendFailed(errno: sent < 0 ? errno : EPIPE)
            }
        }
    }

    private func readResponse(from fd: Int32, deadline: ContinuousClock.Instant) throws(HTTPClientError)
        -> HTTPClientResponse
    {
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                received.append(contentsOf: chunk[0..<count])
                if let response = try HTTPClientResponse.parse(received, closed: false) { return response }
            } else if count == 0 {
                guard let response = try HTTPClientResponse.parse(received, closed: true) else {
                    throw .connectionClosed
                }
                return response
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                guard try wait(fd, for: Int16(POLLIN), until: deadline) else { throw .timedOut }
            } else if errno == EINTR {
                continue
            } else if errno == ECONNRESET {
                throw .connectionClosed
            } else {
                throw .system("recv", errno)
            }
        }
    }

    /// Polls `fd` for `events` until `deadline`; false when the deadline passed first.
    private func wait(_ fd: Int32, for events: Int16, until deadline: ContinuousClock.Instant)
        throws(HTTPClientError) -> Bool
    {
        while true {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { return false }
            let (seconds, attoseconds) = remaining.components
            let milliseconds = Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
            var descriptor = pollfd(fd: fd, events: events, revents: 0)
            let ready = poll(&descriptor, 1, milliseconds)
            if ready > 0 { return true }
            if ready < 0, errno != EINTR { throw .system("poll", errno) }
        }
    }
}
