import Foundation

extension Invitations {
    /// Why a reserve cannot be invited any more (they are skipped and leave the reserves).
    enum Unavailable: String {
        case withdrawn
        case invitedElsewhere = "invited_elsewhere"
        case invitedHere = "invited_here"
    }

    /// Fills every vacated seat of `event` not yet handled, in the order the seats were vacated, by
    /// `allot-replace-v1`: the first unused reserve whose joining keeps every quota satisfiable, skipping
    /// (with the reason) reserves who can no longer be invited. A seat no reserve can take stays open
    /// (logged with no replacement). Returns the new log entries.
    @discardableResult
    func fillVacancies(event: Event, actor: Actor, in connection: Connection) throws -> [ReplacementLog.Entry] {
        let pending = try connection.prepare(
            """
            SELECT p.pid, i.state FROM invitation i JOIN person p ON p.id = i.person_id
            WHERE i.event_id = ? AND i.state IN ('declined', 'expired', 'cancelled') AND i.source IN (0, 1)
              AND p.pid NOT IN (SELECT vacated_pid FROM replacement WHERE event_id = ?)
            ORDER BY i.updated_at, i.id
            """
        ).rows([SQLValue(event.id), SQLValue(event.id)]) { ($0.text(0), $0.text(1)) }
        guard !pending.isEmpty else { return [] }
        if let start = LocalTime.date(event.startsAt), clock() >= start { return [] }
        let context = try contexts.context(eventId: event.id, in: connection)
        var log = try entries(eventId: event.id, in: connection)
        var added: [ReplacementLog.Entry] = []
        var availability = try Availability(eventId: event.id, in: connection)
        for (vacated, state) in pending {
            var (held, gone) = context.replay(log)
            held.remove(vacated)
            let choice = try context.rule.choose(held: held, order: context.order, gone: gone) { pid in
                try availability.unavailable(pid, in: connection)?.rawValue
            }
            let (skipped, chosen) = (choice.skipped, choice.chosen)
            if let chosen { availability.invitedHere.insert(chosen) }
            let now = clock()
            let entry = ReplacementLog.Entry(
                vacated: vacated, state: state, skipped: skipped, replacement: chosen, at: Timestamp.string(now),
                unmet: chosen == nil ? context.rule.shortfalls(held: held) : nil)
            try connection.prepare(
                """
                INSERT INTO replacement (event_id, vacated_pid, state, skipped, replacement_pid, at, unmet)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """
            ).run([
                SQLValue(event.id), .text(vacated), .text(state), .text(EventStore.json(skipped)), SQLValue(chosen),
                .text(entry.at), SQLValue(entry.unmet.map { EventStore.json($0) }),
            ])
            if let chosen {
                try createInvitation(
                    event: event, pid: chosen, source: .replacement, deadline: event.responseDeadline, at: now,
                    in: connection)
            }
            var audit = try AuditWriter(connection: connection)
            try audit.append(
                at: now, actor: actor, action: "invitation.replace", subject: vacated,
                details: [
                    "event": String(event.id), "replacement": chosen ?? "", "skipped": String(skipped.count),
                ])
            log.append(entry)
            added.append(entry)
        }
        return added
    }

    /// Who cannot be invited to an event now: the invitations are read once per replacement pass (one
    /// query over the open invitations) instead of one join per reserve walked. A person's status is one
    /// indexed lookup by pid while the walk is short (it usually stops within a few reserves); a walk
    /// that goes on — while seats are open it can pass every reserve — reads the few people who are not
    /// active in one query instead.
    struct Availability {
        /// People with an invitation to this event (any state).
        var invitedHere: Set<String>
        /// People with an open (invited or accepted) invitation to another event.
        var invitedElsewhere: Set<String>
        /// Everyone not active, once read.
        private var inactive: Set<String>?
        private var lookups = 0
        /// Status lookups before one query of all inactive people: that query reads the whole person
        /// table (about as long as a few thousand lookups on a 100,000-person registry), so it pays
        /// only for a walk past this many reserves.
        static let lookupsBeforeScan = 2_000

        init(eventId: Int, in connection: Connection) throws {
            invitedHere = []
            invitedElsewhere = []
            for (pid, event) in try connection.prepare(
                """
                SELECT p.pid, i.event_id FROM invitation i JOIN person p ON p.id = i.person_id
                WHERE i.event_id = ? OR i.state IN ('invited', 'accepted')
                """
            ).rows([SQLValue(eventId)], { ($0.text(0), $0.int(1)) }) {
                if event == eventId { invitedHere.insert(pid) } else { invitedElsewhere.insert(pid) }
            }
        }

        /// nil when `pid` may be invited now, else why not (withdrawn first).
        mutating func unavailable(_ pid: String, in connection: Connection) throws -> Unavailable? {
            guard try isActive(pid, in: connection) else { return .withdrawn }
            if invitedHere.contains(pid) { return .invitedHere }
            return invitedElsewhere.contains(pid) ? .invitedElsewhere : nil
        }

        private mutating func isActive(_ pid: String, in connection: Connection) throws -> Bool {
            if inactive == nil, lookups >= Self.lookupsBeforeScan {
                inactive = Set(
                    try connection.prepare("SELECT pid FROM person WHERE status <> 'active'").rows([]) { $0.text(0) })
            }
            if let inactive { return !inactive.contains(pid) }
            lookups += 1
            let status = try connection.prepare("SELECT status FROM person WHERE pid = ?").firstRow([.text(pid)]) {
                $0.text(0)
            }
            return status == "active"
        }
    }

    /// The event's log entries in order.
    func entries(eventId: Int, in connection: Connection) throws -> [ReplacementLog.Entry] {
        try connection.prepare(
            "SELECT vacated_pid, state, skipped, replacement_pid, at, unmet FROM replacement WHERE event_id = ? ORDER BY id"
        ).rows([SQLValue(eventId)]) { row in
            ReplacementLog.Entry(
                vacated: row.text(0), state: row.text(1),
                skipped: try contexts.skips(row.text(2)),
                replacement: row.optionalText(3), at: row.text(4),
                unmet: try row.optionalText(5).map { try EventStore.decode([String].self, $0) })
        }
    }

    /// Fills the vacated seats now (`allot replace`, or when automatic replacement is off).
    public func replace(_ eventId: Int, actor: Actor) throws -> [ReplacementLog.Entry] {
        try database.write { connection in
            let event = try drawnEvent(eventId, action: "replace", in: connection)
            return try fillVacancies(event: event, actor: actor, in: connection)
        }
    }

    /// The public replacement log (INTERFACE.md §5) of an event's draw.
    public func replacementLog(_ eventId: Int) throws -> ReplacementLog {
        try database.read { connection in
            guard try EventStore.find(eventId, in: connection) != nil else { throw EventError.notFound(id: eventId) }
            guard let stored = try DrawStore.find(eventId: eventId, in: connection), stored.isFinalized else {
                throw EventError.notPrepared(id: eventId)
            }
            return ReplacementLog(
                eventId: .number(eventId), lotteryDigest: stored.lotteryDigest,
                entries: try entries(eventId: eventId, in: connection))
        }
    }
}
