import Allot

extension Command {
    static let outboxList = Command(
        ["outbox", "list"], abstract: "list messages with their state, attempts and last error, and the counts",
        discussion: """
            Newest first. States: pending (waiting; after a failed attempt it shows the attempts, the last error \
            and when it is next due), sent, failed (given up; 'allot outbox retry ID' requeues it), cancelled \
            (the recipient withdrew).
            """,
        parameters: [
            .option("state", value: "STATE", help: "only messages in this state: pending, sent, failed, cancelled"),
            .option("kind", value: "KIND", help: "only messages of this kind, e.g. invitation"),
            .option("limit", value: "N", help: "at most N messages (default 100)"),
            .flag("with-text", help: "print each message's text too"),
        ]
    ) { invocation in
        var state: OutboxState?
        if let text = invocation.option("state") {
            guard let parsed = OutboxState(rawValue: text) else {
                throw UsageError(
                    message: "unknown state '\(text)'; use one of: "
                        + OutboxState.allCases.map(\.rawValue).joined(separator: ", "),
                    helpTopic: invocation.command.displayName)
            }
            state = parsed
        }
        let limit = try invocation.integer("limit", in: 1...1_000_000) ?? 100
        let outbox = try invocation.outbox()
        let messages = try outbox.list(state: state, kind: invocation.option("kind"), limit: limit)
        let counts = try outbox.counts()
        if invocation.json {
            struct Listing: Encodable {
                let counts: OutboxCounts
                let messages: [OutboxMessage]
            }
            try invocation.printJSON(Listing(counts: counts, messages: messages))
            return
        }
        for message in messages {
            let when: String
            switch message.state {
            case .pending: when = message.nextAttemptAt.map { "due \($0)" } ?? ""
            case .sent: when = message.sentAt.map { "sent \($0) (\(message.channel ?? ""))" } ?? ""
            case .failed, .cancelled: when = ""
            }
            let fields = [
                String(message.id), message.state.rawValue, message.kind, message.pid,
                "attempts \(message.attempts)", when, message.lastError ?? "",
            ]
            invocation.print(fields.joined(separator: "\t"))
            if invocation.flag("with-text") { invocation.print("\t\(message.text)") }
        }
        invocation.print(
            "pending \(counts.pending) (retrying \(counts.retrying))  sent \(counts.sent)  failed \(counts.failed)  "
                + "cancelled \(counts.cancelled)")
    }
}
