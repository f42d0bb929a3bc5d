/// The Sortition Foundation's original greedy selection ("LEGACY"), kept for comparison with
/// LEXIMIN: repeatedly take the feature value with the highest ratio of seats still needed
/// (min − selected, negative once the minimum is met, as in the original code) to people still
/// available, seat a random available person with it, and
/// remove everyone of a value that has reached its maximum; a dead end restarts the attempt.
///
/// Its selection probabilities have no closed form: they are estimated by Monte Carlo over many
/// independent runs and must be reported as estimates. Joint quotas are not part of the greedy
/// rule; a panel that breaks one (or any quota) is discarded and the attempt restarted.
public struct LegacySelector: Sendable {
    /// Restarts allowed per panel before giving up: the reference tool also retries a bounded
    /// number of times; 100 attempts make a spurious failure on a feasible instance very unlikely.
    public static let defaultMaxAttempts = 100

    public let pool: Pool
    public let quotas: Quotas
    public let maxAttempts: Int

    /// `pool` must be built on `quotas.features`.
    public init(pool: Pool, quotas: Quotas, maxAttempts: Int = LegacySelector.defaultMaxAttempts) throws(SortitionError) {
        guard pool.features == quotas.features else { throw .featuresMismatch }
        guard quotas.panelSize <= pool.count else {
            throw .invalidPanelSize(size: quotas.panelSize, poolSize: pool.count)
        }
        self.pool = pool
        self.quotas = quotas
        self.maxAttempts = Swift.max(1, maxAttempts)
    }

    /// One panel (person indices, ascending) meeting every quota, or nil when every attempt hit a dead end.
    public func selectPanel<G: RandomNumberGenerator>(using generator: inout G) -> [Int]? {
        for _ in 0..<maxAttempts {
            if let panel = attempt(using: &generator), quotas.violations(of: panel, in: pool).isEmpty {
                return panel.sorted()
            }
        }
        return nil
    }

    /// `runs` independent panels; nil entries are runs that failed every attempt.
    public func selectPanels(runs: Int, seed: UInt64) -> [[Int]?] {
        var generator = SeededGenerator(seed: seed)
        return (0..<Swift.max(0, runs)).map { _ in selectPanel(using: &generator) }
    }

    /// One greedy attempt; nil at a dead end.
    private func attempt<G: RandomNumberGenerator>(using generator: inout G) -> [Int]? {
        var state = LegacyState(pool: pool, quotas: quotas)
        // Values whose maximum is 0 can seat nobody: their people leave the pool first.
        for f in quotas.features.indices {
            for v in quotas.features[f].values.indices where quotas.maximum[f][v] == 0 {
                guard state.removeAll(feature: f, value: v) else { return nil }
            }
        }
        var panel: [Int] = []
        while panel.count < quotas.panelSize {
            guard let (f, v) = state.mostUrgentValue() else { return nil }
            let members = state.available[f][v]
            let person = members[Int.random(in: 0..<members.count, using: &generator)]
            panel.append(person)
            state.seat(person)
            for (feature, value) in pool.valueIndices[person].enumerated()
            where state.selected[feature][value] == quotas.maximum[feature][value] {
                guard state.removeAll(feature: feature, value: value) else { return nil }
            }
            if panel.count < quotas.panelSize, state.availableCount == 0 { return nil }
        }
        return panel
    }
}

/// Who is still available and how many seats each value holds, during one LEGACY attempt.
/// Each value keeps its available people in an array with swap-removal, so picking and removing
/// a person cost O(number of features).
private struct LegacyState {
    let pool: Pool
    let quotas: Quotas
    /// `available[f][v]`: people still available with value v of feature f.
    var available: [[[Int]]]
    /// `position[person][f]`: index of the person in `available[f][their value]`, or -1 once gone.
    var position: [[Int]]
    var selected: [[Int]]
    var availableCount: Int
    /// Household of each person (index into `pool.households`), if any.
    let household: [Int: Int]

    init(pool: Pool, quotas: Quotas) {
        self.pool = pool
        self.quotas = quotas
        var available = quotas.features.map { [[Int]](repeating: [], count: $0.values.count) }
        var position = [[Int]](repeating: [], count: pool.count)
        for person in 0..<pool.count {
            position[person] = pool.valueIndices[person].enumerated().map { f, v in
                available[f][v].append(person)
                return available[f][v].count - 1
            }
        }
        self.available = available
        self.position = position
        selected = quotas.features.map { [Int](repeating: 0, count: $0.values.count) }
        availableCount = pool.count
        var household: [Int: Int] = [:]
        for (index, group) in pool.households.enumerated() { for person in group { household[person] = index } }
        self.household = household
    }

    /// The value with the highest ratio of seats still needed to people available (first on ties,
    /// in feature then value order), among values with someone available and a maximum above 0;
    /// nil when some value can no longer reach its minimum or none is left.
    func mostUrgentValue() -> (Int, Int)? {
        var best: (Int, Int)?
        var bestRatio = -Double.infinity
        for f in quotas.features.indices {
            for v in quotas.features[f].values.indices {
                // Signed, as in the Sortition Foundation's original code: once a minimum is met the
                // ratio turns negative, favouring values with many people left.
                let needed = quotas.minimum[f][v] - selected[f][v]
                let remaining = available[f][v].count
                if remaining < needed { return nil }
                guard remaining > 0, quotas.maximum[f][v] > 0 else { continue }
                let ratio = Double(needed) / Double(remaining)
                if ratio > bestRatio {
                    bestRatio = ratio
                    best = (f, v)
                }
            }
        }
        return best
    }

    mutating func seat(_ person: Int) {
        for (f, v) in pool.valueIndices[person].enumerated() { selected[f][v] += 1 }
        remove(person)
        if let group = household[person] {
            for other in pool.households[group] where position[other].first.map({ $0 >= 0 }) == true {
                remove(other)
            }
        }
    }

    /// Removes everyone still available with value v of feature f; false when that leaves some
    /// value unable to reach its minimum (a dead end).
    mutating func removeAll(feature f: Int, value v: Int) -> Bool {
        while let person = available[f][v].last { remove(person) }
        for g in quotas.features.indices {
            for w in quotas.features[g].values.indices
            where available[g][w].count < quotas.minimum[g][w] - selected[g][w] {
                return false
            }
        }
        return true
    }

    private mutating func remove(_ person: Int) {
        guard position[person].first.map({ $0 >= 0 }) == true else { return }
        for (f, v) in pool.valueIndices[person].enumerated() {
            let index = position[person][f]
            if let last = available[f][v].last, last != person {
                available[f][v][index] = last
                position[last][f] = index
            }
            available[f][v].removeLast()
            position[person][f] = -1
        }
        availableCount -= 1
    }
}
