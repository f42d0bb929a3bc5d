import Sortition

/// The checks an event's fields must pass, shared by create and update.
enum EventRules {
    /// Longest title, department or place: enough for any real one, short enough for an SMS template.
    static let maxTextLength = 200
    /// Largest panel: a city hall holds a few hundred; LEXIMIN is benchmarked to k = 200.
    static let maxSeats = 10_000
    static let maxReserves = 100_000
    /// Ten years: a longer fresh-faces window would exclude nearly everyone who ever took part.
    static let maxCooldownDays = 3650

    static func text(_ value: String, field: String, required: Bool = true) throws(EventError) -> String? {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            if required { throw .invalidField(field: field, reason: "is required") }
            return nil
        }
        guard trimmed.count <= maxTextLength else {
            throw .invalidField(field: field, reason: "is longer than \(maxTextLength) characters")
        }
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalidField(field: field, reason: "contains control characters or line breaks")
        }
        return trimmed
    }

    static func kind(_ text: String) throws(EventError) -> EventKind {
        guard let kind = EventKind(rawValue: text) else {
            throw .invalidField(
                field: "kind", reason: "must be one of \(EventKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return kind
    }

    static func time(_ text: String, field: String) throws(EventError) -> String {
        guard let normalized = LocalTime.normalized(text) else {
            throw .invalidField(field: field, reason: "must be a local time YYYY-MM-DDTHH:MM (Asia/Shanghai), got '\(text)'")
        }
        return normalized
    }

    static func number(_ value: Int, field: String, in range: ClosedRange<Int>) throws(EventError) -> Int {
        guard range.contains(value) else {
            throw .invalidField(field: field, reason: "must be from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// The filter with value labels turned into codes; unknown attributes or values are refused.
    static func eligibility(_ filter: EligibilityFilter, schema: AttributeSchema) throws(EventError) -> EligibilityFilter {
        var attributes: [String: [String]] = [:]
        for (name, values) in filter.attributes {
            let known: [String]
            if name == QuotaPlanner.ageAttribute {
                known = schema.age.bands.map(\.code)
            } else if let attribute = schema.attribute(named: name) {
                known = attribute.values.map(\.code)
            } else {
                throw .invalidField(field: "eligibility.attributes", reason: "unknown attribute '\(name)'")
            }
            var codes: [String] = []
            for value in values {
                let code =
                    known.first { $0 == value }
                    ?? schema.attribute(named: name)?.values.first {
                        $0.labels.zh == value || $0.labels.en.lowercased() == value.lowercased()
                    }?.code
                guard let code else {
                    throw .invalidField(field: "eligibility.attributes", reason: "unknown value '\(value)' of '\(name)'")
                }
                codes.append(code)
            }
            guard !codes.isEmpty else {
                throw .invalidField(field: "eligibility.attributes", reason: "'\(name)' allows no value")
            }
            attributes[name] = codes
        }
        if let age = filter.minimumAge { _ = try number(age, field: "eligibility.minimumAge", in: 0...150) }
        return EligibilityFilter(attributes: attributes, minimumAge: filter.minimumAge)
    }

    static func joint(_ inputs: [JointQuotaInput], seats: Int) throws(EventError) -> [JointQuota] {
        try inputs.map { input throws(EventError) in
            guard input.min >= 0, input.min <= input.max, input.max <= seats else {
                throw .invalidQuotas(
                    "joint \(input.attribute1)=\(input.value1) × \(input.attribute2)=\(input.value2): "
                        + "seats \(input.min)-\(input.max) must satisfy 0 ≤ min ≤ max ≤ \(seats)")
            }
            return JointQuota(
                feature1: input.attribute1, value1: input.value1, feature2: input.attribute2, value2: input.value2,
                min: input.min, max: input.max)
        }
    }

    /// Checks the quotas as a whole with the engine's own rules (unknown joint values, bounds).
    static func check(_ quotas: EventQuotas, seats: Int) throws(EventError) {
        _ = try quotas.quotas(seats: seats)
    }
}
