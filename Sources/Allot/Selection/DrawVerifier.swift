import Foundation
import Sortition

/// One check `allot verify` makes on a draw record.
public struct DrawCheck: Sendable, Equatable, Codable {
    /// Short name of what was checked (`poolDigest`, `seed`, `quotas`, …), used in messages.
    public let name: String
    public let passed: Bool
    /// What was found, in plain words.
    public let detail: String
}

/// Re-checks a draw record independently of any database (INTERFACE.md §5): recomputes the pool
/// and lottery digests, the seed, the panel index, the panel, the reserve order and the
/// probabilities, and checks every lottery panel against the recorded quotas.
///
/// `allot-draw-v1` digests only the pool and the lottery, so on its own a record whose quotas were
/// loosened after the fact would still pass. Allot's records therefore also carry a terms digest
/// (`DrawProtocol.termsText`: event, panel size, algorithm, lottery size, preparation time, every
/// quota, households), published with the other two at prepare; the `termsDigest` check recomputes
/// it, and `finalizedAt` must be a time not before `preparedAt`. A lottery below
/// `DrawProtocol.minimumLotterySize` panels fails the `lotterySize` check, and a lottery panel seating
/// two people of one recorded household fails the `households` check.
public enum DrawVerifier {
    /// Every check, in protocol order; the record is valid when all pass.
    public static func verify(_ record: DrawRecord) -> [DrawCheck] {
        var checks: [DrawCheck] = []
        func check(_ name: String, _ passed: Bool, _ detail: @autoclosure () -> String) {
            checks.append(DrawCheck(name: name, passed: passed, detail: passed ? "ok" : detail()))
        }

        check("protocol", record.protocol == DrawProtocol.name,
              "protocol is '\(record.protocol)', expected '\(DrawProtocol.name)'")
        let pids = record.pool.map(\.pid)
        let poolSet = Set(pids)
        check("pool", poolSet.count == pids.count, "the pool lists a pid more than once")

        let poolDigest = DrawProtocol.poolDigest(record.pool)
        check("poolDigest", poolDigest == record.poolDigest,
              "the pool hashes to \(poolDigest), the record says \(record.poolDigest)")
        let lotteryDigest = DrawProtocol.lotteryDigest(record.lottery)
        check("lotteryDigest", lotteryDigest == record.lotteryDigest,
              "the lottery hashes to \(lotteryDigest), the record says \(record.lotteryDigest)")
        check("lotterySize", record.lottery.count >= DrawProtocol.minimumLotterySize,
              "the lottery has \(record.lottery.count) panels, fewer than the \(DrawProtocol.minimumLotterySize) a fair draw needs")
        let termsDigest = DrawProtocol.termsDigest(record.terms)
        check("termsDigest", termsDigest == record.termsDigest,
              record.termsDigest.map { "the terms (event, panel size, algorithm, lottery size, preparedAt, quotas, households) hash to \(termsDigest), the record says \($0)" }
                ?? "the record has no terms digest")
        check("finalizedAt", timeOrder(preparedAt: record.preparedAt, finalizedAt: record.finalizedAt) == nil,
              timeOrder(preparedAt: record.preparedAt, finalizedAt: record.finalizedAt) ?? "")
        let seed = DrawProtocol.seed(lotteryDigest: lotteryDigest, beacon: record.beacon)
        check("seed", Hex.encode(seed) == record.seed,
              "lottery digest and beacon give seed \(Hex.encode(seed)), the record says \(record.seed)")

        let outcome = DrawProtocol.draw(lottery: record.lottery, eligible: pids, seed: seed)
        check("panelIndex", outcome?.panelIndex == record.panelIndex,
              "the seed picks lottery panel \(outcome.map { String($0.panelIndex) } ?? "none"), the record says \(record.panelIndex)")
        check("panel", outcome?.panel == record.panel,
              "the panel is not lottery line \(outcome.map { String($0.panelIndex) } ?? "none")")
        check("reserves", outcome?.reserves == record.reserves,
              "the reserve order differs from the Fisher–Yates shuffle of the seed")

        let expected = DrawRecord.shares(lottery: record.lottery, pool: record.pool)
        let wrong = expected.keys.sorted(by: DrawProtocol.byteOrder).filter { record.probabilities[$0] != expected[$0] }
        let extra = record.probabilities.keys.filter { expected[$0] == nil }
        check("probabilities", wrong.isEmpty && extra.isEmpty,
              wrong.first.map { "probability of \($0) is \(record.probabilities[$0].map { String($0) } ?? "missing"), its share of lottery panels is \(expected[$0] ?? 0)" }
                ?? "probabilities name \(extra.sorted().first ?? "") who is not in the pool")

        let householdIssues = householdProblems(record, poolSet: poolSet)
        check("households", householdIssues.isEmpty, householdIssues.prefix(3).joined(separator: "; ")
              + (householdIssues.count > 3 ? "; and \(householdIssues.count - 3) more" : ""))

        let problems = quotaProblems(record, poolSet: poolSet)
        check("quotas", problems.isEmpty, problems.prefix(3).joined(separator: "; ")
              + (problems.count > 3 ? "; and \(problems.count - 3) more" : ""))
        return checks
    }

