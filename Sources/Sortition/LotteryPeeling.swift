/// Builds the m lottery panels straight from the exact probabilities, one panel at a time, so that
/// every type ends within one seat of `m · expected seats` — and, with its members taking seats
/// round-robin, every person within 1/m of their probability.
///
/// The residual `r_t` starts at `m · members(t) · p_t`. Each panel is found by `PanelDecomposition`
/// (greedy with repair, MIP fallback) inside bounds that keep the rest servable by the panels left:
/// a type takes at most `⌈r_t⌉` seats, and at least what the remaining panels could not absorb;
/// a row's seats keep its residual within one seat of what the remaining panels can hold. The
/// largest residuals go first, as in largest-remainder apportionment. This suits distributions
/// with many panels (more than m), where rounding panel weights has little to work with.
/// When a step finds no panel within those bounds (near the end, owed seats may no longer fit),
/// it takes any panel meeting the quotas, owed seats first, and reports that it went off track;
/// the person swaps of `LotterySwaps` then mend what they can. Nil only when no panel is found at all.
enum LotteryPeeling {
    /// Residual seats below this are spent.
    static let tolerance = 1e-9
    /// Added to the priority of types still owed a seat, so that optional seats only fill in.
    static let owedBonus = 1e3

    /// The m panels, and whether every step kept its bounds (then every type is within one seat).
    static func panels(typeProbabilities: [Double], pool: Pool, quotas: Quotas, m: Int) -> (panels: [TypePanel], onTrack: Bool)? {
        let quotaModel = QuotaModel(pool: pool, quotas: quotas)
        let finder = PanelDecomposition(pool: pool, quotaModel: quotaModel, panelSize: quotas.panelSize)
        let rows = quotaModel.model.constraints
        let members = pool.typeMembers.map(\.count)
        guard typeProbabilities.count == members.count else { return nil }
        var residual = members.indices.map { Double(m) * Double(members[$0]) * typeProbabilities[$0] }
        var rowSum = rows.map { row in row.indices.reduce(0.0) { $0 + residual[$1] } }
        var lower = [Int](repeating: 0, count: members.count), upper = lower
        var rowLower = rows.map(\.lower), rowUpper = rows.map(\.upper)
        var panels: [TypePanel] = []
        panels.reserveCapacity(m)
        let slack = 1 - tolerance
        var relaxed = 0
        for step in 0..<m {
            let after = Double(m - step - 1)
            var bounded = true
            for type in members.indices {
                upper[type] = Swift.min(members[type], Swift.max(0, Int((residual[type] - tolerance).rounded(.up))))
                lower[type] = Swift.max(0, Int((residual[type] - Double(members[type]) * after - slack).rounded(.up)))
                if lower[type] > upper[type] { lower[type] = upper[type]; bounded = false }
            }
            // The last panel has no panels after it to keep servable: only the quotas bound its rows.
            for (index, row) in rows.enumerated() {
                guard after > 0 else {
                    rowLower[index] = row.lower
                    rowUpper[index] = row.upper
                    continue
                }
                rowLower[index] = row.upper.isFinite ? Swift.max(row.lower, (rowSum[index] - row.upper * after - slack).rounded(.up)) : row.lower
                rowUpper[index] = row.lower.isFinite ? Swift.min(row.upper, (rowSum[index] - row.lower * after + slack).rounded(.down)) : row.upper
                if rowLower[index] > rowUpper[index] { bounded = false }
            }
            // Seats owed (a residual of one or more must be served) come before optional ones.
            let priority = residual.map { $0 >= 1 - tolerance ? $0 + owedBonus : $0 }
            let face = PanelDecomposition.Face(priority: priority, lower: lower, upper: upper, rowLower: rowLower, rowUpper: rowUpper)
            var found = bounded ? finder.panel(in: face, seed: UInt64(step)) : nil
            if found == nil {
                // Off track (near the end, owed seats no longer fit): any panel within the quotas,
                // owed seats first; the person swaps afterwards mend what this costs.
                relaxed += 1
                let loose = PanelDecomposition.Face(priority: residual.map { Swift.max($0, 0) + 1e-3 }, lower: [Int](repeating: 0, count: members.count),
                                                    upper: members, rowLower: rows.map(\.lower), rowUpper: rows.map(\.upper))
                found = finder.panel(in: loose, seed: UInt64(step))
            }
            guard let counts = found else { return nil }
            let panel = TypePanel(denseCounts: counts)
            for (type, count) in zip(panel.types, panel.counts) {
                residual[type] -= Double(count)
                for row in finder.builder.rowsOfType[type] { rowSum[row] -= Double(count) }
            }
            panels.append(panel)
        }
        return (panels, relaxed == 0 && residual.allSatisfy { abs($0) < 1 - tolerance })
    }
}
