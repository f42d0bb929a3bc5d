import Foundation
import Sortition

/// The invitation use cases — invite, answer, replace, expire, check in, close — each one transaction
/// with its audit entries and messages, called alike by the CLI, the API and the pages.
public struct Invitations: Sendable {
    public let database: Database
    let events: Events
    let outbox: Outbox
    let contexts: ReplacementContexts
    let clock: @Sendable () -> Date

    var settings: EventSettings { events.settings }

    /// `events` gives the event rules; `outbox` receives the messages; `clock` is "now" (deadlines,
    /// the event's start, feedback windows).
    public init(events: Events, outbox: Outbox, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.database = events.database
        self.events = events
        self.outbox = outbox
        self.contexts = ReplacementContexts()
        self.clock = clock
    }

    // MARK: - Invite

    /// One invitation per panel member of a drawn event, with a personal link and a check-in code,
    /// and an invitation message for each. `deadline` (local time) overrides the event's.
    public func invite(_ eventId: Int, deadline: String? = nil, actor: Actor) throws -> InvitationList {
        let due = try deadline.map { text throws(EventError) in try EventRules.time(text, field: "deadline") }
        try database.write { connection in
            let event = try drawnEvent(eventId, action: "invite", in: connection)
            guard try InvitationStore.all(eventId: eventId, in: connection).isEmpty else {
                throw InvitationError.alreadyInvited(eventId: eventId)
            }
            let context = try contexts.context(eventId: eventId, in: connection)
            let now = clock()
            for pid in context.panel {
                try createInvitation(
                    event: event, pid: pid, source: .panel, deadline: due ?? event.responseDeadline, at: now,
                    in: connection)
            }
            var audit = try AuditWriter(connection: connection)
            try audit.append(
                at: now, actor: actor, action: "invitation.invite", subject: "event:\(eventId)",
                details: ["count": String(context.panel.count)])
        }
        return try list(eventId)
    }

    /// Inserts one invitation and its message (kind `invitation` for the panel, `replacement` for a reserve).
    func createInvitation(
        event: Event, pid: String, source: InvitationSource, deadline: String?, at now: Date, in connection: Connection
    ) throws {
        guard let personID = try connection.prepare("SELECT id FROM person WHERE pid = ?").firstRow([.text(pid)], { $0.int64(0) })
        else { throw RegistryError.notFound(pid: pid) }
        let token = InvitationCodes.token()
        var code = InvitationCodes.code()
        while try InvitationStore.byCode(code, eventId: event.id, in: connection) != nil { code = InvitationCodes.code() }
        try InvitationStore.insert(
            eventId: event.id, personID: personID, source: source, tokenHash: SHA256.hexDigest(token), code: code,
            deadline: deadline, at: Timestamp.string(now), in: connection)
        _ = try outbox.enqueue(
            MessageDraft(
                kind: source == .replacement ? .replacement : .invitation, pid: pid,
                parameters: ["title": event.title, "date": Self.displayTime(event.startsAt), "place": event.place],
                linkPath: "/i/\(token)", subject: "event:\(event.id)"),
            in: connection)
    }

    /// `2026-12-20 09:30` from `2026-12-20T09:30`.
    static func displayTime(_ local: String) -> String {
        local.replacingOccurrences(of: "T", with: " ")
    }

    // MARK: - Read

    /// The invitations of an event with their states and counts.
    public func list(_ eventId: Int) throws -> InvitationList {
        try database.read { connection in
            guard let event = try EventStore.find(eventId, in: connection) else { throw EventError.notFound(id: eventId) }
            let rows = try InvitationStore.all(eventId: eventId, in: connection).map(\.invitation)
            var counts = Dictionary(uniqueKeysWithValues: InvitationState.allCases.map { ($0.rawValue, 0) })
            for row in rows { counts[row.state.rawValue, default: 0] += 1 }
            let held = rows.count { $0.state.holds }
            return InvitationList(
                eventId: eventId, seats: event.seats, invitations: rows, counts: counts, held: held,
                open: max(0, event.seats - held))
        }
    }

