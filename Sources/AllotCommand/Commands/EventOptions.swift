import Foundation
import Allot

/// The options `event create` and `event update` share, and how their text turns into the use case's
/// inputs (`EventDraft`, `EventChanges`). Malformed option text is a usage error (exit 2); values the
/// rules refuse (an unknown district, seats out of range) come back from `Events` as failures (exit 1).
enum EventOptions {
    /// Department and place when `event create` is not given them: INTERFACE.md §1 creates an event from
    /// title, date and seats alone, so these mark the fields as still to be filled (`event update`).
    static let undecided = "待定"

    /// The options both commands accept (create marks title, date and seats required itself).
    static func parameters(creating: Bool) -> [Parameter] {
        var list: [Parameter] = [
            .option("title", value: "T", required: creating, help: "title in Chinese"),
            .option(
                "date", value: "YYYY-MM-DD[THH:MM]", required: creating,
                help: "start, Asia/Shanghai local time (a bare date means 00:00)"),
            .option("seats", value: "N", required: creating, help: "panel size k"),
            .option("reserves", value: "R", help: "reserves wanted beyond the panel (default 0)"),
        ]
        if creating {
            list.append(
                .option(
                    "targets", value: "FILE|none",
                    help: "census targets to derive seats from (default: the configured file; none: every value needs seats)"))
        }
        list += [
            .option(
                "department", value: "D",
                help: creating ? "organizing department (default \(undecided), to be set before inviting)" : "organizing department"),
            .option("kind", value: "K", help: "open_day (default), hearing, consultation, meeting or other"),
            .option("place", value: "P", help: creating ? "place (default \(undecided))" : "place"),
            .option("title-en", value: "T", help: "title in English"),
            .option(
                "deadline", value: "YYYY-MM-DDTHH:MM",
                help: creating ? "response deadline for invitations" : "response deadline ('' removes it)"),
            .option("cooldown-days", value: "N", help: "fresh-faces window in days (default: config events.cooldownDays)"),
            .option(
                "filter", value: "attr=v1|v2,...",
                help: "only these values may be drawn, e.g. district=xuhui|huangpu (codes or labels)"),
            .option("min-age", value: "N", help: "youngest age on the event date (default: config events.minimumAge)"),
            .option(
                "quota", value: "attr=value:MIN-MAX,...",
                help: "explicit seats per value, e.g. age=18-29:2-4,age=70+:0-2 (overrides derived seats)"),
            .option("unconstrained", value: "attr,...", help: "attributes left without quotas (0 to k seats)"),
            .option(
                "joint", value: "a=v&b=w:MIN-MAX,...",
                help: "seats for a pair of values, e.g. 'gender=female&age=70+:1-3' (quote it for the shell)"
                    + (creating ? "" : "; replaces the joint quotas, '' removes them")),
        ]
        return list
    }

    /// The draft of `event create`.
    static func draft(_ invocation: Invocation) throws -> EventDraft {
        let targets = invocation.option("targets").map { $0 == "none" ? "" : $0 }
        var filter: EligibilityFilter?
        if invocation.option("filter") != nil || invocation.option("min-age") != nil {
            filter = EligibilityFilter(
                attributes: try attributeFilter(invocation) ?? [:], minimumAge: try invocation.integer("min-age", in: 0...150))
        }
        return EventDraft(
            title: try invocation.required("title"), titleEn: invocation.option("title-en"),
            department: invocation.option("department") ?? undecided,
            kind: invocation.option("kind") ?? EventKind.openDay.rawValue, startsAt: try invocation.required("date"),
            place: invocation.option("place") ?? undecided,
            seats: try invocation.integer("seats", in: 1...Int(Int32.max)) ?? 0,
            reserves: try invocation.integer("reserves", in: 0...Int(Int32.max)),
            responseDeadline: invocation.option("deadline"),
            cooldownDays: try invocation.integer("cooldown-days", in: 0...Int(Int32.max)), eligibility: filter,
            targets: targets, quotas: try quotaEdits(invocation), unconstrained: list(invocation.option("unconstrained")),
            joint: try jointQuotas(invocation))
    }

