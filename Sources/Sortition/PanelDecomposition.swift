import Optimization

/// Writes expected seats per type as a convex combination of panels, by descent through faces
/// (a constructive Carathéodory): keep a residual `r` of total weight `R` (at first `r = y`, `R = 1`),
/// whose scaled point `r / R` lies in the relaxation polytope. Each step takes a panel `v` in the
/// smallest face holding `r / R` (types at zero stay out, types at their members stay full, rows at
/// a bound stay there) and the largest weight `w` with `(r − w·v) / (R − w)` still in the polytope;
/// at that weight one more bound becomes tight, so the face shrinks and the steps are at most the
/// number of types plus rows. Panels come from `FacePanelBuilder` (largest residual first, which
/// makes large steps and many ties), or from a MIP when the greedy reaches a dead end.
///
/// If some face holds no panel, the point is not (or no longer) a mixture of panels: the
/// decomposition returns nil and LEXIMIN falls back to column generation.
struct PanelDecomposition {
    /// Residual seats below this count as zero.
    static let zeroTolerance = 1e-11
    /// A row whose slack (in seats, unscaled) is below this is at its bound.
    static let rowTolerance = 1e-10
    /// The descent stops when the residual weight is below this (its seats are then below it too).
    static let doneTolerance = 1e-8
    /// A descent that meets a face with no panel once the residual weight is below this stops there,
    /// and the panels found are weighted afresh to meet the target (`reweighted`): the seat
    /// tolerances that find the face are absolute, so on a residual this small they may no longer
    /// find it (city pools of 150–400 people stopped with 1e-8 to 9e-7 of weight left, and column
    /// generation then redid the whole LEXIMIN: 40 s instead of 2 s for 400 people with k = 50).
    static let acceptedResidual = 1e-6
    /// A decomposition whose marginals miss the target by more than this is refused.
    static let acceptanceTolerance = 1e-6
    /// Greedy attempts with jittered priorities after a dead end, before the MIP.
    static let greedyRetries = 8
    /// Columns of the small MIP tried first at a greedy dead end (besides the types already seated).
    static let restrictedColumns = 300

    let quotaModel: QuotaModel
    let builder: FacePanelBuilder
    let members: [Int]

    init(pool: Pool, quotaModel: QuotaModel, panelSize: Int) {
        self.quotaModel = quotaModel
        members = pool.typeMembers.map(\.count)
        builder = FacePanelBuilder(pool: pool, quotaModel: quotaModel, panelSize: panelSize)
    }

