import Foundation
import Sortition
import Testing
@testable import Allot

/// The lottery minimum, households and the event in the draw record: `allot select` keeps them and
/// `allot verify` checks them.
@Suite struct DrawRulesTests {
    /// A pool of `count` people `p0…`, half `g=a` and half `g=b`, with `size`-person panels of one of each.
    static func record(
        lottery: [[String]], count: Int = 6, households: [[String]]? = nil, eventId: DrawRecord.EventID? = nil
    ) throws -> DrawRecord {
        let pool = (0..<count).map { DrawProtocol.PoolEntry(pid: "p\($0)", attributes: ["g": $0 % 2 == 0 ? "a" : "b"]) }
        return try DrawRecord(
            eventId: eventId, panelSize: 2, quotas: ["g": ["a": [1, 1], "b": [1, 1]]], jointQuotas: nil, pool: pool,
            algorithm: "leximin", lottery: lottery, beacon: "b", preparedAt: "2026-11-30T08:00:00Z",
            finalizedAt: "2026-11-30T08:00:01Z", households: households)
    }

    static func failed(_ record: DrawRecord) -> [String] {
        DrawVerifier.verify(record).filter { !$0.passed }.map(\.name)
    }

    /// A lottery of 100 panels cycling through the three (a, b) pairs p0/p1, p2/p3, p4/p5.
    static let fairLottery = (0..<DrawProtocol.minimumLotterySize).map { ["p\(2 * ($0 % 3))", "p\(2 * ($0 % 3) + 1)"] }

    @Test func selectRefusesALotteryBelowTheMinimum() throws {
        for size in [1, DrawProtocol.minimumLotterySize - 1] {
            #expect(throws: SelectFromFilesError.lotteryTooSmall(size: size, minimum: DrawProtocol.minimumLotterySize)) {
                try SelectFromFiles.run(
                    SelectionRequest(
                        featuresPath: SelectionFixtures.instance("example_small_20", "categories.csv"),
                        peoplePath: SelectionFixtures.instance("example_small_20", "respondents.csv"), panelSize: 20,
                        lotterySize: size, beacon: "b"))
            }
        }
        #expect(SelectFromFilesError.lotteryTooSmall(size: 1, minimum: 100).message.contains("at least 100"))
    }

    @Test func verifyRejectsARecordWithAFewPanelLottery() throws {
        #expect(Self.failed(try Self.record(lottery: Self.fairLottery)).isEmpty)
        #expect(Self.failed(try Self.record(lottery: [["p0", "p1"]])) == ["lotterySize"])
        #expect(Self.failed(try Self.record(lottery: Array(Self.fairLottery.dropLast()))) == ["lotterySize"])
    }

    @Test func verifyChecksOnePerHouseholdOnEveryLotteryPanel() throws {
        let households = [["p3", "p0"], ["p5", "p4", "p2"]]
        let kept = try Self.record(lottery: Self.fairLottery.map { $0 == ["p4", "p5"] ? ["p1", "p4"] : $0 }, households: households)
        #expect(kept.households == [["p0", "p3"], ["p2", "p4", "p5"]])
        #expect(Self.failed(kept).isEmpty)
        // p4 and p5 share a household: every third panel breaks the rule, and only that check fails.
        let broken = try Self.record(lottery: Self.fairLottery, households: households)
        #expect(Self.failed(broken) == ["households"])
        let detail = DrawVerifier.verify(broken).first { $0.name == "households" }?.detail ?? ""
        #expect(detail.contains("lottery panel 2 seats p4 and p5 of one household"), "\(detail)")
        // A household naming a stranger, or a pid in two households, is malformed.
        #expect(Self.failed(try Self.record(lottery: Self.fairLottery, households: [["p0", "x9"]])) == ["households"])
        #expect(Self.failed(try Self.record(lottery: Self.fairLottery, households: [["p0", "p3"], ["p3", "p1"]])).contains("households"))
    }

    /// Households are in the terms digest: dropping or changing them after the fact fails `termsDigest`,
    /// while a record made without households hashes its terms as before (no `households` key).
    @Test func householdsAreCoveredByTheTermsDigest() throws {
        let record = try Self.record(lottery: Self.fairLottery.map { $0 == ["p2", "p3"] ? ["p0", "p5"] : $0 }, households: [["p0", "p3"]])
        let json = String(decoding: try record.jsonData(), as: UTF8.self)
        #expect(json.contains(#""households":[["p0","p3"]]"#))
        let dropped = json.replacingOccurrences(of: #""households":[["p0","p3"]],"#, with: "")
        #expect(dropped.count < json.count)
        #expect(Self.failed(try DrawRecord.decode(Data(dropped.utf8))) == ["termsDigest"])
        let moved = json.replacingOccurrences(of: #""households":[["p0","p3"]]"#, with: #""households":[["p0","p1"]]"#)
        #expect(Self.failed(try DrawRecord.decode(Data(moved.utf8))).contains("termsDigest"))

        let plain = try Self.record(lottery: Self.fairLottery)
        #expect(!String(decoding: try plain.jsonData(), as: UTF8.self).contains("households"))
        #expect(!DrawProtocol.termsText(plain.terms).contains("household"))
    }

    /// `--household-columns` reaches the record through `allot select`, and the record verifies.
    @Test func selectRecordsTheHouseholds() throws {
        let directory = try SelectionFixtures.temporaryDirectory()
        let features = try SelectionFixtures.write(
            "feature,value,min,max\ngender,female,2,2\ngender,male,2,2\n", "features.csv", in: directory)
        var people = "id,gender,phone\n"
        for i in 0..<12 { people += "p\(i),\(i % 2 == 0 ? "female" : "male"),\(i < 4 ? "555" : "\(i)")\n" }
        let peoplePath = try SelectionFixtures.write(people, "people.csv", in: directory)
        let result = try SelectFromFiles.run(
            SelectionRequest(
                featuresPath: features, peoplePath: peoplePath, panelSize: 4, lotterySize: 100, beacon: "b",
                householdColumns: ["phone"], eventId: "2026-open-month"))
        #expect(result.record.households == [["p0", "p1", "p2", "p3"]])
        #expect(result.record.eventId == .text("2026-open-month"))
        #expect(DrawVerifier.verify(result.record).allSatisfy { $0.passed })
        #expect(DrawProtocol.termsText(result.record.terms).hasSuffix("household\tp0,p1,p2,p3\n"))
        #expect(DrawProtocol.termsText(result.record.terms).contains("eventId\t2026-open-month\n"))
    }

    @Test func aNumericEventIsRecordedAsANumber() throws {
        let result = try SelectFromFiles.run(
            SelectionRequest(
                featuresPath: SelectionFixtures.instance("example_small_20", "categories.csv"),
                peoplePath: SelectionFixtures.instance("example_small_20", "respondents.csv"), panelSize: 20,
                lotterySize: 100, beacon: "b", eventId: "42"))
        #expect(result.record.eventId == .number(42))
        #expect(DrawVerifier.verify(result.record).allSatisfy { $0.passed })
    }
}
