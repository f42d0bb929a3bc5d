import Sortition
import Testing

@testable import Allot

/// The completion check of allot-replace-v1 (can the held seats still be completed to a panel meeting
/// every quota with unused reserves?) against brute force over every way to fill the open seats, on
/// seeded random small instances with many people of the same profile (the check keeps at most as many
/// of one profile as there are open seats).
@Suite struct ReplacementRuleCompletionTests {
    /// SplitMix64: a fixed, seeded stream so every run checks the same instances.
    struct Stream: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func combinations(_ items: [String], _ size: Int) -> [[String]] {
        guard size > 0 else { return [[]] }
        guard items.count >= size else { return [] }
        var result: [[String]] = []
        for (index, item) in items.enumerated() {
            for rest in combinations(Array(items[(index + 1)...]), size - 1) { result.append([item] + rest) }
        }
        return result
    }

    /// The attributes of the random cases: few profiles, so people alike are the rule.
    static let values = ["gender": ["f", "m"], "age": ["young", "middle", "old"]]

    /// `count` people P0… with random values of `values`.
    static func randomPool(_ count: Int, _ random: inout Stream) -> [DrawProtocol.PoolEntry] {
        (0..<count).map { index in
            DrawProtocol.PoolEntry(
                pid: "P\(index)", attributes: values.mapValues { $0[Int.random(in: 0..<$0.count, using: &random)] })
        }
    }

    /// Random quotas of `values`: a minimum of 0…2 and a maximum of up to `spread` more.
    static func randomQuotas(spread: Int, _ random: inout Stream) -> [String: [String: [Int]]] {
        var quotas: [String: [String: [Int]]] = [:]
        for (name, options) in values {
            for value in options {
                let low = Int.random(in: 0...2, using: &random)
                quotas[name, default: [:]][value] = [low, low + Int.random(in: 0...spread, using: &random)]
            }
        }
        return quotas
    }

    @Test func completionAgreesWithBruteForce() throws {
        var random = Stream(state: 20_261_130)
        var feasibleSeen = 0
        var infeasibleSeen = 0
        for _ in 0..<150 {
            let panelSize = 6
            // 14 people of few profiles: duplicates are the rule.
            let pool = Self.randomPool(14, &random)
            let quotas = Self.randomQuotas(spread: 3, &random)
            let rule = ReplacementRule(panelSize: panelSize, quotas: quotas, joint: nil, pool: pool)
            let open = Int.random(in: 1...3, using: &random)
            let shuffled = pool.map(\.pid).shuffled(using: &random)
            let members = Set(shuffled.prefix(panelSize - open))
            let rest = Array(shuffled.dropFirst(panelSize - open))
            let attributes = Dictionary(uniqueKeysWithValues: pool.map { ($0.pid, $0.attributes) })
            let meets = { (panel: [String]) -> Bool in
                quotas.allSatisfy { name, bounds in
                    bounds.allSatisfy { value, range in
                        let count = panel.count { attributes[$0]?[name] == value }
                        return count >= range[0] && count <= range[1]
                    }
                }
            }
            let truth = Self.combinations(rest, open).contains { meets(Array(members) + $0) }
            let checked = rule.completable(members: members, counts: rule.counts(members), from: rest)
            #expect(checked == truth, "members \(members.sorted()), open \(open), quotas \(quotas)")
            if truth { feasibleSeen += 1 } else { infeasibleSeen += 1 }
        }
        // Both answers occur, so the comparison means something.
        #expect(feasibleSeen > 10 && infeasibleSeen > 10)
    }

    /// The quick filter the replacement walk runs on every reserve never rejects one `admits` accepts
    /// when the replacement fills the panel, and does reject some (else it would save nothing).
    @Test func fillingFilterIsANecessaryConditionOfAdmits() {
        var random = Stream(state: 7)
        var admitted = 0
        var filtered = 0
        for _ in 0..<200 {
            let pool = Self.randomPool(12, &random)
            let quotas = Self.randomQuotas(spread: 2, &random)
            let rule = ReplacementRule(panelSize: 5, quotas: quotas, joint: nil, pool: pool)
            let shuffled = pool.map(\.pid).shuffled(using: &random)
            let held = Set(shuffled.prefix(4))
            let counts = rule.counts(held)
            let mayFill = rule.fillingFilter(heldCounts: counts)
            for pid in shuffled.dropFirst(4) {
                let admits = rule.admits(pid, held: held, heldCounts: counts, completion: [])
                #expect(!admits || mayFill(pid), "\(pid) admitted but filtered out; quotas \(quotas)")
                if admits { admitted += 1 }
                if !mayFill(pid) { filtered += 1 }
            }
        }
        #expect(admitted > 20 && filtered > 20)
    }

