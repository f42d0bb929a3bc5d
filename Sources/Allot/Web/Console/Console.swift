import Foundation
import HTTPServer

/// The staff console (`/console…`, INTERFACE.md §4): organizers run events, quotas, draws, invitations,
/// check-in and replies; evaluators see reports and public records; admins also manage staff tokens.
///
/// Server-rendered HTML over the same use cases as the CLI and the API (never SQL). A staff member
/// signs in once with a token and gets a session cookie (`ConsoleSessions`); the token is checked on
/// every request, so revoking it ends its sessions. Every form carries a `FormGuard` token and a post
/// from another site is refused. Works without JavaScript (a running draw refreshes its page).
public final class Console: Sendable {
    let registry: Registry
    let tokens: TokenStore
    let events: Events
    let invitations: Invitations
    let feedback: FeedbackLoop
    let audit: AuditLog
    /// The evaluation reports (aggregates only, small cells suppressed).
    let reports: Reports
    let settings: ConsoleSettings
    /// Peer addresses of reverse proxies whose `X-Forwarded-Proto: https` is believed (the server's
    /// trusted proxies); empty: the header is ignored, because anyone can send it.
    let trustedProxies: [String]
    let sessions: ConsoleSessions
    let formGuard: FormGuard
    let jobs = DrawJobs()
    /// The server log (stderr in `allot serve`): details of unexpected errors go there, never to pages.
    let log: @Sendable (String) -> Void

    /// Largest console form: the quota editor posts two numbers per attribute value (a few KiB).
    static let maxFormBodySize = 64 * 1024
    /// Longest text field (titles, places, replies); the use cases apply their own, tighter limits.
    static let maxFieldLength = 2000

    /// `clock` decides session expiry (tests move it); `trustedProxies` may say a request came over TLS.
    public init(
        registry: Registry, tokens: TokenStore, events: Events, invitations: Invitations, reports: Reports? = nil,
        settings: ConsoleSettings = ConsoleSettings(), trustedProxies: [String] = [],
        clock: @escaping @Sendable () -> Date = { Date() },
        log: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
    ) {
        self.log = log
        self.registry = registry
        self.tokens = tokens
        self.events = events
        self.invitations = invitations
        self.feedback = FeedbackLoop(invitations: invitations)
        self.audit = AuditLog(database: events.database)
        // Without a configured one: reports over the events' database with the default settings (as the API).
        self.reports =
            reports
            ?? Reports(database: events.database, schema: events.schema, targetsPath: events.targetsPath, clock: clock)
        self.settings = settings
        self.trustedProxies = trustedProxies
        self.sessions = ConsoleSessions(minutes: settings.sessionMinutes, clock: clock)
        self.formGuard = FormGuard(clock: clock)
    }

    /// Who may open a page.
    enum Access {
        /// Organizers and admins: events, draws, invitations, check-in, suggestions, audit.
        case organizer
        /// Admins: staff tokens.
        case admin
        /// Any staff role: reports and public records.
        case anyStaff

        func allows(_ role: Role) -> Bool {
            switch self {
            case .organizer: role.satisfies(.organizer)
            case .admin: role == .admin
            case .anyStaff: role == .admin || role == .organizer || role == .evaluator
            }
        }
    }

    /// Adds every console route.
    public func register(into router: inout HTTPRouter) {
        let form = HTTPRouter.Options(maxBodySize: Self.maxFormBodySize)
        router.add("GET", ConsoleStyle.path, WebPages.asset(ConsoleStyle.bytes, type: "text/css; charset=utf-8"))
        router.add("GET", "/console", page(.anyStaff) { [self] in home($0) })
        router.add("GET", "/console/login", open { [self] in loginForm($0) })
        router.add("POST", "/console/login", options: form, open { [self] in try login($0) })
        router.add("GET", "/console/logout", open { [self] in logoutForm($0) })
        router.add("POST", "/console/logout", options: form, open { [self] in logout($0) })
        router.add("GET", "/console/events", page(.organizer) { [self] in try eventList($0) })
        router.add("GET", "/console/events/new", page(.organizer) { [self] in newEvent($0) })
        router.add("POST", "/console/events/new", options: form, post(.organizer) { [self] in try createEvent($0, $1) })
        router.add("GET", "/console/events/{id}", page(.organizer) { [self] in try eventPage($0) })
        router.add("POST", "/console/events/{id}", options: form, post(.organizer) { [self] in try updateEvent($0, $1) })
        router.add("GET", "/console/events/{id}/quotas", page(.organizer) { [self] in try quotaPage($0) })
        router.add(
            "POST", "/console/events/{id}/quotas", options: form, post(.organizer) { [self] in try saveQuotas($0, $1) })
        router.add("GET", "/console/events/{id}/draw", page(.organizer) { [self] in try drawPage($0) })
        router.add(
            "POST", "/console/events/{id}/prepare", options: form, post(.organizer) { [self] in try prepare($0, $1) })
        router.add(
            "POST", "/console/events/{id}/finalize", options: form, post(.organizer) { [self] in try finalize($0, $1) })
        router.add("GET", "/console/events/{id}/record", page(.organizer) { [self] in try recordDownload($0) })
        router.add("GET", "/console/events/{id}/invitations", page(.organizer) { [self] in try invitationBoard($0) })
        router.add(
            "POST", "/console/events/{id}/invite", options: form, post(.organizer) { [self] in try invite($0, $1) })
        router.add(
            "POST", "/console/events/{id}/replace", options: form, post(.organizer) { [self] in try replace($0, $1) })
        router.add(
            "POST", "/console/events/{id}/answer", options: form, post(.organizer) { [self] in try answer($0, $1) })
        router.add(
            "POST", "/console/events/{id}/topup/prepare", options: form,
            post(.organizer) { [self] in try prepareTopUp($0, $1) })
        router.add(
            "POST", "/console/events/{id}/topup/finalize", options: form,
            post(.organizer) { [self] in try finalizeTopUp($0, $1) })
        router.add("GET", "/console/events/{id}/checkin", page(.organizer) { [self] in try checkInPage($0) })
        router.add(
            "POST", "/console/events/{id}/checkin", options: form, post(.organizer) { [self] in try checkIn($0, $1) })
        router.add("GET", "/console/events/{id}/suggestions", page(.organizer) { [self] in try suggestionPage($0) })
        router.add(
            "POST", "/console/events/{id}/suggestions", options: form,
            post(.organizer) { [self] in try replySuggestion($0, $1) })
        router.add("GET", "/console/reports", page(.anyStaff) { [self] in try reportsPage($0) })
        router.add("GET", "/console/reports/download", page(.anyStaff) { [self] in try summaryDownload($0) })
        router.add("GET", "/console/reports/{id}", page(.anyStaff) { [self] in try eventReport($0) })
        router.add("GET", "/console/reports/{id}/download", page(.anyStaff) { [self] in try eventReportDownload($0) })
        router.add("GET", "/console/audit", page(.organizer) { [self] in try auditPage($0) })
        router.add("GET", "/console/tokens", page(.admin) { [self] in try tokenPage($0) })
        router.add("POST", "/console/tokens", options: form, post(.admin) { [self] in try createToken($0, $1) })
        router.add("POST", "/console/tokens/revoke", options: form, post(.admin) { [self] in try revokeToken($0, $1) })
    }

