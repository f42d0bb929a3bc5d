/// Why an invitation use case refused.
public enum InvitationError: AllotError, Equatable {
    /// No invitation for this link (unknown or mistyped token).
    case unknownToken
    case notInvited(eventId: Int, who: String)
    /// The transition is not allowed from the current state.
    case illegalTransition(pid: String, from: InvitationState, to: String)
    /// The event is not in a state that allows this (e.g. inviting before the draw).
    case eventState(id: Int, status: EventStatus, action: String)
    /// Invitations were sent already.
    case alreadyInvited(eventId: Int)
    /// The answer is past the deadline.
    case pastDeadline(deadline: String)
    case invalidResponse(String)

    public var code: String {
        switch self {
        case .unknownToken: "unknown_invitation"
        case .notInvited: "not_invited"
        case .illegalTransition: "illegal_transition"
        case .eventState: "wrong_event_state"
        case .alreadyInvited: "already_invited"
        case .pastDeadline: "past_deadline"
        case .invalidResponse: "invalid_response"
        }
    }

    public var message: String {
        switch self {
        case .unknownToken: "no invitation has this link"
        case .notInvited(let id, let who): "\(who) is not invited to event \(id)"
        case .illegalTransition(let pid, let from, let to): "the invitation of \(pid) is \(from.rawValue): it cannot become \(to)"
        case .eventState(let id, let status, let action): "cannot \(action): event \(id) is \(status.rawValue)"
        case .alreadyInvited(let id): "the panel of event \(id) is invited already"
        case .pastDeadline(let deadline): "the answer was due by \(deadline) (Asia/Shanghai)"
        case .invalidResponse(let reason): reason
        }
    }

    public var category: ErrorCategory {
        switch self {
        case .unknownToken, .notInvited: .notFound
        case .illegalTransition, .eventState, .alreadyInvited, .pastDeadline: .conflict
        case .invalidResponse: .invalidInput
        }
    }
}