    /// Why the two times are unreadable or out of order; nil when `finalizedAt` is not before `preparedAt`.
    static func timeOrder(preparedAt: String, finalizedAt: String) -> String? {
        func parse(_ text: String) -> Date? {
            (try? Date.ISO8601FormatStyle().parse(text))
                ?? (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text))
        }
        guard let prepared = parse(preparedAt) else { return "preparedAt '\(preparedAt)' is not an ISO 8601 time" }
        guard let finalized = parse(finalizedAt) else { return "finalizedAt '\(finalizedAt)' is not an ISO 8601 time" }
        return finalized < prepared ? "finalizedAt \(finalizedAt) is before preparedAt \(preparedAt)" : nil
    }

    /// Breaches of the household rule (at most one person per recorded household on every lottery
    /// panel) and malformed households; empty for a record without households.
    static func householdProblems(_ record: DrawRecord, poolSet: Set<String>) -> [String] {
        guard let households = record.households else { return [] }
        var problems: [String] = []
        var householdOf: [String: Int] = [:]
        for (index, group) in households.enumerated() {
            if group.count < 2 { problems.append("household \(index) has fewer than two people") }
            for pid in group {
                if !poolSet.contains(pid) { problems.append("household \(index) names \(pid), who is not in the pool") }
                if householdOf.updateValue(index, forKey: pid) != nil { problems.append("\(pid) is in two households") }
            }
        }
        for (index, panel) in record.lottery.enumerated() {
            var seated: [Int: String] = [:]
            for pid in panel {
                guard let household = householdOf[pid] else { continue }
                if let other = seated.updateValue(pid, forKey: household) {
                    problems.append("lottery panel \(index) seats \(other) and \(pid) of one household")
                }
            }
        }
        return problems
    }

    /// Quota breaches of the lottery panels, as "lottery panel i: …".
    static func quotaProblems(_ record: DrawRecord, poolSet: Set<String>) -> [String] {
        var attributes: [String: [String: String]] = [:]
        for entry in record.pool { attributes[entry.pid] = entry.attributes }
        var problems: [String] = []
        for (name, values) in record.quotas {
            for (value, bounds) in values where bounds.count != 2 || bounds[0] > bounds[1] || bounds[0] < 0 {
                problems.append("quota \(name)=\(value) is not a [min, max] pair")
            }
        }
        if record.lottery.isEmpty { problems.append("the lottery is empty") }
        for (index, panel) in record.lottery.enumerated() {
            var issues: [String] = []
            if panel.count != record.panelSize { issues.append("\(panel.count) people, not \(record.panelSize)") }
            if Set(panel).count != panel.count { issues.append("a person listed twice") }
            if let stranger = panel.first(where: { !poolSet.contains($0) }) { issues.append("\(stranger) is not in the pool") }
            for (name, values) in record.quotas.sorted(by: { $0.key < $1.key }) {
                for (value, bounds) in values.sorted(by: { $0.key < $1.key }) where bounds.count == 2 {
                    let seats = panel.count { attributes[$0]?[name] == value }
                    if seats < bounds[0] || seats > bounds[1] {
                        issues.append("\(name)=\(value) has \(seats) seats, quota \(bounds[0])...\(bounds[1])")
                    }
                }
            }
            for joint in record.jointQuotas ?? [] {
                let seats = panel.count { attributes[$0]?[joint.feature1] == joint.value1 && attributes[$0]?[joint.feature2] == joint.value2 }
                if seats < joint.min || seats > joint.max {
                    issues.append("\(joint.feature1)=\(joint.value1) × \(joint.feature2)=\(joint.value2) has \(seats) seats, quota \(joint.min)...\(joint.max)")
                }
            }
            if !issues.isEmpty { problems.append("lottery panel \(index): " + issues.joined(separator: ", ")) }
        }
        return problems
    }
}
