import Foundation
import Testing

@testable import Allot

/// Events and their draws through the use cases, on a real SQLite file.
@Suite("Event draws")
struct EventDrawTests {
    final class World {
        let directory: TestDirectory
        let registry: Registry
        let events: Events
        let clock: EventFixtures.Clock

        init(people: Int = 300) throws {
            directory = try TestDirectory()
            let clock = EventFixtures.Clock()
            self.clock = clock
            let database = try Database.create(path: directory.path("allot.db"))
            let config = try Fixtures.config()
            registry = Registry(database: database, config: config, clock: { clock() })
            events = Events(database: database, config: config, clock: { clock() })
            _ = try EventFixtures.enrollPool(registry, count: people)
        }
    }

    @Test func createDerivesSeatsFromCensusSharesAndAsksForTheRest() throws {
        let world = try World(people: 0)
        var draft = EventFixtures.draft(seats: 20)
        draft.unconstrained = []
        let event = try world.events.create(draft, actor: .cli)
        let female = try #require(event.quotas.values.first { $0.attribute == "gender" && $0.value == "female" })
        // 20 × 0.4823 = 9.646 → 9…10 seats, derived from the census figure.
        #expect(female.min == 9 && female.max == 10 && female.origin == .derived && female.share == 0.4823)
        // Age bands: the census bounds each band's share of adults; seats span floor(20 × lower) to
        // ceil(20 × upper): 18-29 holds 17.12%–19.75% → 3…4 seats, 70+ 10.70%–11.05% → 2…3.
        let young = try #require(event.quotas.values.first { $0.attribute == "age" && $0.value == "18-29" })
        #expect(young.min == 3 && young.max == 4 && young.origin == .derived)
        #expect(young.note?.hasPrefix("share between 17.12% and 19.75%") == true && young.shareRange == [0.1712, 0.1975])
        #expect(female.shareRange == nil)
        let old = try #require(event.quotas.values.first { $0.attribute == "age" && $0.value == "70+" })
        #expect(old.min == 2 && old.max == 3 && abs((old.share ?? 0) - 0.10875) < 1e-9)
        // Placeholders only for occupation: never invented.
        let missing = Set(event.quotas.missing.map(\.attribute))
        #expect(missing == ["occupation"])
        #expect(throws: EventError.quotasIncomplete(event.quotas.missing.map { "\($0.attribute)=\($0.value)" })) {
            _ = try world.events.prepare(event.id, actor: .cli)
        }
    }

    @Test func prepareAndFinalizeGiveARecordThatVerifies() throws {
        let world = try World()
        let event = try world.events.create(EventFixtures.draft(), actor: .cli)
        let eligibility = try world.events.eligibility(event.id)
        #expect(eligibility.registryActive == 300 && eligibility.feasible == true)
        let prepared = try world.events.prepare(event.id, beaconSource: "上海福利彩票 2026-12-01", actor: .cli)
        #expect(prepared.poolSize == eligibility.eligible && !prepared.isFinalized)
        #expect(try world.events.show(event.id).status == .prepared)
        #expect(throws: EventError.notEditable(id: event.id, status: .prepared)) {
            _ = try world.events.update(event.id, EventChanges(seats: 12), actor: .cli)
        }
        let drawn = try world.events.finalize(event.id, beacon: "12 34 56 78 90", actor: .cli)
        #expect(drawn.panel?.count == 10 && drawn.reserveCount == eligibility.eligible - 10)
        #expect(throws: EventError.alreadyFinalized(id: event.id)) {
            _ = try world.events.finalize(event.id, beacon: "again", actor: .cli)
        }
        let record = try world.events.record(event.id)
        #expect(DrawVerifier.verify(record).allSatisfy { $0.passed })
        #expect(record.poolDigest == prepared.poolDigest && record.termsDigest == prepared.termsDigest)
        let check = try world.events.verifyDraw(event.id)
        #expect(check.passed, "\(check.record.filter { !$0.passed }) \(check.database.filter { !$0.passed })")
    }
}
