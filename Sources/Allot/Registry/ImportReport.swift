/// How an import went: rows read, people added, duplicates skipped (when asked to skip them) and every
/// rejected row with its line number and reason.
public struct ImportReport: Codable, Sendable, Equatable {
    public struct RowProblem: Codable, Sendable, Equatable {
        public let line: Int
        public let reason: String
    }

    public var rows: Int = 0
    public var added: Int = 0
    public var duplicatesSkipped: Int = 0
    public var rejected: [RowProblem] = []
}

/// An import that changed nothing, and why.
public enum ImportError: AllotError, Equatable {
    /// The header row is missing columns, repeats one, or names one the schema does not know.
    case badHeader(reason: String)
    /// At least one row is bad: nothing was imported. The report lists every bad row.
    case rejected(ImportReport)

    public var code: String {
        switch self {
        case .badHeader: return "invalid_header"
        case .rejected: return "import_rejected"
        }
    }

    public var message: String {
        switch self {
        case .badHeader(let reason): return "header row: \(reason); nothing imported"
        case .rejected(let report):
            return "\(report.rejected.count) of \(report.rows) rows rejected; nothing imported"
        }
    }

    public var category: ErrorCategory { .invalidInput }
}
