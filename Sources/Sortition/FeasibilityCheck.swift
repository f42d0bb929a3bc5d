import Optimization

/// Decides, before any algorithm runs, whether some panel meets all quotas; if none does, names
/// the conflicting quotas in plain words and computes the smallest relaxation that helps.
public enum FeasibilityCheck {
    /// Checks `quotas` against `pool`. Throws only for mismatched input or a solver failure.
    public static func check(pool: Pool, quotas: Quotas) throws(SelectionError) -> FeasibilityReport {
        guard pool.features == quotas.features else { throw .invalidInput(.featuresMismatch) }
        let quotaModel = QuotaModel(pool: pool, quotas: quotas)
        let solution = MIPSolver(model: quotaModel.model).solve()
        if solution.values != nil {
            return FeasibilityReport(feasible: true, conflicts: [], relaxations: [], relaxedQuotas: nil)
        }
        guard solution.status == .infeasible else { throw .solverFailed("feasibility check ended with status \(solution.status)") }
        var conflicts = countingConflicts(pool: pool, quotas: quotas)
        let (relaxations, relaxed) = try relaxation(pool: pool, quotas: quotas, quotaModel: quotaModel)
        if conflicts.isEmpty {
            conflicts.append(conflictingSet(quotas: quotas, quotaModel: quotaModel))
        }
        return FeasibilityReport(feasible: false, conflicts: conflicts, relaxations: relaxations, relaxedQuotas: relaxed)
    }

    /// Conflicts visible by counting: too few people for a minimum, minimums over a feature above the
    /// panel size, maximums below it, joint quotas against their values' bounds, households.
    static func countingConflicts(pool: Pool, quotas: Quotas) -> [QuotaConflict] {
        var conflicts: [QuotaConflict] = []
        let k = quotas.panelSize
        var inHousehold = [Int?](repeating: nil, count: pool.count)
        for (index, household) in pool.households.enumerated() { for person in household { inHousehold[person] = index } }
        /// People who can sit together with `predicate`: one per household.
        func available(_ predicate: (Int) -> Bool) -> Int {
            var households = Set<Int>(), count = 0
            for person in 0..<pool.count where predicate(person) {
                if let household = inHousehold[person] { if households.insert(household).inserted { count += 1 } } else { count += 1 }
            }
            return count
        }
        let everyone = available { _ in true }
        if everyone < k {
            conflicts.append(.tooFewPeople(needed: k, available: everyone, onePerHousehold: !pool.households.isEmpty))
        }
        var availableByValue = quotas.features.map { [Int](repeating: 0, count: $0.values.count) }
        for f in quotas.features.indices {
            for v in quotas.features[f].values.indices {
                availableByValue[f][v] = available { pool.valueIndices[$0][f] == v }
            }
        }
        for ref in quotas.allValues {
            let need = quotas.minimum[ref.feature][ref.value], have = availableByValue[ref.feature][ref.value]
            if need > have {
                conflicts.append(.tooFewWithValue(quota: quotas.name(ref), needed: need, available: have))
            }
        }
        for (f, feature) in quotas.features.enumerated() {
            let mins = quotas.minimum[f].reduce(0, +)
            if mins > k { conflicts.append(.minimumsAboveSeats(attribute: feature.name, total: mins, seats: k)) }
            let maxes = zip(quotas.maximum[f], availableByValue[f]).map { Swift.min($0, $1) }.reduce(0, +)
            if maxes < k { conflicts.append(.maximumsBelowSeats(attribute: feature.name, total: maxes, seats: k)) }
        }
        for quota in quotas.joint {
            let name = quotas.name(quota)
            let have = available {
                pool.valueIndices[$0][quota.first.feature] == quota.first.value && pool.valueIndices[$0][quota.second.feature] == quota.second.value
            }
            if quota.min > have { conflicts.append(.tooFewWithValue(quota: name, needed: quota.min, available: have)) }
            for ref in [quota.first, quota.second] where quota.min > quotas.maximum[ref.feature][ref.value] {
                conflicts.append(.jointAboveValueMaximum(
                    joint: name, needed: quota.min, value: quotas.name(ref), maximum: quotas.maximum[ref.feature][ref.value]))
            }
        }
        for ref in quotas.allValues {
            // Joint minimums that share this value and pair it with one other feature all draw on its seats.
            var byOtherFeature: [Int: Int] = [:], jointCount: [Int: Int] = [:]
            for quota in quotas.joint {
                if quota.first == ref { byOtherFeature[quota.second.feature, default: 0] += quota.min; jointCount[quota.second.feature, default: 0] += 1 }
                if quota.second == ref { byOtherFeature[quota.first.feature, default: 0] += quota.min; jointCount[quota.first.feature, default: 0] += 1 }
            }
            for (other, mins) in byOtherFeature.sorted(by: { $0.key < $1.key })
            where mins > quotas.maximum[ref.feature][ref.value] && jointCount[other, default: 0] > 1 {
                conflicts.append(.jointMinimumsAboveValueMaximum(
                    value: quotas.name(ref), otherAttribute: quotas.features[other].name, total: mins,
                    maximum: quotas.maximum[ref.feature][ref.value]))
            }
        }
        return conflicts
    }

    /// Most quota bounds for which the deletion filter below runs (one MIP per bound).
    static let deletionFilterLimit = 120

