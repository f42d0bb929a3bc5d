import Allot

extension Command {
    static let tokenList = Command(
        ["token", "list"], abstract: "list staff tokens (id, role, label, created) — never their text"
    ) { invocation in
        let config = try invocation.config()
        let tokens = try TokenStore(database: try invocation.openDatabase(config: config)).list()
        if invocation.json {
            try invocation.printJSON(tokens)
            return
        }
        for token in tokens {
            invocation.print("\(token.id)\t\(token.role)\t\(token.createdAt)\t\(token.label ?? "")")
        }
    }
}
