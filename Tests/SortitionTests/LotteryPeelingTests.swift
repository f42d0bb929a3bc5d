import Testing
@testable import Sortition

/// Step 0 of the lottery: panels peeled from the exact probabilities.
@Suite struct LotteryPeelingTests {
    @Test func cityPoolLotteryIsPeeledWithinOneOverM() throws {
        let (pool, quotas) = try RelaxedLeximinTests.cityPool(people: 1_200, panelSize: 24, seed: 7)
        let distribution = try Leximin.distribution(pool: pool, quotas: quotas)
        let m = 200
        let (typePanels, onTrack) = try #require(LotteryPeeling.panels(typeProbabilities: distribution.typeProbabilities, pool: pool, quotas: quotas, m: m))
        #expect(typePanels.count == m)
        // Every type within one seat of m × its expected seats, when every step kept its bounds.
        var seats = [Int](repeating: 0, count: pool.typeCount)
        for panel in typePanels { for (type, count) in zip(panel.types, panel.counts) { seats[type] += count } }
        let expected = pool.typeMembers.indices.map { Double(m) * Double(pool.typeMembers[$0].count) * distribution.typeProbabilities[$0] }
        #expect(onTrack)
        #expect(zip(seats, expected).allSatisfy { abs(Double($0) - $1) < 1 })

        let lottery = try LotteryRounding.round(distribution, pool: pool, quotas: quotas, size: m)
        #expect(lottery.size == m)
        for panel in lottery.panels { #expect(quotas.violations(of: panel, in: pool).isEmpty) }
        var recount = [Int](repeating: 0, count: pool.count)
        for panel in lottery.panels { for person in panel { recount[person] += 1 } }
        #expect(recount == lottery.seatCounts)
        let exact = distribution.personProbabilities(in: pool)
        let worst = zip(recount, exact).map { abs(Double($0) / Double(m) - $1) }.max() ?? 1
        #expect(abs(worst - lottery.maxDeviation) < 1e-12)
        #expect(lottery.maxDeviation <= 1.0 / Double(m) + 1e-9)
    }
}
