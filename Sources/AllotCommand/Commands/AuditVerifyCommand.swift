import Allot

extension Command {
    static let auditVerify = Command(
        ["audit", "verify"], abstract: "check the audit log's hash chain; exit 1 if any entry was edited or deleted",
        discussion: "Prints the head hash: note it, and a later verify proves nothing before it changed."
    ) { invocation in
        let config = try? invocation.config()
        let result = try AuditLog(database: try invocation.openDatabase(config: config)).verify()
        if invocation.json {
            try invocation.printJSON(result)
        } else if result.isIntact {
            invocation.print("audit log intact: \(result.entries) entries, head \(result.head)")
        }
        guard result.isIntact else {
            for problem in result.problems { invocation.diagnostics("\(problem)\n") }
            throw CommandFailure("audit log broken: \(result.problems.count) problem(s) in \(result.entries) entries")
        }
    }
}
