import Foundation
import HTTPServer
import Testing

@testable import Allot

/// The staff console over real sockets with a real SQLite file: sign-in cookies, CSRF and
/// cross-site refusals, session expiry, revoked tokens, the 403 page for evaluators, and every form's
/// bad input answered with the form and its error while nothing is stored.
@Suite("Console")
struct ConsoleTests {
    typealias Browser = WebPagesTests.Browser

    final class Harness {
        let directory: TestDirectory
        /// Before the fixture event (2026-12-20 09:30), so invitations can still be answered.
        let clock = TestClock(LocalTime.date("2026-12-01T09:00") ?? Fixtures.now)
        let registry: Registry
        let events: Events
        let invitations: Invitations
        let tokens: TokenStore
        let server: HTTPServer
        let admin: String
        let organizer: String
        let evaluator: String

        init(people: Int = 0, settings: ConsoleSettings = ConsoleSettings(), trustedProxies: [String] = []) throws {
            directory = try TestDirectory()
            var config = try Fixtures.config()
            config.targets = Fixtures.packageRoot.appendingPathComponent("config/targets/shanghai-2020.json").path
            let database = try Database.create(path: directory.path("allot.db"))
            let now = clock.function
            registry = Registry(database: database, config: config, clock: now)
            events = Events(database: database, config: config, clock: now)
            invitations = Invitations(events: events, outbox: Outbox(database: database, config: config, clock: now), clock: now)
            tokens = TokenStore(database: database, clock: now)
            admin = try tokens.create(role: .admin, label: "admin", actor: .cli)
            organizer = try tokens.create(role: .organizer, label: "desk", actor: .cli)
            evaluator = try tokens.create(role: .evaluator, label: "evaluator", actor: .cli)
            if people > 0 { _ = try EventFixtures.enrollPool(registry, count: people) }
            var router = HTTPRouter()
            Console(
                registry: registry, tokens: tokens, events: events, invitations: invitations, settings: settings,
                trustedProxies: trustedProxies, clock: now
            ).register(into: &router)
            var configuration = HTTPServerConfiguration()
            configuration.port = 0
            configuration.accessLogDescriptor = nil
            server = HTTPServer(configuration: configuration, router: router)
            try server.start()
        }

        deinit {
            server.shutdown()
            server.wait()
        }

        func browser() -> Browser { Browser(port: server.port) }

        /// A browser signed in with `token`.
        func signIn(_ token: String) throws -> Browser {
            var browser = browser()
            _ = try browser.get("/console/login")
            let reply = try browser.post("/console/login", [("token", token)])
            #expect(reply.status == 303, "\(reply.text)")
            #expect(browser.cookies[ConsoleSessions.cookieName] != nil)
            return browser
        }

        /// A draft event of 10 seats from the shipped targets (age and occupation unconstrained).
        func draft() throws -> Event {
            var draft = EventFixtures.draft()
            draft.responseDeadline = nil
            return try events.create(draft, actor: .cli)
        }

        /// A drawn event whose panel is invited.
        func invited() throws -> Event {
            let event = try draft()
            _ = try events.prepare(event.id, actor: .cli)
            _ = try events.finalize(event.id, beacon: "3412.57", actor: .cli)
            _ = try invitations.invite(event.id, actor: .cli)
            return try events.show(event.id)
        }
    }

    static func redirectsToSignIn(_ reply: WebReply) -> Bool {
        reply.status == 303 && reply.value("location") == "/console/login"
    }

    // MARK: - Sessions

    @Test func signInSetsAStrictSessionCookieSecureOnlyBehindATrustedProxy() throws {
        let harness = try Harness()
        var browser = harness.browser()
        _ = try browser.get("/console/login")
        let plain = try browser.post(
            "/console/login", [("token", harness.organizer)], headers: [("X-Forwarded-Proto", "https")])
        let cookie = try #require(plain.values("set-cookie").first { $0.hasPrefix(ConsoleSessions.cookieName + "=") })
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/console"))
        // Anyone can send X-Forwarded-Proto: without a trusted proxy it says nothing.
        #expect(!cookie.contains("Secure"))
        #expect(plain.value("location") == "/console/events")
        #expect(try browser.get("/console/events").status == 200)

        let proxied = try Harness(trustedProxies: ["127.0.0.1"])
        var behind = proxied.browser()
        _ = try behind.get("/console/login")
        let secure = try behind.post(
            "/console/login", [("token", proxied.evaluator)], headers: [("X-Forwarded-Proto", "https")])
        #expect(secure.values("set-cookie").contains { $0.hasPrefix(ConsoleSessions.cookieName + "=") && $0.hasSuffix("; Secure") })
        #expect(secure.value("location") == "/console/reports")
    }

