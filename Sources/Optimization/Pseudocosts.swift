/// Average objective degradation per unit of bound change, per variable and direction,
/// learned from solved children; picks the branching variable with the best product score.
struct Pseudocosts: Sendable {
    /// Floor of each side of the product score, so a zero estimate on one side still ranks.
    static let scoreFloor = 1e-6
    /// Estimate used before any branching has been observed.
    static let initialEstimate = 1.0
    /// Branchings that moved the value less than this teach nothing reliable.
    static let minimumDistance = 1e-9

    private var sum: [[Double]]
    private var count: [[Int]]
    private var totalSum = [0.0, 0.0]
    private var totalCount = [0, 0]

    init(count variables: Int) {
        sum = Array(repeating: Array(repeating: 0, count: variables), count: 2)
        count = Array(repeating: Array(repeating: 0, count: variables), count: 2)
    }

    mutating func record(_ branching: BranchNode.Branching, gain: Double) {
        guard branching.distance > Self.minimumDistance else { return }
        let side = branching.up ? 1 : 0
        let perUnit = gain / branching.distance
        sum[side][branching.variable] += perUnit
        count[side][branching.variable] += 1
        totalSum[side] += perUnit
        totalCount[side] += 1
    }

    private func estimate(_ side: Int, _ j: Int) -> Double {
        if count[side][j] > 0 { return sum[side][j] / Double(count[side][j]) }
        return totalCount[side] > 0 ? totalSum[side] / Double(totalCount[side]) : Self.initialEstimate
    }

    /// The fractional variable (non-empty list) with the highest score; ties go to the most fractional.
    func choose(among fractional: [Int], values: [Double]) -> Int {
        var best = fractional[0]
        var bestScore = -Double.infinity
        var bestFractionality = 0.0
        for j in fractional {
            let f = values[j] - values[j].rounded(.down)
            let score = max(estimate(0, j) * f, Self.scoreFloor) * max(estimate(1, j) * (1 - f), Self.scoreFloor)
            let fractionality = min(f, 1 - f)
            if score > bestScore || (score == bestScore && fractionality > bestFractionality) {
                best = j
                bestScore = score
                bestFractionality = fractionality
            }
        }
        return best
    }
}
