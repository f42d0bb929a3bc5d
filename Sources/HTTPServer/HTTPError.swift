/// An error that is answered with an HTTP status and the JSON body
/// `{"error":{"code":"...","message":"..."}}`.
///
/// The server answers its own protocol errors (400, 413, 414, 431, ...) with this type, and
/// handlers may throw it to answer with any status.
public struct HTTPError: Error, Sendable, Equatable {
    /// The HTTP status code, 400...599.
    public var status: Int
    /// A stable snake_case code that clients can branch on.
    public var code: String
    /// Human-readable explanation.
    public var message: String

    public init(status: Int, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    static func badRequest(_ code: String, _ message: String) -> HTTPError {
        HTTPError(status: 400, code: code, message: message)
    }
}
