import Foundation
import Synchronization

/// Limits enrollments per client address: at most `perMinute` in any fixed one-minute window.
///
/// A fixed window is enough here: it bounds abuse from one address to `2 × perMinute` per minute
/// at worst, costs one dictionary entry per active address, and old windows are swept.
final class EnrollmentRateLimiter: Sendable {
    /// Requests per address per minute; 0 turns the limit off.
    let perMinute: Int
    private let state = Mutex(State())
    private let clock: @Sendable () -> Date

    /// Entries kept before stale windows are first swept, so a flood of addresses cannot grow memory forever.
    static let sweepThreshold = 10_000
    static let windowSeconds = 60.0

    private struct Window {
        var start: Date
        var count: Int
    }

    private struct State {
        var windows: [String: Window] = [:]
        /// Entries past which the next sweep runs: twice those a sweep kept (at least the threshold),
        /// so with more than 10,000 addresses active in a minute a sweep still runs once per as many
        /// new addresses as it scanned, not on every request.
        var sweepAt = EnrollmentRateLimiter.sweepThreshold
        var sweeps = 0
    }

    init(perMinute: Int, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.perMinute = perMinute
        self.clock = clock
    }

    /// Sweeps of stale windows so far (for tests: they stay rare under a flood of addresses).
    var sweeps: Int { state.withLock { $0.sweeps } }

    /// Addresses with a window kept (for tests: memory stays bounded).
    var addresses: Int { state.withLock { $0.windows.count } }

    /// Counts one request from `address`; returns nil when allowed, or the seconds to wait.
    func admit(_ address: String) -> Int? {
        guard perMinute > 0 else { return nil }
        let now = clock()
        return state.withLock { state in
            if state.windows.count > state.sweepAt {
                state.windows = state.windows.filter { now.timeIntervalSince($0.value.start) < Self.windowSeconds }
                state.sweepAt = max(Self.sweepThreshold, 2 * state.windows.count)
                state.sweeps += 1
            }
            var window = state.windows[address] ?? Window(start: now, count: 0)
            if now.timeIntervalSince(window.start) >= Self.windowSeconds {
                window = Window(start: now, count: 0)
            }
            guard window.count < perMinute else {
                return max(1, Int((Self.windowSeconds - now.timeIntervalSince(window.start)).rounded(.up)))
            }
            window.count += 1
            state.windows[address] = window
            return nil
        }
    }
}