    @Test func sessionMinutesComeFromConfigWithinBounds() throws {
        func decoded(_ json: String) throws -> Int {
            try JSONDecoder().decode(ConsoleSettings.self, from: Data(json.utf8)).sessionMinutes
        }
        #expect(try decoded("{}") == 480)
        #expect(try decoded(#"{"sessionMinutes":30}"#) == 30)
        #expect(try decoded(#"{"sessionMinutes":0}"#) == 1)
        #expect(try decoded(#"{"sessionMinutes":-5}"#) == 1)
        #expect(try decoded(#"{"sessionMinutes":1000000}"#) == 7 * 24 * 60)
        var config = try Fixtures.config()
        #expect(config.console == nil)
        let data = try JSONEncoder().encode(config)
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        object["console"] = ["sessionMinutes": 60]
        config = try AllotConfig.decode(try JSONSerialization.data(withJSONObject: object))
        #expect(config.console?.sessionMinutes == 60)
    }

    @Test func pagesNeedASessionAndSignOutEndsIt() throws {
        let harness = try Harness()
        var stranger = harness.browser()
        #expect(Self.redirectsToSignIn(try stranger.get("/console/events")))
        #expect(Self.redirectsToSignIn(try stranger.get("/console")))
        // A made-up session id is no session.
        stranger.cookies[ConsoleSessions.cookieName] = String(repeating: "ab", count: 32)
        #expect(Self.redirectsToSignIn(try stranger.get("/console/events")))

        var browser = try harness.signIn(harness.organizer)
        let session = try #require(browser.cookies[ConsoleSessions.cookieName])
        _ = try browser.get("/console/logout")
        let out = try browser.post("/console/logout", [])
        #expect(out.status == 200)
        #expect(out.text.contains(ConsoleText.signedOutTitle.zh))
        // The old cookie, replayed, no longer opens anything.
        browser.cookies[ConsoleSessions.cookieName] = session
        #expect(Self.redirectsToSignIn(try browser.get("/console/events")))
    }

    @Test func anExpiredSessionSendsBackToSignIn() throws {
        let harness = try Harness(settings: ConsoleSettings(sessionMinutes: 30))
        var browser = try harness.signIn(harness.organizer)
        harness.clock.advance(29 * 60)
        #expect(try browser.get("/console/events").status == 200)
        harness.clock.advance(61)
        #expect(Self.redirectsToSignIn(try browser.get("/console/events")))
        // A post with an expired session does nothing either.
        let post = try browser.post("/console/events/new", [("title", "x")])
        #expect(post.status == 401)
        #expect(try harness.events.list().isEmpty)
    }

    @Test func revokingATokenEndsItsSessions() throws {
        let harness = try Harness()
        var organizer = try harness.signIn(harness.organizer)
        var evaluator = try harness.signIn(harness.evaluator)
        #expect(try organizer.get("/console/events").status == 200)
        // Revoked outside the console (CLI or API): the next request finds the token gone.
        let evaluatorID = try #require(try harness.tokens.list().first { $0.label == "evaluator" }?.id)
        #expect(try harness.tokens.revoke(id: evaluatorID, actor: .cli))
        #expect(Self.redirectsToSignIn(try evaluator.get("/console/reports")))
        // Revoked by an admin in the console.
        var admin = try harness.signIn(harness.admin)
        let organizerID = try #require(try harness.tokens.list().first { $0.label == "desk" }?.id)
        #expect(try admin.get("/console/tokens").status == 200)
        let revoked = try admin.post("/console/tokens/revoke", [("id", String(organizerID))])
        #expect(revoked.status == 303)
        #expect(Self.redirectsToSignIn(try organizer.get("/console/events")))
        #expect(try admin.get("/console/tokens").status == 200)
    }

    // MARK: - Roles

    @Test func evaluatorsGetTheForbiddenPageOutsideReports() throws {
        let harness = try Harness()
        let event = try harness.draft()
        var evaluator = try harness.signIn(harness.evaluator)
        for path in [
            "/console/events", "/console/events/new", "/console/events/\(event.id)", "/console/events/\(event.id)/quotas",
            "/console/events/\(event.id)/checkin", "/console/events/\(event.id)/invitations", "/console/audit",
            "/console/tokens",
        ] {
            let reply = try evaluator.get(path)
            #expect(reply.status == 403, "\(path)")
            #expect(reply.text.contains(ConsoleText.forbiddenTitle.zh), "\(path)")
        }
        let reports = try evaluator.get("/console/reports")
        #expect(reports.status == 200)
        #expect(reports.text.contains("/console/reports/download?format=csv"))
        // A post to an organizer form is refused before it is read.
        _ = try evaluator.get("/console/reports")
        #expect(try evaluator.post("/console/events/new", [("title", "x"), ("seats", "5")]).status == 403)
        #expect(try harness.events.list().count == 1)
        // Organizers are not admins.
        var organizer = try harness.signIn(harness.organizer)
        #expect(try organizer.get("/console/tokens").status == 403)
    }

