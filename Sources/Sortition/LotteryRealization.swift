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
        // Every type's members in one array (type t at start[t]..<start[t + 1]): the current pass.
        var start = [Int](repeating: 0, count: pool.typeCount + 1)
        for (type, members) in pool.typeMembers.enumerated() { start[type + 1] = start[type] + members.count }
        var order = pool.typeMembers.flatMap { $0 }
        // Where each type's pass stands (a fresh pass starts at the first seat) and its shuffles.
        var passes = pool.typeMembers.indices.map { type in
            Pass(position: pool.typeMembers[type].count, generator: SeededGenerator(seed: base ^ UInt64(type) &* 0x9e37_79b9_7f4a_7c15))
        }
        let panelSize = panels.lazy.map(\.size).max() ?? 0
        var sorter = PanelSorter(poolSize: pool.count, panelSize: panelSize)
        var result: [[Int]] = []
        result.reserveCapacity(panels.count)
        order.withUnsafeMutableBufferPointer { order in
            passes.withUnsafeMutableBufferPointer { passes in
                for panel in panels {
                    sorter.begin()
                    for index in panel.types.indices {
                        let type = panel.types[index]
                        let first = start[type], n = start[type + 1] - first
                        var take = Swift.min(panel.counts[index], n)
                        var seatedBefore = 0  // of this type on this panel, from the pass before
                        while take > 0 {
                            if passes[type].position == n {
                                let members = UnsafeMutableBufferPointer(rebasing: order[first..<(first + n)])
                                shuffle(members, using: &passes[type].generator)
                                passes[type].position = 0
                                if seatedBefore > 0 {
                                    moveBehind(in: members, stretch: take) { sorter.holds($0) }
                                }
                            }
                            let from = passes[type].position, end = Swift.min(n, from + take)
                            sorter.add(UnsafeBufferPointer(rebasing: order[(first + from)..<(first + end)]))
                            seatedBefore += end - from
                            take -= end - from
                            passes[type].position = end
                        }
                    }
                    result.append(sorter.finish())
                }
            }
        }
        return result
    }

    /// One type's current pass: the next seat in its shuffled members, and the generator of its shuffles.
    struct Pass {
        var position: Int
        var generator: SeededGenerator
    }

    /// Fisher–Yates, drawing each index by multiply-high (no modulo bias worth the name).
    static func shuffle(_ items: UnsafeMutableBufferPointer<Int>, using generator: inout SeededGenerator) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            let j = Int(UInt64(i + 1).multipliedFullWidth(by: generator.next()).high)
            items.swapAt(i, j)
        }
    }

    /// Swaps the members `held` out of the first `stretch` positions, each with the first later one
    /// not held (there are enough: the stretch plus those held never exceed the type's members).
    static func moveBehind(in items: UnsafeMutableBufferPointer<Int>, stretch: Int, held: (Int) -> Bool) {
        var later = stretch
        for index in 0..<Swift.min(stretch, items.count) where held(items[index]) {
            while later < items.count, held(items[later]) { later += 1 }
            guard later < items.count else { return }
            items.swapAt(index, later)
            later += 1
        }
    }
}

/// Collects the people of one panel and hands them back ascending: through a bitmap of the pool
/// when the pool is small next to the panel (one bit per person: setting k bits and reading the
/// words back is faster than comparing), by comparison otherwise. example_large_200 (k = 200 of
/// 2,000): 1,000 sorts took 3 ms, the bitmap 0.3.
struct PanelSorter {
    /// Words of bitmap per panel seat below which the bitmap wins over comparison sorting.
    static let wordsPerSeat = 2
    private var bits: [UInt64]
    private var firstWord = Int.max, lastWord = 0, count = 0
    /// Without the bitmap: the people so far, and the panel (numbered from 1) each person last sat on.
    private var people: [Int] = []
    private var seatedOn: [Int]
    private var panel = 0

    init(poolSize: Int, panelSize: Int) {
        let words = (poolSize + 63) / 64
        let bitmap = words <= PanelSorter.wordsPerSeat * Swift.max(panelSize, 1)
        bits = bitmap ? [UInt64](repeating: 0, count: words) : []
        seatedOn = bitmap ? [] : [Int](repeating: 0, count: poolSize)
        if !bitmap { people.reserveCapacity(panelSize) }
    }

    /// Starts the next panel.
    mutating func begin() {
        panel += 1
    }

    /// Seats `people` on the current panel.
    mutating func add(_ people: UnsafeBufferPointer<Int>) {
        guard let low = people.first else { return }
        if bits.isEmpty {
            self.people.append(contentsOf: people)
            for person in people { seatedOn[person] = panel }
            return
        }
        var first = Swift.min(firstWord, low >> 6), last = Swift.max(lastWord, low >> 6)
        bits.withUnsafeMutableBufferPointer { bits in
            for person in people {
                let word = person >> 6
                bits[word] |= 1 << UInt64(person & 63)
                first = Swift.min(first, word)
                last = Swift.max(last, word)
            }
        }
        firstWord = first
        lastWord = last
        count += people.count
    }

    /// Whether `person` already sits on the current panel.
    func holds(_ person: Int) -> Bool {
        bits.isEmpty ? seatedOn[person] == panel : bits[person >> 6] & (1 << UInt64(person & 63)) != 0
    }

    /// The current panel's people ascending (the sorter is left clear for the next panel).
    mutating func finish() -> [Int] {
        guard !bits.isEmpty else {
            defer { people.removeAll(keepingCapacity: true) }
            return people.sorted()
        }
        guard count > 0 else { return [] }
        let size = count
        let result = bits.withUnsafeMutableBufferPointer { bits in
            [Int](unsafeUninitializedCapacity: size) { buffer, written in
                written = 0
                for word in firstWord...lastWord {
                    var value = bits[word]
                    while value != 0 {
                        buffer[written] = word << 6 | value.trailingZeroBitCount
                        written += 1
                        value &= value - 1
                    }
                    bits[word] = 0
                }
            }
        }
        firstWord = Int.max
        lastWord = 0
        count = 0
        return result
    }
}
