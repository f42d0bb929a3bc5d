/// Wall-clock seconds per named stage of a computation, in order: how benchmarks see where the
/// time of a lottery goes without the library doing any I/O.
struct StageTimer {
    private let clock = ContinuousClock()
    private var last: ContinuousClock.Instant
    private(set) var stages: [(stage: String, seconds: Double)] = []

    init() { last = clock.now }

    /// Ends the stage running since the previous mark (or creation) under `name`.
    mutating func mark(_ name: String) {
        let now = clock.now
        let elapsed = now - last
        stages.append((name, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18))
        last = now
    }
}
