/// What an attendee says about an event (`POST /api/v1/feedback/{token}`).
public struct FeedbackInput: Codable, Sendable, Equatable {
    /// 1–5: overall satisfaction.
    public var overall: Int
    /// 1–5: was the information received enough.
    public var information: Int
    /// 1–5: did they feel heard.
    public var heard: Int
    /// Would they take part again.
    public var again: Bool
    public var comment: String?
    /// Proposals to the organizing department; each gets a public reply.
    public var suggestions: [SuggestionInput]?

    public init(
        overall: Int, information: Int, heard: Int, again: Bool, comment: String? = nil,
        suggestions: [SuggestionInput]? = nil
    ) {
        self.overall = overall
        self.information = information
        self.heard = heard
        self.again = again
        self.comment = comment
        self.suggestions = suggestions
    }
}

public struct SuggestionInput: Codable, Sendable, Equatable {
    public var topic: String
    public var text: String

    public init(topic: String, text: String) {
        self.topic = topic
        self.text = text
    }
}

/// The follow-up of a suggestion (闭环).
public enum SuggestionStatus: String, Codable, Sendable, CaseIterable {
    case received
    case underReview = "under_review"
    case adopted
    case partiallyAdopted = "partially_adopted"
    case notAdopted = "not_adopted"
}

/// A suggestion as the public sees it: never who wrote it.
public struct Suggestion: Codable, Sendable, Equatable {
    public let id: Int
    public let eventId: Int
    public let topic: String
    public let text: String
    public let status: SuggestionStatus
    public let reply: String?
    public let repliedAt: String?
    public let createdAt: String
}

/// An attendee's stored feedback.
public struct FeedbackRecord: Codable, Sendable, Equatable {
    public let eventId: Int
    public let overall: Int
    public let information: Int
    public let heard: Int
    public let again: Bool
    public let comment: String?
    public let suggestions: [Suggestion]
    public let submittedAt: String
    public let updatedAt: String
}
