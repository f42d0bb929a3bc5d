import Sortition

/// Why no panel meets the quotas, kept typed up to the edge: the CLI prints `lines`, the API
/// returns this as JSON (`{"conflicts":[{"kind","quota","needed","available",…}],"relaxations":[…]}`).
public struct InfeasibleQuotas: Sendable, Equatable, Encodable {
    /// What cannot be met (each names the attribute values, needed and available seats).
    public let conflicts: [QuotaConflict]
    /// The smallest relaxation that makes the quotas feasible (empty when none within the limits).
    public let relaxations: [QuotaRelaxation]

    public init(conflicts: [QuotaConflict], relaxations: [QuotaRelaxation]) {
        self.conflicts = conflicts
        self.relaxations = relaxations
    }

    init(_ report: FeasibilityReport) {
        self.init(conflicts: report.conflicts, relaxations: report.relaxations)
    }

    /// The conflicts and the suggested relaxation, one sentence a line.
    public var lines: [String] {
        let conflicts = self.conflicts.isEmpty ? ["no panel meets all quotas at once"] : self.conflicts.map(\.description)
        let relaxations = self.relaxations.map { "suggestion: \($0.description)" }
        return conflicts + (relaxations.isEmpty ? ["no relaxation within min_flex/max_flex makes them feasible"] : relaxations)
    }
}
