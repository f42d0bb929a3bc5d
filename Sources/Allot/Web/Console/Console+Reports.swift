import Foundation
import HTTPServer

/// `/console/reports…` (every staff role): the evaluation reports (`Reports`, small cells suppressed)
/// embedded in the console and downloaded as CSV or HTML with the session; `/console/audit`
/// (organizers). Aggregates and public records only, never a name, phone or e-mail; the audit log
/// names pseudonymous subjects only.
extension Console {
    /// Audit entries per page.
    static let auditPageSize = 50

    func reportsPage(_ context: ConsoleRequest) throws -> HTTPResponse {
        let c = context
        let from = Self.dateField(c.request.query("from"))
        let to = Self.dateField(c.request.query("to"))
        var summaryHTML: HTML
        var status = 200
        var problem: String?
        do {
            let summary = try reports.summary(from: from, to: to)
            let parts = summary.htmlParts(language: c.language)
            let range = Self.rangeQuery(from: from, to: to)
            summaryHTML = """
                <p class="actions"><a href="/console/reports/download?format=csv\(range)" download>\(c.say("下载 CSV", "Download CSV"))</a> · \
                <a href="/console/reports/download?format=html&amp;lang=\(c.language.rawValue)\(range)" download>\(c.say("下载 HTML", "Download HTML"))</a></p>
                <section class="report" id="summary-report" aria-labelledby="summary-heading">
                <h2 id="summary-heading">\(parts.heading)</h2>
                \(parts.body)
                </section>

                """
        } catch let error as ReportError {
            status = 422
            problem = error.message
            summaryHTML = .empty
        }
        let invalid: HTML = problem == nil ? .empty : " invalid"
        let error: HTML =
            problem.map { "<p class=\"error\" id=\"e-range\" role=\"alert\">\(WebText.errorPrefix.text(c.language))\($0)</p>" }
            ?? .empty
        let form: HTML = """
            <form method="get" action="/console/reports" class="range" novalidate>
            <input type="hidden" name="lang" value="\(c.language.rawValue)">
            <div class="field\(invalid)"><label for="f-from">\(c.say("起始日期", "From"))</label>
            <input id="f-from" name="from" type="date" value="\(from ?? "")"></div>
            <div class="field\(invalid)"><label for="f-to">\(c.say("截止日期", "To"))</label>
            <input id="f-to" name="to" type="date" value="\(to ?? "")"></div>
            <p class="actions"><button type="submit">\(c.say("生成汇总", "Show the summary"))</button></p>
            \(error)</form>

            """
        let listed = try events.list().filter { $0.status != .draft && $0.status != .cancelled }
        let rows = listed.map { event -> HTML in
            """
            <tr><td class="num">\(event.id)</td><td><a href="/console/reports/\(event.id)">\(title(event, c))</a></td>\
            <td>\(c.text(ConsoleText.status(event.status)))</td>\
            <td><a href="/api/v1/events/\(event.id)/draw/record">\(c.say("抽签记录", "Draw record"))</a> · \
            <a href="/api/v1/events/\(event.id)/replacements">\(c.say("补位记录", "Replacement log"))</a> · \
            <a href="/events/\(event.id)/verify">\(c.say("核验", "Verify"))</a></td>\
            <td><a href="/console/reports/\(event.id)">\(c.say("查看", "Open"))</a> · \
            <a href="/console/reports/\(event.id)/download?format=csv" download>CSV</a> · \
            <a href="/console/reports/\(event.id)/download?format=html&amp;lang=\(c.language.rawValue)" download>HTML</a></td></tr>

            """
        }
        let table: HTML =
            rows.isEmpty
            ? "<p>\(c.say("还没有已准备或已抽签的活动。", "No event is prepared or drawn yet."))</p>\n"
            : """
                <div class="table-wrap"><table>
                <thead><tr><th class="num">#</th><th>\(c.say("活动", "Event"))</th><th>\(c.say("状态", "Status"))</th>\
                <th>\(c.say("公开记录", "Public records"))</th><th>\(c.say("评估报告", "Evaluation report"))</th></tr></thead>
                <tbody>\(rows)</tbody></table></div>

                """
        let body: HTML = """
            <h2>\(c.say("各活动", "Per event"))</h2>
            \(table)<h2>\(c.say("跨活动汇总", "Summary across events"))</h2>
            \(form)\(summaryHTML)
            """
        return c.page(
            status: status, title: c.say("报告与公开记录", "Reports and public records"), body: body,
            path: "/console/reports")
    }

