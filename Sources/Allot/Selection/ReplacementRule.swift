import Sortition

/// The admissibility test of `allot-replace-v1` (INTERFACE.md §5), computed from the draw record
/// alone so that anyone can replay it: a reserve `r` may fill a vacated seat when the held set with `r`
/// meets every quota — or, while earlier seats are left open, can still be completed to a panel
/// meeting every quota with people of the unused reserves.
public struct ReplacementRule: Sendable {
    let panelSize: Int
    /// Per attribute (sorted) the value bounds.
    let quotas: [String: [String: [Int]]]
    let joint: [JointQuota]
    /// pid → attribute → value, for every pool member.
    let attributes: [String: [String: String]]
    /// pid → profile number: people alike on `profileFeatures` share one, and the rule cannot tell
    /// them apart (the same verdict, the same help in completing a panel).
    let profileOf: [String: Int]
    /// One pool member of each profile, by profile number.
    let representatives: [String]

    public init(record: DrawRecord) {
        self.init(panelSize: record.panelSize, quotas: record.quotas, joint: record.jointQuotas, pool: record.pool)
    }

    /// The rule from the parts of a record it reads.
    public init(panelSize: Int, quotas: [String: [String: [Int]]], joint: [JointQuota]?, pool: [DrawProtocol.PoolEntry]) {
        self.panelSize = panelSize
        self.quotas = quotas
        self.joint = joint ?? []
        attributes = Dictionary(pool.map { ($0.pid, $0.attributes) }, uniquingKeysWith: { first, _ in first })
        let names = Set(quotas.keys).union(self.joint.flatMap { [$0.feature1, $0.feature2] }).sorted()
        var numbers: [[String?]: Int] = [:]
        var profileOf: [String: Int] = [:]
        var representatives: [String] = []
        for entry in pool where profileOf[entry.pid] == nil {
            let key = names.map { entry.attributes[$0] }
            if let number = numbers[key] {
                profileOf[entry.pid] = number
            } else {
                numbers[key] = representatives.count
                profileOf[entry.pid] = representatives.count
                representatives.append(entry.pid)
            }
        }
        self.profileOf = profileOf
        self.representatives = representatives
    }

    /// The attributes quotas and joint quotas read: people alike on these are interchangeable.
    var profileFeatures: Set<String> {
        Set(quotas.keys).union(joint.flatMap { [$0.feature1, $0.feature2] })
    }

    /// Seats each `attribute=value` holds among `people`.
    func counts(_ people: some Sequence<String>) -> [String: Int] {
        var counts: [String: Int] = [:]
        for pid in people {
            for (name, value) in attributes[pid] ?? [:] { counts["\(name)=\(value)", default: 0] += 1 }
        }
        return counts
    }

    /// The value and joint quotas whose minimum `held` falls short of, in words.
    public func shortfalls(held: Set<String>) -> [String] {
        let counts = counts(held)
        var result: [String] = []
        for name in quotas.keys.sorted() {
            for (value, bounds) in (quotas[name] ?? [:]).sorted(by: { $0.key < $1.key }) where bounds.count == 2 {
                let have = counts["\(name)=\(value)", default: 0]
                if have < bounds[0] { result.append("\(name)=\(value) needs \(bounds[0]), has \(have)") }
            }
        }
        for quota in joint where jointCount(quota, held) < quota.min {
            result.append(
                "\(quota.feature1)=\(quota.value1) × \(quota.feature2)=\(quota.value2) needs \(quota.min), has \(jointCount(quota, held))")
        }
        return result
    }

    /// Whether `held ∪ {candidate}` meets every quota (when it fills the panel) or can be completed
    /// with people of `completion` (when seats stay open). `heldCounts` are `counts(held)`.
    public func admits(
        _ candidate: String, held: Set<String>, heldCounts: [String: Int], completion: [String]
    ) -> Bool {
        guard let own = attributes[candidate], !held.contains(candidate) else { return false }
        var counts = heldCounts
        for (name, value) in own { counts["\(name)=\(value)", default: 0] += 1 }
        let seated = held.count + 1
        guard seated <= panelSize else { return false }
        // No bound may already be exceeded.
        for (name, values) in quotas {
            for (value, bounds) in values where bounds.count == 2 && counts["\(name)=\(value)", default: 0] > bounds[1] {
                return false
            }
        }
        let members = held.union([candidate])
        for quota in joint where jointCount(quota, members) > quota.max { return false }
        if seated == panelSize {
            for (name, values) in quotas {
                for (value, bounds) in values where bounds.count == 2 && counts["\(name)=\(value)", default: 0] < bounds[0] {
                    return false
                }
            }
            return joint.allSatisfy { jointCount($0, members) >= $0.min }
        }
        return completable(members: members, counts: counts, from: completion.filter { $0 != candidate && !held.contains($0) })
    }

    /// At most `limit` people per distinct profile over `features`, in pool order: `limit` open seats
    /// never take more of one profile, so feasibility is unchanged, while a 100,000-person pool shrinks
    /// to a few thousand (the check runs once per reserve tried while seats are open).
    static func distinctProfiles(
        _ pool: [String], upTo limit: Int, features: some Sequence<String>, values: (String) -> [String: String]
    ) -> [String] {
        let names = Array(features).sorted()
        var seen: [[String]: Int] = [:]
        var kept: [String] = []
        for pid in pool {
            let own = values(pid)
            let key = names.map { own[$0] ?? "" }
            let count = seen[key, default: 0]
            if count < limit {
                seen[key] = count + 1
                kept.append(pid)
            }
        }
        return kept
    }

