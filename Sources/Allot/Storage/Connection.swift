import CSQLite

/// One SQLite connection with Allot's settings and a cache of prepared statements.
/// Not thread-safe by itself: `Database` serializes every use behind a lock.
final class Connection {
    /// How long a statement waits for another process's lock before failing with SQLITE_BUSY.
    static let busyTimeoutMilliseconds: Int32 = 5_000
    /// Page cache per connection, in KiB (SQLite's default is 2 MiB): keeps a large pool's indexes in memory.
    static let cacheKiB = 65_536

    let handle: OpaquePointer
    private var statements: [String: Statement] = [:]

    init(path: String, create: Bool) throws(DatabaseError) {
        var connection: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &connection, flags, nil)
        guard code == SQLITE_OK, let connection else {
            let detail = connection.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close_v2(connection)
            throw DatabaseError(resultCode: code, detail: detail)
        }
        handle = connection
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, Self.busyTimeoutMilliseconds)
        // WAL lets readers go on while one writer commits; FULL syncs the WAL on every commit (durable);
        // foreign keys keep contacts and tokens tied to existing people.
        try execute("PRAGMA journal_mode = WAL")
        try execute("PRAGMA synchronous = FULL")
        try execute("PRAGMA foreign_keys = ON")
        try execute("PRAGMA cache_size = -\(Self.cacheKiB)")
    }

    deinit {
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs SQL text with no parameters (pragmas, schema changes, transaction control).
    func execute(_ sql: String) throws(DatabaseError) {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw error(sql: sql) }
    }

    /// The prepared statement for `sql`, prepared once per connection.
    func prepare(_ sql: String) throws(DatabaseError) -> Statement {
        if let cached = statements[sql] { return cached }
        let statement = try Statement(connection: handle, sql: sql)
        statements[sql] = statement
        return statement
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    /// `immediate` takes the write lock at the start, so a read-then-write cannot fail midway with BUSY.
    func transaction<T>(immediate: Bool, _ body: (Connection) throws -> T) throws -> T {
        try execute(immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED")
        do {
            let result = try body(self)
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// The integer result of a one-value query such as `PRAGMA user_version`.
    func scalar(_ sql: String, _ values: [SQLValue] = []) throws -> Int {
        try prepare(sql).firstRow(values) { $0.int(0) } ?? 0
    }

    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    private func error(sql: String) -> DatabaseError {
        DatabaseError(
            resultCode: sqlite3_extended_errcode(handle), detail: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }
}
