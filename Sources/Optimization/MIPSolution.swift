/// How a branch-and-bound solve ended.
public enum MIPStatus: Sendable, Equatable {
    /// The incumbent is optimal within the gap tolerances of `MIPOptions`.
    case optimal
    /// No point satisfies the rows, bounds and integrality.
    case infeasible
    /// Integer-feasible points exist with arbitrarily good objective.
    case unbounded
    /// `MIPOptions.nodeLimit` was reached before the gap closed.
    case nodeLimit
    /// `MIPOptions.timeLimit` was reached before the gap closed.
    case timeLimit
}

/// The result of a branch-and-bound solve, in the model's own sense (offset included).
public struct MIPSolution: Sendable {
    public var status: MIPStatus
    /// Objective of the best integer-feasible point found; the worst infinity (`+∞` when
    /// minimizing) when none was found, the best infinity when unbounded.
    public var objective: Double
    /// Proven bound on the optimum: no feasible point is better than it.
    public var bestBound: Double
    /// `|objective − bestBound| / |objective|`: within the options' tolerances when optimal,
    /// 0 when infeasible, ∞ when no point was found.
    public var gap: Double
    /// The best point found (for an unbounded model, some feasible point); `nil` when none.
    public var values: [Double]?
    /// Branch-and-bound nodes whose LP was solved, root included.
    public var nodes: Int
    /// Simplex iterations over all LP solves, heuristics included.
    public var lpIterations: Int
}
