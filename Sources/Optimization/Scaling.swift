import Foundation

/// Row and column scale factors for a sparse matrix: a few passes of geometric-mean scaling
/// (each row and column divided by √(min·max) of its magnitudes), then columns equilibrated
/// to largest magnitude one. Factors are powers of two so that scaling is exact.
struct Scaling: Sendable {
    /// Geometric passes; gains beyond four are negligible on Netlib-like matrices.
    static let geometricPasses = 4

    var rowScale: [Double]
    var columnScale: [Double]

    static func identity(rows: Int, columns: Int) -> Scaling {
        Scaling(rowScale: [Double](repeating: 1, count: rows), columnScale: [Double](repeating: 1, count: columns))
    }

    /// `columns[j]` lists (row, value) entries of column j.
    static func compute(rows m: Int, columnRows: [[Int]], columnValues: [[Double]]) -> Scaling {
        let n = columnRows.count
        var r = [Double](repeating: 1, count: m)
        var c = [Double](repeating: 1, count: n)
        for _ in 0..<geometricPasses {
            var rowMin = [Double](repeating: .infinity, count: m)
            var rowMax = [Double](repeating: 0, count: m)
            for j in 0..<n {
                for (i, a) in zip(columnRows[j], columnValues[j]) where a != 0 {
                    let v = abs(a) * c[j]
                    rowMin[i] = min(rowMin[i], v)
                    rowMax[i] = max(rowMax[i], v)
                }
            }
            for i in 0..<m where rowMax[i] > 0 { r[i] = 1 / (rowMin[i] * rowMax[i]).squareRoot() }
            for j in 0..<n {
                var lo = Double.infinity
                var hi = 0.0
                for (i, a) in zip(columnRows[j], columnValues[j]) where a != 0 {
                    let v = abs(a) * r[i]
                    lo = min(lo, v)
                    hi = max(hi, v)
                }
                if hi > 0 { c[j] = 1 / (lo * hi).squareRoot() }
            }
        }
        for j in 0..<n {
            var hi = 0.0
            for (i, a) in zip(columnRows[j], columnValues[j]) { hi = max(hi, abs(a) * r[i] * c[j]) }
            if hi > 0 { c[j] /= hi }
        }
        return Scaling(rowScale: r.map(powerOfTwo), columnScale: c.map(powerOfTwo))
    }

    /// Scale for a row added later, given its entries already multiplied by column scales.
    static func rowFactor(scaledMagnitudes v: [Double]) -> Double {
        var lo = Double.infinity
        var hi = 0.0
        for a in v where a != 0 {
            lo = min(lo, abs(a))
            hi = max(hi, abs(a))
        }
        return hi > 0 ? powerOfTwo(1 / (lo * hi).squareRoot()) : 1
    }

    /// Scale for a column added later, given its entries already multiplied by row scales.
    static func columnFactor(scaledMagnitudes v: [Double]) -> Double {
        var hi = 0.0
        for a in v { hi = max(hi, abs(a)) }
        return hi > 0 ? powerOfTwo(1 / hi) : 1
    }

    /// Nearest power of two (in the log sense), so that scaling introduces no rounding.
    static func powerOfTwo(_ v: Double) -> Double {
        guard v.isFinite, v > 0 else { return 1 }
        var e = v.exponent
        if v.significand > 1.4142135623730951 { e += 1 }
        return Double(sign: .plus, exponent: e, significand: 1)
    }
}
