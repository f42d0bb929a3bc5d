/// Participation across the events of a date range (`allot report summary`, `GET /api/v1/reports/summary`):
/// whether the same faces come again, how much of the registry was ever asked, and how the
/// participants add up against the census. A participant is a person who attended.
public struct SummaryReport: Encodable, Sendable {
    /// Event dates included, `YYYY-MM-DD`, inclusive; nil: unbounded.
    public let from: String?
    public let to: String?
    public let generatedAt: String
    public let smallCells: SmallCellNote
    /// Events drawn or closed in the range.
    public let events: Int
    /// Those events, latest first: how an evaluator finds the ids for `report event`.
    public let eventList: [SummaryEvent]
    /// Attended seats.
    public let seats: Int
    public let uniqueParticipants: Int
    public let seatsPerParticipant: Double?
    /// Seats taken by people who had attended another event within the window before (熟面孔).
    public let familiarFaces: FamiliarFaces
    /// People by number of seats taken in the range.
    public let repeatHistogram: [RepeatBin]
    /// Gini of seats per participant.
    public let repeatGini: Double
    public let registry: RegistryReach
    public let cumulative: [CumulativeAttribute]
    public let departments: [DepartmentSummary]
}

public struct SummaryEvent: Encodable, Sendable, Equatable {
    public let id: Int
    public let title: String
    public let department: String
    public let startsAt: String
    public let status: String
}

public struct FamiliarFaces: Encodable, Sendable, Equatable {
    /// The look-back window in days (a year).
    public let windowDays: Int
    public let seats: Int
    public let share: Double?
}

public struct RepeatBin: Encodable, Sendable, Equatable {
    /// Seats taken in the range.
    public let times: Int
    public let people: CellCount
}

/// How much of the registry was ever invited in the range.
public struct RegistryReach: Encodable, Sendable, Equatable {
    /// Active volunteers now, plus those invited in the range who have withdrawn since.
    public let people: Int
    public let everInvited: Int
    public let share: Double?
}

/// Unique participants per value beside the census target.
public struct CumulativeAttribute: Encodable, Sendable {
    public let attribute: String
    public let labels: Labels
    public let values: [CumulativeValue]
    /// TVD of the participants from the targets; nil without targets or with a suppressed cell.
    public let tvd: Double?
}

public struct CumulativeValue: Encodable, Sendable {
    public let value: String
    public let labels: Labels
    public let targetShare: Double?
    public let participants: CellCount
    public let share: Double?
    public let deviationPoints: Double?
}

public struct DepartmentSummary: Encodable, Sendable, Equatable {
    public let department: String
    public let events: Int
    public let seats: Int
    public let invited: Int
    public let accepted: Int
    public let attended: Int
    public let uniqueParticipants: Int
    public let acceptanceRate: Double?
    public let attendanceRate: Double?
}
