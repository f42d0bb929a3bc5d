import Foundation
import HTTPServer

/// The registry routes (INTERFACE.md §4): health, schema, the OpenAPI document, enrollment, a
/// citizen's own record and the people listing. Every route calls the registry's use cases; this
/// type only decodes and encodes.
final class RegistryRoutes: RouteSet {
    let registry: Registry
    let rateLimiter: EnrollmentRateLimiter
    let batcher: GroupCommit<Enrollment, EnrollmentReceipt>
    /// Replies that never change, encoded once.
    let healthBody: [UInt8] = Array(#"{"status":"ok"}"#.utf8)
    let schemaBody: [UInt8]

    /// Largest enrollment or update body: a few hundred bytes are real, 16 KiB is generous.
    static let maxPersonBodySize = 16 * 1024

    /// `rateLimitPerMinute` bounds enrollments per client address (0 = no limit).
    init(registry: Registry, rateLimitPerMinute: Int) {
        self.registry = registry
        self.rateLimiter = EnrollmentRateLimiter(perMinute: rateLimitPerMinute)
        self.batcher = EnrollmentBatcher.start(registry: registry)
        self.schemaBody = JSONBody.response(registry.schema).body
    }

    /// Finishes queued enrollments and stops the commit thread.
    func stop() {
        batcher.stop()
    }

    func register(into router: inout HTTPRouter, context: APIContext) {
        let health = healthBody
        let schema = schemaBody
        let openAPI = OpenAPIDocument.bytes
        router.add("GET", "/healthz", .inline { _ in .json(health) })
        router.add("GET", "/api/v1/schema", .inline { _ in .json(schema) })
        router.add("GET", "/api/v1/openapi.json", .inline { _ in .json(openAPI) })
        let personBody = HTTPRouter.Options(maxBodySize: Self.maxPersonBodySize)
        router.add("POST", "/api/v1/enrollments", options: personBody, .deferred { [self] in enroll($0, $1, context: context) })
        router.add("GET", "/api/v1/me", context.blocking { [self] in try showMe($0, context) })
        router.add("PATCH", "/api/v1/me", options: personBody, context.blocking { [self] in try updateMe($0, context) })
        router.add("DELETE", "/api/v1/me", context.blocking { [self] in try withdrawMe($0, context) })
        router.add("GET", "/api/v1/people", context.blocking { [self] in try listPeople($0, context) })
    }

    private func enroll(_ request: HTTPRequest, _ responder: HTTPResponder, context: APIContext) {
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
            responder.respond(context.response(for: error, to: request))
            return
        }
        batcher.submit(enrollment) { result in
            switch result {
            case .success(let receipt): responder.respond(.json(Self.receiptBody(receipt), status: 201))
            case .failure(let error): responder.respond(context.response(for: error, to: request))
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

    private func showMe(_ request: HTTPRequest, _ context: APIContext) throws -> HTTPResponse {
        let pid = try citizenPID(request, context)
        return JSONBody.response(try context.mapped { try registry.show(pid: pid, includeContact: true) })
    }

    private func updateMe(_ request: HTTPRequest, _ context: APIContext) throws -> HTTPResponse {
        let principal = try context.authorize(request, .citizen)
        let changes = try JSONBody.decode(PersonUpdate.self, from: request, allowedFields: StrictFields.update)
        let record = try context.mapped {
            try registry.update(pid: principal.pid ?? "", changes: changes, actor: principal.actor)
        }
        return JSONBody.response(record)
    }

    private func withdrawMe(_ request: HTTPRequest, _ context: APIContext) throws -> HTTPResponse {
        let principal = try context.authorize(request, .citizen)
        try context.mapped { try registry.withdraw(pid: principal.pid ?? "", actor: principal.actor) }
        return HTTPResponse(status: 204)
    }

    private func citizenPID(_ request: HTTPRequest, _ context: APIContext) throws -> String {
        try context.authorize(request, .citizen).pid ?? ""
    }

    /// Query names of the listing that are not attribute filters.
    static let listingParameters: Set<String> = ["status", "age", "after", "limit", "contacts"]

    private func listPeople(_ request: HTTPRequest, _ context: APIContext) throws -> HTTPResponse {
        _ = try context.authorize(request, .staff(.organizer))
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
        return JSONBody.response(try context.mapped { try registry.list(query) })
    }
}
