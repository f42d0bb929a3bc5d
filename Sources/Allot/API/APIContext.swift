import Foundation
import HTTPServer

/// What every route set shares: authentication and roles, JSON bodies and replies, and the one
/// mapping of errors to HTTP answers. A new route set writes none of that again.
public final class APIContext: Sendable {
    let tokens: TokenStore
    /// The server log (stderr in `allot serve`): internal error details go there, never to clients.
    let log: @Sendable (String) -> Void

    public init(tokens: TokenStore, log: @escaping @Sendable (String) -> Void) {
        self.tokens = tokens
        self.log = log
    }

    /// Who may call a route.
    enum Access {
        /// A staff token whose role satisfies this one (admin ⊃ organizer).
        case staff(Role)
        /// A staff token of any of these roles.
        case anyStaff([Role])
        /// A citizen's personal token.
        case citizen
    }

    /// The authenticated principal, or 401 (no or unknown token) / 403 (wrong role).
    func authorize(_ request: HTTPRequest, _ access: Access) throws -> Principal {
        guard let token = request.bearerToken, let principal = try tokens.authenticate(token) else {
            throw APIError.unauthorized
        }
        switch access {
        case .staff(let role):
            guard principal.role.satisfies(role) else { throw APIError.forbidden }
        case .anyStaff(let roles):
            guard roles.contains(where: { principal.role.satisfies($0) }) else { throw APIError.forbidden }
        case .citizen:
            guard principal.role == .citizen, principal.pid != nil else { throw APIError.forbidden }
        }
        return principal
    }

    /// A handler for a worker thread whose errors are answered by `response(for:to:)`.
    func blocking(_ body: @escaping @Sendable (HTTPRequest) throws -> HTTPResponse) -> HTTPHandler {
        .blocking { [self] request in
            do {
                return try body(request)
            } catch {
                return response(for: error, to: request)
            }
        }
    }

    /// The answer to a failed request. Allot's own errors and `HTTPError`s say what went wrong; any
    /// other error (SQLite, I/O) is a generic 500 naming a request id, and its details go to the log
    /// under the same id, so a client learns nothing of the internals and an operator can find them.
    func response(for error: any Error, to request: HTTPRequest) -> HTTPResponse {
        let mapped = APIErrorMapping.httpError(error)
        guard mapped.status >= 500, !(error is HTTPError) else {
            var response =
                APIErrorBody.infeasible(error) == nil
                ? HTTPResponse(error: mapped)
                : JSONBody.response(APIErrorBody(error: APIErrorBody.detail(for: error)), status: mapped.status)
            if mapped.status == 401 { response.headers.add("WWW-Authenticate", "Bearer") }
            return response
        }
        let id = request.requestID.isEmpty ? Self.newRequestID() : request.requestID
        log("error request_id=\(id) \(request.method) \(request.target.rawPath): \(String(reflecting: error))\n")
        var response = HTTPResponse(
            error: HTTPError(status: 500, code: "internal_error", message: "internal server error (request id \(id))"))
        if request.requestID.isEmpty { response.headers.add("X-Request-Id", id) }
        return response
    }

    /// Runs a use case and maps its errors to `HTTPError` (internal ones stay unmapped for the log).
    func mapped<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as any AllotError {
            throw APIErrorMapping.httpError(error)
        }
    }

    /// 16 hex digits from the system's generator: enough to find one line in a log.
    static func newRequestID() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(UInt64.random(in: .min ... .max, using: &generator), radix: 16).leftPadded(to: 16)
    }
}

extension String {
    /// The string with leading zeros up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// A group of routes for one subsystem (registry, tokens, events, …), mounted by `AllotAPI`.
protocol RouteSet: Sendable {
    /// Adds this set's routes, using `context` for authentication, bodies and errors.
    func register(into router: inout HTTPRouter, context: APIContext)
    /// Finishes background work (queued writes) after the server has stopped.
    func stop()
}

extension RouteSet {
    func stop() {}
}
