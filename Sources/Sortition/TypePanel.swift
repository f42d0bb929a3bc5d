/// A panel described by how many members of each type it seats (sparse, types ascending).
/// Any choice of that many members per type meets the same quotas, because quotas only see
/// feature values; a type never spans two households and a household's row allows one seat, so the household rule is kept too.
public struct TypePanel: Sendable, Hashable {
    public let types: [Int]
    public let counts: [Int]

    /// From dense counts per type (zeros dropped).
    public init(denseCounts: [Int]) {
        var types: [Int] = [], counts: [Int] = []
        for (type, count) in denseCounts.enumerated() where count > 0 {
            types.append(type)
            counts.append(count)
        }
        self.types = types
        self.counts = counts
    }

    /// From sparse counts (types ascending, counts positive).
    init(types: [Int], counts: [Int]) {
        self.types = types
        self.counts = counts
    }

    public var size: Int { counts.reduce(0, +) }

    /// Seats of `type` on this panel.
    public func count(ofType type: Int) -> Int {
        var low = 0, high = types.count
        while low < high {
            let mid = (low + high) / 2
            if types[mid] < type { low = mid + 1 } else { high = mid }
        }
        return low < types.count && types[low] == type ? counts[low] : 0
    }

    /// Turns the composition into people, round-robin within each type: for type `t` it takes the
    /// next `count` members after `cursor[t]` (cyclically) and advances the cursor. Realizing m
    /// lottery panels in turn this way gives every member of a type a seat count within one of
    /// every other member's, so people's shares match the type's share within 1/m.
    /// `cursor` holds one entry per type of `pool` (start with zeros).
    public func people(in pool: Pool, cursor: inout [Int]) -> [Int] {
        var panel: [Int] = []
        panel.reserveCapacity(size)
        for (type, count) in zip(types, counts) {
            let members = pool.typeMembers[type]
            for _ in 0..<count {
                panel.append(members[cursor[type] % members.count])
                cursor[type] = (cursor[type] + 1) % members.count
            }
        }
        return panel.sorted()
    }
}
