import Foundation

/// Listing and revoking staff tokens for `GET/DELETE /api/v1/tokens`.
///
/// A thin adapter: `TokenStore` (foundation) creates and authenticates tokens but has no list or
/// revoke use case yet. When it gains them, these two functions should call them instead.
struct TokenAdministration: Sendable {
    let database: Database

    /// A staff token as admins see it: never its text or digest.
    struct Entry: Codable, Sendable, Equatable {
        var id: Int64
        var role: String
        var label: String?
        var createdAt: String
    }

    /// Staff tokens (admin, organizer, evaluator) in creation order; citizen tokens are personal.
    func list() throws -> [Entry] {
        try database.read { connection in
            try connection.prepare(
                "SELECT id, role, label, created_at FROM token WHERE person_id IS NULL ORDER BY id"
            ).rows { row in
                Entry(id: row.int64(0), role: row.text(1), label: row.optionalText(2), createdAt: row.text(3))
            }
        }
    }

    /// Deletes a staff token, audited; false when there is no staff token with that id.
    func revoke(id: Int64, actor: Actor, at time: Date = Date()) throws -> Bool {
        try database.write { connection in
            let exists = try connection.scalar(
                "SELECT count(*) FROM token WHERE id = ? AND person_id IS NULL", [.integer(id)])
            guard exists > 0 else { return false }
            try connection.prepare("DELETE FROM token WHERE id = ?").run([.integer(id)])
            var audit = try AuditWriter(connection: connection)
            try audit.append(at: time, actor: actor, action: "token.revoke", subject: nil, details: ["token": String(id)])
            return true
        }
    }
}
