import Allot

extension Command {
    /// `allot audit list`: reads the audit log (verifying it is `allot audit verify`).
    static let auditList = Command(
        ["audit", "list"], abstract: "print audit log entries, oldest first",
        discussion: """
            One line per entry: seq, time, actor, action, subject (a pid, never a name or phone) and details.
            --since SEQ prints only entries after SEQ (the last seq seen), so the log can be followed.
            With --json, {"entries": [...]} with every field, hashes included.
            """,
        parameters: [
            .option("since", value: "SEQ", help: "only entries after this sequence number (default 0: all)"),
        ]
    ) { invocation in
        let config = try? invocation.config()
        let log = AuditLog(database: try invocation.openDatabase(config: config))
        var after = Int64(try invocation.integer("since", in: 0...Int.max) ?? 0)
        var entries: [AuditEntry] = []
        while true {
            let page = try log.entries(after: after, limit: auditListPage)
            entries += page
            guard let last = page.last, page.count == auditListPage else { break }
            after = last.seq
        }
        if invocation.json {
            try invocation.printJSON(AuditListing(entries: entries))
            return
        }
        for entry in entries {
            let fields = [String(entry.seq), entry.at, entry.actor, entry.action, entry.subject ?? "-", entry.details]
            invocation.print(fields.joined(separator: "  "))
        }
    }

    /// Entries read per query while listing.
    private static let auditListPage = 1_000
}

/// The `--json` document of `allot audit list`.
private struct AuditListing: Encodable {
    let entries: [AuditEntry]
}
