import HTTPServer

/// The HTTP API on an HTTP server: what `allot serve` runs.
public final class APIServer: Sendable {
    private let api: AllotAPI
    private let server: HTTPServer
    private let trimmer = MemoryTrimmer()

    /// Default enrollments per client address per minute when neither config nor command line says.
    public static let defaultRateLimit = 60

    public init(
        registry: Registry, tokens: TokenStore, events: Events, invitations: Invitations? = nil, reports: Reports? = nil,
        host: String, port: Int, rateLimitPerMinute: Int, options: ServerOptions = ServerOptions(),
        console: ConsoleSettings = ConsoleSettings()
    ) {
        let invitations =
            invitations
            ?? Invitations(
                events: events, outbox: Outbox(database: events.database, settings: events.messages), clock: events.clock)
        api = AllotAPI(
            registry: registry, tokens: tokens, events: events, invitations: invitations, reports: reports,
            rateLimitPerMinute: rateLimitPerMinute)
        var configuration = HTTPServerConfiguration()
        configuration.host = host
        configuration.port = port
        let metrics = HTTPMetrics()
        options.apply(to: &configuration, metrics: metrics)
        var router = api.router()
        WebPages(
            registry: registry, tokens: tokens, events: events, invitations: invitations,
            rateLimitPerMinute: rateLimitPerMinute
        )
            .register(into: &router)
        MetricsRoute(database: registry.database, tokens: tokens, metrics: metrics, metricsToken: options.metricsToken)
            .add(to: &router)
        Console(
            registry: registry, tokens: tokens, events: events, invitations: invitations, reports: reports, settings: console,
            trustedProxies: options.trustedProxies
        ).register(into: &router)
        server = HTTPServer(configuration: configuration, router: router)
    }

    /// Starts listening; returns the port (the chosen one when `port` was 0).
    public func start() throws -> Int {
        let port = try server.start()
        trimmer.start()
        return port
    }

    /// Drains and stops on SIGINT or SIGTERM.
    public func stopOnSignals() {
        server.shutdownOnSignals()
    }

    /// Starts a graceful stop.
    public func stop() {
        server.shutdown()
    }

    /// Blocks until the server has stopped and queued enrollments are committed.
    public func wait() {
        server.wait()
        api.stop()
        trimmer.stop()
    }
}
