import Foundation
import HTTPServer

/// The whole HTTP API: every route set mounted on one router, sharing one `APIContext`.
public final class AllotAPI: Sendable {
    let context: APIContext
    let routeSets: [any RouteSet]

    /// The API over the registry, its tokens and events; `rateLimitPerMinute` bounds enrollments per client
    /// address (0 = no limit); `reports` carries the configured report settings; `log` receives internal error details (the server log).
    public init(
        registry: Registry, tokens: TokenStore, events: Events, rateLimitPerMinute: Int,
        reports: Reports? = nil,
        log: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
    ) {
        context = APIContext(tokens: tokens, log: log)
        routeSets = [
            RegistryRoutes(registry: registry, rateLimitPerMinute: rateLimitPerMinute),
            TokenRoutes(tokens: tokens),
            EventRoutes(events: events),
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
