import Foundation
import HTTPServer

/// `/console/events/{id}/checkin`: the door. Made for a phone: one big field for the check-in code
/// or the pid, one big button, and an answer that cannot be misread — checked in (with the name and
/// seat), already checked in, declined or otherwise not admitted, or a code of another event.
extension Console {
    /// How a check-in attempt ended, as the door sees it.
    enum DoorAnswer {
        case checkedIn(name: String, seat: Int, pid: String)
        case again(name: String, seat: Int, pid: String, at: String)
        case notAdmitted(state: InvitationState, pid: String)
        case otherEvent(Event)
        case unknown(String)
        case empty
    }

    func checkInPage(_ context: ConsoleRequest) throws -> HTTPResponse {
        let event = try self.event(context)
        return try door(context, event: event, answer: nil, status: 200)
    }

    func door(_ c: ConsoleRequest, event: Event, answer: DoorAnswer?, status: Int) throws -> HTTPResponse {
        let list = try invitations.list(event.id)
        let attended = list.counts["attended"] ?? 0
        let expected = attended + (list.counts["accepted"] ?? 0)
        var result = HTML.empty
        switch answer {
        case .checkedIn(let name, let seat, let pid):
            result = """
                <div class="answer ok" role="status" id="answer">\(c.say("✔ 已签到", "✔ Checked in"))\
                <span class="big">\(name)</span>\(c.say("座位", "Seat")) \(seat) · \(pid)</div>
                """
        case .again(let name, let seat, let pid, let at):
            result = """
                <div class="answer again" role="alert" id="answer">\(c.say("! 已经签到过", "! Already checked in"))\
                <span class="big">\(name)</span>\(c.say("座位", "Seat")) \(seat) · \(pid) · \(Invitations.displayTime(at))</div>
                """
        case .notAdmitted(let state, let pid):
            result = """
                <div class="answer no" role="alert" id="answer">\(c.say("✘ 不能入场", "✘ Not admitted"))\
                <span class="big">\(c.text(ConsoleText.state(state)))</span>\(pid)</div>
                """
        case .otherEvent(let other):
            result = """
                <div class="answer no" role="alert" id="answer">\(c.say("✘ 这是另一场活动的签到码", "✘ This code is for another event"))\
                <span class="big">\(title(other, c))</span>\(Invitations.displayTime(other.startsAt))</div>
                """
        case .unknown(let key):
            result = """
                <div class="answer no" role="alert" id="answer">\(c.say("✘ 查无此码", "✘ Unknown code"))\
                <span class="big">\(key)</span>\(c.say("请核对后重新输入", "Check it and type it again"))</div>
                """
        case .empty:
            result = """
                <div class="answer no" role="alert" id="answer">\(c.say("请输入签到码或编号", "Type the check-in code or the pid"))</div>
                """
        case nil:
            break
        }
        let body: HTML = """
            <p>\(title(event, c)) · \(c.say("已签到", "Checked in")) <strong id="attended">\(attended)</strong> / \(expected)</p>
            \(result)
            <form method="post" action="/console/events/\(event.id)/checkin" class="checkin" novalidate>
            \(c.guardField)<label for="f-key">\(c.say("签到码或编号", "Check-in code or pid"))</label>
            <input id="f-key" name="key" type="text" autocomplete="off" autocapitalize="characters" maxlength="64" autofocus required>
            <button type="submit">\(c.say("签到", "Check in"))</button>
            </form>
            <p><a href="/console/events/\(event.id)/invitations">\(c.say("邀请名单", "Invitations"))</a></p>

            """
        return c.page(status: status, title: c.say("签到", "Check-in"), body: body, path: "/console/events/\(event.id)/checkin")
    }

    func checkIn(_ context: ConsoleRequest, _ posted: FormData) throws -> HTTPResponse {
        let event = try self.event(context)
        let key = (posted["key"] ?? "").trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty, key.count <= 64 else { return try door(context, event: event, answer: .empty, status: 422) }
        let list = try invitations.list(event.id)
        let row = list.invitations.firstIndex { $0.pid == key || $0.checkinCode.caseInsensitiveCompare(key) == .orderedSame }
        guard let row else {
            // Not this event's: say whose code it is, when it is another event's.
            for other in try events.list() where other.id != event.id {
                if try invitations.list(other.id).invitations.contains(where: {
                    $0.pid == key || $0.checkinCode.caseInsensitiveCompare(key) == .orderedSame
                }) {
                    return try door(context, event: event, answer: .otherEvent(other), status: 409)
                }
            }
            return try door(context, event: event, answer: .unknown(key), status: 404)
        }
        let invitation = list.invitations[row]
        let name = (try? registry.show(pid: invitation.pid, includeContact: true).contact?.name) ?? nil
        do {
            let result = try invitations.checkIn(event.id, invitation.checkinCode, actor: principal(context).actor)
            if result.result == "already_checked_in" {
                return try door(
                    context, event: event,
                    answer: .again(name: name ?? "", seat: row + 1, pid: invitation.pid, at: result.attendedAt), status: 200)
            }
            return try door(
                context, event: event, answer: .checkedIn(name: name ?? "", seat: row + 1, pid: invitation.pid), status: 200)
        } catch let error as InvitationError {
            guard case .illegalTransition = error else { throw error }
            return try door(context, event: event, answer: .notAdmitted(state: invitation.state, pid: invitation.pid), status: 409)
        }
    }
}
