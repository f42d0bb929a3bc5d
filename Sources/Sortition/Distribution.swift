/// A probability distribution over panels (by type composition), as LEXIMIN computes it.
/// Every panel meets the quotas; the probabilities sum to 1; each person's marginal is their
/// type's share `Σ p(panel) · seats(type) / members(type)`, and the marginals sum to the panel size.
public struct Distribution: Sendable {
    public let panels: [TypePanel]
    public let probabilities: [Double]
    /// The selection probability of each member of each type (index: type).
    public let typeProbabilities: [Double]
    /// Types no panel meeting the quotas can seat, with the reason, in plain words.
    public let excluded: [Int: String]
    /// LEXIMIN steps that rest on a pricing MIP stopped at a limit (empty when every step is proven).
    public let approximateSteps: [ApproximateStep]

    public init(
        panels: [TypePanel], probabilities: [Double], typeProbabilities: [Double], excluded: [Int: String],
        approximateSteps: [ApproximateStep] = []
    ) {
        self.panels = panels
        self.probabilities = probabilities
        self.typeProbabilities = typeProbabilities
        self.excluded = excluded
        self.approximateSteps = approximateSteps
    }

    /// True when some LEXIMIN step is not proven (see `approximateSteps`).
    public var isApproximate: Bool { !approximateSteps.isEmpty }

    /// Each person's selection probability (index: person in the pool).
    public func personProbabilities(in pool: Pool) -> [Double] {
        pool.typeOfPerson.map { typeProbabilities[$0] }
    }

    public var minimumProbability: Double { typeProbabilities.min() ?? 0 }
    public var maximumProbability: Double { typeProbabilities.max() ?? 0 }
}
