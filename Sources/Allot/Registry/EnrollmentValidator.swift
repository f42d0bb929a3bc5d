import Foundation

/// An enrollment that passed every rule, in stored form.
struct ValidEnrollment: Sendable {
    let name: String
    let phone: String
    let email: String?
    let birthYear: Int
    /// Attribute name → value code for every schema attribute.
    let attributes: [String: String]

    /// The attributes as stored: a JSON object with keys in byte order (codes need no escaping).
    var attributesJSON: String { AttributesJSON.encode(attributes) }
}

/// Checks enrollments against the schema and the registry's rules, reporting every problem at once.
struct EnrollmentValidator: Sendable {
    /// Longest name kept; longer input is a mistake or abuse.
    static let maximumNameLength = 100
    /// RFC 5321's limit on an address.
    static let maximumEmailLength = 254
    /// Oldest plausible volunteer; older birth years are typing mistakes.
    static let maximumAge = 120

    let index: SchemaIndex
    let currentYear: Int

    var schema: AttributeSchema { index.schema }

    /// The stored form, or every problem found (never both).
    enum Outcome: Sendable {
        case valid(ValidEnrollment)
        case invalid([RegistryError])
    }

    func validate(_ enrollment: Enrollment) -> Outcome {
        var problems: [RegistryError] = []
        let name = checkName(enrollment.name, into: &problems)
        let phone = checkPhone(enrollment.phone, into: &problems)
        let email = checkEmail(enrollment.email, into: &problems)
        checkBirthYear(enrollment.birthYear, into: &problems)
        let attributes = checkAttributes(enrollment.attributes, partial: false, into: &problems)
        if !enrollment.consent { problems.append(.consentRequired) }
        guard problems.isEmpty, let name, let phone else { return .invalid(problems) }
        return .valid(
            ValidEnrollment(
                name: name, phone: phone, email: email, birthYear: enrollment.birthYear, attributes: attributes))
    }

    func checkName(_ text: String, into problems: inout [RegistryError]) -> String? {
        let name = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty {
            problems.append(.invalidField(name: "name", reason: "is required"))
            return nil
        }
        if name.count > Self.maximumNameLength || name.contains(where: { $0.isNewline }) {
            problems.append(
                .invalidField(name: "name", reason: "must be one line of at most \(Self.maximumNameLength) characters"))
            return nil
        }
        return name
    }

    func checkPhone(_ text: String, into problems: inout [RegistryError]) -> String? {
        guard let phone = PhoneNumber.normalize(text.trimmingCharacters(in: .whitespaces)) else {
            problems.append(.invalidField(name: "phone", reason: "is not a mainland mobile number (1[3-9] and 9 digits)"))
            return nil
        }
        return phone
    }

    /// nil for no email; an empty string also means none.
    func checkEmail(_ text: String?, into problems: inout [RegistryError]) -> String? {
        guard let email = text?.trimmingCharacters(in: .whitespaces), !email.isEmpty else { return nil }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard email.count <= Self.maximumEmailLength, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), !email.contains(where: { $0.isWhitespace })
        else {
            problems.append(.invalidField(name: "email", reason: "is not an email address"))
            return nil
        }
        return email
    }

    func checkBirthYear(_ year: Int, into problems: inout [RegistryError]) {
        let age = currentYear - year
        if age > Self.maximumAge || age < 0 {
            problems.append(.invalidField(name: "birth_year", reason: "\(year) is not a plausible birth year"))
        } else if age < schema.age.minimum {
            problems.append(.tooYoung(minimumAge: schema.age.minimum))
        }
    }

    /// Resolves attribute values to codes. Unless `partial`, every schema attribute must be present.
    func checkAttributes(_ given: [String: String], partial: Bool, into problems: inout [RegistryError])
        -> [String: String]
    {
        var codes: [String: String] = [:]
        for name in given.keys.sorted() where schema.attribute(named: name) == nil {
            problems.append(.invalidField(name: name, reason: "is not an attribute of the schema"))
        }
        for attribute in schema.attributes {
            guard let text = given[attribute.name] else {
                if !partial { problems.append(.invalidField(name: attribute.name, reason: "is required")) }
                continue
            }
            guard let code = index.code(for: text, attribute: attribute.name) else {
                problems.append(
                    .invalidField(name: attribute.name, reason: "'\(text)' is not one of its values or labels"))
                continue
            }
            codes[attribute.name] = code
        }
        return codes
    }
}

/// The stored form of attributes: a flat JSON object of codes, keys in byte order.
enum AttributesJSON {
    static func encode(_ attributes: [String: String]) -> String {
        // Names are identifiers and codes are plain ASCII (SchemaRules), so no escaping is needed.
        let body = attributes.keys.sorted().map { "\"\($0)\":\"\(attributes[$0] ?? "")\"" }.joined(separator: ",")
        return "{" + body + "}"
    }

    static func decode(_ text: String) -> [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
    }
}
