/// Fast lookup from what people type (a code, or a zh or en label, any case) to a value, by attribute
/// position in the schema; and the stored attribute JSON for a combination of values.
struct SchemaIndex: Sendable {
    /// Largest number of value combinations whose JSON is built once up front (the default schema has
    /// 6,400); larger schemas build it per person.
    static let precomputedCombinationLimit = 1 << 16

    let schema: AttributeSchema
    /// Per attribute, in schema order: folded spelling → value position.
    private let spellings: [[String: Int]]
    /// Attribute positions in byte order of their names: the key order of stored attribute JSON.
    private let jsonOrder: [Int]
    /// Mixed-radix weights turning one value position per attribute into a combination number.
    private let strides: [Int]
    /// JSON per combination number, when the schema is small enough.
    private let jsonByCombination: [String]?

    init(_ schema: AttributeSchema) {
        self.schema = schema
        spellings = schema.attributes.map { attribute in
            var table: [String: Int] = [:]
            for (position, value) in attribute.values.enumerated() {
                for spelling in [value.code, value.labels.zh, value.labels.en] {
                    table[Self.fold(spelling)] = position
                }
            }
            return table
        }
        let order = schema.attributes.indices.sorted { schema.attributes[$0].name < schema.attributes[$1].name }
        jsonOrder = order
        var strides: [Int] = []
        var combinations = 1
        for attribute in schema.attributes {
            strides.append(combinations)
            combinations = combinations.multipliedReportingOverflow(by: max(attribute.values.count, 1)).partialValue
            if combinations > Self.precomputedCombinationLimit || combinations <= 0 {
                combinations = Self.precomputedCombinationLimit + 1
            }
        }
        self.strides = strides
        if combinations <= Self.precomputedCombinationLimit {
            jsonByCombination = (0..<combinations).map { number in
                let positions = strides.indices.map { (number / strides[$0]) % schema.attributes[$0].values.count }
                return Self.buildJSON(schema: schema, order: order, positions: positions)
            }
        } else {
            jsonByCombination = nil
        }
    }

    /// The position of the value `text` names for the attribute at `attribute`, or nil when it names none.
    func valuePosition(for text: String, at attribute: Int) -> Int? {
        let table = spellings[attribute]
        if let exact = table[text] { return exact }
        return table[Self.fold(text)]
    }

    /// The value code `text` names for the attribute at `position`, or nil when it names none.
    func code(for text: String, at position: Int) -> String? {
        valuePosition(for: text, at: position).map { schema.attributes[position].values[$0].code }
    }

    /// Stored attribute JSON from one value position per attribute, in schema order.
    func json(positions: [Int]) -> String {
        if let table = jsonByCombination {
            var number = 0
            for (attribute, position) in positions.enumerated() { number += position * strides[attribute] }
            return table[number]
        }
        return Self.buildJSON(schema: schema, order: jsonOrder, positions: positions)
    }

    private static func buildJSON(schema: AttributeSchema, order: [Int], positions: [Int]) -> String {
        // Names are identifiers and codes are plain ASCII (SchemaRules), so no escaping is needed.
        let pairs = order.map { attribute in
            let code = schema.attributes[attribute].values[positions[attribute]].code
            return "\"" + schema.attributes[attribute].name + "\":\"" + code + "\""
        }
        return "{" + pairs.joined(separator: ",") + "}"
    }

    /// Trimmed and lowercased, so `Female`, ` female ` and `female` are one spelling.
    static func fold(_ text: String) -> String {
        TextRules.trimmed(text).lowercased()
    }
}
