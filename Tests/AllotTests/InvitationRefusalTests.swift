import Foundation
import Testing

@testable import Allot

/// Every illegal transition and bad input of issue 10, over real HTTP where a person would use HTTP:
/// each is refused with its status and code and leaves the database exactly as it was. Also the
/// replacement corners: seats waiting for `replace` when automatic replacement is off, and a seat no
/// reserve can take, left open and logged so, whose log still verifies.
@Suite("Invitation refusals")
struct InvitationRefusalTests {
    typealias World = InvitationLifecycleTests.World

    /// What a refused request must not change: every invitation with its state and times, the log,
    /// feedback, suggestions, messages, audit entries and event states.
    static func snapshot(_ world: World) throws -> [String] {
        try world.invitations.database.read { connection in
            try [
                "SELECT id || ':' || state || ':' || ifnull(responded_at, '') || ':' || ifnull(attended_at, '') || ':' || token_hash FROM invitation ORDER BY id",
                "SELECT id || ':' || vacated_pid || ':' || ifnull(replacement_pid, '-') FROM replacement ORDER BY id",
                "SELECT invitation_id || ':' || overall || information || heard || again || ':' || updated_at FROM feedback ORDER BY invitation_id",
                "SELECT id || ':' || status || ':' || ifnull(reply, '') FROM suggestion ORDER BY id",
                "SELECT count(*) FROM outbox",
                "SELECT count(*) FROM audit_entry",
                "SELECT id || ':' || status FROM event ORDER BY id",
            ].map { sql in
                try connection.prepare(sql).rows { $0.text(0) }.joined(separator: ";")
            }
        }
    }

    /// Runs `request`, expects it refused with `status` and `code`, and the database unchanged.
    static func refused(
        _ world: World, _ status: Int, _ code: String, sourceLocation: SourceLocation = #_sourceLocation,
        _ request: () throws -> APIReply
    ) throws {
        let before = try snapshot(world)
        let reply = try request()
        #expect(reply.status == status && reply.errorCode == code, "\(reply.status) \(reply.text)", sourceLocation: sourceLocation)
        #expect(try snapshot(world) == before, "the refused request changed the database", sourceLocation: sourceLocation)
    }

