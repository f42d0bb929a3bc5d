import Allot

/// Text output of the invitation commands: aligned columns a person can read at a glance.
enum InvitationText {
    static let header = "\(pad("pid", 14))\(pad("state", 11))\(pad("source", 13))\(pad("code", 8))deadline"

    static func line(_ invitation: Invitation) -> String {
        pad(invitation.pid, 14) + pad(invitation.state.rawValue, 11) + pad(source(invitation.source), 13)
            + pad(invitation.checkinCode, 8) + (invitation.deadline.map(display) ?? "-")
    }

    /// The table, then the counts per state and the seats held and open.
    static func lines(_ list: InvitationList) -> [String] {
        var lines = [header] + list.invitations.map(line)
        lines.append("")
        lines.append(counts(list))
        lines.append("seats \(list.seats): \(list.held) held, \(list.open) open")
        return lines
    }

    /// `invited 3  accepted 5  …` in the order of the states' life.
    static func counts(_ list: InvitationList) -> String {
        InvitationState.allCases.map { "\($0.rawValue) \(list.counts[$0.rawValue, default: 0])" }.joined(separator: "  ")
    }

    static func source(_ source: InvitationSource) -> String {
        switch source {
        case .panel: "panel"
        case .replacement: "replacement"
        case .topUp: "top-up"
        }
    }

    /// One replacement log entry: who left, who took the seat (or that it stays open), who was skipped.
    static func line(_ entry: ReplacementLog.Entry) -> String {
        let skipped =
            entry.skipped.isEmpty
            ? "" : "; skipped " + entry.skipped.map { "\($0.pid) (\($0.reason))" }.joined(separator: ", ")
        let taken = entry.replacement.map { "→ \($0)" } ?? "→ no reserve keeps the quotas: the seat stays open"
        return "\(entry.at)  \(entry.vacated) \(entry.state) \(taken)\(skipped)"
    }

    /// `2026-12-10 18:00` from `2026-12-10T18:00`.
    static func display(_ local: String) -> String {
        local.replacingOccurrences(of: "T", with: " ")
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
