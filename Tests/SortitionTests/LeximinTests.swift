import Testing
import Optimization
@testable import Sortition

@Suite struct LeximinTests {
    /// Every panel of the distribution, realized as people, meets the quotas; probabilities sum to 1
    /// and person probabilities to the panel size.
    static func checkDistribution(_ distribution: Distribution, _ pool: Pool, _ quotas: Quotas) {
        #expect(abs(distribution.probabilities.reduce(0, +) - 1) < 1e-9)
        #expect(distribution.probabilities.allSatisfy { $0 > 0 })
        var cursor = [Int](repeating: 0, count: pool.typeCount)
        for panel in distribution.panels {
            for _ in 0..<3 { #expect(quotas.violations(of: panel.people(in: pool, cursor: &cursor), in: pool).isEmpty) }
        }
        #expect(abs(distribution.personProbabilities(in: pool).reduce(0, +) - Double(quotas.panelSize)) < 1e-6)
    }

    @Test(arguments: [("example_small_20", 20, 0.1, 0.1), ("sa_fixture_22", 22, 1.0 / 11, 0.4709)])
    func sharedInstanceMatchesReference(instance: String, size: Int, minimum: Double, maximum: Double) throws {
        let (pool, quotas) = try SelectionInstances.load(instance, panelSize: size)
        let distribution = try Leximin.distribution(pool: pool, quotas: quotas)
        #expect(abs(distribution.minimumProbability - minimum) < 1e-4)
        #expect(abs(distribution.maximumProbability - maximum) < 1e-3)
        Self.checkDistribution(distribution, pool, quotas)
    }

    @Test func exampleLarge200MatchesReference() throws {
        let (pool, quotas) = try SelectionInstances.load("example_large_200", panelSize: 200)
        let distribution = try Leximin.distribution(pool: pool, quotas: quotas)
        #expect(pool.typeCount == 3)
        #expect(abs(distribution.minimumProbability - 0.1) < 1e-4)
        Self.checkDistribution(distribution, pool, quotas)
    }

    @Test func peopleOnNoPanelGetZeroWithAReason() throws {
        let quotas = try Quotas(panelSize: 2, quotas: [
            ValueQuota(feature: "age", value: "child", min: 0, max: 0),
            ValueQuota(feature: "age", value: "adult", min: 2, max: 2),
        ])
        let pool = try Pool(features: quotas.features, ids: ["a", "b", "c", "d"], valueIndices: [[0], [1], [1], [1]])
        let distribution = try Leximin.distribution(pool: pool, quotas: quotas)
        let probabilities = distribution.personProbabilities(in: pool)
        let expected: [Double] = [0, 2.0 / 3, 2.0 / 3, 2.0 / 3]
        #expect(zip(probabilities, expected).allSatisfy { abs($0 - $1) < 1e-9 })
        #expect(distribution.excluded[pool.typeOfPerson[0]] == "the quota of age=child allows no seats")
    }

    @Test func deterministic() throws {
        var random = instanceGenerator(seed: 99)
        let (pool, quotas) = try BruteForceLeximin.randomInstance(&random)
        let first = try Leximin.distribution(pool: pool, quotas: quotas)
        let second = try Leximin.distribution(pool: pool, quotas: quotas)
        #expect(first.panels == second.panels && first.probabilities == second.probabilities)
    }

    @Test func infeasibleQuotasThrowDiagnostics() throws {
        let quotas = try Quotas(panelSize: 2, quotas: [ValueQuota(feature: "age", value: "adult", min: 3, max: 3)])
        let pool = try Pool(features: quotas.features, ids: ["a", "b", "c"], valueIndices: [[0], [0], [0]])
        #expect {
            try Leximin.distribution(pool: pool, quotas: quotas)
        } throws: { error in
            guard case SelectionError.infeasible(let report) = error else { return false }
            return !report.feasible && !report.conflicts.isEmpty
        }
    }