    // MARK: - Handlers with sign-in, roles and refusals

    /// A page anyone may open (sign-in, sign-out).
    private func open(_ body: @escaping @Sendable (ConsoleRequest) throws -> HTTPResponse) -> HTTPHandler {
        .blocking { [self] request in
            let context = ConsoleRequest(request, console: self, session: currentSession(request))
            do {
                return try body(context)
            } catch {
                return context.failure(error)
            }
        }
    }

    /// A page for signed-in staff with `access`: others are sent to sign in, a wrong role gets the 403 page.
    private func page(
        _ access: Access, _ body: @escaping @Sendable (ConsoleRequest) throws -> HTTPResponse
    ) -> HTTPHandler {
        .blocking { [self] request in
            let session = currentSession(request)
            let context = ConsoleRequest(request, console: self, session: session)
            guard let session else { return context.signInFirst() }
            guard access.allows(session.role) else { return context.forbidden() }
            do {
                return try body(context)
            } catch {
                return context.failure(error)
            }
        }
    }

    /// A form post for signed-in staff with `access`, after the same-site and one-time-token checks.
    private func post(
        _ access: Access, _ body: @escaping @Sendable (ConsoleRequest, FormData) throws -> HTTPResponse
    ) -> HTTPHandler {
        page(access) { [self] context in
            switch admit(context) {
            case .failure(let refusal): return refusal.response
            case .success(let form): return try body(context, form)
            }
        }
    }

    /// The readable, same-site, fresh form of a post, or the refusal page (nothing is done).
    func admit(_ context: ConsoleRequest) -> Result<FormData, PageRefusal> {
        let form: FormData
        do {
            form = try FormData(request: context.request)
        } catch {
            return .failure(
                PageRefusal(
                    response: context.message(
                        status: error == .notAForm ? 415 : 400, title: WebText.badFormTitle,
                        text: WebText.badFormText)))
        }
        do {
            try formGuard.check(context.request, form: form)
        } catch {
            let replayed = error == .replayed
            return .failure(
                PageRefusal(
                    response: context.message(
                        status: replayed ? 409 : 403, title: replayed ? WebText.replayedTitle : ConsoleText.refusedTitle,
                        text: replayed ? WebText.replayedText : ConsoleText.refusedText)))
        }
        return .success(form)
    }

    /// The session of the request's cookie, when it is live and its token still exists with the same role.
    func currentSession(_ request: HTTPRequest) -> ConsoleSessions.Session? {
        guard let id = WebCookies(request).value(ConsoleSessions.cookieName), let session = sessions.session(id)
        else { return nil }
        // The token is checked on every request: a revoked token (or one whose role changed) ends the session.
        guard let staff = try? tokens.list(), staff.contains(where: { $0.id == session.tokenID && $0.role == session.role.rawValue })
        else {
            sessions.end(id)
            return nil
        }
        return session
    }

    /// Whether the browser reached us over TLS: only a trusted proxy's `X-Forwarded-Proto` says so
    /// (this server speaks plain HTTP itself).
    func isSecure(_ request: HTTPRequest) -> Bool {
        request.headers["X-Forwarded-Proto"]?.lowercased() == "https"
            && trustedProxies.contains(request.peerAddress)
    }

    /// The event of a `{id}` path.
    func event(_ context: ConsoleRequest) throws -> Event {
        guard let id = context.request.pathParameter("id").flatMap({ Int($0) }), id > 0 else {
            throw EventError.notFound(id: 0)
        }
        return try events.show(id)
    }
}
