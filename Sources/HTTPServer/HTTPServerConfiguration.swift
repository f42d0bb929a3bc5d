/// Everything an `HTTPServer` needs to know before it starts.
public struct HTTPServerConfiguration: Sendable {
    /// Address to listen on: IPv4 (`localhost` means `127.0.0.1`) or IPv6; `::` listens on every
    /// IPv6 and IPv4 address (one dual-stack socket).
    public var host = "127.0.0.1"
    /// TCP port; 0 lets the system choose a free one (see `HTTPServer.start()`).
    public var port = 8080
    public var limits = HTTPLimits()
    /// A request's head (and body) must arrive within this time of its first byte (408 after).
    public var headerReadTimeout: Duration = .seconds(10)
    /// An open connection with no request in progress is closed after this long.
    public var idleTimeout: Duration = .seconds(30)
    /// Connections served at once; more are answered 503 and closed.
    /// 4096 stays well under the usual descriptor limit and is far above this tool's needs.
    public var maxConnections = 4096
    /// Event loop threads. On two cores one loop is as fast as more (measured with wrk).
    public var eventLoops = 1
    /// Threads for blocking handlers (SQLite). A few suffice: writes are serialized by SQLite.
    public var workerThreads = 4
    /// How long shutdown waits for in-flight requests before closing anyway.
    public var shutdownGracePeriod: Duration = .seconds(10)
    /// Where one line per request goes; nil turns the access log off.
    public var accessLogDescriptor: Int32? = 2
    /// Pending connections the kernel may queue before `accept`.
    public var listenBacklog: Int32 = 1024
    /// How access log lines are written.
    public var accessLogFormat: AccessLogFormat = .line
    /// Peers (reverse proxies) whose `X-Forwarded-For` and `X-Request-Id` are believed; from anyone
    /// else they are ignored, so a client cannot choose the address rate limits and logs see.
    public var trustedProxies: [String] = []
    /// A blocking or deferred handler that has not answered after this long is cut off: the client
    /// gets a 503 and the connection closes (a late answer is dropped).
    public var handlerTimeout: Duration = .seconds(30)
    /// Where request counts and latencies are recorded; nil records nothing.
    public var metrics: HTTPMetrics?

    public init() {}
}