    /// While seats are open the replacement walk passes `admits` the unused reserves capped at
    /// `open + 1` per profile instead of all of them: the same answer for every candidate.
    @Test func admitsWithTheCappedCompletionAgrees() {
        var random = Stream(state: 99)
        var admitted = 0
        var compared = 0
        for _ in 0..<150 {
            let pool = Self.randomPool(16, &random)
            let quotas = Self.randomQuotas(spread: 3, &random)
            let rule = ReplacementRule(panelSize: 7, quotas: quotas, joint: nil, pool: pool)
            let shuffled = pool.map(\.pid).shuffled(using: &random)
            let heldCount = Int.random(in: 3...5, using: &random)  // 1 to 3 seats open after the candidate
            let held = Set(shuffled.prefix(heldCount))
            let unused = Array(shuffled.dropFirst(heldCount))
            let counts = rule.counts(held)
            let capped = ReplacementRule.distinctProfiles(
                unused, upTo: rule.panelSize - heldCount, features: rule.profileFeatures,
                values: { rule.attributes[$0] ?? [:] })
            for pid in unused {
                let full = rule.admits(pid, held: held, heldCounts: counts, completion: unused)
                #expect(full == rule.admits(pid, held: held, heldCounts: counts, completion: capped))
                if full { admitted += 1 }
                compared += 1
            }
        }
        #expect(admitted > 50 && compared - admitted > 50)
    }

    /// The walk asks once per profile and again only after a skip; the rule read literally asks for
    /// every reserve with the unused reserves of the moment (INTERFACE.md §5). Both must pick the same
    /// reserve and skip the same ones, with 0 to 3 seats open after the replacement.
    @Test func choiceAgreesWithTheLiteralWalk() {
        var random = Stream(state: 2_026)
        var chosenWithOpenSeats = 0
        var openSeatLeft = 0
        var skippedBeforeChoice = 0
        for _ in 0..<300 {
            let pool = Self.randomPool(18, &random)
            // Quotas around a panel of the first 7 (so that completions often exist), the held seats among them.
            let shuffled = pool.map(\.pid).shuffled(using: &random)
            var quotas: [String: [String: [Int]]] = [:]
            for (name, options) in Self.values {
                for value in options {
                    let count = shuffled.prefix(7).count { pid in pool.first { $0.pid == pid }?.attributes[name] == value }
                    quotas[name, default: [:]][value] = [
                        max(0, count - Int.random(in: 0...1, using: &random)), count + Int.random(in: 0...1, using: &random),
                    ]
                }
            }
            let rule = ReplacementRule(panelSize: 7, quotas: quotas, joint: nil, pool: pool)
            let heldCount = Int.random(in: 3...6, using: &random)
            // Half the time the held seats are not among that panel: completions are then often impossible.
            let seated = Bool.random(using: &random) ? shuffled : shuffled.shuffled(using: &random)
            let held = Set(seated.prefix(heldCount))
            let order = shuffled.filter { !held.contains($0) }
            let gone = Set(order.filter { _ in Int.random(in: 0..<8, using: &random) == 0 })
            let away = Set(order.filter { _ in Int.random(in: 0..<4, using: &random) == 0 })
            // The rule as written: one check per reserve, against the unused reserves of the moment.
            var unused = order.filter { !gone.contains($0) }
            var literal = ReplacementRule.Choice(skipped: [], chosen: nil)
            var index = 0
            let counts = rule.counts(held)
            while index < unused.count {
                let pid = unused[index]
                if away.contains(pid) {
                    literal.skipped.append(ReplacementLog.Skip(pid: pid, reason: "withdrawn"))
                    unused.remove(at: index)
                    continue
                }
                if rule.admits(pid, held: held, heldCounts: counts, completion: unused) {
                    literal.chosen = pid
                    break
                }
                index += 1
            }
            let walked = rule.choose(held: held, order: rule.order(order), gone: gone) {
                away.contains($0) ? "withdrawn" : nil
            }
            #expect(walked == literal, "held \(held.sorted()), order \(order), gone \(gone.sorted()), away \(away.sorted())")
            if heldCount < 6 {
                if literal.chosen != nil { chosenWithOpenSeats += 1 } else { openSeatLeft += 1 }
            }
            if literal.chosen != nil, !literal.skipped.isEmpty { skippedBeforeChoice += 1 }
        }
        #expect(chosenWithOpenSeats > 20 && openSeatLeft > 20 && skippedBeforeChoice > 10)
    }

    @Test func distinctProfilesKeepsAtMostTheOpenSeatsPerProfile() {
        let values = ["a": ["x": "1"], "b": ["x": "1"], "c": ["x": "1"], "d": ["x": "2"], "e": ["x": "1", "y": "9"]]
        let kept = ReplacementRule.distinctProfiles(["a", "b", "c", "d", "e"], upTo: 2, features: ["x"]) { values[$0] ?? [:] }
        #expect(kept == ["a", "b", "d"])
        let withY = ReplacementRule.distinctProfiles(["a", "b", "c", "d", "e"], upTo: 1, features: ["x", "y"]) { values[$0] ?? [:] }
        #expect(withY == ["a", "d", "e"])
    }
}