    /// Households whose members share values form one type per household and values; LEXIMIN still
    /// agrees with the person-level brute force, and some instances do have such multi-member types.
    @Test func householdTypesAgreeWithBruteForce() throws {
        var multiMemberHouseholdTypes = 0
        for seed in 0..<16 {
            var random = instanceGenerator(seed: UInt64(1000 + seed))
            let (base, quotas) = try BruteForceLeximin.randomInstance(&random)
            // Households by the first feature's value, for about two thirds of the people.
            let keys: [String?] = base.valueIndices.map { row in Int.random(in: 0..<3, using: &random) == 0 ? nil : "h\(row[0])" }
            let pool = try Pool(features: base.features, ids: base.ids, valueIndices: base.valueIndices, householdKeys: keys)
            let households = pool.households.map(Set.init)
            multiMemberHouseholdTypes += pool.typeMembers.count { members in
                members.count > 1 && households.contains { $0.isSuperset(of: members) }
            }
            let expected = BruteForceLeximin.probabilities(pool: pool, quotas: quotas)
            guard !BruteForceLeximin.panels(pool: pool, quotas: quotas).isEmpty, !expected.isEmpty else {
                #expect(throws: SelectionError.self) { try Leximin.distribution(pool: pool, quotas: quotas) }
                continue
            }
            let distribution = try Leximin.distribution(pool: pool, quotas: quotas)
            let actual = distribution.personProbabilities(in: pool)
            #expect(zip(expected, actual).allSatisfy { abs($0 - $1) < 1e-6 }, "seed \(seed): expected \(expected), got \(actual)")
            Self.checkDistribution(distribution, pool, quotas)
        }
        #expect(multiMemberHouseholdTypes > 0)
    }

    @Test(arguments: 0..<24)
    func agreesWithBruteForce(seed: Int) throws {
        var random = instanceGenerator(seed: UInt64(seed))
        let (pool, quotas) = try BruteForceLeximin.randomInstance(&random)
        let expected = BruteForceLeximin.probabilities(pool: pool, quotas: quotas)
        let distribution = try Leximin.distribution(pool: pool, quotas: quotas)
        let actual = distribution.personProbabilities(in: pool)
        #expect(zip(expected.sorted(), actual.sorted()).allSatisfy { abs($0 - $1) < 1e-6 }, "expected \(expected), got \(actual)")
        #expect(zip(expected, actual).allSatisfy { abs($0 - $1) < 1e-6 }, "expected \(expected), got \(actual)")
        Self.checkDistribution(distribution, pool, quotas)
    }
}

/// Sortition's generator, seeded so the random instances are the ones these tests were written with
/// (their former local SplitMix64 copy started one increment ahead of `SeededGenerator`).
func instanceGenerator(seed: UInt64) -> SeededGenerator {
    SeededGenerator(seed: seed &+ 0x9E37_79B9_7F4A_7C15)
}

