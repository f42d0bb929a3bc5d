/// Limits and tolerances of a branch-and-bound solve.
public struct MIPOptions: Sendable {
    /// Most branch-and-bound nodes (LP solves of the tree, root included) before stopping.
    public var nodeLimit: Int
    /// Wall-clock limit in seconds for one `solve()`; `nil` means none.
    public var timeLimit: Double?
    /// Stop when `|incumbent − bound| ≤ relativeGap·|incumbent|`.
    public var relativeGap: Double
    /// Stop when `|incumbent − bound| ≤ absoluteGap`.
    public var absoluteGap: Double
    /// A value within this distance of an integer counts as integral.
    public var integralityTolerance: Double
    /// Options of the LP solves (iteration limit, scaling); the time limit is capped by `timeLimit`.
    public var simplex: SimplexOptions

    public init(nodeLimit: Int = 1_000_000, timeLimit: Double? = nil, relativeGap: Double = 1e-6,
                absoluteGap: Double = 1e-9, integralityTolerance: Double = 1e-6, simplex: SimplexOptions = .init()) {
        self.nodeLimit = nodeLimit
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.absoluteGap = absoluteGap
        self.integralityTolerance = integralityTolerance
        self.simplex = simplex
    }
}
