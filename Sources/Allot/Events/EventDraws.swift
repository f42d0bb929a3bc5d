import Foundation
import Sortition

/// What `draw verify` found when re-checking a stored draw against the database.
public struct StoredDrawCheck: Sendable, Equatable, Encodable {
    /// The record checks of `allot verify` (digests, seed, index, panel, reserves, quotas).
    public let record: [DrawCheck]
    /// Checks of the record against the database: the event's terms, the stored outcome.
    public let database: [DrawCheck]

    public var passed: Bool { (record + database).allSatisfy(\.passed) }
}

extension Events {
    /// Prepare (INTERFACE.md §5 steps 1, 2, 7): freezes the eligible pool, computes the distribution
    /// and its lottery, stores them with the pool, lottery and terms digests, and moves the event to
    /// `prepared`. The long computation runs outside any write transaction; the store re-checks that
    /// the event was not changed meanwhile.
    public func prepare(
        _ id: Int, algorithm: SelectionRequest.Algorithm = .leximin, lotterySize: Int? = nil, beaconSource: String = "",
        actor: Actor, progress: (@Sendable (String) -> Void)? = nil
    ) throws -> StoredDraw {
        let (event, eligible) = try database.read { connection in
            guard let event = try EventStore.find(id, in: connection) else { throw EventError.notFound(id: id) }
            guard event.status == .draft else { throw EventError.wrongState(id: id, status: event.status, action: "prepare") }
            return (event, try eligiblePool(for: event, in: connection))
        }
        let missing = event.quotas.missing
        guard missing.isEmpty else { throw EventError.quotasIncomplete(missing.map { "\($0.attribute)=\($0.value)" }) }
        let source = try EventRules.text(beaconSource, field: "beaconSource", required: false) ?? ""
        let quotas = try event.quotas.quotas(seats: event.seats)
        progress?("eligible: \(eligible.people.count) of \(eligible.registryActive) active volunteers")
        guard eligible.people.count >= event.seats else {
            throw EventError.draw(
                .infeasible(
                    InfeasibleQuotas.tooFewPeople(needed: event.seats, available: eligible.people.count)))
        }
        let pool = try eligible.pool(features: quotas.features)
        progress?("types: \(pool.count) people in \(pool.typeCount) types")
        let prepared: PreparedDraw
        do {
            prepared = try DrawPipeline.prepare(
                pool: pool, quotas: quotas,
                terms: DrawPipeline.Terms(
                    eventId: .number(id), algorithm: algorithm, lotterySize: lotterySize ?? settings.lotterySize,
                    preparedAt: clock()),
                progress: progress)
        } catch {
            throw EventError.draw(error)
        }
        progress?("storing the prepared draw")
        return try database.write { connection in
            guard let current = try EventStore.find(id, in: connection) else { throw EventError.notFound(id: id) }
            guard current.status == .draft else {
                throw EventError.wrongState(id: id, status: current.status, action: "prepare")
            }
            guard current == event else {
                throw EventError.wrongState(id: id, status: current.status, action: "prepare (it changed meanwhile)")
            }
            try DrawStore.insert(prepared, eventId: id, round: 0, beaconSource: source, in: connection)
            let now = clock()
            try EventStore.setStatus(id, .prepared, at: Timestamp.string(now), in: connection)
            var audit = try AuditWriter(connection: connection)
            try audit.append(
                at: now, actor: actor, action: "draw.prepare", subject: "event:\(id)",
                details: [
                    "algorithm": prepared.algorithm, "poolDigest": prepared.poolDigest,
                    "lotteryDigest": prepared.lotteryDigest, "termsDigest": prepared.termsDigest,
                    "pool": String(prepared.pool.count), "beaconSource": source,
                ])
            guard let stored = try DrawStore.find(eventId: id, in: connection) else { throw EventError.notPrepared(id: id) }
            return stored
        }
    }

    /// Finalize (steps 3–6): the beacon text fixes the seed, the panel and the reserve order; the event
    /// becomes `drawn`. Refused before prepare, twice, or with an empty beacon.
    public func finalize(_ id: Int, beacon: String, actor: Actor) throws -> StoredDraw {
        try database.write { connection in
            guard let event = try EventStore.find(id, in: connection) else { throw EventError.notFound(id: id) }
            guard let stored = try DrawStore.find(eventId: id, in: connection) else { throw EventError.notPrepared(id: id) }
            guard !stored.isFinalized else { throw EventError.alreadyFinalized(id: id) }
            guard event.status == .prepared else {
                throw EventError.wrongState(id: id, status: event.status, action: "finalize the draw of")
            }
            let finalized = try finalizeStored(event: event, round: 0, beacon: beacon, actor: actor, in: connection)
            try EventStore.setStatus(id, .drawn, at: Timestamp.string(clock()), in: connection)
            return finalized.draw
        }
    }

