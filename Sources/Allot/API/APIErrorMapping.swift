import HTTPServer

/// The one place where Allot's errors become HTTP statuses and `{"error":{"code","message"}}` bodies.
enum APIErrorMapping {
    /// The HTTP status of an error category.
    static func status(of category: ErrorCategory) -> Int {
        switch category {
        case .invalidInput: 422
        case .notFound: 404
        case .conflict: 409
        case .unauthorized: 401
        case .forbidden: 403
        case .internal: 500
        }
    }

    /// Any error thrown by a use case or the API layer, as an `HTTPError`. Errors that are not
    /// Allot's own (database faults) become a 500 without details, which go to the log instead.
    static func httpError(_ error: any Error) -> HTTPError {
        switch error {
        case let error as HTTPError:
            return error
        case let error as any AllotError:
            return HTTPError(status: status(of: error.category), code: error.code, message: error.message)
        default:
            return HTTPError(status: 500, code: "internal_error", message: "internal server error")
        }
    }

    static func response(_ error: any Error) -> HTTPResponse {
        HTTPResponse(error: httpError(error))
    }
}

/// Errors of the API layer itself (authentication, request bodies, rate limits).
enum APIError {
    static let unauthorized = HTTPError(
        status: 401, code: "unauthorized", message: "a valid bearer token is required (Authorization: Bearer TOKEN)")
    static let forbidden = HTTPError(status: 403, code: "forbidden", message: "this token's role may not do this")
    static let shuttingDown = HTTPError(
        status: 503, code: "shutting_down", message: "the server is shutting down; try again shortly")
    static let unsupportedMediaType = HTTPError(
        status: 415, code: "unsupported_media_type", message: "send the body as application/json")

    static func invalidJSON(_ detail: String) -> HTTPError {
        HTTPError(status: 400, code: "invalid_json", message: detail)
    }

    static func invalidQuery(_ detail: String) -> HTTPError {
        HTTPError(status: 400, code: "invalid_query", message: detail)
    }

    static func rateLimited(retryAfter: Int) -> HTTPError {
        HTTPError(
            status: 429, code: "rate_limited",
            message: "too many enrollments from this address; retry in \(retryAfter) s")
    }
}