    /// Panels and weights (summing to 1) whose expected seats per type equal `target`; nil when
    /// the descent meets a face with no panel or the result misses the target.
    func decompose(target: [Double], progress: ProgressHandler?) -> (panels: [TypePanel], weights: [Double])? {
        let rows = quotaModel.model.constraints
        let typeCount = members.count
        let capacity = members.map(Double.init)
        var residual = target.map { $0 > PanelDecomposition.zeroTolerance ? $0 : 0 }
        var total = 1.0
        var rowSum = rows.map { row in row.indices.reduce(0.0) { $0 + residual[$1] } }
        var panels: [TypePanel] = [], weights: [Double] = []
        var indexOfPanel: [TypePanel: Int] = [:]
        let stepLimit = 2 * (typeCount + rows.count) + 10
        var lower = [Int](repeating: 0, count: typeCount), upper = [Int](repeating: 0, count: typeCount)
        var rowLower = rows.map(\.lower), rowUpper = rows.map(\.upper)

        for step in 0..<stepLimit {
            if total <= PanelDecomposition.doneTolerance { break }
            // The face of r / R.
            for type in 0..<typeCount {
                let r = residual[type]
                if r <= PanelDecomposition.zeroTolerance {
                    lower[type] = 0; upper[type] = 0
                } else if r >= capacity[type] * total - PanelDecomposition.zeroTolerance {
                    lower[type] = members[type]; upper[type] = members[type]
                } else {
                    lower[type] = 0; upper[type] = members[type]
                }
            }
            for (index, row) in rows.enumerated() {
                rowLower[index] = row.lower
                rowUpper[index] = row.upper
                if row.lower.isFinite, rowSum[index] - row.lower * total <= PanelDecomposition.rowTolerance { rowUpper[index] = row.lower }
                if row.upper.isFinite, row.upper * total - rowSum[index] <= PanelDecomposition.rowTolerance { rowLower[index] = row.upper }
            }
            let face = Face(priority: residual, lower: lower, upper: upper, rowLower: rowLower, rowUpper: rowUpper)
            guard let counts = panel(in: face, seed: UInt64(step)) else {
                if total <= PanelDecomposition.acceptedResidual { break }
                return nil
            }
            let panel = TypePanel(denseCounts: counts)

            // The largest weight that keeps (r − w·v) / (R − w) in the polytope.
            var weight = total
            var zeroed: Int?
            for (type, count) in zip(panel.types, panel.counts) where residual[type] / Double(count) < weight {
                weight = residual[type] / Double(count)
                zeroed = type
            }
            let typeWeight = weight
            for type in 0..<typeCount where counts[type] < members[type] && residual[type] > 0 {
                let room = capacity[type] * total - residual[type]
                weight = Swift.min(weight, Swift.max(0, room) / (capacity[type] - Double(counts[type])))
            }
            var rowCounts = [Double](repeating: 0, count: rows.count)
            for (index, row) in rows.enumerated() {
                var seats = 0.0
                for type in row.indices { seats += Double(counts[type]) }
                rowCounts[index] = seats
                if row.lower.isFinite, seats > row.lower {
                    weight = Swift.min(weight, Swift.max(0, rowSum[index] - row.lower * total) / (seats - row.lower))
                }
                if row.upper.isFinite, seats < row.upper {
                    weight = Swift.min(weight, Swift.max(0, row.upper * total - rowSum[index]) / (row.upper - seats))
                }
            }
            if weight < typeWeight { zeroed = nil }
            guard weight > 0 else {
                if total <= PanelDecomposition.acceptedResidual { break }
                return nil
            }
            for (type, count) in zip(panel.types, panel.counts) {
                residual[type] = Swift.max(0, residual[type] - weight * Double(count))
                if residual[type] <= PanelDecomposition.zeroTolerance { residual[type] = 0 }
            }
            if let zeroed { residual[zeroed] = 0 }
            for index in rows.indices { rowSum[index] -= weight * rowCounts[index] }
            total -= weight
            if let index = indexOfPanel[panel] {
                weights[index] += weight
            } else {
                indexOfPanel[panel] = panels.count
                panels.append(panel)
                weights.append(weight)
            }
            if step % 64 == 0 {
                progress?(SelectionProgress(stage: .decomposition, fixedShare: 1 - Swift.max(0, total), panels: panels.count))
                // Guard against drift in the running row sums.
                for (index, row) in rows.enumerated() { rowSum[index] = row.indices.reduce(0.0) { $0 + residual[$1] } }
            }
        }
        guard total <= PanelDecomposition.acceptedResidual else { return nil }
        if total > PanelDecomposition.doneTolerance {
            guard let exact = reweighted(panels, target: target) else { return nil }
            let kept = panels.indices.filter { exact[$0] > PanelDecomposition.zeroTolerance }
            guard !kept.isEmpty else { return nil }
            panels = kept.map { panels[$0] }
            weights = kept.map { exact[$0] }
        }
        let sum = weights.reduce(0, +)
        weights = weights.map { $0 / sum }
        var achieved = [Double](repeating: 0, count: typeCount)
        for (panel, weight) in zip(panels, weights) {
            for (type, count) in zip(panel.types, panel.counts) { achieved[type] += weight * Double(count) }
        }
        for type in 0..<typeCount where abs(achieved[type] - target[type]) / capacity[type] > PanelDecomposition.acceptanceTolerance {
            return nil
        }
        return (panels, weights)
    }

    /// Weights (summing to 1) of `panels` whose expected seats come closest to `target`, in the
    /// largest gap relative to a type's members (one LP); nil when the LP fails. The acceptance
    /// check then decides whether they are close enough.
    func reweighted(_ panels: [TypePanel], target: [Double]) -> [Double]? {
        var model = LinearModel(sense: .minimize)
        for _ in panels { model.addVariable(Variable(lower: 0)) }
        let gap = model.addVariable(Variable(lower: 0, cost: 1))
        model.addConstraint(Constraint(indices: Array(panels.indices), coefficients: Array(repeating: 1, count: panels.count), lower: 1, upper: 1))
        var rows = [(indices: [Int], coefficients: [Double])](repeating: ([], []), count: members.count)
        for (index, panel) in panels.enumerated() {
            for (type, count) in zip(panel.types, panel.counts) {
                rows[type].indices.append(index)
                rows[type].coefficients.append(Double(count) / Double(members[type]))
            }
        }
        // |Σ w·seats/members − target/members| ≤ gap for every type.
        for type in members.indices {
            let goal = target[type] / Double(members[type])
            model.addConstraint(Constraint(indices: rows[type].indices + [gap], coefficients: rows[type].coefficients + [1], lower: goal))
            model.addConstraint(Constraint(indices: rows[type].indices + [gap], coefficients: rows[type].coefficients + [-1], upper: goal))
        }
        let solution = model.solveLP()
        guard solution.status == .optimal else { return nil }
        return panels.indices.map { Swift.max(0, solution.values[$0]) }
    }

