/// An `http://host[:port][/path]` address, the only kind `HTTPClient` speaks (no TLS: a city's gateway
/// sits on the internal network or behind a local TLS proxy).
public struct HTTPURL: Sendable, Equatable, CustomStringConvertible {
    /// Port used when the URL names none.
    public static let defaultPort = 80

    /// Host name or IP address, without brackets for IPv6 literals.
    public let host: String
    public let port: Int
    /// The request target: the path and query, at least `/`.
    public let path: String

    /// Parses `text`; nil for any other scheme, a missing host, a bad port or spaces and control characters.
    public init?(_ text: String) {
        let scheme = "http://"
        guard text.lowercased().hasPrefix(scheme) else { return nil }
        let rest = text.dropFirst(scheme.count)
        guard !rest.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } == true })
        else { return nil }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var path = String(rest[authorityEnd...])
        if path.isEmpty { path = "/" } else if path.hasPrefix("?") { path = "/" + path }
        guard !authority.isEmpty, !authority.contains("@") else { return nil }
        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return nil }
                portText = after.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        guard !host.isEmpty else { return nil }
        var port = Self.defaultPort
        if let portText {
            guard !portText.isEmpty, portText.allSatisfy(\.isASCII), let number = Int(portText),
                (1...65535).contains(number)
            else { return nil }
            port = number
        }
        self.host = String(host)
        self.port = port
        self.path = path
    }

    /// The `Host` header value.
    var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == Self.defaultPort ? name : "\(name):\(port)"
    }

    public var description: String { "http://\(hostHeader)\(path)" }
}
