import Foundation
import Sortition
import Testing

@testable import Allot

/// Every metric of the reports against a small event worked out by hand.
///
/// Registry (`ReportWorld`): 21 active volunteers: 13 women (persons 0–11 and the 19-year-old 20),
/// 8 men (12–19); persons 11 and 19 are students. Targets: gender 50/50.
/// Event: 10 seats, gender 5..5 each (10 × 0.5), student 0..0, minimum age 20.
/// Pool = the 20 adults: 12 women (one student), 8 men (one student).
/// LEXIMIN: women who are not students share 5 seats: 5/11 each; men 5/7 each; students 0.
///
/// After the draw (panel 5 women F0–F4, 5 men M0–M4; reserves R1 woman, R2 man):
///   F0 F1 F2 attended, F3 declined → R1 (replacement) attended, F4 no-show;
///   M0 M1 attended, M2 declined → R2 (replacement) declined, M3 expired, M4 accepted (not yet held).
/// Feedback (overall, information, heard, again): F0 5 3 5 y, F1 4 4 4 y, F2 3 2 2 n, R1 4 5 4 y, M0 2 3 1 n.
/// Suggestions created 2026-12-21T10:00Z: replied after 3 d (adopted), 10 d (not adopted),
/// 1.5 d (under review), one unanswered (received).
@Suite("Reports")
struct ReportTests {
    static let tolerance = 1e-6

    static func close(_ value: Double?, _ expected: Double) -> Bool {
        guard let value else { return false }
        return abs(value - expected) < tolerance
    }

    @Test func metricsAgreeWithHandComputedValues() {
        // Sorted 1,1,2,3 (n 4, sum 7): Σ(2i−5)xᵢ = −3 −1 +4... = −3·1 −1·1 +1·2 +3·3 = 7 → 7 / (4·7) = 0.25.
        #expect(Self.close(FairnessMetrics.gini([3, 1, 2, 1]), 0.25))
        #expect(FairnessMetrics.gini([2, 2, 2]) == 0 && FairnessMetrics.gini([]) == 0)
        // One holds everything among 4: (3·1)/(4·1) = 0.75.
        #expect(Self.close(FairnessMetrics.gini([0, 0, 0, 1]), 0.75))
        #expect(FairnessMetrics.median([5, 1, 3]) == 3 && FairnessMetrics.median([4, 1, 3, 2]) == 2.5)
        // ½(|0.6−0.5| + |0.4−0.5|) = 0.1; disjoint = 1.
        #expect(Self.close(FairnessMetrics.totalVariation(["a": 0.6, "b": 0.4], ["a": 0.5, "b": 0.5]), 0.1))
        #expect(FairnessMetrics.totalVariation(["a": 1], ["b": 1]) == 1)
    }

