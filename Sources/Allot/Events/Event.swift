/// Where an event is in its life: `draft → prepared → drawn → closed`, or `cancelled`.
public enum EventStatus: String, Codable, Sendable, CaseIterable {
    case draft, prepared, drawn, closed, cancelled
}

/// What sort of activity an event is.
public enum EventKind: String, Codable, Sendable, CaseIterable {
    case openDay = "open_day"
    case hearing, consultation, meeting, other
}

/// An activity residents are drawn for (an open day, a hearing, …), with its seats, quotas and
/// eligibility rules. Times are Asia/Shanghai local time, `YYYY-MM-DDTHH:MM`.
public struct Event: Codable, Sendable, Equatable {
    public let id: Int
    /// Title in Chinese; `titleEn` optional.
    public var title: String
    public var titleEn: String?
    /// The organizing department (e.g. 市规划资源局).
    public var department: String
    public var kind: EventKind
    public var startsAt: String
    public var place: String
    /// The panel size k.
    public var seats: Int
    /// Reserves wanted beyond the panel (for replacements).
    public var reserves: Int
    /// Invitations must be answered by then (local time); nil: no deadline.
    public var responseDeadline: String?
    /// The fresh-faces window for this event, in days.
    public var cooldownDays: Int
    public var eligibility: EligibilityFilter
    public var quotas: EventQuotas
    public var status: EventStatus
    public let createdAt: String
    public var updatedAt: String

    /// The calendar year of the event: ages are counted in it (age = year − birth year).
    public var year: Int { LocalTime.year(of: startsAt) ?? 0 }
}

/// Who may be drawn beyond the registry's own rules: optional attribute values and a minimum age.
public struct EligibilityFilter: Codable, Sendable, Equatable {
    /// attribute → the values allowed (e.g. `{"district": ["xuhui"]}` for a district hearing);
    /// attributes not named are not filtered.
    public var attributes: [String: [String]]
    /// Youngest age on the event date; nil: the configured default.
    public var minimumAge: Int?

    public init(attributes: [String: [String]] = [:], minimumAge: Int? = nil) {
        self.attributes = attributes
        self.minimumAge = minimumAge
    }
}
