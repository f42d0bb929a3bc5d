import Glibc

/// Why an `HTTPClient` request got no complete response. Every case but `invalidURL` may be transient.
public enum HTTPClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The host name did not resolve.
    case cannotResolve(host: String)
    /// Every address refused or failed the connection; carries the last errno.
    case connectFailed(host: String, port: Int, errno: Int32)
    /// No connection within the connect timeout.
    case connectTimedOut(host: String, port: Int)
    /// Writing the request failed (the peer reset or closed the connection); carries errno.
    case sendFailed(errno: Int32)
    /// The complete response did not arrive within the read timeout.
    case timedOut
    /// The peer closed the connection before a complete response.
    case connectionClosed
    /// The response is not HTTP/1.x as we read it.
    case malformedResponse(String)
    /// The response head or body is over the client's limits.
    case responseTooLarge
    /// A system call failed; carries its name and errno.
    case system(String, Int32)

    public var description: String {
        switch self {
        case .cannotResolve(let host): "cannot resolve host '\(host)'"
        case .connectFailed(let host, let port, let code): "cannot connect to \(host):\(port): \(Self.text(code))"
        case .connectTimedOut(let host, let port): "connecting to \(host):\(port) timed out"
        case .sendFailed(let code): "sending the request failed: \(Self.text(code))"
        case .timedOut: "no complete response before the read timeout"
        case .connectionClosed: "the server closed the connection before a complete response"
        case .malformedResponse(let reason): "malformed response: \(reason)"
        case .responseTooLarge: "response too large"
        case .system(let call, let code): "\(call) failed: \(Self.text(code))"
        }
    }

    private static func text(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
