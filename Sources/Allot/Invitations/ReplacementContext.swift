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

/// Finalized draws' replacement contexts by event id.
final class ReplacementContexts: Sendable {
    private let contexts = Mutex<[Int: ReplacementContext]>([:])
    /// Decoded skip lists of logged entries by their stored JSON: every decline replays the whole
    /// log, and decoding the same thousands of skips again each time was a tenth of a decline.
    private let decodedSkips = Mutex<[String: [ReplacementLog.Skip]]>([:])
    /// Skip lists kept at most (the cache is emptied beyond: a few events' logs fit).
    static let maxDecodedSkips = 20_000

    /// The skips stored as `text` (a log entry's JSON column).
    func skips(_ text: String) throws -> [ReplacementLog.Skip] {
        if let known = decodedSkips.withLock({ $0[text] }) { return known }
        let skips = try EventStore.decode([ReplacementLog.Skip].self, text)
        decodedSkips.withLock { cache in
            if cache.count >= Self.maxDecodedSkips { cache.removeAll() }
            cache[text] = skips
        }
        return skips
    }

    /// The context of `eventId`'s finalized draw, read from the store the first time.
    func context(eventId: Int, in connection: Connection) throws -> ReplacementContext {
        if let known = contexts.withLock({ $0[eventId] }) { return known }
        guard let stored = try DrawStore.find(eventId: eventId, in: connection), let panel = stored.panel,
            let prepared = try DrawStore.prepared(eventId: eventId, in: connection)
        else { throw EventError.notPrepared(id: eventId) }
        let rule = ReplacementRule(
            panelSize: prepared.panelSize, quotas: prepared.quotas, joint: prepared.jointQuotas, pool: prepared.pool)
        let reserves = try DrawStore.reserves(eventId: eventId, in: connection)
        let context = ReplacementContext(
            rule: rule, panel: panel, reserves: reserves, order: rule.order(reserves),
            lotteryDigest: stored.lotteryDigest)
        contexts.withLock { $0[eventId] = context }
        return context
    }
}
