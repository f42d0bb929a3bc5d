import Testing
@testable import Sortition

/// `LotteryExchange.recompose`: a lottery panel composed afresh by a MIP when no exchange moves a type.
@Suite struct LotteryRecomposeTests {
    /// Four people, one of each (gender, age); panels of two with one woman and one young person:
    /// {young woman, older man} or {older woman, young man}. Probability ½ each, m = 4, so every
    /// type's window is [1, 3] seats.
    static func crossed() throws -> (pool: Pool, quotas: Quotas, type: [String: Int]) {
        let features = [Feature(name: "gender", values: ["f", "m"]), Feature(name: "age", values: ["young", "old"])]
        let people = [("fy", 0, 0), ("fo", 0, 1), ("my", 1, 0), ("mo", 1, 1)]
        let pool = try Pool(features: features, ids: people.map(\.0), valueIndices: people.map { [$0.1, $0.2] })
        let quotas = try Quotas(panelSize: 2, quotas: [
            ValueQuota(feature: "gender", value: "f", min: 1, max: 1), ValueQuota(feature: "gender", value: "m", min: 1, max: 1),
            ValueQuota(feature: "age", value: "young", min: 1, max: 1), ValueQuota(feature: "age", value: "old", min: 1, max: 1),
        ])
        var type: [String: Int] = [:]
        for (person, id) in pool.ids.enumerated() { type[id] = pool.typeOfPerson[person] }
        return (pool, quotas, type)
    }

    static func panel(_ types: [Int]) -> TypePanel {
        var dense = [Int](repeating: 0, count: 4)
        for type in types { dense[type] += 1 }
        return TypePanel(denseCounts: dense)
    }

    @Test func recomposesAPanelTowardsTheWindows() throws {
        let (pool, quotas, type) = try Self.crossed()
        let (fy, fo, my, mo) = (try #require(type["fy"]), try #require(type["fo"]), try #require(type["my"]), try #require(type["mo"]))
        // Four copies of {fy, mo}: those two hold 4 seats (above 3), the others none (below 1).
        let copies = [TypePanel](repeating: Self.panel([fy, mo]), count: 4)
        var exchange = LotteryExchange(panels: copies, pool: pool, quotas: quotas, typeProbabilities: [0.5, 0.5, 0.5, 0.5])
        #expect(exchange.outside(fy) == 1)
        let moved = exchange.recompose(fy)
        #expect(moved)
        // The only other panel meeting the quotas replaced one copy; every type is now in its window.
        let panels = exchange.typePanels
        #expect(panels.filter { $0 == Self.panel([fo, my]) }.count == 1)
        #expect(panels.filter { $0 == Self.panel([fy, mo]) }.count == 3)
        #expect([fy, fo, my, mo].allSatisfy { exchange.outside($0) == 0 })
        #expect(exchange.seats == (0..<4).map { type in panels.reduce(0) { $0 + $1.count(ofType: type) } })
        #expect([exchange.seats[fy], exchange.seats[fo], exchange.seats[my], exchange.seats[mo]] == [3, 1, 1, 3])
    }

    @Test func refusesWhenNoPanelMovesTheType() throws {
        let (pool, quotas, type) = try Self.crossed()
        let (fy, fo, my, mo) = (try #require(type["fy"]), try #require(type["fo"]), try #require(type["my"]), try #require(type["mo"]))
        // m = 5: fy (π = ½, window [2, 3]) holds 4 seats; fo and my (π = 0, window [0, 1]) hold one
        // each already, so the only other panel, {fo, my}, would put them out of theirs.
        let given = [TypePanel](repeating: Self.panel([fy, mo]), count: 4) + [Self.panel([fo, my])]
        let probabilities = (0..<4).map { [fy, mo].contains($0) ? 0.5 : 0 }
        var exchange = LotteryExchange(panels: given, pool: pool, quotas: quotas, typeProbabilities: probabilities)
        #expect(exchange.outside(fy) == 1)
        let moved = exchange.recompose(fy)
        #expect(!moved)
        #expect(exchange.typePanels == given)
        #expect(exchange.outside(fy) == 1)
    }

    /// The pair ratio that decides whether recomposed Beck–Fiala panels are kept: a type of two
    /// members, each on half the panels, seated together on every panel holding it meets twice as
    /// often as independent members would (½ against ¼); spread over alternate panels, never.
    @Test func pairRatioCountsHowOftenMembersOfATypeMeet() throws {
        let features = [Feature(name: "group", values: ["a", "b"])]
        let pool = try Pool(features: features, ids: ["a1", "a2", "b1", "b2"], valueIndices: [[0], [0], [1], [1]])
        let quotas = try Quotas(panelSize: 2, quotas: [
            ValueQuota(feature: "group", value: "a", min: 0, max: 2), ValueQuota(feature: "group", value: "b", min: 0, max: 2),
        ])
        let (a, b) = (pool.typeOfPerson[0], pool.typeOfPerson[2])
        var together = [Int](repeating: 0, count: 2), apart = together, other = together
        together[a] = 2
        other[b] = 2
        apart[a] = 1
        apart[b] = 1
        let paired = LotteryExchange(
            panels: (0..<100).map { TypePanel(denseCounts: $0 % 2 == 0 ? together : other) }, pool: pool, quotas: quotas,
            typeProbabilities: [0.5, 0.5])
        #expect(abs(paired.pairRatio(a) - 2) < 1e-12)
        #expect(abs(paired.largestPairRatio - 2) < 1e-12)
        let spread = LotteryExchange(
            panels: [TypePanel](repeating: TypePanel(denseCounts: apart), count: 100), pool: pool, quotas: quotas,
            typeProbabilities: [0.5, 0.5])
        #expect(spread.pairRatio(a) == 0 && spread.largestPairRatio == 0)
    }
}
