/// What a message is for; names its template in `messages.templates` of the configuration. The set is
/// open: a city adds a kind by adding a template, and a use case names it.
public struct MessageKind: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public static let invitation = MessageKind("invitation")
    public static let reminder = MessageKind("reminder")
    public static let replacement = MessageKind("replacement")
    public static let feedbackRequest = MessageKind("feedback_request")
    public static let suggestionReply = MessageKind("suggestion_reply")

    public var description: String { rawValue }

    /// Kind names are snake_case ASCII, so they are safe in CSV, JSON and log lines.
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 64
            && name.utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == UInt8(ascii: "_") }
    }
}
