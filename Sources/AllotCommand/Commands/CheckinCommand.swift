import Allot

extension Command {
    /// `allot checkin EVENT PID|CODE`: check-in of an accepted invitation at the door.
    static let checkin = Command(
        ["checkin"], abstract: "check in an accepted invitation by pid or check-in code",
        discussion: """
            Only an accepted invitation checks in; any other state fails naming it. A second check-in of \
            the same person is not an error: it says when they were checked in and exits 0.
            """,
        parameters: [
            .argument("EVENT", help: "the event id"),
            .argument("PID_OR_CODE", help: "the person's pid or the six-character code of their invitation"),
        ]
    ) { invocation in
        let id = try invocation.invitedEventID()
        let key = try invocation.required("PID_OR_CODE")
        let result = try invocation.invitationUseCases().checkIn(id, key, actor: .cli)
        if invocation.json {
            try invocation.printJSON(result)
        } else if result.result == "already_checked_in" {
            invocation.print("\(result.pid): already checked in at \(InvitationText.display(result.attendedAt))")
        } else {
            invocation.print("\(result.pid): checked in at \(InvitationText.display(result.attendedAt))")
        }
    }
}
