import Foundation
import HTTPServer

/// The citizen pages: server-rendered HTML in Chinese or English, calling the registry's use cases
/// (never SQL). Every page carries the security headers of `WebPage`; every form that writes is
/// guarded by `FormGuard` and rate-limited per client address; tokens in `/me/{token}` paths are
/// hidden from the access log. Works without JavaScript.
public final class WebPages: Sendable {
    let registry: Registry
    let tokens: TokenStore
    let events: Events
    let invitations: Invitations
    let feedback: FeedbackLoop
    let formGuard: FormGuard
    let enrollLimiter: EnrollmentRateLimiter
    let recordLimiter: EnrollmentRateLimiter
    let invitationLimiter: EnrollmentRateLimiter

    /// Largest form body: a filled enrollment form is under 1 KiB; 32 KiB leaves room for long
    /// (refused) fields to get a page rather than a bare 413.
    static let maxFormBodySize = 32 * 1024
    /// Longest value of any field, in characters; no real name, phone or e-mail comes near it.
    /// Inputs carry it as `maxlength`, so a browser never sends a body near `maxFormBodySize`.
    static let maxFieldLength = 300

    /// A filled feedback form: a comment and `WebPages.suggestionSlots` suggestions of up to 2,000
    /// characters each, percent-encoded Chinese (9 bytes a character) — 128 KiB holds them all.
    static let maxFeedbackBodySize = 128 * 1024

    /// `rateLimitPerMinute` bounds posts of each writing form per client address (0 = no limit).
    /// `invitations` defaults to one over the events' database and outbox (as the API builds it).
    public init(
        registry: Registry, tokens: TokenStore, events: Events, invitations: Invitations? = nil,
        rateLimitPerMinute: Int
    ) {
        self.registry = registry
        self.tokens = tokens
        self.events = events
        let invitations =
            invitations
            ?? Invitations(
                events: events, outbox: Outbox(database: events.database, settings: events.messages), clock: events.clock)
        self.invitations = invitations
        self.feedback = FeedbackLoop(invitations: invitations)
        self.invitationLimiter = EnrollmentRateLimiter(perMinute: rateLimitPerMinute)
        self.formGuard = FormGuard()
        self.enrollLimiter = EnrollmentRateLimiter(perMinute: rateLimitPerMinute)
        self.recordLimiter = EnrollmentRateLimiter(perMinute: rateLimitPerMinute)
    }

    /// Adds the page routes, the style sheet and script, and the access-log masking of `/me/…` and `/i/…`.
    public func register(into router: inout HTTPRouter) {
        router.hideSecrets(after: "me")
        router.hideSecrets(after: "i")
        let form = HTTPRouter.Options(maxBodySize: Self.maxFormBodySize)
        let secret = HTTPRouter.Options(secretParameters: ["token"])
        let secretForm = HTTPRouter.Options(maxBodySize: Self.maxFormBodySize, secretParameters: ["token"])
        router.add("GET", WebStyle.path, Self.asset(WebStyle.bytes, type: "text/css; charset=utf-8"))
        router.add("GET", WebStyle.iconPath, Self.asset(WebStyle.icon, type: "image/svg+xml"))
        router.add(
            "GET", WebVerifyScript.path, Self.asset(WebVerifyScript.bytes, type: "text/javascript; charset=utf-8"))
        router.add("GET", "/", .inline { [self] in home($0) })
        router.add("GET", "/enroll", .inline { [self] in enrollForm($0) })
        router.add("POST", "/enroll", options: form, page { [self] in try enroll($0) })
        router.add("GET", "/me/{token}", options: secret, page { [self] in try record($0) })
        router.add("POST", "/me/{token}", options: secretForm, page { [self] in try update($0) })
        router.add("GET", "/me/{token}/withdraw", options: secret, page { [self] in try confirmWithdrawal($0) })
        router.add("POST", "/me/{token}/withdraw", options: secretForm, page { [self] in try withdraw($0) })
        let feedbackForm = HTTPRouter.Options(maxBodySize: Self.maxFeedbackBodySize, secretParameters: ["token"])
        router.add("GET", "/i/{token}", options: secret, page { [self] in try invitationPage($0) })
        router.add("POST", "/i/{token}", options: secretForm, page { [self] in try answerInvitation($0) })
        router.add("GET", "/i/{token}/cancel", options: secret, page { [self] in try confirmCancel($0) })
        router.add("POST", "/i/{token}/cancel", options: secretForm, page { [self] in try cancelInvitation($0) })
        router.add("POST", "/i/{token}/feedback", options: feedbackForm, page { [self] in try giveFeedback($0) })
        router.add("GET", "/events", page { [self] in try eventList($0) })
        router.add("GET", "/events/{id}", page { [self] in try eventPage($0) })
        router.add("GET", "/events/{id}/verify", page { [self] in try verifyPage($0) })
    }

