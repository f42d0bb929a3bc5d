/// A message text with `{name}` placeholders (names are snake_case ASCII), parsed once and checked when
/// the configuration loads. A `{` that does not open a valid placeholder is an error, so a typo such as
/// `{title` cannot reach a citizen's phone.
struct MessageTemplate: Sendable, Equatable {
    enum Part: Sendable, Equatable {
        case text(String)
        case placeholder(String)
    }

    let parts: [Part]

    /// Parses `source`; the error names what is wrong.
    init(_ source: String) throws(MessageTemplateSyntaxError) {
        var parts: [Part] = []
        var literal = ""
        var rest = Substring(source)
        while let open = rest.firstIndex(of: "{") {
            literal += rest[..<open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "}") else {
                throw MessageTemplateSyntaxError(reason: "a '{' is never closed")
            }
            let name = String(rest[afterOpen..<close])
            guard MessageKind.isValidName(name) else {
                throw MessageTemplateSyntaxError(reason: "'{\(name)}' is not a placeholder (use {snake_case})")
            }
            if !literal.isEmpty { parts.append(.text(literal)) }
            literal = ""
            parts.append(.placeholder(name))
            rest = rest[rest.index(after: close)...]
        }
        literal += rest
        if !literal.isEmpty { parts.append(.text(literal)) }
        let placeholderCount = parts.count { if case .placeholder = $0 { true } else { false } }
        guard source.count(where: { $0 == "}" }) == placeholderCount else {
            throw MessageTemplateSyntaxError(reason: "a '}' closes no placeholder")
        }
        self.parts = parts
    }

    /// The placeholder names, in order of first use.
    var placeholders: [String] {
        var seen: Set<String> = []
        return parts.compactMap { part in
            guard case .placeholder(let name) = part, seen.insert(name).inserted else { return nil }
            return name
        }
    }

    /// The text with every placeholder replaced; the name of the first missing parameter otherwise.
    func render(_ parameters: [String: String]) -> Result<String, MissingParameter> {
        var text = ""
        for part in parts {
            switch part {
            case .text(let literal): text += literal
            case .placeholder(let name):
                guard let value = parameters[name] else { return .failure(MissingParameter(name: name)) }
                text += value
            }
        }
        return .success(text)
    }

    /// The text with every placeholder left out: the least any message of this template takes.
    var fixedText: String {
        parts.map { part in
            if case .text(let literal) = part { return literal }
            return ""
        }.joined()
    }

    struct MissingParameter: Error, Equatable {
        let name: String
    }
}

/// Why a template does not parse.
struct MessageTemplateSyntaxError: Error, Equatable {
    let reason: String
}
