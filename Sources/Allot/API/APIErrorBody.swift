import HTTPServer
import Sortition

/// The JSON error body `{"error":{"code","message"}}`, with the typed diagnostics of infeasible
/// quotas (`conflicts`, `relaxations`) when the error carries them.
struct APIErrorBody: Encodable, Sendable {
    struct Detail: Encodable, Sendable {
        /// The HTTP status this error is answered with (not part of the body).
        let status: Int
        let code: String
        let message: String
        let conflicts: [QuotaConflict]?
        let relaxations: [QuotaRelaxation]?

        enum CodingKeys: String, CodingKey { case code, message, conflicts, relaxations }
    }

    let error: Detail

    /// The detail for any error, as the API maps it (internal errors say nothing of themselves).
    static func detail(for error: any Error) -> Detail {
        let mapped = APIErrorMapping.httpError(error)
        let diagnostics = infeasible(error)
        return Detail(
            status: mapped.status, code: mapped.code, message: mapped.status >= 500 ? "internal server error" : mapped.message,
            conflicts: diagnostics?.conflicts, relaxations: diagnostics?.relaxations)
    }

    /// The infeasibility diagnostics an error carries, if any.
    static func infeasible(_ error: any Error) -> InfeasibleQuotas? {
        switch error {
        case EventError.draw(.infeasible(let diagnostics)): diagnostics
        case DrawPipelineError.infeasible(let diagnostics): diagnostics
        case SelectFromFilesError.infeasible(let diagnostics): diagnostics
        default: nil
        }
    }
}
