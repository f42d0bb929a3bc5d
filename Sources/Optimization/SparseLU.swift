/// Sparse LU factorization of a simplex basis with product-form (eta) updates.
///
/// The basis `B` is `m × m`; its column `k` (the basis position) is given as a sparse list.
/// Factorization is right-looking Gaussian elimination: singleton columns and rows first
/// (a basis is mostly slack columns and triangular parts), then a Markowitz choice among
/// the sparsest remaining columns with threshold partial pivoting. After a basis change,
/// `update` appends an eta column instead of refactoring; the caller refactors at intervals.
struct SparseLU {
    /// Entries smaller than this are treated as zero when choosing pivots.
    static let zeroTolerance = 1e-11
    /// Threshold pivoting: a pivot must be at least this fraction of its column's largest
    /// entry (0.1 trades a little fill for stability, as in most simplex codes).
    static let pivotThreshold = 0.1
    /// Markowitz search looks at this many sparsest columns; more rarely lowers fill.
    static let markowitzColumns = 4

    let m: Int
    // L as elimination etas in pivot order: row[pivotRow] multiplies into rows lRow.
    private var lPivotRow: [Int] = []
    private var lStart: [Int] = [0]
    private var lRow: [Int] = []
    private var lVal: [Double] = []
    // U by columns in pivot order: pivot row, basis position, diagonal, off-diagonals (earlier pivot rows).
    private var uPivotRow: [Int] = []
    private var uPosition: [Int] = []
    private var uDiag: [Double] = []
    private var uStart: [Int] = [0]
    private var uRow: [Int] = []
    private var uVal: [Double] = []
    // Product-form updates: position, pivot value and the other entries of B⁻¹a_q.
    private var etaPosition: [Int] = []
    private var etaPivot: [Double] = []
    private var etaStart: [Int] = [0]
    private var etaIndex: [Int] = []
    private var etaValue: [Double] = []

    /// Basis positions that turned out dependent, each paired with a row left without a pivot.
    /// The factorization treats those positions as the slack column `−e_row`; the caller must
    /// put that row's logical variable into the basis there.
    private(set) var replacements: [(position: Int, row: Int)] = []

    /// Number of eta updates since the last factorization.
    var updateCount: Int { etaPosition.count }
    /// Nonzeros in L and U (for deciding when etas have grown too large).
    var factorNonzeros: Int { lRow.count + uRow.count + m }
    var etaNonzeros: Int { etaIndex.count }

    /// Factorizes `B` whose column at position `k` has entries `columns(k)`.
    init(m: Int, columns: (Int) -> (rows: ArraySlice<Int>, values: ArraySlice<Double>)) {
        self.m = m
        var e = Elimination(m: m)
        for k in 0..<m {
            let c = columns(k)
            for (r, v) in zip(c.rows, c.values) where v != 0 {
                e.colRow[k].append(r)
                e.colVal[k].append(v)
                e.rowCols[r].append(k)
                e.rowCount[r] += 1
            }
        }
        e.run()
        lPivotRow = e.lPivotRow
        lStart = e.lStart
        lRow = e.lRow
        lVal = e.lVal
        uPivotRow = e.uPivotRow
        uPosition = e.uPosition
        uDiag = e.uDiag
        uStart = e.uStart
        uRow = e.uRow
        uVal = e.uVal
        replacements = e.replacements
    }

    /// Solves `B x = b` in place: on entry `x` is `b` indexed by row, on exit `x` by basis position.
    func ftran(_ x: inout [Double], work: inout [Double]) {
        for k in 0..<lPivotRow.count {
            let xp = x[lPivotRow[k]]
            if xp == 0 { continue }
            for e in lStart[k]..<lStart[k + 1] { x[lRow[e]] -= lVal[e] * xp }
        }
        for k in stride(from: uPivotRow.count - 1, through: 0, by: -1) {
            let z = x[uPivotRow[k]] / uDiag[k]
            work[uPosition[k]] = z
            if z == 0 { continue }
            for e in uStart[k]..<uStart[k + 1] { x[uRow[e]] -= uVal[e] * z }
        }
        swap(&x, &work)
        for k in 0..<etaPosition.count {
            let r = etaPosition[k]
            let xr = x[r] / etaPivot[k]
            x[r] = xr
            if xr == 0 { continue }
            for e in etaStart[k]..<etaStart[k + 1] { x[etaIndex[e]] -= etaValue[e] * xr }
        }
    }

