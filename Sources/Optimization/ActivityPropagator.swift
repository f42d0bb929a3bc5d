/// Bound tightening of integer variables from row activities: with every other variable at
/// the bound that helps most, how far can this one go before `lower ≤ a·x ≤ upper` breaks?
/// Also proves a node infeasible when a row's activity range misses its bounds.
struct ActivityPropagator: Sendable {
    /// A bound proven by propagation.
    struct Tightening: Sendable {
        var variable: Int
        var lower: Double
        var upper: Double
    }

    /// Feasibility slack for activities compared with row bounds (absolute, scaled by the bound).
    static let feasibilityTolerance = 1e-6
    /// A derived integer bound is rounded after moving it this far toward the integer,
    /// so that 2.9999999 counts as 3 and not 2.
    static let roundingTolerance = 1e-6
    /// Rows visited per call, as a multiple of the row count: propagation of long chains stops early.
    static let workFactor = 4

    let rows: [Constraint]
    let columnRows: [[Int]]
    let isInteger: [Bool]

    init(model: LinearModel, columns: ColumnView) {
        rows = model.constraints
        columnRows = columns.rows
        isInteger = model.variables.map(\.isInteger)
    }

    /// Tightens `lower`/`upper` in place starting from the rows of `seeds` (all rows when nil).
    /// Returns the tightenings made, or nil when the bounds admit no point (then the bounds
    /// are left as they were).
    func propagate(lower: inout [Double], upper: inout [Double], seeds: [Int]?) -> [Tightening]? {
        var journal: [Tightening] = []
        guard let tightenings = propagate(lower: &lower, upper: &upper, seeds: seeds, journal: &journal) else {
            for old in journal.reversed() {
                lower[old.variable] = old.lower
                upper[old.variable] = old.upper
            }
            return nil
        }
        return tightenings
    }

    /// Propagation proper; `journal` gets each variable's bounds before every change.
    private func propagate(lower: inout [Double], upper: inout [Double], seeds: [Int]?,
                           journal: inout [Tightening]) -> [Tightening]? {
        var queued = Array(repeating: false, count: rows.count)
        var queue: [Int] = []
        if let seeds {
            for j in seeds { for i in columnRows[j] where !queued[i] { queued[i] = true; queue.append(i) } }
        } else {
            queue = Array(rows.indices)
            for i in queue { queued[i] = true }
        }
        var tightenings: [Tightening] = []
        var head = 0
        let budget = Self.workFactor * max(rows.count, 1)
        while head < queue.count && head < budget {
            let i = queue[head]
            head += 1
            queued[i] = false
            guard let changed = tighten(row: i, lower: &lower, upper: &upper, journal: &journal) else { return nil }
            for j in changed {
                tightenings.append(Tightening(variable: j, lower: lower[j], upper: upper[j]))
                for r in columnRows[j] where !queued[r] && r != i {
                    queued[r] = true
                    queue.append(r)
                }
            }
        }
        return tightenings
    }

    /// Activity bounds of a row: finite parts and how many infinite terms each side has.
    private struct Activity {
        var minimum = 0.0, maximum = 0.0
        var minimumInfinite = 0, maximumInfinite = 0
    }

    private func activity(of row: Constraint, lower: [Double], upper: [Double]) -> Activity {
        var act = Activity()
        for (k, j) in row.indices.enumerated() {
            let a = row.coefficients[k]
            if a == 0 { continue }
            let (low, high) = a > 0 ? (lower[j], upper[j]) : (upper[j], lower[j])
            if low.isInfinite { act.minimumInfinite += 1 } else { act.minimum += a * low }
            if high.isInfinite { act.maximumInfinite += 1 } else { act.maximum += a * high }
        }
        return act
    }

    /// Tightens the integer variables of one row; returns those changed, nil when infeasible.
    private func tighten(row i: Int, lower: inout [Double], upper: inout [Double], journal: inout [Tightening]) -> [Int]? {
        let row = rows[i]
        let act = activity(of: row, lower: lower, upper: upper)
        if act.minimumInfinite == 0 && act.minimum > row.upper + Self.slack(row.upper) { return nil }
        if act.maximumInfinite == 0 && act.maximum < row.lower - Self.slack(row.lower) { return nil }
        let upperUseful = row.upper.isFinite && act.minimumInfinite <= 1
        let lowerUseful = row.lower.isFinite && act.maximumInfinite <= 1
        if !upperUseful && !lowerUseful { return [] }
        var changed: [Int] = []
        for (k, j) in row.indices.enumerated() where isInteger[j] {
            let a = row.coefficients[k]
            if a == 0 { continue }
            let (low, high) = a > 0 ? (lower[j], upper[j]) : (upper[j], lower[j])
            var newLower = lower[j], newUpper = upper[j]
            // Rest of the row at its smallest: a·x_j ≤ row.upper − rest.
            if upperUseful, let rest = residual(act.minimum, act.minimumInfinite, a, low) {
                let limit = (row.upper - rest) / a
                if a > 0 { newUpper = min(newUpper, (limit + Self.roundingTolerance).rounded(.down)) }
                else { newLower = max(newLower, (limit - Self.roundingTolerance).rounded(.up)) }
            }
            // Rest of the row at its largest: a·x_j ≥ row.lower − rest.
            if lowerUseful, let rest = residual(act.maximum, act.maximumInfinite, a, high) {
                let limit = (row.lower - rest) / a
                if a > 0 { newLower = max(newLower, (limit - Self.roundingTolerance).rounded(.up)) }
                else { newUpper = min(newUpper, (limit + Self.roundingTolerance).rounded(.down)) }
            }
            if newLower > newUpper { return nil }
            if newLower > lower[j] || newUpper < upper[j] {
                journal.append(Tightening(variable: j, lower: lower[j], upper: upper[j]))
                lower[j] = newLower
                upper[j] = newUpper
                changed.append(j)
            }
        }
        return changed
    }

    /// The row's extreme activity without variable j's term (whose bound is `bound`), if finite.
    private func residual(_ total: Double, _ infinite: Int, _ a: Double, _ bound: Double) -> Double? {
        if bound.isInfinite { return infinite == 1 ? total : nil }
        return infinite == 0 ? total - a * bound : nil
    }

    static func slack(_ bound: Double) -> Double { feasibilityTolerance * max(1, abs(bound)) }
}
