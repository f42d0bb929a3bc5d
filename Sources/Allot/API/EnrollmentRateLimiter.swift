import Foundation
import Synchronization

/// Limits enrollments per client address: at most `perMinute` in any fixed one-minute window.
///
/// A fixed window is enough here: it bounds abuse from one address to `2 × perMinute` per minute
/// at worst, costs one dictionary entry per active address, and old windows are swept.
final class EnrollmentRateLimiter: Sendable {
    /// Requests per address per minute; 0 turns the limit off.
    let perMinute: Int
    private let windows = Mutex<[String: Window]>([:])
    private let clock: @Sendable () -> Date

    /// Entries kept before stale windows are swept, so a flood of addresses cannot grow memory forever.
    static let sweepThreshold = 10_000
    static let windowSeconds = 60.0

    private struct Window {
        var start: Date
        var count: Int
    }

    init(perMinute: Int, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.perMinute = perMinute
        self.clock = clock
    }

    /// Counts one request from `address`; returns nil when allowed, or the seconds to wait.
    func admit(_ address: String) -> Int? {
        guard perMinute > 0 else { return nil }
        let now = clock()
        return windows.withLock { windows in
            if windows.count > Self.sweepThreshold {
                windows = windows.filter { now.timeIntervalSince($0.value.start) < Self.windowSeconds }
            }
            var window = windows[address] ?? Window(start: now, count: 0)
            if now.timeIntervalSince(window.start) >= Self.windowSeconds {
                window = Window(start: now, count: 0)
            }
            guard window.count < perMinute else {
                return max(1, Int((Self.windowSeconds - now.timeIntervalSince(window.start)).rounded(.up)))
            }
            window.count += 1
            windows[address] = window
            return nil
        }
    }
}
