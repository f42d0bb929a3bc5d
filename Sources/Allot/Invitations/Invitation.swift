/// One invitation as organizers see it (no contact data: that stays in the registry).
public struct Invitation: Codable, Sendable, Equatable {
    public let eventId: Int
    public let pid: String
    public var state: InvitationState
    public let source: InvitationSource
    /// Short code shown to the citizen after accepting, typed at the door.
    public let checkinCode: String
    /// Local time the answer is due by; nil: no deadline.
    public let deadline: String?
    public let invitedAt: String
    public var respondedAt: String?
    public var attendedAt: String?
}

/// The invitations of an event with counts per state.
public struct InvitationList: Codable, Sendable, Equatable {
    public let eventId: Int
    public let seats: Int
    public let invitations: [Invitation]
    /// state → count (every state present, zeros included).
    public let counts: [String: Int]
    /// Seats held (invited, accepted, attended, no-show) and left open.
    public let held: Int
    public let open: Int
}

/// What the holder of an invitation link sees: the event, their state and, once accepted, the code.
public struct CitizenInvitation: Codable, Sendable, Equatable {
    public let eventId: Int
    public let title: String
    public let titleEn: String?
    public let startsAt: String
    public let place: String
    public let department: String
    public let pid: String
    public let state: InvitationState
    public let deadline: String?
    /// Shown only once accepted (it admits at the door).
    public let checkinCode: String?
    /// Whether feedback may be given now (attended, inside the feedback window).
    public let feedbackOpen: Bool
}

/// The outcome of a check-in: a clear answer also when it was done before.
public struct CheckIn: Codable, Sendable, Equatable {
    public let pid: String
    /// `checked_in`, or `already_checked_in` for a second check-in (not an error).
    public let result: String
    public let attendedAt: String
}
