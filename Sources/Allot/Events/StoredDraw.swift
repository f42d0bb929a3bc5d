import Sortition

/// An event's draw as stored: the commitment published at prepare, and the outcome once finalized.
public struct StoredDraw: Codable, Sendable, Equatable {
    public let eventId: Int
    /// 0 for the event's draw; 1, 2, … for top-up draws.
    public let round: Int
    public let algorithm: String
    public let lotterySize: Int
    /// The announced beacon: which public number, on which date (free text).
    public let beaconSource: String
    public let preparedAt: String
    public let poolDigest: String
    public let lotteryDigest: String
    public let termsDigest: String
    public let poolSize: Int
    public let types: Int
    public let minProbability: Double
    public let maxProbability: Double
    public let lotteryDeviation: Double
    public let beacon: String?
    public let seed: String?
    public let panelIndex: Int?
    public let panel: [String]?
    public let reserveCount: Int?
    public let finalizedAt: String?

    public var isFinalized: Bool { finalizedAt != nil }
}

/// The figures of a prepared draw kept beside it (not part of the protocol).
struct StoredSummary: Codable {
    var poolSize: Int
    var types: Int
    var estimated: Bool
    var minProbability: Double
    var maxProbability: Double
    var distributionSize: Int
    var lotteryDeviation: Double
    var seconds: Double
    /// pid → exact probability (LEXIMIN) or estimate (LEGACY).
    var probabilities: [String: Double]

    init(_ summary: DrawSummary) {
        poolSize = summary.poolSize
        types = summary.types
        estimated = summary.estimated
        minProbability = summary.minProbability
        maxProbability = summary.maxProbability
        distributionSize = summary.distributionSize
        lotteryDeviation = summary.lotteryDeviation
        seconds = summary.seconds
        probabilities = summary.probabilities
    }

    var summary: DrawSummary {
        DrawSummary(
            poolSize: poolSize, types: types, probabilities: probabilities, estimated: estimated,
            minProbability: minProbability, maxProbability: maxProbability, distributionSize: distributionSize,
            lotteryDeviation: lotteryDeviation, seconds: seconds)
    }
}

/// The terms of a prepared draw as stored (everything of `PreparedDraw` but the pool and lottery).
struct StoredTerms: Codable {
    var eventId: Int
    /// The event id the record states when it is not `eventId` itself (top-up draws: `12-topup-1`).
    var recordEventId: String?
    var panelSize: Int
    var quotas: [String: [String: [Int]]]
    var jointQuotas: [JointQuota]?
    var households: [[String]]?
    var algorithm: String
    var lotterySize: Int
    var preparedAt: String
    /// LEXIMIN steps resting on a pricing MIP stopped at its limit; absent (nil) when exact.
    var approximateSteps: [ApproximateStep]?
}
