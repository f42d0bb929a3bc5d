import Sortition

/// Why no panel meets the quotas, kept typed up to the edge: the CLI prints `lines`, the API
/// returns this as JSON (`{"conflicts":[{"kind","quota","needed","available",…}],"relaxations":[…]}`).
public struct InfeasibleQuotas: Sendable, Equatable, Encodable {
    enum CodingKeys: String, CodingKey { case conflicts, relaxations }

    /// What cannot be met (each names the attribute values, needed and available seats).
    public let conflicts: [QuotaConflict]
    /// The smallest relaxation that makes the quotas feasible (empty when none within the limits).
    public let relaxations: [QuotaRelaxation]
    /// Whether the quotas limit relaxation (min_flex/max_flex of a features file), which the lines name.
    public let flexLimited: Bool

    public init(conflicts: [QuotaConflict], relaxations: [QuotaRelaxation], flexLimited: Bool = false) {
        self.conflicts = conflicts
        self.relaxations = relaxations
        self.flexLimited = flexLimited
    }

    init(_ report: FeasibilityReport, quotas: Quotas) {
        let limited =
            quotas.minFlex.joined().contains { $0 > 0 } || quotas.maxFlex.joined().contains { $0 < quotas.panelSize }
        self.init(conflicts: report.conflicts, relaxations: report.relaxations, flexLimited: limited)
    }

    /// Too few eligible people for the seats: no panel at all, whatever the quotas.
    public static func tooFewPeople(needed: Int, available: Int) -> InfeasibleQuotas {
        InfeasibleQuotas(
            conflicts: [.tooFewPeople(needed: needed, available: available, onePerHousehold: false)], relaxations: [])
    }

    /// The conflicts and the suggested relaxation, one sentence a line.
    public var lines: [String] {
        let conflicts = self.conflicts.isEmpty ? ["no panel meets all quotas at once"] : self.conflicts.map(\.description)
        let relaxations = self.relaxations.map { "suggestion: \($0.description)" }
        let none =
            flexLimited
            ? "no relaxation within min_flex/max_flex makes them feasible"
            : "no relaxation of the quotas (minimums down to 0, maximums up to the panel size) makes them feasible"
        return conflicts + (relaxations.isEmpty ? [none] : relaxations)
    }
}

/// The `--json` document of an infeasible selection or prepare: `feasible: false`, the lines as printed,
/// and the typed conflicts and relaxations as the API returns them.
public struct InfeasibleQuotasDocument: Encodable, Sendable {
    let feasible = false
    let diagnostics: [String]
    let conflicts: [QuotaConflict]
    let relaxations: [QuotaRelaxation]

    public init(_ quotas: InfeasibleQuotas) {
        diagnostics = quotas.lines
        conflicts = quotas.conflicts
        relaxations = quotas.relaxations
    }
}
