import Testing
@testable import Optimization

/// Deterministic generator (SplitMix64) so random instances are the same on every run.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The optimum of a pure integer model with finite bounds by trying every point; nil when infeasible.
private func enumerate(_ model: LinearModel) -> Double? {
    let lower = model.variables.map { Int($0.lower) }
    let upper = model.variables.map { Int($0.upper) }
    var point = lower
    var best: Double?
    while true {
        let feasible = model.constraints.allSatisfy { row in
            let activity = zip(row.indices, row.coefficients).reduce(0.0) { $0 + $1.1 * Double(point[$1.0]) }
            return activity >= row.lower - 1e-9 && activity <= row.upper + 1e-9
        }
        if feasible {
            let value = model.objectiveOffset
                + zip(model.variables, point).reduce(0.0) { $0 + $1.0.cost * Double($1.1) }
            if let current = best {
                best = model.sense == .minimize ? min(current, value) : max(current, value)
            } else {
                best = value
            }
        }
        var k = 0
        while k < point.count && point[k] == upper[k] {
            point[k] = lower[k]
            k += 1
        }
        if k == point.count { return best }
        point[k] += 1
    }
}

/// Enumeration of a model whose infinite upper bounds are replaced by `upper`.
private func enumerateWithin(_ model: LinearModel, upper: Double) -> Double? {
    var bounded = model
    for j in bounded.variables.indices where bounded.variables[j].upper.isInfinite { bounded.variables[j].upper = upper }
    return enumerate(bounded)
}

/// Knapsack optimum by dynamic programming over integer capacities (items may repeat up to count).
private func knapsackByDynamicProgramming(weights: [Double], values: [Double], counts: [Double], capacity: Int) -> Double {
    var best = Array(repeating: 0.0, count: capacity + 1)
    for (k, weight) in weights.enumerated() {
        for _ in 0..<Int(counts[k]) {
            for c in stride(from: capacity, through: Int(weight), by: -1) {
                best[c] = max(best[c], best[c - Int(weight)] + values[k])
            }
        }
    }
    return best[capacity]
}

/// A random pure integer program: integer coefficients, rows one- or two-sided or equalities.
private func randomModel(_ rng: inout SplitMix64, variables n: Int, rows m: Int, bounds: ClosedRange<Int>) -> LinearModel {
    var model = LinearModel(sense: Bool.random(using: &rng) ? .minimize : .maximize)
    for j in 0..<n {
        let a = Int.random(in: bounds, using: &rng), b = Int.random(in: bounds, using: &rng)
        model.addVariable(Variable(lower: Double(min(a, b)), upper: Double(max(a, b)),
                                   cost: Double(Int.random(in: -9...9, using: &rng)), isInteger: true, name: "x\(j)"))
    }
    for _ in 0..<m {
        let indices = (0..<n).filter { _ in Int.random(in: 0..<3, using: &rng) > 0 }
        let coefficients = indices.map { _ in Double(Int.random(in: -5...5, using: &rng)) }
        let center = Double(Int.random(in: -6...10, using: &rng))
        let lower: Double, upper: Double
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: (lower, upper) = (-.infinity, center)
        case 1: (lower, upper) = (center, .infinity)
        case 2: (lower, upper) = (center, center)
        default: (lower, upper) = (center - Double(Int.random(in: 0...6, using: &rng)), center)
        }
        model.addConstraint(Constraint(indices: indices, coefficients: coefficients, lower: lower, upper: upper))
    }
    model.objectiveOffset = Double(Int.random(in: -3...3, using: &rng))
    return model
}

/// Checks a solve against enumeration: same status, same optimum, a feasible point achieving it.
private func expectMatchesEnumeration(_ model: LinearModel, _ solution: MIPSolution, _ label: String) {
    guard let optimum = enumerate(model) else {
        #expect(solution.status == .infeasible, "\(label): enumeration finds no point")
        #expect(solution.values == nil, "\(label)")
        return
    }
    #expect(solution.status == .optimal, "\(label)")
    #expect(abs(solution.objective - optimum) <= 1e-6 * max(1, abs(optimum)), "\(label): \(solution.objective) vs \(optimum)")
    guard let values = solution.values else {
        Issue.record("\(label): no point returned")
        return
    }
    let heuristic = RoundingHeuristic(constraints: model.constraints, variables: model.variables, columns: ColumnView(model: model))
    #expect(heuristic.isFeasible(values), "\(label): returned point infeasible")
    let value = model.objectiveOffset + zip(model.variables, values).reduce(0.0) { $0 + $1.0.cost * $1.1 }
    #expect(abs(value - solution.objective) <= 1e-6 * max(1, abs(value)), "\(label): point does not achieve objective")
}

/// Exact gaps, so results compare with enumeration exactly.
private let exact = MIPOptions(relativeGap: 0, absoluteGap: 1e-9)