    @Test func everyIllegalTransitionAndBadInputIsRefusedAndChangesNothing() throws {
        let world = try World()
        // Inviting before the draw: a draft event.
        let draft = try #require(try world.call("POST", "/api/v1/events", json: EventAPITests.eventJSON()).object?["id"] as? Int)
        try Self.refused(world, 409, "wrong_event_state") { try world.call("POST", "/api/v1/events/\(draft)/invitations") }
        let id = try world.drawnEvent()
        let panel = try world.events.draw(id).panel ?? []
        // Check-in before invitations.
        try Self.refused(world, 404, "not_invited") {
            try world.call("POST", "/api/v1/events/\(id)/attendance", json: #"{"pid":"\#(panel[0])"}"#)
        }
        try Self.refused(world, 404, "event_not_found") { try world.call("POST", "/api/v1/events/9999/invitations") }
        try Self.refused(world, 422, "invalid_field") {
            try world.call("POST", "/api/v1/events/\(id)/invitations", json: #"{"deadline":"tomorrow"}"#)
        }
        #expect(try world.call("POST", "/api/v1/events/\(id)/invitations").status == 201)
        try Self.refused(world, 409, "already_invited") { try world.call("POST", "/api/v1/events/\(id)/invitations") }
        let links = try world.deliver()

        // Unknown token: reading, answering, giving feedback.
        try Self.refused(world, 404, "unknown_invitation") { try world.call("GET", "/api/v1/invitations/nosuchtoken", staff: false) }
        try Self.refused(world, 404, "unknown_invitation") {
            try world.call("POST", "/api/v1/invitations/AAAAAAAAAAAAAAAAAAAAAA", staff: false, json: #"{"response":"accept"}"#)
        }
        try Self.refused(world, 404, "unknown_invitation") {
            try world.call("POST", "/api/v1/feedback/nosuchtoken", staff: false, json: Self.feedback(overall: 5))
        }
        // Bad answers and states.
        let link0 = try #require(links[panel[0]])
        try Self.refused(world, 422, "invalid_response") {
            try world.call("POST", "/api/v1/invitations/\(link0)", staff: false, json: #"{"response":"maybe"}"#)
        }
        try Self.refused(world, 422, "invalid_response") {
            try world.call("PUT", "/api/v1/events/\(id)/invitations/\(panel[0])", json: #"{"state":"attended"}"#)
        }
        try Self.refused(world, 404, "not_invited") {
            try world.call("PUT", "/api/v1/events/\(id)/invitations/P-NOBODY", json: #"{"state":"accepted"}"#)
        }
        // Cancel of an invited (not accepted) seat through the link.
        try Self.refused(world, 409, "illegal_transition") {
            try world.call("POST", "/api/v1/invitations/\(link0)", staff: false, json: #"{"response":"cancel"}"#)
        }

        // panel[0..2] accept, panel[3] declines (a reserve takes the seat).
        for pid in panel[0..<3] {
            #expect(try world.call("POST", "/api/v1/invitations/\(links[pid] ?? "")", staff: false, json: #"{"response":"accept"}"#).status == 200)
        }
        #expect(try world.call("POST", "/api/v1/invitations/\(links[panel[3]] ?? "")", staff: false, json: #"{"response":"decline"}"#).status == 200)
        // Accept after decline, decline twice, accept twice: each names the current state.
        for (pid, response, state) in [(panel[3], "accept", "declined"), (panel[3], "decline", "declined"), (panel[0], "accept", "accepted")] {
            let before = try Self.snapshot(world)
            let reply = try world.call("POST", "/api/v1/invitations/\(links[pid] ?? "")", staff: false, json: #"{"response":"\#(response)"}"#)
            #expect(reply.status == 409 && reply.errorCode == "illegal_transition" && reply.text.contains("is \(state)"))
            #expect(try Self.snapshot(world) == before)
        }
        try Self.refused(world, 409, "illegal_transition") {
            try world.call("PUT", "/api/v1/events/\(id)/invitations/\(panel[3])", json: #"{"state":"accepted"}"#)
        }
        // Check-in of a decliner and of one who has not answered.
        try Self.refused(world, 409, "illegal_transition") {
            try world.call("POST", "/api/v1/events/\(id)/attendance", json: #"{"pid":"\#(panel[3])"}"#)
        }
        try Self.refused(world, 409, "illegal_transition") {
            try world.call("POST", "/api/v1/events/\(id)/attendance", json: #"{"pid":"\#(panel[4])"}"#)
        }
        try Self.refused(world, 422, "invalid_field") { try world.call("POST", "/api/v1/events/\(id)/attendance", json: "{}") }
        // Feedback before attending.
        try Self.refused(world, 409, "not_attended") {
            try world.call("POST", "/api/v1/feedback/\(link0)", staff: false, json: Self.feedback(overall: 5))
        }

        // Expired link: an answer after the deadline (before any sweep) is past_deadline; after the
        // sweep the invitation is expired and says so.
        world.clock.advance(10 * 86_400)
        let late = try #require(links[panel[5]])
        try Self.refused(world, 409, "past_deadline") {
            try world.call("POST", "/api/v1/invitations/\(late)", staff: false, json: #"{"response":"accept"}"#)
        }
        #expect(try world.invitations.expire() > 0)
        let expired = try world.call("POST", "/api/v1/invitations/\(late)", staff: false, json: #"{"response":"accept"}"#)
        #expect(expired.status == 409 && expired.text.contains("is expired"))

        // The day: panel[0] and panel[1] come, panel[2] does not; close.
        world.clock.advance((LocalTime.date("2026-12-20T09:00") ?? Fixtures.now).timeIntervalSince(world.clock.now))
        for pid in panel[0..<2] {
            #expect(try world.call("POST", "/api/v1/events/\(id)/attendance", json: #"{"pid":"\#(pid)"}"#).status == 200)
        }
        #expect(try world.call("POST", "/api/v1/events/\(id)/close").status == 200)
        try Self.refused(world, 409, "wrong_event_state") { try world.call("POST", "/api/v1/events/\(id)/close") }
        try Self.refused(world, 409, "wrong_event_state") {
            try world.call("POST", "/api/v1/events/\(id)/attendance", json: #"{"pid":"\#(panel[2])"}"#)
        }
        let feedbackLinks = try world.deliver()
        world.clock.advance(4 * 3600)
        let attendee = try #require(feedbackLinks[panel[0]])

        // Scores 0 and 6, a bad score type, an unknown field: refused; feedback from a no-show refused.
        for body in [Self.feedback(overall: 0), Self.feedback(overall: 6), Self.feedback(heard: 0), Self.feedback(information: 6)] {
            try Self.refused(world, 422, "invalid_field") { try world.call("POST", "/api/v1/feedback/\(attendee)", staff: false, json: body) }
        }
        try Self.refused(world, 409, "not_attended") {
            try world.call("POST", "/api/v1/feedback/\(links[panel[2]] ?? "")", staff: false, json: Self.feedback(overall: 3))
        }
        try Self.refused(world, 404, "no_feedback") {
            try world.call("PUT", "/api/v1/feedback/\(attendee)", staff: false, json: Self.feedback(overall: 3))
        }
        #expect(try world.call("POST", "/api/v1/feedback/\(attendee)", staff: false, json: Self.feedback(overall: 4, suggestion: true)).status == 201)
        // A second feedback.
        try Self.refused(world, 409, "feedback_exists") {
            try world.call("POST", "/api/v1/feedback/\(attendee)", staff: false, json: Self.feedback(overall: 5))
        }
        try Self.refused(world, 422, "invalid_field") {
            try world.call("PUT", "/api/v1/feedback/\(attendee)", staff: false, json: Self.feedback(overall: 6))
        }

        // Replies: unknown suggestion, bad status, empty reply, no staff token.
        let suggestion = try #require(try FeedbackLoop(invitations: world.invitations).suggestions(id).first?.id)
        try Self.refused(world, 404, "suggestion_not_found") {
            try world.call("POST", "/api/v1/suggestions/99999/reply", json: #"{"status":"adopted","reply":"好"}"#)
        }
        try Self.refused(world, 422, "invalid_field") {
            try world.call("POST", "/api/v1/suggestions/\(suggestion)/reply", json: #"{"status":"done","reply":"好"}"#)
        }
        try Self.refused(world, 422, "invalid_field") {
            try world.call("POST", "/api/v1/suggestions/\(suggestion)/reply", json: #"{"status":"adopted","reply":"  "}"#)
        }
        try Self.refused(world, 401, "unauthorized") {
            try world.call("POST", "/api/v1/suggestions/\(suggestion)/reply", staff: false, json: #"{"status":"adopted","reply":"好"}"#)
        }
        #expect(try world.call("POST", "/api/v1/suggestions/\(suggestion)/reply", json: #"{"status":"under_review","reply":"研究中"}"#).status == 200)
    }

    static func feedback(overall: Int = 4, information: Int = 4, heard: Int = 4, suggestion: Bool = false) -> String {
        let suggestions = suggestion ? #","suggestions":[{"topic":"交通","text":"增加公交班次"}]"# : ""
        return #"{"overall":\#(overall),"information":\#(information),"heard":\#(heard),"again":true\#(suggestions)}"#
    }

    /// Answers committed together (the API's group commit): a refused one — unknown link, bad word,
    /// illegal transition — is rolled back alone; the others are written, the decline and the later
    /// cancel of an answer in the same batch with their replacements, each with its result in order.
    @Test func aRefusedAnswerInABatchLeavesTheOthers() throws {
        let world = try World()
        let id = try world.drawnEvent()
        #expect(try world.call("POST", "/api/v1/events/\(id)/invitations").status == 201)
        let links = try world.deliver()
        let panel = try world.events.draw(id).panel ?? []
        let results = try world.invitations.respond(batch: [
            (links[panel[0]] ?? "", "accept"), ("no-such-link", "accept"), (links[panel[1]] ?? "", "maybe"),
            (links[panel[2]] ?? "", "cancel"), (links[panel[3]] ?? "", "decline"), (links[panel[0]] ?? "", "cancel"),
        ])
        #expect(results.map { (try? $0.get())?.state } == [.accepted, nil, nil, nil, .declined, .cancelled])
        #expect(throws: InvitationError.unknownToken) { try results[1].get() }
        let states = Dictionary(uniqueKeysWithValues: try world.invitations.list(id).invitations.map { ($0.pid, $0.state) })
        #expect(states[panel[0]] == .cancelled && states[panel[1]] == .invited && states[panel[2]] == .invited)
        #expect(states[panel[3]] == .declined)
        let log = try world.invitations.replacementLog(id)
        #expect(log.entries.map(\.vacated) == [panel[3], panel[0]] && log.entries.allSatisfy { $0.replacement != nil })
        #expect(ReplacementVerifier.verify(try world.events.record(id), log).allSatisfy { $0.passed })
    }

    @Test func withAutoReplaceOffVacatedSeatsWaitForReplace() throws {
        let world = try World(autoReplace: false)
        let id = try world.drawnEvent()
        #expect(try world.call("POST", "/api/v1/events/\(id)/invitations").status == 201)
        let links = try world.deliver()
        let panel = try world.events.draw(id).panel ?? []
        for pid in panel[0..<2] {
            #expect(try world.call("POST", "/api/v1/invitations/\(links[pid] ?? "")", staff: false, json: #"{"response":"decline"}"#).status == 200)
        }
        var list = try world.invitations.list(id)
        #expect(list.invitations.count == 10 && list.held == 8 && list.open == 2)
        #expect(try world.call("GET", "/api/v1/events/\(id)/replacements", staff: false).object?["entries"] as? [Any] != nil)
        #expect(try world.invitations.replacementLog(id).entries.isEmpty)

        let replaced = try world.call("POST", "/api/v1/events/\(id)/replace")
        let entries = try #require(replaced.object?["entries"] as? [[String: Any]])
        #expect(replaced.status == 200 && entries.map { $0["vacated"] as? String } == [panel[0], panel[1]])
        #expect(entries.allSatisfy { $0["replacement"] is String })
        list = try world.invitations.list(id)
        #expect(list.held == 10 && list.invitations.count { $0.source == .replacement } == 2)
        #expect(try (world.call("POST", "/api/v1/events/\(id)/replace").object?["entries"] as? [Any])?.isEmpty == true)
        let record = try world.events.record(id)
        #expect(ReplacementVerifier.verify(record, try world.invitations.replacementLog(id)).allSatisfy { $0.passed })
    }

    /// 5 women and 9 men, 10 seats, exactly 5 of each: the panel holds every woman, so a woman's seat
    /// can be taken by no reserve. It stays open, the log says so (`replacement: null`) and verifies;
    /// the seats a man then vacates cannot be filled either (the panel could no longer be completed).
    @Test func aSeatNoReserveCanTakeStaysOpenAndTheLogVerifies() throws {
        let world = try World(people: 0)
        let enrollments = (0..<14).map { index in
            Enrollment(
                name: "居民\(index)", phone: "137" + String(format: "%08d", index), email: nil, birthYear: 1970 + index,
                attributes: [
                    "gender": index < 5 ? "female" : "male", "income": "q3", "education": "tertiary",
                    "occupation": "professional", "district": "pudong",
                ], consent: true)
        }
        _ = try world.registry.enroll(batch: enrollments, actor: .cli).map { try $0.get() }
        let body = EventAPITests.eventJSON(
            extra: #","targets":"","unconstrained":["age","occupation","income","district","education"],"#
                + #""quotas":[{"attribute":"gender","value":"female","min":5,"max":5},{"attribute":"gender","value":"male","min":5,"max":5}]"#)
            .replacingOccurrences(of: #","unconstrained":["age","occupation"]"#, with: "")
        let created = try world.call("POST", "/api/v1/events", json: body)
        let id = try #require(created.object?["id"] as? Int, "\(created.text)")
        #expect(try world.call("POST", "/api/v1/events/\(id)/draw/prepare?wait=30").status == 201)
        #expect(try world.call("POST", "/api/v1/events/\(id)/draw/finalize", json: #"{"beacon":"1 2 3"}"#).status == 200)
        #expect(try world.call("POST", "/api/v1/events/\(id)/invitations").status == 201)
        let links = try world.deliver()
        let record = try world.events.record(id)
        let female = record.panel.filter { pid in record.pool.first { $0.pid == pid }?.attributes["gender"] == "female" }
        let male = record.panel.filter { !female.contains($0) }
        #expect(female.count == 5 && male.count == 5 && record.reserves.count == 4)

        #expect(try world.call("POST", "/api/v1/invitations/\(links[female[0]] ?? "")", staff: false, json: #"{"response":"decline"}"#).status == 200)
        #expect(try world.call("POST", "/api/v1/invitations/\(links[male[0]] ?? "")", staff: false, json: #"{"response":"decline"}"#).status == 200)
        let logReply = try world.call("GET", "/api/v1/events/\(id)/replacements", staff: false)
        #expect(logReply.text.contains(#""replacement":null"#))
        let log = try ReplacementLog.decode(Data(logReply.body))
        #expect(log.entries.map(\.vacated) == [female[0], male[0]])
        #expect(log.entries.allSatisfy { $0.replacement == nil && $0.skipped.isEmpty })
        #expect(try world.invitations.list(id).open == 2)
        #expect(ReplacementVerifier.verify(record, log).allSatisfy { $0.passed })
        // A log that seats a man in the woman's place breaks the quota and is refused.
        var tampered = log
        tampered.entries[0].replacement = record.reserves[0]
        #expect(!ReplacementVerifier.verify(record, tampered).allSatisfy { $0.passed })
    }
}
