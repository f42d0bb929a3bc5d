/// Summary statistics for reports on draws: how unequal selection chances or participation were,
/// and how far a composition is from a target. Pure functions on numbers.
public enum FairnessMetrics {
    /// The Gini coefficient of non-negative values: 0 when all are equal, approaching 1 when one
    /// holds everything. `G = Σᵢ (2i − n − 1)·xᵢ / (n·Σx)` over the values sorted ascending, i = 1…n
    /// (the mean-absolute-difference form, without small-sample correction). 0 for no values or a zero sum.
    public static func gini(_ values: [Double]) -> Double {
        let n = values.count
        let total = values.reduce(0, +)
        guard n > 0, total > 0 else { return 0 }
        var weighted = 0.0
        for (offset, value) in values.sorted().enumerated() {
            weighted += Double(2 * (offset + 1) - n - 1) * value
        }
        return weighted / (Double(n) * total)
    }

    /// The median: the middle value, or the mean of the two middle values; nil for no values.
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The total variation distance between two distributions over the same categories:
    /// ½ Σ |pᵢ − qᵢ|, from 0 (identical) to 1 (disjoint). Categories missing from one side count as 0.
    public static func totalVariation(_ p: [String: Double], _ q: [String: Double]) -> Double {
        let keys = Set(p.keys).union(q.keys)
        return keys.reduce(0) { $0 + abs((p[$1] ?? 0) - (q[$1] ?? 0)) } / 2
    }
}
