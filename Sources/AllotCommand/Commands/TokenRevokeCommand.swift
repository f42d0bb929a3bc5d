import Allot

extension Command {
    static let tokenRevoke = Command(
        ["token", "revoke"], abstract: "revoke a staff token by its id",
        parameters: [.argument("ID", help: "the token's id, from 'allot token list'")]
    ) { invocation in
        let text = try invocation.required("ID")
        guard let id = Int64(text) else {
            throw UsageError(message: "ID must be a number, got '\(text)'", helpTopic: invocation.command.displayName)
        }
        let config = try invocation.config()
        guard try TokenStore(database: try invocation.openDatabase(config: config)).revoke(id: id, actor: .cli) else {
            throw CommandFailure("no staff token with id \(id)")
        }
        if invocation.json {
            try invocation.printJSON(["revoked": id])
        } else {
            invocation.print("revoked token \(id)")
        }
    }
}
