import Testing
@testable import Optimization

/// After each kind of modification, a warm re-solve must reach the optimum of a cold solve of
/// the modified model, in fewer iterations.
@Suite struct WarmStartTests {
    static func sameResult(_ warm: LPSolution, _ cold: LPSolution, _ model: LinearModel) {
        #expect(warm.status == cold.status)
        if warm.status == .optimal && cold.status == .optimal {
            #expect(abs(warm.objective - cold.objective) <= 1e-7 * (1 + abs(cold.objective)), "warm \(warm.objective) cold \(cold.objective)")
            #expect(kktViolation(model, warm) == nil)
        }
    }

    static func baseModel(_ seed: Int) -> LinearModel {
        randomFeasibleModel(n: 60, m: 40, density: 0.2, seed: UInt64(seed) + 500, varied: false)
    }

    @Test(arguments: 0..<6)
    func addConstraintCuttingOffTheOptimum(seed: Int) {
        let solver = SimplexSolver(model: Self.baseModel(seed))
        let first = solver.solve()
        guard first.status == .optimal else { return }
        var rng = TestRandom(seed: UInt64(seed))
        let idx = Array(0..<solver.model.variables.count).filter { _ in rng.uniform(0, 1) < 0.3 }
        let coef = idx.map { _ in Double(rng.int(1, 5)) }
        var activity = 0.0
        for (j, a) in zip(idx, coef) { activity += a * first.values[j] }
        solver.addConstraint(Constraint(indices: idx, coefficients: coef, upper: activity * 0.9 - 1))
        let warm = solver.solve()
        let cold = SimplexSolver(model: solver.model).solve()
        Self.sameResult(warm, cold, solver.model)
        if cold.status == .optimal { #expect(warm.iterations < cold.iterations) }
    }

    /// Branch-and-bound style: tighten the bound of a variable strictly inside its range.
    @Test(arguments: 0..<6)
    func setBoundsLikeBranching(seed: Int) {
        let solver = SimplexSolver(model: Self.baseModel(seed))
        let first = solver.solve()
        guard first.status == .optimal else { return }
        let model = solver.model
        guard let j = (0..<model.variables.count).first(where: {
            first.values[$0] > model.variables[$0].lower + 0.5 && first.values[$0] < model.variables[$0].upper - 0.5
        }) else { return }
        solver.setBounds(j, lower: model.variables[j].lower, upper: (first.values[j] - 0.5).rounded(.down))
        let warm = solver.solve()
        let cold = SimplexSolver(model: solver.model).solve()
        Self.sameResult(warm, cold, solver.model)
        if cold.status == .optimal { #expect(warm.iterations < cold.iterations) }
        // And back up: the other branch.
        solver.setBounds(j, lower: (first.values[j] + 0.5).rounded(.up), upper: model.variables[j].upper)
        let warm2 = solver.solve()
        Self.sameResult(warm2, SimplexSolver(model: solver.model).solve(), solver.model)
    }

    @Test(arguments: 0..<6)
    func setCostReoptimizesWithPrimal(seed: Int) {
        let solver = SimplexSolver(model: Self.baseModel(seed))
        guard solver.solve().status == .optimal else { return }
        var rng = TestRandom(seed: UInt64(seed) + 77)
        for _ in 0..<3 {
            let j = rng.int(0, solver.model.variables.count - 1)
            solver.setCost(j, solver.model.variables[j].cost + rng.uniform(-3, 3))
        }
        let warm = solver.solve()
        let cold = SimplexSolver(model: solver.model).solve()
        Self.sameResult(warm, cold, solver.model)
        if cold.status == .optimal { #expect(warm.iterations < cold.iterations) }
    }

    @Test(arguments: 0..<6)
    func addVariableReoptimizes(seed: Int) {
        let solver = SimplexSolver(model: Self.baseModel(seed))
        guard solver.solve().status == .optimal else { return }
        var rng = TestRandom(seed: UInt64(seed) + 99)
        let m = solver.model.constraints.count
        for _ in 0..<2 {
            var entries: [(row: Int, coefficient: Double)] = []
            for i in 0..<m where rng.uniform(0, 1) < 0.3 { entries.append((i, Double(rng.int(-5, 5)))) }
            let better = solver.model.sense == .minimize ? -8.0 : 8.0
            solver.addVariable(Variable(lower: 0, upper: 10, cost: better), entries: entries)
        }
        let warm = solver.solve()
        let cold = SimplexSolver(model: solver.model).solve()
        Self.sameResult(warm, cold, solver.model)
        if cold.status == .optimal { #expect(warm.iterations < cold.iterations) }
    }

    @Test(arguments: 0..<4)
    func setRowBounds(seed: Int) {
        let solver = SimplexSolver(model: Self.baseModel(seed))
        guard solver.solve().status == .optimal else { return }
        for i in 0..<4 {
            let row = solver.model.constraints[i]
            let lower = row.lower.isFinite ? row.lower + 1 : row.lower
            let upper = row.upper.isFinite ? row.upper - 1 : row.upper
            solver.setRowBounds(i, lower: lower, upper: max(lower, upper))
        }
        let warm = solver.solve()
        Self.sameResult(warm, SimplexSolver(model: solver.model).solve(), solver.model)
    }

    /// Column-generation shape: a free variable ŷ and y ≥ 0, rows Σ a_t·y_t − ŷ ≤ 0 added one at a
    /// time with a re-solve after each; the final warm optimum matches a cold solve.
    @Test func rowsAddedOneAtATime() {
        var rng = TestRandom(seed: 4242)
        let types = 80
        var model = LinearModel(sense: .minimize)
        // min ŷ subject to Σ y = 1 and, per added panel, Σ_{t∈panel} y_t − ŷ ≤ 0.
        let yHat = model.addVariable(Variable(lower: -.infinity, upper: .infinity, cost: 1))
        for _ in 0..<types { model.addVariable(Variable(lower: 0)) }
        model.addConstraint(Constraint(indices: Array(1...types), coefficients: [Double](repeating: 1, count: types), lower: 1, upper: 1))
        let solver = SimplexSolver(model: model)
        var warmIterations = 0
        _ = solver.solve()
        for _ in 0..<40 {
            var idx: [Int] = []
            for t in 1...types where rng.uniform(0, 1) < 0.15 { idx.append(t) }
            let coef = idx.map { _ in Double(rng.int(1, 3)) }
            solver.addConstraint(Constraint(indices: idx + [yHat], coefficients: coef + [-1], upper: 0))
            let s = solver.solve()
            #expect(s.status == .optimal)
            warmIterations += s.iterations
        }
        let warm = solver.solve()
        let cold = SimplexSolver(model: solver.model).solve()
        Self.sameResult(warm, cold, solver.model)
        #expect(warm.iterations == 0)
    }
}
