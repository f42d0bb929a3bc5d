import Allot
import Foundation

/// Wiring for the event and draw commands.
extension Invocation {
    /// The event use cases over the configured database.
    func events() throws -> Events {
        let config = try config()
        return Events(database: try openDatabase(config: config), config: config)
    }

    /// The `EVENT` argument as an event id.
    func eventID() throws(UsageError) -> Int {
        let text = try required("EVENT")
        guard let id = Int(text), id > 0 else {
            throw UsageError(message: "EVENT must be an event id (a positive number), got '\(text)'", helpTopic: command.displayName)
        }
        return id
    }
}
