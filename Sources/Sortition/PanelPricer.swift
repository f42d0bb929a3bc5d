import Optimization

/// Finds the panel (type counts meeting the quotas) of largest total weight — LEXIMIN's pricing
/// problem `max Σ_t weight_t · x_t` over integer `x_t ∈ [0, members(t)]`. One MIP, re-solved with
/// new objective coefficients.
struct PanelPricer {
    let quotaModel: QuotaModel
    private let solver: MIPSolver
    /// Node limit of the exact pricing MIPs (`Leximin.Options.pricingNodeLimit`).
    let exactNodeLimit: Int

    /// One pricing answer: the panel, its weight, and whether the MIP proved it best. When a limit
    /// stopped the MIP, `bound` is its proven upper bound on any panel's weight.
    struct Priced {
        var panel: TypePanel
        var value: Double
        /// nil when optimal; the limit (`nodeLimit`, `timeLimit`) that stopped the MIP otherwise.
        var stoppedBy: MIPStatus?
        var bound: Double
    }

    /// How exactly a pricing MIP is solved. Pricing must be exact far beyond LEXIMIN's tolerance: a
    /// near-optimal panel could hide an improving one (dual weights sum to 1, so a relative gap of 1e-7
    /// moves a fixed probability by at most about 1e-7). Seeding only wants good, diverse panels.
    enum Accuracy {
        case exact, rough

        func options(exactNodeLimit: Int) -> MIPOptions {
            switch self {
            case .exact: return MIPOptions(nodeLimit: exactNodeLimit, relativeGap: 1e-7, absoluteGap: 1e-10)
            // A few hundred nodes find a good panel; proving it optimal is not needed.
            case .rough: return MIPOptions(nodeLimit: 200, relativeGap: 1e-3, absoluteGap: 1e-6)
            }
        }
    }

    init(quotaModel: QuotaModel, exactNodeLimit: Int = MIPOptions().nodeLimit) {
        self.quotaModel = quotaModel
        self.exactNodeLimit = exactNodeLimit
        solver = MIPSolver(model: quotaModel.model, options: Accuracy.exact.options(exactNodeLimit: exactNodeLimit))
    }

    /// The best panel for per-member weights (index: type) and its weight; nil when no panel meets the quotas.
    func best(weights: [Double], accuracy: Accuracy = .exact) throws(SelectionError) -> (panel: TypePanel, value: Double)? {
        try priced(weights: weights, accuracy: accuracy).map { ($0.panel, $0.value) }
    }

    /// Like `best`, saying whether the answer is proven optimal (callers that rely on "no better panel"
    /// must not do so silently when a limit stopped the MIP).
    func priced(weights: [Double], accuracy: Accuracy = .exact) throws(SelectionError) -> Priced? {
        for (type, weight) in weights.enumerated() { solver.setCost(type, weight) }
        solver.options = accuracy.options(exactNodeLimit: exactNodeLimit)
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
            let stoppedBy: MIPStatus? = solution.status == .optimal ? nil : solution.status
            return Priced(panel: panel, value: value, stoppedBy: stoppedBy, bound: Swift.max(value, solution.bestBound))
        default:
            throw .solverFailed("pricing ended with status \(solution.status)")
        }
    }
}
