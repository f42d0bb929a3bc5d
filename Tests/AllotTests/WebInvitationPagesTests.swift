import Foundation
import HTTPServer
import Testing

@testable import Allot

/// The invitation page `/i/{token}` over real sockets with a real SQLite file: accept, decline and
/// cancel through forms; the check-in code; the fresh feedback link after close; the feedback form
/// with its errors, editing and the replies to suggestions; hostile posts that store nothing; and the
/// reserves and suggestions on the public event page.
@Suite("Web invitation pages")
struct WebInvitationPagesTests {
    final class Harness {
        let directory: TestDirectory
        let clock = TestClock(LocalTime.date("2026-12-01T09:00") ?? Fixtures.now)
        let registry: Registry
        let events: Events
        let outbox: Outbox
        let invitations: Invitations
        let feedback: FeedbackLoop
        let server: HTTPServer
        let eventId: Int
        let panel: [String]

        /// Enough volunteers for a 10-seat panel with reserves, few enough for a quick draw.
        static let people = 120

        init(rateLimit: Int = 0) throws {
            directory = try TestDirectory()
            let config = try Fixtures.config()
            let database = try Database.create(path: directory.path("allot.db"))
            let now = clock.function
            registry = Registry(database: database, config: config, clock: now)
            events = Events(database: database, config: config, clock: now)
            outbox = Outbox(database: database, config: config, clock: now)
            invitations = Invitations(events: events, outbox: outbox, clock: now)
            feedback = FeedbackLoop(invitations: invitations)
            _ = try EventFixtures.enrollPool(registry, count: Self.people)
            var draft = EventFixtures.draft()
            draft.title = "市政府开放日<script>alert(1)</script>"
            let event = try events.create(draft, actor: .cli)
            eventId = event.id
            _ = try events.prepare(event.id, actor: .cli)
            panel = try events.finalize(event.id, beacon: "07 12 25 33", actor: .cli).panel ?? []
            _ = try invitations.invite(event.id, actor: .cli)
            var router = HTTPRouter()
            WebPages(
                registry: registry, tokens: TokenStore(database: database), events: events, invitations: invitations,
                rateLimitPerMinute: rateLimit
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

        func browser() -> WebPagesTests.Browser { WebPagesTests.Browser(port: server.port) }

        /// The newest personal link token of each pid, from the texts in the outbox.
        func links() throws -> [String: String] {
            var links: [String: String] = [:]
            for message in try outbox.list(limit: 10_000) where links[message.pid] == nil {
                guard let range = message.text.range(of: "/i/") else { continue }
                links[message.pid] = String(message.text[range.upperBound...].prefix { !$0.isWhitespace })
            }
            return links
        }

        func state(_ pid: String) throws -> InvitationState? {
            try invitations.list(eventId).invitations.first { $0.pid == pid }?.state
        }

        /// Event day: check `attendees` in, then close (the others who accepted become no-shows).
        func holdEvent(attendees: [String]) throws {
            clock.advance((LocalTime.date("2026-12-20T10:00") ?? Fixtures.now).timeIntervalSince(clock.now))
            for pid in attendees { _ = try invitations.checkIn(eventId, pid, actor: .cli) }
            _ = try invitations.close(eventId, actor: .cli)
        }
    }

    static let scores: [(String, String)] = [("overall", "4"), ("information", "3"), ("heard", "5"), ("again", "yes")]

    @Test func acceptShowsTheCodeCancelAsksFirstDeclineIsClear() throws {
        let harness = try Harness()
        var browser = harness.browser()
        let links = try harness.links()
        let first = try #require(links[harness.panel[0]])
        let path = "/i/" + first

        let page = try browser.get(path)
        #expect(page.status == 200)
        #expect(page.text.contains("市政府开放日&lt;script&gt;") && !page.text.contains("<script>alert"))
        #expect(page.text.contains("人民大道200号") && page.text.contains("市政府办公厅"))
        #expect(page.text.contains("2026-12-20 09:30") && page.text.contains("2026-12-10 18:00"))
        #expect(page.text.contains("value=\"accept\"") && page.text.contains("value=\"decline\""))
        #expect(!page.text.contains("checkin-code"))
        #expect(page.value("referrer-policy") == "no-referrer")

        let accepted = try browser.post(path, [("response", "accept")])
        #expect(accepted.status == 200)
        let code = try #require(try harness.invitations.list(harness.eventId).invitations.first { $0.pid == harness.panel[0] }?.checkinCode)
        #expect(accepted.text.contains("id=\"checkin-code\">\(code)</p>"))
        #expect(accepted.text.contains("href=\"\(path)/cancel\""))
        #expect(try browser.get(path + "?lang=en").text.contains("Your check-in code"))

        // Cancel asks first; the confirm page changes nothing; its post does.
        let confirm = try browser.get(path + "/cancel")
        #expect(confirm.status == 200 && confirm.text.contains(WebText.cancelConfirmText.en))
        #expect(try harness.state(harness.panel[0]) == .accepted)
        let cancelled = try browser.post(path + "/cancel", [])
        #expect(cancelled.status == 200 && cancelled.text.contains(WebText.cancelledTitle.en))
        #expect(try harness.state(harness.panel[0]) == .cancelled)
        #expect(!cancelled.text.contains(code))

        let second = "/i/" + (try #require(links[harness.panel[1]]))
        _ = try browser.get(second)
        let declined = try browser.post(second, [("response", "decline")])
        #expect(declined.status == 200 && declined.text.contains(WebText.declinedTitle.en))
        // Accepting after declining is refused with the page as it stands (a form token from another page).
        _ = try browser.get("/i/" + (try #require(links[harness.panel[3]])))
        let late = try browser.post(second, [("response", "accept")])
        #expect(late.status == 409 && late.text.contains(WebText.notNowText.en))
        #expect(try harness.state(harness.panel[1]) == .declined)

        // The public page lists the two vacated seats with the reserves that took them (pids only).
        let event = try browser.get("/events/\(harness.eventId)?lang=en").text
        let log = try harness.invitations.replacementLog(harness.eventId)
        #expect(log.entries.count == 2)
        #expect(event.contains(WebText.reservesSummary(vacated: 2, filled: log.entries.count { $0.replacement != nil },
                                                       open: log.entries.count { $0.replacement == nil }).en))
        for entry in log.entries {
            #expect(event.contains("<td><code>\(entry.vacated)</code></td>"))
            if let replacement = entry.replacement { #expect(event.contains("<td><code>\(replacement)</code></td>")) }
        }
        #expect(event.contains(WebText.suggestionsNone.en))
        WebEventPagesTests.expectNothingPersonal(event, "event page")

        // Unknown and mistyped links get the friendly 404.
        for bad in ["/i/nosuchtoken", "/i/" + String(first.dropLast()), "/i/" + String(repeating: "a", count: 500)] {
            let reply = try browser.get(bad)
            #expect(reply.status == 404 && reply.text.contains(WebText.notFoundTitle.en), "\(bad.prefix(20))")
        }
    }

    @Test func pastTheDeadlineTheInvitationCannotBeAnswered() throws {
        let harness = try Harness()
        var browser = harness.browser()
        let path = "/i/" + (try #require(try harness.links()[harness.panel[0]]))
        _ = try browser.get(path)
        let token = try #require(browser.lastToken)
        harness.clock.advance(10 * 86_400)
        let page = try browser.get(path)
        #expect(page.text.contains(WebText.pastDeadlineTitle.zh) && !page.text.contains("value=\"accept\""))
        let post = try browser.post(path, [("response", "accept")], token: token)
        #expect(post.status == 409 && post.text.contains(WebText.pastDeadlineTitle.zh))
        #expect(try harness.state(harness.panel[0]) == .invited)
    }

    @Test func attendeesGiveFeedbackEditItAndSeeTheReplies() throws {
        let harness = try Harness()
        var browser = harness.browser()
        let before = try harness.links()
        for pid in harness.panel[0..<2] {
            let path = "/i/" + (try #require(before[pid]))
            _ = try browser.get(path)
            #expect(try browser.post(path, [("response", "accept")]).status == 200)
        }
        // Before the event, the page offers cancel; no feedback form.
        let early = try browser.get("/i/" + (try #require(before[harness.panel[0]])))
        #expect(!early.text.contains("/feedback\""))

        try harness.holdEvent(attendees: [harness.panel[0]])
        let after = try harness.links()
        let fresh = try #require(after[harness.panel[0]])
        #expect(fresh != before[harness.panel[0]])
        #expect(try browser.get("/i/" + (try #require(before[harness.panel[0]]))).status == 404)
        let noShow = try browser.get("/i/" + (try #require(before[harness.panel[1]])) + "?lang=en")
        #expect(noShow.status == 200 && noShow.text.contains(WebText.noShowTitle.en) && !noShow.text.contains("<form"))

        let path = "/i/" + fresh
        let form = try browser.get(path + "?lang=en")
        #expect(form.status == 200 && form.text.contains("action=\"\(path)/feedback\""))
        for name in ["overall", "information", "heard"] {
            for value in 1...5 { #expect(form.text.contains("<label for=\"f-\(name)-\(value)\">")) }
        }
        #expect(form.text.contains("<label for=\"f-comment\">") && form.text.contains("<label for=\"f-topic_3\">"))

        // Missing scores and a topic without text: errors next to the fields, values kept, nothing stored.
        let wrong = try browser.post(path + "/feedback", [("overall", "4"), ("comment", "很好 & <b>"), ("topic_1", "交通")])
        #expect(wrong.status == 422)
        #expect(wrong.text.contains("id=\"e-information\"") && wrong.text.contains("id=\"e-heard\""))
        #expect(wrong.text.contains("id=\"e-again\"") && wrong.text.contains("id=\"e-text_1\""))
        #expect(wrong.text.contains(WebText.chooseScore.en) && !wrong.text.contains(WebText.chooseScore.zh))
        #expect(wrong.text.contains("value=\"4\" checked") && wrong.text.contains(">很好 &amp; &lt;b&gt;</textarea>"))
        #expect(wrong.text.contains("value=\"交通\""))
        #expect(throws: FeedbackError.noFeedbackYet) { try harness.feedback.show(token: fresh) }

        let sent = try browser.post(
            path + "/feedback",
            Self.scores + [("comment", "<script>alert(1)</script>"), ("topic_2", "交通"), ("text_2", "增加公交<b>班次</b>")])
        #expect(sent.status == 200 && sent.text.contains(WebText.feedbackSaved.en))
        #expect(!sent.text.contains("<script>alert") && sent.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;</textarea>"))
        var record = try harness.feedback.show(token: fresh)
        #expect(record.overall == 4 && record.information == 3 && record.heard == 5 && record.again)
        #expect(record.suggestions.map(\.topic) == ["交通"] && record.suggestions.first?.text == "增加公交<b>班次</b>")
        #expect(sent.text.contains("增加公交&lt;b&gt;班次&lt;/b&gt;") && sent.text.contains(WebText.noReplyYet.en))

        // Editing: scores change, the suggestion is not sent twice.
        let edited = try browser.post(path + "/feedback", [("overall", "2"), ("information", "3"), ("heard", "5"), ("again", "no")])
        #expect(edited.status == 200)
        record = try harness.feedback.show(token: fresh)
        #expect(record.overall == 2 && !record.again && record.comment == nil && record.suggestions.count == 1)

        // The organizer replies: the author and the public see it, the public without the author.
        let id = try #require(record.suggestions.first?.id)
        _ = try harness.feedback.reply(id, status: "adopted", reply: "已增加早晚高峰班次", actor: .cli)
        let replied = try browser.get(path + "?lang=zh")
        #expect(replied.text.contains("已增加早晚高峰班次") && replied.text.contains(WebText.suggestionStatus(.adopted).zh))
        let event = try browser.get("/events/\(harness.eventId)?lang=zh").text
        let suggestions = try #require(event.range(of: WebText.suggestionsTitle.zh))
        let section = String(event[suggestions.lowerBound...])
        #expect(section.contains("已增加早晚高峰班次") && section.contains("增加公交&lt;b&gt;班次"))
        #expect(!section.contains(harness.panel[0]))

        // After the window the form is gone; the replies stay.
        harness.clock.advance(60 * 86_400)
        let closed = try browser.get(path)
        #expect(!closed.text.contains("/feedback\"") && closed.text.contains("已增加早晚高峰班次"))
    }

    @Test func hostilePostsGetAnErrorPageAndStoreNothing() throws {
        let harness = try Harness()
        var browser = harness.browser()
        let before = try harness.links()
        let answer = "/i/" + (try #require(before[harness.panel[2]]))
        let accept = "/i/" + (try #require(before[harness.panel[0]]))
        _ = try browser.get(accept)
        #expect(try browser.post(accept, [("response", "accept")]).status == 200)
        try harness.holdEvent(attendees: [harness.panel[0]])
        let path = "/i/" + (try #require(try harness.links()[harness.panel[0]]))
        let feedbackPath = path + "/feedback"
        func body(_ text: String) -> [UInt8] { Array(text.utf8) }
        let form = [("Content-Type", "application/x-www-form-urlencoded")]

        var cases: [(String, WebReply, Int)] = []
        _ = try browser.get(path)
        cases.append(("script response", try browser.post(answer, [("response", "<script>alert(1)</script>")]), 400))
        _ = try browser.get(path)
        let token = try #require(browser.lastToken)
        let guardField = FormGuard.fieldName + "=" + token
        cases.append(("bad escape", try browser.send("POST", feedbackPath, body: body("overall=%ZZ&" + guardField), headers: form), 400))
        _ = try browser.get(path)
        cases.append(("not UTF-8", try browser.send("POST", feedbackPath, body: body("comment=%FF%FE&overall=4&" + FormGuard.fieldName + "=" + (browser.lastToken ?? "")), headers: form), 400))
        _ = try browser.get(path)
        cases.append(("wrong charset", try browser.send("POST", feedbackPath, body: body("overall=4"), headers: [("Content-Type", "application/x-www-form-urlencoded; charset=gbk")]), 400))
        _ = try browser.get(path)
        cases.append(("long comment", try browser.post(feedbackPath, Self.scores + [("comment", String(repeating: "长", count: 2001))]), 422))
        _ = try browser.get(path)
        cases.append(("long topic", try browser.post(feedbackPath, Self.scores + [("topic_1", String(repeating: "x", count: 101)), ("text_1", "t")]), 422))
        _ = try browser.get(path)
        cases.append(("control characters", try browser.post(feedbackPath, Self.scores + [("comment", "a\u{7}b")]), 422))
        _ = try browser.get(path)
        cases.append(("score out of range", try browser.post(feedbackPath, [("overall", "6"), ("information", "0"), ("heard", "-1"), ("again", "maybe")]), 422))
        _ = try browser.get(path)
        cases.append(("missing fields", try browser.post(feedbackPath, []), 422))
        cases.append(("no guard token", try browser.post(feedbackPath, Self.scores, token: ""), 403))
        _ = try browser.get(path)
        cases.append(("cross-site", try browser.post(feedbackPath, Self.scores, headers: [("Origin", "http://evil.example")]), 403))
        cases.append(("oversized", try browser.post(feedbackPath, [("comment", String(repeating: "x", count: WebPages.maxFeedbackBodySize))]), 413))
        for (name, reply, status) in cases {
            #expect(reply.status == status, "\(name): \(reply.status)")
            if status != 413 {
                #expect(reply.text.contains("<html lang=\"zh-CN\">") && (reply.text.contains("错误") || reply.text.contains("表单")), "\(name)")
            }
            #expect(!reply.text.contains("<script>alert"), "\(name)")
        }
        #expect(throws: FeedbackError.noFeedbackYet) { try harness.feedback.show(token: String(path.dropFirst(3))) }
        #expect(try ![.accepted, .declined].contains(harness.state(harness.panel[2])))

        // A replayed post: the first stores, the second (same one-time token) is refused and changes nothing.
        _ = try browser.get(path)
        let replayToken = try #require(browser.lastToken)
        #expect(try browser.post(feedbackPath, Self.scores, token: replayToken).status == 200)
        let replay = try browser.post(feedbackPath, [("overall", "1"), ("information", "1"), ("heard", "1"), ("again", "no")], token: replayToken)
        #expect(replay.status == 409 && replay.text.contains(WebText.replayedTitle.zh))
        #expect(try harness.feedback.show(token: String(path.dropFirst(3))).overall == 4)
    }

    @Test func answersAreRateLimited() throws {
        let harness = try Harness(rateLimit: 2)
        var browser = harness.browser()
        let path = "/i/" + (try #require(try harness.links()[harness.panel[0]]))
        var statuses: [Int] = []
        for _ in 0..<3 {
            _ = try browser.get(path)
            statuses.append(try browser.post(path, [("response", "nonsense")]).status)
        }
        #expect(statuses == [400, 400, 429])
        #expect(try harness.state(harness.panel[0]) == .invited)
    }
}
