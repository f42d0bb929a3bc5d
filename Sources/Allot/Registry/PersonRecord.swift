/// One person as the registry shows them. `contact` is nil once withdrawn, or when left out for the caller.
public struct PersonRecord: Codable, Sendable, Equatable {
    public let pid: String
    /// `active` or `withdrawn`.
    public let status: String
    public let birthYear: Int
    /// The age band this year, from the schema's bands.
    public let ageBand: String?
    /// Attribute name → value code.
    public let attributes: [String: String]
    public let enrolledAt: String
    public let withdrawnAt: String?
    public let contact: Contact?
}

/// Personal contact data, stored apart from attributes and erased on withdrawal.
public struct Contact: Codable, Sendable, Equatable {
    public let name: String
    /// Normalised: 11 digits, no country code.
    public let phone: String
    public let email: String?
}

/// Changes to a person's own record; nil fields stay as they are. `email` set to "" (or null in JSON) removes it.
public struct PersonUpdate: Codable, Sendable, Equatable {
    public var name: String?
    public var phone: String?
    public var email: String?
    public var birthYear: Int?
    /// Attributes to change (others stay); values as codes or labels.
    public var attributes: [String: String]?

    public init(
        name: String? = nil, phone: String? = nil, email: String? = nil, birthYear: Int? = nil,
        attributes: [String: String]? = nil
    ) {
        self.name = name
        self.phone = phone
        self.email = email
        self.birthYear = birthYear
        self.attributes = attributes
    }

    enum CodingKeys: String, CodingKey {
        case name, phone, email, birthYear, attributes
    }

    /// `"email": null` removes the e-mail address, as `""` does; a missing `email` leaves it.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        phone = try c.decodeIfPresent(String.self, forKey: .phone)
        email = c.contains(.email) ? (try c.decodeIfPresent(String.self, forKey: .email) ?? "") : nil
        birthYear = try c.decodeIfPresent(Int.self, forKey: .birthYear)
        attributes = try c.decodeIfPresent([String: String].self, forKey: .attributes)
    }
}
