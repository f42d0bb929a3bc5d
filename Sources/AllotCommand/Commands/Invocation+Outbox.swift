import Allot

extension Invocation {
    /// The outbox over the configured database, with the configuration's message settings.
    func outbox() throws -> Outbox {
        let config = try config()
        return Outbox(database: try openDatabase(config: config), config: config)
    }
}