    /// The changes of `event update`; `current` supplies the filter part that was not given.
    static func changes(_ invocation: Invocation, current: Event) throws -> EventChanges {
        var filter: EligibilityFilter?
        if invocation.option("filter") != nil || invocation.option("min-age") != nil {
            filter = EligibilityFilter(
                attributes: try attributeFilter(invocation) ?? current.eligibility.attributes,
                minimumAge: try invocation.integer("min-age", in: 0...150) ?? current.eligibility.minimumAge)
        }
        return EventChanges(
            title: invocation.option("title"), titleEn: invocation.option("title-en"),
            department: invocation.option("department"), kind: invocation.option("kind"),
            startsAt: invocation.option("date"), place: invocation.option("place"),
            seats: try invocation.integer("seats", in: 1...Int(Int32.max)),
            reserves: try invocation.integer("reserves", in: 0...Int(Int32.max)),
            responseDeadline: invocation.option("deadline"),
            cooldownDays: try invocation.integer("cooldown-days", in: 0...Int(Int32.max)), eligibility: filter,
            quotas: try quotaEdits(invocation), unconstrained: list(invocation.option("unconstrained")),
            joint: try jointQuotas(invocation))
    }

    /// `--filter district=xuhui|huangpu,gender=female` → attribute → allowed values.
    static func attributeFilter(_ invocation: Invocation) throws(UsageError) -> [String: [String]]? {
        guard let text = invocation.option("filter") else { return nil }
        var filter: [String: [String]] = [:]
        for item in text.split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1)
            let values = parts.count == 2 ? parts[1].split(separator: "|").map(trimmed) : []
            guard parts.count == 2, !trimmed(parts[0]).isEmpty, !values.isEmpty, !values.contains("") else {
                throw UsageError(
                    message: "option '--filter' needs attr=v1|v2 items separated by commas, got '\(item)'",
                    helpTopic: invocation.command.displayName)
            }
            filter[trimmed(parts[0]), default: []] += values
        }
        return filter
    }

    /// `--quota age=18-29:2-4,gender=female:4-6` → explicit seats. The value may itself contain `-`
    /// (age bands), so the seats are what follows the last `:`.
    static func quotaEdits(_ invocation: Invocation) throws(UsageError) -> [QuotaEdit]? {
        guard let text = invocation.option("quota") else { return nil }
        var edits: [QuotaEdit] = []
        for item in text.split(separator: ",") {
            guard let edit = quotaEdit(item) else {
                throw UsageError(
                    message: "option '--quota' needs attr=value:MIN-MAX items separated by commas, got '\(item)'",
                    helpTopic: invocation.command.displayName)
            }
            edits.append(edit)
        }
        return edits
    }

    /// `--joint 'gender=female&age=70+:1-3,…'` → joint quotas; `''` → none.
    static func jointQuotas(_ invocation: Invocation) throws(UsageError) -> [JointQuotaInput]? {
        guard let text = invocation.option("joint") else { return nil }
        var joint: [JointQuotaInput] = []
        for item in text.split(separator: ",") {
            let pair = item.split(separator: "&", maxSplits: 1)
            guard pair.count == 2, let first = quotaEdit(pair[0] + ":0-0"), let second = quotaEdit(pair[1]) else {
                throw UsageError(
                    message: "option '--joint' needs attr=value&attr=value:MIN-MAX items separated by commas, got '\(item)'",
                    helpTopic: invocation.command.displayName)
            }
            joint.append(
                JointQuotaInput(
                    attribute1: first.attribute, value1: first.value, attribute2: second.attribute, value2: second.value,
                    min: second.min, max: second.max))
        }
        return joint
    }

    static func quotaEdit(_ item: Substring) -> QuotaEdit? {
        let parts = item.split(separator: "=", maxSplits: 1)
        guard parts.count == 2, let colon = parts[1].lastIndex(of: ":") else { return nil }
        let value = trimmed(parts[1][..<colon])
        let range = parts[1][parts[1].index(after: colon)...].split(separator: "-", omittingEmptySubsequences: false)
        guard !trimmed(parts[0]).isEmpty, !value.isEmpty, range.count == 2, let min = Int(trimmed(range[0])),
            let max = Int(trimmed(range[1]))
        else { return nil }
        return QuotaEdit(attribute: trimmed(parts[0]), value: value, min: min, max: max)
    }

    /// `a,b` → ["a", "b"]; nil when not given.
    static func list(_ text: String?) -> [String]? {
        text.map { $0.split(separator: ",").map(trimmed).filter { !$0.isEmpty } }
    }

    private static func trimmed(_ text: Substring) -> String {
        text.trimmingCharacters(in: .whitespaces)
    }
}
