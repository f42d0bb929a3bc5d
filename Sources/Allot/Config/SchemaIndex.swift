/// Fast lookup from what people type (a code, or a zh or en label, any case) to a value code, by
/// attribute position in the schema.
struct SchemaIndex: Sendable {
    let schema: AttributeSchema
    /// Per attribute, in schema order: folded spelling → value code.
    private let spellings: [[String: String]]
    /// Attribute positions in byte order of their names: the key order of stored attribute JSON.
    private let jsonOrder: [Int]

    init(_ schema: AttributeSchema) {
        self.schema = schema
        spellings = schema.attributes.map { attribute in
            var table: [String: String] = [:]
            for value in attribute.values {
                for spelling in [value.code, value.labels.zh, value.labels.en] {
                    table[Self.fold(spelling)] = value.code
                }
            }
            return table
        }
        jsonOrder = schema.attributes.indices.sorted { schema.attributes[$0].name < schema.attributes[$1].name }
    }

    /// The value code `text` names for the attribute at `position`, or nil when it names none.
    func code(for text: String, at position: Int) -> String? {
        let table = spellings[position]
        if let exact = table[text] { return exact }
        return table[Self.fold(text)]
    }

    /// Stored attribute JSON from one code per attribute in schema order.
    func json(codes: [String]) -> String {
        // Names are identifiers and codes are plain ASCII (SchemaRules), so no escaping is needed.
        var text = "{"
        for position in jsonOrder {
            if position != jsonOrder[0] { text += "," }
            text += "\"" + schema.attributes[position].name + "\":\"" + codes[position] + "\""
        }
        return text + "}"
    }

    /// Trimmed and lowercased, so `Female`, ` female ` and `female` are one spelling.
    static func fold(_ text: String) -> String {
        TextRules.trimmed(text).lowercased()
    }
}
