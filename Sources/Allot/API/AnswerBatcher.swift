import Dispatch
import Foundation
import HTTPServer
import Synchronization

/// Group commit for citizens' answers through their links: answers that arrive while one transaction
/// is being made durable are written together by the next one, so one sync to disk serves many, and
/// no worker thread waits on the database lock meanwhile (1,000 answers at once queued on four workers
/// behind the one writer, each committing alone, ran into the handler timeout).
///
/// One thread does the writing. There is no artificial delay: a lone answer is committed at once;
/// under load the batch is whatever arrived during the previous commit.
final class AnswerBatcher: Sendable {
    typealias Completion = @Sendable (Result<CitizenInvitation, any Error>) -> Void

    private struct Item {
        var token: String
        var response: String
        var completion: Completion
        var queued: ContinuousClock.Instant
    }

    private struct Queue {
        var items: [Item] = []
        var stopped = false
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

    private let invitations: Invitations
    private let queue = Mutex(Queue())
    private let wakeUp = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    init(invitations: Invitations) {
        self.invitations = invitations
        let thread = Thread { [self] in run() }
        thread.name = "answer-commit"
        thread.start()
    }

    /// Queues an answer; `completion` runs on the commit thread once it is durable (or refused).
    func submit(token: String, response: String, completion: @escaping Completion) {
        let accepted = queue.withLock { queue in
            guard !queue.stopped else { return false }
            queue.items.append(
                Item(token: token, response: response, completion: completion, queued: ContinuousClock.now))
            return true
        }
        if accepted {
            wakeUp.signal()
        } else {
            completion(.failure(APIError.shuttingDown))
        }
    }

    /// Commits what is queued, then stops the thread.
    func stop() {
        queue.withLock { $0.stopped = true }
        wakeUp.signal()
        finished.wait()
    }

    private func run() {
        while true {
            wakeUp.wait()
            let (batch, stopped) = queue.withLock { queue in
                let batch = Array(queue.items.prefix(Self.maxBatch))
                queue.items.removeFirst(batch.count)
                return (batch, queue.stopped && queue.items.isEmpty)
            }
            if !batch.isEmpty { commit(batch) }
            if stopped { break }
        }
        finished.signal()
    }

    private func commit(_ taken: [Item]) {
        let now = ContinuousClock.now
        var batch: [Item] = []
        for item in taken {
            if now - item.queued > Self.expiry { item.completion(.failure(Self.notRecorded)) } else { batch.append(item) }
        }
        guard !batch.isEmpty else { return }
        do {
            let results = try invitations.respond(batch: batch.map { ($0.token, $0.response) })
            for (item, result) in zip(batch, results) { item.completion(result) }
        } catch {
            for item in batch { item.completion(.failure(error)) }
        }
    }
}
