import Allot

extension Command {
    static let backup = Command(
        ["backup"], abstract: "copy the database to a new file while it stays in use (SQLite online backup)",
        discussion: """
            With --verify, the copy is then opened on its own and checked: SQLite's integrity check and the \
            audit log's hash chain. Exits 1 if either fails (the copy is kept, to inspect).
            """,
        parameters: [
            .argument("FILE", help: "the new file (must not exist)"),
            .flag("verify", help: "check the copy: integrity check and audit chain"),
        ]
    ) { invocation in
        let config = try? invocation.config()
        let destination = try invocation.required("FILE")
        try invocation.openDatabase(config: config).backup(to: destination)
        guard invocation.flag("verify") else {
            if invocation.json {
                try invocation.printJSON(["backup": destination])
            } else {
                invocation.print("backed up to \(destination)")
            }
            return
        }
        let check = try BackupCheck.run(path: destination)
        if invocation.json {
            try invocation.printJSON(VerifiedBackup(backup: destination, verified: check.isSound, check: check))
        } else {
            invocation.print("backed up to \(destination)")
            invocation.print("integrity: \(check.integrityProblems.isEmpty ? "ok" : "FAILED")")
            invocation.print(
                "audit chain: \(check.audit.isIntact ? "intact" : "BROKEN"), \(check.audit.entries) entries, "
                    + "head \(check.audit.head)")
            invocation.print("people: \(check.people); bytes: \(check.bytes)")
        }
        guard check.isSound else {
            for problem in check.integrityProblems + check.audit.problems { invocation.diagnostics("\(problem)\n") }
            throw CommandFailure("the backup at \(destination) failed verification")
        }
    }
}

private struct VerifiedBackup: Encodable {
    let backup: String
    let verified: Bool
    let check: BackupCheck
}