    /// What the holder of a link sees.
    public func show(token: String) throws -> CitizenInvitation {
        try database.read { connection in
            guard let row = try InvitationStore.byToken(token, in: connection),
                let event = try EventStore.find(row.eventId, in: connection)
            else { throw InvitationError.unknownToken }
            return citizenView(row.invitation, event: event)
        }
    }

    func citizenView(_ invitation: Invitation, event: Event) -> CitizenInvitation {
        CitizenInvitation(
            eventId: event.id, title: event.title, titleEn: event.titleEn, startsAt: event.startsAt, place: event.place,
            department: event.department, pid: invitation.pid, state: invitation.state, deadline: invitation.deadline,
            checkinCode: invitation.state == .accepted || invitation.state == .attended ? invitation.checkinCode : nil,
            feedbackOpen: invitation.state == .attended && feedbackWindowOpen(event))
    }

    /// Feedback may be given from the event's start until `feedbackDays` after it.
    func feedbackWindowOpen(_ event: Event) -> Bool {
        guard let start = LocalTime.date(event.startsAt) else { return false }
        let now = clock()
        return now >= start && now <= start.addingTimeInterval(Double(settings.feedbackDays) * 86_400)
    }

    // MARK: - Answers

    /// The citizen's answer through their link: `accept`, `decline`, or `cancel` (an accepted seat,
    /// before the event).
    public func respond(token: String, response: String) throws -> CitizenInvitation {
        let target = try Self.target(of: response)
        return try database.write { connection in try answer(token: token, target: target, in: connection) }
    }

    /// Citizens' answers through their links, written in one transaction so that one commit (one
    /// sync to disk) serves them all; each answer has its own savepoint, so one refused (unknown link,
    /// illegal transition) leaves the others. The results are in the order of `answers`.
    ///
    /// Answers arrive together in no meaningful order, so they are written event by event (in arrival
    /// order within each event): a decline's replacement then finds its event's replacement context
    /// in the small cache of recent ones instead of re-reading a draw for every answer of a burst
    /// spread over many events.
    public func respond(batch answers: [(token: String, response: String)]) throws -> [Result<CitizenInvitation, any Error>] {
        try database.write { connection in
            var eventOf: [Int] = []
            eventOf.reserveCapacity(answers.count)
            for (token, _) in answers {
                eventOf.append(try InvitationStore.byToken(token, in: connection)?.eventId ?? Int.max)
            }
            let order = answers.indices.sorted { (eventOf[$0], $0) < (eventOf[$1], $1) }
            var results = [Result<CitizenInvitation, any Error>?](repeating: nil, count: answers.count)
            for index in order {
                let (token, response) = answers[index]
                try connection.execute("SAVEPOINT answer")
                do {
                    let shown = try answer(token: token, target: try Self.target(of: response), in: connection)
                    try connection.execute("RELEASE answer")
                    results[index] = .success(shown)
                } catch {
                    try connection.execute("ROLLBACK TO answer")
                    try connection.execute("RELEASE answer")
                    results[index] = .failure(error)
                }
            }
            return results.compactMap { $0 }
        }
    }

    static func target(of response: String) throws(InvitationError) -> InvitationState {
        switch response {
        case "accept": .accepted
        case "decline": .declined
        case "cancel": .cancelled
        default: throw InvitationError.invalidResponse("response must be accept, decline or cancel")
        }
    }

    private func answer(token: String, target: InvitationState, in connection: Connection) throws -> CitizenInvitation {
        guard let row = try InvitationStore.byToken(token, in: connection),
            let event = try EventStore.find(row.eventId, in: connection)
        else { throw InvitationError.unknownToken }
        if target == .cancelled, row.invitation.state != .accepted {
            throw InvitationError.illegalTransition(pid: row.invitation.pid, from: row.invitation.state, to: "cancelled")
        }
        let changed = try transition(row, to: target, event: event, actor: Actor("citizen:\(row.invitation.pid)"), in: connection)
        return citizenView(changed, event: event)
    }

