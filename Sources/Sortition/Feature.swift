/// One attribute of the quotas (e.g. `gender`) and the values a person may have for it.
/// Values are kept in the order given; names are matched case-insensitively after trimming.
public struct Feature: Sendable, Hashable {
    public let name: String
    public let values: [String]

    public init(name: String, values: [String]) {
        self.name = name
        self.values = values
    }

    /// The index of `value` in `values`, compared case-insensitively after trimming, or nil.
    public func index(of value: String) -> Int? {
        let key = Feature.normalized(value)
        return values.firstIndex { Feature.normalized($0) == key }
    }

    /// The form under which names and values are compared (INTERFACE.md §2).
    static func normalized(_ text: String) -> String {
        text.trimmingWhitespace().lowercased()
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks (no Foundation needed).
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}

extension Array where Element == Feature {
    /// The index of the feature called `name` (case-insensitive, trimmed), or nil.
    func featureIndex(named name: String) -> Int? {
        let key = Feature.normalized(name)
        return firstIndex { Feature.normalized($0.name) == key }
    }
}
