import Foundation

/// Reads and checks CSV rows on a second thread while the caller inserts the previous ones, so parsing
/// and validation overlap with SQLite's work (the two halves of an import take similar time).
final class ImportPipeline: @unchecked Sendable {
    // Safe to share: `buffer`, `finished` and `cancelled` are only touched while holding `condition`;
    // the reader is used by the producer thread alone once `start` has run.

    /// A checked row: ready to store, or rejected with its reason.
    enum Row: Sendable {
        case valid(line: Int, ValidEnrollment)
        case rejected(line: Int, reason: String)
    }

    /// Rows handed over at once; large enough that locking costs nothing, small enough to keep memory flat.
    static let batchSize = 4_096
    /// Batches that may wait unconsumed; bounds memory if the producer runs ahead.
    static let queueLimit = 8

    private let condition = NSCondition()
    private var buffer: [[Row]] = []
    private var failure: CSVError?
    private var finished = false
    private var cancelled = false
    private let reader: CSVReader
    private let checker: ImportRowChecker

    init(reader: CSVReader, checker: ImportRowChecker) {
        self.reader = reader
        self.checker = checker
    }

    /// Starts the producer thread.
    func start() {
        Thread.detachNewThread { [self] in produce() }
    }

    /// The next batch, or nil when every row has been handed over. Throws the CSV error that stopped reading.
    func next() throws -> [Row]? {
        condition.lock()
        defer { condition.unlock() }
        while buffer.isEmpty && !finished { condition.wait() }
        if !buffer.isEmpty {
            condition.broadcast()
            return buffer.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    /// Stops the producer (when the consumer gives up early) and waits until it has let go of the file.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }

    private func produce() {
        var batch: [Row] = []
        batch.reserveCapacity(Self.batchSize)
        var error: CSVError?
        do {
            while let record = try reader.next() {
                batch.append(checker.check(record))
                if batch.count == Self.batchSize {
                    guard hand(batch) else { break }
                    batch.removeAll(keepingCapacity: true)
                }
            }
        } catch let caught {
            error = caught
        }
        condition.lock()
        if !batch.isEmpty && !cancelled { buffer.append(batch) }
        failure = error
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Queues a batch, waiting while the queue is full; false once cancelled.
    private func hand(_ batch: [Row]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while buffer.count >= Self.queueLimit && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        buffer.append(batch)
        condition.broadcast()
        return true
    }
}

/// Turns one CSV record into a checked row.
struct ImportRowChecker: Sendable {
    let columns: ImportColumns
    let validator: EnrollmentValidator

    func check(_ record: CSVReader.Record) -> ImportPipeline.Row {
        guard record.fields.count == columns.count else {
            return .rejected(
                line: record.line, reason: "has \(record.fields.count) fields where the header has \(columns.count)")
        }
        // A birth year that is not a number is reported alongside the row's other problems, which are
        // checked with a stand-in year.
        let year = columns.birthYear(in: record.fields)
        let standInYear = validator.currentYear - validator.schema.age.minimum
        var fields = columns.fields(from: record.fields, birthYear: year ?? standInYear)
        var problems: [RegistryError] = []
        if year == nil {
            problems.append(
                .invalidField(name: "birth_year", reason: "'\(record.fields[columns.birthYearIndex])' is not a year"))
        }
        // Problems of the import's own columns come after the validator's (consent last, as before).
        var own: [RegistryError] = []
        if let refused = columns.consentProblem(in: record.fields) {
            own.append(refused)
            fields.consent = true  // reported here; not again as "consent is required"
        }
        let pid = columns.pid(in: record.fields)
        if let pid, !PersonID.isValid(pid) {
            own.append(.invalidField(name: "pid", reason: "'\(pid)' is not an Allot pid (\(PersonID.format))"))
        }
        let found: [RegistryError]
        switch validator.validate(fields, problems: problems) {
        case .valid(var valid) where own.isEmpty:
            valid.pid = pid
            return .valid(line: record.line, valid)
        case .valid:
            found = own
        case .invalid(let invalid):
            found = invalid + own
        }
        // The file's column is `birth_year`, the API's field `birthYear`: name the column here.
        return .rejected(
            line: record.line,
            reason: found.map { $0.renamingField("birthYear", to: "birth_year").message }.joined(separator: "; "))
    }
}
