/// Checks a configured schema once, at load time, so the registry can rely on it.
enum SchemaRules {
    /// Column names of the volunteer CSV that are not attributes (INTERFACE.md §3), plus `age`,
    /// which is derived from the birth year.
    static let reservedNames: Set<String> = ["name", "phone", "email", "birth_year", "consent", "age", "pid"]

    static func check(_ schema: AttributeSchema, path: String) throws(ConfigError) {
        func fail(_ reason: String) -> ConfigError { .invalid(path: path, reason: reason) }
        var names: Set<String> = []
        for attribute in schema.attributes {
            guard isIdentifier(attribute.name) else {
                throw fail("attribute name '\(attribute.name)' must be lowercase letters, digits and '_'")
            }
            guard !reservedNames.contains(attribute.name) else {
                throw fail("attribute name '\(attribute.name)' is reserved")
            }
            guard names.insert(attribute.name).inserted else { throw fail("attribute '\(attribute.name)' twice") }
            guard !attribute.values.isEmpty else { throw fail("attribute '\(attribute.name)' has no values") }
            // Codes and labels must name one value each, since imports accept any of them.
            var spellings: [String: String] = [:]
            var codes: Set<String> = []
            for value in attribute.values {
                guard codes.insert(value.code).inserted else {
                    throw fail("value code '\(value.code)' appears twice in '\(attribute.name)'")
                }
                guard isValueCode(value.code) else {
                    throw fail(
                        "value code '\(value.code)' of '\(attribute.name)' must be ASCII letters, digits, '_-+.'")
                }
                for spelling in Set([value.code, value.labels.zh, value.labels.en].map(SchemaIndex.fold)) {
                    if let other = spellings[spelling], other != value.code {
                        throw fail("'\(spelling)' names both '\(other)' and '\(value.code)' in '\(attribute.name)'")
                    }
                    spellings[spelling] = value.code
                }
            }
        }
        let age = schema.age
        guard age.minimum >= 0, let first = age.bands.first else { throw fail("age needs a minimum and bands") }
        guard first.min == age.minimum else { throw fail("the first age band must start at the minimum age") }
        for (band, next) in zip(age.bands, age.bands.dropFirst()) {
            guard let upper = band.max, upper >= band.min, next.min == upper + 1 else {
                throw fail("age bands must be ascending and contiguous ('\(band.code)', '\(next.code)')")
            }
        }
        if let last = age.bands.last, let upper = last.max, upper < last.min {
            throw fail("age band '\(last.code)' is empty")
        }
        guard Set(age.bands.map(\.code)).count == age.bands.count else { throw fail("age band codes repeat") }
        if let bad = age.bands.first(where: { !isValueCode($0.code) }) {
            throw fail("age band code '\(bad.code)' must be ASCII letters, digits, '_-+.'")
        }
    }

    /// Value codes are plain ASCII, so they need no quoting in CSV, JSON or the draw protocol's texts.
    static func isValueCode(_ text: String) -> Bool {
        !text.isEmpty
            && text.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                    || "_-+.".unicodeScalars.contains($0)
            }
    }

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}
