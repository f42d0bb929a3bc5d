import CSQLite
import Foundation

/// Allot's SQLite file, safe to use from many threads.
///
/// Writes go through one connection, one transaction at a time; reads use a second connection, so in WAL
/// mode they see the last committed state without waiting for a writer. Opening applies pending migrations.
public final class Database: @unchecked Sendable {
    // Safe to share: each connection is only touched while holding its own lock, and the other
    // stored properties are immutable.
    /// The file this database lives in.
    public let path: String
    private let writer: Connection
    private let writerLock = NSLock()
    private let reader: Connection
    private let readerLock = NSLock()

    private init(path: String, create: Bool) throws {
        self.path = path
        writer = try Connection(path: path, create: create)
        try Migrations.apply(to: writer)
        reader = try Connection(path: path, create: false)
    }

    /// Creates a new database file at `path` with the current schema; fails if the file exists.
    public static func create(path: String) throws -> Database {
        guard !FileManager.default.fileExists(atPath: path) else { throw StorageError.alreadyExists(path: path) }
        return try Database(path: path, create: true)
    }

    /// Opens the existing database at `path`, migrating it to the current schema if it is older.
    public static func open(path: String) throws -> Database {
        guard FileManager.default.fileExists(atPath: path) else { throw StorageError.missingDatabase(path: path) }
        return try Database(path: path, create: false)
    }

    /// The schema version stored in the file (`PRAGMA user_version`).
    public var schemaVersion: Int {
        get throws { try read { try $0.scalar("PRAGMA user_version") } }
    }

    /// Runs `body` as one write transaction on the writer connection.
    func write<T>(_ body: (Connection) throws -> T) throws -> T {
        writerLock.lock()
        defer { writerLock.unlock() }
        return try writer.transaction(immediate: true, body)
    }

    /// Runs `body` as one read transaction (a consistent snapshot) on the reader connection.
    func read<T>(_ body: (Connection) throws -> T) throws -> T {
        readerLock.lock()
        defer { readerLock.unlock() }
        return try reader.transaction(immediate: false, body)
    }

    /// Copies the whole database to a new file at `destination` with SQLite's online backup API,
    /// as one consistent snapshot while writers go on.
    public func backup(to destination: String) throws {
        guard !FileManager.default.fileExists(atPath: destination) else {
            throw StorageError.alreadyExists(path: destination)
        }
        let target = try Connection(path: destination, create: true)
        readerLock.lock()
        defer { readerLock.unlock() }
        guard let backup = sqlite3_backup_init(target.handle, "main", reader.handle, "main") else {
            throw DatabaseError(
                resultCode: sqlite3_extended_errcode(target.handle),
                detail: String(cString: sqlite3_errmsg(target.handle)))
        }
        // -1 copies every page in one step, so the copy is one snapshot of the source.
        let stepCode = sqlite3_backup_step(backup, -1)
        let finishCode = sqlite3_backup_finish(backup)
        guard stepCode == SQLITE_DONE, finishCode == SQLITE_OK else {
            throw DatabaseError(
                resultCode: stepCode == SQLITE_DONE ? finishCode : stepCode,
                detail: String(cString: sqlite3_errstr(stepCode == SQLITE_DONE ? finishCode : stepCode)))
        }
    }

    /// SQLite's own consistency check (`PRAGMA integrity_check`): empty when the file is sound,
    /// else what it found (corrupt pages, broken indexes, constraint violations).
    public func integrityProblems() throws -> [String] {
        try read { connection in
            let found = try connection.prepare("PRAGMA integrity_check").rows { $0.text(0) }
            return found == ["ok"] ? [] : found
        }
    }

    /// Size of the database file in bytes (pages × page size; the WAL is not counted).
    public func fileSize() throws -> Int {
        try read { connection in
            try connection.scalar("PRAGMA page_count") * connection.scalar("PRAGMA page_size")
        }
    }
}
