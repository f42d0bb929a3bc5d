/// Why a message cannot be written, exported or delivered, with what the user needs to fix it.
public enum MessageError: AllotError, Equatable {
    /// The configuration has no template for this kind of message.
    case noTemplate(kind: String)
    /// The template does not parse (only when settings were built without `AllotConfig`'s checks).
    case badTemplate(kind: String, language: String, reason: String)
    /// The template uses a placeholder the use case gave no value for.
    case missingParameter(kind: String, language: String, name: String)
    /// The rendered text is longer than `messages.maxSegments` SMS segments.
    case tooLong(kind: String, language: String, units: Int, segments: Int, maxSegments: Int)
    /// No person with this pid.
    case unknownRecipient(pid: String)
    /// `allot outbox deliver` (or the worker) with the file channel configured.
    case notWebhookChannel
    /// The export file could not be written; no message was marked sent.
    case exportFailed(path: String)
    /// The export would replace an existing file (perhaps an earlier export not yet uploaded).
    case exportFileExists(path: String)
    /// No message with this id.
    case unknownMessage(id: Int64)
    /// Only a failed message can be retried.
    case notFailed(id: Int64, state: String)

    public var code: String {
        switch self {
        case .noTemplate: "no_template"
        case .badTemplate: "bad_template"
        case .missingParameter: "missing_parameter"
        case .tooLong: "message_too_long"
        case .unknownRecipient: "person_not_found"
        case .notWebhookChannel: "not_webhook_channel"
        case .exportFailed: "export_failed"
        case .exportFileExists: "file_exists"
        case .unknownMessage: "message_not_found"
        case .notFailed: "message_not_failed"
        }
    }

    public var message: String {
        switch self {
        case .noTemplate(let kind):
            "no template for '\(kind)' messages: add messages.templates.\(kind) (zh and en) to the configuration"
        case .badTemplate(let kind, let language, let reason):
            "the \(language) template of '\(kind)' is malformed: \(reason)"
        case .missingParameter(let kind, let language, let name):
            "the \(language) template of '\(kind)' uses {\(name)}, but no value for '\(name)' was given"
        case .tooLong(let kind, let language, let units, let segments, let maxSegments):
            "the \(language) '\(kind)' message is \(units) characters, \(segments) SMS segments; at most "
                + "\(maxSegments) allowed (messages.maxSegments): shorten the template or its parameters"
        case .unknownRecipient(let pid): "no person with pid \(pid)"
        case .notWebhookChannel:
            "messages.channel is 'file': nothing is delivered from here; use 'allot outbox export FILE.csv'"
        case .exportFailed(let path):
            "cannot write \(path); no message was marked sent"
        case .exportFileExists(let path):
            "\(path) exists (an earlier export, perhaps not yet uploaded): choose a new file name"
        case .unknownMessage(let id): "no message with id \(id)"
        case .notFailed(let id, let state): "message \(id) is \(state); only a failed message can be retried"
        }
    }

    public var category: ErrorCategory {
        switch self {
        case .noTemplate, .missingParameter, .tooLong: .invalidInput
        case .badTemplate: .internal
        case .unknownRecipient, .unknownMessage: .notFound
        case .notWebhookChannel, .notFailed, .exportFileExists: .conflict
        case .exportFailed: .internal
        }
    }
}
