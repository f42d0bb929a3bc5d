import Foundation
import Synchronization

/// Delivers due messages through the webhook channel, once (`deliverDue`, for `allot outbox deliver`) or
/// on a background thread the server runs (`start`/`stop`), woken by new messages and by a timer.
///
/// Each attempt is claimed in one transaction and its outcome recorded in another, so a crash between
/// the two costs at most a repeat of that one message with the same idempotency key.
public final class OutboxDelivery: Sendable {
    /// Longest sleep of the worker: messages enqueued by another process (the CLI) are picked up this soon.
    public static let pollSeconds = 30.0
    /// Shortest sleep of the worker, so a database error cannot make it spin.
    static let minimumSleepSeconds = 0.05
    /// Extra time a claim holds a message beyond the request's own timeouts.
    static let leaseMarginSeconds = 30.0

    public let outbox: Outbox
    let channel: WebhookChannel
    let policy: RetryPolicy
    let leaseSeconds: Double
    private let state = Mutex(WorkerState())
    private let delivering = Mutex(())
    private let finished = DispatchSemaphore(value: 0)

    private struct WorkerState {
        var running = false
        var stopping = false
    }

    /// What a delivery pass did.
    public struct Report: Codable, Sendable, Equatable {
        /// Accepted by the gateway.
        public var sent = 0
        /// Failed this time, due again later.
        public var retrying = 0
        /// Failed for good (refused, or out of attempts).
        public var failed = 0
        /// Cancelled because the recipient withdrew.
        public var cancelled = 0

        public init() {}
    }

    /// A deliverer for the outbox's webhook settings; throws `notWebhookChannel` unless the channel is
    /// `webhook` with a usable URL.
    public init(outbox: Outbox) throws(MessageError) {
        guard outbox.settings.channel == .webhook, let settings = outbox.settings.webhook,
            let channel = WebhookChannel(settings)
        else { throw .notWebhookChannel }
        self.outbox = outbox
        self.channel = channel
        policy = RetryPolicy(settings)
        leaseSeconds = settings.connectTimeoutSeconds + settings.readTimeoutSeconds + Self.leaseMarginSeconds
    }

    /// Sends every message that is due now, one at a time, until none is due (or `stop()` was called).
    public func deliverDue() throws -> Report {
        try delivering.withLock { _ in
            var report = Report()
            let database = outbox.database
            while !isStopping {
                let now = outbox.clock()
                let (claimed, cancelled) = try database.write { connection in
                    var cancelled = 0
                    let claimed = try OutboxStore.claimNext(
                        now: now, leaseUntil: now.addingTimeInterval(leaseSeconds), cancelled: &cancelled,
                        in: connection)
                    return (claimed, cancelled)
                }
                report.cancelled += cancelled
                guard let claimed else { break }
                let outcome = channel.send(claimed.message, phone: claimed.phone)
                let time = outbox.clock()
                let attempts = claimed.message.attempts
                try database.write { connection in
                    switch outcome {
                    case .accepted:
                        try OutboxStore.markSent(id: claimed.message.id, channel: "webhook", at: time, in: connection)
                    case .transient(let error, let retryAfter):
                        let retryAt =
                            attempts < policy.maxAttempts
                            ? policy.nextAttempt(after: attempts, at: time, notBefore: retryAfter) : nil
                        try OutboxStore.markFailedAttempt(
                            id: claimed.message.id, error: error, retryAt: retryAt, in: connection)
                    case .permanent(let error):
                        try OutboxStore.markFailedAttempt(
                            id: claimed.message.id, error: error, retryAt: nil, in: connection)
                    }
                }
                switch outcome {
                case .accepted: report.sent += 1
                case .transient: if attempts < policy.maxAttempts { report.retrying += 1 } else { report.failed += 1 }
                case .permanent: report.failed += 1
                }
            }
            return report
        }
    }

    /// Starts the background thread (once); it delivers due messages, then sleeps until a new message,
    /// the next due time or `pollSeconds`, whichever comes first.
    public func start() {
        let started = state.withLock { state -> Bool in
            guard !state.running else { return false }
            state.running = true
            state.stopping = false
            return true
        }
        guard started else { return }
        let thread = Thread { [self] in
            while !isStopping {
                var sleep = Self.pollSeconds
                do {
                    _ = try deliverDue()
                    if let due = try outbox.database.read({ try OutboxStore.nextDue(in: $0) }) {
                        sleep = Self.sleepSeconds(until: due, now: outbox.clock())
                    }
                } catch {
                    FileHandle.standardError.write(Data("outbox delivery: \(error)\n".utf8))
                }
                if isStopping { break }
                outbox.signal.wait(seconds: sleep)
            }
            finished.signal()
        }
        thread.name = "outbox-delivery"
        thread.start()
    }

    /// Stops the background thread and waits for it: at most the attempt in flight, which its timeouts bound.
    public func stop() {
        let wasRunning = state.withLock { state -> Bool in
            guard state.running else { return false }
            state.stopping = true
            return true
        }
        guard wasRunning else { return }
        outbox.signal.notify()
        finished.wait()
        state.withLock { $0.running = false }
    }

    private var isStopping: Bool { state.withLock { $0.stopping } }

    /// How long the worker sleeps when the next message is due at `due`.
    static func sleepSeconds(until due: Date, now: Date) -> Double {
        min(max(due.timeIntervalSince(now), minimumSleepSeconds), pollSeconds)
    }
}
