/// Where a nonbasic variable sits, or that it is basic.
enum VariableState: UInt8, Sendable {
    case basic
    case atLower
    case atUpper
    /// Nonbasic free variable held at zero.
    case atZero
}

/// How one run of a simplex loop ended.
enum SimplexOutcome: Sendable, Equatable {
    case optimal
    case infeasible
    case unbounded
    case iterationLimit
    case timeLimit
    /// Feasibility the loop relied on was lost (after a refactorization); the driver chooses again.
    case restart
}

/// Tolerances of the simplex method, in the scaled problem.
enum SimplexTolerance {
    /// A basic variable may violate a bound by this much and still count as feasible.
    static let primal = 1e-7
    /// A reduced cost may have the wrong sign by this much and still count as optimal.
    static let dual = 1e-7
    /// Pivot-row entries smaller than this may not pivot in the dual ratio test.
    static let dualPivot = 1e-7
    /// Column entries smaller than this may not pivot in the primal ratio test.
    static let primalPivot = 1e-9
    /// Relative disagreement between the row and column forms of the pivot element that
    /// signals a stale factorization.
    static let pivotAgreement = 1e-6
}

/// The numerical core: a bounded-variable revised simplex over the scaled, minimizing form
/// `A x − r = 0`, `l ≤ (x, r) ≤ u`, one logical variable `r_i` per row. Variables
/// `0..<n` are structural, `n..<n+m` logical. Value type so that loops run with static
/// exclusivity checks only.
struct SimplexEngine {
    /// Updates between refactorizations (product-form etas grow; 100 is the usual choice).
    static let refactorInterval = 100
    /// Largest magnitude of the random cost perturbation relative to `1 + |c_j|`.
    static let perturbationScale = 5e-7
    /// Passes between dual and primal phases before giving up (guards against ping-pong).
    static let maxDriverPasses = 12
    /// Below this density of ρ the pivot row is computed row-wise (cost ∝ rows touched),
    /// above it column-wise; measured on d2q06c, where row-wise still wins at 30–40%.
    static let rowWisePricingDensity = 0.4
    /// Box used for free variables in the dual phase-1 subproblem.
    static let phaseOneFreeBox = 1000.0

    var n = 0
    var m = 0
    // Structural columns (scaled), the master copy that modifications edit.
    var colRows: [[Int]] = []
    var colVals: [[Double]] = []
    // Flat column and row copies, rebuilt when `matrixDirty`.
    var cscStart: [Int] = [0]
    var cscRow: [Int] = []
    var cscVal: [Double] = []
    var csrStart: [Int] = [0]
    var csrCol: [Int] = []
    var csrVal: [Double] = []
    var matrixDirty = true

    var cost: [Double] = []
    var lower: [Double] = []
    var upper: [Double] = []
    var x: [Double] = []
    var d: [Double] = []
    var state: [VariableState] = []
    /// Variable in each basis position.
    var basic: [Int] = []
    /// Basis position of each variable, −1 when nonbasic.
    var position: [Int] = []
    var lu: SparseLU? = nil
    /// Dual steepest-edge weights ‖e_rᵀB⁻¹‖² per basis position.
    var weights: [Double] = []

    var iterations = 0
    var iterationLimit = Int.max
    var deadline: ContinuousClock.Instant? = nil
    private var randomState: UInt64 = 0x9E37_79B9_7F4A_7C15

    // Work vectors, kept to avoid reallocation.
    var workM: [Double] = []
    var workM2: [Double] = []
    var rowAlpha: [Double] = []
    var rowAlphaIndex: [Int] = []

    var total: Int { n + m }

    // MARK: building

    mutating func appendStructural(rows: [Int], values: [Double], cost c: Double, lower l: Double, upper u: Double) {
        // Logical variables follow the structurals: shift their indices by one.
        let j = n
        colRows.append(rows)
        colVals.append(values)
        cost.insert(c, at: j)
        lower.insert(l, at: j)
        upper.insert(u, at: j)
        let s = nonbasicState(lower: l, upper: u)
        state.insert(s, at: j)
        x.insert(nonbasicValue(s, lower: l, upper: u), at: j)
        d.insert(c, at: j)
        position.insert(-1, at: j)
        for k in 0..<basic.count where basic[k] >= j { basic[k] += 1 }
        n += 1
        matrixDirty = true
    }

    /// Appends a row `lo ≤ Σ a_j x_j ≤ hi` (already scaled) with its logical variable basic.
    mutating func appendRow(indices: [Int], values: [Double], lower l: Double, upper u: Double) {
        let i = m
        var activity = 0.0
        for (j, a) in zip(indices, values) where j >= 0 && j < n {
            colRows[j].append(i)
            colVals[j].append(a)
            activity += a * x[j]
        }
        m += 1
        cost.append(0)
        lower.append(l)
        upper.append(u)
        x.append(activity)
        d.append(0)
        state.append(.basic)
        position.append(basic.count)
        basic.append(n + i)
        weights.append(1)
        matrixDirty = true
        lu = nil
    }

