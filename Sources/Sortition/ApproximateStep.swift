import Optimization

/// A LEXIMIN step that rests on a pricing MIP stopped at its node or time limit instead of a proof.
///
/// Column generation fixes probabilities once pricing shows no panel improves the dual; when the MIP
/// stops early, "no better panel" is only as good as its bound. Such a step is reported here (and
/// carried by the draw record as `approximateSteps`), never passed off as exact.
public struct ApproximateStep: Sendable, Equatable, Codable {
    /// 0 for the seeding check that a type can be seated at all; n ≥ 1 for the n-th fixing round.
    public let step: Int
    /// The limit that stopped the pricing MIP: `nodeLimit` or `timeLimit`.
    public let stoppedBy: String
    /// The types whose probability this step fixed (or excluded, for step 0).
    public let types: [Int]
    /// The probability fixed for them (0 for an exclusion).
    public let fixedProbability: Double
    /// How far the MIP's bound leaves room above what the step assumed: the most a panel it did not
    /// find could weigh beyond the dual cap (for step 0, seats of the type a panel might still give).
    public let boundGap: Double

    public init(step: Int, stoppedBy: String, types: [Int], fixedProbability: Double, boundGap: Double) {
        self.step = step
        self.stoppedBy = stoppedBy
        self.types = types
        self.fixedProbability = fixedProbability
        self.boundGap = boundGap
    }

    init(step: Int, stoppedBy status: MIPStatus, types: [Int], fixedProbability: Double, boundGap: Double) {
        let name: String
        switch status {
        case .timeLimit: name = "timeLimit"
        case .nodeLimit: name = "nodeLimit"
        default: name = "\(status)"
        }
        self.init(step: step, stoppedBy: name, types: types, fixedProbability: fixedProbability, boundGap: boundGap)
    }
}
