import Foundation
import HTTPServer

/// Events and their draws (INTERFACE.md §4): organizers create, edit, cancel, check eligibility,
/// prepare (a job to poll) and finalize; anyone reads a draw's commitment and its public record.
final class EventRoutes: RouteSet {
    let events: Events
    let jobs = DrawJobs()

    /// Event bodies are a few KiB even with every quota line given.
    static let maxEventBodySize = 64 * 1024
    /// Longest a client may ask `prepare` to wait for the result before it answers 202.
    static let maxWaitSeconds = 30.0

    init(events: Events) {
        self.events = events
    }

    func register(into router: inout HTTPRouter, context: APIContext) {
        let body = HTTPRouter.Options(maxBodySize: Self.maxEventBodySize)
        router.add("POST", "/api/v1/events", options: body, context.blocking { [self] in try create($0, context) })
        router.add("GET", "/api/v1/events", context.blocking { [self] in try list($0, context) })
        router.add("GET", "/api/v1/events/{id}", context.blocking { [self] in try show($0, context) })
        router.add("PATCH", "/api/v1/events/{id}", options: body, context.blocking { [self] in try update($0, context) })
        router.add("POST", "/api/v1/events/{id}/cancel", context.blocking { [self] in try cancel($0, context) })
        router.add("GET", "/api/v1/events/{id}/eligible", context.blocking { [self] in try eligible($0, context) })
        router.add(
            "POST", "/api/v1/events/{id}/draw/prepare", options: body,
            context.blocking { [self] in try prepare($0, context) })
        router.add("GET", "/api/v1/jobs/{id}", context.blocking { [self] in try job($0, context) })
        router.add(
            "POST", "/api/v1/events/{id}/draw/finalize", options: body,
            context.blocking { [self] in try finalize($0, context) })
        router.add("GET", "/api/v1/events/{id}/draw", context.blocking { [self] in try draw($0) })
        router.add("GET", "/api/v1/events/{id}/draw/record", context.blocking { [self] in try record($0) })
    }

    static let draftFields: Set<String> = [
        "title", "titleEn", "department", "kind", "startsAt", "place", "seats", "reserves", "responseDeadline",
        "cooldownDays", "eligibility", "targets", "quotas", "unconstrained", "joint",
    ]

    private func create(_ request: HTTPRequest, _ context: APIContext) throws -> HTTPResponse {
        let principal = try context.authorize(request, .staff(.organizer))
        var draft = try JSONBody.decode(EventDraft.self, from: request, allowedFields: Self.draftFields)
        // A client names no files on the server: the configured targets, or none ("").
        if let targets = draft.targets, !targets.isEmpty {
            throw HTTPError(
                status: 422, code: "invalid_field",
                message: "targets: only \"\" (no targets file) may be given over the API; the server uses its configured file")
        }
        if draft.targets == nil { draft.targets = events.targetsPath }
        let event = try context.mapped { try events.create(draft, actor: principal.actor) }
        return JSONBody.response(event, status: 201)
    }

    private func list(_ request: HTTPRequest, _ context: APIContext) throws -> HTTPResponse {
        _ = try context.authorize(request, .staff(.organizer))
        return JSONBody.response(["events": try context.mapped { try events.list() }])
    }

    private func show(_ request: HTTPRequest, _ context: APIContext) throws -> HTTPResponse {
        _ = try context.authorize(request, .staff(.organizer))
        let id = try Self.eventID(request)
        return JSONBody.response(try context.mapped { try events.show(id) })
    }

    private func update(_ request: HTTPRequest, _ context: APIContext) throws -> HTTPResponse {
        let principal = try context.authorize(request, .staff(.organizer))
        let id = try Self.eventID(request)
        let changes = try JSONBody.decode(
            EventChanges.self, from: request, allowedFields: Self.draftFields.subtracting(["targets"]))
        return JSONBody.response(try context.mapped { try events.update(id, changes, actor: principal.actor) })
    }

    private func cancel(_ request: HTTPRequest, _ context: APIContext) throws -> HTTPResponse {
        let principal = try context.authorize(request, .staff(.organizer))
        let id = try Self.eventID(request)
        return JSONBody.response(try context.mapped { try events.cancel(id, actor: principal.actor) })
    }

    private func eligible(_ request: HTTPRequest, _ context: APIContext) throws -> HTTPResponse {
        _ = try context.authorize(request, .staff(.organizer))
        let id = try Self.eventID(request)
        return JSONBody.response(try context.mapped { try events.eligibility(id) })
    }

    struct PrepareRequest: Decodable {
        var algorithm: String?
        var lotterySize: Int?
        var beaconSource: String?
    }