    /// Solves `Bᵀ y = c` in place: on entry `y` is `c` indexed by basis position, on exit `y` by row.
    func btran(_ y: inout [Double], work: inout [Double]) {
        for k in stride(from: etaPosition.count - 1, through: 0, by: -1) {
            let r = etaPosition[k]
            var s = y[r]
            for e in etaStart[k]..<etaStart[k + 1] { s -= etaValue[e] * y[etaIndex[e]] }
            y[r] = s / etaPivot[k]
        }
        for k in 0..<uPivotRow.count {
            var s = y[uPosition[k]]
            for e in uStart[k]..<uStart[k + 1] { s -= uVal[e] * work[uRow[e]] }
            work[uPivotRow[k]] = s / uDiag[k]
        }
        swap(&y, &work)
        for k in stride(from: lPivotRow.count - 1, through: 0, by: -1) {
            var s = 0.0
            for e in lStart[k]..<lStart[k + 1] { s += lVal[e] * y[lRow[e]] }
            if s != 0 { y[lPivotRow[k]] -= s }
        }
    }

    /// Records that the column at `position` was replaced by one whose FTRAN result is `alpha`
    /// (indexed by basis position). Entries below `dropTolerance` are not stored.
    mutating func update(position: Int, alpha: [Double], dropTolerance: Double = 1e-14) {
        etaPosition.append(position)
        etaPivot.append(alpha[position])
        for (i, a) in alpha.enumerated() where i != position && abs(a) > dropTolerance {
            etaIndex.append(i)
            etaValue.append(a)
        }
        etaStart.append(etaIndex.count)
    }
}

/// The right-looking elimination behind `SparseLU.init`, as a value type so that its loops run
/// without closure captures (which would box the arrays and check exclusivity dynamically).
private struct Elimination {
    let m: Int
    // Active submatrix by columns (exact) and row patterns (may list finished columns).
    var colRow: [[Int]]
    var colVal: [[Double]]
    var rowCols: [[Int]]
    var rowCount: [Int]
    var rowDone: [Bool]
    var colDone: [Bool]
    // Active columns kept in a list with positions for O(1) removal.
    var active: [Int]
    var activeAt: [Int]
    var colStack: [Int] = []
    var rowStack: [Int] = []
    // U entries found so far for each not-yet-pivoted column (rows pivoted earlier).
    var pendingURow: [[Int]]
    var pendingUVal: [[Double]]
    var scatter: [Int]
    var singular: [Int] = []
    // Output, as in SparseLU.
    var lPivotRow: [Int] = []
    var lStart: [Int] = [0]
    var lRow: [Int] = []
    var lVal: [Double] = []
    var uPivotRow: [Int] = []
    var uPosition: [Int] = []
    var uDiag: [Double] = []
    var uStart: [Int] = [0]
    var uRow: [Int] = []
    var uVal: [Double] = []
    var replacements: [(position: Int, row: Int)] = []

    init(m: Int) {
        self.m = m
        colRow = [[Int]](repeating: [], count: m)
        colVal = [[Double]](repeating: [], count: m)
        rowCols = [[Int]](repeating: [], count: m)
        rowCount = [Int](repeating: 0, count: m)
        rowDone = [Bool](repeating: false, count: m)
        colDone = [Bool](repeating: false, count: m)
        active = Array(0..<m)
        activeAt = Array(0..<m)
        pendingURow = [[Int]](repeating: [], count: m)
        pendingUVal = [[Double]](repeating: [], count: m)
        scatter = [Int](repeating: -1, count: m)
    }

    mutating func deactivate(_ q: Int) {
        let at = activeAt[q]
        let last = active.removeLast()
        if last != q {
            active[at] = last
            activeAt[last] = at
        }
        colDone[q] = true
    }

    func columnMax(_ q: Int) -> Double {
        var mx = 0.0
        for v in colVal[q] { mx = max(mx, abs(v)) }
        return mx
    }

