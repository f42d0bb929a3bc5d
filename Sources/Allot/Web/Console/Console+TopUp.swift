import Foundation
import HTTPServer

/// The top-up draw on the invitations board: when the replacement log shows a seat left open (no
/// reserve kept the quotas), the board names the quotas that are short and offers a top-up draw —
/// prepare (a job, as the main draw) with its digests and beacon source to publish, then finalize with
/// the beacon, which invites the top-up panel; each finished round links to its public record.
extension Console {
    /// Where a top-up form's error belongs: the beacon source of prepare, or the beacon of finalize.
    enum TopUpField: String {
        case source = "topup_source"
        case beacon = "topup_beacon"
    }

    /// The event's top-up rounds (1…) as stored, read through the use case until a round is missing.
    func topUpRounds(_ eventId: Int) throws -> [StoredDraw] {
        var rounds: [StoredDraw] = []
        while true {
            do {
                rounds.append(try events.draw(eventId, round: rounds.count + 1))
            } catch EventError.notPrepared {
                return rounds
            }
        }
    }

    /// The board's top-up section (empty when nothing is short and no top-up exists), and whether the
    /// page must refresh (a top-up being prepared).
    func topUpSection(
        _ c: ConsoleRequest, event: Event, open: Int, error: (field: TopUpField, text: Labels)?
    ) throws -> (html: HTML, refresh: Bool) {
        guard event.status == .drawn || event.status == .closed else { return (.empty, false) }
        let rounds = try topUpRounds(event.id)
        let log = try invitations.replacementLog(event.id)
        let short = log.entries.last { $0.replacement == nil && $0.unmet != nil }
        var job: DrawJobs.Job?
        if let id = c.request.query("topup_job").flatMap({ Int($0) }), let found = jobs.job(id), found.eventId == event.id {
            job = found
        }
        let pending = rounds.first { !$0.isFinalized }
        guard job != nil || !rounds.isEmpty || (open > 0 && short != nil) else { return (.empty, false) }

        var html: HTML = "<section id=\"topup\" aria-labelledby=\"topup-heading\">\n<h2 id=\"topup-heading\">\(c.say("补充抽签", "Top-up draw"))</h2>\n"
        if let job {
            switch job.status {
            case .running:
                return (
                    html + """
                        <p>\(c.say("正在准备补充抽签…", "Preparing the top-up draw…"))</p>
                        <progress max="100"\(Self.progressValue(job.progress))aria-describedby="topup-progress"></progress>
                        <p id="topup-progress" role="status">\(job.progress)</p>
                        </section>

                        """, true
                )
            case .failed:
                html = html + """
                    <div class="problem" role="alert"><h2>\(c.say("补充抽签准备失败", "The top-up draw could not be prepared"))</h2>
                    <p>\(job.error?.message ?? "")</p></div>

                    """
            case .succeeded:
                html = html + "<p class=\"notice\" role=\"status\">\(c.say("补充抽签已准备。", "The top-up draw is prepared."))</p>\n"
            }
        }
        if open > 0, let short, let unmet = short.unmet {
            let lines = unmet.map { line -> HTML in "<li class=\"mono\">\(line)</li>" }
            html = html + """
                <div class="problem" id="topup-short"><p>\(c.say("\(open) 个座位空缺，没有候补能在保持配额的情况下补位。未满足的配额：", "\(open) seat(s) open: no reserve could fill them and keep the quotas. Quotas short:"))</p>
                \(lines.isEmpty ? HTML.empty : "<ul>\(lines)</ul>")</div>

                """
        }
        let problem = { (field: TopUpField) -> HTML in
            guard let error, error.field == field else { return .empty }
            return "<p class=\"error\" id=\"e-\(field.rawValue)\">\(WebText.errorPrefix.text(c.language))\(error.text.text(c.language))</p>"
        }
        let invalid = { (field: TopUpField) -> HTML in error?.field == field ? " invalid" : .empty }
        if let pending {
            html = html + """
                <h3>\(c.say("第 \(pending.round) 轮：公布这些内容", "Round \(pending.round): publish these"))</h3>
                <dl class="facts">
                <dt>\(c.say("人员名单摘要", "Pool digest"))</dt><dd class="mono" id="topup-pool-digest">\(pending.poolDigest)</dd>
                <dt>\(c.say("抽签表摘要", "Lottery digest"))</dt><dd class="mono" id="topup-lottery-digest">\(pending.lotteryDigest)</dd>
                <dt>\(c.say("规则摘要", "Terms digest"))</dt><dd class="mono" id="topup-terms-digest">\(pending.termsDigest)</dd>
                <dt>\(c.say("公开随机数来源", "Beacon source"))</dt><dd id="topup-beacon-source">\(pending.beaconSource.isEmpty ? "—" : pending.beaconSource)</dd>
                <dt>\(c.say("符合条件人数", "Pool size"))</dt><dd>\(pending.poolSize)</dd>
                </dl>
                <form method="post" action="/console/events/\(event.id)/topup/finalize" novalidate>
                \(c.guardField)<div class="field\(invalid(.beacon))">
                <label for="f-topup_beacon">\(c.say("公开随机数（按公布的来源原样填写）", "The beacon (as announced, exactly)"))</label>
                <input id="f-topup_beacon" name="beacon" type="text" autocomplete="off" maxlength="\(Self.maxBeaconLength)" required>
                \(problem(.beacon))</div>
                <p class="actions"><button type="submit">\(c.say("完成补充抽签并发出邀请", "Finalize the top-up and invite"))</button></p>
                </form>

                """
        } else if open > 0, short != nil, event.status == .drawn, job?.status != .running {
            html = html + """
                <p>\(c.say("补充抽签只从从未被本活动邀请、仍符合条件的人中为空缺座位抽签，配额扣除已占座位。", "A top-up draw fills the open seats only, from the still-eligible people never invited to this event, with the quotas less the seats held."))</p>
                <form method="post" action="/console/events/\(event.id)/topup/prepare" novalidate>
                \(c.guardField)<div class="field\(invalid(.source))">
                <label for="f-topup_source">\(c.say("公开随机数来源", "Public beacon source"))</label>
                <input id="f-topup_source" name="beacon_source" type="text" autocomplete="off" maxlength="\(Self.maxBeaconLength)">
                \(problem(.source))</div>
                <p class="actions"><button type="submit">\(c.say("准备补充抽签", "Prepare a top-up draw"))</button></p>
                </form>

                """
        }
        let finished = rounds.filter(\.isFinalized).map { round -> HTML in
            """
            <li>\(c.say("第 \(round.round) 轮：入选 \(round.panel?.count ?? 0) 人", "Round \(round.round): \(round.panel?.count ?? 0) drawn")) · \
            <a href="/api/v1/events/\(event.id)/draw/record?round=\(round.round)">\(c.say("公开抽签记录", "Public draw record"))</a></li>
            """
        }
        if !finished.isEmpty { html = html + "<ul id=\"topup-rounds\">\(finished)</ul>\n" }
        return (html + "</section>\n", false)
    }

