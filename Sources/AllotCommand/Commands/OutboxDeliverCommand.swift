import Allot

extension Command {
    static let outboxDeliver = Command(
        ["outbox", "deliver"], abstract: "send the messages due now through the webhook, once",
        discussion: """
            For testing and for running without 'allot serve' (whose background worker does the same all the \
            time). Needs messages.channel 'webhook'. Each message is posted with its idempotency key; a failed \
            attempt is retried later with exponential backoff (messages.webhook), a message out of attempts or \
            refused by the gateway becomes failed. Exits 0 even when messages failed: see 'allot outbox list'.
            """
    ) { invocation in
        let delivery = try OutboxDelivery(outbox: try invocation.outbox())
        let report = try delivery.deliverDue()
        if invocation.json {
            try invocation.printJSON(report)
        } else {
            invocation.print(
                "sent \(report.sent)  retrying \(report.retrying)  failed \(report.failed)  "
                    + "cancelled \(report.cancelled)")
        }
    }
}
