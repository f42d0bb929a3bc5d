import Allot
import Foundation

/// Wiring for the invitation, replacement, check-in and feedback commands.
extension Invocation {
    /// The invitation use cases over the configured database and outbox.
    func invitationUseCases() throws -> Invitations {
        let config = try config()
        let database = try openDatabase(config: config)
        return Invitations(
            events: Events(database: database, config: config), outbox: Outbox(database: database, config: config))
    }

    /// The `EVENT` argument as an event id (a positive number), else a usage error.
    func invitedEventID() throws(UsageError) -> Int {
        try positiveNumber("EVENT", what: "an event id")
    }

    /// The argument or option `name` as a positive number, else a usage error naming it.
    func positiveNumber(_ name: String, what: String) throws(UsageError) -> Int {
        let text = try required(name)
        guard let number = Int(text), number > 0 else {
            throw UsageError(
                message: "\(name) must be \(what) (a positive number), got '\(text)'", helpTopic: command.displayName)
        }
        return number
    }

    /// The value of `name` when it is one of `allowed`, else a usage error listing them.
    func choice(_ name: String, _ allowed: [String]) throws(UsageError) -> String {
        let text = try required(name)
        guard allowed.contains(text) else {
            let label = values.options[name] != nil ? "--\(name)" : name
            throw UsageError(
                message: "\(label) must be one of \(allowed.joined(separator: ", ")), got '\(text)'",
                helpTopic: command.displayName)
        }
        return text
    }
}
