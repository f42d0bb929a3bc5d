import Testing
@testable import Sortition

/// The lottery's promise on pools like real volunteer pools (issue 15): everyone within 1/m of
/// their probability, every lottery panel meeting the quotas. census_biased_2500 and pools sampled
/// from it have hundreds of types, many of one or two people, which is where rounding by panel
/// weights and round-robin used to miss 1/m (1.97/m) or take 15 s.
@Suite struct LotteryDeviationTests {
    /// Checks `lottery` against `distribution` from outside: recounts seats, recomputes the largest
    /// deviation, checks every panel with `Quotas.violations`, no one twice on a panel, m panels of k.
    static func check(_ lottery: Lottery, _ distribution: Distribution, _ instance: SharedInstance, m: Int) {
        let (pool, quotas) = (instance.pool, instance.quotas)
        #expect(lottery.size == m)
        var counts = [Int](repeating: 0, count: pool.count)
        for panel in lottery.panels {
            #expect(panel.count == quotas.panelSize)
            #expect(Set(panel).count == panel.count)
            #expect(quotas.violations(of: panel, in: pool).isEmpty)
            for person in panel { counts[person] += 1 }
        }
        #expect(counts == lottery.seatCounts)
        let exact = distribution.personProbabilities(in: pool)
        let worst = zip(counts, exact).map { abs(Double($0) / Double(m) - $1) }.max() ?? 1
        #expect(abs(worst - lottery.maxDeviation) < 1e-12)
        #expect(worst <= (1 + 1e-7) / Double(m), "largest deviation \(worst * Double(m))/m")
        #expect(abs(lottery.guaranteedDeviation - 1 / Double(m)) < 1e-12)
    }

    @Test func censusBiasedIsWithinOneOverM() throws {
        let instance = try SharedInstance.censusBiased()
        let distribution = try Leximin.distribution(pool: instance.pool, quotas: instance.quotas)
        #expect(instance.pool.typeCount == 792)
        let lottery = try LotteryRounding.round(distribution, pool: instance.pool, quotas: instance.quotas, size: 1000)
        Self.check(lottery, distribution, instance, m: 1000)
    }

    /// Pools of several sizes and seeds sampled from census_biased_2500, quotas scaled to the panel.
    @Test(arguments: [(600, 50, UInt64(1)), (400, 40, 2), (300, 30, 3)])
    func censusSamplesAreWithinOneOverM(people: Int, size: Int, seed: UInt64) throws {
        let instance = try SharedInstance.censusSample(people: people, size: size, seed: seed)
        let distribution = try Leximin.distribution(pool: instance.pool, quotas: instance.quotas)
        let lottery = try LotteryRounding.round(distribution, pool: instance.pool, quotas: instance.quotas, size: 1000)
        Self.check(lottery, distribution, instance, m: 1000)
    }

    /// A lottery smaller than the distribution (more panels than m): the peeled path, then exchanges.
    @Test func cityPoolWithMorePanelsThanLotteryIsWithinOneOverM() throws {
        let (pool, quotas) = try RelaxedLeximinTests.cityPool(people: 600, panelSize: 20, seed: 11)
        let distribution = try Leximin.distribution(pool: pool, quotas: quotas)
        let m = 100
        #expect(distribution.panels.count > m)
        let lottery = try LotteryRounding.round(distribution, pool: pool, quotas: quotas, size: m)
        Self.check(lottery, distribution, SharedInstance(pool: pool, quotas: quotas), m: m)
    }

    /// Synthetic city pools (six features, sixteen districts, nearly one person per type). On the
    /// pool of 1,500 with k = 40 (seed 5; bench-select) two people ended one seat over, every panel
    /// holding them tight on the rows they sit in (1.56/m), until a failed repair of Beck–Fiala's
    /// panels fell back to peeling (0.936/m). The pool of 300 takes that path too; the pool of 500
    /// with k = 30 (seed 5) ended at 1.01/m until panels no exchange repairs were recomposed by MIP.
    /// LEXIMIN on such pools takes seconds even in release, so the larger ones are left to bench-select.
    @Test(arguments: [(300, 20, UInt64(6)), (500, 30, 5)])
    func cityPoolsAreWithinOneOverM(people: Int, size: Int, seed: UInt64) throws {
        let (pool, quotas) = try RelaxedLeximinTests.cityPool(people: people, panelSize: size, seed: seed)
        let distribution = try Leximin.distribution(pool: pool, quotas: quotas)
        let lottery = try LotteryRounding.round(distribution, pool: pool, quotas: quotas, size: 1000)
        Self.check(lottery, distribution, SharedInstance(pool: pool, quotas: quotas), m: 1000)
    }

    /// The seed only changes who of a type sits where: same seed, same lottery; another seed, other
    /// panels, each still within 1/m and within the quotas.
    @Test func shuffleSeedIsDeterministic() throws {
        let instance = try SharedInstance.censusSample(people: 300, size: 30, seed: 3)
        let distribution = try Leximin.distribution(pool: instance.pool, quotas: instance.quotas)
        let first = try LotteryRounding.round(distribution, pool: instance.pool, quotas: instance.quotas, size: 1000, shuffleSeed: [1, 2, 3])
        let again = try LotteryRounding.round(distribution, pool: instance.pool, quotas: instance.quotas, size: 1000, shuffleSeed: [1, 2, 3])
        let other = try LotteryRounding.round(distribution, pool: instance.pool, quotas: instance.quotas, size: 1000, shuffleSeed: [4, 5, 6])
        #expect(first.panels == again.panels)
        #expect(first.panels != other.panels)
        Self.check(other, distribution, instance, m: 1000)
    }
}
