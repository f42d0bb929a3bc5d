import Foundation
import HTTPServer
import Synchronization
import Testing

@testable import Allot

/// Events and draws over real HTTP on 127.0.0.1, with a real SQLite file.
@Suite("Event API")
struct EventAPITests {
    final class Harness {
        let directory: TestDirectory
        let registry: Registry
        let events: Events
        let clock = EventFixtures.Clock()
        let api: AllotAPI
        let server: HTTPServer
        var tokens: [Role: String] = [:]

        init(people: Int = 240) throws {
            directory = try TestDirectory()
            let database = try Database.create(path: directory.path("allot.db"))
            let config = try Fixtures.config()
            let clock = self.clock
            registry = Registry(database: database, config: config, clock: { clock() })
            events = Events(database: database, config: config, clock: { clock() })
            let store = TokenStore(database: database)
            for role in [Role.admin, .organizer, .evaluator] {
                tokens[role] = try store.create(role: role, label: nil, actor: .cli)
            }
            let receipts = try EventFixtures.enrollPool(registry, count: people)
            tokens[.citizen] = receipts.first?.token
            api = AllotAPI(registry: registry, tokens: store, events: events, rateLimitPerMinute: 0)
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
        }

        func call(_ method: String, _ path: String, role: Role? = .organizer, json: String? = nil) throws -> APIReply {
            try APIReply.fetch(port: server.port, method: method, path: path, token: role.flatMap { tokens[$0] }, body: json)
        }
    }

    /// An event body for the shipped targets (age and occupation have no per-value census figure).
    static func eventJSON(seats: Int = 10, startsAt: String = "2026-12-20T09:30", extra: String = "") -> String {
        #"{"title":"市政府开放日","department":"市政府办公厅","kind":"open_day","startsAt":"\#(startsAt)","#
            + #""place":"人民大道200号","seats":\#(seats),"reserves":5,"unconstrained":["age","occupation"]\#(extra)}"#
    }