    func nonbasicState(lower l: Double, upper u: Double) -> VariableState {
        if l.isFinite { return .atLower }
        if u.isFinite { return .atUpper }
        return .atZero
    }

    func nonbasicValue(_ s: VariableState, lower l: Double, upper u: Double) -> Double {
        switch s {
        case .atLower: return l
        case .atUpper: return u
        default: return 0
        }
    }

    /// Puts a nonbasic variable on the bound its state names, after its bounds changed.
    mutating func resetNonbasic(_ j: Int) {
        guard state[j] != .basic else { return }
        var s = state[j]
        if s == .atLower && !lower[j].isFinite { s = upper[j].isFinite ? .atUpper : .atZero }
        if s == .atUpper && !upper[j].isFinite { s = lower[j].isFinite ? .atLower : .atZero }
        if s == .atZero { s = nonbasicState(lower: lower[j], upper: upper[j]) }
        state[j] = s
        x[j] = nonbasicValue(s, lower: lower[j], upper: upper[j])
    }

    mutating func rebuildMatrixIfNeeded() {
        guard matrixDirty else { return }
        cscStart = [0]
        cscStart.reserveCapacity(n + 1)
        cscRow = []
        cscVal = []
        var rowCount = [Int](repeating: 0, count: m + 1)
        for j in 0..<n {
            cscRow.append(contentsOf: colRows[j])
            cscVal.append(contentsOf: colVals[j])
            cscStart.append(cscRow.count)
            for i in colRows[j] { rowCount[i + 1] += 1 }
        }
        for i in 0..<m { rowCount[i + 1] += rowCount[i] }
        csrStart = rowCount
        var fill = Array(rowCount.dropLast())
        csrCol = [Int](repeating: 0, count: cscRow.count)
        csrVal = [Double](repeating: 0, count: cscRow.count)
        for j in 0..<n {
            for e in cscStart[j]..<cscStart[j + 1] {
                let i = cscRow[e]
                csrCol[fill[i]] = j
                csrVal[fill[i]] = cscVal[e]
                fill[i] += 1
            }
        }
        matrixDirty = false
        if workM.count != m {
            workM = [Double](repeating: 0, count: m)
            workM2 = [Double](repeating: 0, count: m)
        }
        if rowAlpha.count != n + m { rowAlpha = [Double](repeating: 0, count: n + m) }
    }

    // MARK: basis

    /// Refactorizes the basis; dependent columns are swapped for logicals.
    mutating func refactor() {
        let csc = (cscStart, cscRow, cscVal)
        let nn = n
        let basis = basic
        let minusOne: [Double] = [-1]
        var logicalRow = [0]
        let factor = SparseLU(m: m) { k in
            let j = basis[k]
            if j < nn {
                return (csc.1[csc.0[j]..<csc.0[j + 1]], csc.2[csc.0[j]..<csc.0[j + 1]])
            }
            logicalRow[0] = j - nn
            return (logicalRow[0...0], minusOne[0...0])
        }
        // Two passes: a logical named for a free row may itself sit at a dependent position.
        for (k, _) in factor.replacements {
            let old = basic[k]
            position[old] = -1
            state[old] = nonbasicState(lower: lower[old], upper: upper[old])
            x[old] = nonbasicValue(state[old], lower: lower[old], upper: upper[old])
        }
        for (k, r) in factor.replacements {
            let logical = n + r
            basic[k] = logical
            position[logical] = k
            state[logical] = .basic
            weights[k] = 1
        }
        lu = factor
    }

    /// x_B = −B⁻¹ Σ_{j nonbasic} a_j x_j.
    mutating func computePrimal() {
        var rhs = [Double](repeating: 0, count: m)
        for j in 0..<n where state[j] != .basic {
            let v = x[j]
            if v == 0 { continue }
            for e in cscStart[j]..<cscStart[j + 1] { rhs[cscRow[e]] -= cscVal[e] * v }
        }
        for i in 0..<m where state[n + i] != .basic { rhs[i] += x[n + i] }
        lu?.ftran(&rhs, work: &workM)
        for k in 0..<m { x[basic[k]] = rhs[k] }
    }

    /// y = B⁻ᵀ c_B and d_j = c_j − a_jᵀ y for all variables (zero for basic ones).
    mutating func computeDual(costs c: [Double]) -> [Double] {
        var y = [Double](repeating: 0, count: m)
        for k in 0..<m { y[k] = c[basic[k]] }
        lu?.btran(&y, work: &workM)
        for j in 0..<n {
            if state[j] == .basic { d[j] = 0; continue }
            var s = c[j]
            for e in cscStart[j]..<cscStart[j + 1] { s -= cscVal[e] * y[cscRow[e]] }
            d[j] = s
        }
        for i in 0..<m { d[n + i] = state[n + i] == .basic ? 0 : c[n + i] + y[i] }
        return y
    }

