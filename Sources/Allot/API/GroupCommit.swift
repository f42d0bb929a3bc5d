import Dispatch
import Foundation
import Synchronization

/// Group commit: requests that arrive while one transaction is being made durable are written
/// together by the next one, so one sync to disk serves many, and no worker thread waits on the
/// database lock meanwhile. One thread does the writing. There is no artificial delay: a lone request
/// is committed at once; under load the batch is whatever arrived during the previous commit.
final class GroupCommit<Request: Sendable, Output: Sendable>: Sendable {
    typealias Completion = @Sendable (Result<Output, any Error>) -> Void
    /// Writes a batch in one transaction; one result per request, in their order.
    typealias Writer = @Sendable ([Request]) throws -> [Result<Output, any Error>]

    /// A request queued longer than `after` is not written; its completion gets `error` instead.
    struct Expiry: Sendable {
        var after: Duration
        var error: any Error & Sendable
    }

    private struct Item {
        var request: Request
        var completion: Completion
        var queued: ContinuousClock.Instant
    }

    private struct Queue {
        var items: [Item] = []
        var stopped = false
    }

    /// Most requests in one transaction; bounds the latency added to the last one in a batch.
    let maxBatch: Int
    private let expiry: Expiry?
    private let write: Writer
    private let queue = Mutex(Queue())
    private let wakeUp = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    /// Starts the writing thread, named `name`.
    init(name: String, maxBatch: Int, expiry: Expiry? = nil, write: @escaping Writer) {
        self.maxBatch = max(1, maxBatch)
        self.expiry = expiry
        self.write = write
        let thread = Thread { [self] in run() }
        thread.name = name
        thread.start()
    }

    /// Queues a request; `completion` runs on the writing thread once it is durable (or refused).
    func submit(_ request: Request, completion: @escaping Completion) {
        let accepted = queue.withLock { queue in
            guard !queue.stopped else { return false }
            queue.items.append(Item(request: request, completion: completion, queued: ContinuousClock.now))
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
                let batch = Array(queue.items.prefix(maxBatch))
                queue.items.removeFirst(batch.count)
                return (batch, queue.stopped && queue.items.isEmpty)
            }
            if !batch.isEmpty { commit(batch) }
            if stopped { break }
        }
        finished.signal()
    }

    private func commit(_ taken: [Item]) {
        var batch = taken
        if let expiry {
            let now = ContinuousClock.now
            batch = []
            for item in taken {
                if now - item.queued > expiry.after { item.completion(.failure(expiry.error)) } else { batch.append(item) }
            }
            guard !batch.isEmpty else { return }
        }
        do {
            let results = try write(batch.map(\.request))
            for (item, result) in zip(batch, results) { item.completion(result) }
        } catch {
            for item in batch { item.completion(.failure(error)) }
        }
    }
}
