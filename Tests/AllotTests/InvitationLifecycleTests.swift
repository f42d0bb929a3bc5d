import Foundation
import HTTPServer
import Synchronization
import Testing

@testable import Allot

/// The whole life of an event over real HTTP and sockets: draw, invite, answers, an expiry by the
/// server's sweep, replacements that keep the quotas, check-in, close, feedback, suggestion replies, and
/// every message delivered exactly once to a webhook receiver on 127.0.0.1.
@Suite("Invitation lifecycle")
struct InvitationLifecycleTests {
    final class World {
        let directory: TestDirectory
        let clock = TestClock(LocalTime.date("2026-12-01T09:00") ?? Fixtures.now)
        let registry: Registry
        let events: Events
        let outbox: Outbox
        let invitations: Invitations
        let api: AllotAPI
        let server: HTTPServer
        let receiver: WebhookReceiver
        let organizer: String

        init(people: Int = 240, autoReplace: Bool = true) throws {
            directory = try TestDirectory()
            receiver = try WebhookReceiver()
            var config = try Fixtures.config()
            config.messages?.channel = .webhook
            config.messages?.webhook?.url = receiver.url
            config.events = EventSettings(autoReplace: autoReplace)
            let database = try Database.create(path: directory.path("allot.db"))
            let now = clock.function
            registry = Registry(database: database, config: config, clock: now)
            events = Events(database: database, config: config, clock: now)
            outbox = Outbox(database: database, config: config, clock: now)
            invitations = Invitations(events: events, outbox: outbox, clock: now)
            organizer = try TokenStore(database: database).create(role: .organizer, label: nil, actor: .cli)
            _ = try EventFixtures.enrollPool(registry, count: people)
            api = AllotAPI(registry: registry, tokens: TokenStore(database: database), events: events,
                           invitations: invitations, rateLimitPerMinute: 0)
            var configuration = HTTPServerConfiguration()
            configuration.port = 0
            configuration.accessLogDescriptor = nil
            server = HTTPServer(configuration: configuration, router: api.router())
            try server.start()
        }

        deinit {
            server.shutdown()
            server.wait()
            api.stop()
            receiver.stop()
        }

        func call(_ method: String, _ path: String, token: String? = nil, staff: Bool = true, json: String? = nil)
            throws -> APIReply
        {
            try APIReply.fetch(
                port: server.port, method: method, path: path, token: token ?? (staff ? organizer : nil), body: json)
        }

        /// Sends what is due to the receiver and returns the personal link tokens of the texts sent, by pid.
        func deliver() throws -> [String: String] {
            let delivery = try OutboxDelivery(outbox: outbox)
            _ = try delivery.deliverDue()
            var links: [String: String] = [:]
            // Newest first: a person's latest link wins (a feedback request replaces the invitation's).
            for message in try outbox.list(state: .sent, limit: 10_000) where links[message.pid] == nil {
                guard let range = message.text.range(of: "/i/") else { continue }
                links[message.pid] = String(message.text[range.upperBound...].prefix { !$0.isWhitespace })
            }
            return links
        }

