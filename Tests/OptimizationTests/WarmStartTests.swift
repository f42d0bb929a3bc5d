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

    /// Re-solves warm, solves the modified model cold, and compares them.
    static func warmMatchesColdAndIsFaster(_ solver: SimplexSolver) {
        let warm = solver.solve()
        let cold = SimplexSolver(model: solver.model).solve()
        sameResult(warm, cold, solver.model)
        if cold.status == .optimal { #expect(warm.iterations < cold.iterations) }
    }

    static func baseModel(_ seed: Int) -> LinearModel {
        randomFeasibleModel(n: 60, m: 40, density: 0.2, seed: UInt64(seed) + 500, varied: false)
    }

    @Test(arguments: 0..<6)
    func addConstraintCuttingOffTheOptimum(seed: Int) throws {
        let solver = SimplexSolver(model: Self.baseModel(seed))
        let first = solver.solve()
        try #require(first.status == .optimal)
        var rng = TestRandom(seed: UInt64(seed))
        let idx = Array(0..<solver.model.variables.count).filter { _ in rng.uniform(0, 1) < 0.3 }
        let coef = idx.map { _ in Double(rng.int(1, 5)) }
        var activity = 0.0
        for (j, a) in zip(idx, coef) { activity += a * first.values[j] }
        solver.addConstraint(Constraint(indices: idx, coefficients: coef, upper: activity * 0.9 - 1))
        Self.warmMatchesColdAndIsFaster(solver)
    }

    /// Branch-and-bound style: tighten the bound of a variable strictly inside its range.
    @Test(arguments: 0..<6)
    func setBoundsLikeBranching(seed: Int) throws {
        let solver = SimplexSolver(model: Self.baseModel(seed))
        let first = solver.solve()
        try #require(first.status == .optimal)
        let model = solver.model
        let j = try #require((0..<model.variables.count).first(where: {
            first.values[$0] > model.variables[$0].lower + 0.5 && first.values[$0] < model.variables[$0].upper - 0.5
        }))
        solver.setBounds(j, lower: model.variables[j].lower, upper: (first.values[j] - 0.5).rounded(.down))
        Self.warmMatchesColdAndIsFaster(solver)
        // And back up: the other branch.
        solver.setBounds(j, lower: (first.values[j] + 0.5).rounded(.up), upper: model.variables[j].upper)
        let warm2 = solver.solve()
        Self.sameResult(warm2, SimplexSolver(model: solver.model).solve(), solver.model)
    }

    @Test(arguments: 0..<6)
    func setCostReoptimizesWithPrimal(seed: Int) throws {
        let solver = SimplexSolver(model: Self.baseModel(seed))
        try #require(solver.solve().status == .optimal)
        var rng = TestRandom(seed: UInt64(seed) + 77)
        for _ in 0..<3 {
            let j = rng.int(0, solver.model.variables.count - 1)
            solver.setCost(j, solver.model.variables[j].cost + rng.uniform(-3, 3))
        }
        Self.warmMatchesColdAndIsFaster(solver)
    }

    @Test(arguments: 0..<6)
    func addVariableReoptimizes(seed: Int) throws {
        let solver = SimplexSolver(model: Self.baseModel(seed))
        let first = solver.solve()
        try #require(first.status == .optimal)
        var rng = TestRandom(seed: UInt64(seed) + 99)
        let m = solver.model.constraints.count
        // Column generation: new columns priced by the current duals with reduced cost ∓1.
        for _ in 0..<2 {
            var entries: [(row: Int, coefficient: Double)] = []
            var priced = 0.0
            for i in 0..<m where rng.uniform(0, 1) < 0.3 {
                let a = Double(rng.int(-5, 5))
                entries.append((i, a))
                priced += a * first.rowDuals[i]
            }
            let cost = solver.model.sense == .minimize ? priced - 1 : priced + 1
            solver.addVariable(Variable(lower: 0, upper: 10, cost: cost), entries: entries)
        }
        Self.warmMatchesColdAndIsFaster(solver)
    }

    @Test(arguments: 0..<4)
    func setRowBounds(seed: Int) throws {
        let solver = SimplexSolver(model: Self.baseModel(seed))
        try #require(solver.solve().status == .optimal)
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
