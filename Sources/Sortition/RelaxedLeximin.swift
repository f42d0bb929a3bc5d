import Optimization

/// LEXIMIN over the linear relaxation of the quotas: the expected seats per type `y_t` range over
/// the polytope `{0 ≤ y_t ≤ members(t), every quota row}` instead of the convex hull of integer
/// panels. Every distribution over panels has its expected seats in that polytope, so this
/// leximin vector is at least as good (in leximin order) as the true one; when `PanelDecomposition`
/// writes it as a convex combination of panels, it *is* the true LEXIMIN, certified.
///
/// Each round is one LP over the unfixed types, with `y_t = members(t)·z + s_t`, `s_t ≥ 0`:
///
///     maximize z  subject to  every quota row on Σ y_t (fixed types contribute constants)
///
/// A type whose `s_t` has a nonzero reduced cost stays at `z` in every optimum (complementary
/// slackness) and is fixed there; the rest go on to the next round. The cap `y_t ≤ members(t)` is
/// added as a row only for the types that break it (rare: it binds only at probability 1).
/// An LP over types with ~50 rows takes milliseconds to a few tenths of a second even for 20,000
/// types, where the column generation over panels needs one MIP per panel.
enum RelaxedLeximin {
    /// A type whose reduced cost, times its members, is below minus this is fixed (the weights sum to 1).
    static let fixingThreshold = 1e-9
    /// Row bounds give way by this much so that fixed values carried over from earlier rounds,
    /// accurate to the LP's tolerances, never make the next round infeasible.
    static let rowSlack = 1e-9

    /// The leximin probability of each type over the relaxation; nil when an LP does not solve.
    static func probabilities(pool: Pool, quotaModel: QuotaModel, progress: ProgressHandler?) -> [Double]? {
        let members = pool.typeMembers.map { Double($0.count) }
        let rows = quotaModel.model.constraints
        var fixed = [Double?](repeating: nil, count: members.count)
        var fixedCount = 0
        var capped = Set<Int>()
        while fixedCount < members.count {
            let unfixed = members.indices.filter { fixed[$0] == nil }
            guard let (z, reducedCosts, values) = solveRound(unfixed: unfixed, fixed: fixed, capped: &capped, members: members, rows: rows) else {
                return nil
            }
            let level = Swift.min(1, Swift.max(0, z))
            var fixedNow: [Int] = []
            if z >= 1 - 1e-12 {
                fixedNow = unfixed
            } else {
                for (column, type) in unfixed.enumerated()
                where -reducedCosts[column + 1] * members[type] > fixingThreshold && values[column + 1] <= 1e-9 * members[type] {
                    fixedNow.append(type)
                }
                if fixedNow.isEmpty, let column = unfixed.indices.min(by: { reducedCosts[$0 + 1] < reducedCosts[$1 + 1] }) {
                    fixedNow.append(unfixed[column])
                }
            }
            for type in fixedNow { fixed[type] = level }
            fixedCount += fixedNow.count
            progress?(SelectionProgress(stage: .relaxation, fixedShare: Double(fixedCount) / Double(members.count), panels: 0))
        }
        return fixed.map { $0 ?? 0 }
    }

    /// One round's LP: column 0 is z, column 1 + i is `s` of `unfixed[i]`. Adds cap rows for types
    /// that exceed their members and solves again until none does. Returns z, reduced costs and values.
    static func solveRound(unfixed: [Int], fixed: [Double?], capped: inout Set<Int>, members: [Double], rows: [Constraint])
        -> (z: Double, reducedCosts: [Double], values: [Double])?
    {
        var column = [Int](repeating: -1, count: members.count)
        for (index, type) in unfixed.enumerated() { column[type] = index + 1 }
        var model = LinearModel(sense: .maximize)
        model.addVariable(Variable(lower: 0, upper: 1, cost: 1))
        for type in unfixed { model.addVariable(Variable(lower: 0, upper: members[type])) }
        for row in rows {
            var indices = [0], coefficients = [0.0], constant = 0.0
            for (type, coefficient) in zip(row.indices, row.coefficients) {
                if let probability = fixed[type] {
                    constant += coefficient * members[type] * probability
                } else {
                    coefficients[0] += coefficient * members[type]
                    indices.append(column[type])
                    coefficients.append(coefficient)
                }
            }
            model.addConstraint(Constraint(indices: indices, coefficients: coefficients,
                                           lower: row.lower - constant - rowSlack, upper: row.upper - constant + rowSlack))
        }
        let solver = SimplexSolver(model: model, options: SimplexOptions())
        for type in capped.sorted() where column[type] > 0 {  // sorted: Set order differs from run to run
            solver.addConstraint(Constraint(indices: [0, column[type]], coefficients: [members[type], 1], upper: members[type]))
        }
        while true {
            let solution = solver.solve()
            guard solution.status == .optimal else { return nil }
            let z = solution.values[0]
            let over = unfixed.filter { members[$0] * z + solution.values[column[$0]] > members[$0] * (1 + 1e-9) && !capped.contains($0) }
            if over.isEmpty { return (z, solution.reducedCosts, solution.values) }
            for type in over {
                capped.insert(type)
                solver.addConstraint(Constraint(indices: [0, column[type]], coefficients: [members[type], 1], upper: members[type]))
            }
        }
    }
}
