import Foundation
import HTTPServer

/// The whole HTTP API: every route set mounted on one router, sharing one `APIContext`.
public final class AllotAPI: Sendable {
    let context: APIContext
    let routeSets: [any RouteSet]

    /// The API over the registry, its tokens, events, invitations and reports (invitations and reports
    /// are built on `events`, its clock and the configured messages, with default report settings, when
    /// not given); `rateLimitPerMinute` bounds enrollments per client address (0 = no limit); `log`
    /// receives internal error details (the server log).
    public init(
        registry: Registry, tokens: TokenStore, events: Events, invitations: Invitations? = nil, reports: Reports? = nil,
        rateLimitPerMinute: Int,
        log: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
    ) {
        context = APIContext(tokens: tokens, log: log)
        routeSets = [
            RegistryRoutes(registry: registry, rateLimitPerMinute: rateLimitPerMinute),
            TokenRoutes(tokens: tokens),
            EventRoutes(events: events),
            InvitationRoutes(
                invitations: invitations
                    ?? Invitations(
                        events: events, outbox: Outbox(database: events.database, settings: events.messages),
                        clock: events.clock)),
            // Without a configured one: reports over the events' database with the default settings.
            ReportRoutes(
                reports: reports
                    ?? Reports(database: events.database, schema: events.schema, targetsPath: events.targetsPath)),
        ]
    }

    public var tokens: TokenStore { context.tokens }

    /// The routes of every set.
    public func router() -> HTTPRouter {
        var router = HTTPRouter()
        for set in routeSets { set.register(into: &router, context: context) }
        return router
    }

    /// Finishes queued work (enrollments) of every set; call after the server has stopped.
    public func stop() {
        for set in routeSets { set.stop() }
    }
}
