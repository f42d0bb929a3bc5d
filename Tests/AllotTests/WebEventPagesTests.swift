import Foundation
import HTTPServer
import Sortition
import Testing

@testable import Allot

/// The public event pages over real sockets with a real SQLite file: which events the public sees,
/// the commitment then the result of a draw, escaping of organizer text, no names or phones, and the
/// verify page with its script (run in a real browser by `scripts/browser-test`).
@Suite("Web event pages")
struct WebEventPagesTests {
    final class Harness {
        let directory: TestDirectory
        let registry: Registry
        let events: Events
        let clock: EventFixtures.Clock
        let server: HTTPServer

        init(people: Int = 200) throws {
            directory = try TestDirectory()
            let clock = EventFixtures.Clock()
            self.clock = clock
            let database = try Database.create(path: directory.path("allot.db"))
            let config = try Fixtures.config()
            registry = Registry(database: database, config: config, clock: { clock() })
            events = Events(database: database, config: config, clock: { clock() })
            _ = try EventFixtures.enrollPool(registry, count: people)
            var router = HTTPRouter()
            WebPages(registry: registry, tokens: TokenStore(database: database), events: events, rateLimitPerMinute: 0)
                .register(into: &router)
            var configuration = HTTPServerConfiguration()
            configuration.port = 0
            server = HTTPServer(configuration: configuration, router: router)
            try server.start()
        }

        deinit {
            server.shutdown()
            server.wait()
        }

        func browser() -> WebPagesTests.Browser { WebPagesTests.Browser(port: server.port) }
    }

    static let hostileTitle = "<script>alert(1)</script>开放日"
    static let hostilePlace = "\"><img src=x onerror=alert(1)> 人民大道200号"

    /// Nothing personal on a public page: no volunteer names (the fixtures call them 志愿者…), no phone.
    static func expectNothingPersonal(_ page: String, _ comment: Comment) {
        #expect(!page.contains("志愿者"), comment)
        // Digests and seeds are 64 hex digits that may hold a run of 11 digits: not phones.
        let withoutDigests = page.replacing(/[0-9a-f]{64}/, with: "")
        #expect(withoutDigests.firstMatch(of: /1[3-9][0-9]{9}/) == nil, comment)
    }