    /// An answer received by phone, recorded by an organizer: `accepted`, `declined` or `cancelled`.
    public func set(_ eventId: Int, pid: String, state: String, actor: Actor) throws -> Invitation {
        guard let target = InvitationState(rawValue: state), [.accepted, .declined, .cancelled].contains(target) else {
            throw InvitationError.invalidResponse("state must be accepted, declined or cancelled")
        }
        return try database.write { connection in
            guard let event = try EventStore.find(eventId, in: connection) else { throw EventError.notFound(id: eventId) }
            guard let row = try InvitationStore.byPID(pid, eventId: eventId, in: connection) else {
                throw InvitationError.notInvited(eventId: eventId, who: pid)
            }
            return try transition(row, to: target, event: event, actor: actor, in: connection)
        }
    }

    /// One legal state change with its audit entry; a vacated seat is refilled at once when
    /// `autoReplace` is on.
    func transition(_ row: InvitationStore.Row, to target: InvitationState, event: Event, actor: Actor, in connection: Connection)
        throws -> Invitation
    {
        let current = row.invitation.state
        guard current.next.contains(target) else {
            throw InvitationError.illegalTransition(pid: row.invitation.pid, from: current, to: target.rawValue)
        }
        let now = clock()
        let started = LocalTime.date(event.startsAt).map { now >= $0 } ?? false
        switch target {
        case .accepted, .declined, .cancelled:
            guard event.status == .drawn, !started else {
                throw InvitationError.eventState(id: event.id, status: event.status, action: "answer after the event started")
            }
            if target == .accepted, let deadline = row.invitation.deadline, let due = LocalTime.date(deadline), now > due {
                throw InvitationError.pastDeadline(deadline: deadline)
            }
        default:
            break
        }
        try InvitationStore.setState(row.id, target, at: Timestamp.string(now), in: connection)
        var audit = try AuditWriter(connection: connection)
        try audit.append(
            at: now, actor: actor, action: "invitation.\(target.rawValue)", subject: row.invitation.pid,
            details: ["event": String(event.id), "from": current.rawValue])
        if target.vacates, settings.autoReplace {
            try fillVacancies(event: event, actor: actor, in: connection)
        }
        var changed = row.invitation
        changed.state = target
        return changed
    }

    /// Invitations past their deadline become `expired` (the server sweeps on its own; the CLI has
    /// `allot invitations expire`). Returns how many expired.
    public func expire() throws -> Int {
        let now = clock()
        return try database.write { connection in
            let due = try connection.prepare(
                """
                SELECT \(InvitationStore.columns) FROM invitation i JOIN person p ON p.id = i.person_id
                WHERE i.state = 'invited' AND i.deadline IS NOT NULL ORDER BY i.deadline, i.id
                """
            ).rows([], InvitationStore.row).filter { row in
                row.invitation.deadline.flatMap(LocalTime.date).map { $0 < now } ?? false
            }
            var events: [Int: Event] = [:]
            for row in due {
                if events[row.eventId] == nil { events[row.eventId] = try EventStore.find(row.eventId, in: connection) }
                guard let event = events[row.eventId] else { continue }
                try InvitationStore.setState(row.id, .expired, at: Timestamp.string(now), in: connection)
                var audit = try AuditWriter(connection: connection)
                try audit.append(
                    at: now, actor: Actor("system"), action: "invitation.expired", subject: row.invitation.pid,
                    details: ["event": String(event.id), "from": "invited"])
            }
            if settings.autoReplace {
                for event in events.values.sorted(by: { $0.id < $1.id }) where event.status == .drawn {
                    try fillVacancies(event: event, actor: Actor("system"), in: connection)
                }
            }
            return due.count
        }
    }

    func drawnEvent(_ id: Int, action: String, in connection: Connection) throws -> Event {
        guard let event = try EventStore.find(id, in: connection) else { throw EventError.notFound(id: id) }
        guard event.status == .drawn else { throw InvitationError.eventState(id: id, status: event.status, action: action) }
        return event
    }
}
