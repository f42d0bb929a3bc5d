import Sortition

/// Why a selection from files (`allot select`) or the reading of a draw record could not be done.
public enum SelectFromFilesError: AllotError, Equatable {
    /// A file could not be read.
    case unreadableFile(path: String, reason: String)
    /// A file is not well-formed CSV.
    case malformedCSV(path: String, reason: String)
    /// A CSV file lacks a needed column or has an unexpected header.
    case badHeader(path: String, reason: String)
    /// A field that should be a whole number is not.
    case badNumber(path: String, line: Int, column: String, text: String)
    /// A row has fewer fields than the header.
    case shortRow(path: String, line: Int)
    /// The pool or quotas are inconsistent (unknown value, duplicate id, …).
    case invalidInput(String)
    /// No panel meets the quotas: the conflicts and the suggested relaxation.
    case infeasible(InfeasibleQuotas)
    /// The requested algorithm cannot run on this input (e.g. LEGACY found no panel).
    case algorithmFailed(String)
    /// A draw record is not valid JSON of the expected shape.
    case malformedRecord(String)
    /// The lottery asked for has fewer panels than `DrawProtocol.minimumLotterySize`.
    case lotteryTooSmall(size: Int, minimum: Int)

    public var code: String {
        switch self {
        case .unreadableFile: return "unreadable_file"
        case .malformedCSV: return "malformed_csv"
        case .badHeader: return "bad_header"
        case .badNumber: return "bad_number"
        case .shortRow: return "short_row"
        case .invalidInput: return "invalid_input"
        case .infeasible: return "infeasible_quotas"
        case .algorithmFailed: return "algorithm_failed"
        case .malformedRecord: return "malformed_record"
        case .lotteryTooSmall: return "lottery_too_small"
        }
    }

    public var message: String {
        switch self {
        case .unreadableFile(let path, let reason): return "cannot read \(path): \(reason)"
        case .malformedCSV(let path, let reason): return "\(path): \(reason)"
        case .badHeader(let path, let reason): return "\(path): \(reason)"
        case .badNumber(let path, let line, let column, let text):
            return "\(path):\(line): column \(column) needs a whole number, got '\(text)'"
        case .shortRow(let path, let line): return "\(path):\(line): the row has fewer fields than the header"
        case .invalidInput(let reason): return reason
        case .infeasible(let diagnostics):
            return "no panel meets the quotas: " + diagnostics.lines.joined(separator: "; ")
        case .algorithmFailed(let reason): return reason
        case .malformedRecord(let reason): return "the draw record is malformed: \(reason)"
        case .lotteryTooSmall(let size, let minimum):
            return "a lottery of \(size) panel\(size == 1 ? "" : "s") is too small to be fair: it needs at least \(minimum) "
                + "(with few panels the panel is nearly fixed before the beacon is known)"
        }
    }

    public var category: ErrorCategory {
        switch self {
        case .unreadableFile: return .notFound
        default: return .invalidInput
        }
    }
}

extension SelectFromFilesError {
    /// The pipeline's errors keep their code and typed diagnostics.
    init(_ error: DrawPipelineError) {
        switch error {
        case .invalidInput(let reason): self = .invalidInput(reason)
        case .infeasible(let diagnostics): self = .infeasible(diagnostics)
        case .algorithmFailed(let reason): self = .algorithmFailed(reason)
        }
    }
}
