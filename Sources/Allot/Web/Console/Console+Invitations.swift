import Foundation
import HTTPServer

/// `/console/events/{id}/invitations`: one row per seat with its state, where it came from (panel,
/// reserve replacement, top-up), the messages waiting in the outbox and failed deliveries, the
/// answers received by phone, and the top-up draw when a seat stays open (`Console+TopUp`).
extension Console {
    /// Messages looked at per state when counting an event's waiting and failed ones.
    static let outboxScanLimit = 10_000

    func invitationBoard(_ context: ConsoleRequest) throws -> HTTPResponse {
        try board(context, event: try self.event(context), status: 200, notice: nil)
    }

    func board(
        _ c: ConsoleRequest, event: Event, status: Int, notice: Labels?,
        topUpError: (field: TopUpField, text: Labels)? = nil
    ) throws -> HTTPResponse {
        let list = try invitations.list(event.id)
        let subject = "event:\(event.id)"
        var waiting: [String: Int] = [:]
        var failed: [String: Int] = [:]
        for message in try invitations.outbox.list(state: .pending, limit: Self.outboxScanLimit)
        where message.subject == subject {
            waiting[message.pid, default: 0] += 1
        }
        for message in try invitations.outbox.list(state: .failed, limit: Self.outboxScanLimit)
        where message.subject == subject {
            failed[message.pid, default: 0] += 1
        }
        var body = tabs(event, current: "/invitations", c)
        if let notice { body = body + "<p class=\"notice\" role=\"status\">\(c.text(notice))</p>\n" }
        if list.invitations.isEmpty {
            if event.status == .drawn {
                body = body + """
                    <p>\(c.say("抽签已完成，可以向入选的 \(event.seats) 人发出邀请。", "The draw is final: the \(event.seats) people drawn can be invited."))</p>
                    <form method="post" action="/console/events/\(event.id)/invite">
                    \(c.guardField)<p class="actions"><button type="submit">\(c.say("发出邀请", "Invite the panel"))</button></p>
                    </form>

                    """
            } else {
                body = body + "<p>\(c.say("完成抽签后才能发出邀请。", "Invitations are sent once the draw is final."))</p>\n"
            }
            return c.page(status: status, title: title(event, c), body: body, path: "/console/events/\(event.id)/invitations")
        }
        let counts = InvitationState.allCases.map { state -> HTML in
            "<li>\(c.text(ConsoleText.state(state))): <strong>\(list.counts[state.rawValue] ?? 0)</strong></li>"
        }
        let rows = list.invitations.enumerated().map { index, invitation -> HTML in
            let actions: HTML
            let next = invitation.state.next.intersection([.accepted, .declined, .cancelled])
            if next.isEmpty || event.status != .drawn {
                actions = "—"
            } else {
                let options = [InvitationState.accepted, .declined, .cancelled].filter(next.contains).map { state -> HTML in
                    "<option value=\"\(state.rawValue)\">\(c.text(ConsoleText.state(state)))</option>"
                }
                actions = """
                    <form method="post" action="/console/events/\(event.id)/answer">\(c.guardField)\
                    <input type="hidden" name="pid" value="\(invitation.pid)">\
                    <select name="state" aria-label="\(c.say("电话答复", "Answer by phone")) \(invitation.pid)">\
                    <option value="">\(c.text(WebText.choose))</option>\(options)</select>\
                    <button type="submit">\(c.say("记录", "Record"))</button></form>
                    """
            }
            return """
                <tr><td class="num">\(index + 1)</td><td class="mono">\(invitation.pid)</td>\
                <td>\(c.text(ConsoleText.source(invitation.source)))</td><td>\(c.text(ConsoleText.state(invitation.state)))</td>\
                <td class="mono">\(invitation.checkinCode)</td>\
                <td class="num">\(waiting[invitation.pid] ?? 0)</td><td class="num">\(failed[invitation.pid] ?? 0)</td>\
                <td>\(actions)</td></tr>

                """
        }
        let replace: HTML =
            event.status == .drawn && list.open > 0
            ? """
                <form method="post" action="/console/events/\(event.id)/replace">
                \(c.guardField)<p class="actions"><button type="submit">\(c.say("用候补补位", "Fill vacated seats from the reserves"))</button></p>
                </form>

                """ : .empty
        let topUp = try topUpSection(c, event: event, open: list.open, error: topUpError)
        body = body + """
            <p>\(c.say("名额 \(list.seats)，已占 \(list.held)，空缺 \(list.open)。", "\(list.seats) seats, \(list.held) held, \(list.open) open."))</p>
            <ul class="checks">\(counts)</ul>
            \(replace)<div class="table-wrap"><table class="board">
            <thead><tr><th class="num">\(c.say("座位", "Seat"))</th><th>\(c.say("编号", "Pid"))</th><th>\(c.say("来源", "Source"))</th>\
            <th>\(c.say("状态", "State"))</th><th>\(c.say("签到码", "Check-in code"))</th>\
            <th class="num">\(c.say("待发消息", "Messages waiting"))</th><th class="num">\(c.say("发送失败", "Failed"))</th>\
            <th>\(c.say("电话答复", "Answer by phone"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            \(topUp.html)
            """
        return c.page(
            status: status, title: title(event, c), body: body, path: "/console/events/\(event.id)/invitations",
            refreshSeconds: topUp.refresh ? Self.progressRefreshSeconds : nil)
    }

    func invite(_ context: ConsoleRequest, _ posted: FormData) throws -> HTTPResponse {
        let event = try self.event(context)
        _ = try invitations.invite(event.id, actor: principal(context).actor)
        return context.redirect("/console/events/\(event.id)/invitations")
    }

    func replace(_ context: ConsoleRequest, _ posted: FormData) throws -> HTTPResponse {
        let event = try self.event(context)
        let entries = try invitations.replace(event.id, actor: principal(context).actor)
        return try board(
            context, event: event, status: 200,
            notice: ConsoleText.t("补位 \(entries.count) 个。", "\(entries.count) seats filled from the reserves."))
    }

    func answer(_ context: ConsoleRequest, _ posted: FormData) throws -> HTTPResponse {
        let event = try self.event(context)
        let pid = posted["pid"] ?? ""
        let state = posted["state"] ?? ""
        _ = try invitations.set(event.id, pid: pid, state: state, actor: principal(context).actor)
        return context.redirect("/console/events/\(event.id)/invitations")
    }
}
