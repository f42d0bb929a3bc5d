import Allot

extension Command {
    /// `allot suggestion reply ID --status S --reply TEXT`: the public follow-up of a suggestion (闭环).
    static let suggestionReply = Command(
        ["suggestion", "reply"], abstract: "answer a citizen's suggestion: a follow-up status and a public reply",
        discussion: """
            The status is one of received, under_review, adopted, partially_adopted, not_adopted; the reply \
            is public (GET /api/v1/events/{id}/suggestions) and its author is told by a message in the outbox.
            """,
        parameters: [
            .argument("ID", help: "the suggestion id (see 'allot suggestions EVENT')"),
            .option("status", value: "S", required: true, help: "the follow-up status"),
            .option("reply", value: "TEXT", required: true, help: "the public reply"),
        ]
    ) { invocation in
        let id = try invocation.positiveNumber("ID", what: "a suggestion id")
        let status = try invocation.choice("status", SuggestionStatus.allCases.map(\.rawValue))
        let reply = try invocation.required("reply")
        let suggestion = try FeedbackLoop(invitations: try invocation.invitationUseCases())
            .reply(id, status: status, reply: reply, actor: .cli)
        if invocation.json {
            try invocation.printJSON(suggestion)
        } else {
            invocation.print("suggestion #\(suggestion.id): \(suggestion.status.rawValue); the author is told by a message")
        }
    }
}
