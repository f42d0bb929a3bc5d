import Glibc

/// Why the server could not start.
public enum HTTPServerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The host is not an IPv4 address.
    case invalidHost(String)
    /// `bind` failed (port in use, no permission); carries errno.
    case cannotBind(host: String, port: Int, errno: Int32)
    /// Another system call failed; carries its name and errno.
    case system(String, Int32)
    /// `start()` was called twice.
    case alreadyStarted

    public var description: String {
        switch self {
        case .invalidHost(let host): "invalid listen address '\(host)' (use an IPv4 address)"
        case .cannotBind(let host, let port, let code): "cannot listen on \(host):\(port): \(Self.text(code))"
        case .system(let call, let code): "\(call) failed: \(Self.text(code))"
        case .alreadyStarted: "the server is already started"
        }
    }

    private static func text(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
