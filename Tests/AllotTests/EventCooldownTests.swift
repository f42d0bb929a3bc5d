import Foundation
import Testing

@testable import Allot

/// The fresh-faces rule (against 熟面孔): people who accepted or attended another event within the
/// event's cooldown window, or hold an open invitation to another event, are not eligible.
///
/// The invitation use cases do not exist yet (issue 10), so the invitations are inserted as rows of
/// the `invitation` table (migration step 2) by `invite` below; replace it with the use case once it
/// exists.
@Suite("Event cooldown")
struct EventCooldownTests {
    /// A registry of `people` volunteers, the event under test and another event people went to.
    final class World {
        let directory: TestDirectory
        let database: Database
        let events: Events
        let receipts: [EnrollmentReceipt]

        init(people: Int = 40) throws {
            directory = try TestDirectory()
            let clock = EventFixtures.Clock()
            database = try Database.create(path: directory.path("allot.db"))
            let config = try Fixtures.config()
            let registry = Registry(database: database, config: config, clock: { clock() })
            events = Events(database: database, config: config, clock: { clock() })
            receipts = try EventFixtures.enrollPool(registry, count: people)
        }

        /// An invitation row of `pid` to `event` in `state`, written as the invitation use case will.
        func invite(_ pid: String, to event: Int, state: String) throws {
            try database.write { connection in
                try connection.prepare(
                    """
                    INSERT INTO invitation (event_id, person_id, state, created_at, updated_at)
                    SELECT ?, id, ?, '2026-05-01T00:00:00Z', '2026-05-01T00:00:00Z' FROM person WHERE pid = ?
                    """
                ).run([.integer(Int64(event)), .text(state), .text(pid)])
                #expect(try connection.scalar("SELECT changes()") == 1)
            }
        }

        /// The fixture's open day at `startsAt`, without its fixed response deadline.
        static func draft(seats: Int = 10, startsAt: String) -> EventDraft {
            var draft = EventFixtures.draft(seats: seats, startsAt: startsAt)
            draft.responseDeadline = nil
            return draft
        }

        func excluded(_ event: Int) throws -> [ExclusionReason: Int] {
            let report = try events.eligibility(event)
            return Dictionary(uniqueKeysWithValues: report.excluded.map { ($0.reason, $0.count) })
        }
    }

    @Test func attendanceWithinTheWindowExcludesAndOutsideItDoesNot() throws {
        let world = try World()
        // The other event is 202 days before this one (2026-06-01 → 2026-12-20, both 09:30).
        let past = try world.events.create(World.draft(startsAt: "2026-06-01T09:30"), actor: .cli)
        let event = try world.events.create(World.draft(startsAt: "2026-12-20T09:30"), actor: .cli)
        let pids = world.receipts.map(\.pid)
        try world.invite(pids[0], to: past.id, state: "attended")
        try world.invite(pids[1], to: past.id, state: "accepted")
        try world.invite(pids[2], to: past.id, state: "invited")
        // Declined, expired and no-show invitations do not count: those people did not take part.
        try world.invite(pids[3], to: past.id, state: "declined")
        try world.invite(pids[4], to: past.id, state: "no_show")

        #expect(try world.excluded(event.id) == [.cooldown: 2, .openInvitation: 1])
        #expect(try world.events.eligibility(event.id).eligible == 37)

        // A window shorter than the 202 days lets the attendees back in; the open invitation stays.
        _ = try world.events.update(event.id, EventChanges(cooldownDays: 201), actor: .cli)
        #expect(try world.excluded(event.id) == [.openInvitation: 1])
        _ = try world.events.update(event.id, EventChanges(cooldownDays: 203), actor: .cli)
        #expect(try world.excluded(event.id) == [.cooldown: 2, .openInvitation: 1])

        // A year and a day later, the default 365-day window has passed.
        let later = try world.events.create(World.draft(startsAt: "2027-06-02T09:30"), actor: .cli)
        #expect(try world.excluded(later.id) == [.openInvitation: 1])

        // The event's own invitations never exclude anyone from it.
        #expect(try world.excluded(past.id) == [:])
    }

    @Test func theExcludedAreNotInThePreparedPool() throws {
        let world = try World()
        let past = try world.events.create(World.draft(startsAt: "2026-11-01T10:00"), actor: .cli)
        var draft = World.draft(seats: 4, startsAt: "2026-12-20T09:30")
        draft.unconstrained = ["age", "occupation", "income", "district", "education"]
        let event = try world.events.create(draft, actor: .cli)
        let pids = world.receipts.map(\.pid)
        try world.invite(pids[5], to: past.id, state: "attended")
        try world.invite(pids[6], to: past.id, state: "invited")
        let prepared = try world.events.prepare(event.id, lotterySize: 100, actor: .cli)
        #expect(prepared.poolSize == 38)
        let drawn = try world.events.finalize(event.id, beacon: "1 2 3", actor: .cli)
        let record = try world.events.record(event.id)
        let pool = Set(record.pool.map(\.pid))
        #expect(!pool.contains(pids[5]) && !pool.contains(pids[6]) && pool.contains(pids[7]))
        #expect(drawn.panel?.count == 4)
    }
}
