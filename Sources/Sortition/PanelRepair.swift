/// Completes a panel that `FacePanelBuilder` left unfinished, by local search: fill the open seats
/// within the maximums, then swap one seated unit for the type that differs from it in one feature
/// (or two) — the value a minimum still lacks — while the total violation of the rows falls.
/// Types are found by their values in a dictionary, so a move costs a lookup, not a scan; this
/// is what keeps dead ends cheap in pools of tens of thousands of types.
struct PanelRepair {
    let rowsOfType: [[Int]]
    let typesOfRow: [[Int]]
    let typeValues: [[Int]]
    /// The feature and value of each quota row (nil for the size, joint and household rows).
    let valueOfRow: [ValueRef?]
    let typesByValues: [[Int]: [Int]]
    let panelSize: Int
    /// Most swaps per repair; each lowers the violation by at least one seat.
    static let moveLimit = 400

    init(pool: Pool, quotaModel: QuotaModel, rowsOfType: [[Int]], panelSize: Int) {
        self.rowsOfType = rowsOfType
        typesOfRow = quotaModel.model.constraints.map(\.indices)
        typeValues = pool.typeValues
        valueOfRow = quotaModel.rows.map { if case .value(let ref) = $0 { ref } else { nil } }
        var typesByValues: [[Int]: [Int]] = [:]
        for (type, values) in pool.typeValues.enumerated() { typesByValues[values, default: []].append(type) }
        self.typesByValues = typesByValues
        self.panelSize = panelSize
    }

    /// A full panel in the face from the partial `counts`, or nil when the search gets stuck.
    func complete(_ partial: [Int], priority: [Double], lower: [Int], upper: [Int], minimum: [Int], maximum: [Int]) -> [Int]? {
        var counts = partial
        var rowCount = [Int](repeating: 0, count: minimum.count)
        var seats = 0
        for (type, count) in counts.enumerated() where count > 0 {
            seats += count
            for row in rowsOfType[type] { rowCount[row] += count }
        }
        func violation(_ row: Int) -> Int { Swift.max(0, minimum[row] - rowCount[row]) + Swift.max(0, rowCount[row] - maximum[row]) }
        // Open seats go to the types that add the least violation (the best priority among those),
        // looked for in the short row with the fewest types (all types when no row is short).
        while seats < panelSize {
            var best: Int?, bestAdded = Int.max, bestKey = -Double.infinity
            let scanned = rowCount.indices.filter { rowCount[$0] < minimum[$0] }.min { typesOfRow[$0].count < typesOfRow[$1].count }
                .map { typesOfRow[$0] } ?? Array(counts.indices)
            for type in scanned where counts[type] < upper[type] && priority[type] > 0 {
                var added = 0
                for row in rowsOfType[type] where rowCount[row] >= maximum[row] { added += 1 }
                for row in rowsOfType[type] where rowCount[row] < minimum[row] { added -= 1 }
                let key = priority[type] / Double(counts[type] + 1)
                if added < bestAdded || (added == bestAdded && key > bestKey) { best = type; bestAdded = added; bestKey = key }
            }
            guard let type = best else { return nil }
            counts[type] += 1
            seats += 1
            for row in rowsOfType[type] { rowCount[row] += 1 }
        }
        /// The change in total violation if one unit of `out` gives way to one of `into`.
        func change(out: Int, into: Int) -> Int {
            var before = 0, after = 0
            let touched = Set(rowsOfType[out] + rowsOfType[into])
            for row in touched { before += violation(row) }
            for row in rowsOfType[out] { rowCount[row] -= 1 }
            for row in rowsOfType[into] { rowCount[row] += 1 }
            for row in touched { after += violation(row) }
            for row in rowsOfType[out] { rowCount[row] += 1 }
            for row in rowsOfType[into] { rowCount[row] -= 1 }
            return after - before
        }
        /// The best type with `values` that may take one more seat.
        func type(with values: [Int]) -> Int? {
            typesByValues[values]?.filter { counts[$0] < upper[$0] && priority[$0] > 0 }.max { priority[$0] < priority[$1] }
        }
        var seated = counts.indices.filter { counts[$0] > lower[$0] }
        for _ in 0..<PanelRepair.moveLimit {
            var short = rowCount.indices.filter { rowCount[$0] < minimum[$0] }
            let over = rowCount.indices.contains { rowCount[$0] > maximum[$0] }
            if short.isEmpty, !over { return counts }
            // Seats over a maximum must move to values with room.
            if over { short += rowCount.indices.filter { rowCount[$0] >= minimum[$0] && rowCount[$0] < maximum[$0] && valueOfRow[$0] != nil } }
            var move: (out: Int, into: Int)?
            search: for changes in 1...2 {
                for (index, row) in short.enumerated() {
                    guard let first = valueOfRow[row] else { continue }
                    let partners: [ValueRef?] = changes == 1 ? [nil] : short[(index + 1)...].compactMap { valueOfRow[$0] }.filter { $0.feature != first.feature }
                    for partner in partners {
                        for out in seated {
                            var values = typeValues[out]
                            values[first.feature] = first.value
                            if let partner { values[partner.feature] = partner.value }
                            guard values != typeValues[out], let into = type(with: values), change(out: out, into: into) < 0 else { continue }
                            move = (out, into)
                            break search
                        }
                    }
                }
            }
            guard let (out, into) = move else { return nil }
            counts[out] -= 1
            counts[into] += 1
            if counts[out] <= lower[out] { seated.removeAll { $0 == out } }
            if counts[into] == lower[into] + 1 { seated.append(into) }
            for row in rowsOfType[out] { rowCount[row] -= 1 }
            for row in rowsOfType[into] { rowCount[row] += 1 }
        }
        return nil
    }
}
