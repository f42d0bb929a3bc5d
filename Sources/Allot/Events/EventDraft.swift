/// What an organizer gives to create an event (`allot event create`, `POST /api/v1/events`).
public struct EventDraft: Codable, Sendable, Equatable {
    public var title: String
    public var titleEn: String?
    public var department: String
    /// One of `EventKind`'s raw values (`open_day`, `hearing`, `consultation`, `meeting`, `other`).
    public var kind: String
    /// Asia/Shanghai local time, `YYYY-MM-DDTHH:MM` (a bare date means 00:00).
    public var startsAt: String
    public var place: String
    public var seats: Int
    public var reserves: Int?
    public var responseDeadline: String?
    public var cooldownDays: Int?
    public var eligibility: EligibilityFilter?
    /// A targets file to derive seats from; nil: the configured one; `""`: none (every value needs seats).
    public var targets: String?
    /// Explicit seats for some values (e.g. the age bands, which have no census figure).
    public var quotas: [QuotaEdit]?
    /// Attributes to leave unconstrained.
    public var unconstrained: [String]?
    public var joint: [JointQuotaInput]?

    public init(
        title: String, titleEn: String? = nil, department: String, kind: String = EventKind.openDay.rawValue,
        startsAt: String, place: String, seats: Int, reserves: Int? = nil, responseDeadline: String? = nil,
        cooldownDays: Int? = nil, eligibility: EligibilityFilter? = nil, targets: String? = nil,
        quotas: [QuotaEdit]? = nil, unconstrained: [String]? = nil, joint: [JointQuotaInput]? = nil
    ) {
        self.title = title
        self.titleEn = titleEn
        self.department = department
        self.kind = kind
        self.startsAt = startsAt
        self.place = place
        self.seats = seats
        self.reserves = reserves
        self.responseDeadline = responseDeadline
        self.cooldownDays = cooldownDays
        self.eligibility = eligibility
        self.targets = targets
        self.quotas = quotas
        self.unconstrained = unconstrained
        self.joint = joint
    }
}

/// Changes to a draft event (`allot event update`, `PATCH /api/v1/events/{id}`); nil fields stay.
/// Changing `seats` re-derives the seats that came from census shares; explicit ones are kept.
public struct EventChanges: Codable, Sendable, Equatable {
    public var title: String?
    public var titleEn: String?
    public var department: String?
    public var kind: String?
    public var startsAt: String?
    public var place: String?
    public var seats: Int?
    public var reserves: Int?
    public var responseDeadline: String?
    public var cooldownDays: Int?
    public var eligibility: EligibilityFilter?
    public var quotas: [QuotaEdit]?
    public var unconstrained: [String]?
    public var joint: [JointQuotaInput]?

    public init(
        title: String? = nil, titleEn: String? = nil, department: String? = nil, kind: String? = nil,
        startsAt: String? = nil, place: String? = nil, seats: Int? = nil, reserves: Int? = nil,
        responseDeadline: String? = nil, cooldownDays: Int? = nil, eligibility: EligibilityFilter? = nil,
        quotas: [QuotaEdit]? = nil, unconstrained: [String]? = nil, joint: [JointQuotaInput]? = nil
    ) {
        self.title = title
        self.titleEn = titleEn
        self.department = department
        self.kind = kind
        self.startsAt = startsAt
        self.place = place
        self.seats = seats
        self.reserves = reserves
        self.responseDeadline = responseDeadline
        self.cooldownDays = cooldownDays
        self.eligibility = eligibility
        self.quotas = quotas
        self.unconstrained = unconstrained
        self.joint = joint
    }
}

/// A joint quota as given by an organizer: seats for a pair of values of two attributes.
public struct JointQuotaInput: Codable, Sendable, Equatable {
    public var attribute1: String
    public var value1: String
    public var attribute2: String
    public var value2: String
    public var min: Int
    public var max: Int

    public init(attribute1: String, value1: String, attribute2: String, value2: String, min: Int, max: Int) {
        self.attribute1 = attribute1
        self.value1 = value1
        self.attribute2 = attribute2
        self.value2 = value2
        self.min = min
        self.max = max
    }
}