    /// Steps 3–6 on a stored, unfinalized round inside the caller's transaction: stores the outcome and
    /// audits it.
    func finalizeStored(event: Event, round: Int, beacon: String, actor: Actor, in connection: Connection) throws
        -> (draw: StoredDraw, outcome: DrawProtocol.Outcome)
    {
        let id = event.id
        guard !beacon.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw EventError.invalidField(field: "beacon", reason: "is empty: give the announced public number as text")
        }
        guard let input = try DrawStore.drawInput(eventId: id, round: round, in: connection) else {
            throw EventError.notPrepared(id: id)
        }
        let seed = DrawProtocol.seed(lotteryDigest: input.lotteryDigest, beacon: beacon)
        guard let outcome = DrawProtocol.draw(lottery: input.lottery, eligible: input.pids, seed: seed) else {
            throw EventError.draw(.algorithmFailed("the lottery is empty"))
        }
        let now = clock()
        let seedHex = Hex.encode(seed)
        try DrawStore.finalize(
            eventId: id, round: round, beacon: beacon, seed: seedHex, outcome: outcome,
            at: DrawPipeline.timestamp(now), in: connection)
        var audit = try AuditWriter(connection: connection)
        try audit.append(
            at: now, actor: actor, action: round == 0 ? "draw.finalize" : "draw.topup.finalize", subject: "event:\(id)",
            details: [
                "beacon": beacon, "seed": seedHex, "panelIndex": String(outcome.panelIndex),
                "panel": String(outcome.panel.count), "round": String(round),
            ])
        guard let finalized = try DrawStore.find(eventId: id, round: round, in: connection) else {
            throw EventError.notPrepared(id: id)
        }
        return (finalized, outcome)
    }

    /// The event's draw as published so far: digests after prepare, the outcome after finalize.
    public func draw(_ id: Int, round: Int = 0) throws -> StoredDraw {
        try database.read { connection in
            guard try EventStore.find(id, in: connection) != nil else { throw EventError.notFound(id: id) }
            guard let stored = try DrawStore.find(eventId: id, round: round, in: connection) else {
                throw EventError.notPrepared(id: id)
            }
            return stored
        }
    }

    /// The public draw record (INTERFACE.md §5) of a finalized draw (`round` 1… for top-ups): pids and
    /// attribute values only.
    public func record(_ id: Int, round: Int = 0) throws -> DrawRecord {
        let (stored, prepared) = try database.read { connection in
            guard try EventStore.find(id, in: connection) != nil else { throw EventError.notFound(id: id) }
            guard let stored = try DrawStore.find(eventId: id, round: round, in: connection),
                let prepared = try DrawStore.prepared(eventId: id, round: round, in: connection)
            else { throw EventError.notPrepared(id: id) }
            return (stored, prepared)
        }
        guard let beacon = stored.beacon, let finalizedAt = stored.finalizedAt else {
            throw EventError.wrongState(id: id, status: .prepared, action: "publish the record of (finalize first)")
        }
        do {
            return try DrawPipeline.finalize(prepared, beacon: beacon, finalizedAt: finalizedAt)
        } catch {
            throw EventError.draw(error)
        }
    }

    /// Re-checks the stored draw: the record passes every `allot verify` check, its terms are the
    /// event's, and the stored outcome (seed, panel, reserves) is the one the record derives.
    public func verifyDraw(_ id: Int) throws -> StoredDrawCheck {
        let record = try record(id)
        let (event, stored, reserves, known) = try database.read { connection in
            guard let event = try EventStore.find(id, in: connection),
                let stored = try DrawStore.find(eventId: id, in: connection)
            else { throw EventError.notPrepared(id: id) }
            let reserves = try DrawStore.reserves(eventId: id, in: connection)
            let known = try connection.scalar(
                "SELECT count(*) FROM person WHERE pid IN (SELECT value FROM json_each(?))",
                [.text(EventStore.json(record.panel))])
            return (event, stored, reserves, known)
        }
        let verification = DrawVerifier.verify(record)
        let quotas = (try? event.quotas.quotas(seats: event.seats)).map(DrawPipeline.recordQuotas)
        let checks = [
            DrawCheck(name: "event", passed: record.eventId == .number(id), detail: "the record names event \(id)"),
            DrawCheck(
                name: "terms", passed: quotas == record.quotas && event.seats == record.panelSize,
                detail: "the record's quotas and panel size are the event's"),
            DrawCheck(
                name: "stored digests",
                passed: stored.poolDigest == record.poolDigest && stored.lotteryDigest == record.lotteryDigest
                    && stored.termsDigest == record.termsDigest,
                detail: "the digests published at prepare are the record's"),
            DrawCheck(
                name: "stored outcome",
                passed: stored.seed == record.seed && stored.panelIndex == record.panelIndex
                    && stored.panel == record.panel && reserves == record.reserves,
                detail: "the stored seed, panel and reserve order are the ones the beacon gives"),
            DrawCheck(
                name: "panel in registry", passed: known == record.panel.count,
                detail: "every panel pid is a person of this registry"),
        ]
        return StoredDrawCheck(record: verification, database: checks)
    }
}
