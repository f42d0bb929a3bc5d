import Foundation
import Sortition

/// SQL for invitations. Tokens are stored as their SHA-256 digest, like API tokens.
enum InvitationStore {
    /// A row with the ids the use cases need.
    struct Row {
        var id: Int64
        var eventId: Int
        var personID: Int64
        var invitation: Invitation
    }

    static let columns = """
        i.id, i.event_id, i.person_id, p.pid, i.state, i.source, i.checkin_code, i.deadline, i.created_at,
        i.responded_at, i.attended_at
        """

    static func row(_ r: Statement) -> Row {
        Row(
            id: r.int64(0), eventId: r.int(1), personID: r.int64(2),
            invitation: Invitation(
                eventId: r.int(1), pid: r.text(3), state: InvitationState(rawValue: r.text(4)) ?? .invited,
                source: InvitationSource(rawValue: r.int(5)) ?? .panel, checkinCode: r.text(6),
                deadline: r.optionalText(7), invitedAt: r.text(8), respondedAt: r.optionalText(9),
                attendedAt: r.optionalText(10)))
    }

    static func insert(
        eventId: Int, personID: Int64, source: InvitationSource, tokenHash: String, code: String, deadline: String?,
        at time: String, in connection: Connection
    ) throws {
        try connection.prepare(
            """
            INSERT INTO invitation (event_id, person_id, state, token_hash, checkin_code, deadline, source,
                created_at, updated_at)
            VALUES (?, ?, 'invited', ?, ?, ?, ?, ?, ?)
            """
        ).run([
            SQLValue(eventId), .integer(personID), .text(tokenHash), .text(code), SQLValue(deadline),
            SQLValue(source.rawValue), .text(time), .text(time),
        ])
    }

    static func byToken(_ token: String, in connection: Connection) throws -> Row? {
        try connection.prepare(
            "SELECT \(columns) FROM invitation i JOIN person p ON p.id = i.person_id WHERE i.token_hash = ?"
        ).firstRow([.text(SHA256.hexDigest(token))], row)
    }

    static func byPID(_ pid: String, eventId: Int, in connection: Connection) throws -> Row? {
        try connection.prepare(
            "SELECT \(columns) FROM invitation i JOIN person p ON p.id = i.person_id WHERE i.event_id = ? AND p.pid = ?"
        ).firstRow([SQLValue(eventId), .text(pid)], row)
    }

    static func byCode(_ code: String, eventId: Int, in connection: Connection) throws -> Row? {
        try connection.prepare(
            """
            SELECT \(columns) FROM invitation i JOIN person p ON p.id = i.person_id
            WHERE i.event_id = ? AND i.checkin_code = ?
            """
        ).firstRow([SQLValue(eventId), .text(code.uppercased())], row)
    }

    static func all(eventId: Int, in connection: Connection) throws -> [Row] {
        try connection.prepare(
            "SELECT \(columns) FROM invitation i JOIN person p ON p.id = i.person_id WHERE i.event_id = ? ORDER BY i.id"
        ).rows([SQLValue(eventId)], row)
    }

    static func setState(_ id: Int64, _ state: InvitationState, at time: String, in connection: Connection) throws {
        let column =
            switch state {
            case .attended: "attended_at"
            case .accepted, .declined: "responded_at"
            default: "updated_at"
            }
        try connection.prepare("UPDATE invitation SET state = ?, \(column) = ?, updated_at = ? WHERE id = ?").run([
            .text(state.rawValue), .text(time), .text(time), .integer(id),
        ])
    }
}
