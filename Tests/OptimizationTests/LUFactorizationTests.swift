import Testing
@testable import Optimization

/// The sparse LU of a basis: solves with B and Bᵀ (checked by residuals against the matrix
/// itself), product-form updates, and dependent columns replaced by slacks.
@Suite struct LUFactorizationTests {
    /// A random sparse m×m matrix by columns, nonsingular in general: a permuted diagonal plus noise.
    static func randomColumns(m: Int, seed: UInt64) -> [[(Int, Double)]] {
        var rng = TestRandom(seed: seed)
        var perm = Array(0..<m)
        for i in stride(from: m - 1, to: 0, by: -1) { perm.swapAt(i, rng.int(0, i)) }
        return (0..<m).map { k in
            var entries: [Int: Double] = [perm[k]: rng.uniform(1, 4) * (rng.int(0, 1) == 0 ? 1 : -1)]
            for _ in 0..<rng.int(0, 3) { entries[rng.int(0, m - 1), default: 0] += rng.uniform(-2, 2) }
            return entries.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }
    }

    static func factor(_ cols: [[(Int, Double)]]) -> SparseLU {
        SparseLU(m: cols.count) { k in
            (ArraySlice(cols[k].map(\.0)), ArraySlice(cols[k].map(\.1)))
        }
    }

    /// max |B x − b| for x = B⁻¹b from ftran, and max |Bᵀy − c| for y from btran.
    static func residuals(_ lu: SparseLU, _ cols: [[(Int, Double)]], seed: UInt64) -> (Double, Double) {
        let m = cols.count
        var rng = TestRandom(seed: seed)
        let b = (0..<m).map { _ in rng.uniform(-5, 5) }
        var x = b
        var work = [Double](repeating: 0, count: m)
        lu.ftran(&x, work: &work)
        var bx = [Double](repeating: 0, count: m)
        for k in 0..<m { for (i, a) in cols[k] { bx[i] += a * x[k] } }
        let ftranResidual = zip(bx, b).map { abs($0 - $1) }.max() ?? 0
        let c = (0..<m).map { _ in rng.uniform(-5, 5) }
        var y = c
        lu.btran(&y, work: &work)
        var worst = 0.0
        for k in 0..<m {
            var s = 0.0
            for (i, a) in cols[k] { s += a * y[i] }
            worst = max(worst, abs(s - c[k]))
        }
        return (ftranResidual, worst)
    }

    @Test(arguments: [(5, 1), (40, 2), (200, 3), (200, 4)])
    func solvesWithBasisAndTranspose(m: Int, seed: Int) {
        let cols = Self.randomColumns(m: m, seed: UInt64(seed))
        let lu = Self.factor(cols)
        #expect(lu.replacements.isEmpty)
        let (f, b) = Self.residuals(lu, cols, seed: 99)
        #expect(f < 1e-9 && b < 1e-9, "ftran \(f) btran \(b)")
    }

    /// Replacing columns one by one with eta updates must keep solves exact.
    @Test func productFormUpdates() {
        var cols = Self.randomColumns(m: 60, seed: 11)
        var lu = Self.factor(cols)
        var rng = TestRandom(seed: 5)
        var work = [Double](repeating: 0, count: 60)
        for _ in 0..<30 {
            let r = rng.int(0, 59)
            var newColumn: [(Int, Double)] = [(r, rng.uniform(2, 3))]
            let other = rng.int(0, 59)
            if other != r { newColumn.append((other, rng.uniform(-1, 1))) }
            var alpha = [Double](repeating: 0, count: 60)
            for (i, a) in newColumn { alpha[i] = a }
            lu.ftran(&alpha, work: &work)
            if abs(alpha[r]) < 1e-3 { continue }
            lu.update(position: r, alpha: alpha)
            cols[r] = newColumn.sorted { $0.0 < $1.0 }
        }
        #expect(lu.updateCount > 10)
        let (f, b) = Self.residuals(lu, cols, seed: 7)
        #expect(f < 1e-8 && b < 1e-8, "ftran \(f) btran \(b)")
    }

    /// A repeated column and an empty one are dependent: both positions get a slack of an unused row.
    @Test func dependentColumnsAreReplacedBySlacks() {
        var cols = Self.randomColumns(m: 8, seed: 3)
        cols[5] = cols[2]
        cols[6] = []
        let lu = Self.factor(cols)
        #expect(lu.replacements.count == 2)
        let replacedPositions = Set(lu.replacements.map(\.position))
        #expect(replacedPositions.contains(6))
        #expect(replacedPositions.contains(2) || replacedPositions.contains(5))
        for (position, row) in lu.replacements { cols[position] = [(row, -1)] }
        let (f, b) = Self.residuals(lu, cols, seed: 1)
        #expect(f < 1e-9 && b < 1e-9)
    }
}
