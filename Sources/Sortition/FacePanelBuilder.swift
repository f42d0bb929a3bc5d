/// Builds one panel inside a face of the quota polytope, quickly: seat by seat, the minimum with
/// the fewest open seats per needed seat first (as LEGACY does), else the unit of largest priority,
/// always keeping every row within its bounds and every minimum still reachable; the last three
/// seats by a small exhaustive search, and `PanelRepair` when that fails. `PanelDecomposition`
/// calls it thousands of times and falls back to a MIP when it reaches a dead end.
///
/// The rows are the quota model's (coefficient 1 each). Rows of one feature's values partition
/// the types, so the seats still needed over a feature's minimums can never exceed the seats left;
/// a feature (or joint quota) whose need equals the seats left is *critical*, and every further
/// seat must go to a type that lowers its need. Once a unit is refused it stays refused for this
/// panel (counts only grow, and a critical group stays critical), so each unit is looked at once.
struct FacePanelBuilder {
    /// The rows each type sits in, and the types of each row.
    let rowsOfType: [[Int]]
    let typesOfRow: [[Int]]
    /// The group of each row for the minimum bookkeeping: rows of one group partition the types
    /// they cover (a feature's values), or form a group of their own (joint quotas); nil: no minimum.
    let groupOfRow: [Int?]
    let groupCount: Int
    let members: [Int]
    let panelSize: Int
    let repair: PanelRepair

    /// How many units the search tries for the last seats (index: seats left − 1); the very
    /// last seat needs one that fits, since any unit that fits then completes the panel.
    static let searchedSeats = [1, 10000, 10000]

    enum Outcome {
        /// Dense counts per type.
        case panel([Int])
        /// No unit fits the next seat; the types seated so far.
        case deadEnd(seated: [Int])
    }

    init(pool: Pool, quotaModel: QuotaModel, panelSize: Int) {
        let members = pool.typeMembers.map(\.count)
        var rowsOfType = [[Int]](repeating: [], count: members.count)
        for (row, constraint) in quotaModel.model.constraints.enumerated() {
            for type in constraint.indices { rowsOfType[type].append(row) }
        }
        var groupOfRow = [Int?](repeating: nil, count: quotaModel.rows.count)
        var groupOfFeature: [Int: Int] = [:]
        var groupCount = 0
        for (row, kind) in quotaModel.rows.enumerated() {
            switch kind {
            case .size, .household:
                continue
            case .value(let ref):
                if let group = groupOfFeature[ref.feature] {
                    groupOfRow[row] = group
                } else {
                    groupOfFeature[ref.feature] = groupCount
                    groupOfRow[row] = groupCount
                    groupCount += 1
                }
            case .joint:
                groupOfRow[row] = groupCount
                groupCount += 1
            }
        }
        self.rowsOfType = rowsOfType
        repair = PanelRepair(pool: pool, quotaModel: quotaModel, rowsOfType: rowsOfType, panelSize: panelSize)
        typesOfRow = quotaModel.model.constraints.map(\.indices)
        self.groupOfRow = groupOfRow
        self.groupCount = groupCount
        self.members = members
        self.panelSize = panelSize
    }