    /// Column of variable `j` in `[A | −I]`, scattered into a dense row-indexed vector.
    func scatterColumn(_ j: Int, into v: inout [Double]) {
        if j < n {
            for e in cscStart[j]..<cscStart[j + 1] { v[cscRow[e]] = cscVal[e] }
        } else {
            v[j - n] = -1
        }
    }

    /// B⁻¹ a_j, indexed by basis position.
    mutating func ftranColumn(_ j: Int) -> [Double] {
        var v = [Double](repeating: 0, count: m)
        scatterColumn(j, into: &v)
        lu?.ftran(&v, work: &workM)
        return v
    }

    /// Row `r` of B⁻¹ (indexed by constraint row).
    mutating func btranUnit(_ r: Int) -> [Double] {
        var v = [Double](repeating: 0, count: m)
        v[r] = 1
        lu?.btran(&v, work: &workM)
        return v
    }

    /// Computes `rowAlpha[j] = ρᵀ a_j` for nonbasic non-fixed j; indices listed in `rowAlphaIndex`.
    mutating func computePivotRow(_ rho: [Double]) {
        for j in rowAlphaIndex { rowAlpha[j] = 0 }
        rowAlphaIndex.removeAll(keepingCapacity: true)
        var nonzeros = 0
        for v in rho where v != 0 { nonzeros += 1 }
        if Double(nonzeros) < Self.rowWisePricingDensity * Double(m) {
            for i in 0..<m where rho[i] != 0 {
                let ri = rho[i]
                for e in csrStart[i]..<csrStart[i + 1] {
                    let j = csrCol[e]
                    if state[j] == .basic { continue }
                    if rowAlpha[j] == 0 { rowAlphaIndex.append(j) }
                    rowAlpha[j] += ri * csrVal[e]
                    if rowAlpha[j] == 0 { rowAlpha[j] = 1e-300 }
                }
            }
        } else {
            for j in 0..<n where state[j] != .basic && lower[j] != upper[j] {
                var s = 0.0
                for e in cscStart[j]..<cscStart[j + 1] { s += cscVal[e] * rho[cscRow[e]] }
                if s != 0 {
                    rowAlpha[j] = s
                    rowAlphaIndex.append(j)
                }
            }
        }
        for i in 0..<m where rho[i] != 0 && state[n + i] != .basic {
            rowAlpha[n + i] = -rho[i]
            rowAlphaIndex.append(n + i)
        }
    }

    /// Replaces the basic variable at position `r` by `q`; `leaving` goes to state `s`.
    mutating func pivotBasis(position r: Int, entering q: Int, alpha: [Double], leavingState s: VariableState) {
        let leaving = basic[r]
        basic[r] = q
        position[q] = r
        state[q] = .basic
        position[leaving] = -1
        state[leaving] = s
        d[q] = 0
        lu?.update(position: r, alpha: alpha)
    }

    var needsRefactor: Bool {
        guard let f = lu else { return true }
        return f.updateCount >= Self.refactorInterval || f.etaNonzeros > 3 * f.factorNonzeros + 4 * m
    }

    // MARK: feasibility measures

    func primalInfeasibility(_ j: Int, lower l: [Double], upper u: [Double]) -> Double {
        let v = x[j]
        if v < l[j] - SimplexTolerance.primal { return l[j] - v }
        if v > u[j] + SimplexTolerance.primal { return v - u[j] }
        return 0
    }

    func isPrimalFeasible(lower l: [Double], upper u: [Double]) -> Bool {
        for j in basic where primalInfeasibility(j, lower: l, upper: u) > 0 { return false }
        return true
    }

    /// Moves boxed nonbasic variables to the bound their reduced cost prefers; returns how many
    /// nonbasic variables remain dual infeasible.
    mutating func flipToDualFeasible(lower l: [Double], upper u: [Double]) -> (flipped: Bool, infeasible: Int) {
        var flipped = false
        var bad = 0
        let tol = SimplexTolerance.dual
        for j in 0..<total where state[j] != .basic && l[j] != u[j] {
            let dj = d[j]
            switch state[j] {
            case .atLower where dj < -tol:
                if u[j].isFinite { state[j] = .atUpper; x[j] = u[j]; flipped = true } else { bad += 1 }
            case .atUpper where dj > tol:
                if l[j].isFinite { state[j] = .atLower; x[j] = l[j]; flipped = true } else { bad += 1 }
            case .atZero where abs(dj) > tol:
                bad += 1
            default:
                break
            }
        }
        return (flipped, bad)
    }

    mutating func nextRandom() -> Double {
        randomState = randomState &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(randomState >> 11) / Double(1 << 53)
    }

    func limitReached() -> SimplexOutcome? {
        if iterations >= iterationLimit { return .iterationLimit }
        if let dl = deadline, ContinuousClock.now >= dl { return .timeLimit }
        return nil
    }
}
