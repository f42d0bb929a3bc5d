/// One bound of one quota changed by the suggested relaxation.
public struct QuotaRelaxation: Sendable, Hashable, CustomStringConvertible {
    public enum Bound: String, Sendable { case min, max }
    /// `feature=value`, or `feature1=value1 × feature2=value2` for a joint quota.
    public let quota: String
    public let bound: Bound
    public let from: Int
    public let to: Int

    public var description: String {
        bound == .min ? "lower the minimum of \(quota) from \(from) to \(to)" : "raise the maximum of \(quota) from \(from) to \(to)"
    }
}

/// Whether any panel meets the quotas, and if not, why and what to change.
public struct FeasibilityReport: Sendable {
    public let feasible: Bool
    /// The conflicting quotas in plain words (empty when feasible).
    public let conflicts: [String]
    /// The smallest total relaxation (in seats, within min_flex/max_flex) that makes the quotas feasible;
    /// empty when feasible or when no relaxation within the flex limits helps.
    public let relaxations: [QuotaRelaxation]
    /// The quotas with `relaxations` applied, when there are any.
    public let relaxedQuotas: Quotas?
}
