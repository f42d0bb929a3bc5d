import Foundation

/// Appends entries to the audit log inside the caller's write transaction, continuing the hash chain.
struct AuditWriter {
    private let connection: Connection
    private var seq: Int64
    private var head: String

    /// Reads the chain's head; call inside a write transaction.
    init(connection: Connection) throws {
        self.connection = connection
        let head = try connection.prepare("SELECT seq, hash FROM audit_head WHERE id = 1").firstRow { row in
            (row.int64(0), row.text(1))
        }
        seq = head?.0 ?? 0
        self.head = head?.1 ?? AuditEntry.genesisHash
    }

    mutating func append(at time: Date, actor: Actor, action: String, subject: String?, details: [String: String])
        throws
    {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let detailText = String(decoding: try encoder.encode(details), as: UTF8.self)
        let at = Timestamp.string(time)
        let next = seq + 1
        let hash = AuditEntry.computeHash(
            previousHash: head, seq: next, at: at, actor: actor.name, action: action, subject: subject,
            details: detailText)
        try connection.prepare(
            """
            INSERT INTO audit_entry (seq, at, actor, action, subject, details, previous_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """
        ).run([
            .integer(next), .text(at), .text(actor.name), .text(action), SQLValue(subject), .text(detailText),
            .text(head), .text(hash),
        ])
        try connection.prepare(
            """
            INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?)
            ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash
            """
        ).run([.integer(next), .text(hash)])
        seq = next
        head = hash
    }
}
