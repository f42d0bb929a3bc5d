import Foundation
import HTTPServer

/// `/console/reports` (every staff role) and `/console/audit` (organizers): aggregates and public
/// records only, never a name, phone or e-mail; the audit log names pseudonymous subjects only.
extension Console {
    /// Audit entries per page.
    static let auditPageSize = 50

    func reports(_ context: ConsoleRequest) throws -> HTTPResponse {
        let c = context
        let drawn = try events.list().filter { $0.status == .drawn || $0.status == .closed }
        let rows = drawn.map { event -> HTML in
            """
            <tr><td class="num">\(event.id)</td><td>\(title(event, c))</td><td>\(c.text(ConsoleText.status(event.status)))</td>\
            <td><a href="/api/v1/events/\(event.id)/draw/record">\(c.say("抽签记录", "Draw record"))</a> · \
            <a href="/api/v1/events/\(event.id)/replacements">\(c.say("补位记录", "Replacement log"))</a> · \
            <a href="/events/\(event.id)/verify">\(c.say("核验", "Verify"))</a></td>\
            <td><a href="/api/v1/events/\(event.id)/report?format=html&amp;lang=\(c.language.rawValue)">HTML</a> · \
            <a href="/api/v1/events/\(event.id)/report?format=csv">CSV</a> · \
            <a href="/api/v1/events/\(event.id)/report?format=json">JSON</a></td></tr>

            """
        }
        let table: HTML =
            rows.isEmpty
            ? "<p>\(c.say("还没有完成抽签的活动。", "No event has a final draw yet."))</p>\n"
            : """
                <div class="table-wrap"><table>
                <thead><tr><th class="num">#</th><th>\(c.say("活动", "Event"))</th><th>\(c.say("状态", "Status"))</th>\
                <th>\(c.say("公开记录", "Public records"))</th><th>\(c.say("评估报告", "Evaluation report"))</th></tr></thead>
                <tbody>\(rows)</tbody></table></div>

                """
        let body: HTML = """
            <section class="placeholder" id="report-embed">
            <h2>\(c.say("评估报告", "Evaluation report"))</h2>
            <p>\(c.say("代表性、公平性、参与度和满意度报告（第 11 号议题）将嵌入此处。在此之前请用下表中的报告链接（需要 API 令牌）或汇总报告：", "The representativeness, fairness, participation and satisfaction report (issue 11) is embedded here once it ships. Until then use the report links below (they take an API token) or the summary:"))</p>
            <p><a href="/api/v1/reports/summary?format=html&amp;lang=\(c.language.rawValue)">\(c.say("汇总报告", "Summary report"))</a> · \
            <a href="/api/v1/reports/summary?format=csv">CSV</a></p>
            </section>
            <h2>\(c.say("已抽签的活动", "Events with a final draw"))</h2>
            \(table)
            """
        return c.page(title: c.say("报告与公开记录", "Reports and public records"), body: body, path: "/console/reports")
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
