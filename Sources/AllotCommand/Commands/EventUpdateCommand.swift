import Allot

extension Command {
    /// `allot event update EVENT`: changes a draft event; refused once its draw is prepared.
    static let eventUpdate = Command(
        ["event", "update"], abstract: "change a draft event (refused once its draw is prepared)",
        discussion: """
            Only the options given change. A new --seats re-derives the seats that came from census shares;
            explicit ones (--quota) are kept. --filter replaces the whole attribute filter.
            """,
        parameters: [.argument("EVENT", help: "the event id")] + EventOptions.parameters(creating: false)
    ) { invocation in
        let id = try invocation.eventID()
        let events = try invocation.events()
        let changes = try EventOptions.changes(invocation, current: try events.show(id))
        guard changes != EventChanges() else {
            throw UsageError(message: "nothing to change: give at least one option", helpTopic: invocation.command.displayName)
        }
        let event = try events.update(id, changes, actor: .cli)
        if invocation.json {
            try invocation.printJSON(event)
        } else {
            EventText.lines(event).forEach(invocation.print)
        }
    }
}
