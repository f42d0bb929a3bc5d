import Foundation
import HTTPServer

/// `/console/events/{id}/draw`: prepare (a job with a progress bar), the three digests and the beacon
/// source to publish, finalize with the beacon text, the record to download, the public verify link.
extension Console {
    /// Seconds between refreshes of a running draw's page.
    static let progressRefreshSeconds = 1

    /// Longest beacon or beacon source the draw forms (main and top-up) accept.
    static let maxBeaconLength = 300

    /// Why a posted beacon cannot finalize a draw (missing or too long); nil when it can.
    static func beaconProblem(_ beacon: String) -> Labels? {
        if beacon.isEmpty { return ConsoleText.required }
        if beacon.count > maxBeaconLength { return WebText.tooLong(maxBeaconLength) }
        return nil
    }

    func drawPage(_ context: ConsoleRequest) throws -> HTTPResponse {
        let c = context
        let event = try self.event(context)
        var body = tabs(event, current: "/draw", c)
        var refresh: Int?
        if let jobID = c.request.query("job").flatMap({ Int($0) }), let job = jobs.job(jobID), job.eventId == event.id {
            switch job.status {
            case .running:
                refresh = Self.progressRefreshSeconds
                body = body + """
                    <h2>\(c.say("正在准备抽签…", "Preparing the draw…"))</h2>
                    <progress max="100"\(Self.progressValue(job.progress))aria-describedby="progress-line"></progress>
                    <p id="progress-line" role="status">\(job.progress)</p>
                    <p>\(c.say("本页每秒自动刷新。", "This page refreshes every second."))</p>

                    """
                return c.page(title: title(event, c), body: body, path: "/console/events/\(event.id)/draw", refreshSeconds: refresh)
            case .failed:
                body = body + """
                    <div class="problem" role="alert"><h2>\(c.say("准备失败", "The draw could not be prepared"))</h2>
                    <p>\(job.error?.message ?? "")</p>
                    <p><a href="/console/events/\(event.id)/quotas">\(c.say("调整配额", "Adjust the quotas"))</a></p></div>

                    """
            case .succeeded:
                body = body + "<p class=\"notice\" role=\"status\">\(c.say("抽签已准备。", "The draw is prepared."))</p>\n"
            }
        }
        switch event.status {
        case .draft:
            body = body + prepareForm(c, event: event, error: nil)
        case .cancelled:
            body = body + "<p>\(c.say("活动已取消。", "The event is cancelled."))</p>\n"
        case .prepared, .drawn, .closed:
            body = body + (try drawFacts(c, event: event, beaconError: nil))
        }
        return c.page(title: title(event, c), body: body, path: "/console/events/\(event.id)/draw")
    }

    /// ` value="N" ` from a progress line saying "N% of types fixed" (the LEXIMIN stage); a single
    /// space (an indeterminate bar) before that stage.
    static func progressValue(_ line: String) -> HTML {
        guard let match = line.firstMatch(of: /\b(\d{1,3})% of types fixed/), let percent = Int(match.1), percent <= 100
        else { return " " }
        return " value=\"\(percent)\" "
    }

    func prepareForm(_ c: ConsoleRequest, event: Event, error: Labels?) -> HTML {
        let problem: HTML =
            error.map { "<p class=\"error\" id=\"e-beacon_source\">\(WebText.errorPrefix.text(c.language))\($0.text(c.language))</p>" }
            ?? .empty
        return """
            <p>\(c.say("准备抽签会冻结符合条件的人员名单，计算每人公平的入选概率，并公布三个摘要。准备后活动条件和配额不能再修改。", "Preparing freezes the eligible pool, computes fair selection chances and publishes three digests. After it the event's terms and quotas are fixed."))</p>
            <form method="post" action="/console/events/\(event.id)/prepare" novalidate>
            \(c.guardField)<div class="field\(error == nil ? HTML.empty : " invalid")">
            <label for="f-beacon_source">\(c.say("公开随机数来源", "Public beacon source"))</label>
            <span class="hint" id="h-beacon_source">\(c.say("事先公布：用哪一个公开数字、哪一天（例如：2026-12-12 体彩大乐透开奖号码）", "Announce in advance which public number on which date (e.g. the lottery numbers drawn on 2026-12-12)"))</span>
            <input id="f-beacon_source" name="beacon_source" type="text" autocomplete="off" maxlength="\(Self.maxBeaconLength)" aria-describedby="h-beacon_source">
            \(problem)</div>
            <p class="actions"><button type="submit">\(c.say("准备抽签", "Prepare the draw"))</button></p>
            </form>

            """
    }

