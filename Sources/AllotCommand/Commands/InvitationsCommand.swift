import Allot

extension Command {
    /// `allot invitations EVENT`: the invitations with their states, counts and seats.
    static let invitations = Command(
        ["invitations"], abstract: "an event's invitations: states, codes, counts (also: invitations expire)",
        discussion: """
            Lists every invitation of the event (pid, state, how it came — panel, replacement or top-up —, \
            check-in code, deadline), then the count per state and the seats held and open. \
            'allot invitations expire' expires the invitations past their deadline.
            """,
        parameters: [.argument("EVENT", help: "the event id")]
    ) { invocation in
        let list = try invocation.invitationUseCases().list(try invocation.invitedEventID())
        if invocation.json {
            try invocation.printJSON(list)
        } else {
            InvitationText.lines(list).forEach(invocation.print)
        }
    }
}
