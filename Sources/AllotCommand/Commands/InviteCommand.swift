import Allot
import Foundation

extension Command {
    /// `allot invite EVENT [--deadline T]`: one invitation per panel member, messages to the outbox.
    static let invite = Command(
        ["invite"], abstract: "invite the panel of a drawn event (one message per member to the outbox)",
        discussion: """
            Creates one invitation per panel member, each with a personal link (stored hashed) and a \
            six-character check-in code, and queues an invitation message for each (deliver them with \
            'allot outbox export' or the webhook). Refused before the draw is finalized and when the panel \
            was invited already. The answer is due by --deadline, else by the event's response deadline.
            """,
        parameters: [
            .argument("EVENT", help: "the event id"),
            .option("deadline", value: "YYYY-MM-DDTHH:MM", help: "answers due by (Asia/Shanghai local time)"),
        ]
    ) { invocation in
        let id = try invocation.invitedEventID()
        let deadline = invocation.option("deadline")
        if let deadline, deadline.wholeMatch(of: /[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}/) == nil {
            throw UsageError(
                message: "--deadline must be YYYY-MM-DDTHH:MM (local time), got '\(deadline)'",
                helpTopic: invocation.command.displayName)
        }
        let list = try invocation.invitationUseCases().invite(id, deadline: deadline, actor: .cli)
        if invocation.json {
            try invocation.printJSON(list)
            return
        }
        let due = list.invitations.first?.deadline.map { " (answers due by \(InvitationText.display($0)))" } ?? ""
        invocation.print("invited \(list.invitations.count) panel members of event \(id)\(due)")
        invocation.print("\(list.invitations.count) invitation messages are in the outbox: 'allot outbox export FILE.csv'")
    }
}
