import Foundation

/// The event use cases — create, list, show, update, cancel — each one transaction with an audit
/// entry, called alike by the CLI and the HTTP API. Draws and eligibility are in extensions.
public struct Events: Sendable {
    public let database: Database
    public let schema: AttributeSchema
    public let settings: EventSettings
    /// The configured targets file (relative paths are resolved against the working directory).
    public let targetsPath: String?
    /// The message settings of the configuration, for the invitations built on these events.
    public let messages: MessageSettings
    let clock: @Sendable () -> Date

    /// `clock` gives the time of changes and the cooldown's "now"; tests pass one they can set.
    public init(database: Database, config: AllotConfig, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.schema = config.schema
        self.settings = config.eventSettings
        self.targetsPath = config.targets
        self.messages = config.messages ?? .unconfigured
        self.clock = clock
    }

    /// Creates a draft event; seats come from the targets file where it has figures.
    public func create(_ draft: EventDraft, actor: Actor) throws -> Event {
        let seats = try EventRules.number(draft.seats, field: "seats", in: 1...EventRules.maxSeats)
        let targetsFile = draft.targets ?? targetsPath
        let targets = try targetsFile.flatMap { path throws(EventError) in
            path.isEmpty ? nil : try TargetsFile.load(path: path)
        }
        var quotas = QuotaPlanner.derive(seats: seats, schema: schema, targets: targets)
        try QuotaPlanner.apply(
            edits: draft.quotas ?? [], unconstrained: draft.unconstrained ?? [], to: &quotas, seats: seats)
        quotas.joint = try EventRules.joint(draft.joint ?? [], seats: seats)
        try EventRules.check(quotas, seats: seats)
        let now = Timestamp.string(clock())
        let startsAt = try EventRules.time(draft.startsAt, field: "startsAt")
        var event = Event(
            id: 0, title: try EventRules.text(draft.title, field: "title") ?? "",
            titleEn: try draft.titleEn.flatMap { text throws(EventError) in
                try EventRules.text(text, field: "titleEn", required: false)
            },
            department: try EventRules.text(draft.department, field: "department") ?? "",
            kind: try EventRules.kind(draft.kind), startsAt: startsAt,
            place: try EventRules.text(draft.place, field: "place") ?? "", seats: seats,
            reserves: try EventRules.number(draft.reserves ?? 0, field: "reserves", in: 0...EventRules.maxReserves),
            responseDeadline: try draft.responseDeadline.map { text throws(EventError) in
                try EventRules.time(text, field: "responseDeadline")
            },
            cooldownDays: try EventRules.number(
                draft.cooldownDays ?? settings.cooldownDays, field: "cooldownDays", in: 0...EventRules.maxCooldownDays),
            eligibility: try EventRules.eligibility(draft.eligibility ?? EligibilityFilter(), schema: schema),
            quotas: quotas, status: .draft, createdAt: now, updatedAt: now)
        try Self.checkDeadline(event)
        return try database.write { connection in
            let id = try EventStore.insert(event, in: connection)
            event = Event(
                id: id, title: event.title, titleEn: event.titleEn, department: event.department, kind: event.kind,
                startsAt: event.startsAt, place: event.place, seats: event.seats, reserves: event.reserves,
                responseDeadline: event.responseDeadline, cooldownDays: event.cooldownDays,
                eligibility: event.eligibility, quotas: event.quotas, status: .draft, createdAt: now, updatedAt: now)
            var audit = try AuditWriter(connection: connection)
            try audit.append(
                at: clock(), actor: actor, action: "event.create", subject: "event:\(id)",
                details: ["seats": String(seats), "startsAt": startsAt])
            return event
        }
    }

    /// Every event, latest first.
    public func list() throws -> [Event] {
        try database.read { try EventStore.all(in: $0) }
    }

    public func show(_ id: Int) throws -> Event {
        guard let event = try database.read({ try EventStore.find(id, in: $0) }) else { throw EventError.notFound(id: id) }
        return event
    }

