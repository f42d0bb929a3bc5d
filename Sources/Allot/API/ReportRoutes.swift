import Foundation
import HTTPServer

/// Evaluation reports (INTERFACE.md §4) for evaluators and organizers: one event's report and the
/// summary across events, as JSON, CSV (`&table=NAME` for one table) or one HTML page (`&lang=en`).
final class ReportRoutes: RouteSet {
    let reports: Reports

    /// The HTML report needs nothing from elsewhere: no script, font or image may load.
    static let htmlPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

    init(reports: Reports) {
        self.reports = reports
    }

    func register(into router: inout HTTPRouter, context: APIContext) {
        router.add("GET", "/api/v1/events/{id}/report", context.blocking { [self] in try event($0, context) })
        router.add("GET", "/api/v1/reports/summary", context.blocking { [self] in try summary($0, context) })
    }

    private func event(_ request: HTTPRequest, _ context: APIContext) throws -> HTTPResponse {
        _ = try context.authorize(request, .anyStaff([.evaluator, .organizer]))
        guard let id = request.pathParameter("id").flatMap({ Int($0) }) else {
            throw HTTPError(status: 404, code: "event_not_found", message: "no such event")
        }
        let (format, language, table) = try context.mapped { try Self.options(request) }
        let report = try context.mapped { try reports.event(id) }
        return Self.response(try context.mapped { try report.output(format: format, language: language, table: table) })
    }

    private func summary(_ request: HTTPRequest, _ context: APIContext) throws -> HTTPResponse {
        _ = try context.authorize(request, .anyStaff([.evaluator, .organizer]))
        let (format, language, table) = try context.mapped { try Self.options(request) }
        let report = try context.mapped { try reports.summary(from: request.query("from"), to: request.query("to")) }
        return Self.response(try context.mapped { try report.output(format: format, language: language, table: table) })
    }

    private static func options(_ request: HTTPRequest) throws(ReportError) -> (ReportFormat, WebLanguage, String?) {
        (
            try ReportFormat.parse(request.query("format")), try ReportOutput.language(request.query("lang")),
            request.query("table")
        )
    }

    private static func response(_ output: ReportOutput) -> HTTPResponse {
        var response = HTTPResponse(status: 200, body: output.bytes)
        response.headers.add("Content-Type", output.contentType)
        response.headers.add("Cache-Control", "no-store")
        if output.contentType.hasPrefix("text/html") { response.headers.add("Content-Security-Policy", htmlPolicy) }
        return response
    }
}