    func drawFacts(_ c: ConsoleRequest, event: Event, beaconError: Labels?) throws -> HTML {
        let draw = try events.draw(event.id)
        var html: HTML = """
            <h2>\(c.say("公布这些内容", "Publish these"))</h2>
            <dl class="facts">
            <dt>\(c.say("人员名单摘要", "Pool digest"))</dt><dd class="mono" id="pool-digest">\(draw.poolDigest)</dd>
            <dt>\(c.say("抽签表摘要", "Lottery digest"))</dt><dd class="mono" id="lottery-digest">\(draw.lotteryDigest)</dd>
            <dt>\(c.say("规则摘要", "Terms digest"))</dt><dd class="mono" id="terms-digest">\(draw.termsDigest)</dd>
            <dt>\(c.say("公开随机数来源", "Beacon source"))</dt><dd>\(draw.beaconSource.isEmpty ? "—" : draw.beaconSource)</dd>
            <dt>\(c.say("符合条件人数", "Pool size"))</dt><dd>\(draw.poolSize)</dd>
            <dt>\(c.say("入选概率", "Selection chances"))</dt><dd>\(String(format: "%.4f – %.4f", draw.minProbability, draw.maxProbability))</dd>
            </dl>

            """
        if let beacon = draw.beacon {
            html = html + """
                <h2>\(c.say("抽签结果", "Result"))</h2>
                <dl class="facts">
                <dt>\(c.say("公开随机数", "Beacon"))</dt><dd>\(beacon)</dd>
                <dt>\(c.say("种子", "Seed"))</dt><dd class="mono">\(draw.seed ?? "")</dd>
                <dt>\(c.say("入选人数", "Panel"))</dt><dd>\(draw.panel?.count ?? 0)</dd>
                <dt>\(c.say("候补人数", "Reserves"))</dt><dd>\(draw.reserveCount ?? 0)</dd>
                </dl>
                <p class="actions"><a class="button" href="/console/events/\(event.id)/record" download>\(c.say("下载抽签记录", "Download the draw record"))</a>
                <a href="/events/\(event.id)/verify">\(c.say("公开核验页面", "The public verify page"))</a></p>

                """
        } else {
            let problem: HTML =
                beaconError.map { "<p class=\"error\" id=\"e-beacon\">\(WebText.errorPrefix.text(c.language))\($0.text(c.language))</p>" }
                ?? .empty
            html = html + """
                <h2>\(c.say("完成抽签", "Finalize"))</h2>
                <form method="post" action="/console/events/\(event.id)/finalize" novalidate>
                \(c.guardField)<div class="field\(beaconError == nil ? HTML.empty : " invalid")">
                <label for="f-beacon">\(c.say("公开随机数（按公布的来源原样填写）", "The beacon (as announced, exactly)"))</label>
                <input id="f-beacon" name="beacon" type="text" autocomplete="off" maxlength="\(Self.maxBeaconLength)" required>
                \(problem)</div>
                <p class="actions"><button type="submit">\(c.say("完成抽签", "Finalize the draw"))</button></p>
                </form>

                """
        }
        return html
    }

    func prepare(_ context: ConsoleRequest, _ posted: FormData) throws -> HTTPResponse {
        let c = context
        let event = try self.event(context)
        guard event.status == .draft else {
            throw EventError.wrongState(id: event.id, status: event.status, action: "prepare")
        }
        let source = (posted["beacon_source"] ?? "").trimmingCharacters(in: .whitespaces)
        guard source.count <= Self.maxBeaconLength else {
            let body = tabs(event, current: "/draw", c) + prepareForm(c, event: event, error: WebText.tooLong(Self.maxBeaconLength))
            return c.page(status: 422, title: title(event, c), body: body, path: "/console/events/\(event.id)/draw")
        }
        let useCases = events
        let actor = principal(context).actor
        return startDrawJob(c, eventId: event.id, page: { "/console/events/\(event.id)/draw?job=\($0)" }) { progress in
            try useCases.prepare(event.id, beaconSource: source, actor: actor, progress: progress)
        }
    }

    /// Starts a prepare (main or top-up) as a job and sends the browser to `page(jobID)`, where its
    /// progress shows; 409 while another prepare of the event runs.
    func startDrawJob(
        _ c: ConsoleRequest, eventId: Int, page: (Int) -> String,
        work: @escaping @Sendable (_ progress: @escaping @Sendable (String) -> Void) throws -> StoredDraw
    ) -> HTTPResponse {
        guard let job = jobs.start(eventId: eventId, work: work) else {
            return c.message(status: 409, title: ConsoleText.notDoneTitle, text: ConsoleText.prepareRunning)
        }
        return c.redirect(page(job.id))
    }

    func finalize(_ context: ConsoleRequest, _ posted: FormData) throws -> HTTPResponse {
        let c = context
        let event = try self.event(context)
        let beacon = (posted["beacon"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if let problem = Self.beaconProblem(beacon) {
            let body = tabs(event, current: "/draw", c) + (try drawFacts(c, event: event, beaconError: problem))
            return c.page(status: 422, title: title(event, c), body: body, path: "/console/events/\(event.id)/draw")
        }
        _ = try events.finalize(event.id, beacon: beacon, actor: principal(context).actor)
        return c.redirect("/console/events/\(event.id)/draw")
    }

    /// The public draw record as a file to keep (pids and attribute values only).
    func recordDownload(_ context: ConsoleRequest) throws -> HTTPResponse {
        let event = try self.event(context)
        var response = HTTPResponse.json(Array(try events.record(event.id).jsonData()))
        response.headers.add("Content-Disposition", "attachment; filename=\"allot-draw-event-\(event.id).json\"")
        response.headers.add("Cache-Control", "no-store")
        response.headers.add("X-Content-Type-Options", "nosniff")
        return response
    }
}