    mutating func pivot(_ p: Int, _ q: Int) {
        guard let pi = colRow[q].firstIndex(of: p) else { return }
        let v = colVal[q][pi]
        // L column: the other entries of column q divided by the pivot.
        lPivotRow.append(p)
        let lFirst = lRow.count
        for (i, a) in zip(colRow[q], colVal[q]) where i != p {
            lRow.append(i)
            lVal.append(a / v)
            rowCount[i] -= 1
            if rowCount[i] == 1 { rowStack.append(i) }
        }
        let lEnd = lRow.count
        lStart.append(lEnd)
        // Row p: its other active entries become U entries and drive the elimination.
        let pattern = rowCols[p]
        for j in pattern where !colDone[j] && j != q {
            guard let at = colRow[j].firstIndex(of: p) else { continue }
            let apj = colVal[j][at]
            colRow[j].swapAt(at, colRow[j].count - 1)
            colVal[j].swapAt(at, colVal[j].count - 1)
            colRow[j].removeLast()
            colVal[j].removeLast()
            pendingURow[j].append(p)
            pendingUVal[j].append(apj)
            if lEnd > lFirst {
                for (e, i) in colRow[j].enumerated() { scatter[i] = e }
                for t in lFirst..<lEnd {
                    let i = lRow[t]
                    let e = scatter[i]
                    if e >= 0 {
                        colVal[j][e] -= lVal[t] * apj
                    } else {
                        scatter[i] = colRow[j].count
                        colRow[j].append(i)
                        colVal[j].append(-lVal[t] * apj)
                        rowCols[i].append(j)
                        rowCount[i] += 1
                    }
                }
                for i in colRow[j] { scatter[i] = -1 }
            }
            if colRow[j].count == 1 { colStack.append(j) }
        }
        rowDone[p] = true
        deactivate(q)
        uPivotRow.append(p)
        uPosition.append(q)
        uDiag.append(v)
        uRow.append(contentsOf: pendingURow[q])
        uVal.append(contentsOf: pendingUVal[q])
        uStart.append(uRow.count)
        pendingURow[q] = []
        pendingUVal[q] = []
        colRow[q] = []
        colVal[q] = []
    }

    mutating func run() {
        colStack = (0..<m).filter { colRow[$0].count == 1 }
        rowStack = (0..<m).filter { rowCount[$0] == 1 }
        while !active.isEmpty {
            // 1. Column singletons: no elimination at all.
            if let q = colStack.popLast() {
                if colDone[q] || colRow[q].count != 1 { continue }
                if abs(colVal[q][0]) <= SparseLU.zeroTolerance {
                    singular.append(q)
                    deactivate(q)
                    continue
                }
                pivot(colRow[q][0], q)
                continue
            }
            // 2. Row singletons: no fill.
            if let p = rowStack.popLast() {
                if rowDone[p] || rowCount[p] != 1 { continue }
                guard let q = rowCols[p].first(where: { !colDone[$0] && colRow[$0].contains(p) }),
                      let at = colRow[q].firstIndex(of: p) else { continue }
                let v = abs(colVal[q][at])
                if v > SparseLU.zeroTolerance && v >= SparseLU.pivotThreshold * columnMax(q) {
                    pivot(p, q)
                }
                continue
            }
            markowitzStep()
        }
        // Pair dependent positions with unpivoted rows; the slack −e_row pivots on itself.
        let freeRows = (0..<m).filter { !rowDone[$0] }
        for (q, r) in zip(singular, freeRows) {
            replacements.append((q, r))
            uPivotRow.append(r)
            uPosition.append(q)
            uDiag.append(-1)
            uStart.append(uRow.count)
        }
    }

    /// One pivot chosen by Markowitz cost among the sparsest columns, with threshold pivoting.
    mutating func markowitzStep() {
        var candidates: [(count: Int, col: Int)] = []
        var emptyCols: [Int] = []
        for q in active {
            let c = colRow[q].count
            if c == 0 { emptyCols.append(q); continue }
            if candidates.count < SparseLU.markowitzColumns {
                candidates.append((c, q))
                candidates.sort { $0.count < $1.count }
            } else if let last = candidates.last, c < last.count {
                candidates[candidates.count - 1] = (c, q)
                candidates.sort { $0.count < $1.count }
            }
        }
        for q in emptyCols {
            singular.append(q)
            deactivate(q)
        }
        var best = (p: -1, q: -1, cost: Int.max, size: 0.0)
        for (c, q) in candidates {
            let mx = columnMax(q)
            if mx <= SparseLU.zeroTolerance { continue }
            for (i, a) in zip(colRow[q], colVal[q]) where abs(a) >= SparseLU.pivotThreshold * mx {
                let cost = (rowCount[i] - 1) * (c - 1)
                if cost < best.cost || (cost == best.cost && abs(a) > best.size) {
                    best = (i, q, cost, abs(a))
                }
            }
        }
        if best.p >= 0 {
            pivot(best.p, best.q)
        } else {
            // Every candidate column is numerically zero.
            for (_, q) in candidates where !colDone[q] {
                singular.append(q)
                deactivate(q)
            }
        }
    }
}
