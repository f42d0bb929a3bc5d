import Allot

extension Command {
    /// `allot serve`: the HTTP API until SIGINT/SIGTERM.
    static let serve = Command(
        ["serve"],
        abstract: "run the HTTP API server",
        discussion: """
            Serves the registry API (see /api/v1/openapi.json). Prints 'listening on http://HOST:PORT' on stdout \
            once ready; --port 0 picks a free port. SIGINT or SIGTERM stop accepting, finish requests in flight \
            and exit 0. One access-log line per request goes to stderr. With messages.channel 'webhook' a \
            background worker delivers the outbox (see 'allot outbox deliver').
            """,
        parameters: [
            .option(
                "host", value: "ADDRESS", help: "IPv4 address to listen on (default: config server.host, 127.0.0.1)"),
            .option("port", value: "PORT", help: "TCP port, 0 for any free one (default: config server.port, 8080)"),
            .option(
                "rate-limit", value: "N",
                help: "enrollments per client address per minute, 0 = off (default: config server.rateLimit, 60)"),
        ]
    ) { invocation in
        let config = try invocation.config()
        let port = try invocation.integer("port", in: 0...65535) ?? config.server.port
        let rateLimit =
            try invocation.integer("rate-limit", in: 0...1_000_000)
            ?? config.server.rateLimit ?? APIServer.defaultRateLimit
        let host = invocation.option("host") ?? config.server.host
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
            events: events, invitations: invitations, host: host, port: port, rateLimitPerMinute: rateLimit,
            console: config.console ?? ConsoleSettings())
        let actualPort = try server.start()
        server.stopOnSignals()
        delivery?.start()
        sweeper.start()
        invocation.print("listening on http://\(host):\(actualPort)")
        server.wait()
        sweeper.stop()
        delivery?.stop()
        invocation.diagnostics("stopped\n")
    }
}
