import Dispatch
import Foundation
import Synchronization

/// Group commit for enrollments: requests that arrive while one transaction is being made durable
/// are collected and written together by the next one, so one fsync serves many enrollments.
///
/// One thread does the writing. There is no artificial delay: a lone request is committed at
/// once; under load the batch is whatever arrived during the previous commit.
final class EnrollmentBatcher: Sendable {
    typealias Completion = @Sendable (Result<EnrollmentReceipt, any Error>) -> Void

    private struct Item {
        var enrollment: Enrollment
        var completion: Completion
    }

    private struct Queue {
        var items: [Item] = []
        var stopped = false
    }

    /// Most enrollments in one transaction; bounds the latency added to the last one in a batch.
    static let maxBatch = 512

    private let registry: Registry
    private let queue = Mutex(Queue())
    private let wakeUp = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    init(registry: Registry) {
        self.registry = registry
        let thread = Thread { [self] in run() }
        thread.name = "enrollment-commit"
        thread.start()
    }

    /// Queues an enrollment; `completion` runs on the commit thread once it is durable (or failed).
    func submit(_ enrollment: Enrollment, completion: @escaping Completion) {
        let accepted = queue.withLock { queue in
            guard !queue.stopped else { return false }
            queue.items.append(Item(enrollment: enrollment, completion: completion))
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

    private func commit(_ batch: [Item]) {
        do {
            let results = try registry.enroll(batch: batch.map(\.enrollment), actor: .anonymous)
            for (item, result) in zip(batch, results) {
                item.completion(result.mapError { $0 })
            }
        } catch {
            for item in batch { item.completion(.failure(error)) }
        }
    }
}
