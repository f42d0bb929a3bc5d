/// Where a long selection stands; passed to the caller's progress callback.
public struct SelectionProgress: Sendable, Equatable {
    public enum Stage: String, Sendable {
        case feasibility, relaxation, decomposition, seeding, leximin, finalDistribution = "final distribution"
    }
    public let stage: Stage
    /// Share of types whose probability is fixed (LEXIMIN), 0...1.
    public let fixedShare: Double
    /// Panels generated so far.
    public let panels: Int
}

/// Called now and then during long work; the caller adds elapsed time (Sortition has no clock).
public typealias ProgressHandler = @Sendable (SelectionProgress) -> Void