    @Test func eventPageShowsTheCommitmentThenTheResultAndNothingPersonal() throws {
        let harness = try Harness()
        var browser = harness.browser()
        var draft = EventFixtures.draft()
        draft.title = Self.hostileTitle
        draft.place = Self.hostilePlace
        let event = try harness.events.create(draft, actor: .cli)
        let path = "/events/\(event.id)"

        let planned = try browser.get(path)
        #expect(planned.status == 200)
        #expect(planned.text.contains(HTML.escape(Self.hostileTitle)) && !planned.text.contains("<script>alert"))
        #expect(planned.text.contains(HTML.escape(Self.hostilePlace)) && !planned.text.contains("<img"))
        #expect(planned.text.contains(WebText.notPrepared.zh) && !planned.text.contains("id=\"pool-digest\""))

        let prepared = try harness.events.prepare(event.id, beaconSource: "上海福利彩票 <2026-12-01>", actor: .cli)
        let committed = try browser.get(path).text
        for digest in [prepared.poolDigest, prepared.lotteryDigest, prepared.termsDigest] {
            #expect(committed.contains(">\(digest)</code>"))
        }
        #expect(committed.contains("上海福利彩票 &lt;2026-12-01&gt;"))
        #expect(committed.contains(WebText.status(.prepared).zh))
        #expect(!committed.contains("id=\"panel\"") && !committed.contains("/verify\""))
        Self.expectNothingPersonal(committed, "prepared")

        let drawn = try harness.events.finalize(event.id, beacon: "07 12 25 33", actor: .cli)
        let page = try browser.get(path).text
        let panel = try #require(drawn.panel)
        #expect(panel.count == 10)
        for pid in panel { #expect(page.contains("<li><code>\(pid)</code></li>")) }
        #expect(page.matches(of: /<li><code>/).count == panel.count)
        #expect(page.contains(">\(try #require(drawn.seed))</code>"))
        #expect(page.contains("id=\"panel-index\">\(try #require(drawn.panelIndex))</dd>"))
        #expect(page.contains("href=\"/api/v1/events/\(event.id)/draw/record\""))
        #expect(page.contains("href=\"/events/\(event.id)/verify\""))
        #expect(page.contains(WebText.laterText.zh))
        Self.expectNothingPersonal(page, "drawn")

        let english = try browser.get(path + "?lang=en").text
        #expect(english.contains("<html lang=\"en\">") && english.contains("City hall open day"))
        #expect(english.contains(WebText.laterText.en) && english.contains("Result of the draw"))
    }

    @Test func listShowsWhatThePublicMaySeeAndHidesTheRest() throws {
        let harness = try Harness(people: 120)
        var browser = harness.browser()
        func create(_ title: String, startsAt: String = "2026-12-20T09:30") throws -> Event {
            var draft = EventFixtures.draft(startsAt: startsAt)
            draft.title = title
            draft.responseDeadline = nil
            return try harness.events.create(draft, actor: .cli)
        }
        // The fixed clock is 2026-11-18: a draft of 2026-01 is over, one of 2026-12 still to come.
        let upcoming = try create("即将举行的听证会")
        let past = try create("已过期的草稿", startsAt: "2026-01-05T09:00")
        let cancelled = try create("取消的草稿")
        _ = try harness.events.cancel(cancelled.id, actor: .cli)
        let preparedThenCancelled = try create("准备后取消")
        _ = try harness.events.prepare(preparedThenCancelled.id, actor: .cli)
        _ = try harness.events.cancel(preparedThenCancelled.id, actor: .cli)

        let list = try browser.get("/events")
        #expect(list.status == 200)
        #expect(list.text.contains("即将举行的听证会") && list.text.contains("准备后取消"))
        #expect(!list.text.contains("已过期的草稿") && !list.text.contains("取消的草稿"))
        #expect(list.text.contains(WebText.status(.draft).zh) && list.text.contains(WebText.status(.cancelled).zh))
        #expect(list.text.contains("2026-12-20 09:30"))
        Self.expectNothingPersonal(list.text, "list")

        #expect(try browser.get("/events/\(upcoming.id)").status == 200)
        #expect(try browser.get("/events/\(preparedThenCancelled.id)").status == 200)
        for hidden in [
            "/events/\(past.id)", "/events/\(cancelled.id)", "/events/\(cancelled.id)/verify", "/events/999",
            "/events/0", "/events/abc", "/events/0\(upcoming.id)", "/events/-1",
        ] {
            let reply = try browser.get(hidden)
            #expect(reply.status == 404, "\(hidden)")
            #expect(reply.text.contains(WebText.notFoundTitle.zh), "\(hidden)")
        }
        // An empty registry of events says so.
        let empty = try Harness(people: 0)
        var other = empty.browser()
        #expect(try other.get("/events?lang=en").text.contains(WebText.eventsNone.en))
        // The home page links to the list.
        #expect(try browser.get("/").text.contains("href=\"/events\""))
    }

    @Test func verifyPageCarriesThePublishedDrawItsTextsAndOnlyAnOwnScript() throws {
        let harness = try Harness()
        var browser = harness.browser()
        let event = try harness.events.create(EventFixtures.draft(), actor: .cli)
        _ = try harness.events.prepare(event.id, beaconSource: "福彩3D", actor: .cli)
        let notYet = try browser.get("/events/\(event.id)/verify")
        #expect(notYet.status == 200 && notYet.text.contains(WebText.verifyNotDrawn.zh))
        #expect(!notYet.text.contains("data-record-url"))
        let drawn = try harness.events.finalize(event.id, beacon: "3 1 4 1 5 9 \"&<", actor: .cli)

        let reply = try browser.get("/events/\(event.id)/verify")
        #expect(reply.status == 200)
        let page = reply.text
        let csp = try #require(reply.value("content-security-policy"))
        #expect(csp.contains("script-src 'self'") && csp.contains("connect-src 'self'") && !csp.contains("unsafe"))
        // One script, from our own path, and no inline code or handlers.
        #expect(page.matches(of: /<script/).count == 1)
        #expect(page.contains("<script src=\"\(WebVerifyScript.path)\" defer></script>"))
        #expect(page.firstMatch(of: /\son[a-z]+=/) == nil && !page.contains("style="))
        #expect(page.contains("data-record-url=\"/api/v1/events/\(event.id)/draw/record\""))
        #expect(page.contains("data-published-pool=\"\(drawn.poolDigest)\""))
        #expect(page.contains("data-published-seed=\"\(try #require(drawn.seed))\""))
        #expect(page.contains("data-published-beacon=\"3 1 4 1 5 9 &quot;&amp;&lt;\""))
        for check in WebText.verifyChecks {
            #expect(page.contains("id=\"check-\(check.id)\""))
            #expect(page.contains(HTML.escape(check.label.zh)))
        }
        #expect(page.contains("data-t-passed=\"通过\"") && page.contains("data-t-failed=\"失败\""))
        // The own-record form: every control labelled.
        for id in ["record-file", "record-text"] { #expect(page.contains("<label for=\"\(id)\">")) }
        Self.expectNothingPersonal(page, "verify")
        let english = try browser.get("/events/\(event.id)/verify?lang=en").text
        #expect(english.contains("data-t-passed=\"passed\"") && english.contains("data-t-failed=\"failed\""))

        let script = try browser.get(WebVerifyScript.path)
        #expect(script.status == 200 && script.value("content-type") == "text/javascript; charset=utf-8")
        #expect(script.value("x-content-type-options") == "nosniff")
        #expect(script.text.contains("crypto.subtle.digest(\"SHA-256\""))
    }

    /// The script and the catalog agree: every check the page lists is one the script reports, every
    /// text the script asks for is in the catalog, and the protocol's texts are spelled as in Swift.
    @Test func scriptAndCatalogAgree() {
        let script = WebVerifyScript.source
        let keys = Set(WebText.verifyScriptTexts.map { $0.key.description })
        #expect(keys.count == WebText.verifyScriptTexts.count)
        let asked = Set(script.matches(of: /text\("([a-z-]+)"/).map { String($0.1) })
        #expect(!asked.isEmpty && asked.isSubset(of: keys), "\(asked.subtracting(keys))")
        for key in keys { #expect(script.contains("\"\(key)\""), "\(key) is not used by the script") }
        for check in WebText.verifyChecks {
            let id = check.id.description
            #expect(script.contains("check(\"\(id)\"") || script.contains("setRow(\"\(id)\""), "\(id)")
        }
        for header in [DrawProtocol.poolHeader, DrawProtocol.lotteryHeader, DrawProtocol.termsHeader] {
            #expect(script.contains("\"\(header)\\n\""), "\(header)")
        }
        #expect(script.contains("const PROTOCOL = \"\(DrawProtocol.name)\""))
        #expect(!script.contains("innerHTML") && !script.contains("eval("))
    }
}
