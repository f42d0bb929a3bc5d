import Allot

extension Command {
    static let poolImport = Command(
        ["pool", "import"], abstract: "import volunteers from a CSV file, all or nothing",
        discussion: """
            Header: name,phone,email,birth_year,<attributes>,consent (email optional). Values may be codes or
            zh/en labels; consent must be yes, true, 1, 是 or 同意. A pid column (pool export --with-contacts)
            keeps each person's pid, so earlier draw records still name them; a pid already in the registry
            is refused. If any row is bad nothing is imported, and every bad row is listed on stderr with its
            line number and reason.
            """,
        parameters: [
            .argument("FILE", help: "the CSV file (UTF-8)"),
            .flag("skip-duplicates", help: "skip phones already enrolled or repeated instead of rejecting the file"),
        ]
    ) { invocation in
        let registry = try invocation.registry()
        do {
            let report = try registry.importCSV(
                path: try invocation.required("FILE"), actor: .cli,
                skipDuplicates: invocation.flag("skip-duplicates"), progress: invocation.progress("rows"))
            invocation.endProgress()
            if invocation.json {
                try invocation.printJSON(report)
            } else {
                invocation.print(
                    "imported \(report.added) of \(report.rows) rows; duplicates skipped: \(report.duplicatesSkipped)")
            }
        } catch ImportError.rejected(let report) {
            invocation.endProgress()
            if invocation.json { try invocation.printJSON(report) }
            for problem in report.rejected {
                invocation.diagnostics("line \(problem.line): \(problem.reason)\n")
            }
            throw ImportError.rejected(report)
        }
    }
}
