import Optimization

extension LotteryExchange {
    /// Panels one `recompose` call may solve, as type columns over all its MIPs: a MIP costs about
    /// its types (a millisecond at a few hundred types when the bounds leave no panel), so a type
    /// that no panel moves costs a bounded time: every class of panels on a pool of 200 types, 100
    /// of them on a pool of 2,000 (at least `recomposeMinimumAttempts`).
    static let recomposeColumns = 200_000
    static let recomposeMinimumAttempts = 60
    /// Branch-and-bound nodes one panel's MIP may take before that panel is given up.
    static let recomposeNodes = 200

    /// Composes one lottery panel afresh so that `type` moves a seat towards its window, for when
    /// no exchange, double exchange or chain does (every single seat move breaks a quota row, but a
    /// panel made over from several types meets them all). For a panel P (each class once; for a
    /// type above its window only panels holding it), a MIP over P's type counts `y` asks for every
    /// quota row (`QuotaModel`), `type` one seat nearer its window, and every other type u inside
    /// its window given its seats elsewhere (`low(u) ≤ seats(u) − P(u) + y(u) ≤ high(u)`; a type
    /// already outside may not move further out), keeping as many of P's seats as it can
    /// (maximizing `Σ min(y(u), P(u))`). The new counts replace P's by single seat moves.
    /// City pools of 500 people with k = 30 (seeds 5 and 6) ended at 1.01 and 1.04/m without it.
    mutating func recompose(_ type: Int) -> Bool {
        let giving = seats[type] > high[type]
        var attempts = Swift.max(LotteryExchange.recomposeMinimumAttempts, LotteryExchange.recomposeColumns / Swift.max(1, members.count))
        newSearch()
        for index in giving ? holding[type] : Array(panels.indices) where firstVisit(index) {
            guard attempts > 0 else { return false }
            let current = panels[index]
            if !giving, (current[type] ?? 0) >= members[type] { continue }
            attempts -= 1
            guard let counts = recomposed(index, moving: type, giving: giving) else { continue }
            var leaving: [Int] = [], joining: [Int] = []
            for u in members.indices {
                let change = counts[u] - (current[u] ?? 0)
                if change < 0 { leaving += repeatElement(u, count: -change) }
                if change > 0 { joining += repeatElement(u, count: change) }
            }
            // The size row holds the panel's seats, so as many leave as join.
            guard leaving.count == joining.count else { continue }
            for (out, into) in zip(leaving, joining) {
                let (minus, plus) = difference(rowsOfType[out], rowsOfType[into])
                apply(leaving: out, joining: into, on: index, minus: minus, plus: plus)
            }
            return true
        }
        return false
    }

    /// Panel `index`'s new type counts, or nil when no composition meets the conditions of
    /// `recompose` (or the MIP ran out of nodes).
    private func recomposed(_ index: Int, moving type: Int, giving: Bool) -> [Int]? {
        var model = quotaModel
        model.sense = .maximize
        let current = panels[index]
        for u in members.indices {
            let seated = current[u] ?? 0, elsewhere = seats[u] - seated
            var lower = Swift.max(0, low[u] - elsewhere), upper = Swift.min(members[u], high[u] - elsewhere)
            if seats[u] > high[u] { upper = u == type ? seated - 1 : seated }
            if seats[u] < low[u] { lower = u == type ? seated + 1 : seated }
            guard lower <= upper else { return nil }
            model.variables[u].lower = Double(lower)
            model.variables[u].upper = Double(upper)
            model.variables[u].cost = 0
            if seated > 0 {
                // z ≤ P(u) and z ≤ y(u): the seats of u the panel keeps.
                let kept = model.addVariable(Variable(lower: 0, upper: Double(seated), cost: 1))
                model.addConstraint(Constraint(indices: [kept, u], coefficients: [1, -1], upper: 0))
            }
        }
        let solution = MIPSolver(model: model, options: MIPOptions(nodeLimit: LotteryExchange.recomposeNodes)).solve()
        guard let values = solution.values else { return nil }
        let counts = members.indices.map { Int(values[$0].rounded()) }
        // Bounds and rows again, in whole seats (the solver works in floating point).
        for u in members.indices where Double(counts[u]) < model.variables[u].lower || Double(counts[u]) > model.variables[u].upper {
            return nil
        }
        for (row, constraint) in quotaModel.constraints.enumerated() {
            let sum = zip(constraint.indices, constraint.coefficients).reduce(0.0) { $0 + $1.1 * Double(counts[$1.0]) }
            if sum < Double(rowLower[row]) - 0.5 || sum > Double(rowUpper[row]) + 0.5 { return nil }
        }
        return counts
    }
}
