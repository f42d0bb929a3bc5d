import Foundation
import Testing

@testable import Allot
@testable import AllotCommand
import TestData

/// A temp database with a drawn event (made through the use cases: the event and draw commands are
/// another branch's), and the real command list run in-process against it.
private struct DrawnEvent {
    let directory: URL
    let environment: [String: String]
    let config: AllotConfig
    let database: Database
    let id: Int
    let panel: [String]
    let reserves: [String]

    /// 240 volunteers of 80 kinds and a 10-seat open day from the Shanghai targets, prepared and finalized.
    /// `autoReplace` is written into a copy of the shipped configuration.
    init(autoReplace: Bool = true, pool: [Enrollment]? = nil, draft: EventDraft? = nil) throws {
        directory = try TestData.temporaryDirectory("allot-invitation-cli")
        var json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: TestData.configPath)))
                as? [String: Any])
        var events = json["events"] as? [String: Any] ?? [:]
        events["autoReplace"] = autoReplace
        json["events"] = events
        let configPath = directory.appendingPathComponent("allot.json").path
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: configPath))
        environment = ["ALLOT_DB": directory.appendingPathComponent("allot.db").path, "ALLOT_CONFIG": configPath]
        config = try AllotConfig.load(path: configPath)
        database = try Database.create(path: directory.appendingPathComponent("allot.db").path)
        let registry = Registry(database: database, config: config)
        _ = try registry.enroll(batch: pool ?? Self.pool(registry.schema, count: 240), actor: .cli)
        let events_ = Events(database: database, config: config)
        let event = try events_.create(
            draft ?? EventDraft(
                title: "市政府开放日", department: "市政府办公厅", startsAt: "2026-12-20T09:30", place: "人民大道200号",
                seats: 10, reserves: 5, responseDeadline: "2026-12-10T18:00",
                targets: TestData.packageRoot.appendingPathComponent("config/targets/shanghai-2020.json").path,
                unconstrained: ["age", "occupation"]),
            actor: .cli)
        id = event.id
        _ = try events_.prepare(id, actor: .cli)
        let drawn = try events_.finalize(id, beacon: "2026-12-01 福彩 07 12 25", actor: .cli)
        panel = drawn.panel ?? []
        reserves = try events_.record(id).reserves
    }

    /// Person i has profile i mod 80: every value of every attribute occurs (as in the AllotTests fixtures).
    static func pool(_ schema: AttributeSchema, count: Int) -> [Enrollment] {
        func code(_ attribute: String, _ index: Int) -> String {
            let values = schema.attribute(named: attribute)?.values ?? []
            return values.isEmpty ? "" : values[index % values.count].code
        }
        return (0..<count).map { index in
            let p = index % 80
            return Enrollment(
                name: "志愿者\(index)", phone: "139" + String(format: "%08d", index), email: nil,
                birthYear: 1952 + (p % 6) * 10,
                attributes: [
                    "gender": code("gender", p), "income": code("income", p), "education": code("education", p),
                    "occupation": code("occupation", p % 3), "district": code("district", p),
                ], consent: true)
        }
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func run(_ arguments: [String]) -> (code: Int32, output: String, errors: String) {
        let captured = Captured()
        let runner = CommandRunner(parser: ArgumentParser(commands: CommandList.all, groupAbstracts: CommandList.groups))
        let code = runner.run(arguments, environment: environment, output: captured.out, diagnostics: captured.err)
        return (code, captured.lines.joined(), captured.errors.joined())
    }

    func json(_ arguments: [String]) throws -> [String: Any] {
        let result = run(arguments + ["--json"])
        #expect(result.code == 0, "\(arguments): \(result.errors)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    }

    func invitations() throws -> InvitationList {
        try Invitations(events: Events(database: database, config: config), outbox: Outbox(database: database, config: config))
            .list(id)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

@Suite("Invitation commands") struct InvitationCommandsTests {
    @Test func anOrganizerRunsAnEventFromInvitationToClose() throws {
        let event = try DrawnEvent()
        defer { event.remove() }
        let id = String(event.id)
        #expect(event.panel.count == 10)

        let invited = event.run(["invite", id, "--deadline", "2026-12-12T12:00"])
        #expect(invited.code == 0 && invited.output.contains("invited 10 panel members") && invited.output.contains("2026-12-12 12:00"))
        let twice = event.run(["invite", id])
        #expect(twice.code == 1 && twice.errors == "allot: the panel of event \(id) is invited already [already_invited]\n")
        let badDeadline = event.run(["invite", id, "--deadline", "12/12/2026"])
        #expect(badDeadline.code == 2 && badDeadline.errors.contains("--deadline must be YYYY-MM-DDTHH:MM"))
        #expect(event.run(["invite", "zero"]).code == 2)

        // The table, the counts, the seats.
        let table = event.run(["invitations", id])
        let lines = table.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].hasPrefix("pid") && lines[0].contains("state") && lines[0].contains("code") && lines[0].hasSuffix("deadline"))
        #expect(lines.filter { $0.contains(" invited ") && $0.contains(" panel ") && $0.hasSuffix("2026-12-12 12:00") }.count == 10)
        #expect(table.output.contains("invited 10  accepted 0") && table.output.contains("seats 10: 10 held, 0 open"))
        let listed = try event.json(["invitations", id])
        #expect((listed["invitations"] as? [[String: Any]])?.count == 10 && listed["held"] as? Int == 10)

        // Answers by phone: 6 accept; one declines and a reserve is invited in the same breath.
        for pid in event.panel[0..<6] { #expect(event.run(["invitation", "set", id, pid, "accepted"]).code == 0) }
        let declined = event.run(["invitation", "set", id, event.panel[6], "declined"])
        #expect(declined.code == 0 && declined.output.hasPrefix("\(event.panel[6]): declined\n"))
        #expect(declined.output.contains("\(event.panel[6]) declined → "))
        let bad = event.run(["invitation", "set", id, event.panel[7], "maybe"])
        #expect(bad.code == 2 && bad.errors.contains("STATE must be one of accepted, declined, cancelled, got 'maybe'"))
        let afterDecline = event.run(["invitation", "set", id, event.panel[6], "accepted"])
        #expect(afterDecline.code == 1 && afterDecline.errors.contains("is declined: it cannot become accepted [illegal_transition]"))
        let stranger = event.run(["invitation", "set", id, "P-NOBODY", "accepted"])
        #expect(stranger.code == 1 && stranger.errors.contains("[not_invited]"))
        var list = try event.invitations()
        #expect(list.counts["accepted"] == 6 && list.counts["declined"] == 1 && list.invitations.count == 11)
        #expect(list.invitations.last?.source == .replacement)

        // Nothing vacated now: replace says so; expire finds nothing past due.
        #expect(event.run(["replace", id]).output == "no vacated seat waits for a replacement\n")
        #expect(event.run(["invitations", "expire"]).output == "expired 0 invitation(s) past their deadline\n")
        #expect(try event.json(["invitations", "expire"])["expired"] as? Int == 0)

        // Check-in by code (any case) and by pid; a second one is a clear no-op; a decliner is refused.
        let code = try #require(list.invitations.first { $0.pid == event.panel[0] }?.checkinCode)
        let first = event.run(["checkin", id, code.lowercased()])
        #expect(first.code == 0 && first.output.hasPrefix("\(event.panel[0]): checked in at 20"))
        let again = event.run(["checkin", id, event.panel[0]])
        #expect(again.code == 0 && again.output.hasPrefix("\(event.panel[0]): already checked in at 20"))
        #expect(try event.json(["checkin", id, event.panel[1]])["result"] as? String == "checked_in")
        let decliner = event.run(["checkin", id, event.panel[6]])
        #expect(decliner.code == 1 && decliner.errors.contains("is declined: it cannot become attended"))

        // The public log: exported to a file, accepted by verify with the record, a tampered copy refused.
        let exported = event.run(["replacements", id, event.path("log.json")])
        #expect(exported.code == 0 && exported.errors.contains("wrote 1 replacement(s), 0 seat(s) left open"))
        let stdoutLog = event.run(["replacements", id])
        let log = try ReplacementLog.decode(Data(stdoutLog.output.utf8))
        #expect(log.entries.count == 1 && log.entries[0].vacated == event.panel[6])
        try Events(database: event.database, config: event.config).record(event.id).jsonData()
            .write(to: URL(fileURLWithPath: event.path("record.json")))
        let verified = event.run(["verify", event.path("record.json"), "--replacements", event.path("log.json")])
        #expect(verified.code == 0 && verified.output.contains("ok      replacement 1"), "\(verified.errors)")
        var tampered = log
        tampered.entries[0].replacement = event.reserves.last
        try tampered.jsonData().write(to: URL(fileURLWithPath: event.path("tampered.json")))
        let refused = event.run(["verify", event.path("record.json"), "--replacements", event.path("tampered.json")])
        #expect(refused.code == 1 && refused.errors.hasPrefix("allot: replacement log fails replacement 1 (the first admissible reserve is "))
        #expect(refused.output.contains("FAILED  replacement 1"))

        // Close: the accepted who did not come are no-shows; attendees get a feedback request.
        let closed = event.run(["event", "close", id])
        #expect(closed.code == 0 && closed.output == "event \(id) is closed\nattended 2, no-show 4; 2 feedback request(s) in the outbox\n")
        let closedTwice = event.run(["event", "close", id])
        #expect(closedTwice.code == 1 && closedTwice.errors.contains("event \(id) is closed [wrong_event_state]"))
        list = try event.invitations()
        #expect(list.counts["attended"] == 2 && list.counts["no_show"] == 4 && list.counts["expired"] == 4)

        // An attendee's suggestion (given through their link once the event began) gets a public reply.
        let outbox = Outbox(database: event.database, config: event.config)
        let request = try #require(
            try outbox.list(kind: "feedback_request", limit: 100).first { $0.pid == event.panel[0] })
        let token = try #require(request.text.range(of: "/i/").map { String(request.text[$0.upperBound...].prefix { !$0.isWhitespace }) })
        let later = try #require(LocalTime.date("2026-12-20T12:00"))
        let invitations = Invitations(
            events: Events(database: event.database, config: event.config, clock: { later }), outbox: outbox, clock: { later })
        _ = try FeedbackLoop(invitations: invitations).submit(
            token: token,
            FeedbackInput(overall: 4, information: 4, heard: 5, again: true, suggestions: [SuggestionInput(topic: "交通", text: "增加公交班次")]))
        let suggestions = event.run(["suggestions", id])
        let suggestion = try #require(suggestions.output.split(separator: " ").first.map { String($0.dropFirst()) })
        #expect(suggestions.output.contains("received  [交通] 增加公交班次") && !suggestions.output.contains(event.panel[0]))
        let badStatus = event.run(["suggestion", "reply", suggestion, "--status", "done", "--reply", "好"])
        #expect(badStatus.code == 2 && badStatus.errors.contains("--status must be one of received, under_review"))
        let unknown = event.run(["suggestion", "reply", "9999", "--status", "adopted", "--reply", "好"])
        #expect(unknown.code == 1 && unknown.errors == "allot: no suggestion with id 9999 [suggestion_not_found]\n")
        #expect(event.run(["suggestion", "reply", suggestion, "--status", "adopted"]).code == 2)
        let replied = event.run(["suggestion", "reply", suggestion, "--status", "adopted", "--reply", "已增加早晚高峰班次"])
        #expect(replied.code == 0 && replied.output.contains("adopted; the author is told"))
        let shown = try event.json(["suggestions", id])
        let first_ = try #require((shown["suggestions"] as? [[String: Any]])?.first)
        #expect(first_["status"] as? String == "adopted" && first_["reply"] as? String == "已增加早晚高峰班次")
        #expect(try outbox.list(kind: "suggestion_reply", limit: 10).count == 1)
    }

    @Test func withAutoReplaceOffVacatedSeatsWaitForReplace() throws {
        let event = try DrawnEvent(autoReplace: false)
        defer { event.remove() }
        let id = String(event.id)
        #expect(event.run(["invite", id]).code == 0)
        #expect(event.run(["invitation", "set", id, event.panel[2], "declined"]).output == "\(event.panel[2]): declined\n")
        #expect(event.run(["invitation", "set", id, event.panel[5], "accepted"]).code == 0)
        #expect(event.run(["invitation", "set", id, event.panel[5], "cancelled"]).code == 0)
        var list = try event.invitations()
        #expect(list.invitations.count == 10 && list.held == 8 && list.open == 2)
        #expect(event.run(["invitations", id]).output.contains("seats 10: 8 held, 2 open"))

        let replaced = event.run(["replace", id])
        let lines = replaced.output.split(separator: "\n")
        #expect(replaced.code == 0 && lines.count == 2)
        #expect(lines.first?.contains("\(event.panel[2]) declined → ") == true)
        #expect(lines.last?.contains("\(event.panel[5]) cancelled → ") == true)
        list = try event.invitations()
        #expect(list.held == 10 && list.invitations.count { $0.source == .replacement } == 2)
        let again = try event.json(["replace", id])
        #expect((again["entries"] as? [Any])?.isEmpty == true && (again["unmetQuotas"] as? [Any])?.isEmpty == true)
        #expect(event.run(["replace", "42"]).code == 1)
    }

    /// 5 women and 9 men for 10 seats, exactly 5 of each: every woman is on the panel, so no reserve can
    /// take a woman's seat. `replace` leaves it open and names the quota; verify accepts the log.
    @Test func aSeatNoReserveCanTakeStaysOpenAndVerifies() throws {
        let pool = (0..<14).map { index in
            Enrollment(
                name: "居民\(index)", phone: "137" + String(format: "%08d", index), email: nil, birthYear: 1970 + index,
                attributes: [
                    "gender": index < 5 ? "female" : "male", "income": "q3", "education": "tertiary",
                    "occupation": "professional", "district": "pudong",
                ], consent: true)
        }
        let draft = EventDraft(
            title: "听证会", department: "市发展改革委", startsAt: "2026-12-20T09:30", place: "市民中心", seats: 10,
            targets: "",
            quotas: [
                QuotaEdit(attribute: "gender", value: "female", min: 5, max: 5),
                QuotaEdit(attribute: "gender", value: "male", min: 5, max: 5),
            ], unconstrained: ["age", "occupation", "income", "district", "education"])
        let event = try DrawnEvent(autoReplace: false, pool: pool, draft: draft)
        defer { event.remove() }
        let id = String(event.id)
        let record = try Events(database: event.database, config: event.config).record(event.id)
        let woman = try #require(event.panel.first { pid in record.pool.first { $0.pid == pid }?.attributes["gender"] == "female" })
        #expect(event.run(["invite", id]).code == 0)
        #expect(event.run(["invitation", "set", id, woman, "declined"]).code == 0)
        let replaced = event.run(["replace", id])
        #expect(replaced.code == 0 && replaced.output.contains("\(woman) declined → no reserve keeps the quotas: the seat stays open"))
        #expect(replaced.output.contains("quotas the held seats leave unmet: gender=female (min 5, held 4)"))
        #expect(event.run(["invitations", id]).output.contains("seats 10: 9 held, 1 open"))
        #expect(event.run(["replacements", id, event.path("log.json")]).errors.contains("1 seat(s) left open"))
        try record.jsonData().write(to: URL(fileURLWithPath: event.path("record.json")))
        let verified = event.run(["verify", event.path("record.json"), "--replacements", event.path("log.json"), "--json"])
        #expect(verified.code == 0, "\(verified.errors)")
        let summary = try JSONSerialization.jsonObject(with: Data(verified.output.utf8)) as? [String: Any]
        #expect(summary?["valid"] as? Bool == true)
        #expect((summary?["checks"] as? [[String: Any]])?.contains { $0["name"] as? String == "replacement 1" } == true)
    }

    @Test func subcommandWordsWinOverAFirstArgument() throws {
        let parser = ArgumentParser(commands: CommandList.all)
        guard case .run(let expire, _, _) = try parser.parse(["invitations", "expire"], environment: [:]),
            case .run(let list, let values, _) = try parser.parse(["invitations", "7"], environment: [:])
        else {
            Issue.record("not parsed as commands")
            return
        }
        #expect(expire.path == ["invitations", "expire"] && list.path == ["invitations"] && values.arguments["EVENT"] == "7")
        #expect(throws: UsageError.self) { try parser.parse(["invitations", "7", "expire"], environment: [:]) }
    }
}
