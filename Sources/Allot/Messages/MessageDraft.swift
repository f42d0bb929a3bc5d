/// A message a use case wants sent: its kind, recipient and template parameters. The text is rendered
/// from the configured template when it is enqueued.
public struct MessageDraft: Sendable, Equatable {
    public var kind: MessageKind
    /// The recipient; their phone is looked up only when the message is delivered.
    public var pid: String
    /// Values of the template's placeholders, e.g. `title`, `date`, `place`.
    public var parameters: [String: String]
    /// Path of the recipient's personal link (e.g. `/i/TOKEN`); becomes `{link}` = `messages.baseURL` + path.
    public var linkPath: String?
    /// Language of the text; the configuration's `messages.language` when nil.
    public var language: MessageLanguage?
    /// What the message is about, for listings and for the use case's own lookups, e.g. `invitation:12`.
    public var subject: String?

    public init(
        kind: MessageKind, pid: String, parameters: [String: String] = [:], linkPath: String? = nil,
        language: MessageLanguage? = nil, subject: String? = nil
    ) {
        self.kind = kind
        self.pid = pid
        self.parameters = parameters
        self.linkPath = linkPath
        self.language = language
        self.subject = subject
    }
}

/// A draft's text as it will be sent, with its SMS length.
public struct RenderedMessage: Sendable, Equatable {
    public let text: String
    public let language: MessageLanguage
    public let length: SMSLength
}