    // MARK: - CSRF

    static func eventFields(title: String = "市民议事会") -> [(String, String)] {
        [
            ("title", title), ("department", "市绿化市容局"), ("kind", "hearing"), ("starts_at", "2026-12-20T09:30"),
            ("place", "人民大道200号"), ("seats", "10"), ("reserves", "2"),
        ]
    }

    @Test func postsWithoutTheTokenFromAnotherSiteOrTwiceAreRefused() throws {
        let harness = try Harness()
        var browser = try harness.signIn(harness.organizer)
        _ = try browser.get("/console/events/new")
        let missing = try browser.post("/console/events/new", Self.eventFields(), token: "")
        #expect(missing.status == 403)
        #expect(missing.text.contains(ConsoleText.refusedTitle.zh))
        let forged = try browser.post("/console/events/new", Self.eventFields(), token: "1.2.3")
        #expect(forged.status == 403)
        _ = try browser.get("/console/events/new")
        let crossSite = try browser.post(
            "/console/events/new", Self.eventFields(), headers: [("Sec-Fetch-Site", "cross-site")])
        #expect(crossSite.status == 403)
        let otherOrigin = try browser.post(
            "/console/events/new", Self.eventFields(), headers: [("Origin", "http://evil.example")])
        #expect(otherOrigin.status == 403)
        #expect(try harness.events.list().isEmpty)

        _ = try browser.get("/console/events/new")
        let token = try #require(browser.lastToken)
        let created = try browser.post("/console/events/new", Self.eventFields(), token: token)
        #expect(created.status == 303, "\(created.text)")
        let replayed = try browser.post("/console/events/new", Self.eventFields(), token: token)
        #expect(replayed.status == 409)
        #expect(try harness.events.list().count == 1)

        // Sign-in and sign-out are forms too.
        var stranger = harness.browser()
        _ = try stranger.get("/console/login")
        #expect(try stranger.post("/console/login", [("token", harness.admin)], token: "").status == 403)
        #expect(stranger.cookies[ConsoleSessions.cookieName] == nil)
        _ = try browser.get("/console/events")
        #expect(try browser.post("/console/logout", [], headers: [("Sec-Fetch-Site", "cross-site")]).status == 403)
        #expect(try browser.get("/console/events").status == 200)
    }

    // MARK: - Bad input

