import Dispatch

/// Wakes a delivery worker when a message is enqueued. One worker waits on one signal.
public final class OutboxSignal: Sendable {
    // DispatchSemaphore is thread-safe; signals that arrive while nobody waits are counted, so a
    // message enqueued just before the worker goes to sleep still wakes it.
    private let semaphore = DispatchSemaphore(value: 0)

    public init() {}

    /// Tells the worker there is new work.
    public func notify() { semaphore.signal() }

    /// Waits until notified or `seconds` have passed; true when notified. Folds notifications that
    /// piled up into this one wake-up.
    @discardableResult
    func wait(seconds: Double) -> Bool {
        let notified = semaphore.wait(timeout: .now() + .nanoseconds(Int(max(0, seconds) * 1e9))) == .success
        while semaphore.wait(timeout: .now()) == .success {}
        return notified
    }
}
