import Sortition

/// A draw after its first step (INTERFACE.md §5, steps 1–2 and 7): the frozen pool, the lottery and
/// the three digests that are published before the beacon is known. Finalizing it with a beacon
/// gives the draw record.
public struct PreparedDraw: Sendable, Equatable {
    public let eventId: DrawRecord.EventID?
    public let panelSize: Int
    /// `{attribute: {value: [min, max]}}`.
    public let quotas: [String: [String: [Int]]]
    public let jointQuotas: [JointQuota]?
    /// Groups of pids of whom at most one may sit on a panel (nil: no household rule).
    public let households: [[String]]?
    /// The eligible pool, sorted by pid in byte order.
    public let pool: [DrawProtocol.PoolEntry]
    /// `leximin` or `legacy`.
    public let algorithm: String
    /// The m lottery panels, each sorted by pid in byte order, in stored order.
    public let lottery: [[String]]
    public let poolDigest: String
    public let lotteryDigest: String
    public private(set) var termsDigest: String
    public let preparedAt: String
    /// How the pool and the distribution looked: for reports and the CLI, not part of the protocol.
    public let summary: DrawSummary
    /// LEXIMIN steps that rest on a pricing MIP stopped at its node or time limit instead of a proof
    /// (`Distribution.approximateSteps`); empty when the distribution is exact. Carried into the record.
    public let approximateSteps: [ApproximateStep]

    /// Sorts the pool and every lottery panel by pid (byte order) and computes the three digests.
    public init(
        eventId: DrawRecord.EventID?, panelSize: Int, quotas: [String: [String: [Int]]], jointQuotas: [JointQuota]?,
        pool: [DrawProtocol.PoolEntry], algorithm: String, lottery: [[String]], preparedAt: String,
        summary: DrawSummary, households: [[String]]? = nil, approximateSteps: [ApproximateStep] = []
    ) {
        self.approximateSteps = approximateSteps
        self.eventId = eventId
        self.panelSize = panelSize
        self.quotas = quotas
        self.jointQuotas = jointQuotas
        self.households = households.flatMap { groups in
            groups.isEmpty
                ? nil
                : groups.map { $0.sorted(by: DrawProtocol.byteOrder) }
                    .sorted { $0.lexicographicallyPrecedes($1, by: DrawProtocol.byteOrder) }
        }
        self.pool = DrawProtocol.sortedByPid(pool)
        self.algorithm = algorithm
        self.lottery = lottery.map { $0.sorted(by: DrawProtocol.byteOrder) }
        self.preparedAt = preparedAt
        self.summary = summary
        poolDigest = DrawProtocol.poolDigest(self.pool)
        lotteryDigest = DrawProtocol.lotteryDigest(self.lottery)
        termsDigest = ""
        termsDigest = DrawProtocol.termsDigest(terms)
    }

    /// The terms the digest commits to.
    var terms: DrawProtocol.Terms {
        let event: String? =
            switch eventId {
            case .number(let number): String(number)
            case .text(let text): text
            case nil: nil
            }
        return DrawProtocol.Terms(
            eventId: event, panelSize: panelSize, algorithm: algorithm, lotterySize: lottery.count,
            preparedAt: preparedAt, quotas: quotas, jointQuotas: jointQuotas ?? [], households: households ?? [])
    }
}

/// Figures of a prepared draw that are not part of the record: sizes, the exact probabilities and
/// how closely the lottery follows them.
public struct DrawSummary: Sendable, Equatable {
    public let poolSize: Int
    public let types: Int
    /// pid → exact marginal of the distribution (LEXIMIN) or a Monte Carlo estimate (LEGACY).
    public let probabilities: [String: Double]
    /// True when `probabilities` are estimated (LEGACY).
    public let estimated: Bool
    public let minProbability: Double
    public let maxProbability: Double
    /// Panels with positive probability in the distribution (LEGACY: distinct panels drawn).
    public let distributionSize: Int
    /// Largest gap between a person's share of lottery panels and their probability.
    public let lotteryDeviation: Double
    /// Wall time of the preparation.
    public let seconds: Double
}