@Suite struct BranchAndBoundTests {
    @Test func randomBinaryProgramsMatchEnumeration() {
        var rng = SplitMix64(state: 1)
        for instance in 0..<400 {
            let model = randomModel(&rng, variables: Int.random(in: 1...9, using: &rng),
                                    rows: Int.random(in: 1...4, using: &rng), bounds: 0...1)
            expectMatchesEnumeration(model, MIPSolver(model: model, options: exact).solve(), "binary #\(instance)")
        }
    }

    @Test func randomBoundedIntegerProgramsMatchEnumeration() {
        var rng = SplitMix64(state: 2)
        for instance in 0..<400 {
            let model = randomModel(&rng, variables: Int.random(in: 1...4, using: &rng),
                                    rows: Int.random(in: 1...4, using: &rng), bounds: -3...4)
            expectMatchesEnumeration(model, MIPSolver(model: model, options: exact).solve(), "integer #\(instance)")
        }
    }

    /// Selection-shaped programs: choose k of several types with per-type counts and quota rows.
    @Test func quotaProgramsMatchEnumerationAcrossObjectiveChanges() {
        var rng = SplitMix64(state: 3)
        for instance in 0..<40 {
            let types = Int.random(in: 3...6, using: &rng)
            var model = LinearModel(sense: .maximize)
            for t in 0..<types {
                model.addVariable(Variable(lower: 0, upper: Double(Int.random(in: 1...3, using: &rng)),
                                           cost: 0, isInteger: true, name: "t\(t)"))
            }
            model.addConstraint(Constraint(indices: Array(0..<types), coefficients: Array(repeating: 1, count: types),
                                           lower: 4, upper: 4))
            for _ in 0..<3 {
                let members = (0..<types).filter { _ in Bool.random(using: &rng) }
                let lo = Double(Int.random(in: 0...2, using: &rng))
                model.addConstraint(Constraint(indices: members, coefficients: Array(repeating: 1, count: members.count),
                                               lower: lo, upper: lo + Double(Int.random(in: 0...2, using: &rng))))
            }
            let solver = MIPSolver(model: model, options: exact)
            for round in 0..<8 {
                let weights = (0..<types).map { _ in Double.random(in: -1...1, using: &rng) }
                solver.setObjective(weights)
                for j in 0..<types { model.variables[j].cost = weights[j] }
                expectMatchesEnumeration(model, solver.solve(), "quota #\(instance) round \(round)")
            }
        }
    }

