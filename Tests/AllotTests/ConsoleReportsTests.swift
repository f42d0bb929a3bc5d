import Foundation
import Testing

@testable import Allot

/// The console's embedded evaluation reports (no name or phone reaches an evaluator; downloads need a
/// session) and the top-up draw on the invitations board (CSRF, bad input stores nothing).
extension ConsoleTests {
    /// The fixture's contact strings: every name is 志愿者N, every phone 139 and eight digits.
    static func contacts(in text: String) -> [String] {
        var found = text.matches(of: /志愿者\d+/).map { String($0.0) }
        found += text.matches(of: /139\d{8}/).map { String($0.0) }
        return found
    }

    @Test func reportsAreEmbeddedAndDownloadedWithTheSessionWithoutNamesOrPhones() throws {
        let harness = try Harness(people: 240)
        let event = try harness.invited()
        let first = try #require(try harness.invitations.list(event.id).invitations.first)
        _ = try harness.invitations.set(event.id, pid: first.pid, state: "accepted", actor: .cli)
        // The scan can fail: the registry holds such contacts for the panel.
        let contact = try #require(try harness.registry.show(pid: first.pid, includeContact: true).contact)
        #expect(Self.contacts(in: contact.name + " " + contact.phone).count == 2)

        // The console's default: the events' database and targets (as the API's), on the console's clock.
        let reports = Reports(
            database: harness.events.database, schema: harness.events.schema, targetsPath: harness.events.targetsPath,
            clock: harness.clock.function)
        for token in [harness.evaluator, harness.organizer] {
            var browser = try harness.signIn(token)
            let list = try browser.get("/console/reports")
            #expect(list.status == 200)
            #expect(list.text.contains("id=\"summary-report\"") && list.text.contains("<svg"))
            #expect(list.text.contains("href=\"/console/reports/\(event.id)\""))
            let page = try browser.get("/console/reports/\(event.id)?lang=en")
            #expect(page.status == 200)
            #expect(page.text.contains("id=\"event-report\"") && page.text.contains("Small-cell protection"))
            #expect(!page.text.contains("<style"), "the console's CSP forbids inline styles")
            let summary = try browser.get("/console/reports?from=2026-01-01&to=2026-12-31")
            #expect(summary.status == 200 && summary.text.contains("2026-01-01 – 2026-12-31"))
            #expect(summary.text.contains("/console/reports/download?format=csv&amp;from=2026-01-01&amp;to=2026-12-31"))
            let downloads = [
                "/console/reports/\(event.id)/download?format=csv", "/console/reports/\(event.id)/download?format=html",
                "/console/reports/download?format=csv&from=2026-01-01", "/console/reports/download?format=html&lang=en",
            ]
            for path in downloads {
                let file = try browser.get(path)
                #expect(file.status == 200, "\(path)")
                #expect(file.value("content-disposition")?.hasPrefix("attachment;") == true, "\(path)")
                #expect(file.value("cache-control") == "no-store")
                if path.contains("format=html") {
                    #expect(file.value("content-type") == "text/html; charset=utf-8")
                    #expect(file.value("content-security-policy") == ReportRoutes.htmlPolicy)
                } else {
                    #expect(file.value("content-type") == "text/csv; charset=utf-8")
                }
            }
            // The same bytes as the use case renders.
            let csv = try browser.get("/console/reports/\(event.id)/download?format=csv")
            #expect(csv.body == (try reports.event(event.id).output(format: .csv).bytes))
            for reply in [list, page, summary, csv] + (try downloads.map { try browser.get($0) }) {
                #expect(Self.contacts(in: reply.text).isEmpty)
            }
        }
        // Downloads need a session: a browser without one is sent to sign in.
        var anonymous = harness.browser()
        #expect(Self.redirectsToSignIn(try anonymous.get("/console/reports/\(event.id)/download?format=csv")))
        #expect(Self.redirectsToSignIn(try anonymous.get("/console/reports/download?format=html")))
        #expect(Self.redirectsToSignIn(try anonymous.get("/console/reports/\(event.id)")))

        // Bad input: the page with the error (the form keeps what was typed), or the refusal page.
        var evaluator = try harness.signIn(harness.evaluator)
        let badDate = try evaluator.get("/console/reports?from=2026-13-45")
        #expect(badDate.status == 422 && badDate.text.contains("id=\"e-range\""))
        #expect(badDate.text.contains("value=\"2026-13-45\"") && !badDate.text.contains("id=\"summary-report\""))
        let backwards = try evaluator.get("/console/reports?from=2026-12-31&to=2026-01-01")
        #expect(backwards.status == 422 && backwards.text.contains("is after"))
        #expect(try evaluator.get("/console/reports/\(event.id)/download?format=json").status == 422)
        #expect(try evaluator.get("/console/reports/\(event.id)/download?format=pdf").status == 422)
        #expect(try evaluator.get("/console/reports/download?format=csv&to=tomorrow").status == 422)
        #expect(try evaluator.get("/console/reports/9999").status == 404)
        #expect(try evaluator.get("/console/reports/9999/download?format=csv").status == 404)
    }

