import Testing
@testable import Optimization

/// Random small LPs with bounded variables checked against brute-force vertex enumeration:
/// every choice of n active bounds or row sides is solved and the best feasible vertex wins.
@Suite struct VertexEnumerationTests {
    /// Best objective over all vertices, or nil if no vertex is feasible (the polytope is empty).
    static func bruteForce(_ model: LinearModel) -> Double? {
        let n = model.variables.count
        var planes: [([Double], Double)] = []
        for (j, v) in model.variables.enumerated() {
            var e = [Double](repeating: 0, count: n)
            e[j] = 1
            planes.append((e, v.lower))
            if v.upper != v.lower { planes.append((e, v.upper)) }
        }
        for c in model.constraints {
            var a = [Double](repeating: 0, count: n)
            for (j, v) in zip(c.indices, c.coefficients) { a[j] += v }
            if c.lower.isFinite { planes.append((a, c.lower)) }
            if c.upper.isFinite && c.upper != c.lower { planes.append((a, c.upper)) }
        }
        var best: Double? = nil
        var choice = Array(0..<n)
        func feasible(_ x: [Double]) -> Bool {
            for (j, v) in model.variables.enumerated() where x[j] < v.lower - 1e-7 || x[j] > v.upper + 1e-7 { return false }
            for c in model.constraints {
                var s = 0.0
                for (j, a) in zip(c.indices, c.coefficients) { s += a * x[j] }
                if s < c.lower - 1e-7 || s > c.upper + 1e-7 { return false }
            }
            return true
        }
        while true {
            if let x = solve(choice.map { planes[$0] }, n: n), feasible(x) {
                var obj = model.objectiveOffset
                for j in 0..<n { obj += model.variables[j].cost * x[j] }
                if let b = best {
                    best = model.sense == .minimize ? min(b, obj) : max(b, obj)
                } else {
                    best = obj
                }
            }
            // Next combination in lexicographic order.
            var k = n - 1
            while k >= 0 && choice[k] == planes.count - n + k { k -= 1 }
            if k < 0 { break }
            choice[k] += 1
            for t in (k + 1)..<n { choice[t] = choice[t - 1] + 1 }
        }
        return best
    }

    /// Gaussian elimination with partial pivoting; nil when singular.
    static func solve(_ rows: [([Double], Double)], n: Int) -> [Double]? {
        var a = rows.map { $0.0 + [$0.1] }
        for col in 0..<n {
            var p = col
            for r in col..<n where abs(a[r][col]) > abs(a[p][col]) { p = r }
            if abs(a[p][col]) < 1e-9 { return nil }
            a.swapAt(p, col)
            for r in 0..<n where r != col {
                let f = a[r][col] / a[col][col]
                if f == 0 { continue }
                for c in col...n { a[r][c] -= f * a[col][c] }
            }
        }
        return (0..<n).map { a[$0][n] / a[$0][$0] }
    }

    @Test(arguments: 0..<60)
    func randomBoundedLP(seed: Int) {
        var rng = TestRandom(seed: UInt64(seed) + 1000)
        let n = rng.int(2, 4)
        let m = rng.int(1, 4)
        var model = LinearModel(sense: seed % 2 == 0 ? .minimize : .maximize)
        for _ in 0..<n {
            let lower = Double(rng.int(-5, 0))
            let upper = rng.int(0, 5) == 0 ? lower : Double(rng.int(1, 8))
            model.addVariable(Variable(lower: lower, upper: upper, cost: Double(rng.int(-6, 6))))
        }
        for _ in 0..<m {
            let coef = (0..<n).map { _ in Double(rng.int(-4, 4)) }
            let mid = Double(rng.int(-10, 10))
            var lower = mid - Double(rng.int(0, 6))
            var upper = mid + Double(rng.int(0, 6))
            switch rng.int(0, 3) {
            case 0: lower = -.infinity
            case 1: upper = .infinity
            default: break
            }
            model.addConstraint(Constraint(indices: Array(0..<n), coefficients: coef, lower: lower, upper: upper))
        }
        let expected = Self.bruteForce(model)
        let s = model.solveLP()
        if let e = expected {
            #expect(s.status == .optimal)
            #expect(abs(s.objective - e) <= 1e-7 * (1 + abs(e)), "solver \(s.objective) vs enumeration \(e)")
            #expect(kktViolation(model, s) == nil)
        } else {
            #expect(s.status == .infeasible)
        }
    }

    /// Larger random feasible LPs (free, one-sided, fixed bounds; equality rows) must satisfy KKT.
    @Test(arguments: 0..<20)
    func randomFeasibleLPSatisfiesKKT(seed: Int) {
        let model = randomFeasibleModel(n: 30, m: 20, density: 0.3, seed: UInt64(seed))
        let s = model.solveLP()
        #expect(s.status == .optimal || s.status == .unbounded)
        if s.status == .optimal {
            #expect(kktViolation(model, s) == nil)
        }
    }
}