    func prepareTopUp(_ context: ConsoleRequest, _ posted: FormData) throws -> HTTPResponse {
        let c = context
        let event = try self.event(context)
        let source = (posted["beacon_source"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard source.count <= Self.maxBeaconLength else {
            return try board(
                c, event: event, status: 422, notice: nil, topUpError: (.source, WebText.tooLong(Self.maxBeaconLength)))
        }
        guard event.status == .drawn else {
            throw EventError.wrongState(id: event.id, status: event.status, action: "prepare a top-up draw for")
        }
        let useCases = invitations
        let actor = principal(context).actor
        return startDrawJob(c, eventId: event.id, page: { "/console/events/\(event.id)/invitations?topup_job=\($0)#topup" }) {
            progress in
            try useCases.prepareTopUp(event.id, beaconSource: source, actor: actor, progress: progress)
        }
    }

    func finalizeTopUp(_ context: ConsoleRequest, _ posted: FormData) throws -> HTTPResponse {
        let c = context
        let event = try self.event(context)
        let beacon = (posted["beacon"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if let problem = Self.beaconProblem(beacon) {
            return try board(c, event: event, status: 422, notice: nil, topUpError: (.beacon, problem))
        }
        _ = try invitations.finalizeTopUp(event.id, beacon: beacon, actor: principal(context).actor)
        return c.redirect("/console/events/\(event.id)/invitations#topup")
    }
}
