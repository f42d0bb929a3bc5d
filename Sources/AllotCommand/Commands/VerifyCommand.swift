import Allot

extension Command {
    /// `allot verify RECORD.json`: re-checks a draw record without any database (INTERFACE.md §5).
    static let verify = Command(
        ["verify"],
        abstract: "re-check a draw record: digests, seed, panel, reserves, probabilities, quotas",
        discussion: """
            Recomputes the pool, lottery and terms digests (the terms digest, an Allot extension, covers
            event, panel size, algorithm, lottery size, preparedAt, quotas and households), checks the
            lottery has at least 100 panels and finalizedAt is not before preparedAt, recomputes the seed
            from the beacon, the panel index, the panel, the reserve order and the probabilities, and checks
            every lottery panel against the quotas and seats at most one person per recorded household.
            Exits 0 only if every check passes; otherwise names each failed check.
            """,
        parameters: [.argument("RECORD", help: "the draw record (JSON)")]
    ) { invocation in
        let record = try DrawRecord.read(fromFile: try invocation.required("RECORD"))
        let checks = DrawVerifier.verify(record)
        let failed = checks.filter { !$0.passed }
        if invocation.json {
            try invocation.printJSON(VerificationSummary(valid: failed.isEmpty, checks: checks.map(CheckSummary.init)))
        } else {
            for check in checks {
                invocation.print(check.passed ? "ok      \(check.name)" : "FAILED  \(check.name): \(check.detail)")
            }
        }
        guard failed.isEmpty else {
            throw CommandFailure("draw record fails " + failed.map { "\($0.name) (\($0.detail))" }.joined(separator: "; "))
        }
    }
}

private struct VerificationSummary: Encodable {
    let valid: Bool
    let checks: [CheckSummary]
}

private struct CheckSummary: Encodable {
    let name: String
    let passed: Bool
    let detail: String

    init(_ check: DrawCheck) {
        name = check.name
        passed = check.passed
        detail = check.detail
    }
}
