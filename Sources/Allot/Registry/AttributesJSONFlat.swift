extension AttributesJSON {
    /// Decodes the flat object `encode` writes (`{"a":"x","b":"y"}`, no escapes) without a JSON
    /// decoder: eligibility reads every person of a city's registry, where this is ~20× faster.
    /// Anything else (an escape, other spacing) falls back to `decode`.
    static func decodeFlat(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        var utf8 = text.utf8[...]
        guard utf8.first == UInt8(ascii: "{"), utf8.last == UInt8(ascii: "}"), !utf8.contains(UInt8(ascii: "\\")) else {
            return decode(text)
        }
        utf8 = utf8.dropFirst().dropLast()
        let quote = UInt8(ascii: "\"")
        var strings: [String] = []
        while let open = utf8.firstIndex(of: quote) {
            let rest = utf8[utf8.index(after: open)...]
            guard let close = rest.firstIndex(of: quote) else { return decode(text) }
            strings.append(String(decoding: rest[..<close], as: UTF8.self))
            utf8 = rest[rest.index(after: close)...]
        }
        guard strings.count % 2 == 0 else { return decode(text) }
        for index in stride(from: 0, to: strings.count, by: 2) { result[strings[index]] = strings[index + 1] }
        return result
    }
}
