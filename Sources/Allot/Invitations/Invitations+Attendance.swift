import Foundation
import Sortition

extension Invitations {
    /// Checks in an accepted invitation by pid or check-in code. A second check-in answers
    /// `already_checked_in` (not an error); any other state is refused naming it.
    public func checkIn(_ eventId: Int, _ pidOrCode: String, actor: Actor) throws -> CheckIn {
        let key = pidOrCode.trimmingCharacters(in: .whitespaces)
        return try database.write { connection in
            guard let event = try EventStore.find(eventId, in: connection) else { throw EventError.notFound(id: eventId) }
            guard event.status == .drawn else {
                throw InvitationError.eventState(id: eventId, status: event.status, action: "check in")
            }
            guard
                let row = try InvitationStore.byPID(key, eventId: eventId, in: connection)
                    ?? InvitationStore.byCode(key, eventId: eventId, in: connection)
            else { throw InvitationError.notInvited(eventId: eventId, who: key) }
            if row.invitation.state == .attended {
                return CheckIn(
                    pid: row.invitation.pid, result: "already_checked_in", attendedAt: row.invitation.attendedAt ?? "")
            }
            _ = try transition(row, to: .attended, event: event, actor: actor, in: connection)
            let at = try InvitationStore.byPID(row.invitation.pid, eventId: eventId, in: connection)?.invitation.attendedAt
            return CheckIn(pid: row.invitation.pid, result: "checked_in", attendedAt: at ?? "")
        }
    }

    /// Closes a drawn event: accepted but not checked in → `no_show`, open invitations → `expired`
    /// (their seats can no longer be used), attendees get a feedback request; the event is `closed`.
    public func close(_ eventId: Int, actor: Actor) throws -> Event {
        try database.write { connection in
            var event = try drawnEvent(eventId, action: "close", in: connection)
            let now = clock()
            let time = Timestamp.string(now)
            var counts: [String: Int] = [:]
            for row in try InvitationStore.all(eventId: eventId, in: connection) {
                switch row.invitation.state {
                case .accepted:
                    try InvitationStore.setState(row.id, .noShow, at: time, in: connection)
                    counts["no_show", default: 0] += 1
                case .invited:
                    try InvitationStore.setState(row.id, .expired, at: time, in: connection)
                    counts["expired", default: 0] += 1
                case .attended:
                    _ = try outbox.enqueue(
                        MessageDraft(
                            kind: .feedbackRequest, pid: row.invitation.pid, parameters: ["title": event.title],
                            linkPath: "/i/\(try feedbackToken(row, in: connection))", subject: "event:\(eventId)"),
                        in: connection)
                    counts["feedback_requests", default: 0] += 1
                default:
                    break
                }
            }
            try EventStore.setStatus(eventId, .closed, at: time, in: connection)
            event.status = .closed
            event.updatedAt = time
            var audit = try AuditWriter(connection: connection)
            try audit.append(
                at: now, actor: actor, action: "event.close", subject: "event:\(eventId)",
                details: counts.mapValues(String.init))
            return event
        }
    }

    /// A fresh personal link for an attendee's feedback: the invitation token is stored only hashed, so
    /// the request carries a new one (the old link stops working, which is what a reissue means).
    func feedbackToken(_ row: InvitationStore.Row, in connection: Connection) throws -> String {
        let token = InvitationCodes.token()
        try connection.prepare("UPDATE invitation SET token_hash = ? WHERE id = ?").run([
            .text(SHA256.hexDigest(token)), .integer(row.id),
        ])
        return token
    }
}
