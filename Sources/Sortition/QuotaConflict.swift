/// A quota as diagnostics name it: one attribute value, or a pair of values for a joint quota.
public struct QuotaName: Sendable, Hashable, Codable, CustomStringConvertible {
    public let attribute: String
    public let value: String
    /// The second value of a joint quota (nil for a value quota).
    public let attribute2: String?
    public let value2: String?

    public init(attribute: String, value: String, attribute2: String? = nil, value2: String? = nil) {
        self.attribute = attribute
        self.value = value
        self.attribute2 = attribute2
        self.value2 = value2
    }

    /// `attribute=value`, or `a1=v1 × a2=v2` for a joint quota.
    public var description: String {
        guard let attribute2, let value2 else { return "\(attribute)=\(value)" }
        return "\(attribute)=\(value) × \(attribute2)=\(value2)"
    }
}

/// One bound of a quota that takes part in a conflict: `quota` at least (or at most) `seats`.
public struct QuotaBound: Sendable, Hashable, Codable, CustomStringConvertible {
    public let quota: QuotaName
    public let bound: QuotaRelaxation.Bound
    public let seats: Int

    public var description: String {
        "\(quota) \(bound == .min ? "at least" : "at most") \(seats)"
    }
}

/// Why no panel can meet the quotas, as data: each case names the attribute values, what they need
/// and what is available, so the CLI can print a sentence and the API can return JSON.
public enum QuotaConflict: Sendable, Hashable, CustomStringConvertible {
    /// The panel needs more people than can be chosen (one per household when households apply).
    case tooFewPeople(needed: Int, available: Int, onePerHousehold: Bool)
    /// A value (or joint) quota's minimum exceeds the people who have that value.
    case tooFewWithValue(quota: QuotaName, needed: Int, available: Int)
    /// The minimums of one attribute add up to more than the seats.
    case minimumsAboveSeats(attribute: String, total: Int, seats: Int)
    /// The maximums of one attribute, capped by the people available, add up to fewer than the seats.
    case maximumsBelowSeats(attribute: String, total: Int, seats: Int)
    /// A joint quota's minimum exceeds the maximum of one of its values.
    case jointAboveValueMaximum(joint: QuotaName, needed: Int, value: QuotaName, maximum: Int)
    /// Several joint minimums pairing one value with one other attribute exceed that value's maximum.
    case jointMinimumsAboveValueMaximum(value: QuotaName, otherAttribute: String, total: Int, maximum: Int)
    /// These bounds cannot all hold on one panel (a smallest such set); empty when too many quotas
    /// were involved to single them out.
    case cannotHoldTogether(seats: Int, onePerHousehold: Bool, bounds: [QuotaBound])

    /// A stable snake_case name of the case, for JSON.
    public var kind: String {
        switch self {
        case .tooFewPeople: "too_few_people"
        case .tooFewWithValue: "too_few_with_value"
        case .minimumsAboveSeats: "minimums_above_seats"
        case .maximumsBelowSeats: "maximums_below_seats"
        case .jointAboveValueMaximum: "joint_above_value_maximum"
        case .jointMinimumsAboveValueMaximum: "joint_minimums_above_value_maximum"
        case .cannotHoldTogether: "cannot_hold_together"
        }
    }

    public var description: String {
        switch self {
        case .tooFewPeople(let needed, let available, let households):
            return "the panel needs \(needed) people but only \(available) can be chosen\(households ? " (one per household)" : "")"
        case .tooFewWithValue(let quota, let needed, let available):
            return "\(quota) needs at least \(needed) but only \(available) \(available == 1 ? "person is" : "people are") available"
        case .minimumsAboveSeats(let attribute, let total, let seats):
            return "the minimums of \(attribute) add up to \(total), more than the \(seats) seats"
        case .maximumsBelowSeats(let attribute, let total, let seats):
            return "the maximums of \(attribute) (capped by the people available) add up to \(total), fewer than the \(seats) seats"
        case .jointAboveValueMaximum(let joint, let needed, let value, let maximum):
            return "\(joint) needs at least \(needed) but \(value) allows at most \(maximum)"
        case .jointMinimumsAboveValueMaximum(let value, let other, let total, let maximum):
            return "the joint minimums of \(value) with \(other) add up to \(total), but \(value) allows at most \(maximum)"
        case .cannotHoldTogether(let seats, let households, let bounds):
            guard !bounds.isEmpty else {
                return "the quotas cannot be met together (too many to single out the conflicting ones; see the suggested relaxation)"
            }
            return "these quotas cannot all hold on a panel of \(seats)\(households ? " and one per household" : ""): "
                + bounds.map(\.description).joined(separator: ", ")
        }
    }
}

extension QuotaConflict: Encodable {
    private enum Keys: String, CodingKey {
        case kind, message, quota, attribute, needed, available, total, seats, maximum, value, otherAttribute, bounds
        case onePerHousehold
    }

    /// `{"kind", "message", …the case's fields}`: machine-readable and still a sentence.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(description, forKey: .message)
        switch self {
        case .tooFewPeople(let needed, let available, let households):
            try c.encode(needed, forKey: .needed)
            try c.encode(available, forKey: .available)
            try c.encode(households, forKey: .onePerHousehold)
        case .tooFewWithValue(let quota, let needed, let available):
            try c.encode(quota, forKey: .quota)
            try c.encode(needed, forKey: .needed)
            try c.encode(available, forKey: .available)
        case .minimumsAboveSeats(let attribute, let total, let seats), .maximumsBelowSeats(let attribute, let total, let seats):
            try c.encode(attribute, forKey: .attribute)
            try c.encode(total, forKey: .total)
            try c.encode(seats, forKey: .seats)
        case .jointAboveValueMaximum(let joint, let needed, let value, let maximum):
            try c.encode(joint, forKey: .quota)
            try c.encode(needed, forKey: .needed)
            try c.encode(value, forKey: .value)
            try c.encode(maximum, forKey: .maximum)
        case .jointMinimumsAboveValueMaximum(let value, let other, let total, let maximum):
            try c.encode(value, forKey: .value)
            try c.encode(other, forKey: .otherAttribute)
            try c.encode(total, forKey: .total)
            try c.encode(maximum, forKey: .maximum)
        case .cannotHoldTogether(let seats, let households, let bounds):
            try c.encode(seats, forKey: .seats)
            try c.encode(households, forKey: .onePerHousehold)
            try c.encode(bounds, forKey: .bounds)
        }
    }
}