/// Outside truth for small pools: every feasible panel enumerated at person level, and the leximin
/// vector by the textbook sequence of LPs (maximize the smallest unfixed probability; fix everyone
/// whose probability cannot rise above it; repeat).
enum BruteForceLeximin {
    static func randomInstance(_ random: inout SeededGenerator) throws -> (Pool, Quotas) {
        let n = Int.random(in: 6...10, using: &random)
        let featureCount = Int.random(in: 2...3, using: &random)
        let valueCounts = (0..<featureCount).map { _ in Int.random(in: 2...3, using: &random) }
        let values = (0..<n).map { _ in valueCounts.map { Int.random(in: 0..<$0, using: &random) } }
        let k = Int.random(in: 2...Swift.min(5, n - 1), using: &random)
        let witness = Array((0..<n).shuffled(using: &random).prefix(k))
        var lines: [ValueQuota] = []
        for f in 0..<featureCount {
            for v in 0..<valueCounts[f] {
                let seats = witness.count { values[$0][f] == v }
                lines.append(ValueQuota(feature: "f\(f)", value: "v\(v)", min: Swift.max(0, seats - Int.random(in: 0...1, using: &random)),
                                        max: seats + Int.random(in: 0...2, using: &random)))
            }
        }
        var joint: [JointQuota] = []
        if Bool.random(using: &random) {
            let (a, b) = (Int.random(in: 0..<valueCounts[0], using: &random), Int.random(in: 0..<valueCounts[1], using: &random))
            let seats = witness.count { values[$0][0] == a && values[$0][1] == b }
            joint.append(JointQuota(feature1: "f0", value1: "v\(a)", feature2: "f1", value2: "v\(b)",
                                    min: Swift.max(0, seats - Int.random(in: 0...1, using: &random)), max: seats + Int.random(in: 0...1, using: &random)))
        }
        var households = [String?](repeating: nil, count: n)
        let outside = (0..<n).filter { !witness.contains($0) }
        if Bool.random(using: &random), let other = outside.first {
            households[witness[0]] = "h"
            households[other] = "h"
        }
        let quotas = try Quotas(panelSize: k, quotas: lines, joint: joint)
        let pool = try Pool(features: quotas.features, ids: (0..<n).map { "p\($0)" }, valueIndices: values, householdKeys: households)
        return (pool, quotas)
    }

    static func panels(pool: Pool, quotas: Quotas) -> [[Int]] {
        var result: [[Int]] = []
        func extend(_ chosen: [Int], from next: Int) {
            if chosen.count == quotas.panelSize {
                if quotas.violations(of: chosen, in: pool).isEmpty { result.append(chosen) }
                return
            }
            guard next < pool.count else { return }
            for person in next..<pool.count { extend(chosen + [person], from: person + 1) }
        }
        extend([], from: 0)
        return result
    }

    static func probabilities(pool: Pool, quotas: Quotas) -> [Double] {
        let panels = panels(pool: pool, quotas: quotas)
        let n = pool.count
        var fixed = [Double?](repeating: nil, count: n)
        /// Σλ = 1, person i's probability ≥ its fixed value (or ≥ `level` when unfixed); objective chosen by caller.
        func solve(level: Double, objective: (inout LinearModel, Int) -> Void) -> Double {
            var model = LinearModel(sense: .maximize)
            for _ in panels { model.addVariable(Variable(lower: 0)) }
            let z = model.addVariable(Variable(lower: -1, upper: 1))
            model.addConstraint(Constraint(indices: Array(panels.indices), coefficients: Array(repeating: 1, count: panels.count), lower: 1, upper: 1))
            for person in 0..<n {
                let columns = panels.indices.filter { panels[$0].contains(person) }
                if let probability = fixed[person] {
                    model.addConstraint(Constraint(indices: columns, coefficients: Array(repeating: 1, count: columns.count), lower: probability - 1e-9))
                } else if level.isNaN {
                    model.addConstraint(Constraint(indices: columns + [z], coefficients: Array(repeating: 1, count: columns.count) + [-1], lower: 0))
                } else {
                    model.addConstraint(Constraint(indices: columns, coefficients: Array(repeating: 1, count: columns.count), lower: level - 1e-9))
                }
            }
            objective(&model, z)
            return SimplexSolver(model: model, options: SimplexOptions()).solve().objective
        }
        while fixed.contains(where: { $0 == nil }) {
            let level = solve(level: .nan) { model, z in model.variables[z].cost = 1 }
            var fixedAny = false
            for person in 0..<n where fixed[person] == nil {
                let best = solve(level: level) { model, _ in
                    for (index, panel) in panels.enumerated() where panel.contains(person) { model.variables[index].cost = 1 }
                }
                if best <= level + 1e-7 { fixed[person] = level; fixedAny = true }
            }
            if !fixedAny { return [] }
        }
        return fixed.map { $0 ?? -1 }
    }
}
