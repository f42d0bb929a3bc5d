import Foundation

/// The SQL of the outbox table, shared by the outbox's use cases and the delivery worker; every function
/// runs inside the caller's transaction.
enum OutboxStore {
    /// `last_error` of a message cancelled because its recipient withdrew.
    static let withdrawnReason = "recipient withdrawn"

    /// The columns `row(_:)` maps, from `outbox JOIN person`.
    private static let columns = """
        outbox.id, outbox.key, outbox.kind, person.pid, outbox.language, outbox.body, outbox.subject, outbox.state,
        outbox.attempts, outbox.last_error, outbox.next_attempt_at, outbox.created_at, outbox.sent_at, outbox.channel
        """

    private static func row(_ row: Statement) -> OutboxMessage {
        OutboxMessage(
            id: row.int64(0), key: row.text(1), kind: row.text(2), pid: row.text(3), language: row.text(4),
            text: row.text(5), subject: row.optionalText(6), state: OutboxState(rawValue: row.text(7)) ?? .pending,
            attempts: row.int(8), lastError: row.optionalText(9), nextAttemptAt: row.optionalText(10),
            createdAt: row.text(11), sentAt: row.optionalText(12), channel: row.optionalText(13))
    }

    static func message(id: Int64, in connection: Connection) throws -> OutboxMessage? {
        try connection.prepare(
            "SELECT \(columns) FROM outbox JOIN person ON person.id = outbox.person_id WHERE outbox.id = ?"
        ).firstRow([.integer(id)], row)
    }

    static func list(state: OutboxState?, kind: String?, limit: Int, in connection: Connection) throws
        -> [OutboxMessage]
    {
        try connection.prepare(
            """
            SELECT \(columns) FROM outbox JOIN person ON person.id = outbox.person_id
            WHERE (?1 IS NULL OR outbox.state = ?1) AND (?2 IS NULL OR outbox.kind = ?2)
            ORDER BY outbox.id DESC LIMIT ?3
            """
        ).rows([SQLValue(state?.rawValue), SQLValue(kind), .integer(Int64(max(0, limit)))], row)
    }

    static func counts(in connection: Connection) throws -> OutboxCounts {
        var counts = OutboxCounts()
        try connection.prepare(
            "SELECT state, count(*), coalesce(sum(attempts > 0), 0) FROM outbox GROUP BY state"
        ).forEachRow { row in
            switch OutboxState(rawValue: row.text(0)) {
            case .pending:
                counts.pending = row.int(1)
                counts.retrying = row.int(2)
            case .sent: counts.sent = row.int(1)
            case .failed: counts.failed = row.int(1)
            case .cancelled: counts.cancelled = row.int(1)
            case nil: break
            }
        }
        return counts
    }

    /// The earliest time a pending message is due, or nil when none is pending.
    static func nextDue(in connection: Connection) throws -> Date? {
        let text = try connection.prepare(
            "SELECT min(next_attempt_at) FROM outbox WHERE state = 'pending'"
        ).firstRow { $0.optionalText(0) }
        return text.flatMap { $0 }.flatMap { try? Date($0, strategy: .iso8601) }
    }

    /// A message taken for one delivery attempt, with its recipient's phone as of the claim.
    struct Claimed: Sendable {
        let message: OutboxMessage
        let phone: String
    }

    /// Takes the next due pending message for one attempt: counts the attempt and pushes its due time to
    /// `leaseUntil`, so another deliverer skips it meanwhile (and it comes back if this one dies).
    /// Due messages of withdrawn recipients are cancelled on the way (counted in `cancelled`). Nil when
    /// nothing is due at `now`.
    static func claimNext(now: Date, leaseUntil: Date, cancelled: inout Int, in connection: Connection) throws
        -> Claimed?
    {
        let nowText = Timestamp.string(now)
        while true {
            let next = try connection.prepare(
                """
                SELECT \(columns), contact.phone FROM outbox JOIN person ON person.id = outbox.person_id
                LEFT JOIN contact ON contact.person_id = outbox.person_id
                WHERE outbox.state = 'pending' AND outbox.next_attempt_at <= ?
                ORDER BY outbox.next_attempt_at, outbox.id LIMIT 1
                """
            ).firstRow([.text(nowText)]) { statement in (row(statement), statement.optionalText(14)) }
            guard let (message, phone) = next else { return nil }
            guard let phone else {
                try connection.prepare(
                    "UPDATE outbox SET state = 'cancelled', last_error = ?, next_attempt_at = NULL WHERE id = ?"
                ).run([.text(withdrawnReason), .integer(message.id)])
                cancelled += 1
                continue
            }
            try connection.prepare(
                "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ?"
            ).run([.text(Timestamp.string(leaseUntil)), .integer(message.id)])
            guard let claimed = try self.message(id: message.id, in: connection) else { return nil }
            return Claimed(message: claimed, phone: phone)
        }
    }

    /// Records that the message was handed over. Also over a cancellation that raced the send: the
    /// record says what happened.
    static func markSent(id: Int64, channel: String, at time: Date, in connection: Connection) throws {
        try connection.prepare(
            """
            UPDATE outbox SET state = 'sent', channel = ?, sent_at = ?, last_error = NULL, next_attempt_at = NULL
            WHERE id = ? AND state IN ('pending', 'cancelled')
            """
        ).run([.text(channel), .text(Timestamp.string(time)), .integer(id)])
    }

    /// Records a failed attempt: due again at `retryAt`, or failed for good when that is nil.
    static func markFailedAttempt(id: Int64, error: String, retryAt: Date?, in connection: Connection) throws {
        if let retryAt {
            try connection.prepare(
                "UPDATE outbox SET last_error = ?, next_attempt_at = ? WHERE id = ? AND state = 'pending'"
            ).run([.text(error), .text(Timestamp.string(retryAt)), .integer(id)])
        } else {
            try connection.prepare(
                """
                UPDATE outbox SET state = 'failed', last_error = ?, next_attempt_at = NULL
                WHERE id = ? AND state = 'pending'
                """
            ).run([.text(error), .integer(id)])
        }
    }
}
