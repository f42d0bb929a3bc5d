/// Why feedback or a reply was refused.
public enum FeedbackError: AllotError, Equatable {
    case invalidField(field: String, reason: String)
    /// Only people who attended give feedback.
    case notAttended(state: InvitationState)
    /// One feedback per attendee: change it with PUT.
    case alreadyGiven
    case noFeedbackYet
    /// Outside the feedback window (from the event's start to `feedbackDays` after).
    case windowClosed
    case suggestionNotFound(id: Int)

    public var code: String {
        switch self {
        case .invalidField: "invalid_field"
        case .notAttended: "not_attended"
        case .alreadyGiven: "feedback_exists"
        case .noFeedbackYet: "no_feedback"
        case .windowClosed: "feedback_closed"
        case .suggestionNotFound: "suggestion_not_found"
        }
    }

    public var message: String {
        switch self {
        case .invalidField(let field, let reason): "\(field): \(reason)"
        case .notAttended(let state): "feedback is for attendees; this invitation is \(state.rawValue)"
        case .alreadyGiven: "feedback was given already; change it with PUT until the feedback window closes"
        case .noFeedbackYet: "no feedback was given yet; send it with POST"
        case .windowClosed: "the feedback window of this event is closed"
        case .suggestionNotFound(let id): "no suggestion with id \(id)"
        }
    }

    public var category: ErrorCategory {
        switch self {
        case .invalidField: .invalidInput
        case .notAttended, .alreadyGiven, .windowClosed: .conflict
        case .noFeedbackYet, .suggestionNotFound: .notFound
        }
    }
}
