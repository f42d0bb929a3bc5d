import Foundation

/// Fast lookup from what people type (a code, or a zh or en label, any case) to a value code.
struct SchemaIndex: Sendable {
    let schema: AttributeSchema
    /// attribute name → folded spelling → value code.
    private let spellings: [String: [String: String]]

    init(_ schema: AttributeSchema) {
        self.schema = schema
        var spellings: [String: [String: String]] = [:]
        for attribute in schema.attributes {
            var table: [String: String] = [:]
            for value in attribute.values {
                for spelling in [value.code, value.labels.zh, value.labels.en] {
                    table[Self.fold(spelling)] = value.code
                }
            }
            spellings[attribute.name] = table
        }
        self.spellings = spellings
    }

    /// The value code `text` names for `attribute`, or nil when it names none.
    func code(for text: String, attribute: String) -> String? {
        guard let table = spellings[attribute] else { return nil }
        if let exact = table[text] { return exact }
        return table[Self.fold(text)]
    }

    /// Trimmed and lowercased, so `Female`, ` female ` and `female` are one spelling.
    static func fold(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespaces).lowercased()
    }
}