    /// A necessary condition for `admits` when the candidate would fill the panel, cheap enough to run
    /// on every reserve walked (no allocation): the candidate must bring each quota value the held seats
    /// are one short of, and none the held seats have at its maximum. `admits` still decides; this only
    /// spares it the thousands of reserves a rare vacated profile can make the walk pass.
    func fillingFilter(heldCounts: [String: Int]) -> (String) -> Bool {
        var required: [(name: String, value: String)] = []
        var forbidden: [(name: String, value: String)] = []
        var impossible = false
        for (name, values) in quotas {
            for (value, bounds) in values where bounds.count == 2 {
                let held = heldCounts["\(name)=\(value)", default: 0]
                if held < bounds[0] - 1 { impossible = true }
                if held == bounds[0] - 1 { required.append((name, value)) }
                if held >= bounds[1] { forbidden.append((name, value)) }
            }
        }
        let attributes = self.attributes
        return { [impossible, required, forbidden] pid in
            guard !impossible, let own = attributes[pid] else { return false }
            return required.allSatisfy { own[$0.name] == $0.value } && !forbidden.contains { own[$0.name] == $0.value }
        }
    }

    func jointCount(_ quota: JointQuota, _ members: Set<String>) -> Int {
        members.count { pid in
            attributes[pid]?[quota.feature1] == quota.value1 && attributes[pid]?[quota.feature2] == quota.value2
        }
    }

    /// A necessary condition for `completable`, without a solver: no bound exceeded, and per attribute
    /// the seats short of its values' minimums fit in the `open` seats (each person brings one value of
    /// each attribute). Spares the feasibility check for most candidates while a seat is open.
    func mayComplete(counts: [String: Int], open: Int) -> Bool {
        for (name, values) in quotas {
            var short = 0
            for (value, bounds) in values where bounds.count == 2 {
                let held = counts["\(name)=\(value)", default: 0]
                if held > bounds[1] { return false }
                short += max(0, bounds[0] - held)
            }
            if short > open { return false }
        }
        return true
    }

    /// Whether `panelSize − |members|` people of `pool` can join `members` so that every quota holds:
    /// a feasibility check with the quotas reduced by the seats held.
    func completable(members: Set<String>, counts: [String: Int], from pool: [String]) -> Bool {
        let open = panelSize - members.count
        guard open > 0 else { return true }
        guard pool.count >= open, mayComplete(counts: counts, open: open) else { return false }
        var supply = [Int](repeating: 0, count: representatives.count)
        for pid in pool {
            // Someone outside the draw's pool has no values: no quota can count them (as the solver's pool would refuse them).
            guard let profile = profileOf[pid] else { return false }
            supply[profile] += 1
        }
        return completable(members: members, counts: counts, supply: supply)
    }

    /// `completable` from the number of available people per profile (`supply[profile]`): only
    /// `min(supply, open)` of a profile can matter, so the solver sees at most that many.
    func completable(members: Set<String>, counts: [String: Int], supply: [Int]) -> Bool {
        let open = panelSize - members.count
        guard open > 0 else { return true }
        guard mayComplete(counts: counts, open: open) else { return false }
        var available: [(representative: String, count: Int)] = []
        for (profile, count) in supply.enumerated() where count > 0 {
            available.append((representatives[profile], min(count, open)))
        }
        guard available.reduce(0, { $0 + $1.count }) >= open else { return false }
        // Counting before solving: each value's shortfall must be within the people having it, and per
        // attribute the seats its values may still take (at most the people having them) must reach `open`.
        var having: [String: Int] = [:]
        for (representative, count) in available {
            for (name, value) in attributes[representative] ?? [:] where quotas[name] != nil {
                having["\(name)=\(value)", default: 0] += count
            }
        }
        for (name, values) in quotas {
            var room = 0
            var bounded = false
            for (value, bounds) in values where bounds.count == 2 {
                let have = having["\(name)=\(value)", default: 0]
                let held = counts["\(name)=\(value)", default: 0]
                if bounds[0] - held > have { return false }
                room += min(bounds[1] - held, have)
                bounded = true
            }
            if bounded && room < open { return false }
        }
        var lines: [ValueQuota] = []
        for name in quotas.keys.sorted() {
            for (value, bounds) in (quotas[name] ?? [:]).sorted(by: { $0.key < $1.key }) where bounds.count == 2 {
                let held = counts["\(name)=\(value)", default: 0]
                lines.append(
                    ValueQuota(feature: name, value: value, min: max(0, bounds[0] - held), max: min(open, bounds[1] - held)))
            }
        }
        let reducedJoint = joint.map { quota in
            let held = jointCount(quota, members)
            return JointQuota(
                feature1: quota.feature1, value1: quota.value1, feature2: quota.feature2, value2: quota.value2,
                min: max(0, quota.min - held), max: min(open, quota.max - held))
        }
        do {
            let reduced = try Quotas(panelSize: open, quotas: lines, joint: reducedJoint)
            var candidates: [Candidate] = []
            for (representative, count) in available {
                let values = attributes[representative] ?? [:]
                for copy in 0..<count { candidates.append(Candidate(id: "\(representative)#\(copy)", values: values)) }
            }
            let remaining = try Pool(features: reduced.features, candidates: candidates)
            return try FeasibilityCheck.isFeasible(pool: remaining, quotas: reduced)
        } catch {
            return false
        }
    }
}
