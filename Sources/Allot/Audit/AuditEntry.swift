import Sortition

/// One entry of the audit log: who did what to which pseudonymous subject, chained to the entry before
/// it by SHA-256 so that editing or deleting any entry breaks the chain.
public struct AuditEntry: Codable, Sendable, Equatable {
    /// Position in the log, from 1 without gaps.
    public let seq: Int64
    public let at: String
    public let actor: String
    /// What happened, e.g. `person.enroll`.
    public let action: String
    /// The pid concerned, if any — never a name or phone.
    public let subject: String?
    /// JSON object with sorted keys; no personal data.
    public let details: String
    public let previousHash: String
    public let hash: String

    /// The `previousHash` of the first entry.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The hash an entry with these fields must carry: SHA-256 over a versioned, line-separated text.
    static func computeHash(
        previousHash: String, seq: Int64, at: String, actor: String, action: String, subject: String?, details: String
    ) -> String {
        let text = ["allot-audit-v1", previousHash, String(seq), at, actor, action, subject ?? "", details]
            .joined(separator: "\n")
        return SHA256.hexDigest(text)
    }

    /// The columns `init(row:)` reads, in order.
    static let columns = "seq, at, actor, action, subject, details, previous_hash, hash"

    init(row: Statement) {
        self.init(
            seq: row.int64(0), at: row.text(1), actor: row.text(2), action: row.text(3),
            subject: row.optionalText(4), details: row.text(5), previousHash: row.text(6), hash: row.text(7))
    }

    init(
        seq: Int64, at: String, actor: String, action: String, subject: String?, details: String,
        previousHash: String, hash: String
    ) {
        self.seq = seq
        self.at = at
        self.actor = actor
        self.action = action
        self.subject = subject
        self.details = details
        self.previousHash = previousHash
        self.hash = hash
    }

    /// Whether the stored hash matches the entry's fields.
    var isIntact: Bool {
        hash
            == Self.computeHash(
                previousHash: previousHash, seq: seq, at: at, actor: actor, action: action, subject: subject,
                details: details)
    }
}