    @Test func eventReportExactFigures() throws {
        let world = try ReportWorld()
        let (event, panel, reserves) = try world.drawnEvent()
        try world.playOut(event: event.id, panel: panel, reserves: reserves)
        // Threshold 1: nothing is suppressed, so every exact figure can be checked.
        let report = try world.reports(threshold: 1).event(event.id)

        #expect(report.stages.map(\.total) == [21, 20, 10, 12, 8, 6])
        let gender = try #require(report.composition.first { $0.attribute == "gender" })
        func cell(_ value: String, _ stage: ReportStage) -> StageCell? {
            gender.values.first { $0.value == value }?.stages.first { $0.stage == stage }
        }
        func tvd(_ stage: ReportStage) -> Double? { gender.distance.first { $0.stage == stage }?.tvd }
        // Registry 13 F / 8 M of 21: TVD = 13/21 − 1/2 = 5/42.
        #expect(cell("female", .registry)?.count.value == 13 && Self.close(tvd(.registry), 5.0 / 42))
        // Pool 12/20 = 0.6: TVD 0.1; +10 points; 12 − 0.5·20 = +2 people.
        #expect(Self.close(tvd(.pool), 0.1))
        #expect(
            Self.close(cell("female", .pool)?.deviationPoints, 10)
                && Self.close(cell("female", .pool)?.deviationSeats, 2))
        // Panel 5/5: on target.
        #expect(Self.close(tvd(.panel), 0) && Self.close(cell("male", .panel)?.deviationSeats, 0))
        // Accepted F0 F1 F2 F4 R1 = 5 women, M0 M1 M4 = 3 men of 8: 5/8 → +12.5 points, +1 seat; TVD 0.125.
        #expect(
            Self.close(cell("female", .accepted)?.share, 0.625)
                && Self.close(cell("female", .accepted)?.deviationPoints, 12.5))
        #expect(Self.close(cell("female", .accepted)?.deviationSeats, 1) && Self.close(tvd(.accepted), 0.125))
        // Attended 4 women, 2 men: TVD 4/6 − 1/2 = 1/6.
        #expect(Self.close(tvd(.attended), 1.0 / 6))
        // Age has no census figure: no target, no distance.
        let age = try #require(report.composition.first { $0.attribute == "age" })
        #expect(age.distance.allSatisfy { $0.tvd == nil } && age.values.allSatisfy { $0.targetShare == nil })

        let fairness = try #require(report.fairness)
        #expect(fairness.algorithm == "leximin" && fairness.poolSize == 20)
        #expect(fairness.minimum == 0 && Self.close(fairness.maximum, 5.0 / 7))
        // 20 values: 0,0, 11 × 5/11, 7 × 5/7 → the 10th and 11th are 5/11.
        #expect(Self.close(fairness.median, 5.0 / 11))
        // Σ(2i−21)xᵢ = (−15…5 step 2 = −55)·5/11 + (7…19 step 2 = 91)·5/7 = −25 + 65 = 40; G = 40 / (20·10) = 0.2.
        #expect(Self.close(fairness.gini, 0.2))
        #expect(fairness.zeroChance == 2)
        #expect(
            fairness.zeroChanceGroups == [
                ZeroChanceGroup(reason: "quota_zero", values: ["occupation=student"], count: 2)
            ])
        // Width (5/7)/10: zeros in bin 0, 5/11 ÷ width = 6.36 → bin 6, 5/7 → the last bin.
        #expect(fairness.histogram.map(\.count) == [2, 0, 0, 0, 0, 0, 11, 0, 0, 7])
        // LEXIMIN maximizes the lowest chance among those who can be drawn at all: 5/11.
        #expect(Self.close(fairness.leximinMinimum, 5.0 / 11))

        let total = report.participation.total
        #expect(total.invited.value == 12 && total.accepted.value == 8 && total.declined.value == 3)
        #expect(total.expired.value == 1 && total.cancelled.value == 0 && total.open.value == 0)
        #expect(total.replacements.value == 2 && total.attended.value == 6 && total.noShow.value == 1)
        // 8/12 accepted, 6/8 attended.
        #expect(Self.close(total.acceptanceRate, 8.0 / 12) && Self.close(total.attendanceRate, 0.75))
        let women = try #require(report.participation.strata.first { $0.attribute == "gender" && $0.value == "female" })
        #expect(women.counts.invited.value == 6 && women.counts.accepted.value == 5 && women.counts.attended.value == 4)
        #expect(Self.close(women.counts.acceptanceRate, 5.0 / 6) && Self.close(women.counts.attendanceRate, 0.8))
        // Accepted without replacements: 4 F, 3 M of 7 → TVD 4/7 − 1/2 = 1/14; with: 5/8 − 1/2 = 1/8;
        // the declined male replacement left the seats 100·(1/14 − 1/8) = −5.357 points further away.
        let effect = try #require(report.participation.replacementEffect.first { $0.attribute == "gender" })
        #expect(Self.close(effect.withoutReplacements, 1.0 / 14) && Self.close(effect.withReplacements, 0.125))
        #expect(Self.close(effect.restoredPoints, 100 * (1.0 / 14 - 0.125)))

        let satisfaction = report.satisfaction.total
        // 5 responses of 6 attendees; overall (5+4+3+4+2)/5 = 3.6, information 17/5, heard 16/5, again 3/5.
        #expect(satisfaction.responses.value == 5 && Self.close(satisfaction.responseRate, 5.0 / 6))
        #expect(Self.close(satisfaction.overall, 3.6) && Self.close(satisfaction.information, 3.4))
        #expect(Self.close(satisfaction.heard, 3.2) && Self.close(satisfaction.again, 0.6))
        #expect(satisfaction.distribution.map(\.value) == [0, 1, 1, 2, 1])
        let womenScores = try #require(
            report.satisfaction.strata.first { $0.attribute == "gender" && $0.value == "female" })
        // Women: (5+4+3+4)/4 = 4, all 4 attendees answered; men: 2, one of two.
        #expect(Self.close(womenScores.stats.overall, 4) && Self.close(womenScores.stats.responseRate, 1))
        let menScores = try #require(
            report.satisfaction.strata.first { $0.attribute == "gender" && $0.value == "male" })
        #expect(Self.close(menScores.stats.overall, 2) && Self.close(menScores.stats.responseRate, 0.5))

        // Replies after 3, 10 and 1.5 days: median 3.
        #expect(report.suggestions.total == 4 && report.suggestions.replied == 3)
        #expect(Self.close(report.suggestions.medianDaysToReply, 3))
        #expect(report.suggestions.byStatus.map(\.count) == [1, 1, 1, 0, 1])
    }

    @Test func smallCellsAreSuppressedAndRatesOverThemWithheld() throws {
        let world = try ReportWorld()
        let (event, panel, reserves) = try world.drawnEvent()
        try world.playOut(event: event.id, panel: panel, reserves: reserves)
        let report = try world.reports(threshold: 5).event(event.id)
        let gender = try #require(report.composition.first { $0.attribute == "gender" })
        func cell(_ value: String, _ stage: ReportStage) -> StageCell? {
            gender.values.first { $0.value == value }?.stages.first { $0.stage == stage }
        }
        // Accepted: 5 women shown, 3 men "<5"; the stage's distance is withheld (it would give the 3 away).
        #expect(cell("female", .accepted)?.count.shown == "5" && cell("male", .accepted)?.count.shown == "<5")
        #expect(cell("male", .accepted)?.share == nil && cell("male", .accepted)?.deviationSeats == nil)
        #expect(gender.distance.first { $0.stage == .accepted }?.tvd == nil)
        // Attended 4 and 2: both suppressed. Pool and panel stay exact (public in the draw record).
        #expect(cell("female", .attended)?.count.shown == "<5" && cell("male", .attended)?.count.shown == "<5")
        #expect(cell("male", .panel)?.count.shown == "5" && cell("female", .pool)?.count.shown == "12")
        let women = try #require(report.participation.strata.first { $0.attribute == "gender" && $0.value == "female" })
        // 6 invited, 5 accepted: the rate is shown; 4 attended: suppressed, so the attendance rate is withheld.
        #expect(women.counts.invited.shown == "6" && women.counts.declined.shown == "<5")
        #expect(Self.close(women.counts.acceptanceRate, 5.0 / 6) && women.counts.attendanceRate == nil)
        let men = try #require(report.participation.strata.first { $0.attribute == "gender" && $0.value == "male" })
        #expect(men.counts.accepted.shown == "<5" && men.counts.acceptanceRate == nil)
        // Zero stays 0: it singles out nobody.
        #expect(men.counts.cancelled.shown == "0")
        #expect(report.participation.replacementEffect.first?.withReplacements == nil)
        // Four women answered: "<5", and their means are withheld; the event's totals are not per group.
        let scores = try #require(report.satisfaction.strata.first { $0.attribute == "gender" && $0.value == "female" })
        #expect(scores.stats.responses.shown == "<5" && scores.stats.overall == nil && scores.stats.responseRate == nil)
        #expect(Self.close(report.satisfaction.total.overall, 3.6))

        // JSON carries "<5" as a string, never the number behind it; CSV and HTML say so too.
        let json = String(decoding: try report.output(format: .json).bytes, as: UTF8.self)
        #expect(json.contains(#""accepted":"<5""#) && json.contains(#""threshold":5"#))
        let csv = try #require(report.tables.first { $0.name == "participation" }?.csv)
        #expect(csv.contains("gender,male,6,<5,<5,<5,0,0,<5,<5,0,,"))
        let html = report.html(language: .en).text
        #expect(html.contains("Small-cell protection") && html.contains("&lt;5"))
        #expect(report.html().text.contains("小单元保护"))
    }

    @Test func summaryAcrossEventsExactFigures() throws {
        let world = try ReportWorld()
        let p = world.pids
        // Three drawn events (any panel: the summary counts invitations) and a draft that is left out.
        let e1 = try world.drawnEvent(startsAt: "2026-12-05T09:30", department: "市规划资源局").event.id
        let e2 = try world.drawnEvent(startsAt: "2027-03-10T09:30", department: "市规划资源局", beacon: "b2").event.id
        let e3 = try world.drawnEvent(startsAt: "2028-01-20T09:30", department: "市民政局", beacon: "b3").event.id
        var draft = EventFixtures.draft()
        draft.targets = world.targetsPath
        draft.unconstrained = ["age", "occupation", "income", "district", "education"]
        let e4 = try world.events.create(draft, actor: .cli).id
        // p1 = person 0 (woman), p2 = 1 (woman), p3 = 12 (man), p4 = 13, p5 = 14, p6 = 2 (woman).
        let (p1, p2, p3, p4, p5, p6) = (p[0], p[1], p[12], p[13], p[14], p[2])
        try world.insert(
            event: e1,
            invitations: [
                .init(pid: p1, state: "attended"), .init(pid: p2, state: "attended"), .init(pid: p3, state: "attended"),
                .init(pid: p4, state: "declined"),
            ])
        try world.insert(
            event: e2,
            invitations: [
                .init(pid: p1, state: "attended"), .init(pid: p2, state: "attended"), .init(pid: p5, state: "no_show"),
            ])
        try world.insert(
            event: e3, invitations: [.init(pid: p1, state: "attended"), .init(pid: p6, state: "attended")])
        try world.insert(event: e4, invitations: [.init(pid: p4, state: "attended")])

        let all = try world.reports(threshold: 1).summary()
        // Seats attended: 3 + 2 + 2 = 7 by p1 ×3, p2 ×2, p3, p6: 4 people, 1.75 seats each.
        #expect(all.eventList.map(\.id) == [e3, e2, e1])
        #expect(
            all.events == 3 && all.seats == 7 && all.uniqueParticipants == 4
                && Self.close(all.seatsPerParticipant, 1.75))
        // Familiar: E2 p1 and p2 (E1 95 days before), E3 p1 (E2 316 days before; E1 is 411 days: too old) → 3/7.
        #expect(all.familiarFaces.seats == 3 && Self.close(all.familiarFaces.share, 3.0 / 7))
        #expect(all.repeatHistogram.map(\.times) == [1, 2, 3] && all.repeatHistogram.map(\.people.value) == [2, 1, 1])
        // Seats 1,1,2,3: Gini 0.25 (worked out in metricsAgreeWithHandComputedValues).
        #expect(Self.close(all.repeatGini, 0.25))
        // p1…p6 invited, of 21 active volunteers.
        #expect(all.registry.people == 21 && all.registry.everInvited == 6 && Self.close(all.registry.share, 6.0 / 21))
        // Participants: 3 women, 1 man → 75 % vs 50 %: +25 points, TVD 0.25.
        let gender = try #require(all.cumulative.first { $0.attribute == "gender" })
        let women = try #require(gender.values.first { $0.value == "female" })
        #expect(women.participants.value == 3 && Self.close(women.deviationPoints, 25) && Self.close(gender.tvd, 0.25))
        // 市规划资源局: E1 + E2, 7 invitations, 6 accepted (the no-show had accepted), 5 attended, 3 people.
        #expect(
            all.departments == [
                DepartmentSummary(
                    department: "市民政局", events: 1, seats: 10, invited: 2, accepted: 2, attended: 2,
                    uniqueParticipants: 2,
                    acceptanceRate: 1, attendanceRate: 1),
                DepartmentSummary(
                    department: "市规划资源局", events: 2, seats: 20, invited: 7, accepted: 6, attended: 5,
                    uniqueParticipants: 3, acceptanceRate: 6.0 / 7, attendanceRate: 5.0 / 6),
            ])

        // From 2027: E2 and E3; the look-back still sees E1, so 3 of 4 seats are familiar faces.
        let later = try world.reports(threshold: 1).summary(from: "2027-01-01")
        #expect(later.events == 2 && later.seats == 4 && later.uniqueParticipants == 3)
        #expect(later.familiarFaces.seats == 3 && Self.close(later.familiarFaces.share, 0.75))
        // With the default threshold the per-group counts are "<5" and the distance withheld.
        let protected = try world.reports(threshold: 5).summary()
        #expect(protected.repeatHistogram.allSatisfy { $0.people.shown == "<5" })
        #expect(protected.cumulative.first { $0.attribute == "gender" }?.tvd == nil)

        #expect(throws: ReportError.invalidDate(field: "from", value: "2027-13-01")) {
            _ = try world.reports(threshold: 5).summary(from: "2027-13-01")
        }
        #expect(throws: ReportError.emptyRange(from: "2028-01-01", to: "2027-01-01")) {
            _ = try world.reports(threshold: 5).summary(from: "2028-01-01", to: "2027-01-01")
        }
    }

    @Test func htmlReportIsSelfContainedWithEveryChart() throws {
        let world = try ReportWorld()
        let (event, panel, reserves) = try world.drawnEvent()
        try world.playOut(event: event.id, panel: panel, reserves: reserves)
        let report = try world.reports(threshold: 5).event(event.id)
        for language in WebLanguage.allCases {
            let html = report.html(language: language).text
            for chart in ["funnel", "composition-gender", "probability-histogram", "satisfaction-gender"] {
                #expect(html.contains("data-chart=\"\(chart)\""), "\(language): \(chart)")
            }
            // No script, and nothing fetched: no src, link, @import or url() (the SVG namespace is a name, not a fetch).
            #expect(!html.contains("<script") && !html.contains("src="))
            #expect(!html.contains("<link") && !html.contains("@import") && !html.contains("url("))
            #expect(html.contains("@page { size: A4"))
        }
        #expect(report.html().text.contains("<html lang=\"zh-CN\">"))
        let summary = try world.reports(threshold: 5).summary().html(language: .en).text
        #expect(
            summary.contains("data-chart=\"repeat-histogram\"") && summary.contains("data-chart=\"cumulative-gender\""))
    }

    @Test func smallCellThresholdComesFromConfigAndMustBePositive() throws {
        let shipped = try Data(contentsOf: Fixtures.packageRoot.appendingPathComponent("config/allot.json"))
        #expect(try AllotConfig.decode(shipped).reports?.smallCellThreshold == 5)
        let text = String(decoding: shipped, as: UTF8.self)
        let zero = text.replacingOccurrences(of: #""smallCellThreshold": 5"#, with: #""smallCellThreshold": 0"#)
        #expect(zero != text)
        #expect(throws: ConfigError.self) { _ = try AllotConfig.decode(Data(zero.utf8)) }
        let world = try ReportWorld()
        #expect(Reports(database: world.database, config: world.config).settings.smallCellThreshold == 5)
    }

    @Test func csvTablesAreOneFilePerTableAndSafeInSpreadsheets() throws {
        #expect(ReportTable.field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(ReportTable.field("-3.5") == "-3.5" && ReportTable.field("-cmd") == "'-cmd")
        #expect(
            ReportTable.number(1.0 / 3) == "0.333333" && ReportTable.number(2) == "2" && ReportTable.number(nil) == "")
        let world = try ReportWorld()
        let (event, _, _) = try world.drawnEvent()
        let report = try world.reports(threshold: 5).event(event.id)
        let names = report.tables.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(
            names == [
                "event", "stages", "composition", "distance", "zero_chance", "probability_histogram", "participation",
                "replacement_effect", "satisfaction", "suggestions",
            ])
        let one = try report.output(format: .csv, table: "stages")
        #expect(String(decoding: one.bytes, as: UTF8.self).hasPrefix("stage,total\r\nregistry,21\r\n"))
        #expect(throws: ReportError.self) { _ = try report.output(format: .csv, table: "nope") }
    }
}
