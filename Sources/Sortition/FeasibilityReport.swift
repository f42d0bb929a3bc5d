/// One bound of one quota changed by the suggested relaxation.
public struct QuotaRelaxation: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Bound: String, Sendable, Codable { case min, max }
    /// The quota whose bound changes.
    public let name: QuotaName
    public let bound: Bound
    public let from: Int
    public let to: Int

    public init(name: QuotaName, bound: Bound, from: Int, to: Int) {
        self.name = name
        self.bound = bound
        self.from = from
        self.to = to
    }

    /// `feature=value`, or `feature1=value1 × feature2=value2` for a joint quota.
    public var quota: String { name.description }

    public var description: String {
        bound == .min ? "lower the minimum of \(quota) from \(from) to \(to)" : "raise the maximum of \(quota) from \(from) to \(to)"
    }
}

/// Whether any panel meets the quotas, and if not, why and what to change.
public struct FeasibilityReport: Sendable {
    public let feasible: Bool
    /// The conflicting quotas (empty when feasible); each prints as a sentence.
    public let conflicts: [QuotaConflict]
    /// The smallest total relaxation (in seats, within min_flex/max_flex) that makes the quotas feasible;
    /// empty when feasible or when no relaxation within the flex limits helps.
    public let relaxations: [QuotaRelaxation]
    /// The quotas with `relaxations` applied, when there are any.
    public let relaxedQuotas: Quotas?
}
