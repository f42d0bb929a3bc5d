import Foundation

/// When a failed delivery is tried again: exponential backoff from `initial`, doubling per failure, capped
/// at `maximum`, for at most `maxAttempts` attempts. No random jitter: messages fail at different times
/// anyway, and a predictable schedule is what the organizer sees in `allot outbox list`.
struct RetryPolicy: Sendable, Equatable {
    let maxAttempts: Int
    let initial: Double
    let maximum: Double

    init(_ settings: WebhookSettings) {
        maxAttempts = settings.maxAttempts
        initial = settings.initialBackoffSeconds
        maximum = settings.maxBackoffSeconds
    }

    /// The wait after the `attempts`-th failed attempt (1 for the first).
    func delay(afterAttempt attempts: Int) -> Double {
        // 2^(attempts-1), with the exponent bounded so the power cannot overflow before the cap applies.
        let exponent = Double(min(max(attempts - 1, 0), 62))
        return min(initial * pow(2, exponent), maximum)
    }

    /// The time of the next attempt after the `attempts`-th failure at `now`, rounded up to whole seconds
    /// (stored times have whole seconds; rounding down would shorten the wait). `notBefore` is a
    /// gateway's `Retry-After` in seconds, honored up to `maximum`.
    func nextAttempt(after attempts: Int, at now: Date, notBefore: Double? = nil) -> Date {
        let wait = max(delay(afterAttempt: attempts), min(notBefore ?? 0, maximum))
        return Date(timeIntervalSince1970: (now.timeIntervalSince1970 + wait).rounded(.up))
    }
}
