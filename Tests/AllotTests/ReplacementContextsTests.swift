import Foundation
import Testing

@testable import Allot

/// The replacement contexts cache stays bounded (a context holds its draw's whole pool): the least
/// recently used context is evicted beyond the limit and read again from the store when needed.
@Suite("Replacement contexts")
struct ReplacementContextsTests {
    @Test func recentCacheEvictsTheLeastRecentlyUsedBeyondItsCapacity() {
        var cache = RecentCache<Int, String>(capacity: 3)
        for key in 1...3 { cache.insert("v\(key)", for: key) }
        #expect(cache.keys == [1, 2, 3])
        // Reading 1 makes it the most recent, so 2 goes when 4 arrives.
        #expect(cache.value(for: 1) == "v1")
        cache.insert("v4", for: 4)
        #expect(cache.keys == [3, 1, 4] && cache.count == 3)
        #expect(cache.value(for: 2) == nil)
        // Replacing a kept key neither grows the cache nor evicts another.
        cache.insert("v3'", for: 3)
        #expect(cache.keys == [1, 4, 3] && cache.value(for: 3) == "v3'")
        // A flood of keys leaves exactly `capacity` values: the newest ones.
        for key in 100..<1_100 { cache.insert("v\(key)", for: key) }
        #expect(cache.count == 3 && cache.keys == [1_097, 1_098, 1_099])
    }

    @Test func recentCacheKeepsAtLeastOneValue() {
        var cache = RecentCache<String, Int>(capacity: 0)
        cache.insert(1, for: "a")
        cache.insert(2, for: "b")
        #expect(cache.capacity == 1 && cache.keys == ["b"] && cache.value(for: "b") == 2)
    }

    @Test func contextsOfFinalizedDrawsAreKeptUpToTheLimitAndReadAgainAfterEviction() throws {
        let world = try EventDrawTests.World(people: 120)
        var ids: [Int] = []
        for (index, day) in ["2026-12-20", "2026-12-21", "2026-12-22"].enumerated() {
            let event = try world.events.create(EventFixtures.draft(seats: 10, startsAt: "\(day)T09:30"), actor: .cli)
            _ = try world.events.prepare(event.id, actor: .cli)
            _ = try world.events.finalize(event.id, beacon: "1 2 \(index)", actor: .cli)
            ids.append(event.id)
        }
        let contexts = ReplacementContexts(capacity: 2)
        let database = world.events.database
        let first = try database.read { try contexts.context(eventId: ids[0], in: $0) }
        _ = try database.read { try contexts.context(eventId: ids[1], in: $0) }
        #expect(contexts.keptEventIds == [ids[0], ids[1]])
        _ = try database.read { try contexts.context(eventId: ids[2], in: $0) }
        #expect(contexts.keptEventIds == [ids[1], ids[2]])
        // The evicted event's context is read again from the store, the same as before.
        let again = try database.read { try contexts.context(eventId: ids[0], in: $0) }
        #expect(again.panel == first.panel && again.reserves == first.reserves && again.lotteryDigest == first.lotteryDigest)
        #expect(!first.panel.isEmpty && first.panel.count == 10)
        #expect(contexts.keptEventIds == [ids[2], ids[0]])
        #expect(ReplacementContexts().keptEventIds.isEmpty && ReplacementContexts.keptContexts >= 1)
    }
}
