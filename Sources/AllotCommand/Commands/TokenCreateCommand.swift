import Allot

extension Command {
    static let tokenCreate = Command(
        ["token", "create"], abstract: "create an API token and print it once",
        parameters: [
            .option("role", value: "ROLE", required: true, help: "admin, organizer or evaluator"),
            .option("label", value: "TEXT", help: "a note saying whose token it is"),
        ]
    ) { invocation in
        let roleText = try invocation.required("role")
        guard let role = Role(rawValue: roleText), role != .citizen else {
            throw UsageError(
                message: "option '--role' must be admin, organizer or evaluator, got '\(roleText)'",
                helpTopic: invocation.command.displayName)
        }
        let config = try invocation.config()
        let store = TokenStore(database: try invocation.openDatabase(config: config))
        let token = try store.create(role: role, label: invocation.option("label"), actor: .cli)
        if invocation.json {
            try invocation.printJSON(["role": role.rawValue, "token": token])
        } else {
            invocation.print(token)
        }
    }
}
