import Synchronization

/// What replacements read of a finalized draw — the rule, the panel and the reserve order — which
/// never changes once finalized, so it is built once per event and kept (a 100,000-person pool takes
/// a moment to read; a decline must not).
struct ReplacementContext: Sendable {
    let rule: ReplacementRule
    let panel: [String]
    let reserves: [String]
    /// `rule.order(reserves)`, computed once.
    let order: ReplacementRule.Order
    let lotteryDigest: String

    /// The held set and the reserves that left `U` (skipped or seated) after the logged entries
    /// (allot-replace-v1 replayed). `U` is `reserves` without `gone`, in order: it is not built here,
    /// since a 100,000-person reserve list copied per decline would dominate the decline's time.
    func replay(_ entries: [ReplacementLog.Entry]) -> (held: Set<String>, gone: Set<String>) {
        var held = Set(panel)
        var gone: Set<String> = []
        for entry in entries {
            held.remove(entry.vacated)
            for skip in entry.skipped { gone.insert(skip.pid) }
            if let replacement = entry.replacement {
                gone.insert(replacement)
                held.insert(replacement)
            }
        }
        return (held, gone)
    }
}

/// Finalized draws' replacement contexts by event id, the most recently used ones only.
///
/// A context holds its draw's whole pool and reserve order, ~400 bytes a person (measured: 40,000
/// people parse into 14.5 MiB of attribute dictionaries, plus 1.7 MiB for the rule's index and the
/// reserves), and a server draws for years: kept forever, they grew the soak run's RSS with every
/// draw. Replacements come in bursts for the event being answered, so a couple of recent contexts
/// serve them; an evicted one is read again from the store when needed (a pool text parsed once).
final class ReplacementContexts: Sendable {
    /// Contexts kept: the event whose answers are coming in and one more; beyond that, memory (16 MiB
    /// at 40,000 people, ~400 MiB for a whole city) matters more than re-reading an older event's draw.
    static let keptContexts = 2
    /// Decoded skip lists of logged entries by their stored JSON: every decline replays the whole
    /// log, and decoding the same thousands of skips again each time was a tenth of a decline.
    private let decodedSkips = Mutex<(lists: [String: [ReplacementLog.Skip]], bytes: Int)>(([:], 0))
    /// Skip lists kept at most, and their stored JSON's bytes at most (the cache is emptied beyond
    /// either: a few events' logs fit, and a log of long skip lists cannot grow the server's memory).
    static let maxDecodedSkips = 20_000
    static let maxDecodedSkipBytes = 16 << 20

    /// The skips stored as `text` (a log entry's JSON column).
    func skips(_ text: String) throws -> [ReplacementLog.Skip] {
        if let known = decodedSkips.withLock({ $0.lists[text] }) { return known }
        let skips = try EventStore.decode([ReplacementLog.Skip].self, text)
        decodedSkips.withLock { cache in
            if cache.lists.count >= Self.maxDecodedSkips || cache.bytes + text.utf8.count > Self.maxDecodedSkipBytes {
                cache = ([:], 0)
            }
            cache.lists[text] = skips
            cache.bytes += text.utf8.count
        }
        return skips
    }

    private let contexts: Mutex<RecentCache<Int, ReplacementContext>>

    init(capacity: Int = ReplacementContexts.keptContexts) {
        contexts = Mutex(RecentCache(capacity: capacity))
    }

    /// The event ids whose contexts are kept, least recently used first.
    var keptEventIds: [Int] { contexts.withLock { $0.keys } }

    /// The context of `eventId`'s finalized draw, read from the store unless recently used.
    func context(eventId: Int, in connection: Connection) throws -> ReplacementContext {
        if let known = contexts.withLock({ $0.value(for: eventId) }) { return known }
        guard let stored = try DrawStore.find(eventId: eventId, in: connection), let panel = stored.panel,
            let prepared = try DrawStore.prepared(eventId: eventId, in: connection)
        else { throw EventError.notPrepared(id: eventId) }
        let rule = ReplacementRule(
            panelSize: prepared.panelSize, quotas: prepared.quotas, joint: prepared.jointQuotas, pool: prepared.pool)
        let reserves = try DrawStore.reserves(eventId: eventId, in: connection)
        let context = ReplacementContext(
            rule: rule, panel: panel, reserves: reserves, order: rule.order(reserves),
            lotteryDigest: stored.lotteryDigest)
        contexts.withLock { $0.insert(context, for: eventId) }
        return context
    }
}