    /// Names a smallest set of quota bounds that cannot hold together (an irreducible infeasible set,
    /// by a deletion filter: drop each bound in turn and keep it dropped if the rest stay infeasible).
    static func conflictingSet(quotas: Quotas, quotaModel: QuotaModel) -> QuotaConflict {
        struct Bound { let row: Int; let isLower: Bool }
        var model = quotaModel.model
        var bounds: [Bound] = []
        for (row, kind) in quotaModel.rows.enumerated() {
            switch kind {
            case .value, .joint:
                if model.constraints[row].lower > 0 { bounds.append(Bound(row: row, isLower: true)) }
                if model.constraints[row].upper < Double(quotas.panelSize) { bounds.append(Bound(row: row, isLower: false)) }
            case .size, .household:
                continue
            }
        }
        let households = quotaModel.rows.contains { if case .household = $0 { return true } else { return false } }
        guard bounds.count <= deletionFilterLimit else {
            return .cannotHoldTogether(seats: quotas.panelSize, onePerHousehold: households, bounds: [])
        }
        var kept: [Bound] = []
        for bound in bounds {
            let saved = model.constraints[bound.row]
            if bound.isLower { model.constraints[bound.row].lower = -.infinity } else { model.constraints[bound.row].upper = .infinity }
            if MIPSolver(model: model).solve().status != .infeasible {
                model.constraints[bound.row] = saved
                kept.append(bound)
            }
        }
        let named = kept.compactMap { bound -> QuotaBound? in
            let constraint = model.constraints[bound.row]
            let name: QuotaName
            switch quotaModel.rows[bound.row] {
            case .value(let ref): name = quotas.name(ref)
            case .joint(let index): name = quotas.name(quotas.joint[index])
            case .size, .household: return nil
            }
            return bound.isLower
                ? QuotaBound(quota: name, bound: .min, seats: Int(constraint.lower))
                : QuotaBound(quota: name, bound: .max, seats: Int(constraint.upper))
        }
        return .cannotHoldTogether(seats: quotas.panelSize, onePerHousehold: households, bounds: named)
    }

    /// Minimizes the total seats by which minimums are lowered and maximums raised (value quotas within
    /// min_flex/max_flex, joint quotas down to 0 and up to the panel size) so that some panel exists.
    static func relaxation(pool: Pool, quotas: Quotas, quotaModel: QuotaModel) throws(SelectionError) -> ([QuotaRelaxation], Quotas?) {
        var model = quotaModel.model
        model.sense = .minimize
        for index in model.variables.indices { model.variables[index].cost = 0 }
        struct Slack { let row: Int; let bound: QuotaRelaxation.Bound; let variable: Int }
        var slacks: [Slack] = []
        for (row, kind) in quotaModel.rows.enumerated() {
            let room: (down: Int, up: Int)
            switch kind {
            case .value(let ref):
                room = (quotas.minimum[ref.feature][ref.value] - quotas.minFlex[ref.feature][ref.value],
                        quotas.maxFlex[ref.feature][ref.value] - quotas.maximum[ref.feature][ref.value])
            case .joint(let index):
                room = (quotas.joint[index].min, quotas.panelSize - quotas.joint[index].max)
            case .size, .household:
                continue
            }
            if room.down > 0 {
                let variable = model.addVariable(Variable(lower: 0, upper: Double(room.down), cost: 1, isInteger: true))
                model.constraints[row].indices.append(variable)
                model.constraints[row].coefficients.append(1)
                slacks.append(Slack(row: row, bound: .min, variable: variable))
            }
            if room.up > 0 {
                let variable = model.addVariable(Variable(lower: 0, upper: Double(room.up), cost: 1, isInteger: true))
                model.constraints[row].indices.append(variable)
                model.constraints[row].coefficients.append(-1)
                slacks.append(Slack(row: row, bound: .max, variable: variable))
            }
        }
        let solution = MIPSolver(model: model).solve()
        guard let values = solution.values else { return ([], nil) }
        var minimum = quotas.minimum, maximum = quotas.maximum
        var joint = quotas.joint.map { (min: $0.min, max: $0.max) }
        var relaxations: [QuotaRelaxation] = []
        for slack in slacks {
            let amount = Int(values[slack.variable].rounded())
            guard amount > 0 else { continue }
            switch quotaModel.rows[slack.row] {
            case .value(let ref):
                let from = slack.bound == .min ? minimum[ref.feature][ref.value] : maximum[ref.feature][ref.value]
                let to = slack.bound == .min ? from - amount : from + amount
                if slack.bound == .min { minimum[ref.feature][ref.value] = to } else { maximum[ref.feature][ref.value] = to }
                relaxations.append(QuotaRelaxation(name: quotas.name(ref), bound: slack.bound, from: from, to: to))
            case .joint(let index):
                let quota = quotas.joint[index]
                let from = slack.bound == .min ? joint[index].min : joint[index].max
                let to = slack.bound == .min ? from - amount : from + amount
                if slack.bound == .min { joint[index].min = to } else { joint[index].max = to }
                relaxations.append(QuotaRelaxation(name: quotas.name(quota), bound: slack.bound, from: from, to: to))
            case .size, .household:
                continue
            }
        }
        let lines = quotas.allValues.map { ref in
            ValueQuota(feature: quotas.features[ref.feature].name, value: quotas.features[ref.feature].values[ref.value],
                       min: minimum[ref.feature][ref.value], max: maximum[ref.feature][ref.value],
                       minFlex: quotas.minFlex[ref.feature][ref.value], maxFlex: quotas.maxFlex[ref.feature][ref.value])
        }
        let jointLines = zip(quotas.joint, joint).map { quota, bounds in
            JointQuota(feature1: quotas.features[quota.first.feature].name, value1: quotas.features[quota.first.feature].values[quota.first.value],
                       feature2: quotas.features[quota.second.feature].name, value2: quotas.features[quota.second.feature].values[quota.second.value],
                       min: bounds.min, max: bounds.max)
        }
        let relaxed = try? Quotas(panelSize: quotas.panelSize, quotas: lines, joint: jointLines)
        return (relaxations, relaxed)
    }
}
