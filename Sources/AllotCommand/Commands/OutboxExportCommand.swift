import Allot

extension Command {
    static let outboxExport = Command(
        ["outbox", "export"], abstract: "write pending messages to a CSV file for a bulk SMS platform, marked sent",
        discussion: """
            Columns: phone, text, key, kind, pid, language, created_at (key is the message's idempotency key). \
            Every pending message is written and marked sent in one transaction: if the file cannot be written \
            completely, nothing is marked and the partial file is removed. An existing file is never replaced; \
            /dev/stdout works. Messages of people who withdrew are cancelled instead. A second export writes \
            only messages enqueued since.
            """,
        parameters: [.argument("FILE", help: "the CSV file to create")]
    ) { invocation in
        let path = try invocation.required("FILE")
        let report = try invocation.outbox().exportCSV(path: path, actor: .cli)
        if invocation.json {
            try invocation.printJSON(report)
        } else {
            let note = report.cancelled > 0 ? "; \(report.cancelled) cancelled (recipient withdrawn)" : ""
            invocation.diagnostics("exported \(report.exported) messages to \(path), marked sent\(note)\n")
        }
    }
}
