import Foundation
import Testing

@testable import Allot

/// The server's periodic `malloc_trim`: it runs on its timer, and stops when told (then no more trims).
@Suite("Memory trimmer")
struct MemoryTrimmerTests {
    @Test func trimsOnItsTimerUntilStopped() throws {
        let trimmer = MemoryTrimmer(interval: 0.02)
        #expect(trimmer.passes == 0)
        trimmer.start()
        trimmer.start()  // a second start adds no second timer
        let deadline = Date().addingTimeInterval(5)
        while trimmer.passes < 3, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        #expect(trimmer.passes >= 3)
        trimmer.stop()
        let stopped = trimmer.passes
        Thread.sleep(forTimeInterval: 0.1)
        #expect(trimmer.passes == stopped)
        trimmer.stop()  // stopping twice is harmless
    }

    @Test func aStoppedTrimmerDoesNotStartAndADefaultOneWaitsItsInterval() {
        let stopped = MemoryTrimmer(interval: 0.01)
        stopped.stop()
        stopped.start()
        Thread.sleep(forTimeInterval: 0.05)
        #expect(stopped.passes == 0)
        // The server's trimmer waits its whole interval before the first trim.
        let server = MemoryTrimmer()
        server.start()
        Thread.sleep(forTimeInterval: 0.05)
        #expect(server.passes == 0 && MemoryTrimmer.defaultInterval >= 1)
        server.stop()
    }
}
