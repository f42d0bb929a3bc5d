import Foundation
import Sortition
import Testing
@testable import Allot

@Suite struct SelectFromFilesTests {
    /// Outside truth: LEXIMIN gives everyone 10% on `example_small_20` (published, exact).
    @Test func leximinOnExampleSmallMatchesThePublishedMinimumAndVerifies() throws {
        let result = try SelectFromFiles.run(
            SelectionRequest(
                featuresPath: SelectionFixtures.instance("example_small_20", "categories.csv"),
                peoplePath: SelectionFixtures.instance("example_small_20", "respondents.csv"), panelSize: 20,
                algorithm: .leximin, beacon: "leximin test"))
        #expect(abs(result.minProbability - 0.1) < 1e-4)
        #expect(!result.estimated)
        #expect(result.record.lottery.count == DrawProtocol.defaultLotterySize)
        #expect(result.lotteryDeviation < 1.0 / 1000)
        #expect(abs(result.probabilities.values.reduce(0, +) - 20) < 1e-6)
        #expect(DrawVerifier.verify(result.record).filter { !$0.passed }.isEmpty)
    }

    /// Joint quotas and households reach the record and every lottery panel keeps them.
    @Test func jointQuotasAndHouseholdsAreKept() throws {
        let directory = try SelectionFixtures.temporaryDirectory()
        let features = try SelectionFixtures.write(
            "feature,value,min,max\ngender,female,2,2\ngender,male,2,2\nage,young,1,3\nage,old,1,3\n", "features.csv",
            in: directory)
        var people = "id,gender,age,phone\n"
        for i in 0..<12 {
            people += "p\(i),\(i % 2 == 0 ? "female" : "male"),\(i % 3 == 0 ? "old" : "young"),\(i < 4 ? "555" : "\(i)")\n"
        }
        let peoplePath = try SelectionFixtures.write(people, "people.csv", in: directory)
        let joint = try SelectionFixtures.write(
            "feature1,value1,feature2,value2,min,max\ngender,female,age,old,1,1\n", "joint.csv", in: directory)
        for algorithm in SelectionRequest.Algorithm.allCases {
            let result = try SelectFromFiles.run(
                SelectionRequest(
                    featuresPath: features, peoplePath: peoplePath, panelSize: 4, algorithm: algorithm, lotterySize: 100,
                    beacon: "b", householdColumns: ["phone"], jointQuotasPath: joint))
            #expect(result.record.jointQuotas?.count == 1)
            #expect(DrawVerifier.verify(result.record).filter { !$0.passed }.isEmpty)
            let household: Set<String> = ["p0", "p1", "p2", "p3"]
            for panel in result.record.lottery {
                #expect(panel.filter(household.contains).count <= 1, "\(algorithm): \(panel)")
                let oldWomen = panel.filter { ["p0", "p6"].contains($0) }
                #expect(oldWomen.count == 1, "\(algorithm): \(panel)")
            }
        }
    }

    @Test func infeasibleQuotasNameTheConflictAndARelaxation() throws {
        let directory = try SelectionFixtures.temporaryDirectory()
        let features = try SelectionFixtures.write(
            "feature,value,min,max,min_flex,max_flex\ngender,female,15,20,0,20\ngender,male,15,20,0,20\n",
            "features.csv", in: directory)
        for algorithm in SelectionRequest.Algorithm.allCases {
            #expect {
                try SelectFromFiles.run(
                    SelectionRequest(
                        featuresPath: features, peoplePath: SelectionFixtures.instance("example_small_20", "respondents.csv"),
                        panelSize: 20, algorithm: algorithm))
            } throws: { error in
                guard case SelectFromFilesError.infeasible(let diagnostics) = error else { return false }
                // Typed: the conflict names the values and counts, the relaxation a bound.
                let typed = diagnostics.conflicts.contains {
                    if case .minimumsAboveSeats(attribute: "gender", total: 30, seats: 20) = $0 { true } else { false }
                }
                return typed && diagnostics.relaxations.contains { $0.bound == .min }
                    && diagnostics.lines.contains { $0.hasPrefix("suggestion: lower the minimum") }
            }
        }
    }

    /// A pricing MIP stopped at a tiny node limit: the result and the record say which LEXIMIN steps are
    /// approximate, `allot verify` still accepts the record, and an exact draw's record has no such key.
    /// (The instance of `ApproximateStepTests`: four binary features whose pricing LP is fractional.)
    @Test func approximateStepsReachTheRecord() throws {
        let directory = try SelectionFixtures.temporaryDirectory()
        let ranges = [("a", 3, 4, 0, 1), ("b", 1, 2, 2, 3), ("c", 1, 3, 1, 3), ("d", 3, 3, 1, 1)]
        var features = "feature,value,min,max\n"
        for (name, min0, max0, min1, max1) in ranges { features += "\(name),0,\(min0),\(max0)\n\(name),1,\(min1),\(max1)\n" }
        let values = [
            [1, 1, 0, 0], [0, 1, 0, 1], [1, 0, 0, 0], [1, 1, 1, 0], [1, 0, 1, 1], [1, 0, 0, 0], [1, 0, 0, 0],
            [0, 1, 0, 0], [0, 0, 0, 1], [1, 1, 0, 0], [0, 1, 0, 0], [0, 0, 1, 1], [1, 0, 1, 1], [0, 0, 1, 1],
            [1, 0, 1, 0],
        ]
        let people = "id,a,b,c,d\n" + values.enumerated().map { "p\($0.offset)," + $0.element.map(String.init).joined(separator: ",") + "\n" }.joined()
        func run(_ options: Leximin.Options) throws -> SelectionResult {
            try SelectFromFiles.run(
                SelectionRequest(
                    featuresPath: try SelectionFixtures.write(features, "features.csv", in: directory),
                    peoplePath: try SelectionFixtures.write(people, "people.csv", in: directory), panelSize: 4,
                    lotterySize: 100, beacon: "approximate", leximinOptions: options))
        }
        let limited = try run(Leximin.Options(relaxationFirst: false, pricingNodeLimit: 1))
        #expect(!limited.approximateSteps.isEmpty)
        #expect(limited.record.approximateSteps == limited.approximateSteps)
        #expect(limited.approximateSteps.allSatisfy { $0.stoppedBy == "nodeLimit" })
        #expect(DrawVerifier.verify(limited.record).filter { !$0.passed }.isEmpty)
        let text = String(decoding: try limited.record.jsonData(), as: UTF8.self)
        #expect(text.contains("\"approximateSteps\":[{"))
        #expect(try DrawRecord.decode(try limited.record.jsonData()) == limited.record)

        let exact = try run(Leximin.Options(relaxationFirst: false))
        #expect(exact.approximateSteps.isEmpty)
        #expect(exact.record.approximateSteps == nil)
        #expect(!String(decoding: try exact.record.jsonData(), as: UTF8.self).contains("approximateSteps"))
    }
}
