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
            With --replacements, also replays allot-replace-v1 on the record and checks that every \
            replacement in the log was the first admissible reserve, that every skipped reserve has a reason \
            and that every open seat had none.
            Exits 0 only if every check passes; otherwise names each failed check.
            """,
        parameters: [
            .argument("RECORD", help: "the draw record (JSON)"),
            .option("replacements", value: "LOG", help: "a replacement log (JSON) of this draw to re-check"),
        ]
    ) { invocation in
        let record = try DrawRecord.read(fromFile: try invocation.required("RECORD"))
        let drawChecks = DrawVerifier.verify(record)
        var checks = drawChecks
        if let path = invocation.option("replacements") {
            checks += ReplacementVerifier.verify(record, try ReplacementLog.read(fromFile: path))
        }
        let failed = checks.filter { !$0.passed }
        let subject = drawChecks.allSatisfy(\.passed) ? "replacement log" : "draw record"
        if invocation.json {
            try invocation.printJSON(VerificationSummary(valid: failed.isEmpty, checks: checks.map(CheckSummary.init)))
        } else {
            for check in checks {
                invocation.print(check.passed ? "ok      \(check.name)" : "FAILED  \(check.name): \(check.detail)")
            }
        }
        guard failed.isEmpty else {
            throw CommandFailure("\(subject) fails " + failed.map { "\($0.name) (\($0.detail))" }.joined(separator: "; "))
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
