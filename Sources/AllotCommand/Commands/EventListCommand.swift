import Allot

extension Command {
    /// `allot event list`: every event, latest first.
    static let eventList = Command(["event", "list"], abstract: "list the events, latest first") { invocation in
        let events = try invocation.events().list()
        if invocation.json {
            try invocation.printJSON(["events": events])
            return
        }
        guard !events.isEmpty else {
            invocation.print("no events")
            return
        }
        invocation.print(EventText.listHeader)
        events.map(EventText.listLine).forEach(invocation.print)
    }
}
