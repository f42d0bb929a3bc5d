/// A failure reported by SQLite, with its result code and the SQL that failed — never the bound values,
/// which may be personal data.
public struct DatabaseError: AllotError, Equatable {
    /// SQLite's extended result code (e.g. 2067 for SQLITE_CONSTRAINT_UNIQUE).
    public let resultCode: Int32
    /// SQLite's message for the failure.
    public let detail: String
    /// The statement that failed, when there was one.
    public let sql: String?

    public init(resultCode: Int32, detail: String, sql: String? = nil) {
        self.resultCode = resultCode
        self.detail = detail
        self.sql = sql
    }

    /// SQLite's primary result code (the low byte of the extended one).
    public var primaryCode: Int32 { resultCode & 0xFF }

    /// SQLITE_CONSTRAINT: a uniqueness, foreign-key or check constraint refused the change.
    var isConstraintViolation: Bool { primaryCode == 19 }

    /// SQLITE_CORRUPT (11) or SQLITE_NOTADB (26): the file is damaged or not a database.
    var isCorruption: Bool { primaryCode == 11 || primaryCode == 26 }

    public var code: String {
        switch primaryCode {
        case 5, 6: return "database_busy"
        case 14: return "database_unavailable"
        default: return "database_error"
        }
    }

    public var message: String {
        let statement = sql.map { " in: \($0.split(whereSeparator: \.isNewline).joined(separator: " "))" } ?? ""
        return "database error \(resultCode): \(detail)\(statement)"
    }

    public var category: ErrorCategory { .internal }
}

/// Opening a database that is missing, not Allot's, or from a newer Allot.
public enum StorageError: AllotError, Equatable {
    /// No database file at `path`; `allot init` creates one.
    case missingDatabase(path: String)
    /// `allot init` on a file that already exists.
    case alreadyExists(path: String)
    /// The file's schema version is newer than this program knows.
    case newerSchema(found: Int, known: Int)

    public var code: String {
        switch self {
        case .missingDatabase: return "missing_database"
        case .alreadyExists: return "database_exists"
        case .newerSchema: return "newer_schema"
        }
    }

    public var message: String {
        switch self {
        case .missingDatabase(let path): return "no database at \(path); create one with 'allot init'"
        case .alreadyExists(let path): return "a database already exists at \(path)"
        case .newerSchema(let found, let known):
            return "database schema version \(found) is newer than this program's \(known); upgrade allot"
        }
    }

    public var category: ErrorCategory {
        switch self {
        case .missingDatabase: return .notFound
        case .alreadyExists: return .conflict
        case .newerSchema: return .internal
        }
    }
}
