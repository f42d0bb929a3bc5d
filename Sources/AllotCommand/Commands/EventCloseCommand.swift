import Allot

extension Command {
    /// `allot event close EVENT`: accepted but absent → no_show; attendees get a feedback link.
    static let eventClose = Command(
        ["event", "close"], abstract: "close a drawn event: no-shows recorded, feedback requests to attendees",
        discussion: """
            Accepted invitations not checked in become 'no_show', unanswered ones 'expired'; every attendee \
            gets a feedback request with a personal link (a message in the outbox); the event becomes \
            'closed'. Refused unless the event is drawn.
            """,
        parameters: [.argument("EVENT", help: "the event id")]
    ) { invocation in
        let id = try invocation.invitedEventID()
        let invitations = try invocation.invitationUseCases()
        let event = try invitations.close(id, actor: .cli)
        let list = try invitations.list(id)
        if invocation.json {
            try invocation.printJSON(ClosedEvent(event: event, counts: list.counts))
            return
        }
        let counts = list.counts
        invocation.print("event \(id) is \(event.status.rawValue)")
        invocation.print(
            "attended \(counts["attended", default: 0]), no-show \(counts["no_show", default: 0]); "
                + "\(counts["attended", default: 0]) feedback request(s) in the outbox")
    }
}

private struct ClosedEvent: Encodable {
    let event: Event
    let counts: [String: Int]
}
