/// What a volunteer submits to enroll (CLI, CSV row or `POST /api/v1/enrollments`).
public struct Enrollment: Codable, Sendable, Equatable {
    public var name: String
    /// A mainland mobile number; `+86`, spaces and hyphens are accepted.
    public var phone: String
    public var email: String?
    public var birthYear: Int
    /// Attribute name → value code, or its zh or en label.
    public var attributes: [String: String]
    public var consent: Bool

    public init(
        name: String, phone: String, email: String? = nil, birthYear: Int, attributes: [String: String],
        consent: Bool
    ) {
        self.name = name
        self.phone = phone
        self.email = email
        self.birthYear = birthYear
        self.attributes = attributes
        self.consent = consent
    }

    enum CodingKeys: String, CodingKey {
        case name, phone, email, birthYear, attributes, consent
    }

    /// A missing or null `consent` is consent not given (422 `consent_required`), not malformed JSON.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        phone = try c.decode(String.self, forKey: .phone)
        email = try c.decodeIfPresent(String.self, forKey: .email)
        birthYear = try c.decode(Int.self, forKey: .birthYear)
        attributes = try c.decode([String: String].self, forKey: .attributes)
        consent = try c.decodeIfPresent(Bool.self, forKey: .consent) ?? false
    }
}

/// The result of an enrollment: the public pseudonym and the citizen's personal token, shown once.
public struct EnrollmentReceipt: Codable, Sendable, Equatable {
    public let pid: String
    public let token: String
}
