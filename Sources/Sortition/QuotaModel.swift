import Optimization

/// The quotas as linear rows over integer type counts `x_t ∈ [0, members(t)]`: panel size,
/// min/max per feature value, joint quotas, and at most one seat per household.
/// Shared by the feasibility check, the relaxation and LEXIMIN's pricing problem.
struct QuotaModel: Sendable {
    /// Which row of `model` holds which quota (used to name conflicts and relaxations).
    enum Row: Sendable, Hashable {
        case size
        case value(ValueRef)
        case joint(Int)
        case household(Int)
    }

    var model: LinearModel
    var rows: [Row]
    /// Types of each feature value: `typesWith[f][v]`.
    let typesWith: [[[Int]]]

    init(pool: Pool, quotas: Quotas, sense: ObjectiveSense = .maximize) {
        var model = LinearModel(sense: sense)
        for members in pool.typeMembers {
            model.addVariable(Variable(lower: 0, upper: Double(members.count), isInteger: true))
        }
        var typesWith = quotas.features.map { [[Int]](repeating: [], count: $0.values.count) }
        for (type, values) in pool.typeValues.enumerated() {
            for (f, v) in values.enumerated() { typesWith[f][v].append(type) }
        }
        var rows: [Row] = []
        let all = Array(0..<pool.typeCount)
        let size = Double(quotas.panelSize)
        model.addConstraint(Constraint(indices: all, coefficients: Array(repeating: 1, count: all.count), lower: size, upper: size))
        rows.append(.size)
        for ref in quotas.allValues {
            let types = typesWith[ref.feature][ref.value]
            model.addConstraint(Constraint(indices: types, coefficients: Array(repeating: 1, count: types.count),
                                           lower: Double(quotas.minimum[ref.feature][ref.value]),
                                           upper: Double(quotas.maximum[ref.feature][ref.value])))
            rows.append(.value(ref))
        }
        for (index, quota) in quotas.joint.enumerated() {
            let types = QuotaModel.types(of: quota, in: pool)
            model.addConstraint(Constraint(indices: types, coefficients: Array(repeating: 1, count: types.count),
                                           lower: Double(quota.min), upper: Double(quota.max)))
            rows.append(.joint(index))
        }
        for (index, household) in pool.households.enumerated() {
            // A household's members of equal values share one type: list each type once.
            var seen = Set<Int>()
            let types = household.map { pool.typeOfPerson[$0] }.filter { seen.insert($0).inserted }
            model.addConstraint(Constraint(indices: types, coefficients: Array(repeating: 1, count: types.count), upper: 1))
            rows.append(.household(index))
        }
        self.model = model
        self.rows = rows
        self.typesWith = typesWith
    }

    /// The types whose members have both values of a joint quota.
    static func types(of quota: ResolvedJointQuota, in pool: Pool) -> [Int] {
        pool.typeValues.indices.filter {
            pool.typeValues[$0][quota.first.feature] == quota.first.value && pool.typeValues[$0][quota.second.feature] == quota.second.value
        }
    }

    /// Rounds solver values to whole seats and checks them against every row; nil if they miss any.
    func panel(from values: [Double]) -> TypePanel? {
        let counts = values.prefix(model.variables.count).map { Int($0.rounded()) }
        for (type, count) in counts.enumerated() where count < 0 || Double(count) > model.variables[type].upper {
            return nil
        }
        for row in model.constraints {
            var sum = 0.0
            for (index, coefficient) in zip(row.indices, row.coefficients) { sum += coefficient * Double(counts[index]) }
            if sum < row.lower - 0.5 || sum > row.upper + 0.5 { return nil }
        }
        return TypePanel(denseCounts: counts)
    }
}
