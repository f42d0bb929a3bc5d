import Foundation
import Synchronization
import Testing

@testable import Allot

/// The per-address enrollment limit: a fixed one-minute window per address, stale windows swept.
@Suite struct EnrollmentRateLimiterTests {
    /// A clock the test moves by hand.
    final class Clock: Sendable {
        private let now = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        func read() -> Date { now.withLock { $0 } }
        func advance(_ seconds: Double) { now.withLock { $0 += seconds } }
    }

    @Test func limitsEachAddressPerMinute() {
        let clock = Clock()
        let limiter = EnrollmentRateLimiter(perMinute: 3, clock: { clock.read() })
        #expect((0..<3).allSatisfy { _ in limiter.admit("10.0.0.1") == nil })
        clock.advance(20)
        #expect(limiter.admit("10.0.0.1") == 40)
        #expect(limiter.admit("10.0.0.2") == nil)
        clock.advance(40)
        #expect(limiter.admit("10.0.0.1") == nil)
    }

    /// 30,000 addresses in one minute: every request still counted, and stale windows swept a few
    /// times, not on each of the 20,000 requests past the threshold (as before).
    @Test func aFloodOfAddressesSweepsRarelyAndStaysBounded() {
        let clock = Clock()
        let limiter = EnrollmentRateLimiter(perMinute: 1, clock: { clock.read() })
        for index in 0..<30_000 { #expect(limiter.admit("a\(index)") == nil) }
        #expect(limiter.admit("a7") != nil)
        #expect(limiter.sweeps <= 2)
        #expect(limiter.addresses == 30_000)
        // A minute later the old windows are stale: the flood that follows sweeps them away.
        clock.advance(61)
        for index in 0..<30_000 { #expect(limiter.admit("b\(index)") == nil) }
        #expect(limiter.admit("a7") == nil)
        #expect(limiter.addresses <= 2 * 30_000 + 1)
        #expect(limiter.sweeps <= 4)
    }
}
