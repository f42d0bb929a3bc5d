import Testing
@testable import Sortition

@Suite struct LegacySelectorTests {
    /// Outside truth: on `example_small_20` the one female conservative is chosen by LEGACY with
    /// probability 0.0096 (10,000 runs, citizensassemblies-replication). 4,000 runs here give a
    /// standard error of about 0.0016, so [0.004, 0.019] fails only on a real difference.
    @Test func matchesPublishedLegacyProbabilityOnExampleSmall() throws {
        let instance = try SharedInstance.exampleSmall()
        let selector = try LegacySelector(pool: instance.pool, quotas: instance.quotas)
        let runs = 4000
        let panels = selector.selectPanels(runs: runs, seed: 20)
        var counts = [Int](repeating: 0, count: instance.pool.count)
        for panel in panels {
            guard let panel else {
                Issue.record("a LEGACY run failed on a feasible instance")
                continue
            }
            #expect(instance.quotas.violations(of: panel, in: instance.pool).isEmpty)
            for person in panel { counts[person] += 1 }
        }
        let probabilities = counts.map { Double($0) / Double(runs) }
        let outlier = try #require(instance.pool.valueIndices.firstIndex { $0 == [0, 1] })  // female, conservative
        #expect((0.004...0.019).contains(probabilities[outlier]))
        #expect(abs(probabilities.reduce(0, +) - 20) < 1e-9)
    }

    @Test func panelsMeetQuotasOnSaFixture() throws {
        let instance = try SharedInstance.saFixture()
        let selector = try LegacySelector(pool: instance.pool, quotas: instance.quotas)
        let panels = selector.selectPanels(runs: 200, seed: 1)
        for panel in panels {
            let panel = try #require(panel)
            #expect(panel.count == 22)
            #expect(instance.quotas.violations(of: panel, in: instance.pool).isEmpty)
        }
    }

    @Test func sameSeedSamePanels() throws {
        let instance = try SharedInstance.exampleSmall()
        let selector = try LegacySelector(pool: instance.pool, quotas: instance.quotas)
        #expect(selector.selectPanels(runs: 20, seed: 7) == selector.selectPanels(runs: 20, seed: 7))
        #expect(selector.selectPanels(runs: 20, seed: 7) != selector.selectPanels(runs: 20, seed: 8))
    }

    @Test func householdsGetOneSeatAtMost() throws {
        let quotas = try Quotas(
            panelSize: 2,
            quotas: [
                ValueQuota(feature: "g", value: "a", min: 1, max: 1), ValueQuota(feature: "g", value: "b", min: 1, max: 1),
            ])
        let candidates = [
            Candidate(id: "1", values: ["g": "a"], household: "h"), Candidate(id: "2", values: ["g": "b"], household: "h"),
            Candidate(id: "3", values: ["g": "b"]),
        ]
        let pool = try Pool(features: quotas.features, candidates: candidates)
        let selector = try LegacySelector(pool: pool, quotas: quotas)
        for panel in selector.selectPanels(runs: 50, seed: 3) {
            #expect(panel == [0, 2])
        }
    }

    @Test func infeasibleQuotasFailInsteadOfLooping() throws {
        let quotas = try Quotas(
            panelSize: 2,
            quotas: [
                ValueQuota(feature: "g", value: "a", min: 2, max: 2), ValueQuota(feature: "g", value: "b", min: 0, max: 2),
            ])
        let pool = try Pool(features: quotas.features, ids: ["1", "2", "3"], valueIndices: [[0], [1], [1]])
        let selector = try LegacySelector(pool: pool, quotas: quotas, maxAttempts: 5)
        #expect(selector.selectPanels(runs: 3, seed: 1) == [nil, nil, nil])
    }
}
