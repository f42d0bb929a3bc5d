import Optimization

/// Finds the panel (type counts meeting the quotas) of largest total weight — LEXIMIN's pricing
/// problem `max Σ_t weight_t · x_t` over integer `x_t ∈ [0, members(t)]`. One MIP, re-solved with
/// new objective coefficients.
struct PanelPricer {
    let quotaModel: QuotaModel
    private let solver: MIPSolver

    /// How exactly a pricing MIP is solved. Pricing must be exact far beyond LEXIMIN's tolerance: a
    /// near-optimal panel could hide an improving one (dual weights sum to 1, so a relative gap of 1e-7
    /// moves a fixed probability by at most about 1e-7). Seeding only wants good, diverse panels.
    enum Accuracy {
        case exact, rough

        var options: MIPOptions {
            switch self {
            case .exact: return MIPOptions(relativeGap: 1e-7, absoluteGap: 1e-10)
            // A few hundred nodes find a good panel; proving it optimal is not needed.
            case .rough: return MIPOptions(nodeLimit: 200, relativeGap: 1e-3, absoluteGap: 1e-6)
            }
        }
    }

    init(quotaModel: QuotaModel) {
        self.quotaModel = quotaModel
        solver = MIPSolver(model: quotaModel.model, options: Accuracy.exact.options)
    }

    /// The best panel for per-member weights (index: type) and its weight; nil when no panel meets the quotas.
    func best(weights: [Double], accuracy: Accuracy = .exact) throws(SelectionError) -> (panel: TypePanel, value: Double)? {
        for (type, weight) in weights.enumerated() { solver.setCost(type, weight) }
        solver.options = accuracy.options
        let solution = solver.solve()
        switch solution.status {
        case .infeasible:
            return nil
        case .optimal, .nodeLimit, .timeLimit:
            // A limit with an incumbent still gives a valid panel (seeding asks for no more).
            guard let values = solution.values else { throw .solverFailed("pricing found no panel before its \(solution.status)") }
            guard let panel = quotaModel.panel(from: values) else { throw .solverFailed("pricing returned a panel that breaks the quotas") }
            var value = 0.0
            for (type, count) in zip(panel.types, panel.counts) { value += weights[type] * Double(count) }
            return (panel, value)
        default:
            throw .solverFailed("pricing ended with status \(solution.status)")
        }
    }
}
