import Testing
@testable import Sortition

@Suite struct FeasibilityTests {
    /// A pool of `counts[i]` people with value indices `rows[i]`.
    static func pool(_ quotas: Quotas, _ groups: [([Int], Int)], households: [String?]? = nil) throws -> Pool {
        let rows = groups.flatMap { Array(repeating: $0.0, count: $0.1) }
        return try Pool(features: quotas.features, ids: rows.indices.map { "p\($0)" }, valueIndices: rows, householdKeys: households)
    }

    static func genderAge(size: Int, female: ClosedRange<Int>, male: ClosedRange<Int> = 0...30, young: ClosedRange<Int> = 0...30,
                          joint: [JointQuota] = [], femaleFlex: Int? = nil) throws -> Quotas {
        try Quotas(panelSize: size, quotas: [
            ValueQuota(feature: "gender", value: "female", min: female.lowerBound, max: female.upperBound, minFlex: femaleFlex),
            ValueQuota(feature: "gender", value: "male", min: male.lowerBound, max: male.upperBound),
            ValueQuota(feature: "age", value: "young", min: young.lowerBound, max: young.upperBound),
            ValueQuota(feature: "age", value: "old", min: 0, max: 30),
        ], joint: joint)
    }

    @Test func feasibleQuotasPass() throws {
        let quotas = try Self.genderAge(size: 10, female: 5...5)
        let report = try FeasibilityCheck.check(pool: try Self.pool(quotas, [([0, 0], 9), ([1, 1], 12)]), quotas: quotas)
        #expect(report.feasible && report.conflicts.isEmpty && report.relaxations.isEmpty)
    }

    @Test func tooFewPeopleForAMinimum() throws {
        let quotas = try Self.genderAge(size: 20, female: 11...12)
        let pool = try Self.pool(quotas, [([0, 0], 9), ([1, 1], 30)])
        let report = try FeasibilityCheck.check(pool: pool, quotas: quotas)
        #expect(!report.feasible)
        #expect(report.conflicts.map(\.description) == ["gender=female needs at least 11 but only 9 people are available"])
        #expect(report.conflicts == [.tooFewWithValue(quota: QuotaName(attribute: "gender", value: "female"), needed: 11, available: 9)])
        #expect(report.relaxations == [QuotaRelaxation(name: QuotaName(attribute: "gender", value: "female"), bound: .min, from: 11, to: 9)])
        #expect(report.relaxations.first?.description == "lower the minimum of gender=female from 11 to 9")
        let relaxed = try #require(report.relaxedQuotas)
        #expect(try FeasibilityCheck.check(pool: pool, quotas: relaxed).feasible)
    }

    @Test func minimumsAboveAndMaximumsBelowPanelSize() throws {
        let pool = try Self.pool(try Self.genderAge(size: 10, female: 0...10), [([0, 0], 20), ([1, 1], 20)])
        let over = try Self.genderAge(size: 10, female: 6...10, male: 6...10)
        let overReport = try FeasibilityCheck.check(pool: pool, quotas: over)
        #expect(overReport.conflicts.map(\.description) == ["the minimums of gender add up to 12, more than the 10 seats"])
        #expect(overReport.relaxations.map { $0.from - $0.to }.reduce(0, +) == 2)
        #expect(try FeasibilityCheck.check(pool: pool, quotas: try #require(overReport.relaxedQuotas)).feasible)
        let under = try Self.genderAge(size: 10, female: 0...4, male: 0...4)
        let underReport = try FeasibilityCheck.check(pool: pool, quotas: under)
        #expect(underReport.conflicts.map(\.description) == ["the maximums of gender (capped by the people available) add up to 8, fewer than the 10 seats"])
        #expect(underReport.relaxations.count { $0.bound == .max } >= 1)
    }

    @Test func interactionFoundOnlyByTheMIP() throws {
        // Everyone female is young and everyone male is old: 3 female and 3 old cannot fit in 4 seats.
        let quotas = try Self.genderAge(size: 4, female: 3...4, young: 0...1)
        let pool = try Self.pool(quotas, [([0, 0], 5), ([1, 1], 5)])
        #expect(FeasibilityCheck.countingConflicts(pool: pool, quotas: quotas).isEmpty)
        let report = try FeasibilityCheck.check(pool: pool, quotas: quotas)
        #expect(!report.feasible)
        #expect(report.conflicts.map(\.description) == ["these quotas cannot all hold on a panel of 4: gender=female at least 3, age=young at most 1"])
        #expect(report.relaxations.map { abs($0.to - $0.from) }.reduce(0, +) == 2)
        #expect(try FeasibilityCheck.check(pool: pool, quotas: try #require(report.relaxedQuotas)).feasible)
    }

    @Test func flexLimitsTheRelaxation() throws {
        let quotas = try Self.genderAge(size: 20, female: 11...12, femaleFlex: 10)
        let pool = try Self.pool(quotas, [([0, 0], 9), ([1, 1], 30)])
        let report = try FeasibilityCheck.check(pool: pool, quotas: quotas)
        #expect(!report.feasible && report.relaxations.isEmpty && report.relaxedQuotas == nil)
    }

    @Test func jointQuotaAgainstItsValues() throws {
        let joint = [JointQuota(feature1: "gender", value1: "female", feature2: "age", value2: "young", min: 3, max: 4)]
        let quotas = try Self.genderAge(size: 6, female: 0...2, joint: joint)
        let pool = try Self.pool(quotas, [([0, 0], 5), ([1, 1], 5), ([0, 1], 5), ([1, 0], 5)])
        let report = try FeasibilityCheck.check(pool: pool, quotas: quotas)
        #expect(report.conflicts.map(\.description) == ["gender=female × age=young needs at least 3 but gender=female allows at most 2"])
        #expect(report.relaxations.map { abs($0.to - $0.from) }.reduce(0, +) == 1)
        #expect(try FeasibilityCheck.check(pool: pool, quotas: try #require(report.relaxedQuotas)).feasible)
    }

    @Test func householdsLimitWhoCanSitTogether() throws {
        let quotas = try Self.genderAge(size: 3, female: 3...3)
        let pool = try Self.pool(quotas, [([0, 0], 4), ([1, 1], 2)], households: ["a", "a", "b", "b", nil, nil])
        let report = try FeasibilityCheck.check(pool: pool, quotas: quotas)
        #expect(report.conflicts.map(\.description) == ["gender=female needs at least 3 but only 2 people are available"])
    }
}
