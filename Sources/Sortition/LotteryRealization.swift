/// Turns lottery panels given by type counts into people, so that members of a type share its seats
/// evenly and no two of them sit together much more often than chance.
///
/// Each type deals its members in passes: a pass is a seeded shuffle of the members, and the
/// panels, in lottery order, take their seats of the type from the pass in turn; when a pass runs
/// out, the next is a fresh shuffle. Every member gets one seat per pass, so a type with S seats
/// and n members gives each member ⌊S/n⌋ or ⌈S/n⌉ — the same shares as round-robin. Unlike
/// round-robin (a fixed order, so neighbours in the file shared nearly every panel), two members sit
/// on one panel only when a shuffle puts them in one panel's stretch of a pass, which happens about
/// as often as for members drawn independently given the panels' counts.
/// A panel whose stretch spans two passes never takes a member twice: the members it already holds
/// are moved behind its stretch in the new shuffle (still one seat each per pass).
///
/// Deterministic: the shuffles come from `SeededGenerator`, seeded per type from `SHA256(seed)`,
/// with a Fisher–Yates shuffle written out here (the standard library's may change between releases).
enum LotteryRealization {
    /// People (ascending) on each panel.
    static func people(_ panels: [TypePanel], pool: Pool, seed: [UInt8]) -> [[Int]] {
        let digest = SHA256.hash(seed)
        let base = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        var order = pool.typeMembers
        var position = pool.typeMembers.map(\.count)  // a fresh pass starts at the first seat
        var generators = [SeededGenerator?](repeating: nil, count: pool.typeCount)
        var result: [[Int]] = []
        result.reserveCapacity(panels.count)
        // The panel (its index + 1) each person last took a seat on: who already sits on this one.
        var seatedOn = [Int](repeating: 0, count: pool.count)
        var sorter = PanelSorter(poolSize: pool.count, panelSize: panels.first?.size ?? 0)
        for (panelIndex, panel) in panels.enumerated() {
            var people: [Int] = []
            people.reserveCapacity(panel.size)
            for (type, count) in zip(panel.types, panel.counts) {
                let n = order[type].count
                var take = Swift.min(count, n)
                var start = people.count
                while take > 0 {
                    if position[type] == n {
                        var generator = generators[type] ?? SeededGenerator(seed: base ^ UInt64(type) &* 0x9e37_79b9_7f4a_7c15)
                        shuffle(&order[type], using: &generator)
                        generators[type] = generator
                        position[type] = 0
                        if start < people.count {
                            moveBehind(in: &order[type], stretch: take) { seatedOn[$0] == panelIndex + 1 }
                        }
                        start = people.count
                    }
                    let person = order[type][position[type]]
                    people.append(person)
                    seatedOn[person] = panelIndex + 1
                    position[type] += 1
                    take -= 1
                }
            }
            result.append(sorter.sorted(people))
        }
        return result
    }

    /// Fisher–Yates, drawing each index by multiply-high (no modulo bias worth the name).
    static func shuffle(_ items: inout [Int], using generator: inout SeededGenerator) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            let j = Int(UInt64(i + 1).multipliedFullWidth(by: generator.next()).high)
            items.swapAt(i, j)
        }
    }

    /// Swaps the members `held` out of the first `stretch` positions, each with the first later one
    /// not held (there are enough: the stretch plus those held never exceed the type's members).
    static func moveBehind(in items: inout [Int], stretch: Int, held: (Int) -> Bool) {
        var later = stretch
        for index in 0..<Swift.min(stretch, items.count) where held(items[index]) {
            while later < items.count, held(items[later]) { later += 1 }
            guard later < items.count else { return }
            items.swapAt(index, later)
            later += 1
        }
    }
}

/// Sorts the people of a panel: through a bitmap of the pool when the pool is small next to the
/// panel (one bit per person: setting k bits and reading the words back is faster than comparing),
/// by comparison otherwise. example_large_200 (k = 200 of 2,000): 1,000 sorts took 3 ms, the bitmap 0.3.
struct PanelSorter {
    /// Words of bitmap per panel seat below which the bitmap wins over comparison sorting.
    static let wordsPerSeat = 2
    private var bits: [UInt64]

    init(poolSize: Int, panelSize: Int) {
        let words = (poolSize + 63) / 64
        bits = words <= PanelSorter.wordsPerSeat * Swift.max(panelSize, 1) ? [UInt64](repeating: 0, count: words) : []
    }

    /// `people` ascending (the bitmap is left clear for the next panel).
    mutating func sorted(_ people: [Int]) -> [Int] {
        guard !bits.isEmpty, people.count > 1 else { return people.sorted() }
        var first = Int.max, last = 0
        for person in people {
            let word = person >> 6
            bits[word] |= 1 << UInt64(person & 63)
            first = Swift.min(first, word)
            last = Swift.max(last, word)
        }
        var result: [Int] = []
        result.reserveCapacity(people.count)
        for word in first...last {
            var value = bits[word]
            while value != 0 {
                result.append(word << 6 | value.trailingZeroBitCount)
                value &= value - 1
            }
            bits[word] = 0
        }
        return result
    }
}
