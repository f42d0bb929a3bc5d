import HTTPServer

/// Group commit for citizens' answers through their links: answers that arrive while one transaction
/// is being made durable are written together by the next one, so one sync to disk serves many, and
/// no worker thread waits on the database lock meanwhile (1,000 answers at once queued on four workers
/// behind the one writer, each committing alone, ran into the handler timeout).
enum AnswerBatcher {
    /// One citizen's answer through their link.
    struct Answer: Sendable {
        var token: String
        var response: String
    }

    /// Most answers in one transaction: a decline refills its seat inside the transaction (a few
    /// milliseconds, more while seats are open), so this bounds what the last answer of a batch waits.
    static let maxBatch = 64

    /// How long the answer route may take before the client gets a 503: longer than the server's
    /// default, since a burst of answers waits in this queue on purpose.
    static let replyWithin: Duration = .seconds(55)
    /// An answer queued longer than this is not written: its client gets a 503 saying so, which is
    /// true, instead of a 503 from the handler timeout while the answer is recorded behind its back.
    /// The margin to `replyWithin` covers the batch that writes it.
    static let expiry: Duration = .seconds(40)
    /// The reply to an answer dropped from the queue after `expiry`.
    static let notRecorded = HTTPError(
        status: 503, code: "overloaded", message: "too many answers at once; yours was not recorded, try again")

    static func start(invitations: Invitations) -> GroupCommit<Answer, CitizenInvitation> {
        GroupCommit(
            name: "answer-commit", maxBatch: maxBatch, expiry: .init(after: expiry, error: notRecorded)
        ) { batch in
            try invitations.respond(batch: batch.map { ($0.token, $0.response) })
        }
    }
}
