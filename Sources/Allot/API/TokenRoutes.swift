import Foundation
import HTTPServer

/// Staff token management (admins only): create (shown once), list, revoke.
struct TokenRoutes: RouteSet {
    let tokens: TokenStore

    func register(into router: inout HTTPRouter, context: APIContext) {
        let small = HTTPRouter.Options(maxBodySize: RegistryRoutes.maxPersonBodySize)
        router.add("POST", "/api/v1/tokens", options: small, context.blocking { try createToken($0, context) })
        router.add("GET", "/api/v1/tokens", context.blocking { try listTokens($0, context) })
        router.add("DELETE", "/api/v1/tokens/{id}", context.blocking { try revokeToken($0, context) })
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

    private func createToken(_ request: HTTPRequest, _ context: APIContext) throws -> HTTPResponse {
        let principal = try context.authorize(request, .staff(.admin))
        let body = try JSONBody.decode(TokenRequest.self, from: request, allowedFields: ["role", "label"])
        guard let role = Role(rawValue: body.role) else {
            throw HTTPError(status: 422, code: "invalid_role", message: "role must be admin, organizer or evaluator")
        }
        let token = try context.mapped { try tokens.create(role: role, label: body.label, actor: principal.actor) }
        return JSONBody.response(TokenCreated(token: token, role: role.rawValue, label: body.label), status: 201)
    }

    private func listTokens(_ request: HTTPRequest, _ context: APIContext) throws -> HTTPResponse {
        _ = try context.authorize(request, .staff(.admin))
        return JSONBody.response(["tokens": try context.mapped { try tokens.list() }])
    }

    private func revokeToken(_ request: HTTPRequest, _ context: APIContext) throws -> HTTPResponse {
        let principal = try context.authorize(request, .staff(.admin))
        guard let id = request.pathParameter("id").flatMap({ Int64($0) }) else {
            throw HTTPError(status: 404, code: "not_found", message: "no staff token with that id")
        }
        guard try context.mapped({ try tokens.revoke(id: id, actor: principal.actor) }) else {
            throw HTTPError(status: 404, code: "not_found", message: "no staff token with id \(id)")
        }
        return HTTPResponse(status: 204)
    }
}
