import Allot

extension Command {
    /// `allot suggestions EVENT`: the suggestions of an event with status and reply, never their authors.
    static let suggestions = Command(
        ["suggestions"], abstract: "an event's suggestions with their status and public reply",
        discussion: """
            What GET /api/v1/events/{id}/suggestions shows the public: id, status, topic, text and reply; \
            never who wrote them. Answer one with 'allot suggestion reply ID --status S --reply TEXT'.
            """,
        parameters: [.argument("EVENT", help: "the event id")]
    ) { invocation in
        let id = try invocation.invitedEventID()
        let suggestions = try FeedbackLoop(invitations: try invocation.invitationUseCases()).suggestions(id)
        if invocation.json {
            try invocation.printJSON(["suggestions": suggestions])
            return
        }
        if suggestions.isEmpty { invocation.print("no suggestions for event \(id)") }
        for suggestion in suggestions {
            invocation.print("#\(suggestion.id)  \(suggestion.status.rawValue)  [\(suggestion.topic)] \(suggestion.text)")
            if let reply = suggestion.reply { invocation.print("    reply: \(reply)") }
        }
    }
}
