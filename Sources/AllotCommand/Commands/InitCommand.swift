import Allot

extension Command {
    static let initialize = Command(
        ["init"], abstract: "create the database and print a new admin token (shown once)",
        discussion: "Fails if the database file already exists."
    ) { invocation in
        let config = try invocation.config()
        let path = invocation.databasePath(config: config)
        let database = try Database.create(path: path)
        let token = try TokenStore(database: database).create(role: .admin, label: "created by allot init", actor: .cli)
        struct Output: Encodable {
            let database: String
            let schemaVersion: Int
            let adminToken: String
        }
        let output = Output(database: path, schemaVersion: try database.schemaVersion, adminToken: token)
        if invocation.json {
            try invocation.printJSON(output)
        } else {
            invocation.print("created \(path) (schema version \(output.schemaVersion))")
            invocation.print("admin token (shown once, keep it safe): \(token)")
        }
    }
}