    /// `/console/reports/{id}`: one event's evaluation report in the console layout.
    func eventReport(_ context: ConsoleRequest) throws -> HTTPResponse {
        let c = context
        let event = try self.event(context)
        let parts = try reports.event(event.id).htmlParts(language: c.language)
        let body: HTML = """
            <p class="actions"><a href="/console/reports">\(c.say("全部报告", "All reports"))</a> · \
            <a href="/console/reports/\(event.id)/download?format=csv" download>\(c.say("下载 CSV", "Download CSV"))</a> · \
            <a href="/console/reports/\(event.id)/download?format=html&amp;lang=\(c.language.rawValue)" download>\(c.say("下载 HTML", "Download HTML"))</a></p>
            <section class="report" id="event-report">
            \(parts.body)
            </section>

            """
        return c.page(title: parts.heading, body: body, path: "/console/reports/\(event.id)")
    }

    /// `/console/reports/{id}/download?format=csv|html`: the event report as a file, with the session.
    func eventReportDownload(_ context: ConsoleRequest) throws -> HTTPResponse {
        let event = try self.event(context)
        let (format, language) = try Self.downloadOptions(context.request)
        let output = try reports.event(event.id).output(format: format, language: language)
        return Self.download(output, name: "allot-report-event-\(event.id).\(format.rawValue)")
    }

    /// `/console/reports/download?format=csv|html&from=&to=`: the summary as a file, with the session.
    func summaryDownload(_ context: ConsoleRequest) throws -> HTTPResponse {
        let (format, language) = try Self.downloadOptions(context.request)
        let from = Self.dateField(context.request.query("from"))
        let to = Self.dateField(context.request.query("to"))
        let output = try reports.summary(from: from, to: to).output(format: format, language: language)
        return Self.download(output, name: "allot-report-summary.\(format.rawValue)")
    }

    /// A date field as posted: nil when left empty (no bound).
    static func dateField(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        return String(text.prefix(maxFieldLength))
    }

    /// `&from=…&to=…` for the download links of the summary shown.
    static func rangeQuery(from: String?, to: String?) -> String {
        // RFC 3986 unreserved characters stay as they are (dates read as typed).
        let unreserved = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        var query = ""
        if let from { query += "&from=" + (from.addingPercentEncoding(withAllowedCharacters: unreserved) ?? "") }
        if let to { query += "&to=" + (to.addingPercentEncoding(withAllowedCharacters: unreserved) ?? "") }
        return query
    }

    /// CSV or HTML (JSON is the API's); the HTML file's language.
    static func downloadOptions(_ request: HTTPRequest) throws(ReportError) -> (ReportFormat, WebLanguage) {
        let format = try ReportFormat.parse(request.query("format") ?? ReportFormat.csv.rawValue)
        guard format != .json else {
            throw .invalidOption(field: "format", value: format.rawValue, allowed: [ReportFormat.csv.rawValue, ReportFormat.html.rawValue])
        }
        return (format, try ReportOutput.language(request.query("lang")))
    }

    /// A report file to keep: never cached, never sniffed, the HTML one loading nothing from elsewhere.
    static func download(_ output: ReportOutput, name: String) -> HTTPResponse {
        var response = HTTPResponse(status: 200, body: output.bytes)
        response.headers.add("Content-Type", output.contentType)
        response.headers.add("Content-Disposition", "attachment; filename=\"\(name)\"")
        response.headers.add("Cache-Control", "no-store")
        response.headers.add("X-Content-Type-Options", "nosniff")
        response.headers.add("Referrer-Policy", "no-referrer")
        if output.contentType.hasPrefix("text/html") {
            response.headers.add("Content-Security-Policy", ReportRoutes.htmlPolicy)
        }
        return response
    }

    func auditPage(_ context: ConsoleRequest) throws -> HTTPResponse {
        let c = context
        let before = c.request.query("before").flatMap { Int64($0) }.map { max($0, 0) }
        let entries = try audit.newest(before: before, limit: Self.auditPageSize)
        let rows = entries.map { entry -> HTML in
            """
            <tr><td class="num">\(Int(entry.seq))</td><td>\(entry.at)</td><td class="mono">\(entry.actor)</td>\
            <td>\(entry.action)</td><td class="mono">\(entry.subject ?? "")</td><td class="mono">\(entry.details)</td></tr>

            """
        }
        var pager: [HTML] = []
        if before != nil { pager.append("<a href=\"/console/audit\">\(c.say("最新", "Newest"))</a>") }
        if entries.count == Self.auditPageSize, let last = entries.last {
            pager.append("<a href=\"/console/audit?before=\(Int(last.seq))\" rel=\"next\">\(c.say("更早", "Older"))</a>")
        }
        let body: HTML = """
            <p>\(c.say("最新的在前；每页 \(Self.auditPageSize) 条。", "Newest first; \(Self.auditPageSize) a page."))</p>
            <div class="table-wrap"><table>
            <thead><tr><th class="num">#</th><th>\(c.say("时间", "Time"))</th><th>\(c.say("操作者", "Actor"))</th>\
            <th>\(c.say("操作", "Action"))</th><th>\(c.say("对象", "Subject"))</th><th>\(c.say("详情", "Details"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            <p class="pager">\(pager)</p>

            """
        return c.page(title: c.say("审计日志", "Audit log"), body: body, path: "/console/audit")
    }
}
