import Allot

extension Command {
    static let poolExport = Command(
        ["pool", "export"], abstract: "write the active pool to a CSV file",
        discussion: "Without --with-contacts: pid, birth_year and attributes only. With it, the importable form.",
        parameters: [
            .argument("FILE", help: "the CSV file to write (replaced if it exists)"),
            .flag("with-contacts", help: "include name, phone and email (organizer use; audited)"),
        ]
    ) { invocation in
        let path = try invocation.required("FILE")
        let count = try invocation.registry().exportCSV(
            path: path, includeContacts: invocation.flag("with-contacts"), actor: .cli)
        if invocation.json {
            try invocation.printJSON(ExportSummary(file: path, people: count))
        } else {
            invocation.print("exported \(count) people to \(path)")
        }
    }
}

/// The `--json` document of `allot pool export`: the file and how many people it holds (a number).
private struct ExportSummary: Encodable {
    let file: String
    let people: Int
}
