/// Where one person's seat on one event stands (ARCHITECTURE.md glossary):
/// `invited → accepted | declined | expired | cancelled`; `accepted → attended | no_show | cancelled`.
public enum InvitationState: String, Codable, Sendable, CaseIterable {
    case invited, accepted, declined, expired, cancelled, attended
    case noShow = "no_show"

    /// The states this one may move to.
    public var next: Set<InvitationState> {
        switch self {
        case .invited: [.accepted, .declined, .expired, .cancelled]
        case .accepted: [.attended, .noShow, .cancelled]
        case .declined, .expired, .cancelled, .attended, .noShow: []
        }
    }

    /// States that give the seat up, so a reserve may take it (allot-replace-v1).
    public var vacates: Bool { self == .declined || self == .expired || self == .cancelled }

    /// States that still hold a seat.
    public var holds: Bool { self == .invited || self == .accepted || self == .attended || self == .noShow }
}

/// How a person came to be invited.
public enum InvitationSource: Int, Codable, Sendable {
    /// Drawn onto the panel.
    case panel = 0
    /// A reserve invited in replacement (allot-replace-v1).
    case replacement = 1
    /// Drawn by a top-up draw for seats no reserve could fill.
    case topUp = 2
}
