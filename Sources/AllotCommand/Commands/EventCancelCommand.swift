import Allot

extension Command {
    /// `allot event cancel EVENT`: the event is cancelled; its draw, if any, stays on record.
    static let eventCancel = Command(
        ["event", "cancel"], abstract: "cancel an event (its draw, if any, stays on record)",
        parameters: [.argument("EVENT", help: "the event id")]
    ) { invocation in
        let event = try invocation.events().cancel(try invocation.eventID(), actor: .cli)
        if invocation.json {
            try invocation.printJSON(event)
        } else {
            invocation.print("event \(event.id) cancelled")
        }
    }
}
