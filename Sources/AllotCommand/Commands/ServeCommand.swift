import Allot

extension Command {
    /// `allot serve`: the HTTP API until SIGINT/SIGTERM.
    static let serve = Command(
        ["serve"],
        abstract: "run the HTTP API server",
        discussion: """
            Serves the registry API (see /api/v1/openapi.json). Prints 'listening on http://HOST:PORT' on stdout \
            once ready; --port 0 picks a free port; --host :: listens on IPv6 and IPv4. SIGINT or SIGTERM stop \
            accepting, finish requests in flight and exit 0. One access-log line per request goes to stderr \
            (time, client, method, path, status, bytes, duration, request id; --log-format json for JSON lines). \
            Behind a reverse proxy, list it in config server.trustedProxies: its X-Forwarded-For then names the \
            client for rate limits and logs. GET /metrics (Prometheus text) needs an organizer token or the \
            metrics token. With messages.channel 'webhook' a \
            background worker delivers the outbox (see 'allot outbox deliver'); invitations past their deadline \
            expire on a timer (events.expirySweepSeconds).
            """,
        parameters: [
            .option(
                "host", value: "ADDRESS",
                help: "IPv4 or IPv6 address to listen on, :: for all (default: config server.host, 127.0.0.1)"),
            .option("port", value: "PORT", help: "TCP port, 0 for any free one (default: config server.port, 8080)"),
            .option(
                "rate-limit", value: "N",
                help: "enrollments per client address per minute, 0 = off (default: config server.rateLimit, 60)"),
            .option(
                "metrics-token", value: "TOKEN",
                help: "a token that may read GET /metrics only (default: config server.metricsToken)"),
            .option(
                "log-format", value: "FORMAT", help: "access log: line or json (default: config server.logFormat, line)"
            ),
        ]
    ) { invocation in
        let config = try invocation.config()
        let port = try invocation.integer("port", in: 0...65535) ?? config.server.port
        let rateLimit =
            try invocation.integer("rate-limit", in: 0...1_000_000)
            ?? config.server.rateLimit ?? APIServer.defaultRateLimit
        let host = invocation.option("host") ?? config.server.host
        var options = ServerOptions()
        options.trustedProxies = config.server.trustedProxies ?? []
        options.metricsToken = invocation.option("metrics-token") ?? config.server.metricsToken
        options.handlerTimeoutSeconds =
            config.server.handlerTimeoutSeconds ?? ServerOptions.defaultHandlerTimeoutSeconds
        let logFormat = invocation.option("log-format") ?? config.server.logFormat ?? "line"
        guard ServerOptions.logFormats.contains(logFormat) else {
            throw UsageError(message: "unknown log format '\(logFormat)': use line or json", helpTopic: "allot serve")
        }
        options.jsonLog = logFormat == "json"
        let database = try invocation.openDatabase(config: config)
        // Use cases that send messages enqueue through this outbox, whose signal wakes the worker that
        // delivers it while the server runs (webhook channel only).
        let outbox = Outbox(database: database, config: config)
        let delivery = outbox.settings.channel == .webhook ? try OutboxDelivery(outbox: outbox) : nil
        let events = Events(database: database, config: config)
        let invitations = Invitations(events: events, outbox: outbox)
        let sweeper = InvitationSweeper(
            invitations: invitations, seconds: config.eventSettings.expirySweepSeconds,
            log: invocation.diagnostics)
        let server = APIServer(
            registry: Registry(database: database, config: config), tokens: TokenStore(database: database),
            events: events, invitations: invitations, reports: Reports(database: database, config: config), host: host,
            port: port, rateLimitPerMinute: rateLimit, options: options, console: config.console ?? ConsoleSettings())
        let actualPort = try server.start()
        server.stopOnSignals()
        delivery?.start()
        sweeper.start()
        let shownHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        invocation.print("listening on http://\(shownHost):\(actualPort)")
        server.wait()
        sweeper.stop()
        delivery?.stop()
        invocation.diagnostics("stopped\n")
    }
}