    /// A panel in `face`: the greedy, then greedy retries with jittered priorities (dead ends depend
    /// on the order of the seats; seeded, so runs repeat), then a small MIP over the types the greedy
    /// seated and those of largest priority, then a MIP over all types. Nil when none finds one.
    func panel(in face: Face, seed: UInt64) -> [Int]? {
        var outcome = builder.build(priority: face.priority, lower: face.lower, upper: face.upper, rowLower: face.rowLower, rowUpper: face.rowUpper)
        var random = SeededGenerator(seed: seed)
        for _ in 0..<PanelDecomposition.greedyRetries {
            guard case .deadEnd = outcome else { break }
            let jittered = face.priority.map { $0 * (0.5 + Double(random.next() >> 11) / Double(1 << 53)) }
            outcome = builder.build(priority: jittered, lower: face.lower, upper: face.upper, rowLower: face.rowLower, rowUpper: face.rowUpper)
        }
        switch outcome {
        case .panel(let counts):
            return counts
        case .deadEnd(let seated):
            let candidates = Set(seated + largest(face.priority, upper: face.upper, count: PanelDecomposition.restrictedColumns))
            return facePanelByMIP(face, columns: candidates.sorted()) ?? facePanelByMIP(face, columns: nil)
        }
    }

    /// Bounds of the face a panel must lie in, and the preference among its panels.
    struct Face {
        let priority: [Double]
        let lower: [Int]
        let upper: [Int]
        let rowLower: [Double]
        let rowUpper: [Double]
    }

    /// The `count` types of largest priority that may take a seat.
    func largest(_ priority: [Double], upper: [Int], count: Int) -> [Int] {
        let open = priority.indices.filter { upper[$0] > 0 }
        guard open.count > count else { return open }
        return Array(open.sorted { priority[$0] > priority[$1] || (priority[$0] == priority[$1] && $0 < $1) }.prefix(count))
    }

    /// The fallback when the greedy meets a dead end: a MIP over the face (restricted to `columns`
    /// when given; types left out get no seat), preferring large residuals. Nil when it finds no panel.
    func facePanelByMIP(_ face: Face, columns: [Int]?) -> [Int]? {
        let columns = columns ?? Array(members.indices)
        var position = [Int](repeating: -1, count: members.count)
        for (index, type) in columns.enumerated() { position[type] = index }
        for type in members.indices where face.lower[type] > 0 && position[type] < 0 { return nil }
        let scale = face.priority.max() ?? 1
        var model = LinearModel(sense: .maximize)
        for type in columns {
            model.addVariable(Variable(lower: Double(face.lower[type]), upper: Double(face.upper[type]),
                                       cost: scale > 0 ? face.priority[type] / scale : 0, isInteger: true))
        }
        for (index, row) in quotaModel.model.constraints.enumerated() {
            let indices = row.indices.map { position[$0] }.filter { $0 >= 0 }
            model.addConstraint(Constraint(indices: indices, coefficients: Array(repeating: 1, count: indices.count),
                                           lower: face.rowLower[index], upper: face.rowUpper[index]))
        }
        let solution = MIPSolver(model: model, options: MIPOptions(nodeLimit: 2_000, relativeGap: 0.05)).solve()
        guard let values = solution.values else { return nil }
        var counts = [Int](repeating: 0, count: members.count)
        for (index, type) in columns.enumerated() { counts[type] = Int(values[index].rounded()) }
        for type in counts.indices where counts[type] < face.lower[type] || counts[type] > face.upper[type] { return nil }
        for (index, row) in quotaModel.model.constraints.enumerated() {
            let seats = Double(row.indices.reduce(0) { $0 + counts[$1] })
            if seats < face.rowLower[index] - 1e-9 || seats > face.rowUpper[index] + 1e-9 { return nil }
        }
        return counts
    }
}
