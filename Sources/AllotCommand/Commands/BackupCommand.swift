import Allot

extension Command {
    static let backup = Command(
        ["backup"], abstract: "copy the database to a new file while it stays in use (SQLite online backup)",
        parameters: [.argument("FILE", help: "the new file (must not exist)")]
    ) { invocation in
        let config = try? invocation.config()
        let destination = try invocation.required("FILE")
        try invocation.openDatabase(config: config).backup(to: destination)
        if invocation.json {
            try invocation.printJSON(["backup": destination])
        } else {
            invocation.print("backed up to \(destination)")
        }
    }
}