    @Test func organizerDrawsAVerifiableEventOverHTTP() throws {
        let harness = try Harness()
        let created = try harness.call("POST", "/api/v1/events", json: Self.eventJSON())
        #expect(created.status == 201, "\(created.text)")
        let id = try #require(created.object?["id"] as? Int)
        let eligible = try harness.call("GET", "/api/v1/events/\(id)/eligible")
        #expect(eligible.status == 200 && eligible.object?["feasible"] as? Bool == true)
        #expect(eligible.object?["eligible"] as? Int == 240)

        // Nothing is public before prepare; finalize before prepare is a conflict.
        #expect(try harness.call("GET", "/api/v1/events/\(id)/draw", role: nil).errorCode == "draw_not_prepared")
        let early = try harness.call("POST", "/api/v1/events/\(id)/draw/finalize", json: #"{"beacon":"1 2 3"}"#)
        #expect(early.status == 409 && early.errorCode == "draw_not_prepared")

        let started = try harness.call(
            "POST", "/api/v1/events/\(id)/draw/prepare", json: #"{"beaconSource":"福彩3D 2026-12-01 第一期"}"#)
        #expect(started.status == 202 && started.headers["location"] != nil)
        let job = try #require(started.object?["id"] as? Int)
        var polled = try harness.call("GET", "/api/v1/jobs/\(job)")
        for _ in 0..<500 where polled.object?["status"] as? String == "running" {
            Thread.sleep(forTimeInterval: 0.02)
            polled = try harness.call("GET", "/api/v1/jobs/\(job)")
        }
        #expect(polled.object?["status"] as? String == "succeeded", "\(polled.text)")
        let commitment = try harness.call("GET", "/api/v1/events/\(id)/draw", role: nil)
        #expect(commitment.status == 200 && commitment.object?["beaconSource"] as? String == "福彩3D 2026-12-01 第一期")
        let poolDigest = try #require(commitment.object?["poolDigest"] as? String)

        // Editing a prepared event, preparing again, an empty beacon: refused, nothing changes.
        let edit = try harness.call("PATCH", "/api/v1/events/\(id)", json: #"{"seats":12}"#)
        #expect(edit.status == 409 && edit.errorCode == "event_not_editable")
        #expect(try harness.call("POST", "/api/v1/events/\(id)/draw/prepare").status == 409)
        let empty = try harness.call("POST", "/api/v1/events/\(id)/draw/finalize", json: #"{"beacon":"  "}"#)
        #expect(empty.status == 422 && empty.errorCode == "invalid_field")
        // A pool change after prepare does not change the snapshot.
        _ = try EventFixtures.enrollPool(harness.registry, count: 5, phonePrefix: "137")

        let finalized = try harness.call("POST", "/api/v1/events/\(id)/draw/finalize", json: #"{"beacon":"07 12 25 33"}"#)
        #expect(finalized.status == 200 && (finalized.object?["panel"] as? [String])?.count == 10)
        let again = try harness.call("POST", "/api/v1/events/\(id)/draw/finalize", json: #"{"beacon":"07 12 25 33"}"#)
        #expect(again.status == 409 && again.errorCode == "draw_already_finalized")

        let fetched = try harness.call("GET", "/api/v1/events/\(id)/draw/record", role: nil)
        #expect(fetched.status == 200)
        let record = try DrawRecord.decode(Data(fetched.body))
        #expect(DrawVerifier.verify(record).allSatisfy { $0.passed })
        #expect(record.poolDigest == poolDigest && record.pool.count == 240 && record.eventId == .number(id))
        // The public record holds no names or phones.
        #expect(!fetched.text.contains("志愿者") && !fetched.text.contains("139000"))
        #expect(try harness.events.verifyDraw(id).passed)
        #expect(try harness.events.show(id).status == .drawn)
    }

    @Test func infeasibleQuotasAnswerTypedDiagnostics() throws {
        let harness = try Harness(people: 80)
        // 20 women on a panel of 10 while the pool has 40: the gender minimums exceed the seats.
        let body = Self.eventJSON(extra: #","quotas":[{"attribute":"gender","value":"female","min":8,"max":10}]"#)
        let id = try #require(try harness.call("POST", "/api/v1/events", json: body).object?["id"] as? Int)
        let eligible = try harness.call("GET", "/api/v1/events/\(id)/eligible")
        #expect(eligible.object?["feasible"] as? Bool == false)
        let prepared = try harness.call("POST", "/api/v1/events/\(id)/draw/prepare?wait=20")
        #expect(prepared.status == 422 && prepared.errorCode == "infeasible_quotas", "\(prepared.text)")
        let error = try #require(prepared.object?["error"] as? [String: Any])
        let conflicts = try #require(error["conflicts"] as? [[String: Any]])
        #expect(conflicts.contains { $0["kind"] as? String == "minimums_above_seats" && $0["attribute"] as? String == "gender" })
        #expect(try harness.events.show(id).status == .draft)
    }

    @Test func badEventBodiesAreRefusedWithTheField() throws {
        let harness = try Harness(people: 0)
        let cases: [(String, Int, String)] = [
            (Self.eventJSON(startsAt: "2026-02-30T09:00"), 422, "startsAt"),
            (Self.eventJSON(seats: 0), 422, "seats"),
            (Self.eventJSON(extra: #","kind":"party""#).replacingOccurrences(of: #""kind":"open_day","#, with: ""), 422, "kind"),
            (Self.eventJSON(extra: #","eligibility":{"attributes":{"district":["atlantis"]}}"#), 422, "atlantis"),
            (Self.eventJSON(extra: #","targets":"/etc/passwd""#), 422, "targets"),
            (Self.eventJSON(extra: #","quotas":[{"attribute":"age","value":"18-29","min":5,"max":2}]"#), 422, "18-29"),
            (Self.eventJSON(extra: #","responseDeadline":"2027-01-01T00:00""#), 422, "responseDeadline"),
            (Self.eventJSON(extra: #","admin":true"#), 400, "admin"),
        ]
        for (body, status, mentioned) in cases {
            let reply = try harness.call("POST", "/api/v1/events", json: body)
            #expect(reply.status == status && reply.text.contains(mentioned), "\(body) → \(reply.text)")
        }
        #expect(try harness.events.list().isEmpty)
        #expect(try harness.call("GET", "/api/v1/events/999").status == 404)
        #expect(try harness.call("GET", "/api/v1/events/abc").status == 404)
    }

    /// Every event route × every kind of caller.
    @Test func roleMatrix() throws {
        let harness = try Harness(people: 80)
        let id = try #require(try harness.call("POST", "/api/v1/events", json: Self.eventJSON()).object?["id"] as? Int)
        let callers: [Role?] = [nil, .citizen, .evaluator, .organizer, .admin]
        // Expected statuses in the order anonymous, citizen, evaluator, organizer, admin; organizer
        // routes are checked against a draft event (admin gets the same answer as organizer).
        let matrix: [(method: String, path: String, body: String?, expected: [Int])] = [
            ("POST", "/api/v1/events", Self.eventJSON(), [401, 403, 403, 201, 201]),
            ("GET", "/api/v1/events", nil, [401, 403, 403, 200, 200]),
            ("GET", "/api/v1/events/{id}", nil, [401, 403, 403, 200, 200]),
            ("PATCH", "/api/v1/events/{id}", #"{"place":"市民中心"}"#, [401, 403, 403, 200, 200]),
            ("GET", "/api/v1/events/{id}/eligible", nil, [401, 403, 403, 200, 200]),
            ("GET", "/api/v1/events/{id}/report", nil, [401, 403, 200, 200, 200]),
            ("POST", "/api/v1/events/{id}/draw/finalize", #"{"beacon":"1"}"#, [401, 403, 403, 409, 409]),
            ("GET", "/api/v1/jobs/{id}", nil, [401, 403, 403, 404, 404]),
            ("GET", "/api/v1/events/{id}/draw", nil, [409, 409, 409, 409, 409]),
            ("GET", "/api/v1/events/{id}/draw/record", nil, [409, 409, 409, 409, 409]),
            ("POST", "/api/v1/events/{id}/draw/prepare?wait=20", nil, [401, 403, 403, 201, 409]),
            ("POST", "/api/v1/events/{id}/cancel", nil, [401, 403, 403, 200, 409]),
        ]
        let covered = Set(matrix.map { "\($0.method) \($0.path.split(separator: "?")[0])" })
        let routes = harness.api.router().routeList.map { "\($0.method) \($0.pattern)" }
        // Invitation, feedback and top-up routes are checked in InvitationLifecycleTests.
        let invitationRoutes = ["/invitations", "/replace", "/attendance", "/close", "/topup", "/suggestions"]
        #expect(
            covered
                == Set(
                    routes.filter { route in
                        (route.contains("/events") || route.contains("/jobs"))
                            && !invitationRoutes.contains { route.contains($0) }
                    }))
        for (method, path, body, expected) in matrix {
            for (caller, status) in zip(callers, expected) {
                let reply = try harness.call(
                    method, path.replacingOccurrences(of: "{id}", with: String(id)), role: caller, json: body)
                #expect(reply.status == status, "\(method) \(path) as \(caller?.rawValue ?? "anonymous"): \(reply.text)")
            }
        }
    }
}
