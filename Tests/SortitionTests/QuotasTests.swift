import Testing
@testable import Sortition

@Suite struct QuotasTests {
    static let lines = [
        ValueQuota(feature: "gender", value: "female", min: 2, max: 3),
        ValueQuota(feature: "gender", value: "male", min: 2, max: 3),
        ValueQuota(feature: "age", value: "young", min: 1, max: 4),
        ValueQuota(feature: "age", value: "old", min: 1, max: 4),
    ]

    @Test func featuresInOrderOfFirstAppearance() throws {
        let quotas = try Quotas(panelSize: 5, quotas: Self.lines)
        #expect(quotas.features.map(\.name) == ["gender", "age"])
        #expect(quotas.features[1].values == ["young", "old"])
        #expect(quotas.minimum == [[2, 2], [1, 1]])
        #expect(quotas.maxFlex == [[5, 5], [5, 5]])
    }

    @Test func rejectsBadLines() {
        #expect(throws: SortitionError.invalidBounds(quota: "gender=x", min: 3, max: 2)) {
            try Quotas(panelSize: 5, quotas: [ValueQuota(feature: "gender", value: "x", min: 3, max: 2)])
        }
        #expect(throws: SortitionError.duplicateQuota("gender=Female")) {
            try Quotas(panelSize: 5, quotas: Self.lines + [ValueQuota(feature: "gender", value: "Female", min: 0, max: 1)])
        }
        #expect(throws: SortitionError.invalidPanelSize(size: 0, poolSize: nil)) { try Quotas(panelSize: 0, quotas: Self.lines) }
        #expect(throws: SortitionError.unknownFeature("income")) {
            try Quotas(panelSize: 5, quotas: Self.lines, joint: [JointQuota(feature1: "income", value1: "a", feature2: "age", value2: "old", min: 0, max: 1)])
        }
        #expect(throws: SortitionError.jointSameFeature("age")) {
            try Quotas(panelSize: 5, quotas: Self.lines, joint: [JointQuota(feature1: "age", value1: "young", feature2: "age", value2: "old", min: 0, max: 1)])
        }
    }

    @Test func derivesFloorAndCeilWithSlack() throws {
        let shares = [TargetShare(feature: "gender", value: "female", share: 0.515), TargetShare(feature: "gender", value: "male", share: 0.485),
                      TargetShare(feature: "age", value: "young", share: 0.3), TargetShare(feature: "age", value: "old", share: 0.7)]
        let exact = try Quotas.derived(panelSize: 10, shares: shares)
        #expect(exact.minimum == [[5, 4], [3, 7]])
        #expect(exact.maximum == [[6, 5], [3, 7]])
        let loose = try Quotas.derived(panelSize: 10, shares: shares, slack: 1)
        #expect(loose.minimum == [[4, 3], [2, 6]])
        #expect(loose.maximum == [[7, 6], [4, 8]])
        #expect(throws: SortitionError.invalidShare(feature: "age", value: "old", share: 1.5)) {
            try Quotas.derived(panelSize: 10, shares: [TargetShare(feature: "age", value: "old", share: 1.5)])
        }
    }

    @Test func poolGroupsTypesAndSplitsHouseholds() throws {
        let quotas = try Quotas(panelSize: 2, quotas: Self.lines)
        let people = [
            Candidate(id: "a", values: ["Gender": " Female ", "age": "young"]),
            Candidate(id: "b", values: ["gender": "female", "age": "young"], household: "h1"),
            Candidate(id: "c", values: ["gender": "female", "age": "young"], household: "h1"),
            Candidate(id: "d", values: ["gender": "female", "age": "young"], household: "h2"),
            Candidate(id: "e", values: ["gender": "male", "age": "old"]),
        ]
        let pool = try Pool(features: quotas.features, candidates: people)
        // b and c share household and values: one type (the household row gives it one seat); d's
        // household h2 has no one else, so d counts as sharing none and joins a's type.
        #expect(pool.typeMembers == [[0, 3], [1, 2], [4]])
        #expect(pool.households == [[1, 2]])
        #expect(quotas.violations(of: [1, 2], in: pool).contains { $0.hasPrefix("household") })
        #expect(throws: SortitionError.unknownValue(feature: "age", value: "middle", person: "x")) {
            try Pool(features: quotas.features, candidates: [Candidate(id: "x", values: ["gender": "male", "age": "middle"])])
        }
        #expect(throws: SortitionError.missingValue(feature: "age", person: "x")) {
            try Pool(features: quotas.features, candidates: [Candidate(id: "x", values: ["gender": "male"])])
        }
    }

    @Test func violationsNameTheBrokenQuota() throws {
        let quotas = try Quotas(panelSize: 4, quotas: Self.lines,
                                joint: [JointQuota(feature1: "gender", value1: "female", feature2: "age", value2: "old", min: 1, max: 1)])
        let pool = try Pool(features: quotas.features, ids: ["a", "b", "c", "d", "e"],
                            valueIndices: [[0, 0], [0, 1], [1, 0], [1, 1], [0, 0]])
        #expect(quotas.violations(of: [0, 1, 2, 3], in: pool).isEmpty)
        #expect(quotas.violations(of: [0, 4, 2, 3], in: pool) == ["gender=female × age=old has 0 seats, quota 1...1"])
        var cursor = [Int](repeating: 0, count: pool.typeCount)
        let composition = TypePanel(denseCounts: [2, 0, 1, 1])
        #expect(composition.people(in: pool, cursor: &cursor) == [0, 2, 3, 4])
        #expect(composition.count(ofType: 3) == 1 && composition.count(ofType: 1) == 0)
    }
}