    /// Rosetta Code "Knapsack problem/0-1": 22 items, capacity 400, optimum 1030.
    @Test func zeroOneKnapsackKnownOptimum() {
        let weights: [Double] = [9, 13, 153, 50, 15, 68, 27, 39, 23, 52, 11, 32, 24, 48, 73, 42, 43, 22, 7, 18, 4, 30]
        let values: [Double] = [150, 35, 200, 160, 60, 45, 60, 40, 30, 10, 70, 30, 15, 10, 40, 70, 75, 80, 20, 12, 50, 10]
        var model = LinearModel(sense: .maximize)
        for value in values { model.addVariable(Variable(lower: 0, upper: 1, cost: value, isInteger: true)) }
        model.addConstraint(Constraint(indices: Array(weights.indices), coefficients: weights, upper: 400))
        let solution = MIPSolver(model: model, options: exact).solve()
        #expect(solution.status == .optimal)
        #expect(solution.objective == 1030)
        #expect(knapsackByDynamicProgramming(weights: weights, values: values, counts: Array(repeating: 1, count: 22),
                                             capacity: 400) == 1030)
        #expect(solution.bestBound >= 1030 - 1e-6 && solution.gap <= 1e-9)
        let weight = zip(weights, solution.values ?? []).reduce(0.0) { $0 + $1.0 * $1.1 }
        #expect(weight <= 400)
    }

    /// Rosetta Code "Knapsack problem/Bounded": items with counts, capacity 400, optimum 1010.
    @Test func boundedKnapsackKnownOptimum() {
        let weights: [Double] = [9, 13, 153, 50, 15, 68, 27, 39, 23, 52, 11, 32, 24, 48, 73, 42, 43, 22, 7, 18, 4, 30]
        let values: [Double] = [150, 35, 200, 60, 60, 45, 60, 40, 30, 10, 70, 30, 15, 10, 40, 70, 75, 80, 20, 12, 50, 10]
        let counts: [Double] = [1, 1, 2, 2, 2, 3, 3, 3, 1, 3, 1, 1, 2, 2, 1, 1, 1, 1, 1, 2, 1, 2]
        var model = LinearModel(sense: .maximize)
        for (value, count) in zip(values, counts) {
            model.addVariable(Variable(lower: 0, upper: count, cost: value, isInteger: true))
        }
        model.addConstraint(Constraint(indices: Array(weights.indices), coefficients: weights, upper: 400))
        let solution = MIPSolver(model: model, options: exact).solve()
        #expect(solution.status == .optimal)
        #expect(solution.objective == 1010)
        #expect(knapsackByDynamicProgramming(weights: weights, values: values, counts: counts, capacity: 400) == 1010)
    }

    /// An integer program read from MPS (markers, a BV bound, an objective constant), solved:
    /// max 5a + 4b + 3c + 7 s.t. 2a + 3b + c ≤ 5, 4a + b + 2c ≤ 11, 3a + 4b + 2c ≤ 8, integers ≥ 0, c ≤ 1
    /// (Chvátal's textbook LP with integrality): the best integer point is a = 2, b = 0, c = 1.
    @Test func integerProgramFromMPS() throws {
        let text = """
            NAME CHVATAL
            OBJSENSE
                MAXIMIZE
            ROWS
             N profit
             L r1
             L r2
             L r3
            COLUMNS
             M1 'MARKER' 'INTORG'
             a profit 5 r1 2
             a r2 4 r3 3
             b profit 4 r1 3
             b r2 1 r3 4
             M2 'MARKER' 'INTEND'
             c profit 3 r1 1
             c r2 2 r3 2
            RHS
             rhs profit -7
             rhs r1 5 r2 11
             rhs r3 8
            BOUNDS
             BV bnd c
            ENDATA
            """
        let model = try MPSReader.parse(text).model
        let solution = MIPSolver(model: model, options: exact).solve()
        #expect(solution.status == .optimal)
        #expect(solution.objective == 20)
        #expect(solution.values == [2, 0, 1])
        #expect(enumerateWithin(model, upper: 5) == 20)
    }

    @Test func oddEqualityHasNoIntegerSolution() {
        var model = LinearModel()
        model.addVariable(Variable(lower: 0, upper: .infinity, cost: 1, isInteger: true))
        model.addConstraint(Constraint(indices: [0], coefficients: [2], lower: 1, upper: 1))
        let solution = MIPSolver(model: model).solve()
        #expect(solution.status == .infeasible)
        #expect(solution.values == nil)
        #expect(solution.objective == .infinity)
    }

    /// x + y = 1.5 has LP solutions everywhere on a segment but no integer one: branching must prove it.
    @Test func infeasibilityFoundByBranching() {
        var model = LinearModel(sense: .maximize)
        model.addVariable(Variable(lower: 0, upper: 5, cost: 1, isInteger: true))
        model.addVariable(Variable(lower: 0, upper: 5, cost: 2, isInteger: true))
        model.addConstraint(Constraint(indices: [0, 1], coefficients: [2, 2], lower: 3, upper: 3))
        let solution = MIPSolver(model: model).solve()
        #expect(solution.status == .infeasible)
        #expect(solution.objective == -.infinity)
    }

    @Test func unboundedIntegerProgram() {
        var model = LinearModel(sense: .maximize)
        model.addVariable(Variable(lower: 0, upper: .infinity, cost: 1, isInteger: true))
        model.addVariable(Variable(lower: 0, upper: .infinity, cost: 1, isInteger: true))
        model.addVariable(Variable(lower: 0, upper: 10, cost: 0.5))
        model.addConstraint(Constraint(indices: [0, 1], coefficients: [1, -1], upper: 1.5))
        model.addConstraint(Constraint(indices: [0, 2], coefficients: [3, 1], lower: 2.5))
        let solution = MIPSolver(model: model).solve()
        #expect(solution.status == .unbounded)
        #expect(solution.objective == .infinity)
        let point = solution.values ?? []
        #expect(point.count == 3 && point[0] == point[0].rounded() && point[1] == point[1].rounded())
        #expect(point.count == 3 && point[0] - point[1] <= 1.5 && 3 * point[0] + point[2] >= 2.5 - 1e-9)
    }

    /// LP relaxation unbounded (y is free to grow) but 2x + 2z = 3 has no integer point.
    @Test func unboundedRelaxationOfAnInfeasibleProgram() {
        var model = LinearModel(sense: .maximize)
        model.addVariable(Variable(lower: 0, upper: 5, cost: 1, isInteger: true))
        model.addVariable(Variable(lower: 0, upper: 5, cost: 0, isInteger: true))
        model.addVariable(Variable(lower: 0, upper: .infinity, cost: 1))
        model.addConstraint(Constraint(indices: [0, 1], coefficients: [2, 2], lower: 3, upper: 3))
        let solution = MIPSolver(model: model).solve()
        #expect(solution.status == .infeasible)
        #expect(solution.objective == -.infinity && solution.values == nil)
    }

    /// LP relaxation unbounded and no integer point: the feasibility search cannot end, so a limit stops it.
    @Test func unboundedRelaxationWithoutIntegerPointsStopsAtTheLimit() {
        var model = LinearModel(sense: .maximize)
        model.addVariable(Variable(lower: 0, upper: .infinity, cost: 1, isInteger: true))
        model.addVariable(Variable(lower: 0, upper: .infinity, cost: 0, isInteger: true))
        model.addConstraint(Constraint(indices: [0, 1], coefficients: [2, -2], lower: 1, upper: 1))
        let solution = MIPSolver(model: model, options: MIPOptions(nodeLimit: 200)).solve()
        #expect(solution.status == .nodeLimit)
        #expect(solution.values == nil && solution.gap == .infinity)
    }

    @Test func mixedIntegerEqualities() {
        // min x0 + 2 x1 + 0.5 y, x0 + x1 + y = 3.5, x0 − x1 = 1, y ≤ 1, x integer: x = (2, 1), y = 0.5.
        var model = LinearModel()
        model.addVariable(Variable(lower: 0, upper: 10, cost: 1, isInteger: true))
        model.addVariable(Variable(lower: 0, upper: 10, cost: 2, isInteger: true))
        model.addVariable(Variable(lower: 0, upper: 1, cost: 0.5))
        model.addConstraint(Constraint(indices: [0, 1, 2], coefficients: [1, 1, 1], lower: 3.5, upper: 3.5))
        model.addConstraint(Constraint(indices: [0, 1], coefficients: [1, -1], lower: 1, upper: 1))
        let solution = MIPSolver(model: model, options: exact).solve()
        #expect(solution.status == .optimal)
        #expect(abs(solution.objective - 4.25) < 1e-9)
        #expect(solution.values.map { zip($0, [2, 1, 0.5]).allSatisfy { abs($0 - $1) < 1e-7 } } == true)
    }

    /// A node limit stops early with an honest bound: incumbent ≤ optimum ≤ bound (maximizing).
    @Test func nodeLimitReportsAValidGap() {
        var rng = SplitMix64(state: 4)
        let n = 30
        var model = LinearModel(sense: .maximize)
        var weights: [Double] = []
        for _ in 0..<n {
            let weight = Double(Int.random(in: 20...60, using: &rng))
            weights.append(weight)
            model.addVariable(Variable(lower: 0, upper: 1, cost: weight + Double(Int.random(in: 0...5, using: &rng)),
                                       isInteger: true))
        }
        model.addConstraint(Constraint(indices: Array(0..<n), coefficients: weights, upper: weights.reduce(0, +) / 2 + 0.5))
        let full = MIPSolver(model: model, options: exact).solve()
        #expect(full.status == .optimal)
        let limited = MIPSolver(model: model, options: MIPOptions(nodeLimit: 3, relativeGap: 0, absoluteGap: 0)).solve()
        #expect(limited.nodes <= 3)
        #expect(limited.bestBound >= full.objective - 1e-6)
        if limited.status == .nodeLimit {
            if limited.values != nil {
                #expect(limited.objective <= full.objective + 1e-6)
                #expect(abs(limited.gap - (limited.bestBound - limited.objective) / abs(limited.objective)) < 1e-9)
            } else {
                #expect(limited.gap == .infinity)
            }
        } else {
            #expect(limited.status == .optimal && abs(limited.objective - full.objective) < 1e-6)
        }
    }

    @Test func timeLimitStopsTheSearch() {
        var rng = SplitMix64(state: 5)
        var model = LinearModel(sense: .maximize)
        let n = 60
        var weights: [Double] = []
        for _ in 0..<n {
            let weight = Double(Int.random(in: 1000...2000, using: &rng))
            weights.append(weight)
            model.addVariable(Variable(lower: 0, upper: 1, cost: weight + 0.001 * Double(Int.random(in: 0...9, using: &rng)),
                                       isInteger: true))
        }
        model.addConstraint(Constraint(indices: Array(0..<n), coefficients: weights, upper: weights.reduce(0, +) / 2))
        let solution = MIPSolver(model: model, options: MIPOptions(timeLimit: 0.2, relativeGap: 0, absoluteGap: 0)).solve()
        #expect(solution.status == .timeLimit || solution.status == .optimal)
        if solution.status == .timeLimit { #expect(solution.bestBound >= solution.objective) }
    }

    /// With no integer variables the answer is the LP optimum.
    @Test func continuousModelIsItsLP() {
        var model = LinearModel(sense: .maximize)
        model.addVariable(Variable(lower: 0, upper: 4, cost: 3))
        model.addVariable(Variable(lower: 0, upper: .infinity, cost: 2))
        model.addConstraint(Constraint(indices: [0, 1], coefficients: [1, 1], upper: 5.5))
        let solution = MIPSolver(model: model).solve()
        #expect(solution.status == .optimal)
        #expect(abs(solution.objective - 15.0) < 1e-9)
    }
}
