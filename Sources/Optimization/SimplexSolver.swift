/// A bounded-variable revised simplex solver for the linear relaxation of a `LinearModel`
/// (integrality flags are ignored).
///
/// Stateful: it keeps the basis, its LU factorization and the dual steepest-edge weights, so
/// that a later `solve()` after a modification starts from the previous basis — the dual
/// simplex after added rows or changed bounds, the primal simplex after added columns or
/// changed costs. Cold solves scale the model, then run dual phase 1 (if needed) and the dual
/// simplex with a primal clean-up. See `LPSolution` for the sign convention of duals.
public final class SimplexSolver {
    /// The model as currently modified.
    public private(set) var model: LinearModel
    public var options: SimplexOptions
    private var engine = SimplexEngine()
    private var scaling: Scaling
    /// +1 to minimize, −1 to maximize: the engine always minimizes.
    private let senseSign: Double

    public init(model: LinearModel, options: SimplexOptions = .init()) {
        self.model = model
        self.options = options
        senseSign = model.sense == .minimize ? 1 : -1
        let n = model.variables.count
        let m = model.constraints.count
        var rows = [[Int]](repeating: [], count: n)
        var vals = [[Double]](repeating: [], count: n)
        for (i, row) in model.constraints.enumerated() {
            let (idx, coef) = Self.merged(row.indices, row.coefficients, count: n)
            for (j, a) in zip(idx, coef) {
                rows[j].append(i)
                vals[j].append(a)
            }
        }
        scaling = options.scaling ? Scaling.compute(rows: m, columnRows: rows, columnValues: vals) : .identity(rows: m, columns: n)
        var e = SimplexEngine()
        e.n = n
        e.m = m
        for j in 0..<n {
            let cs = scaling.columnScale[j]
            for k in 0..<rows[j].count { vals[j][k] *= scaling.rowScale[rows[j][k]] * cs }
            let v = model.variables[j]
            e.cost.append(senseSign * v.cost * cs)
            e.lower.append(v.lower / cs)
            e.upper.append(v.upper / cs)
        }
        e.colRows = rows
        e.colVals = vals
        for (i, row) in model.constraints.enumerated() {
            let rs = scaling.rowScale[i]
            e.cost.append(0)
            e.lower.append(row.lower * rs)
            e.upper.append(row.upper * rs)
        }
        for j in 0..<n {
            let s = e.nonbasicState(lower: e.lower[j], upper: e.upper[j])
            e.state.append(s)
            e.x.append(e.nonbasicValue(s, lower: e.lower[j], upper: e.upper[j]))
            e.position.append(-1)
        }
        for i in 0..<m {
            e.state.append(.basic)
            e.x.append(0)
            e.position.append(i)
            e.basic.append(n + i)
        }
        e.d = [Double](repeating: 0, count: n + m)
        e.weights = [Double](repeating: 1, count: m)
        engine = e
    }

    /// Sums duplicate indices and drops out-of-range ones, so the engine sees clean columns.
    private static func merged(_ indices: [Int], _ coefficients: [Double], count: Int) -> ([Int], [Double]) {
        var seen: [Int: Int] = [:]
        var idx: [Int] = []
        var coef: [Double] = []
        for (j, a) in zip(indices, coefficients) where j >= 0 && j < count && a != 0 && a.isFinite {
            if let at = seen[j] {
                coef[at] += a
            } else {
                seen[j] = idx.count
                idx.append(j)
                coef.append(a)
            }
        }
        return (idx, coef)
    }

    /// Solves from the current basis and returns the solution in the model's terms.
    public func solve() -> LPSolution {
        let iterationsBefore = engine.iterations
        engine.iterationLimit = engine.iterations + options.iterationLimit
        engine.deadline = options.timeLimit.map { ContinuousClock.now + .seconds($0) }
        let outcome: SimplexOutcome
        if hasContradictoryBounds() {
            outcome = .infeasible
        } else {
            outcome = engine.run()
        }
        let status: LPStatus
        switch outcome {
        case .optimal: status = .optimal
        case .infeasible: status = .infeasible
        case .unbounded: status = .unbounded
        case .timeLimit: status = .timeLimit
        case .iterationLimit, .restart: status = .iterationLimit
        }
        return solution(status: status, iterations: engine.iterations - iterationsBefore)
    }

    private func hasContradictoryBounds() -> Bool {
        for j in 0..<engine.total where engine.lower[j] > engine.upper[j] + SimplexTolerance.primal {
            return true
        }
        return false
    }

