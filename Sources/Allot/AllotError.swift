/// What kind of failure an error is, so each face of Allot maps it once: HTTP to a status code,
/// the CLI to an exit code.
public enum ErrorCategory: String, Sendable {
    /// The input is malformed or breaks a rule (HTTP 400/422).
    case invalidInput
    /// The thing asked for does not exist (HTTP 404).
    case notFound
    /// The request clashes with existing state, e.g. a duplicate phone (HTTP 409).
    case conflict
    /// No valid credentials (HTTP 401).
    case unauthorized
    /// Valid credentials without the right (HTTP 403).
    case forbidden
    /// A fault of the system, not of the request (HTTP 500).
    case `internal`
}

/// An error Allot reports to users: a stable snake_case `code`, a human `message` and a category.
public protocol AllotError: Error, Sendable {
    /// Stable machine-readable code, e.g. `duplicate_phone`.
    var code: String { get }
    /// One line a person can act on; never contains secrets.
    var message: String { get }
    var category: ErrorCategory { get }
}
