import Allot

extension Command {
    /// `allot event show EVENT`: one event with its quotas, and its draw's commitment once prepared.
    static let eventShow = Command(
        ["event", "show"], abstract: "show one event with its quotas (and its draw once prepared)",
        parameters: [.argument("EVENT", help: "the event id")]
    ) { invocation in
        let id = try invocation.eventID()
        let events = try invocation.events()
        let event = try events.show(id)
        let draw: StoredDraw? = event.status == .draft ? nil : try? events.draw(id)
        if invocation.json {
            try invocation.printJSON(EventWithDraw(event: event, draw: draw))
            return
        }
        EventText.lines(event).forEach(invocation.print)
        if let draw {
            invocation.print("draw:")
            EventText.lines(draw).forEach { invocation.print("  " + $0) }
        }
    }
}

/// `event show --json`: the event and, once prepared, its draw.
private struct EventWithDraw: Encodable {
    let event: Event
    let draw: StoredDraw?
}
