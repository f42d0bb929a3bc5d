import Foundation
import HTTPServer

/// The registry part of the HTTP API (INTERFACE.md §4): health, schema, enrollment, a citizen's
/// own record, the people listing and token management. Every route calls the registry's use
/// cases; this type only authenticates, decodes, encodes and maps errors.
public final class RegistryAPI: Sendable {
    let registry: Registry
    let tokens: TokenStore
    let rateLimiter: EnrollmentRateLimiter
    let batcher: EnrollmentBatcher
    /// Replies that never change, encoded once.
    let healthBody: [UInt8] = Array(#"{"status":"ok"}"#.utf8)
    let schemaBody: [UInt8]

    /// Largest enrollment or update body: a few hundred bytes are real, 16 KiB is generous.
    static let maxPersonBodySize = 16 * 1024

    /// `rateLimitPerMinute` bounds enrollments per client address (0 = no limit).
    public init(registry: Registry, tokens: TokenStore, rateLimitPerMinute: Int) {
        self.registry = registry
        self.tokens = tokens
        self.rateLimiter = EnrollmentRateLimiter(perMinute: rateLimitPerMinute)
        self.batcher = EnrollmentBatcher(registry: registry)
        self.schemaBody = JSONBody.response(registry.schema).body
    }

    /// Finishes queued enrollments and stops the commit thread; call after the server has stopped.
    public func stop() {
        batcher.stop()
    }

    /// The routes of this API.
    public func router() -> HTTPRouter {
        var router = HTTPRouter()
        let health = healthBody
        let schema = schemaBody
        let openAPI = OpenAPIDocument.bytes
        router.add("GET", "/healthz", .inline { _ in .json(health) })
        router.add("GET", "/api/v1/schema", .inline { _ in .json(schema) })
        router.add("GET", "/api/v1/openapi.json", .inline { _ in .json(openAPI) })
        let personBody = HTTPRouter.Options(maxBodySize: Self.maxPersonBodySize)
        router.add("POST", "/api/v1/enrollments", options: personBody, .deferred { [self] in enroll($0, $1) })
        router.add("GET", "/api/v1/me", blocking { [self] in try showMe($0) })
        router.add("PATCH", "/api/v1/me", options: personBody, blocking { [self] in try updateMe($0) })
        router.add("DELETE", "/api/v1/me", blocking { [self] in try withdrawMe($0) })
        router.add("GET", "/api/v1/people", blocking { [self] in try listPeople($0) })
        router.add("POST", "/api/v1/tokens", options: personBody, blocking { [self] in try createToken($0) })
        router.add("GET", "/api/v1/tokens", blocking { [self] in try listTokens($0) })
        router.add("DELETE", "/api/v1/tokens/{id}", blocking { [self] in try revokeToken($0) })
        return router
    }

    /// A handler for a worker thread whose errors are mapped once (401s also name the scheme).
    private func blocking(_ body: @escaping @Sendable (HTTPRequest) throws -> HTTPResponse) -> HTTPHandler {
        .blocking { request in
            do {
                return try body(request)
            } catch {
                var response = APIErrorMapping.response(error)
                if response.status == 401 { response.headers.add("WWW-Authenticate", "Bearer") }
                return response
            }
        }
    }

    // MARK: - Authentication

    /// Who may call a route.
    enum Access {
        case staff(Role)
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
        case .citizen:
            guard principal.role == .citizen, principal.pid != nil else { throw APIError.forbidden }
        }
        return principal
    }

    // MARK: - Handlers

    private func enroll(_ request: HTTPRequest, _ responder: HTTPResponder) {
        if let wait = rateLimiter.admit(request.remoteAddress) {
            var response = HTTPResponse(error: APIError.rateLimited(retryAfter: wait))
            response.headers.add("Retry-After", String(wait))
            responder.respond(response)
            return
        }
        let enrollment: Enrollment
        do {
            enrollment = try JSONBody.decode(Enrollment.self, from: request, allowedFields: StrictFields.enrollment)
        } catch {
            responder.respond(APIErrorMapping.response(error))
            return
        }
        batcher.submit(enrollment) { result in
            switch result {
            case .success(let receipt): responder.respond(.json(Self.receiptBody(receipt), status: 201))
            case .failure(let error): responder.respond(APIErrorMapping.response(error))
            }
        }
    }

