import Foundation

/// The volunteer registry's use cases — enroll, show, update, withdraw, list, stats, import, export —
/// each one transaction, called alike by the CLI and the HTTP API.
public struct Registry: Sendable {
    public let database: Database
    public let schema: AttributeSchema
    public let settings: RegistrySettings
    let index: SchemaIndex
    let clock: @Sendable () -> Date

    /// `clock` gives the time of changes and the current year for age checks; tests pass a fixed one.
    public init(database: Database, config: AllotConfig, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.schema = config.schema
        self.settings = config.registry
        self.index = SchemaIndex(config.schema)
        self.clock = clock
    }

    func validator(at time: Date) -> EnrollmentValidator {
        EnrollmentValidator(index: index, currentYear: Timestamp.year(time))
    }

    /// Enrolls one volunteer: validates every field, then stores the person, their contact data and a
    /// citizen token. Throws `RegistryError` (first problem found) or `DatabaseError`.
    public func enroll(_ enrollment: Enrollment, actor: Actor) throws -> EnrollmentReceipt {
        try enroll(batch: [enrollment], actor: actor)[0].get()
    }

    /// Enrolls many volunteers in one transaction (one durable commit for all: what lets a server reach
    /// thousands of enrollments per second with `synchronous=FULL`). Each item succeeds or fails on its
    /// own; the call throws only when the database fails, and then none is stored.
    public func enroll(batch: [Enrollment], actor: Actor) throws -> [Result<EnrollmentReceipt, RegistryError>] {
        let time = clock()
        let validator = validator(at: time)
        let checked = batch.map(validator.validate)
        let enrolledAt = Timestamp.string(time)
        return try database.write { connection in
            var audit = try AuditWriter(connection: connection)
            var results: [Result<EnrollmentReceipt, RegistryError>] = []
            results.reserveCapacity(checked.count)
            for outcome in checked {
                switch outcome {
                case .invalid(let problems):
                    results.append(.failure(problems[0]))
                case .valid(let valid):
                    guard
                        case .inserted(let id, let pid) = try PersonStore.insert(
                            valid, enrolledAt: enrolledAt, in: connection)
                    else {
                        results.append(.failure(.duplicatePhone))
                        continue
                    }
                    let (token, _) = try TokenStore.insert(
                        role: .citizen, label: nil, personID: id, at: time, in: connection)
                    try audit.append(at: time, actor: actor, action: "person.enroll", subject: pid, details: [:])
                    results.append(.success(EnrollmentReceipt(pid: pid, token: token)))
                }
            }
            return results
        }
    }

    /// One person's record; `includeContact` adds their contact data (for themselves and organizers).
    public func show(pid: String, includeContact: Bool) throws -> PersonRecord {
        let year = Timestamp.year(clock())
        let record = try database.read { connection in
            try PersonStore.record(pid: pid, includeContact: includeContact, year: year, schema: schema, in: connection)
        }
        guard let record else { throw RegistryError.notFound(pid: pid) }
        return record
    }

    /// Changes a person's contact data or attributes; the audit entry names the changed fields only.
    public func update(pid: String, changes: PersonUpdate, actor: Actor) throws -> PersonRecord {
        let time = clock()
        let validator = validator(at: time)
        var problems: [RegistryError] = []
        let name = changes.name.flatMap { validator.checkName($0, into: &problems) }
        let phone = changes.phone.flatMap { validator.checkPhone($0, into: &problems) }
        let email = changes.email.map { validator.checkEmail($0, into: &problems) }
        if let year = changes.birthYear { validator.checkBirthYear(year, into: &problems) }
        let attributes = changes.attributes.map { validator.checkAttributes($0, into: &problems) }
        if let first = problems.first { throw first }

        return try database.write { connection in
            guard let current = try PersonStore.active(pid: pid, in: connection) else {
                throw try PersonStore.exists(pid: pid, in: connection)
                    ? RegistryError.alreadyWithdrawn(pid: pid) : RegistryError.notFound(pid: pid)
            }
            var changed: [String] = []
            if name != nil || phone != nil || email != nil {
                if let phone, phone != current.phone, try PersonStore.phoneIsEnrolled(phone, in: connection) {
                    throw RegistryError.duplicatePhone
                }
                try connection.prepare(
                    "UPDATE contact SET name = coalesce(?, name), phone = coalesce(?, phone), email = ? WHERE person_id = ?"
                ).run([SQLValue(name), SQLValue(phone), SQLValue(email ?? current.email), .integer(current.id)])
                changed += [name.map { _ in "name" }, phone.map { _ in "phone" }, email.map { _ in "email" }]
                    .compactMap { $0 }
            }
            if let year = changes.birthYear {
                try connection.prepare("UPDATE person SET birth_year = ? WHERE id = ?").run([
                    .integer(Int64(year)), .integer(current.id),
                ])
                changed.append("birth_year")
            }
            if let attributes, !attributes.isEmpty {
                let merged = current.attributes.merging(attributes) { _, new in new }
                try connection.prepare("UPDATE person SET attributes = ? WHERE id = ?").run([
                    .text(AttributesJSON.encode(merged)), .integer(current.id),
                ])
                changed += attributes.keys.sorted()
            }
            var audit = try AuditWriter(connection: connection)
            try audit.append(
                at: time, actor: actor, action: "person.update", subject: pid,
                details: ["fields": changed.joined(separator: ",")])
            let record = try PersonStore.record(
                pid: pid, includeContact: true, year: Timestamp.year(time), schema: schema, in: connection)
            guard let record else { throw RegistryError.notFound(pid: pid) }
            return record
        }
    }

    /// Withdraws a person: contact data and tokens are deleted, the person leaves the pool, and only the
    /// pseudonymous record (pid, birth year, attributes, dates) remains for past draws and statistics.
    /// Their pending messages are cancelled.
    public func withdraw(pid: String, actor: Actor) throws {
        let time = clock()
        try database.write { connection in
            guard let current = try PersonStore.active(pid: pid, in: connection) else {
                throw try PersonStore.exists(pid: pid, in: connection)
                    ? RegistryError.alreadyWithdrawn(pid: pid) : RegistryError.notFound(pid: pid)
            }
            try connection.prepare("DELETE FROM contact WHERE person_id = ?").run([.integer(current.id)])
            try connection.prepare("DELETE FROM token WHERE person_id = ?").run([.integer(current.id)])
            _ = try Outbox.cancelPending(personID: current.id, in: connection)
            try connection.prepare("UPDATE person SET status = 'withdrawn', withdrawn_at = ? WHERE id = ?").run([
                .text(Timestamp.string(time)), .integer(current.id),
            ])
            var audit = try AuditWriter(connection: connection)
            try audit.append(at: time, actor: actor, action: "person.withdraw", subject: pid, details: [:])
        }
    }
}
