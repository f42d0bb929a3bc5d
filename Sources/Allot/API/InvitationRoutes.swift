import Foundation
import HTTPServer

/// Invitations, replacements, check-in, closing, feedback and suggestions (INTERFACE.md §4): organizers
/// run them; a citizen acts with the personal link token; the replacement log and suggestions are public.
final class InvitationRoutes: RouteSet {
    let invitations: Invitations
    let feedback: FeedbackLoop
    /// Citizens' answers, committed in groups.
    let answers: GroupCommit<AnswerBatcher.Answer, CitizenInvitation>

    /// Feedback with twenty suggestions of a page each stays under this.
    static let maxFeedbackBodySize = 96 * 1024

    init(invitations: Invitations) {
        self.invitations = invitations
        self.feedback = FeedbackLoop(invitations: invitations)
        self.answers = AnswerBatcher.start(invitations: invitations)
    }

    func stop() {
        answers.stop()
    }

    func register(into router: inout HTTPRouter, context: APIContext) {
        let small = HTTPRouter.Options(maxBodySize: 16 * 1024)
        let link = HTTPRouter.Options(maxBodySize: 16 * 1024, secretParameters: ["token"])
        let feedbackBody = HTTPRouter.Options(maxBodySize: Self.maxFeedbackBodySize, secretParameters: ["token"])
        router.add("POST", "/api/v1/events/{id}/invitations", options: small, context.blocking { [self] in try invite($0, context) })
        router.add("GET", "/api/v1/events/{id}/invitations", context.blocking { [self] in try list($0, context) })
        router.add(
            "PUT", "/api/v1/events/{id}/invitations/{pid}", options: small,
            context.blocking { [self] in try set($0, context) })
        router.add("POST", "/api/v1/events/{id}/replace", context.blocking { [self] in try replace($0, context) })
        router.add("GET", "/api/v1/events/{id}/replacements", context.blocking { [self] in try replacements($0, context) })
        router.add("POST", "/api/v1/events/{id}/attendance", options: small, context.blocking { [self] in try attend($0, context) })
        router.add("POST", "/api/v1/events/{id}/close", context.blocking { [self] in try close($0, context) })
        router.add("GET", "/api/v1/invitations/{token}", options: link, context.blocking { [self] in try show($0, context) })
        let answer = HTTPRouter.Options(
            maxBodySize: 16 * 1024, secretParameters: ["token"], handlerTimeout: AnswerBatcher.replyWithin)
        router.add("POST", "/api/v1/invitations/{token}", options: answer, .deferred { [self] in respond($0, $1, context) })
        router.add("GET", "/api/v1/feedback/{token}", options: link, context.blocking { [self] in try showFeedback($0, context) })
        router.add(
            "POST", "/api/v1/feedback/{token}", options: feedbackBody,
            context.blocking { [self] in try giveFeedback($0, context, edit: false) })
        router.add(
            "PUT", "/api/v1/feedback/{token}", options: feedbackBody,
            context.blocking { [self] in try giveFeedback($0, context, edit: true) })
        router.add("POST", "/api/v1/events/{id}/topup/prepare", options: small, context.blocking { [self] in try topUpPrepare($0, context) })
        router.add("POST", "/api/v1/events/{id}/topup/finalize", options: small, context.blocking { [self] in try topUpFinalize($0, context) })
        router.add("GET", "/api/v1/events/{id}/suggestions", context.blocking { [self] in try suggestions($0, context) })
        router.add(
            "POST", "/api/v1/suggestions/{id}/reply", options: small, context.blocking { [self] in try reply($0, context) })
    }

    struct InviteRequest: Decodable { var deadline: String? }

    private func invite(_ request: HTTPRequest, _ context: APIContext) throws -> HTTPResponse {
        let principal = try context.authorize(request, .staff(.organizer))
        let id = try EventRoutes.eventID(request)
        let body =
            request.body.isEmpty
            ? InviteRequest() : try JSONBody.decode(InviteRequest.self, from: request, allowedFields: ["deadline"])
        let list = try context.mapped { try invitations.invite(id, deadline: body.deadline, actor: principal.actor) }
        return JSONBody.response(list, status: 201)
    }

    private func list(_ request: HTTPRequest, _ context: APIContext) throws -> HTTPResponse {
        _ = try context.authorize(request, .staff(.organizer))
        let id = try EventRoutes.eventID(request)
        return JSONBody.response(try context.mapped { try invitations.list(id) })
    }

    struct StateRequest: Decodable { var state: String }

    private func set(_ request: HTTPRequest, _ context: APIContext) throws -> HTTPResponse {
        let principal = try context.authorize(request, .staff(.organizer))
        let id = try EventRoutes.eventID(request)
        let pid = request.pathParameter("pid") ?? ""
        let body = try JSONBody.decode(StateRequest.self, from: request, allowedFields: ["state"])
        return JSONBody.response(
            try context.mapped { try invitations.set(id, pid: pid, state: body.state, actor: principal.actor) })
    }

    private func replace(_ request: HTTPRequest, _ context: APIContext) throws -> HTTPResponse {
        let principal = try context.authorize(request, .staff(.organizer))
        let id = try EventRoutes.eventID(request)
        return JSONBody.response(["entries": try context.mapped { try invitations.replace(id, actor: principal.actor) }])
    }