    /// `{"pid":"...","token":"..."}` without JSONEncoder: this runs on the commit thread, once per
    /// enrollment, where every microsecond delays the whole batch.
    static func receiptBody(_ receipt: EnrollmentReceipt) -> [UInt8] {
        var body: [UInt8] = Array(#"{"pid":"#.utf8)
        HTTPResponse.appendJSONString(receipt.pid, to: &body)
        body.append(contentsOf: #","token":"#.utf8)
        HTTPResponse.appendJSONString(receipt.token, to: &body)
        body.append(UInt8(ascii: "}"))
        return body
    }

    private func showMe(_ request: HTTPRequest) throws -> HTTPResponse {
        let pid = try citizenPID(request)
        return JSONBody.response(try mapped { try registry.show(pid: pid, includeContact: true) })
    }

    private func updateMe(_ request: HTTPRequest) throws -> HTTPResponse {
        let principal = try authorize(request, .citizen)
        let changes = try JSONBody.decode(PersonUpdate.self, from: request, allowedFields: StrictFields.update)
        let record = try mapped {
            try registry.update(pid: principal.pid ?? "", changes: changes, actor: principal.actor)
        }
        return JSONBody.response(record)
    }

    private func withdrawMe(_ request: HTTPRequest) throws -> HTTPResponse {
        let principal = try authorize(request, .citizen)
        try mapped { try registry.withdraw(pid: principal.pid ?? "", actor: principal.actor) }
        return HTTPResponse(status: 204)
    }

    private func citizenPID(_ request: HTTPRequest) throws -> String {
        try authorize(request, .citizen).pid ?? ""
    }

    /// Query names of the listing that are not attribute filters.
    static let listingParameters: Set<String> = ["status", "age", "after", "limit", "contacts"]

    private func listPeople(_ request: HTTPRequest) throws -> HTTPResponse {
        _ = try authorize(request, .staff(.organizer))
        var query = PeopleQuery()
        var seen: Set<String> = []
        for item in request.target.query {
            guard seen.insert(item.name).inserted else { throw APIError.invalidQuery("'\(item.name)' is given twice") }
            switch item.name {
            case "status":
                guard let status = PeopleQuery.Status(rawValue: item.value) else {
                    throw APIError.invalidQuery("status must be active, withdrawn or all")
                }
                query.status = status
            case "age": query.ageBand = item.value
            case "after": query.after = item.value
            case "limit":
                guard let limit = Int(item.value), limit > 0 else {
                    throw APIError.invalidQuery("limit must be a positive integer")
                }
                query.limit = limit
            case "contacts":
                guard item.value == "true" || item.value == "false" else {
                    throw APIError.invalidQuery("contacts must be true or false")
                }
                query.includeContacts = item.value == "true"
            default:
                query.attributes[item.name] = item.value
            }
        }
        return JSONBody.response(try mapped { try registry.list(query) })
    }

    /// `{"role":"organizer","label":"..."}` → 201 `{"token","role","label"}`; admins only.
    struct TokenRequest: Codable {
        var role: String
        var label: String?
    }

    struct TokenCreated: Codable {
        var token: String
        var role: String
        var label: String?
    }

    private func createToken(_ request: HTTPRequest) throws -> HTTPResponse {
        let principal = try authorize(request, .staff(.admin))
        let body = try JSONBody.decode(TokenRequest.self, from: request, allowedFields: ["role", "label"])
        guard let role = Role(rawValue: body.role) else {
            throw HTTPError(status: 422, code: "invalid_role", message: "role must be admin, organizer or evaluator")
        }
        let token = try mapped { try tokens.create(role: role, label: body.label, actor: principal.actor) }
        return JSONBody.response(TokenCreated(token: token, role: role.rawValue, label: body.label), status: 201)
    }

    private func listTokens(_ request: HTTPRequest) throws -> HTTPResponse {
        _ = try authorize(request, .staff(.admin))
        return JSONBody.response(["tokens": try mapped { try tokens.list() }])
    }

    private func revokeToken(_ request: HTTPRequest) throws -> HTTPResponse {
        let principal = try authorize(request, .staff(.admin))
        guard let id = request.pathParameter("id").flatMap({ Int64($0) }) else {
            throw HTTPError(status: 404, code: "not_found", message: "no staff token with that id")
        }
        guard try mapped({ try tokens.revoke(id: id, actor: principal.actor) }) else {
            throw HTTPError(status: 404, code: "not_found", message: "no staff token with id \(id)")
        }
        return HTTPResponse(status: 204)
    }

    /// Runs a use case and maps its errors once.
    private func mapped<T>(_ body: () throws -> T) throws(HTTPError) -> T {
        do {
            return try body()
        } catch {
            throw APIErrorMapping.httpError(error)
        }
    }
}
