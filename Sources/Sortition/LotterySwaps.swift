/// Person-level repair of a lottery: swaps one person for another on single lottery panels until
/// everyone's lottery seats lie within one seat of their exact expectation (|count/m − π| ≤ 1/m),
/// or no swap that keeps the quotas helps any more.
///
/// A person a outside their window [L_a, U_a] = [⌈m·π_a − 1⌉, ⌊m·π_a + 1⌋] (too many seats) gives
/// one seat to a person b below their expectation who stays inside their own window, on a lottery
/// panel holding a but not b where `panel − a + b` still meets every quota (and household rule);
/// too few seats, the other way round. Each swap brings a one seat closer and keeps b within 1/m,
/// so the largest deviation never grows. Deterministic: people and panels are scanned in index order.
enum LotterySwaps {
    /// Swap checks the repair may spend in all: enough for a few hundred swaps in pools of hundreds
    /// (about a second in a release build); larger lotteries stop early, still valid.
    static let evaluationBudget = 2_000_000
    /// Tolerance on m·π being an integer (LP probabilities carry noise around 1e-9).
    static let tolerance = 1e-7

    /// Repairs `panels` (people per lottery panel) in place; `targets[i]` is m·π_i.
    static func repair(panels: inout [[Int]], targets: [Double], pool: Pool, quotas: Quotas) {
        let low = targets.map { Swift.max(0, Int(($0 - 1 - tolerance).rounded(.up))) }
        let high = targets.map { Int(($0 + 1 + tolerance).rounded(.down)) }
        var counts = [Int](repeating: 0, count: pool.count)
        var members = panels.map(Set.init)
        for panel in panels { for person in panel { counts[person] += 1 } }
        var budget = evaluationBudget
        var stuck = Set<Int>()

        while budget > 0 {
            // The person furthest outside their window (lowest index on ties), not yet stuck.
            var worst: (person: Int, excess: Int)?
            for person in counts.indices where !stuck.contains(person) {
                let excess = Swift.max(counts[person] - high[person], low[person] - counts[person])
                if excess > 0, excess > (worst?.excess ?? 0) { worst = (person, excess) }
            }
            guard let (person, _) = worst else { return }
            let tooMany = counts[person] > high[person]
            if !tooMany, let (index, other) = sparingPanel(for: person) {
                apply(leaving: [other], joining: [person], on: index)
                continue
            }
            // Partners: those who can take (or give) a seat and stay in their window, furthest from
            // their expectation in the helpful direction first.
            let partners = counts.indices.filter { other in
                other != person && (tooMany ? counts[other] + 1 <= high[other] : counts[other] - 1 >= low[other])
            }.sorted {
                let a = Double(counts[$0]) - targets[$0], b = Double(counts[$1]) - targets[$1]
                return (tooMany ? a < b : a > b) || a == b && $0 < $1
            }
            var swap: (panel: Int, leaving: Int, joining: Int)?
            search: for partner in partners {
                let (leaving, joining) = tooMany ? (person, partner) : (partner, person)
                for index in panels.indices {
                    budget -= 1
                    if budget <= 0 { return }
                    guard members[index].contains(leaving), !members[index].contains(joining) else { continue }
                    if swapKeepsQuotas(panels[index], leaving: leaving, joining: joining, pool: pool, quotas: quotas) {
                        swap = (index, leaving, joining)
                        break search
                    }
                }
            }
            if let swap {
                apply(leaving: [swap.leaving], joining: [swap.joining], on: swap.panel)
                continue
            }
            // No single swap keeps the quotas: try two at once on one panel (person's swap plus a
            // second one that restores the attribute counts the first disturbed).
            let canTake = counts.indices.filter { counts[$0] + 1 <= high[$0] }
            var double: (panel: Int, leaving: [Int], joining: [Int])?
            search: for index in panels.indices where members[index].contains(person) != !tooMany {
                var seats = quotas.features.map { [Int](repeating: 0, count: $0.values.count) }
                for member in panels[index] { for (f, v) in pool.valueIndices[member].enumerated() { seats[f][v] += 1 } }
                let first = tooMany ? [person] : panels[index].filter { counts[$0] - 1 >= low[$0] }
                for leaving in first {
                    let joiners = tooMany ? partners : [person]
                    for joining in joiners where !members[index].contains(joining) {
                        for second in panels[index] where second != leaving && counts[second] - 1 >= low[second] {
                            budget -= 1
                            for third in canTake where third != joining && !members[index].contains(third) {
                                budget -= 1
                                if budget <= 0 { return }
                                guard fits(seats, leaving: [leaving, second], joining: [joining, third], pool: pool, quotas: quotas)
                                else { continue }
                                let swapped = panels[index].filter { $0 != leaving && $0 != second } + [joining, third]
                                if quotas.violations(of: swapped, in: pool).isEmpty {
                                    double = (index, [leaving, second], [joining, third])
                                    break search
                                }
                            }
                        }
                    }
                }
            }
            guard let double else {
                stuck.insert(person)
                continue
            }
            apply(leaving: double.leaving, joining: double.joining, on: double.panel)
        }

        /// For a person short of seats: the first panel without them holding someone who can spare a
        /// seat (and stay in their window) and whose place they can take within the quotas. Scans
        /// panels, not partners, so it stays cheap in pools of a hundred thousand.
        func sparingPanel(for person: Int) -> (panel: Int, other: Int)? {
            for index in panels.indices where !members[index].contains(person) {
                var seats = quotas.features.map { [Int](repeating: 0, count: $0.values.count) }
                for member in panels[index] { for (f, v) in pool.valueIndices[member].enumerated() { seats[f][v] += 1 } }
                for other in panels[index] where counts[other] - 1 >= low[other] {
                    budget -= 1
                    if budget <= 0 { return nil }
                    guard fits(seats, leaving: [other], joining: [person], pool: pool, quotas: quotas) else { continue }
                    let swapped = panels[index].map { $0 == other ? person : $0 }
                    if quotas.violations(of: swapped, in: pool).isEmpty { return (index, other) }
                }
            }
            return nil
        }

        func apply(leaving: [Int], joining: [Int], on index: Int) {
            panels[index] = (panels[index].filter { !leaving.contains($0) } + joining).sorted()
            for person in leaving {
                members[index].remove(person)
                counts[person] -= 1
            }
            for person in joining {
                members[index].insert(person)
                counts[person] += 1
            }
        }
    }

