import Foundation
import Sortition

/// API tokens: created with a role, shown once, stored only as their SHA-256 digest.
public struct TokenStore: Sendable {
    /// Random bytes per token: 256 bits, beyond guessing.
    static let tokenByteCount = 32

    public let database: Database
    private let clock: @Sendable () -> Date

    public init(database: Database, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.clock = clock
    }

    /// Creates a staff token (admin, organizer or evaluator) and returns its text; it is not stored
    /// and cannot be shown again. Citizen tokens come from enrollment.
    public func create(role: Role, label: String?, actor: Actor) throws -> String {
        guard role != .citizen else {
            throw AuthError.invalidRole(role.rawValue)
        }
        return try database.write { connection in
            let (token, id) = try Self.insert(role: role, label: label, personID: nil, at: clock(), in: connection)
            var audit = try AuditWriter(connection: connection)
            try audit.append(
                at: clock(), actor: actor, action: "token.create", subject: nil,
                details: ["role": role.rawValue, "token": String(id)])
            return token
        }
    }

    /// The principal a token acts as, or nil when the token is unknown (or its person has withdrawn).
    public func authenticate(_ token: String) throws -> Principal? {
        let digest = SHA256.hexDigest(token)
        return try database.read { connection in
            try connection.prepare(
                """
                SELECT token.id, token.role, person.pid, token.label FROM token
                LEFT JOIN person ON person.id = token.person_id WHERE token.hash = ?
                """
            ).firstRow([.text(digest)]) { row -> Principal? in
                guard let role = Role(rawValue: row.text(1)) else { return nil }
                return Principal(
                    tokenID: row.int64(0), role: role, pid: row.optionalText(2), label: row.optionalText(3))
            } ?? nil
        }
    }

    /// Staff tokens (admin, organizer, evaluator) in creation order — never their text or digest.
    /// Citizen tokens are personal and not listed.
    public func list() throws -> [TokenInfo] {
        try database.read { connection in
            try connection.prepare(
                "SELECT id, role, label, created_at FROM token WHERE person_id IS NULL ORDER BY id"
            ).rows { row in
                TokenInfo(id: row.int64(0), role: row.text(1), label: row.optionalText(2), createdAt: row.text(3))
            }
        }
    }

    /// Deletes a staff token, audited; false when there is no staff token with that id.
    public func revoke(id: Int64, actor: Actor) throws -> Bool {
        try database.write { connection in
            let exists = try connection.scalar(
                "SELECT count(*) FROM token WHERE id = ? AND person_id IS NULL", [.integer(id)])
            guard exists > 0 else { return false }
            try connection.prepare("DELETE FROM token WHERE id = ?").run([.integer(id)])
            var audit = try AuditWriter(connection: connection)
            try audit.append(
                at: clock(), actor: actor, action: "token.revoke", subject: nil, details: ["token": String(id)])
            return true
        }
    }

    /// Inserts a token inside the caller's transaction and returns its text and row id.
    static func insert(role: Role, label: String?, personID: Int64?, at time: Date, in connection: Connection) throws
        -> (String, Int64)
    {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<tokenByteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let token = Hex.encode(bytes)
        try connection.prepare("INSERT INTO token (hash, role, label, person_id, created_at) VALUES (?, ?, ?, ?, ?)")
            .run([
                .text(SHA256.hexDigest(token)), .text(role.rawValue), SQLValue(label),
                personID.map(SQLValue.integer) ?? .null, .text(Timestamp.string(time)),
            ])
        return (token, connection.lastInsertRowID)
    }
}

/// A staff token as admins see it: its id, role, label and creation time.
public struct TokenInfo: Codable, Sendable, Equatable {
    public let id: Int64
    public let role: String
    public let label: String?
    public let createdAt: String
}

/// Token problems a caller can act on.
public enum AuthError: AllotError, Equatable {
    case invalidRole(String)

    public var code: String { "invalid_role" }
    public var message: String {
        switch self {
        case .invalidRole(let role): return "role '\(role)' cannot be created here; use admin, organizer or evaluator"
        }
    }
    public var category: ErrorCategory { .invalidInput }
}
