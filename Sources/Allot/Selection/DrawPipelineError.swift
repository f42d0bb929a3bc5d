/// Why the draw pipeline (prepare or finalize) could not run; shared by `allot select` and event draws.
public enum DrawPipelineError: AllotError, Equatable {
    /// The pool or quotas are inconsistent (unknown value, panel larger than the pool, …).
    case invalidInput(String)
    /// No panel meets the quotas.
    case infeasible(InfeasibleQuotas)
    /// The algorithm could not finish on this input (e.g. LEGACY found no panel).
    case algorithmFailed(String)

    public var code: String {
        switch self {
        case .invalidInput: "invalid_input"
        case .infeasible: "infeasible_quotas"
        case .algorithmFailed: "algorithm_failed"
        }
    }

    public var message: String {
        switch self {
        case .invalidInput(let reason), .algorithmFailed(let reason): reason
        case .infeasible(let diagnostics): "no panel meets the quotas: " + diagnostics.lines.joined(separator: "; ")
        }
    }

    public var category: ErrorCategory { .invalidInput }
}