    @Test func signInAndEventFormsShowTheErrorAndStoreNothing() throws {
        let harness = try Harness()
        var stranger = harness.browser()
        _ = try stranger.get("/console/login")
        let empty = try stranger.post("/console/login", [("token", "  ")])
        #expect(empty.status == 422)
        #expect(empty.text.contains(ConsoleText.tokenMissing.zh))
        let unknown = try stranger.post("/console/login", [("token", String(repeating: "0", count: 64))])
        #expect(unknown.status == 401)
        #expect(unknown.text.contains(ConsoleText.tokenUnknown.zh))
        #expect(stranger.cookies[ConsoleSessions.cookieName] == nil)

        var browser = try harness.signIn(harness.organizer)
        let fields = Self.eventFields()
        func replacing(_ name: String, _ value: String) -> [(String, String)] {
            fields.map { $0.0 == name ? ($0.0, value) : $0 }
        }
        let bad: [([(String, String)], String)] = [
            (replacing("seats", "很多"), "seats"), (replacing("seats", "0"), "seats"),
            (replacing("title", ""), "title"), (replacing("kind", "party"), "kind"),
            (replacing("starts_at", "tomorrow"), "starts_at"),
            (fields + [("deadline", "2026-12-24T09:00")], "deadline"),
            (fields + [("min_age", "-3")], "min_age"),
            (replacing("place", String(repeating: "路", count: Console.maxFieldLength + 1)), "place"),
        ]
        for (posted, field) in bad {
            _ = try browser.get("/console/events/new")
            let reply = try browser.post("/console/events/new", posted)
            #expect(reply.status == 422, "\(field)")
            #expect(reply.text.contains("id=\"e-\(field)\""), "\(field): \(reply.text)")
        }
        #expect(try harness.events.list().isEmpty)

        let event = try harness.draft()
        // The age bands' census share is a range (of 18+ residents): the editor shows it and the seats it gives.
        let editor = try browser.get("/console/events/\(event.id)/quotas").text
        #expect(editor.contains("17.1–19.8%") && editor.contains("1–2 (1.71–1.98)"))
        for (posted, field) in bad {
            _ = try browser.get("/console/events/\(event.id)")
            let reply = try browser.post("/console/events/\(event.id)", posted)
            #expect(reply.status == 422, "\(field)")
            #expect(reply.text.contains("id=\"e-\(field)\""), "\(field)")
        }
        #expect(try harness.events.show(event.id) == event)

        // Quota editor: a value that is not a number, min above max, an unreadable joint line.
        let line = try #require(event.quotas.values.first { $0.attribute == "gender" })
        let key = "\(line.attribute).\(line.value)"
        // Every line posted as stored, then one thing changed for the worse.
        var stored: [(String, String)] = []
        for value in event.quotas.values {
            stored += [("min.\(value.attribute).\(value.value)", String(value.min)), ("max.\(value.attribute).\(value.value)", String(value.max))]
        }
        for attribute in ["age", "occupation"] { stored.append(("free.\(attribute)", "yes")) }
        func with(_ name: String, _ value: String) -> [(String, String)] {
            stored.contains { $0.0 == name } ? stored.map { $0.0 == name ? ($0.0, value) : $0 } : stored + [(name, value)]
        }
        for (posted, error) in [
            (with("min.\(key)", "x"), "e-min.\(key)"), (with("min.\(key)", "9"), "e-min.\(key)"),
            (with("max.\(key)", "99"), "e-min.\(key)"), (with("joint", "gender=female 1-2"), "e-joint"),
        ] {
            _ = try browser.get("/console/events/\(event.id)/quotas")
            let reply = try browser.post("/console/events/\(event.id)/quotas", posted)
            #expect(reply.status == 422, "\(error)")
            #expect(reply.text.contains("id=\"\(error)\""), "\(error)")
        }
        // The posted lines as stored are accepted (so the refusals above were the changes').
        _ = try browser.get("/console/events/\(event.id)/quotas")
        #expect(try browser.post("/console/events/\(event.id)/quotas", stored).status == 303)
        #expect(try harness.events.show(event.id).quotas == event.quotas)

        // The token form: no such role.
        var admin = try harness.signIn(harness.admin)
        let before = try harness.tokens.list().count
        for role in ["citizen", "root", ""] {
            _ = try admin.get("/console/tokens")
            let reply = try admin.post("/console/tokens", [("role", role), ("label", "x")])
            #expect(reply.status == 422, "\(role)")
            #expect(reply.text.contains(ConsoleText.chooseRole.zh))
        }
        #expect(try harness.tokens.list().count == before)
    }

