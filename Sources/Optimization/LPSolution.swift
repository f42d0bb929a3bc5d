/// How a linear programming solve ended.
public enum LPStatus: Sendable, Equatable {
    /// An optimal basic solution was found (within the feasibility and optimality tolerances).
    case optimal
    /// No point satisfies all rows and bounds.
    case infeasible
    /// The objective can be improved without limit (the model is feasible).
    case unbounded
    /// `SimplexOptions.iterationLimit` was reached first.
    case iterationLimit
    /// `SimplexOptions.timeLimit` was reached first.
    case timeLimit
}

/// The result of a simplex solve, in the model's own sense and scale.
///
/// Sign convention: `rowDuals[i]` is the shadow price of row `i`, the rate of change of
/// `objective` per unit increase of the row's active bound (zero for a row strictly between
/// its bounds). `reducedCosts[j] = c_j − Σ_i a_ij·rowDuals[i]` with the model's costs `c`.
/// For a minimization at optimum, a variable at its lower bound has `reducedCosts[j] ≥ 0`
/// and a `≥` row that is active has `rowDuals[i] ≥ 0`; for a maximization the signs flip.
/// When the status is not `.optimal`, values, duals and reduced costs describe the last basis.
public struct LPSolution: Sendable {
    public var status: LPStatus
    /// Objective in the model's sense, including `objectiveOffset`.
    public var objective: Double
    /// Primal value of each variable.
    public var values: [Double]
    /// Shadow price of each constraint: ∂objective/∂(the row's active bound).
    public var rowDuals: [Double]
    /// `c_j − Σ_i a_ij·rowDuals[i]` for each variable.
    public var reducedCosts: [Double]
    /// Simplex iterations (pivots and bound flips) spent in this solve.
    public var iterations: Int

    public init(status: LPStatus, objective: Double, values: [Double], rowDuals: [Double], reducedCosts: [Double], iterations: Int) {
        self.status = status
        self.objective = objective
        self.values = values
        self.rowDuals = rowDuals
        self.reducedCosts = reducedCosts
        self.iterations = iterations
    }
}

/// Limits and switches for `SimplexSolver`.
public struct SimplexOptions: Sendable {
    /// Maximum simplex iterations per `solve()` call.
    public var iterationLimit: Int
    /// Wall-clock limit per `solve()` call in seconds; `nil` means none.
    public var timeLimit: Double?
    /// Scale rows and columns (geometric mean, then powers of two) before solving.
    public var scaling: Bool

    public init(iterationLimit: Int = 1_000_000, timeLimit: Double? = nil, scaling: Bool = true) {
        self.iterationLimit = iterationLimit
        self.timeLimit = timeLimit
        self.scaling = scaling
    }
}

extension LinearModel {
    /// Solves the linear relaxation (integrality flags are ignored) with a fresh `SimplexSolver`.
    public func solveLP(options: SimplexOptions = .init()) -> LPSolution {
        SimplexSolver(model: self, options: options).solve()
    }
}
