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
        var held = Set(record.panel)
        var unused = record.reserves
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
            let heldCounts = rule.counts(held)
            let skipped = Dictionary(entry.skipped.map { ($0.pid, $0.reason) }, uniquingKeysWith: { a, _ in a })
            var index = 0
            var problem: String?
            var chosen: String?
            var reached: Set<String> = []
            while index < unused.count {
                let pid = unused[index]
                if let reason = skipped[pid] {
                    if reason.trimmingCharacters(in: .whitespaces).isEmpty { problem = "\(pid) is skipped without a reason" }
                    reached.insert(pid)
                    unused.remove(at: index)
                    continue
                }
                if rule.admits(pid, held: held, heldCounts: heldCounts, completion: unused) {
                    chosen = pid
                    break
                }
                index += 1
            }
            let unknownSkips = Set(skipped.keys).subtracting(reached)
            if let problem {
                check(name, false, problem)
            } else if !unknownSkips.isEmpty {
                check(
                    name, false,
                    "skips \(unknownSkips.sorted().joined(separator: ", ")), who are not unused reserves before the replacement")
            } else if chosen != entry.replacement {
                let expected = chosen ?? "no one (the seat stays open)"
                check(name, false, "the first admissible reserve is \(expected), the log says \(entry.replacement ?? "none")")
            } else {
                check(name, true, "")
            }
            if let chosen {
                unused.removeAll { $0 == chosen }
                held.insert(chosen)
            }
            if checks.last?.passed == false { return checks }
        }
        return checks
    }
}
