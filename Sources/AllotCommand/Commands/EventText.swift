import Allot
import Foundation

/// Plain-text views of events and eligibility reports, in aligned columns for a terminal.
enum EventText {
    /// One line per event for `event list`.
    static func listLine(_ event: Event) -> String {
        "\(pad(String(event.id), 5))\(pad(event.status.rawValue, 10))\(pad(event.startsAt, 18))"
            + "\(pad(String(event.seats), 6))\(event.title)"
    }

    static let listHeader = "\(pad("id", 5))\(pad("status", 10))\(pad("starts", 18))\(pad("seats", 6))title"

    /// The whole event for `event show`, `create` and `update`.
    static func lines(_ event: Event) -> [String] {
        var lines = [
            "event \(event.id): \(event.title)" + (event.titleEn.map { " (\($0))" } ?? ""),
            "status: \(event.status.rawValue)",
            "kind: \(event.kind.rawValue)",
            "department: \(event.department)",
            "starts: \(event.startsAt) (Asia/Shanghai)",
            "place: \(event.place)",
            "seats: \(event.seats); reserves: \(event.reserves)",
            "response deadline: \(event.responseDeadline ?? "none")",
            "cooldown: \(event.cooldownDays) days",
        ]
        let filter = event.eligibility.attributes.sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value.joined(separator: "|"))" }
        lines.append("filter: " + (filter.isEmpty ? "none" : filter.joined(separator: ", ")))
        if let age = event.eligibility.minimumAge { lines.append("minimum age: \(age)") }
        lines.append("targets: \(event.quotas.targets ?? "none")")
        lines.append("quotas:")
        lines.append("  " + pad("attribute", 12) + pad("value", 18) + pad("seats", 8) + pad("origin", 15) + "share")
        for line in event.quotas.values {
            lines.append(
                "  " + pad(line.attribute, 12) + pad(line.value, 18) + pad("\(line.min)-\(line.max)", 8)
                    + pad(line.origin.rawValue, 15) + (line.share.map { String(format: "%.4f", $0) } ?? "-"))
        }
        for joint in event.quotas.joint {
            lines.append(
                "  joint \(joint.feature1)=\(joint.value1) × \(joint.feature2)=\(joint.value2): \(joint.min)-\(joint.max)")
        }
        let missing = event.quotas.missing
        if !missing.isEmpty {
            let attributes = Array(Set(missing.map(\.attribute))).sorted()
            lines.append(
                "needs seats before prepare (no census figure): "
                    + missing.map { "\($0.attribute)=\($0.value)" }.joined(separator: ", "))
            lines.append(
                "  give them with --quota attr=value:MIN-MAX, or --unconstrained \(attributes.joined(separator: ","))")
        }
        return lines
    }

    /// The eligibility report for `event eligible`: counts beside quotas, exclusions, feasibility.
    static func lines(_ report: EligibilityReport) -> [String] {
        var lines = [
            "event \(report.eventId): \(report.eligible) eligible of \(report.registryActive) active volunteers; "
                + "\(report.seats) seats"
        ]
        lines.append(pad("attribute", 12) + pad("value", 18) + pad("eligible", 10) + pad("seats", 8) + "origin")
        for value in report.values {
            let short = value.eligible < value.min ? "  < min" : ""
            lines.append(
                pad(value.attribute, 12) + pad(value.value, 18) + pad(String(value.eligible), 10)
                    + pad("\(value.min)-\(value.max)", 8) + value.origin.rawValue + short)
        }
        if report.excluded.isEmpty {
            lines.append("excluded: none")
        } else {
            lines.append("excluded:")
            for exclusion in report.excluded {
                lines.append("  " + pad(exclusion.reason.rawValue, 20) + String(exclusion.count))
            }
        }
        if !report.missingQuotas.isEmpty {
            lines.append("feasibility: not checked; no census figure for " + report.missingQuotas.joined(separator: ", "))
            lines.append("  give their seats with event update --quota attr=value:MIN-MAX, or --unconstrained ATTR")
        } else if let infeasible = report.infeasible {
            lines.append("feasibility: INFEASIBLE")
            lines += infeasible.lines.map { "  " + $0 }
        } else {
            lines.append("feasibility: some panel meets every quota")
        }
        return lines
    }

    /// The commitment of a prepared draw, and the outcome once finalized.
    static func lines(_ draw: StoredDraw) -> [String] {
        var lines = [
            "algorithm: \(draw.algorithm); pool: \(draw.poolSize) people in \(draw.types) types; lottery of \(draw.lotterySize) panels",
            "probability: min \(format(draw.minProbability)), max \(format(draw.maxProbability))"
                + (draw.algorithm == "leximin" ? "; lottery deviation \(format(draw.lotteryDeviation))" : ""),
            "prepared at: \(draw.preparedAt)",
            "pool digest: \(draw.poolDigest)",
            "lottery digest: \(draw.lotteryDigest)",
            "terms digest: \(draw.termsDigest)",
            "beacon source: \(draw.beaconSource.isEmpty ? "(not announced)" : draw.beaconSource)",
        ]
        if let beacon = draw.beacon, let seed = draw.seed {
            lines.append("beacon: \(beacon)")
            lines.append("seed: \(seed)")
            lines.append("panel (lottery line \(draw.panelIndex ?? 0)): \((draw.panel ?? []).joined(separator: ", "))")
            lines.append("reserves: \(draw.reserveCount ?? 0) in order (see draw export)")
            lines.append("finalized at: \(draw.finalizedAt ?? "")")
        }
        return lines
    }

    static func format(_ value: Double) -> String { String(format: "%.4f", value) }

    /// `text` left-aligned in `width` columns, with at least one space after it.
    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
