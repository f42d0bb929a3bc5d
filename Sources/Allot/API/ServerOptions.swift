import HTTPServer

/// How `allot serve` runs its HTTP server beyond host and port: proxies, logs, timeouts, metrics.
public struct ServerOptions: Sendable {
    /// Reverse proxies whose `X-Forwarded-For` names the client (rate limits and logs use it).
    public var trustedProxies: [String] = []
    /// One JSON object per access log line instead of the plain line.
    public var jsonLog = false
    /// Seconds before a request whose handler has not answered gets a 503.
    public var handlerTimeoutSeconds = ServerOptions.defaultHandlerTimeoutSeconds
    /// A token that may read `/metrics` and nothing else.
    public var metricsToken: String?

    /// Long enough for a slow group commit under load, short enough that a stuck handler does not
    /// hold a client (or a proxy's connection) for long.
    public static let defaultHandlerTimeoutSeconds = 30.0
    /// The log formats `--log-format` accepts.
    public static let logFormats = AccessLogFormat.allCases.map(\.rawValue)

    public init() {}

    /// Sets the matching fields of the server configuration.
    func apply(to configuration: inout HTTPServerConfiguration, metrics: HTTPMetrics) {
        configuration.trustedProxies = trustedProxies
        configuration.accessLogFormat = jsonLog ? .json : .line
        configuration.handlerTimeout = .milliseconds(Int64((max(0.001, handlerTimeoutSeconds) * 1000).rounded()))
        configuration.metrics = metrics
    }
}
