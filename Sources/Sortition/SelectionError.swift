/// Why a selection could not be computed.
public enum SelectionError: Error, Sendable, CustomStringConvertible {
    /// No panel meets the quotas; the report says which quotas conflict and how to relax them.
    case infeasible(FeasibilityReport)
    /// The pool and quotas do not fit together (e.g. built on different features, panel larger than the pool).
    case invalidInput(SortitionError)
    /// The LP/MIP solver stopped without an answer (iteration or time limit, numerical trouble).
    case solverFailed(String)

    public var description: String {
        switch self {
        case .infeasible(let report): return "no panel meets the quotas: " + report.conflicts.map(\.description).joined(separator: "; ")
        case .invalidInput(let error): return error.description
        case .solverFailed(let what): return "solver failed: \(what)"
        }
    }
}