    /// A fixed file: cached for an hour (its path is fixed, so it must not be cached for long).
    static func asset(_ body: [UInt8], type: String) -> HTTPHandler {
        .inline { _ in
            HTTPResponse(
                headers: HTTPHeaders([
                    ("Content-Type", type), ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer"),
                    ("Cache-Control", "public, max-age=3600"),
                ]), body: body)
        }
    }

    /// A worker-thread handler whose unexpected errors become a friendly 500 page (details stay out).
    private func page(_ body: @escaping @Sendable (HTTPRequest) throws -> HTTPResponse) -> HTTPHandler {
        .blocking { request in
            do {
                return try body(request)
            } catch {
                let context = WebRequest(request, formGuard: nil)
                return context.message(
                    status: 500, title: WebText.failedTitle, text: WebText.failedText, link: ("/", WebText.backHome))
            }
        }
    }

    // MARK: - Home

    func home(_ request: HTTPRequest) -> HTTPResponse {
        let context = WebRequest(request, formGuard: nil)
        let l = context.language
        let body: HTML = """
            <p>\(WebText.homeIntro.text(l))</p>
            <h2>\(WebText.howTitle.text(l))</h2>
            <ul class="points">
            <li>\(WebText.howRandom.text(l))</li>
            <li>\(WebText.howBalanced.text(l))</li>
            <li>\(WebText.howFresh.text(l))</li>
            <li>\(WebText.howOpen.text(l))</li>
            </ul>
            <p class="actions"><a class="button" href="/enroll">\(WebText.homeEnroll.text(l))</a></p>
            <p>\(WebText.homeHaveLink.text(l))</p>
            <p><a href="/events">\(WebText.eventsLink.text(l))</a></p>

            """
        return context.page(title: WebText.homeTitle, body: body, path: "/")
    }

    // MARK: - Shared refusals

    /// The page for a post that is refused before anything is looked at; nil when it may go on.
    /// Order: rate limit, readable form, same-site and one-time token.
    func admitPost(
        _ context: WebRequest, limiter: EnrollmentRateLimiter, retryPath: String
    ) -> Result<FormData, PageRefusal> {
        if let wait = limiter.admit(context.request.remoteAddress) {
            return .failure(
                PageRefusal(
                    response: context.message(
                        status: 429, title: WebText.tooManyTitle, text: WebText.tooManyText(wait),
                        link: (retryPath, WebText.backHome), headers: [("Retry-After", String(wait))])))
        }
        let form: FormData
        do {
            form = try FormData(request: context.request)
        } catch {
            let status = error == .notAForm ? 415 : 400
            return .failure(
                PageRefusal(
                    response: context.message(
                        status: status, title: WebText.badFormTitle, text: WebText.badFormText,
                        link: (retryPath, WebText.openForm))))
        }
        do {
            try formGuard.check(context.request, form: form)
        } catch {
            let replayed = error == .replayed
            return .failure(
                PageRefusal(
                    response: context.message(
                        status: replayed ? 409 : 403,
                        title: replayed ? WebText.replayedTitle : WebText.refusedTitle,
                        text: replayed ? WebText.replayedText : WebText.refusedText,
                        link: (retryPath, WebText.openForm))))
        }
        return .success(form)
    }

    /// The citizen a `/me/{token}` path belongs to, or nil (unknown, staff or withdrawn token).
    func citizen(_ request: HTTPRequest) throws -> (principal: Principal, pid: String, token: String)? {
        guard let token = request.pathParameter("token"), let principal = try tokens.authenticate(token),
            principal.role == .citizen, let pid = principal.pid
        else { return nil }
        return (principal, pid, token)
    }
}

/// A finished refusal page, carried out of `admitPost`.
struct PageRefusal: Error {
    let response: HTTPResponse
}