    @Test func drawDoorAndReplyFormsShowTheErrorAndStoreNothing() throws {
        let harness = try Harness(people: 240)
        let draft = try harness.draft()
        var browser = try harness.signIn(harness.organizer)
        // Prepare: an over-long beacon source.
        _ = try browser.get("/console/events/\(draft.id)/draw")
        let long = try browser.post(
            "/console/events/\(draft.id)/prepare", [("beacon_source", String(repeating: "x", count: 301))])
        #expect(long.status == 422)
        #expect(try harness.events.show(draft.id).status == .draft)
        // Finalize: an empty beacon.
        _ = try harness.events.prepare(draft.id, actor: .cli)
        _ = try browser.get("/console/events/\(draft.id)/draw")
        let blank = try browser.post("/console/events/\(draft.id)/finalize", [("beacon", "  ")])
        #expect(blank.status == 422)
        #expect(blank.text.contains(ConsoleText.required.zh))
        #expect(try harness.events.draw(draft.id).isFinalized == false)

        let event = try harness.invited()
        let list = try harness.invitations.list(event.id)
        let first = list.invitations[0]
        // An answer by phone that is not an answer.
        _ = try browser.get("/console/events/\(event.id)/invitations")
        let answer = try browser.post("/console/events/\(event.id)/answer", [("pid", first.pid), ("state", "attended")])
        #expect(answer.status == 422)
        #expect(try harness.invitations.list(event.id) == list)
        // The door: nothing typed, an unknown code, a code of the panel not yet accepted.
        _ = try browser.get("/console/events/\(event.id)/checkin")
        #expect(try browser.post("/console/events/\(event.id)/checkin", [("key", " ")]).status == 422)
        #expect(try browser.post("/console/events/\(event.id)/checkin", [("key", "NOPE42")]).status == 404)
        let notAccepted = try browser.post("/console/events/\(event.id)/checkin", [("key", first.checkinCode)])
        #expect(notAccepted.status == 409)
        #expect(notAccepted.text.contains("不能入场"))
        #expect(try harness.invitations.list(event.id) == list)
        // Another event's code says so.
        let other = try harness.draft()
        _ = try browser.get("/console/events/\(other.id)/checkin")
        let wrongDoor = try browser.post("/console/events/\(other.id)/checkin", [("key", first.checkinCode)])
        #expect(wrongDoor.status == 409)
        #expect(wrongDoor.text.contains("另一场活动"))

        // Accepted by phone, checked in twice at the door: the name, then "already".
        _ = try browser.get("/console/events/\(event.id)/invitations")
        #expect(try browser.post("/console/events/\(event.id)/answer", [("pid", first.pid), ("state", "accepted")]).status == 303)
        _ = try browser.get("/console/events/\(event.id)/checkin")
        let name = try #require(try harness.registry.show(pid: first.pid, includeContact: true).contact?.name)
        let checkedIn = try browser.post("/console/events/\(event.id)/checkin", [("key", first.checkinCode.lowercased())])
        #expect(checkedIn.status == 200)
        #expect(checkedIn.text.contains(name) && checkedIn.text.contains("answer ok"))
        let again = try browser.post("/console/events/\(event.id)/checkin", [("key", first.pid)])
        #expect(again.text.contains("answer again"))

        // A suggestion from the attendee (feedback opens when the event starts), then an empty reply.
        harness.clock.advance(20 * 86_400)
        let message = try #require(
            try harness.invitations.outbox.list(limit: 1000).first { $0.pid == first.pid && $0.text.contains("/i/") })
        let range = try #require(message.text.range(of: "/i/"))
        let link = String(message.text[range.upperBound...].prefix { !$0.isWhitespace })
        _ = try FeedbackLoop(invitations: harness.invitations).submit(
            token: link,
            FeedbackInput(
                overall: 5, information: 4, heard: 5, again: true, comment: nil,
                suggestions: [SuggestionInput(topic: "交通", text: "增加班车。")]))
        var later = try harness.signIn(harness.organizer)
        let suggestion = try #require(try FeedbackLoop(invitations: harness.invitations).suggestions(event.id).first)
        for (status, reply) in [("adopted", "  "), ("maybe", "好"), ("adopted", String(repeating: "长", count: 2001))] {
            _ = try later.get("/console/events/\(event.id)/suggestions")
            let refused = try later.post(
                "/console/events/\(event.id)/suggestions", [("id", String(suggestion.id)), ("status", status), ("reply", reply)])
            #expect(refused.status == 422, "\(status)")
            #expect(refused.text.contains(WebText.errorPrefix.zh))
        }
        #expect(try FeedbackLoop(invitations: harness.invitations).suggestions(event.id).first == suggestion)
        _ = try later.get("/console/events/\(event.id)/suggestions")
        let replied = try later.post(
            "/console/events/\(event.id)/suggestions",
            [("id", String(suggestion.id)), ("status", "adopted"), ("reply", "已采纳。")])
        #expect(replied.status == 303)
        #expect(try FeedbackLoop(invitations: harness.invitations).suggestions(event.id).first?.reply == "已采纳。")
    }

    @Test func theProgressBarFollowsTheShareOfTypesFixed() {
        #expect(Console.progressValue("leximin: 40% of types fixed, 12 panels, 3 s").text == " value=\"40\" ")
        #expect(Console.progressValue("decomposition: 100% of types fixed, 80 panels, 9 s").text == " value=\"100\" ")
        #expect(Console.progressValue("checking that some panel meets the quotas").text == " ")
        #expect(Console.progressValue("leximin: 1000% of types fixed").text == " ")
    }

    @Test func auditPagesRunNewestFirst() throws {
        let harness = try Harness()
        for index in 0..<(Console.auditPageSize + 5) {
            _ = try harness.tokens.create(role: .evaluator, label: "t\(index)", actor: .cli)
        }
        var browser = try harness.signIn(harness.organizer)
        let first = try browser.get("/console/audit")
        let seqs = first.text.matches(of: /<tr><td class="num">(\d+)<\/td>/).compactMap { Int($0.1) }
        #expect(seqs.count == Console.auditPageSize)
        #expect(seqs == seqs.sorted(by: >))
        let last = try #require(seqs.last)
        let older = try browser.get("/console/audit?before=\(last)")
        let next = older.text.matches(of: /<tr><td class="num">(\d+)<\/td>/).compactMap { Int($0.1) }
        #expect(next.first == last - 1)
        #expect(next.last == 1)
    }
}