    /// The optional body of a prepare (draw or top-up) with its algorithm checked.
    static func prepareRequest(_ request: HTTPRequest) throws(HTTPError) -> (PrepareRequest, SelectionRequest.Algorithm) {
        let body =
            request.body.isEmpty
            ? PrepareRequest()
            : try JSONBody.decode(
                PrepareRequest.self, from: request, allowedFields: ["algorithm", "lotterySize", "beaconSource"])
        guard let algorithm = SelectionRequest.Algorithm(rawValue: body.algorithm ?? "leximin") else {
            throw HTTPError(status: 422, code: "invalid_field", message: "algorithm must be leximin or legacy")
        }
        if let size = body.lotterySize, !(1...1_000_000).contains(size) {
            throw HTTPError(status: 422, code: "invalid_field", message: "lotterySize must be from 1 to 1000000")
        }
        return (body, algorithm)
    }

    /// 202 with the job (`Location: /api/v1/jobs/{id}`); with `?wait=S` (≤ 30) it waits that long and
    /// answers 201 with the prepared draw when it finished, or the error when it failed.
    private func prepare(_ request: HTTPRequest, _ context: APIContext) throws -> HTTPResponse {
        let principal = try context.authorize(request, .staff(.organizer))
        let id = try Self.eventID(request)
        let (body, algorithm) = try Self.prepareRequest(request)
        var wait = 0.0
        if let text = request.query("wait") {
            guard let seconds = Double(text), seconds >= 0, seconds <= Self.maxWaitSeconds else {
                throw APIError.invalidQuery("wait must be a number of seconds from 0 to \(Int(Self.maxWaitSeconds))")
            }
            wait = seconds
        }
        // Refuse at once what the job would refuse at its start (no such event, not a draft).
        let event = try context.mapped { try events.show(id) }
        guard event.status == .draft else {
            throw APIErrorMapping.httpError(EventError.wrongState(id: id, status: event.status, action: "prepare"))
        }
        let useCases = events
        guard
            let started = jobs.start(
                eventId: id,
                work: { progress in
                    try useCases.prepare(
                        id, algorithm: algorithm, lotterySize: body.lotterySize, beaconSource: body.beaconSource ?? "",
                        actor: principal.actor, progress: progress)
                })
        else {
            throw HTTPError(status: 409, code: "prepare_running", message: "a prepare of event \(id) is running")
        }
        let job = wait > 0 ? (jobs.wait(started.id, seconds: wait) ?? started) : started
        switch job.status {
        case .succeeded:
            return JSONBody.response(job, status: 201)
        case .failed:
            let detail = job.error ?? APIErrorBody.detail(for: APIError.shuttingDown)
            return JSONBody.response(APIErrorBody(error: detail), status: detail.status)
        case .running:
            var response = JSONBody.response(job, status: 202)
            response.headers.add("Location", "/api/v1/jobs/\(job.id)")
            return response
        }
    }

    private func job(_ request: HTTPRequest, _ context: APIContext) throws -> HTTPResponse {
        _ = try context.authorize(request, .staff(.organizer))
        guard let id = request.pathParameter("id").flatMap({ Int($0) }), let job = jobs.job(id) else {
            throw HTTPError(status: 404, code: "job_not_found", message: "no such job (jobs are kept in memory until restart)")
        }
        return JSONBody.response(job)
    }

    struct FinalizeRequest: Decodable {
        var beacon: String
    }

    private func finalize(_ request: HTTPRequest, _ context: APIContext) throws -> HTTPResponse {
        let principal = try context.authorize(request, .staff(.organizer))
        let id = try Self.eventID(request)
        let body = try JSONBody.decode(FinalizeRequest.self, from: request, allowedFields: ["beacon"])
        return JSONBody.response(try context.mapped { try events.finalize(id, beacon: body.beacon, actor: principal.actor) })
    }

    /// Public: the commitment (digests, beacon source) once prepared, the outcome once finalized.
    private func draw(_ request: HTTPRequest) throws -> HTTPResponse {
        let id = try Self.eventID(request)
        let round = try Self.round(request)
        return JSONBody.response(try mappedPublic { try events.draw(id, round: round) })
    }

    /// `?round=N` (0 the draw, 1… its top-ups).
    static func round(_ request: HTTPRequest) throws(HTTPError) -> Int {
        guard let text = request.query("round") else { return 0 }
        guard let round = Int(text), round >= 0 else {
            throw APIError.invalidQuery("round must be 0 (the draw) or the number of a top-up draw")
        }
        return round
    }

    /// Public: the draw record of §5 (pids and attribute values only).
    private func record(_ request: HTTPRequest) throws -> HTTPResponse {
        let id = try Self.eventID(request)
        let round = try Self.round(request)
        let record = try mappedPublic { try events.record(id, round: round) }
        do {
            return .json(Array(try record.jsonData()))
        } catch {
            throw APIErrorMapping.httpError(error)
        }
    }

    private func mappedPublic<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as any AllotError {
            throw APIErrorMapping.httpError(error)
        }
    }

    static func eventID(_ request: HTTPRequest) throws(HTTPError) -> Int {
        guard let id = request.pathParameter("id").flatMap({ Int($0) }), id > 0 else {
            throw HTTPError(status: 404, code: "event_not_found", message: "no such event")
        }
        return id
    }
}