    /// Whether attribute seat counts `seats` with `leaving` out and `joining` in meet every value quota.
    static func fits(_ seats: [[Int]], leaving: [Int], joining: [Int], pool: Pool, quotas: Quotas) -> Bool {
        var changed: [(feature: Int, value: Int, delta: Int)] = []
        for (people, delta) in [(leaving, -1), (joining, 1)] {
            for person in people {
                for (f, v) in pool.valueIndices[person].enumerated() {
                    if let k = changed.firstIndex(where: { $0.feature == f && $0.value == v }) {
                        changed[k].delta += delta
                    } else {
                        changed.append((f, v, delta))
                    }
                }
            }
        }
        return changed.allSatisfy { change in
            let n = seats[change.feature][change.value] + change.delta
            return n >= quotas.minimum[change.feature][change.value] && n <= quotas.maximum[change.feature][change.value]
        }
    }

    /// Whether the panel with `leaving` replaced by `joining` meets the quotas: a quick test on the
    /// attribute values that change, then the full check (joint quotas, households).
    static func swapKeepsQuotas(_ panel: [Int], leaving: Int, joining: Int, pool: Pool, quotas: Quotas) -> Bool {
        let from = pool.valueIndices[leaving], to = pool.valueIndices[joining]
        for feature in from.indices where from[feature] != to[feature] {
            let seatsTo = panel.count { pool.valueIndices[$0][feature] == to[feature] }
            if seatsTo + 1 > quotas.maximum[feature][to[feature]] { return false }
            let seatsFrom = panel.count { pool.valueIndices[$0][feature] == from[feature] }
            if seatsFrom - 1 < quotas.minimum[feature][from[feature]] { return false }
        }
        let swapped = panel.map { $0 == leaving ? joining : $0 }
        return quotas.violations(of: swapped, in: pool).isEmpty
    }
}
