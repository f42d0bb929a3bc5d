import Allot

extension Command {
    /// `allot invitations expire`: what the server's sweep does, on demand.
    static let invitationsExpire = Command(
        ["invitations", "expire"], abstract: "expire the invitations past their deadline (all events)",
        discussion: """
            Unanswered invitations whose deadline has passed become 'expired'; with events.autoReplace on, \
            their seats are refilled from the reserves at once. 'allot serve' does this on its own every \
            events.expirySweepSeconds; this command is for when no server runs.
            """
    ) { invocation in
        let expired = try invocation.invitationUseCases().expire()
        if invocation.json {
            try invocation.printJSON(["expired": expired])
        } else {
            invocation.print("expired \(expired) invitation(s) past their deadline")
        }
    }
}
