/// The evaluation of one event (`allot report event`, `GET /api/v1/events/{id}/report`): how the
/// panel compared with the city at every stage, how fair the draw was, who took part and how
/// satisfied they were. Aggregates and pseudonymous counts only: never a name or a contact.
public struct EventReport: Encodable, Sendable {
    public let event: ReportEvent
    public let generatedAt: String
    public let smallCells: SmallCellNote
    /// Stage sizes: registry, pool, panel, invited, accepted, attended.
    public let stages: [StageTotal]
    public let composition: [AttributeComposition]
    /// nil until the draw is prepared.
    public let fairness: Fairness?
    public let participation: Participation
    public let satisfaction: Satisfaction
    public let suggestions: SuggestionStats
}

/// The event a report is about.
public struct ReportEvent: Encodable, Sendable, Equatable {
    public let id: Int
    public let title: String
    public let titleEn: String?
    public let department: String
    public let kind: String
    public let startsAt: String
    public let seats: Int
    public let status: String
}

/// The stages a panel passes through, from the whole registry to those who came.
public enum ReportStage: String, Encodable, Sendable, CaseIterable {
    case registry, pool, panel, accepted, attended
}

public struct StageTotal: Encodable, Sendable, Equatable {
    public let stage: String
    public let total: Int
}

/// One attribute: each value's share at each stage beside its census target.
public struct AttributeComposition: Encodable, Sendable {
    public let attribute: String
    public let labels: Labels
    public let values: [ValueComposition]
    /// Total variation distance from the targets per stage; nil without a target for every value,
    /// or when a cell of that stage is suppressed.
    public let distance: [StageDistance]
}

public struct StageDistance: Encodable, Sendable, Equatable {
    public let stage: ReportStage
    public let tvd: Double?
}

public struct ValueComposition: Encodable, Sendable {
    public let value: String
    public let labels: Labels
    /// The census share from the event's targets, if it has one.
    public let targetShare: Double?
    public let stages: [StageCell]
}

/// One value at one stage.
public struct StageCell: Encodable, Sendable {
    public let stage: ReportStage
    public let count: CellCount
    /// count / stage total; nil (absent from JSON) when suppressed.
    public let share: Double?
    /// (share − target) in percentage points.
    public let deviationPoints: Double?
    /// count − target × stage total: seats (or people) above (+) or below (−) the target.
    public let deviationSeats: Double?
}

/// How equal the selection chances were (the draw's exact marginals, or LEGACY's estimates).
public struct Fairness: Encodable, Sendable {
    public let algorithm: String
    /// True when the probabilities are Monte Carlo estimates (LEGACY).
    public let estimated: Bool
    public let poolSize: Int
    public let minimum: Double
    public let maximum: Double
    public let median: Double
    public let gini: Double
    public let zeroChance: Int
    public let zeroChanceGroups: [ZeroChanceGroup]
    /// The lowest probability LEXIMIN reached among those who can be drawn at all (the zero-chance
    /// people are counted apart); nil for LEGACY.
    public let leximinMinimum: Double?
    /// A LEGACY comparison stored beside the draw; none is stored yet, so always nil.
    public let legacyComparison: Double?
    public let histogram: [HistogramBin]
}

/// People of the pool with no chance, and why.
public struct ZeroChanceGroup: Encodable, Sendable, Equatable {
    /// `quota_zero`: a value of theirs has a maximum of 0 seats; `no_feasible_panel`: no panel meeting
    /// the quotas has room for their combination of values.
    public let reason: String
    /// The `attribute=value` lines that explain it (the zero quotas, or the whole combination).
    public let values: [String]
    public let count: Int
}

public struct HistogramBin: Encodable, Sendable, Equatable {
    public let from: Double
    public let to: Double
    public let count: Int
}

/// Invitations and what became of them, overall and per attribute value.
public struct Participation: Encodable, Sendable {
    public let total: ParticipationCounts
    public let strata: [StratumParticipation]
    /// Per attribute: the distance from the targets of the accepted seats without and with replacements.
    public let replacementEffect: [ReplacementEffect]
}

public struct ParticipationCounts: Encodable, Sendable {
    /// Every invitation (any state).
    public let invited: CellCount
    /// Accepted at some point (accepted, attended or no-show).
    public let accepted: CellCount
    public let declined: CellCount
    public let expired: CellCount
    public let cancelled: CellCount
    /// Still waiting for an answer.
    public let open: CellCount
    /// Reserves invited in replacement (and top-up draws).
    public let replacements: CellCount
    public let attended: CellCount
    public let noShow: CellCount
    /// accepted / invited.
    public let acceptanceRate: Double?
    /// attended / accepted.
    public let attendanceRate: Double?
}

public struct StratumParticipation: Encodable, Sendable {
    public let attribute: String
    public let value: String
    public let labels: Labels
    public let counts: ParticipationCounts
}

public struct ReplacementEffect: Encodable, Sendable, Equatable {
    public let attribute: String
    /// TVD from the targets of the panel members who accepted (no replacements).
    public let withoutReplacements: Double?
    /// TVD from the targets of every accepted seat, replacements included.
    public let withReplacements: Double?
    /// How much closer to the targets the replacements brought the seats, in TVD points × 100.
    public let restoredPoints: Double?
}

/// Feedback scores (1–5) of attendees.
public struct Satisfaction: Encodable, Sendable {
    public let total: SatisfactionStats
    public let strata: [StratumSatisfaction]
}

public struct SatisfactionStats: Encodable, Sendable {
    public let responses: CellCount
    public let attended: CellCount
    /// responses / attended.
    public let responseRate: Double?
    public let overall: Double?
    public let information: Double?
    public let heard: Double?
    /// Share who would take part again.
    public let again: Double?
    /// Counts of overall scores 1…5.
    public let distribution: [CellCount]
}

public struct StratumSatisfaction: Encodable, Sendable {
    public let attribute: String
    public let value: String
    public let labels: Labels
    public let stats: SatisfactionStats
}

/// Citizens' suggestions and how they were answered (never their authors).
public struct SuggestionStats: Encodable, Sendable, Equatable {
    public struct Status: Encodable, Sendable, Equatable {
        public let status: String
        public let count: Int
    }
    public let total: Int
    public let byStatus: [Status]
    public let replied: Int
    /// Median days from a suggestion to its reply; nil when none was answered.
    public let medianDaysToReply: Double?
}