    /// A panel (dense counts) with `lower[t] ≤ x_t ≤ upper[t]` and `rowLower[r] ≤ Σ_{t∈r} x_t ≤ rowUpper[r]`,
    /// preferring units of large `priority[t] / (x_t + 1)`; at a dead end, the types it had seated.
    func build(priority: [Double], lower: [Int], upper: [Int], rowLower: [Double], rowUpper: [Double]) -> Outcome {
        var counts = [Int](repeating: 0, count: members.count)
        var rowCount = [Int](repeating: 0, count: rowLower.count)
        let rowMinimum = rowLower.map { $0.isFinite ? Int(($0 - 1e-9).rounded(.up)) : 0 }
        let rowMaximum = rowUpper.map { $0.isFinite ? Int(($0 + 1e-9).rounded(.down)) : Int.max }
        var need = [Int](repeating: 0, count: groupCount)
        for (row, group) in groupOfRow.enumerated() { if let group { need[group] += Swift.max(0, rowMinimum[row]) } }
        var seatsLeft = panelSize

        func seat(_ type: Int) {
            counts[type] += 1
            seatsLeft -= 1
            for row in rowsOfType[type] {
                if let group = groupOfRow[row], rowCount[row] < rowMinimum[row] { need[group] -= 1 }
                rowCount[row] += 1
            }
        }
        func fits(_ type: Int) -> Bool {
            guard seatsLeft > 0 else { return false }
            for row in rowsOfType[type] where rowCount[row] >= rowMaximum[row] { return false }
            // Every critical group must gain from this seat.
            var gains = 0
            for row in rowsOfType[type] {
                if let group = groupOfRow[row], rowCount[row] < rowMinimum[row], need[group] >= seatsLeft { gains += 1 }
            }
            var critical = 0
            for group in 0..<groupCount where need[group] >= seatsLeft { critical += 1 }
            return gains >= critical
        }

        // Forced seats first; they must respect the maximums but may leave a group critical.
        for type in members.indices where lower[type] > 0 {
            for _ in 0..<lower[type] {
                guard seatsLeft > 0, !rowsOfType[type].contains(where: { rowCount[$0] >= rowMaximum[$0] }) else { return .deadEnd(seated: []) }
                seat(type)
            }
        }
        guard !need.contains(where: { $0 > seatsLeft }) else { return .deadEnd(seated: []) }
        var heap = UnitHeap(entries: members.indices.compactMap { type in
            counts[type] < upper[type] && priority[type] > 0 ? (priority[type] / Double(counts[type] + 1), type) : nil
        })
        // Seats still open per row, for the urgency of its minimum.
        var open = [Int](repeating: 0, count: rowLower.count)
        for type in members.indices where counts[type] < upper[type] && priority[type] > 0 {
            for row in rowsOfType[type] { open[row] += upper[type] - counts[type] }
        }
        let rowsWithMinimum = rowMinimum.indices.filter { rowMinimum[$0] > 0 && groupOfRow[$0] != nil }
        // Each unit's key `priority / (count + 1)`, or -∞ when its type cannot take a seat: the scan of
        // the urgent row reads one number per type instead of dividing (the same keys, so the same choice).
        var key = members.indices.map { type in
            counts[type] < upper[type] && priority[type] > 0 ? priority[type] / Double(counts[type] + 1) : -Double.infinity
        }
        while seatsLeft > FacePanelBuilder.searchedSeats.count {
            // The minimum with the fewest open seats per seat it still needs goes first (as LEGACY
            // does), so that rare values are seated early and the last seats have choices left.
            var urgent: Int?, urgency = 0.0
            for row in rowsWithMinimum where rowCount[row] < rowMinimum[row] {
                let value = Double(rowMinimum[row] - rowCount[row]) / Double(Swift.max(1, open[row]))
                if value > urgency { urgency = value; urgent = row }
            }
            var chosen: Int?
            if let urgent {
                var best = -Double.infinity
                for type in typesOfRow[urgent] {
                    let unitKey = key[type]
                    if unitKey > best, fits(type) { best = unitKey; chosen = type }
                }
            } else {
                // Stale entries (a fresh one was pushed when the type took a seat) are dropped.
                while let (key, type) = heap.pop() {
                    guard counts[type] < upper[type], key == priority[type] / Double(counts[type] + 1) else { continue }
                    if fits(type) { chosen = type; break }
                }
            }
            guard let type = chosen else { break }
            seat(type)
            for row in rowsOfType[type] { open[row] -= 1 }
            key[type] = counts[type] < upper[type] ? priority[type] / Double(counts[type] + 1) : -Double.infinity
            if counts[type] < upper[type] { heap.push((key[type], type)) }
        }
        // The last few seats must often match needed values in every feature at once, which the
        // largest residual rarely does: a small depth-first search over the units that still fit.
        func unseat(_ type: Int) {
            counts[type] -= 1
            seatsLeft += 1
            for row in rowsOfType[type] {
                rowCount[row] -= 1
                if let group = groupOfRow[row], rowCount[row] < rowMinimum[row] { need[group] += 1 }
            }
        }
        func search(_ candidates: [Int]) -> Bool {
            guard seatsLeft > 0 else { return true }
            let fitting = candidates.filter { counts[$0] < upper[$0] && fits($0) }
            for type in fitting.prefix(FacePanelBuilder.searchedSeats[seatsLeft - 1]) {
                seat(type)
                if search(fitting) { return true }
                unseat(type)
            }
            return false
        }
        if seatsLeft > 0, seatsLeft <= FacePanelBuilder.searchedSeats.count {
            let remaining = members.indices.filter { counts[$0] < upper[$0] && priority[$0] > 0 && fits($0) }
            _ = search(remaining.sorted { priority[$0] / Double(counts[$0] + 1) > priority[$1] / Double(counts[$1] + 1) })
        }
        if seatsLeft > 0 || rowCount.indices.contains(where: { rowCount[$0] < rowMinimum[$0] || rowCount[$0] > rowMaximum[$0] }) {
            guard let repaired = repair.complete(counts, priority: priority, lower: lower, upper: upper, minimum: rowMinimum, maximum: rowMaximum) else {
                return .deadEnd(seated: counts.indices.filter { counts[$0] > 0 })
            }
            return .panel(repaired)
        }
        return .panel(counts)
    }
}
