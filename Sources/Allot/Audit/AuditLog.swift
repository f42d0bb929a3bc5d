/// Reads and verifies the audit log.
public struct AuditLog: Sendable {
    public let database: Database

    public init(database: Database) { self.database = database }

    /// Recomputes every entry's hash and link and compares the last one with the recorded head.
    /// Any edited, deleted or inserted entry shows up as a problem.
    public func verify() throws -> AuditVerification {
        try database.read { connection in
            var problems: [String] = []
            var expectedSeq: Int64 = 1
            var previous = AuditEntry.genesisHash
            var count = 0
            try connection.prepare("SELECT \(AuditEntry.columns) FROM audit_entry ORDER BY seq").forEachRow { row in
                let entry = AuditEntry(row: row)
                count += 1
                if entry.seq != expectedSeq {
                    problems.append("entry \(expectedSeq) is missing (next is \(entry.seq))")
                }
                if entry.previousHash != previous {
                    problems.append("entry \(entry.seq) does not link to the entry before it")
                }
                if !entry.isIntact {
                    problems.append("entry \(entry.seq) was altered (hash mismatch)")
                }
                previous = entry.hash
                expectedSeq = entry.seq + 1
            }
            let head = try connection.prepare("SELECT seq, hash FROM audit_head WHERE id = 1").firstRow { row in
                (row.int64(0), row.text(1))
            }
            let lastSeq = expectedSeq - 1
            if let head {
                if head.0 != lastSeq || head.1 != previous {
                    problems.append("the log ends at entry \(lastSeq) but its recorded head is entry \(head.0)")
                }
            } else if count > 0 {
                problems.append("the log's recorded head is missing")
            }
            return AuditVerification(entries: count, head: previous, problems: problems)
        }
    }

    /// Entries after `seq`, oldest first, at most `limit`.
    public func entries(after seq: Int64 = 0, limit: Int = 100) throws -> [AuditEntry] {
        try database.read { connection in
            try connection.prepare(
                """
                SELECT \(AuditEntry.columns) FROM audit_entry WHERE seq > ? ORDER BY seq LIMIT ?
                """
            ).rows([.integer(seq), .integer(Int64(limit))], AuditEntry.init(row:))
        }
    }
}

/// The outcome of `AuditLog.verify()`.
public struct AuditVerification: Codable, Sendable, Equatable {
    public let entries: Int
    /// Hash of the last entry: publish it, and a later verify proves nothing before it changed.
    public let head: String
    public let problems: [String]

    public var isIntact: Bool { problems.isEmpty }
}
