import Optimization
import Testing

@testable import Sortition

/// A pricing MIP stopped at its node limit must mark its LEXIMIN step approximate, never silently.
@Suite struct ApproximateStepTests {
    /// Four binary features, so the pricing LP has fractional vertices (two features would give a
    /// bipartite, integral one); found by a random search for an instance whose root LP stops short.
    static func instance() throws -> (Pool, Quotas) {
        let ranges = [("a", 3, 4, 0, 1), ("b", 1, 2, 2, 3), ("c", 1, 3, 1, 3), ("d", 3, 3, 1, 1)]
        let quotas = try Quotas(
            panelSize: 4,
            quotas: ranges.flatMap { feature, min0, max0, min1, max1 in
                [
                    ValueQuota(feature: feature, value: "0", min: min0, max: max0),
                    ValueQuota(feature: feature, value: "1", min: min1, max: max1),
                ]
            })
        let values = [
            [1, 1, 0, 0], [0, 1, 0, 1], [1, 0, 0, 0], [1, 1, 1, 0], [1, 0, 1, 1], [1, 0, 0, 0], [1, 0, 0, 0],
            [0, 1, 0, 0], [0, 0, 0, 1], [1, 1, 0, 0], [0, 1, 0, 0], [0, 0, 1, 1], [1, 0, 1, 1], [0, 0, 1, 1],
            [1, 0, 1, 0],
        ]
        let pool = try Pool(features: quotas.features, ids: values.indices.map { "p\($0)" }, valueIndices: values)
        return (pool, quotas)
    }

    @Test func tinyNodeLimitMarksTheStepApproximate() throws {
        let (pool, quotas) = try Self.instance()
        let exact = try Leximin.distribution(pool: pool, quotas: quotas, options: Leximin.Options(relaxationFirst: false))
        #expect(exact.approximateSteps.isEmpty)
        #expect(!exact.isApproximate)

        let limited = try Leximin.distribution(
            pool: pool, quotas: quotas, options: Leximin.Options(relaxationFirst: false, pricingNodeLimit: 1))
        #expect(limited.isApproximate)
        for step in limited.approximateSteps {
            #expect(step.stoppedBy == "nodeLimit")
            #expect(step.boundGap > Leximin.pricingTolerance)
            #expect(!step.types.isEmpty && step.types.allSatisfy { (0..<pool.typeCount).contains($0) })
        }
        let rounds = limited.approximateSteps.map(\.step).filter { $0 > 0 }
        #expect(rounds == rounds.sorted() && Set(rounds).count == rounds.count)
        // Still panels meeting the quotas, just not proven LEXIMIN: its minimum cannot beat the exact one.
        LeximinTests.checkDistribution(limited, pool, quotas)
        #expect(limited.minimumProbability <= exact.minimumProbability + 1e-9)
    }

    @Test func approximateStepNamesItsLimit() {
        let step = ApproximateStep(step: 2, stoppedBy: .nodeLimit, types: [3], fixedProbability: 0.25, boundGap: 0.01)
        #expect(step == ApproximateStep(step: 2, stoppedBy: "nodeLimit", types: [3], fixedProbability: 0.25, boundGap: 0.01))
        let timed = ApproximateStep(step: 1, stoppedBy: .timeLimit, types: [0], fixedProbability: 0, boundGap: 1)
        #expect(timed.stoppedBy == "timeLimit")
    }
}
