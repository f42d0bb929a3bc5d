/// One complete request as handed to a route handler.
public struct HTTPRequest: Sendable {
    /// Upper-case method, e.g. `GET`.
    public var method: String
    /// The decoded path and query.
    public var target: RequestTarget
    public var headers: HTTPHeaders
    /// The body, exactly `Content-Length` bytes (empty without one).
    public var body: [UInt8]
    /// Values of the `{name}` segments of the matched route pattern.
    public var pathParameters: [String: String]
    /// The client's IP address as text (`127.0.0.1`, `2001:db8::1`): the peer's, or the one a
    /// trusted proxy named in `X-Forwarded-For` (see `HTTPServerConfiguration.trustedProxies`).
    public var remoteAddress: String
    /// The connected peer's own address (the proxy's, behind one).
    public var peerAddress: String
    /// This request's id, as logged and sent back in `X-Request-Id`.
    public var requestID: String

    public init(
        method: String, target: RequestTarget, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [],
        pathParameters: [String: String] = [:], remoteAddress: String = "", peerAddress: String? = nil,
        requestID: String = ""
    ) {
        self.peerAddress = peerAddress ?? remoteAddress
        self.requestID = requestID
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        self.pathParameters = pathParameters
        self.remoteAddress = remoteAddress
    }

    /// The path as sent, without the query (still percent-encoded).
    public var path: String { target.rawPath }

    /// The first value of a query parameter, decoded.
    public func query(_ name: String) -> String? {
        target.query.first { $0.name == name }?.value
    }

    /// The value of a `{name}` segment of the route.
    public func pathParameter(_ name: String) -> String? {
        pathParameters[name]
    }

    /// The token of an `Authorization: Bearer TOKEN` header, or nil.
    public var bearerToken: String? {
        guard let value = headers["Authorization"] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingASCIISpaces()
        return token.isEmpty ? nil : String(token)
    }
}