    private func solution(status: LPStatus, iterations: Int) -> LPSolution {
        let n = engine.n
        let m = engine.m
        engine.rebuildMatrixIfNeeded()
        if engine.lu == nil {
            engine.refactor()
            engine.computePrimal()
        }
        let y = engine.computeDual(costs: engine.cost)
        var values = [Double](repeating: 0, count: n)
        var reduced = [Double](repeating: 0, count: n)
        var objective = model.objectiveOffset
        for j in 0..<n {
            let cs = scaling.columnScale[j]
            values[j] = engine.x[j] * cs
            reduced[j] = senseSign * engine.d[j] / cs
            objective += model.variables[j].cost * values[j]
        }
        var duals = [Double](repeating: 0, count: m)
        for i in 0..<m { duals[i] = senseSign * y[i] * scaling.rowScale[i] }
        return LPSolution(status: status, objective: objective, values: values, rowDuals: duals, reducedCosts: reduced, iterations: iterations)
    }

    // MARK: modifications (the next solve starts from the current basis)

    /// Adds a row; its slack enters the basis, so the next solve runs the dual simplex.
    @discardableResult
    public func addConstraint(_ c: Constraint) -> Int {
        let n = engine.n
        let (idx, coef) = Self.merged(c.indices, c.coefficients, count: n)
        let withColumns = zip(idx, coef).map { $0.1 * scaling.columnScale[$0.0] }
        let rs = options.scaling ? Scaling.rowFactor(scaledMagnitudes: withColumns) : 1
        scaling.rowScale.append(rs)
        engine.appendRow(indices: idx, values: withColumns.map { $0 * rs }, lower: c.lower * rs, upper: c.upper * rs)
        var stored = c
        stored.indices = idx
        stored.coefficients = coef
        return model.addConstraint(stored)
    }

    /// Adds a column with the given row entries; it starts nonbasic at a bound, so the basis
    /// stays primal feasible (when that bound is zero) and the next solve runs the primal simplex.
    @discardableResult
    public func addVariable(_ v: Variable, entries: [(row: Int, coefficient: Double)]) -> Int {
        let m = engine.m
        let j = model.addVariable(v)
        var seen: [Int: Int] = [:]
        var rows: [Int] = []
        var coef: [Double] = []
        for (i, a) in entries where i >= 0 && i < m && a != 0 && a.isFinite {
            if let at = seen[i] { coef[at] += a } else { seen[i] = rows.count; rows.append(i); coef.append(a) }
        }
        for (i, a) in zip(rows, coef) {
            model.constraints[i].indices.append(j)
            model.constraints[i].coefficients.append(a)
        }
        let withRows = zip(rows, coef).map { $0.1 * scaling.rowScale[$0.0] }
        let cs = options.scaling ? Scaling.columnFactor(scaledMagnitudes: withRows) : 1
        scaling.columnScale.append(cs)
        engine.appendStructural(rows: rows, values: withRows.map { $0 * cs }, cost: senseSign * v.cost * cs, lower: v.lower / cs, upper: v.upper / cs)
        return j
    }

    /// Changes one objective coefficient (model sense).
    public func setCost(_ j: Int, _ cost: Double) {
        guard j >= 0 && j < engine.n else { return }
        model.variables[j].cost = cost
        engine.cost[j] = senseSign * cost * scaling.columnScale[j]
    }

    /// Replaces the objective coefficients (model sense); extra or missing entries are ignored.
    public func setObjective(_ costs: [Double]) {
        for (j, c) in costs.enumerated() where j < engine.n { setCost(j, c) }
    }

    /// Changes a variable's bounds; the next solve runs the dual simplex from the current basis.
    public func setBounds(_ j: Int, lower: Double, upper: Double) {
        guard j >= 0 && j < engine.n else { return }
        model.variables[j].lower = lower
        model.variables[j].upper = upper
        let cs = scaling.columnScale[j]
        engine.lower[j] = lower / cs
        engine.upper[j] = upper / cs
        engine.resetNonbasic(j)
    }

    /// Changes a row's bounds; the next solve runs the dual simplex from the current basis.
    public func setRowBounds(_ i: Int, lower: Double, upper: Double) {
        guard i >= 0 && i < engine.m else { return }
        model.constraints[i].lower = lower
        model.constraints[i].upper = upper
        let rs = scaling.rowScale[i]
        let k = engine.n + i
        engine.lower[k] = lower * rs
        engine.upper[k] = upper * rs
        engine.resetNonbasic(k)
    }
}
