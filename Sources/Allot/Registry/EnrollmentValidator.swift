import Foundation

/// An enrollment that passed every rule, in stored form.
struct ValidEnrollment: Sendable {
    let name: String
    let phone: String
    let email: String?
    let birthYear: Int
    /// The attributes as stored: a JSON object of value codes with keys in byte order.
    let attributesJSON: String
    /// The pid to keep (a CSV row exported with its pid); nil draws a fresh one.
    var pid: String? = nil
}

/// An enrollment's fields with attribute values in schema order: the form rows of a CSV file arrive in,
/// checked without building a dictionary per row.
struct EnrollmentFields {
    var name: String
    var phone: String
    var email: String?
    var birthYear: Int
    /// Value text (code or label) per schema attribute, in schema order; nil when missing.
    var values: [String?]
    var consent: Bool
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
        checkUnknownAttributes(enrollment.attributes, into: &problems)
        let fields = EnrollmentFields(
            name: enrollment.name, phone: enrollment.phone, email: enrollment.email, birthYear: enrollment.birthYear,
            values: schema.attributes.map { enrollment.attributes[$0.name] }, consent: enrollment.consent)
        return validate(fields, problems: problems)
    }

    /// Checks every field; `problems` already found are reported first.
    func validate(_ fields: EnrollmentFields, problems found: [RegistryError] = []) -> Outcome {
        var problems = found
        let name = checkName(fields.name, into: &problems)
        let phone = checkPhone(fields.phone, into: &problems)
        let email = checkEmail(fields.email, into: &problems)
        checkBirthYear(fields.birthYear, into: &problems)
        var positions: [Int] = []
        positions.reserveCapacity(fields.values.count)
        for (position, attribute) in schema.attributes.enumerated() {
            guard let text = fields.values[position] else {
                problems.append(.invalidField(name: attribute.name, reason: "is required"))
                continue
            }
            guard let value = index.valuePosition(for: text, at: position) else {
                problems.append(
                    .invalidField(name: attribute.name, reason: "'\(text)' is not one of its values or labels"))
                continue
            }
            positions.append(value)
        }
        if !fields.consent { problems.append(.consentRequired) }
        guard problems.isEmpty, let name, let phone else { return .invalid(problems) }
        return .valid(
            ValidEnrollment(
                name: name, phone: phone, email: email, birthYear: fields.birthYear,
                attributesJSON: index.json(positions: positions)))
    }

    func checkUnknownAttributes(_ given: [String: String], into problems: inout [RegistryError]) {
        var known = 0
        for attribute in schema.attributes where given[attribute.name] != nil { known += 1 }
        guard known < given.count else { return }
        for name in given.keys.sorted() where schema.attribute(named: name) == nil {
            problems.append(.invalidField(name: name, reason: "is not an attribute of the schema"))
        }
    }

    func checkName(_ text: String, into problems: inout [RegistryError]) -> String? {
        let name = TextRules.trimmed(text)
        if name.isEmpty {
            problems.append(.invalidField(name: "name", reason: "is required"))
            return nil
        }
        // Counting characters is slow; a name short in bytes is short in characters.
        let tooLong = name.utf8.count > Self.maximumNameLength && name.count > Self.maximumNameLength
        // Control characters (C0 and DEL: NUL, tab, newline, escape …) never belong in a name and would
        // corrupt exports and terminals.
        if tooLong || name.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            problems.append(
                .invalidField(
                    name: "name",
                    reason: "must be one line of at most \(Self.maximumNameLength) characters without control characters"))
            return nil
        }
        return name
    }

    func checkPhone(_ text: String, into problems: inout [RegistryError]) -> String? {
        guard let phone = PhoneNumber.normalize(text) else {
            problems.append(
                .invalidField(name: "phone", reason: "is not a mainland mobile number (1[3-9] and 9 digits)"))
            return nil
        }
        return phone
    }

    /// nil for no email; an empty string also means none.
    func checkEmail(_ text: String?, into problems: inout [RegistryError]) -> String? {
        guard let email = text.map(TextRules.trimmed), !email.isEmpty else { return nil }
        let bytes = Array(email.utf8)
        let at = bytes.firstIndex(of: UInt8(ascii: "@")) ?? 0
        let domain = bytes[(at + 1)...]
        guard bytes.count <= Self.maximumEmailLength, at > 0, bytes.lastIndex(of: UInt8(ascii: "@")) == at,
            domain.contains(UInt8(ascii: ".")), domain.first != UInt8(ascii: "."), domain.last != UInt8(ascii: "."),
            !bytes.contains(where: { $0 <= 0x20 })
        else {
            problems.append(.invalidField(name: "email", reason: "is not an email address"))
            return nil
        }
        return email
    }

    /// Age is the age reached in the calendar year (`AgeRule.age`): born 2008, 18 throughout 2026.
    func checkBirthYear(_ year: Int, into problems: inout [RegistryError]) {
        let age = schema.age.age(birthYear: year, in: currentYear)
        if age > Self.maximumAge || age < 0 {
            problems.append(.invalidField(name: "birthYear", reason: "\(year) is not a plausible birth year"))
        } else if age < schema.age.minimum {
            problems.append(.tooYoung(minimumAge: schema.age.minimum))
        }
    }

    /// Resolves the given attribute values to codes (for updates and filters: any subset of attributes).
    func checkAttributes(_ given: [String: String], into problems: inout [RegistryError]) -> [String: String] {
        checkUnknownAttributes(given, into: &problems)
        var codes: [String: String] = [:]
        for (position, attribute) in schema.attributes.enumerated() {
            guard let text = given[attribute.name] else { continue }
            guard let code = index.code(for: text, at: position) else {
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
        var text = "{"
        for name in attributes.keys.sorted() {
            if text.utf8.count > 1 { text += "," }
            text += "\"" + name + "\":\"" + (attributes[name] ?? "") + "\""
        }
        return text + "}"
    }

    static func decode(_ text: String) -> [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
    }
}