        /// A drawn event of 10 seats (deadline 2026-12-10 18:00, event 2026-12-20 09:30).
        func drawnEvent() throws -> Int {
            let created = try call("POST", "/api/v1/events", json: EventAPITests.eventJSON(extra: #","responseDeadline":"2026-12-10T18:00""#))
            let id = try #require(created.object?["id"] as? Int)
            #expect(try call("POST", "/api/v1/events/\(id)/draw/prepare?wait=30").status == 201)
            #expect(try call("POST", "/api/v1/events/\(id)/draw/finalize", json: #"{"beacon":"2026-12-01 福彩 07 12 25"}"#).status == 200)
            return id
        }
    }

    @Test func theWholeLifeOfAnEvent() throws {
        let world = try World()
        let id = try world.drawnEvent()
        let invited = try world.call("POST", "/api/v1/events/\(id)/invitations")
        #expect(invited.status == 201, "\(invited.text)")
        #expect(try world.call("POST", "/api/v1/events/\(id)/invitations").errorCode == "already_invited")
        var links = try world.deliver()
        let panel = try world.events.draw(id).panel ?? []
        #expect(Set(links.keys) == Set(panel) && panel.count == 10)

        // The citizen sees the event; 6 accept, 2 decline, 1 accepts then cancels, 1 never answers.
        let first = try world.call("GET", "/api/v1/invitations/\(links[panel[0]] ?? "")", staff: false)
        #expect(first.status == 200 && first.object?["state"] as? String == "invited" && first.object?["checkinCode"] == nil)
        for pid in panel[0..<7] {
            let reply = try world.call("POST", "/api/v1/invitations/\(links[pid] ?? "")", staff: false, json: #"{"response":"accept"}"#)
            #expect(reply.status == 200 && (reply.object?["checkinCode"] as? String)?.count == 6)
        }
        for pid in panel[7..<9] {
            #expect(try world.call("POST", "/api/v1/invitations/\(links[pid] ?? "")", staff: false, json: #"{"response":"decline"}"#).status == 200)
        }
        let cancelled = try world.call("POST", "/api/v1/invitations/\(links[panel[6]] ?? "")", staff: false, json: #"{"response":"cancel"}"#)
        #expect(cancelled.object?["state"] as? String == "cancelled")
        let illegal = try world.call("POST", "/api/v1/invitations/\(links[panel[7]] ?? "")", staff: false, json: #"{"response":"accept"}"#)
        #expect(illegal.status == 409 && illegal.errorCode == "illegal_transition" && illegal.text.contains("declined"))
        #expect(try world.call("GET", "/api/v1/invitations/nosuchtoken", staff: false).status == 404)

        // Three vacated seats were refilled at once from the reserves, each keeping the quotas.
        var list = try world.invitations.list(id)
        #expect(list.invitations.count { $0.source == .replacement } == 3)
        links.merge(try world.deliver()) { a, _ in a }

        // The deadline passes: the server's sweep expires the unanswered ones and refills their seats.
        world.clock.advance(10 * 86_400)
        let sweeper = InvitationSweeper(invitations: world.invitations, seconds: 1, log: { _ in })
        sweeper.start()
        for _ in 0..<200 where try world.invitations.list(id).counts["expired", default: 0] == 0 {
            Thread.sleep(forTimeInterval: 0.02)
        }
        sweeper.stop()
        list = try world.invitations.list(id)
        #expect(list.counts["expired"] == 4)  // panel[9] and the three replacements never answered

        // The public log replays under allot-replace-v1 against the record; a tampered log does not.
        let record = try DrawRecord.decode(Data(try world.call("GET", "/api/v1/events/\(id)/draw/record", staff: false).body))
        let logReply = try world.call("GET", "/api/v1/events/\(id)/replacements", staff: false)
        var log = try ReplacementLog.decode(Data(logReply.body))
        #expect(log.entries.count == 7)
        #expect(ReplacementVerifier.verify(record, log).allSatisfy { $0.passed })
        if let index = log.entries.firstIndex(where: { $0.replacement != nil }) {
            log.entries[index].replacement = record.reserves.last
            #expect(!ReplacementVerifier.verify(record, log).allSatisfy { $0.passed })
        }

        // Check-in on the day: by code and by pid; twice is a clear no-op; a decliner is refused.
        world.clock.advance((LocalTime.date("2026-12-20T09:00") ?? Fixtures.now).timeIntervalSince(world.clock.now))
        let code = try #require(try world.invitations.list(id).invitations.first { $0.pid == panel[0] }?.checkinCode)
        let checked = try world.call("POST", "/api/v1/events/\(id)/attendance", json: #"{"code":"\#(code.lowercased())"}"#)
        #expect(checked.status == 200 && checked.object?["result"] as? String == "checked_in")
        #expect(try world.call("POST", "/api/v1/events/\(id)/attendance", json: #"{"pid":"\#(panel[0])"}"#).object?["result"] as? String == "already_checked_in")
        for pid in panel[1..<4] {
            #expect(try world.call("POST", "/api/v1/events/\(id)/attendance", json: #"{"pid":"\#(pid)"}"#).status == 200)
        }
        let decliner = try world.call("POST", "/api/v1/events/\(id)/attendance", json: #"{"pid":"\#(panel[7])"}"#)
        #expect(decliner.status == 409 && decliner.text.contains("declined"))

        // Close: accepted but absent → no_show; attendees get a feedback link.
        #expect(try world.call("POST", "/api/v1/events/\(id)/close").object?["status"] as? String == "closed")
        list = try world.invitations.list(id)
        #expect(list.counts["attended"] == 4 && list.counts["no_show"] == 2)
        let feedbackLinks = try world.deliver()
        world.clock.advance(4 * 3600)  // the feedback window opens when the event starts
        let attendee = try #require(feedbackLinks[panel[0]])
        let feedback = #"{"overall":5,"information":4,"heard":4,"again":true,"comment":"很好","suggestions":[{"topic":"交通","text":"增加公交班次"}]}"#
        #expect(try world.call("POST", "/api/v1/feedback/\(attendee)", staff: false, json: feedback).status == 201)
        #expect(try world.call("POST", "/api/v1/feedback/\(attendee)", staff: false, json: feedback).errorCode == "feedback_exists")
        #expect(try world.call("PUT", "/api/v1/feedback/\(attendee)", staff: false, json: feedback.replacingOccurrences(of: #""overall":5"#, with: #""overall":4"#)).status == 200)
        #expect(try world.call("POST", "/api/v1/feedback/\(feedbackLinks[panel[1]] ?? "")", staff: false, json: feedback.replacingOccurrences(of: #""overall":5"#, with: #""overall":0"#)).status == 422)
        let noShow = try world.call("POST", "/api/v1/feedback/\(links[panel[4]] ?? "")", staff: false, json: feedback)
        #expect(noShow.status == 409 && noShow.errorCode == "not_attended")

        // The suggestion gets a public reply; its author is told; the public list names no one.
        let suggestions = try world.call("GET", "/api/v1/events/\(id)/suggestions", staff: false)
        let suggestion = try #require((suggestions.object?["suggestions"] as? [[String: Any]])?.first?["id"] as? Int)
        let replied = try world.call(
            "POST", "/api/v1/suggestions/\(suggestion)/reply", json: #"{"status":"adopted","reply":"已增加早晚高峰班次"}"#)
        #expect(replied.status == 200 && replied.object?["status"] as? String == "adopted")
        let public_ = try world.call("GET", "/api/v1/events/\(id)/suggestions", staff: false).text
        #expect(public_.contains("已增加早晚高峰班次") && !public_.contains(panel[0]) && !public_.contains("志愿者"))

        // Every message reached the gateway exactly once.
        _ = try world.deliver()
        let messages = try world.outbox.list(limit: 10_000)
        #expect(messages.allSatisfy { $0.state == .sent })
        let accepted = world.receiver.accepted
        #expect(accepted.count == messages.count && accepted.values.allSatisfy { $0 == 1 })
        #expect(messages.count == 10 + 7 + 4 + 1)  // invitations, replacements, feedback requests, one reply
    }
}

extension InvitationLifecycleTests {
    /// When no reserve can keep the quotas the seat stays open, the log says which quota is short, and
    /// a top-up draw among the never-invited fills it with a record `allot verify` accepts.
    @Test func aSeatNoReserveCanFillIsToppedUp() throws {
        let world = try World(people: 80)
        let body = EventAPITests.eventJSON(
            extra: #","unconstrained":["age","occupation","income","district","education"],"#
                + #""quotas":[{"attribute":"gender","value":"female","min":5,"max":5},"#
                + #"{"attribute":"gender","value":"male","min":5,"max":5}]"#
        ).replacingOccurrences(of: #""unconstrained":["age","occupation"],"#, with: "")
        let created = try world.call("POST", "/api/v1/events", json: body)
        let id = try #require(created.object?["id"] as? Int, "\(created.text)")
        #expect(try world.call("POST", "/api/v1/events/\(id)/draw/prepare?wait=30").status == 201)
        #expect(try world.call("POST", "/api/v1/events/\(id)/draw/finalize", json: #"{"beacon":"x"}"#).status == 200)
        #expect(try world.call("POST", "/api/v1/events/\(id)/invitations").status == 201)
        let record = try world.events.record(id)
        let women = Set(record.pool.filter { $0.attributes["gender"] == "female" }.map(\.pid))
        // Every woman in reserve withdraws; three women enroll after the draw (not in its pool).
        for pid in record.reserves where women.contains(pid) { try world.registry.withdraw(pid: pid, actor: .cli) }
        var newcomers = Enrollment(
            name: "新人", phone: "13700000001", email: nil, birthYear: 1980,
            attributes: ["gender": "female", "occupation": "other", "income": "q3", "district": "xuhui", "education": "tertiary"],
            consent: true)
        for index in 1...3 {
            newcomers.phone = "1370000000\(index)"
            _ = try world.registry.enroll(newcomers, actor: .cli)
        }
        let declining = try #require(record.panel.first { women.contains($0) })
        #expect(try world.call("PUT", "/api/v1/events/\(id)/invitations/\(declining)", json: #"{"state":"declined"}"#).status == 200)
        let log = try world.invitations.replacementLog(id)
        let entry = try #require(log.entries.last)
        #expect(entry.replacement == nil && entry.unmet == ["gender=female needs 5, has 4"])
        #expect(entry.skipped.allSatisfy { $0.reason == "withdrawn" } && !entry.skipped.isEmpty)
        #expect(ReplacementVerifier.verify(record, log).allSatisfy { $0.passed })
        #expect(try world.invitations.list(id).open == 1)

        let prepared = try world.call("POST", "/api/v1/events/\(id)/topup/prepare", json: #"{"beaconSource":"next"}"#)
        #expect(prepared.status == 201, "\(prepared.text)")
        #expect(try world.call("POST", "/api/v1/events/\(id)/topup/prepare").status == 409)
        let finalized = try world.call("POST", "/api/v1/events/\(id)/topup/finalize", json: #"{"beacon":"y"}"#)
        #expect(finalized.status == 200 && (finalized.object?["panel"] as? [String])?.count == 1)
        let topUp = try DrawRecord.decode(Data(try world.call("GET", "/api/v1/events/\(id)/draw/record?round=1", staff: false).body))
        #expect(DrawVerifier.verify(topUp).allSatisfy { $0.passed })
        #expect(topUp.eventId == .text("\(id)-topup-1") && topUp.quotas["gender"]?["female"] == [1, 1])
        let newcomer = try #require(topUp.panel.first)
        #expect(topUp.pool.first { $0.pid == newcomer }?.attributes["gender"] == "female")
        let list = try world.invitations.list(id)
        #expect(list.open == 0 && list.invitations.contains { $0.pid == newcomer && $0.source == .topUp })
    }
}

extension InvitationLifecycleTests {
    /// Every invitation, feedback, suggestion and top-up route × every kind of caller.
    @Test func roleMatrix() throws {
        let world = try World(people: 80)
        let id = try world.drawnEvent()
        let store = TokenStore(database: world.registry.database)
        let evaluator = try store.create(role: .evaluator, label: nil, actor: .cli)
        let admin = try store.create(role: .admin, label: nil, actor: .cli)
        let citizen = try world.registry.enroll(
            Fixtures.enrollment(phone: "13612345678"), actor: .cli).token
        let panelist = try #require(try world.events.draw(id).panel?.first)
        let organizerOnly = [401, 403, 403]
        // (method, path, body, statuses for anonymous, citizen, evaluator; organizer; admin)
        let matrix: [(String, String, String?, [Int], Int, Int)] = [
            ("GET", "/api/v1/events/{id}/invitations", nil, organizerOnly, 200, 200),
            ("POST", "/api/v1/events/{id}/invitations", nil, organizerOnly, 201, 409),
            ("PUT", "/api/v1/events/{id}/invitations/\(panelist)", #"{"state":"accepted"}"#, organizerOnly, 200, 409),
            ("POST", "/api/v1/events/{id}/replace", nil, organizerOnly, 200, 200),
            ("GET", "/api/v1/events/{id}/replacements", nil, [200, 200, 200], 200, 200),
            ("POST", "/api/v1/events/{id}/attendance", #"{"pid":"\#(panelist)"}"#, organizerOnly, 200, 200),
            ("POST", "/api/v1/events/{id}/topup/prepare", nil, organizerOnly, 409, 409),
            ("POST", "/api/v1/events/{id}/topup/finalize", #"{"beacon":"b"}"#, organizerOnly, 409, 409),
            ("GET", "/api/v1/events/{id}/suggestions", nil, [200, 200, 200], 200, 200),
            ("POST", "/api/v1/suggestions/1/reply", #"{"status":"adopted","reply":"r"}"#, organizerOnly, 404, 404),
            ("GET", "/api/v1/invitations/unknown", nil, [404, 404, 404], 404, 404),
            ("POST", "/api/v1/invitations/unknown", #"{"response":"accept"}"#, [404, 404, 404], 404, 404),
            ("GET", "/api/v1/feedback/unknown", nil, [404, 404, 404], 404, 404),
            ("POST", "/api/v1/feedback/unknown", #"{"overall":5,"information":5,"heard":5,"again":true}"#, [404, 404, 404], 404, 404),
            ("PUT", "/api/v1/feedback/unknown", #"{"overall":5,"information":5,"heard":5,"again":true}"#, [404, 404, 404], 404, 404),
            ("POST", "/api/v1/events/{id}/close", nil, organizerOnly, 200, 409),
        ]
        let families = ["/invitations", "/replace", "/attendance", "/close", "/topup", "/suggestions", "/feedback"]
        let routes = world.api.router().routeList.map { "\($0.method) \($0.pattern)" }
            .filter { route in families.contains { route.contains($0) } }
        let covered = matrix.map { entry in
            "\(entry.0) " + entry.1.replacingOccurrences(of: panelist, with: "{pid}")
                .replacingOccurrences(of: "/suggestions/1/", with: "/suggestions/{id}/")
                .replacingOccurrences(of: "unknown", with: "{token}")
        }
        #expect(Set(covered) == Set(routes))
        for (method, path, body, others, organizer, adminStatus) in matrix {
            let target = path.replacingOccurrences(of: "{id}", with: String(id))
            for (token, status) in zip([nil, citizen, evaluator], others) {
                let reply = try world.call(method, target, token: token, staff: false, json: body)
                #expect(reply.status == status, "\(method) \(path): \(reply.text)")
            }
            let asOrganizer = try world.call(method, target, json: body)
            #expect(asOrganizer.status == organizer, "\(method) \(path) as organizer: \(asOrganizer.text)")
            #expect(try world.call(method, target, token: admin, json: body).status == adminStatus, "\(method) \(path) as admin")
        }
    }
}

extension InvitationLifecycleTests {
    /// The fresh-faces rule with the real use cases: attending one event keeps a person out of draws
    /// for events within `cooldownDays` of it and lets them back after; an open invitation keeps them
    /// out of every other draw.
    @Test func cooldownKeepsRecentParticipantsOutAndLetsThemBackAfter() throws {
        let world = try World(people: 80)
        let first = try world.drawnEvent()
        _ = try world.invitations.invite(first, actor: .cli)
        let panel = try world.events.draw(first).panel ?? []
        let attendee = try #require(panel.first)
        _ = try world.invitations.set(first, pid: attendee, state: "accepted", actor: .cli)
        _ = try world.invitations.checkIn(first, attendee, actor: .cli)

        func excluded(startsAt: String) throws -> [ExclusionReason: Int] {
            var draft = EventFixtures.draft(startsAt: startsAt)
            draft.responseDeadline = nil
            let event = try world.events.create(draft, actor: .cli)
            let report = try world.events.eligibility(event.id)
            return Dictionary(uniqueKeysWithValues: report.excluded.map { ($0.reason, $0.count) })
        }
        // 100 days after the first event (2026-12-20): the attendee is in cooldown; the nine still
        // invited (not answered) hold open invitations.
        let soon = try excluded(startsAt: "2027-03-30T09:30")
        #expect(soon[.cooldown] == 1 && soon[.openInvitation] == 9)
        // The open invitations end with the first event's close; 400 days on, the attendee is back.
        world.clock.advance((LocalTime.date("2026-12-21T09:00") ?? Fixtures.now).timeIntervalSince(world.clock.now))
        _ = try world.invitations.close(first, actor: .cli)
        let later = try excluded(startsAt: "2028-01-24T09:30")
        #expect(later[.cooldown] == nil && later[.openInvitation] == nil)
        // 300 days on, inside the window: the attendee is out again, the others (who never accepted) are not.
        let within = try excluded(startsAt: "2027-10-16T09:30")
        #expect(within[.cooldown] == 1 && within[.openInvitation] == nil)
    }
}
