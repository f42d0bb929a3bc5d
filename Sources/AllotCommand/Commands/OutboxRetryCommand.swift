import Allot

extension Command {
    static let outboxRetry = Command(
        ["outbox", "retry"], abstract: "put a failed message back in the queue, due now",
        discussion: "Its attempts start again from zero; it keeps its idempotency key, so it is not sent twice.",
        parameters: [.argument("ID", help: "the message id, as 'allot outbox list' shows it")]
    ) { invocation in
        let text = try invocation.required("ID")
        guard let id = Int64(text) else {
            throw UsageError(message: "ID must be a number, got '\(text)'", helpTopic: invocation.command.displayName)
        }
        let message = try invocation.outbox().retry(id: id, actor: .cli)
        if invocation.json {
            try invocation.printJSON(message)
        } else {
            invocation.print("message \(message.id) is pending again, due \(message.nextAttemptAt ?? "now")")
        }
    }
}
