/// The attributes a city records about volunteers, with value codes and zh/en labels, and the age rule.
///
/// Encodes to the schema document of INTERFACE.md §2 — the same JSON for `allot schema --json` and
/// `GET /api/v1/schema`. Age is not in `attributes`: it is derived from the birth year and banded.
public struct AttributeSchema: Codable, Sendable, Equatable {
    public var attributes: [Attribute]
    public var age: AgeRule

    public init(attributes: [Attribute], age: AgeRule) {
        self.attributes = attributes
        self.age = age
    }

    /// The attribute named `name`, if the schema has one.
    public func attribute(named name: String) -> Attribute? { attributes.first { $0.name == name } }
}

/// Text in the two languages Allot speaks.
public struct Labels: Codable, Sendable, Equatable {
    public var zh: String
    public var en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }
}

/// One recorded dimension such as `gender` or `district`, with its allowed values.
public struct Attribute: Codable, Sendable, Equatable {
    /// Lowercase identifier; also the CSV column and the JSON key.
    public var name: String
    public var labels: Labels
    public var values: [AttributeValue]

    public init(name: String, labels: Labels, values: [AttributeValue]) {
        self.name = name
        self.labels = labels
        self.values = values
    }
}

/// One allowed value of an attribute: a stable code and its labels.
public struct AttributeValue: Codable, Sendable, Equatable {
    public var code: String
    public var labels: Labels

    public init(code: String, labels: Labels) {
        self.code = code
        self.labels = labels
    }
}

/// The minimum age and the bands that age is grouped into for quotas and statistics.
public struct AgeRule: Codable, Sendable, Equatable {
    /// Youngest age that may enroll (the age a person reaches in the current calendar year, `ruleText`).
    public var minimum: Int
    public var bands: [AgeBand]

    public init(minimum: Int, bands: [AgeBand]) {
        self.minimum = minimum
        self.bands = bands
    }

    /// The age rule in words, published with the schema: without birth dates, a person's age is the age
    /// they reach in the calendar year (of the event; for enrollment and statistics, the current year).
    public static let ruleText =
        "age = calendar year − birth year: the age reached in the year of the event (for enrollment and statistics, "
        + "the current year), e.g. born 2008 counts as 18 throughout 2026"

    /// The age of someone born in `birthYear` in calendar year `year`, by the rule above (used everywhere:
    /// enrollment, statistics, listings, bands).
    public func age(birthYear: Int, in year: Int) -> Int {
        year - birthYear
    }

    /// The band code for someone born in `birthYear`, in `year`; nil when younger than every band.
    public func band(birthYear: Int, in year: Int) -> String? {
        let age = age(birthYear: birthYear, in: year)
        return bands.first { age >= $0.min && age <= ($0.max ?? Int.max) }?.code
    }

    enum CodingKeys: String, CodingKey {
        case minimum, bands, rule
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        minimum = try c.decode(Int.self, forKey: .minimum)
        bands = try c.decode([AgeBand].self, forKey: .bands)
    }

    /// Writes `minimum`, `bands` and the `rule` text (so the schema document states how age is counted).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(minimum, forKey: .minimum)
        try c.encode(bands, forKey: .bands)
        try c.encode(Self.ruleText, forKey: .rule)
    }
}

/// An age band such as `18-29`; `max` is absent for the open top band (`70+`).
public struct AgeBand: Codable, Sendable, Equatable {
    public var code: String
    public var min: Int
    public var max: Int?

    public init(code: String, min: Int, max: Int?) {
        self.code = code
        self.min = min
        self.max = max
    }
}
