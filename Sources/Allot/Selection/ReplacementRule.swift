import Foundation
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
    /// The bounded quota values (bounds of two numbers), attributes and values sorted: the counting
    /// checks and the solver's quotas read them in this order.
    let lines: [Line]
    /// Per bounded attribute, the indices of its lines.
    let lineGroups: [[Int]]
    /// Per profile and bounded attribute, the line its value falls in; nil when a value is missing or
    /// no quota lists it (the solver's pool refuses such a person, and so does every completion check).
    let profileLines: [[Int]?]

    struct Line: Sendable {
        let name: String
        let value: String
        /// `name=value`, as `counts` keys it.
        let key: String
        let min: Int
        let max: Int
    }

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
        var lines: [Line] = []
        var lineGroups: [[Int]] = []
        for name in quotas.keys.sorted() {
            var group: [Int] = []
            for (value, bounds) in (quotas[name] ?? [:]).sorted(by: { $0.key < $1.key }) where bounds.count == 2 {
                group.append(lines.count)
                lines.append(Line(name: name, value: value, key: "\(name)=\(value)", min: bounds[0], max: bounds[1]))
            }
            if !group.isEmpty { lineGroups.append(group) }
        }
        self.lines = lines
        self.lineGroups = lineGroups
        let attributes = self.attributes
        profileLines = representatives.map { representative in
            let values = attributes[representative] ?? [:]
            var own: [Int] = []
            for group in lineGroups {
                let name = lines[group[0]].name
                guard let value = values[name] ?? Self.value(named: name, in: values) else { return nil }
                // Matched as the solver's pool matches values: exactly, else trimmed and in any case.
                guard let line = group.first(where: { lines[$0].value == value })
                    ?? group.first(where: { Self.normalized(lines[$0].value) == Self.normalized(value) })
                else { return nil }
                own.append(line)
            }
            return own
        }
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
    /// `min(supply, open)` of a profile can matter, so the solver sees at most that many. Counting
    /// settles most cases and one open seat is settled by trying each profile; the solver decides the rest.
    func completable(members: Set<String>, counts: [String: Int], supply: [Int]) -> Bool {
        completable(
            seated: members.count, held: lines.map { counts[$0.key, default: 0] },
            jointHeld: joint.map { jointCount($0, members) }, supply: supply)
    }

    /// `completable` with `seated` seats taken, holding `held` per line and `jointHeld` per joint quota.
    func completable(seated: Int, held: [Int], jointHeld: [Int], supply: [Int]) -> Bool {
        let open = panelSize - seated
        guard open > 0 else { return true }
        // mayComplete: no bound exceeded, each attribute's shortfalls within the open seats.
        for group in lineGroups {
            var short = 0
            for line in group {
                if held[line] > lines[line].max { return false }
                short += max(0, lines[line].min - held[line])
            }
            if short > open { return false }
        }
        var having = [Int](repeating: 0, count: lines.count)
        var available: [(profile: Int, count: Int)] = []
        var total = 0
        for (profile, count) in supply.enumerated() where count > 0 {
            guard let own = profileLines[profile] else { return false }
            let usable = min(count, open)
            available.append((profile, usable))
            total += usable
            for line in own { having[line] += usable }
        }
        guard total >= open else { return false }
        // Counting: each value's shortfall within the people having it; per attribute, the seats its
        // values may still take (at most the people having them) reach `open`.
        for group in lineGroups {
            var room = 0
            for line in group {
                if lines[line].min - held[line] > having[line] { return false }
                room += min(lines[line].max - held[line], having[line])
            }
            if room < open { return false }
        }
        if open == 1 {
            return available.contains { profile, _ in
                fits(profile, held: held) && zip(joint, jointHeld).allSatisfy { quota, seated in
                    let values = attributes[representatives[profile]] ?? [:]
                    let with = seated + (values[quota.feature1] == quota.value1 && values[quota.feature2] == quota.value2 ? 1 : 0)
                    return with >= quota.min && with <= quota.max
                }
            }
        }
        // A completion built seat by seat proves feasibility without the solver (usually it is found);
        // only when it fails (or joint quotas apply) does the solver decide.
        if joint.isEmpty, completesGreedily(open: open, held: held, available: available) { return true }
        let reducedLines = lines.indices.map { line in
            ValueQuota(
                feature: lines[line].name, value: lines[line].value, min: max(0, lines[line].min - held[line]),
                max: min(open, lines[line].max - held[line]))
        }
        let reducedJoint = zip(joint, jointHeld).map { quota, seated in
            JointQuota(
                feature1: quota.feature1, value1: quota.value1, feature2: quota.feature2, value2: quota.value2,
                min: max(0, quota.min - seated), max: min(open, quota.max - seated))
        }
        do {
            let reduced = try Quotas(panelSize: open, quotas: reducedLines, joint: reducedJoint)
            guard reduced.features.count == lineGroups.count else { return false }
            // The solver's pool, `count` people per available profile, from value indices (a line's
            // position in its attribute's group is the value's index in the reduced quotas).
            var ids: [String] = []
            var valueIndices: [[Int]] = []
            for (profile, count) in available {
                let row = zip(lineGroups, profileLines[profile] ?? []).map { group, line in line - group[0] }
                for copy in 0..<count {
                    ids.append("\(profile)#\(copy)")
                    valueIndices.append(row)
                }
            }
            let remaining = try Pool(features: reduced.features, ids: ids, valueIndices: valueIndices)
            return try FeasibilityCheck.isFeasible(pool: remaining, quotas: reduced)
        } catch {
            return false
        }
    }

    /// Tries to fill `open` seats one at a time from `available`: each seat takes the first profile
    /// (in profile order) that exceeds no maximum, leaves every attribute's shortfalls within the
    /// seats left, and meets the most shortfalls. True when every minimum is met at the end; false
    /// says nothing (a cleverer choice may exist).
    private func completesGreedily(open: Int, held: [Int], available: [(profile: Int, count: Int)]) -> Bool {
        var seated = held
        var left = available.map(\.count)
        for seat in 0..<open {
            let after = open - seat - 1
            var best: (index: Int, meets: Int)?
            for (index, entry) in available.enumerated() where left[index] > 0 {
                guard let own = profileLines[entry.profile] else { return false }
                var meets = 0
                var possible = true
                for (group, mine) in zip(lineGroups, own) {
                    var short = 0
                    for line in group {
                        let now = seated[line] + (line == mine ? 1 : 0)
                        if now > lines[line].max { possible = false }
                        short += max(0, lines[line].min - now)
                    }
                    if short > after { possible = false }
                    if seated[mine] < lines[mine].min { meets += 1 }
                    if !possible { break }
                }
                if possible, meets > (best?.meets ?? -1) { best = (index, meets) }
            }
            guard let best, let own = profileLines[available[best.index].profile] else { return false }
            left[best.index] -= 1
            for line in own { seated[line] += 1 }
        }
        return lines.indices.allSatisfy { seated[$0] >= lines[$0].min && seated[$0] <= lines[$0].max }
    }

    /// Whether one person of `profile` joining seats holding `held` (per line) meets every bound.
    private func fits(_ profile: Int, held: [Int]) -> Bool {
        guard let own = profileLines[profile] else { return false }
        for (group, mine) in zip(lineGroups, own) {
            for line in group {
                let seated = held[line] + (line == mine ? 1 : 0)
                if seated < lines[line].min || seated > lines[line].max { return false }
            }
        }
        return true
    }

    static func normalized(_ text: String) -> String { text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }

    /// The value of the attribute named `name` up to spaces and case (as Pool matches names).
    static func value(named name: String, in values: [String: String]) -> String? {
        let key = normalized(name)
        return values.first { normalized($0.key) == key }?.value
    }
}
