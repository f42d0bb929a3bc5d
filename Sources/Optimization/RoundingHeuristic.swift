/// Rounds an LP point's fractional integer variables one by one, each in the direction that
/// adds least row violation given the rows' current activities, and checks the result.
/// Cheap enough to run at every node; finds incumbents early on loosely constrained models.
struct RoundingHeuristic: Sendable {
    /// Absolute violation (scaled by the bound's size) tolerated for rows and bounds of a point.
    static let feasibilityTolerance = 1e-6

    let constraints: [Constraint]
    let variables: [Variable]
    let columns: ColumnView

    /// A feasible rounding of `values` within `lower`/`upper`, or nil.
    func round(_ values: [Double], fractional: [Int], lower: [Double], upper: [Double]) -> [Double]? {
        var point = values
        var activity = constraints.map { row in
            zip(row.indices, row.coefficients).reduce(0.0) { $0 + $1.1 * values[$1.0] }
        }
        for j in fractional {
            let down = point[j].rounded(.down)
            // Nearest integer first, so it wins ties in added violation.
            let nearest = point[j].rounded(), other = nearest == down ? down + 1 : down
            var best: Double?
            var bestAdded = Double.infinity
            for candidate in [nearest, other] where candidate >= lower[j] && candidate <= upper[j] {
                let step = candidate - point[j]
                var added = 0.0
                for (i, a) in zip(columns.rows[j], columns.coefficients[j]) {
                    added += violation(i, activity[i] + a * step) - violation(i, activity[i])
                }
                if added < bestAdded {
                    best = candidate
                    bestAdded = added
                }
            }
            guard let best else { return nil }
            for (i, a) in zip(columns.rows[j], columns.coefficients[j]) { activity[i] += a * (best - point[j]) }
            point[j] = best
        }
        return isFeasible(point, integralityTolerance: 0) ? point : nil
    }

    private func violation(_ i: Int, _ activity: Double) -> Double {
        max(0, constraints[i].lower - activity, activity - constraints[i].upper)
    }

    /// Whether `point` meets the model's bounds, integrality and rows within tolerance.
    func isFeasible(_ point: [Double], integralityTolerance: Double = 0) -> Bool {
        guard point.count == variables.count else { return false }
        for (j, variable) in variables.enumerated() {
            let x = point[j]
            if !x.isFinite || x < variable.lower - Self.slack(variable.lower) || x > variable.upper + Self.slack(variable.upper) {
                return false
            }
            if variable.isInteger && abs(x - x.rounded()) > integralityTolerance { return false }
        }
        for row in constraints {
            let activity = zip(row.indices, row.coefficients).reduce(0.0) { $0 + $1.1 * point[$1.0] }
            if activity < row.lower - Self.slack(row.lower) || activity > row.upper + Self.slack(row.upper) { return false }
        }
        return true
    }

    private static func slack(_ bound: Double) -> Double {
        bound.isFinite ? feasibilityTolerance * max(1, abs(bound)) : 0
    }
}
