import Foundation
import Sortition

extension Invitations {
    /// Prepares a top-up draw (issue: seats no reserve could fill): a new `allot-draw-v1` record for the
    /// open seats only, whose pool is the still-eligible who were never invited to this event and whose
    /// quotas are the event's minus the seats held. It is stored as the event's next round; its record
    /// names the event `ID-topup-N`.
    public func prepareTopUp(
        _ eventId: Int, algorithm: SelectionRequest.Algorithm = .leximin, lotterySize: Int? = nil,
        beaconSource: String = "", actor: Actor, progress: (@Sendable (String) -> Void)? = nil
    ) throws -> StoredDraw {
        let (event, eligible, held, round) = try database.read { connection in
            let event = try drawnEvent(eventId, action: "prepare a top-up draw for", in: connection)
            let rounds = try DrawStore.rounds(eventId: eventId, in: connection)
            if let open = rounds.first(where: { !$0.finalized }) {
                throw InvitationError.eventState(
                    id: eventId, status: event.status, action: "prepare another top-up (round \(open.round) awaits its beacon)")
            }
            var eligible = try events.eligiblePool(for: event, in: connection)
            let invited = Set(try InvitationStore.all(eventId: eventId, in: connection).map(\.invitation.pid))
            eligible.people.removeAll { invited.contains($0.pid) }
            let held = try InvitationStore.all(eventId: eventId, in: connection).map(\.invitation)
                .filter(\.state.holds).map(\.pid)
            return (event, eligible, held, (rounds.last?.round ?? 0) + 1)
        }
        let open = event.seats - held.count
        guard open > 0 else {
            throw InvitationError.eventState(id: eventId, status: event.status, action: "top up (no seat is open)")
        }
        if let start = LocalTime.date(event.startsAt), clock() >= start {
            throw InvitationError.eventState(id: eventId, status: event.status, action: "top up after the event started")
        }
        let quotas = try reducedQuotas(event: event, held: held, open: open)
        progress?("top-up: \(open) open seat(s); \(eligible.people.count) eligible never invited")
        guard eligible.people.count >= open else {
            throw EventError.draw(
                .infeasible(
                    InfeasibleQuotas.tooFewPeople(needed: open, available: eligible.people.count)))
        }
        let pool = try eligible.pool(features: quotas.features)
        let prepared: PreparedDraw
        do {
            prepared = try DrawPipeline.prepare(
                pool: pool, quotas: quotas,
                terms: DrawPipeline.Terms(
                    eventId: .text("\(eventId)-topup-\(round)"), algorithm: algorithm,
                    lotterySize: lotterySize ?? settings.lotterySize, preparedAt: clock()),
                progress: progress)
        } catch {
            throw EventError.draw(error)
        }
        let source = try EventRules.text(beaconSource, field: "beaconSource", required: false) ?? ""
        return try database.write { connection in
            _ = try drawnEvent(eventId, action: "prepare a top-up draw for", in: connection)
            guard try DrawStore.rounds(eventId: eventId, in: connection).count == round else {
                throw InvitationError.eventState(id: eventId, status: .drawn, action: "prepare this top-up (another was stored)")
            }
            try DrawStore.insert(prepared, eventId: eventId, round: round, beaconSource: source, in: connection)
            var audit = try AuditWriter(connection: connection)
            try audit.append(
                at: clock(), actor: actor, action: "draw.topup.prepare", subject: "event:\(eventId)",
                details: [
                    "round": String(round), "seats": String(open), "poolDigest": prepared.poolDigest,
                    "lotteryDigest": prepared.lotteryDigest, "termsDigest": prepared.termsDigest,
                ])
            guard let stored = try DrawStore.find(eventId: eventId, round: round, in: connection) else {
                throw EventError.notPrepared(id: eventId)
            }
            return stored
        }
    }

    /// Finalizes the pending top-up with its beacon and invites its panel at once.
    public func finalizeTopUp(_ eventId: Int, beacon: String, actor: Actor) throws -> StoredDraw {
        try database.write { connection in
            let event = try drawnEvent(eventId, action: "finalize a top-up draw for", in: connection)
            guard let pending = try DrawStore.rounds(eventId: eventId, in: connection).first(where: { !$0.finalized }) else {
                throw EventError.notPrepared(id: eventId)
            }
            let finalized = try events.finalizeStored(
                event: event, round: pending.round, beacon: beacon, actor: actor, in: connection)
            let now = clock()
            for pid in finalized.outcome.panel {
                try createInvitation(
                    event: event, pid: pid, source: .topUp, deadline: event.responseDeadline, at: now, in: connection)
            }
            return finalized.draw
        }
    }

    /// The event's quotas for the open seats, lowered by the seats `held` (pids) take.
    private func reducedQuotas(event: Event, held: [String], open: Int) throws -> Quotas {
        let heldValues = try database.read { connection in
            let context = try contexts.context(eventId: event.id, in: connection)
            return try held.compactMap { pid -> [String: String]? in
                if let values = context.rule.attributes[pid] { return values }
                // People from earlier top-ups are not in the main pool: read them from the registry.
                guard let row = try connection.prepare("SELECT birth_year, attributes FROM person WHERE pid = ?")
                    .firstRow([.text(pid)], { ($0.int(0), $0.text(1)) })
                else { return nil }
                var values = AttributesJSON.decodeFlat(row.1)
                values[QuotaPlanner.ageAttribute] = events.schema.age.band(birthYear: row.0, in: event.year)
                return values
            }
        }
        return try event.quotas.reduced(by: heldValues, openSeats: open)
    }
}
