import Foundation

/// The SQL of the registry's tables, shared by its use cases; every function runs inside the caller's
/// transaction.
enum PersonStore {
    struct Active {
        let id: Int64
        let phone: String
        let email: String?
        let attributes: [String: String]
    }

    static func phoneIsEnrolled(_ phone: String, in connection: Connection) throws -> Bool {
        try phoneOwner(phone, in: connection) != nil
    }

    /// The row id of the active person with this phone, if any.
    static func phoneOwner(_ phone: String, in connection: Connection) throws -> Int64? {
        try connection.prepare("SELECT person_id FROM contact WHERE phone = ?").firstRow([.text(phone)]) { $0.int64(0) }
    }

    /// What `insert` did.
    enum Insertion {
        /// Stored with this row id and pid.
        case inserted(id: Int64, pid: String)
        /// Not stored: the phone belongs to the active person with this row id.
        case phoneTaken(ownerID: Int64)
        /// Not stored: the person carries a pid (from an export) that the registry already has.
        case pidTaken(String)
    }

    /// Stores a validated person with a fresh pid, unless their phone is already enrolled. The phone's
    /// unique index decides, so no lookup precedes the insert.
    static func insert(
        _ person: ValidEnrollment, enrolledAt: String, ids: PersonIDSource? = nil, in connection: Connection
    ) throws -> Insertion {
        let insertPerson = try connection.prepare(
            "INSERT INTO person (pid, birth_year, attributes, enrolled_at) VALUES (?, ?, ?, ?)")
        let values: [SQLValue] = [
            .integer(Int64(person.birthYear)), .text(person.attributesJSON), .text(enrolledAt),
        ]
        var pid = person.pid ?? ids?.next() ?? PersonID.random()
        for attempt in 1...PersonID.attempts {
            let result = Result { () throws(DatabaseError) in try insertPerson.run([.text(pid)] + values) }
            if case .failure(let error) = result {
                // A kept pid is never replaced: that would break the draw records naming it.
                if let kept = person.pid, error.isConstraintViolation { return .pidTaken(kept) }
                // The only constraint on a new person row is the unique pid: draw another.
                guard error.isConstraintViolation, attempt < PersonID.attempts else { throw error }
                pid = ids?.next() ?? PersonID.random()
                continue
            }
            break
        }
        let id = connection.lastInsertRowID
        let contact = Result { () throws(DatabaseError) in
            try connection.prepare("INSERT INTO contact (person_id, name, phone, email) VALUES (?, ?, ?, ?)")
                .run([.integer(id), .text(person.name), .text(person.phone), SQLValue(person.email)])
        }
        if case .failure(let error) = contact {
            // The phone's unique index refused it: take the person row back out.
            guard error.isConstraintViolation, let owner = try phoneOwner(person.phone, in: connection) else {
                throw error
            }
            try connection.prepare("DELETE FROM person WHERE id = ?").run([.integer(id)])
            return .phoneTaken(ownerID: owner)
        }
        return .inserted(id: id, pid: pid)
    }

    static func exists(pid: String, in connection: Connection) throws -> Bool {
        try connection.prepare("SELECT 1 FROM person WHERE pid = ?").firstRow([.text(pid)]) { _ in true } ?? false
    }

    static func active(pid: String, in connection: Connection) throws -> Active? {
        try connection.prepare(
            """
            SELECT person.id, contact.phone, contact.email, person.attributes FROM person
            JOIN contact ON contact.person_id = person.id WHERE person.pid = ? AND person.status = 'active'
            """
        ).firstRow([.text(pid)]) { row in
            Active(
                id: row.int64(0), phone: row.text(1), email: row.optionalText(2),
                attributes: AttributesJSON.decode(row.text(3)))
        }
    }

    static func record(pid: String, includeContact: Bool, year: Int, schema: AttributeSchema, in connection: Connection)
        throws -> PersonRecord?
    {
        try connection.prepare(
            """
            SELECT person.pid, person.status, person.birth_year, person.attributes, person.enrolled_at,
                   person.withdrawn_at, contact.name, contact.phone, contact.email
            FROM person LEFT JOIN contact ON contact.person_id = person.id WHERE person.pid = ?
            """
        ).firstRow([.text(pid)]) { row in
            self.record(row, includeContact: includeContact, year: year, schema: schema)
        }
    }

    /// Maps a row of columns pid, status, birth_year, attributes, enrolled_at, withdrawn_at, name, phone, email.
    static func record(_ row: Statement, includeContact: Bool, year: Int, schema: AttributeSchema) -> PersonRecord {
        let birthYear = row.int(2)
        let contact =
            includeContact && !row.isNull(6)
            ? Contact(name: row.text(6), phone: row.text(7), email: row.optionalText(8)) : nil
        return PersonRecord(
            pid: row.text(0), status: row.text(1), birthYear: birthYear,
            ageBand: schema.age.band(birthYear: birthYear, in: year), attributes: AttributesJSON.decode(row.text(3)),
            enrolledAt: row.text(4), withdrawnAt: row.optionalText(5), contact: contact)
    }
}