    private func replacements(_ request: HTTPRequest, _ context: APIContext) throws -> HTTPResponse {
        let id = try EventRoutes.eventID(request)
        let log = try context.mapped { try invitations.replacementLog(id) }
        return .json(Array(try context.mapped { try log.jsonData() }))
    }

    struct AttendanceRequest: Decodable {
        var pid: String?
        var code: String?
    }

    private func attend(_ request: HTTPRequest, _ context: APIContext) throws -> HTTPResponse {
        let principal = try context.authorize(request, .staff(.organizer))
        let id = try EventRoutes.eventID(request)
        let body = try JSONBody.decode(AttendanceRequest.self, from: request, allowedFields: ["pid", "code"])
        guard let key = body.pid ?? body.code, !key.isEmpty else {
            throw HTTPError(status: 422, code: "invalid_field", message: "give the pid or the check-in code")
        }
        return JSONBody.response(try context.mapped { try invitations.checkIn(id, key, actor: principal.actor) })
    }

    private func close(_ request: HTTPRequest, _ context: APIContext) throws -> HTTPResponse {
        let principal = try context.authorize(request, .staff(.organizer))
        let id = try EventRoutes.eventID(request)
        return JSONBody.response(try context.mapped { try invitations.close(id, actor: principal.actor) })
    }

    private func show(_ request: HTTPRequest, _ context: APIContext) throws -> HTTPResponse {
        let token = request.pathParameter("token") ?? ""
        return JSONBody.response(try context.mapped { try invitations.show(token: token) })
    }

    struct ResponseRequest: Decodable { var response: String }

    /// The answer is queued for the next group commit; the reply goes out once it is durable.
    private func respond(_ request: HTTPRequest, _ responder: HTTPResponder, _ context: APIContext) {
        let token = request.pathParameter("token") ?? ""
        let body: ResponseRequest
        do {
            body = try JSONBody.decode(ResponseRequest.self, from: request, allowedFields: ["response"])
        } catch {
            responder.respond(context.response(for: error, to: request))
            return
        }
        answers.submit(AnswerBatcher.Answer(token: token, response: body.response)) { result in
            do {
                responder.respond(JSONBody.response(try context.mapped { try result.get() }))
            } catch {
                responder.respond(context.response(for: error, to: request))
            }
        }
    }

    private func showFeedback(_ request: HTTPRequest, _ context: APIContext) throws -> HTTPResponse {
        let token = request.pathParameter("token") ?? ""
        return JSONBody.response(try context.mapped { try feedback.show(token: token) })
    }

    static let feedbackFields: Set<String> = ["overall", "information", "heard", "again", "comment", "suggestions"]

    private func giveFeedback(_ request: HTTPRequest, _ context: APIContext, edit: Bool) throws -> HTTPResponse {
        let token = request.pathParameter("token") ?? ""
        let input = try JSONBody.decode(FeedbackInput.self, from: request, allowedFields: Self.feedbackFields)
        let record = try context.mapped {
            edit ? try feedback.update(token: token, input) : try feedback.submit(token: token, input)
        }
        return JSONBody.response(record, status: edit ? 200 : 201)
    }

    private func suggestions(_ request: HTTPRequest, _ context: APIContext) throws -> HTTPResponse {
        let id = try EventRoutes.eventID(request)
        return JSONBody.response(["suggestions": try context.mapped { try feedback.suggestions(id) }])
    }

    /// A top-up draw for the seats no reserve could fill; answered when prepared (top-up pools are the
    /// registry's never-invited, so this can take as long as a draw).
    private func topUpPrepare(_ request: HTTPRequest, _ context: APIContext) throws -> HTTPResponse {
        let principal = try context.authorize(request, .staff(.organizer))
        let id = try EventRoutes.eventID(request)
        let (body, algorithm) = try EventRoutes.prepareRequest(request)
        let draw = try context.mapped {
            try invitations.prepareTopUp(
                id, algorithm: algorithm, lotterySize: body.lotterySize, beaconSource: body.beaconSource ?? "",
                actor: principal.actor)
        }
        return JSONBody.response(draw, status: 201)
    }

    private func topUpFinalize(_ request: HTTPRequest, _ context: APIContext) throws -> HTTPResponse {
        let principal = try context.authorize(request, .staff(.organizer))
        let id = try EventRoutes.eventID(request)
        let body = try JSONBody.decode(EventRoutes.FinalizeRequest.self, from: request, allowedFields: ["beacon"])
        return JSONBody.response(
            try context.mapped { try invitations.finalizeTopUp(id, beacon: body.beacon, actor: principal.actor) })
    }

    struct ReplyRequest: Decodable {
        var status: String
        var reply: String
    }

    private func reply(_ request: HTTPRequest, _ context: APIContext) throws -> HTTPResponse {
        let principal = try context.authorize(request, .staff(.organizer))
        guard let id = request.pathParameter("id").flatMap({ Int($0) }) else {
            throw HTTPError(status: 404, code: "suggestion_not_found", message: "no such suggestion")
        }
        let body = try JSONBody.decode(ReplyRequest.self, from: request, allowedFields: ["status", "reply"])
        return JSONBody.response(
            try context.mapped { try feedback.reply(id, status: body.status, reply: body.reply, actor: principal.actor) })
    }
}
