import Foundation

extension Outbox {
    /// What `exportCSV` wrote.
    public struct ExportReport: Codable, Sendable, Equatable {
        public var file: String
        /// Messages written to the file and marked sent.
        public var exported: Int
        /// Pending messages of withdrawn recipients, cancelled instead of exported.
        public var cancelled: Int
    }

    /// The CSV columns of an export, for a bulk SMS platform: where to send, what, and the idempotency key
    /// the platform can dedupe on.
    static let exportHeader = ["phone", "text", "key", "kind", "pid", "language", "created_at"]

    /// Writes every pending message to a new CSV file at `path` and marks them sent, in one transaction:
    /// when the file cannot be written completely (or the commit fails) nothing is marked and the partial
    /// file is removed. Refuses to replace an existing regular file (it may be an earlier export not yet
    /// uploaded, whose messages are already marked sent); devices such as `/dev/stdout` are fine.
    /// Pending messages of withdrawn recipients are cancelled, not exported. Audited (the file holds phones).
    public func exportCSV(path: String, actor: Actor) throws -> ExportReport {
        if Self.isRegularFile(path) { throw MessageError.exportFileExists(path: path) }
        let time = clock()
        var created = false
        do {
            return try database.write { connection in
                let cancelled = try connection.scalar(
                    """
                    SELECT count(*) FROM outbox WHERE state = 'pending'
                    AND person_id NOT IN (SELECT person_id FROM contact)
                    """)
                try connection.prepare(
                    """
                    UPDATE outbox SET state = 'cancelled', last_error = ?, next_attempt_at = NULL
                    WHERE state = 'pending' AND person_id NOT IN (SELECT person_id FROM contact)
                    """
                ).run([.text(OutboxStore.withdrawnReason)])
                let writer: CSVWriter
                do {
                    writer = try CSVWriter(path: path)
                } catch {
                    throw MessageError.exportFailed(path: path)
                }
                created = true
                var ids: [Int64] = []
                do {
                    try writer.write(Self.exportHeader)
                    try connection.prepare(
                        """
                        SELECT outbox.id, contact.phone, outbox.body, outbox.key, outbox.kind, person.pid,
                               outbox.language, outbox.created_at
                        FROM outbox JOIN person ON person.id = outbox.person_id
                        JOIN contact ON contact.person_id = outbox.person_id
                        WHERE outbox.state = 'pending' ORDER BY outbox.id
                        """
                    ).forEachRow { row in
                        ids.append(row.int64(0))
                        try writer.write((1...7).map { row.text(Int32($0)) })
                    }
                    try writer.close()
                    guard Self.sync(path) else { throw MessageError.exportFailed(path: path) }
                } catch let error as DatabaseError {
                    throw error
                } catch {
                    throw MessageError.exportFailed(path: path)
                }
                let markSent = try connection.prepare(
                    """
                    UPDATE outbox SET state = 'sent', channel = 'file', sent_at = ?, attempts = attempts + 1,
                                      last_error = NULL, next_attempt_at = NULL
                    WHERE id = ?
                    """)
                let sentAt = Timestamp.string(time)
                for id in ids { try markSent.run([.text(sentAt), .integer(id)]) }
                var audit = try AuditWriter(connection: connection)
                try audit.append(
                    at: time, actor: actor, action: "outbox.export", subject: nil,
                    details: ["messages": String(ids.count), "cancelled": String(cancelled)])
                return ExportReport(file: path, exported: ids.count, cancelled: cancelled)
            }
        } catch {
            if created && Self.isRegularFile(path) { try? FileManager.default.removeItem(atPath: path) }
            throw error
        }
    }

    private static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// Forces a regular file's data to disk before its messages are marked sent; devices need no sync.
    private static func sync(_ path: String) -> Bool {
        guard isRegularFile(path) else { return true }
        let fd = open(path, O_WRONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return fsync(fd) == 0
    }
}
