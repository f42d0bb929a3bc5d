extension AuditLog {
    /// Entries newest first, before `seq` (nil: from the newest), at most `limit`: the console's pages.
    public func newest(before seq: Int64? = nil, limit: Int = 50) throws -> [AuditEntry] {
        try database.read { connection in
            try connection.prepare(
                """
                SELECT \(AuditEntry.columns) FROM audit_entry WHERE seq < ? ORDER BY seq DESC LIMIT ?
                """
            ).rows([.integer(seq ?? Int64.max), .integer(Int64(limit))], AuditEntry.init(row:))
        }
    }
}
