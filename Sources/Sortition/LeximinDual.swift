import Optimization

/// LEXIMIN's dual LP over the known panels, kept warm between solves:
///
///     minimize   ŷ − Σ_{t fixed} p_t · w_t
///     subject to Σ_t w_t · seats_t(P) / members(t) ≤ ŷ     for every known panel P
///                Σ_{t unfixed} w_t = 1,   w, ŷ ≥ 0
///
/// `w_t` is the dual of "each member of type t has probability ≥ z" (or ≥ p_t once fixed); the optimum
/// equals the largest achievable smallest unfixed probability over the known panels.
struct LeximinDual {
    struct Solution {
        let objective: Double
        let weights: [Double]
        let cap: Double
    }

    private let solver: SimplexSolver
    private let memberCounts: [Double]
    private var capVariable: Int { memberCounts.count }
    private var normalizationRow: Int?
    private var fixedSoFar: [Double?]

    init(pool: Pool, panels: [TypePanel]) {
        memberCounts = pool.typeMembers.map { Double($0.count) }
        var model = LinearModel(sense: .minimize)
        for _ in memberCounts { model.addVariable(Variable(lower: 0)) }
        model.addVariable(Variable(lower: 0, cost: 1))
        solver = SimplexSolver(model: model, options: SimplexOptions())
        fixedSoFar = Array(repeating: nil, count: memberCounts.count)
        for panel in panels { add(panel) }
    }

    /// Adds the row of a new panel.
    func add(_ panel: TypePanel) {
        let coefficients = zip(panel.types, panel.counts).map { Double($1) / memberCounts[$0] }
        solver.addConstraint(Constraint(indices: panel.types + [capVariable], coefficients: coefficients + [-1], upper: 0))
    }

    /// Brings costs and the normalization row in line with the fixed probabilities.
    mutating func setFixed(_ fixed: [Double?]) {
        for (type, probability) in fixed.enumerated() where probability != fixedSoFar[type] {
            solver.setCost(type, -(probability ?? 0))
        }
        let unfixed = fixed.indices.filter { fixed[$0] == nil }
        let unfixedBefore = fixedSoFar.indices.filter { fixedSoFar[$0] == nil }
        if normalizationRow == nil || unfixed != unfixedBefore {
            // Rows cannot change coefficients: free the old normalization row and add a new one.
            if let row = normalizationRow { solver.setRowBounds(row, lower: -.infinity, upper: .infinity) }
            normalizationRow = solver.addConstraint(Constraint(indices: unfixed, coefficients: Array(repeating: 1, count: unfixed.count), lower: 1, upper: 1))
        }
        fixedSoFar = fixed
    }

    /// Solves; nil when the LP is unbounded or infeasible (fixed probabilities out of reach by rounding).
    func solve() throws(SelectionError) -> Solution? {
        let solution = solver.solve()
        switch solution.status {
        case .optimal:
            return Solution(objective: solution.objective, weights: Array(solution.values[0..<memberCounts.count]),
                            cap: solution.values[capVariable])
        case .unbounded, .infeasible:
            return nil
        default:
            throw .solverFailed("dual LP ended with status \(solution.status)")
        }
    }
}