    /// Changes a draft event; refused once its draw is prepared.
    public func update(_ id: Int, _ changes: EventChanges, actor: Actor) throws -> Event {
        try database.write { connection in
            guard var event = try EventStore.find(id, in: connection) else { throw EventError.notFound(id: id) }
            guard event.status == .draft else { throw EventError.notEditable(id: id, status: event.status) }
            var fields: [String] = []
            if let title = changes.title {
                event.title = try EventRules.text(title, field: "title") ?? ""
                fields.append("title")
            }
            if let titleEn = changes.titleEn {
                event.titleEn = try EventRules.text(titleEn, field: "titleEn", required: false)
                fields.append("titleEn")
            }
            if let department = changes.department {
                event.department = try EventRules.text(department, field: "department") ?? ""
                fields.append("department")
            }
            if let kind = changes.kind {
                event.kind = try EventRules.kind(kind)
                fields.append("kind")
            }
            if let startsAt = changes.startsAt {
                event.startsAt = try EventRules.time(startsAt, field: "startsAt")
                fields.append("startsAt")
            }
            if let place = changes.place {
                event.place = try EventRules.text(place, field: "place") ?? ""
                fields.append("place")
            }
            if let reserves = changes.reserves {
                event.reserves = try EventRules.number(reserves, field: "reserves", in: 0...EventRules.maxReserves)
                fields.append("reserves")
            }
            if let deadline = changes.responseDeadline {
                event.responseDeadline = deadline.isEmpty ? nil : try EventRules.time(deadline, field: "responseDeadline")
                fields.append("responseDeadline")
            }
            if let days = changes.cooldownDays {
                event.cooldownDays = try EventRules.number(days, field: "cooldownDays", in: 0...EventRules.maxCooldownDays)
                fields.append("cooldownDays")
            }
            if let filter = changes.eligibility {
                event.eligibility = try EventRules.eligibility(filter, schema: schema)
                fields.append("eligibility")
            }
            if let seats = changes.seats {
                event.seats = try EventRules.number(seats, field: "seats", in: 1...EventRules.maxSeats)
                let targets = try event.quotas.targets.flatMap { path throws(EventError) in try TargetsFile.load(path: path) }
                event.quotas = QuotaPlanner.derive(seats: event.seats, schema: schema, targets: targets, previous: event.quotas)
                fields.append("seats")
            }
            if changes.quotas != nil || changes.unconstrained != nil {
                try QuotaPlanner.apply(
                    edits: changes.quotas ?? [], unconstrained: changes.unconstrained ?? [], to: &event.quotas,
                    seats: event.seats)
                fields.append("quotas")
            }
            if let joint = changes.joint {
                event.quotas.joint = try EventRules.joint(joint, seats: event.seats)
                fields.append("joint")
            }
            try EventRules.check(event.quotas, seats: event.seats)
            try Self.checkDeadline(event)
            event.updatedAt = Timestamp.string(clock())
            try EventStore.update(event, in: connection)
            var audit = try AuditWriter(connection: connection)
            try audit.append(
                at: clock(), actor: actor, action: "event.update", subject: "event:\(id)",
                details: ["fields": fields.joined(separator: ",")])
            return event
        }
    }

    /// Cancels an event that is not closed; its draw, if any, stays on record, and its open invitations
    /// are cancelled (no replacement) so their holders may be drawn for other events.
    public func cancel(_ id: Int, actor: Actor) throws -> Event {
        try database.write { connection in
            guard var event = try EventStore.find(id, in: connection) else { throw EventError.notFound(id: id) }
            guard event.status != .closed, event.status != .cancelled else {
                throw EventError.wrongState(id: id, status: event.status, action: "cancel")
            }
            event.status = .cancelled
            event.updatedAt = Timestamp.string(clock())
            try EventStore.setStatus(id, .cancelled, at: event.updatedAt, in: connection)
            // Open seats end with the event: invited and accepted people are freed for other events.
            try connection.prepare(
                "UPDATE invitation SET state = 'cancelled', updated_at = ? WHERE event_id = ? AND state IN ('invited', 'accepted')"
            ).run([.text(event.updatedAt), SQLValue(id)])
            let freed = try connection.scalar("SELECT changes()")
            var audit = try AuditWriter(connection: connection)
            try audit.append(
                at: clock(), actor: actor, action: "event.cancel", subject: "event:\(id)",
                details: ["invitationsCancelled": String(freed)])
            return event
        }
    }

    /// The response deadline, when set, must come before the event starts.
    static func checkDeadline(_ event: Event) throws(EventError) {
        guard let deadline = event.responseDeadline else { return }
        guard let end = LocalTime.date(deadline), let start = LocalTime.date(event.startsAt), end <= start else {
            throw .invalidField(field: "responseDeadline", reason: "must not be after the event starts")
        }
    }
}
