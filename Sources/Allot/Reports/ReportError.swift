/// Why a report was refused; each case says what to change.
public enum ReportError: Error, Equatable, AllotError {
    /// A date bound is not `YYYY-MM-DD`.
    case invalidDate(field: String, value: String)
    /// `from` comes after `to`.
    case emptyRange(from: String, to: String)
    /// An output option the report does not know (format, language, CSV table).
    case invalidOption(field: String, value: String, allowed: [String])

    public var code: String {
        switch self {
        case .invalidDate: "invalid_date"
        case .emptyRange: "empty_range"
        case .invalidOption: "invalid_option"
        }
    }

    public var message: String {
        switch self {
        case .invalidDate(let field, let value): "\(field): '\(value)' is not a date YYYY-MM-DD"
        case .emptyRange(let from, let to): "from \(from) is after to \(to)"
        case .invalidOption(let field, let value, let allowed):
            "\(field): '\(value)' is not one of \(allowed.joined(separator: ", "))"
        }
    }

    public var category: ErrorCategory { .invalidInput }
}