    /// A drawn, invited event where a panelist declines and no reserve is left: one seat stays open.
    static func openSeat(_ harness: Harness) throws -> (Event, ReplacementLog.Entry) {
        let event = try harness.invited()
        let record = try harness.events.record(event.id)
        for pid in record.reserves { try harness.registry.withdraw(pid: pid, actor: .cli) }
        // After the draw, one more person of every profile enrolls: never invited, they can top it up.
        _ = try EventFixtures.enrollPool(harness.registry, count: 80, phonePrefix: "138")
        let declining = try #require(record.panel.first)
        _ = try harness.invitations.set(event.id, pid: declining, state: "declined", actor: .cli)
        let entry = try #require(try harness.invitations.replacementLog(event.id).entries.last)
        #expect(entry.replacement == nil && entry.unmet != nil)
        #expect(try harness.invitations.list(event.id).open == 1)
        return (event, entry)
    }

    @Test func aSeatLeftOpenIsToppedUpFromTheBoard() throws {
        let harness = try Harness(people: 240)
        let (event, entry) = try Self.openSeat(harness)
        let path = "/console/events/\(event.id)/invitations"
        var browser = try harness.signIn(harness.organizer)
        let board = try browser.get(path)
        #expect(board.status == 200 && board.text.contains("id=\"topup-short\""))
        for line in entry.unmet ?? [] { #expect(board.text.contains(HTML.escape(line))) }
        #expect(board.text.contains("action=\"/console/events/\(event.id)/topup/prepare\""))
        #expect(try topUps(harness, event).isEmpty)

        // CSRF: no token, another origin; an evaluator; bad input — nothing is stored.
        #expect(try browser.post("/console/events/\(event.id)/topup/prepare", [("beacon_source", "s")], token: "").status == 403)
        _ = try browser.get(path)
        let otherOrigin = try browser.post(
            "/console/events/\(event.id)/topup/prepare", [("beacon_source", "s")], headers: [("Origin", "http://evil.example")])
        #expect(otherOrigin.status == 403)
        var evaluator = try harness.signIn(harness.evaluator)
        _ = try evaluator.get("/console/reports")
        #expect(try evaluator.post("/console/events/\(event.id)/topup/prepare", [("beacon_source", "s")]).status == 403)
        _ = try browser.get(path)
        let long = try browser.post(
            "/console/events/\(event.id)/topup/prepare", [("beacon_source", String(repeating: "x", count: 301))])
        #expect(long.status == 422 && long.text.contains("id=\"e-topup_source\""))
        #expect(try topUps(harness, event).isEmpty)

        // Prepare: a job; the board refreshes until it is done, then shows the digests to publish.
        _ = try browser.get(path)
        let started = try browser.post("/console/events/\(event.id)/topup/prepare", [("beacon_source", "2026-12-05 体彩")])
        #expect(started.status == 303)
        let location = try #require(started.value("location")?.split(separator: "#").first.map(String.init))
        #expect(location.hasPrefix(path + "?topup_job="))
        var page = try browser.get(location)
        for _ in 0..<300 where page.text.contains("http-equiv=\"refresh\"") {
            Thread.sleep(forTimeInterval: 0.05)
            page = try browser.get(location)
        }
        let round = try #require(try topUps(harness, event).first, "\(page.text.firstMatch(of: /<section id="topup"[\s\S]*<\/section>/)?.0 ?? "")")
        #expect(!round.isFinalized && round.round == 1)
        #expect(page.text.contains(round.poolDigest) && page.text.contains(round.lotteryDigest))
        #expect(page.text.contains(round.termsDigest) && page.text.contains("2026-12-05 体彩"))
        #expect(page.text.contains("action=\"/console/events/\(event.id)/topup/finalize\""))

        // Finalize: an empty beacon is refused with the error, then the beacon invites the top-up panel.
        let blank = try browser.post("/console/events/\(event.id)/topup/finalize", [("beacon", " ")])
        #expect(blank.status == 422 && blank.text.contains("id=\"e-topup_beacon\""))
        #expect(try topUps(harness, event).first?.isFinalized == false)
        let done = try browser.post("/console/events/\(event.id)/topup/finalize", [("beacon", "08 15 23 31 35 + 02 11")])
        #expect(done.status == 303)
        let list = try harness.invitations.list(event.id)
        #expect(list.open == 0 && list.invitations.contains { $0.source == .topUp })
        let after = try browser.get(path)
        #expect(after.text.contains("/api/v1/events/\(event.id)/draw/record?round=1"))
        #expect(!after.text.contains("id=\"topup-short\"") && !after.text.contains("/topup/prepare\""))
        #expect(DrawVerifier.verify(try harness.events.record(event.id, round: 1)).allSatisfy { $0.passed })
    }

    private func topUps(_ harness: Harness, _ event: Event) throws -> [StoredDraw] {
        var rounds: [StoredDraw] = []
        while let next = try? harness.events.draw(event.id, round: rounds.count + 1) { rounds.append(next) }
        return rounds
    }
}
