import Allot

extension Command {
    /// `allot draw verify EVENT`: re-checks the stored draw against the database.
    static let drawVerify = Command(
        ["draw", "verify"], abstract: "re-check an event's stored draw against the database",
        discussion: """
            Rebuilds the public record from the store and runs every 'allot verify' check on it, then checks
            it against the database: the record names this event, its quotas and panel size are the event's,
            the digests are the ones published at prepare, the stored seed, panel and reserve order are the
            ones the beacon gives, and every panel pid is a person of this registry. Exit 0 only if all pass.
            """,
        parameters: [.argument("EVENT", help: "the event id")]
    ) { invocation in
        let check = try invocation.events().verifyDraw(try invocation.eventID())
        let failed = (check.record + check.database).filter { !$0.passed }
        if invocation.json {
            try invocation.printJSON(StoredVerification(valid: check.passed, record: check.record, database: check.database))
        } else {
            for item in check.record + check.database {
                invocation.print(item.passed ? "ok      \(item.name)" : "FAILED  \(item.name): \(item.detail)")
            }
        }
        guard failed.isEmpty else {
            throw CommandFailure("stored draw fails " + failed.map { "\($0.name) (\($0.detail))" }.joined(separator: "; "))
        }
    }
}

private struct StoredVerification: Encodable {
    let valid: Bool
    let record: [DrawCheck]
    let database: [DrawCheck]
}
