@testable import Optimization

/// A small deterministic generator for reproducible random test problems.
struct TestRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }
    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
    mutating func uniform(_ lo: Double, _ hi: Double) -> Double {
        lo + (hi - lo) * Double(next() >> 11) / Double(1 << 53)
    }
    mutating func int(_ lo: Int, _ hi: Int) -> Int { lo + Int(next() % UInt64(hi - lo + 1)) }
}

/// Checks the Karush–Kuhn–Tucker conditions of an LP solution (feasibility, sign of reduced
/// costs and duals at the active bounds, `d = c − Aᵀy`), which together prove optimality.
/// Returns a description of the first violation, or nil.
func kktViolation(_ model: LinearModel, _ s: LPSolution, tolerance tol: Double = 1e-6) -> String? {
    let sign: Double = model.sense == .minimize ? 1 : -1
    let n = model.variables.count
    var reduced = model.variables.map(\.cost)
    for (i, c) in model.constraints.enumerated() {
        var activity = 0.0
        for (j, a) in zip(c.indices, c.coefficients) {
            activity += a * s.values[j]
            reduced[j] -= a * s.rowDuals[i]
        }
        let scale = 1 + abs(activity)
        if activity < c.lower - tol * scale || activity > c.upper + tol * scale { return "row \(i) infeasible: \(activity)" }
        let y = sign * s.rowDuals[i]
        let atLower = abs(activity - c.lower) <= tol * scale
        let atUpper = abs(activity - c.upper) <= tol * scale
        if y > tol && !atLower { return "row \(i) dual \(y) but not at lower bound" }
        if y < -tol && !atUpper { return "row \(i) dual \(y) but not at upper bound" }
    }
    for j in 0..<n {
        let v = model.variables[j]
        let x = s.values[j]
        let scale = 1 + abs(x)
        if x < v.lower - tol * scale || x > v.upper + tol * scale { return "variable \(j) out of bounds: \(x)" }
        if abs(reduced[j] - s.reducedCosts[j]) > tol * (1 + abs(reduced[j])) { return "reduced cost \(j) inconsistent" }
        let d = sign * reduced[j]
        if d > tol && abs(x - v.lower) > tol * scale { return "variable \(j) reduced cost \(d) but not at lower bound" }
        if d < -tol && abs(x - v.upper) > tol * scale { return "variable \(j) reduced cost \(d) but not at upper bound" }
    }
    var objective = model.objectiveOffset
    for j in 0..<n { objective += model.variables[j].cost * s.values[j] }
    if abs(objective - s.objective) > tol * (1 + abs(objective)) { return "objective mismatch" }
    return nil
}

/// A random LP with `n` columns and `m` rows whose rows bracket a random point (so it is
/// feasible), with a mix of finite, infinite and equal bounds when `varied`.
func randomFeasibleModel(n: Int, m: Int, density: Double, seed: UInt64, varied: Bool = true) -> LinearModel {
    var rng = TestRandom(seed: seed)
    var model = LinearModel(sense: rng.int(0, 1) == 0 ? .minimize : .maximize)
    var point: [Double] = []
    for _ in 0..<n {
        let p = rng.uniform(0, 10)
        point.append(p)
        var lower = 0.0
        var upper = Double(rng.int(5, 15))
        if varied {
            switch rng.int(0, 5) {
            case 0: upper = .infinity
            case 1: lower = -.infinity; upper = p + rng.uniform(0, 5)
            case 2: lower = -.infinity; upper = .infinity
            default: break
            }
        }
        lower = min(lower, p)
        upper = max(upper, p)
        model.addVariable(Variable(lower: lower, upper: upper, cost: rng.uniform(-5, 5)))
    }
    for _ in 0..<m {
        var idx: [Int] = []
        var coef: [Double] = []
        for j in 0..<n where rng.uniform(0, 1) < density {
            idx.append(j)
            coef.append(Double(rng.int(-9, 9)))
        }
        var activity = 0.0
        for (j, a) in zip(idx, coef) { activity += a * point[j] }
        var lower = activity - rng.uniform(0, 10)
        var upper = activity + rng.uniform(0, 10)
        switch rng.int(0, 4) {
        case 0: lower = -.infinity
        case 1: upper = .infinity
        case 2 where varied: lower = activity; upper = activity
        default: break
        }
        model.addConstraint(Constraint(indices: idx, coefficients: coef, lower: lower, upper: upper))
    }
    return model
}
