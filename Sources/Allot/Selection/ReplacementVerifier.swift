import Foundation

/// Replays `allot-replace-v1` on a draw record and checks a replacement log against it: every
/// vacated pid was held, every reserve passed over before the replacement was either skipped with a
/// reason or not admissible, the replacement was admissible, and an open seat had no admissible reserve.
public enum ReplacementVerifier {
    public static func verify(_ record: DrawRecord, _ log: ReplacementLog) -> [DrawCheck] {
        var checks: [DrawCheck] = []
        func check(_ name: String, _ passed: Bool, _ detail: @autoclosure () -> String) {
            checks.append(DrawCheck(name: name, passed: passed, detail: passed ? "ok" : detail()))
        }
        check("replace protocol", log.protocol == ReplacementLog.protocolName, "protocol is '\(log.protocol)'")
        check("replace lotteryDigest", log.lotteryDigest == record.lotteryDigest, "the log is for another draw")
        check("replace eventId", log.eventId == record.eventId, "the log names another event")
        let rule = ReplacementRule(record: record)
        let order = rule.order(record.reserves)
        var held = Set(record.panel)
        var gone: Set<String> = []
        for (number, entry) in log.entries.enumerated() {
            let name = "replacement \(number + 1)"
            guard held.remove(entry.vacated) != nil else {
                check(name, false, "\(entry.vacated) vacated a seat they did not hold")
                return checks
            }
            guard ["declined", "expired", "cancelled"].contains(entry.state) else {
                check(name, false, "'\(entry.state)' does not vacate a seat")
                return checks
            }
            let skipped = Dictionary(entry.skipped.map { ($0.pid, $0.reason) }, uniquingKeysWith: { a, _ in a })
            // The log's skips stand for the reserves the service found unavailable; the rule decides the rest.
            let choice = rule.choose(held: held, order: order, gone: gone) { skipped[$0] }
            let reached = Set(choice.skipped.map(\.pid))
            let unknownSkips = Set(skipped.keys).subtracting(reached)
            if let blank = choice.skipped.first(where: { $0.reason.trimmingCharacters(in: .whitespaces).isEmpty }) {
                check(name, false, "\(blank.pid) is skipped without a reason")
            } else if !unknownSkips.isEmpty {
                check(
                    name, false,
                    "skips \(unknownSkips.sorted().joined(separator: ", ")), who are not unused reserves before the replacement")
            } else if choice.chosen != entry.replacement {
                let expected = choice.chosen ?? "no one (the seat stays open)"
                check(name, false, "the first admissible reserve is \(expected), the log says \(entry.replacement ?? "none")")
            } else {
                check(name, true, "")
            }
            gone.formUnion(reached)
            if let chosen = choice.chosen {
                gone.insert(chosen)
                held.insert(chosen)
            }
            if checks.last?.passed == false { return checks }
        }
        return checks
    }
}
