import Allot

extension Command {
    /// `allot invitation set EVENT PID accepted|declined|cancelled`: an answer received by phone.
    static let invitationSet = Command(
        ["invitation", "set"], abstract: "record an answer received by phone: accepted, declined or cancelled",
        discussion: """
            The same transition as the citizen's link: invited → accepted | declined | cancelled, \
            accepted → cancelled (before the event). An illegal transition fails naming the current state. \
            A declined or cancelled seat is refilled from the reserves at once when events.autoReplace is on \
            (else by 'allot replace').
            """,
        parameters: [
            .argument("EVENT", help: "the event id"),
            .argument("PID", help: "the invited person's pid"),
            .argument("STATE", help: "accepted, declined or cancelled"),
        ]
    ) { invocation in
        let id = try invocation.invitedEventID()
        let pid = try invocation.required("PID")
        let state = try invocation.choice("STATE", ["accepted", "declined", "cancelled"])
        let invitations = try invocation.invitationUseCases()
        let before = try invitations.replacementLog(id).entries.count
        let changed = try invitations.set(id, pid: pid, state: state, actor: .cli)
        let replaced = Array(try invitations.replacementLog(id).entries.dropFirst(before))
        if invocation.json {
            try invocation.printJSON(InvitationChange(invitation: changed, replacements: replaced))
            return
        }
        invocation.print("\(changed.pid): \(changed.state.rawValue)")
        replaced.map(InvitationText.line).forEach(invocation.print)
    }
}

/// A state change with the replacements it caused.
struct InvitationChange: Encodable {
    let invitation: Invitation
    let replacements: [ReplacementLog.Entry]
}
