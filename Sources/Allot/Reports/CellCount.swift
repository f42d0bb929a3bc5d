/// A per-stratum head count as evaluators see it: exact when it is 0 or at least the small-cell
/// threshold, else suppressed and shown as "<threshold". JSON carries the number, or the string "<5".
/// The exact figure stays inside the module: no output path can print it once suppressed.
public struct CellCount: Encodable, Sendable, Equatable {
    let exact: Int
    public let suppressed: Bool
    let threshold: Int

    init(_ exact: Int, threshold: Int) {
        self.exact = exact
        self.threshold = threshold
        suppressed = exact > 0 && exact < threshold
    }

    /// The number when shown, nil when suppressed.
    public var value: Int? { suppressed ? nil : exact }

    /// The text evaluators see: the number, or "<5".
    public var shown: String { suppressed ? "<\(threshold)" : String(exact) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if suppressed { try container.encode(shown) } else { try container.encode(exact) }
    }
}

/// The small-cell rule of one report: makes counts and withholds rates over suppressed cells.
struct SmallCells {
    let threshold: Int

    func count(_ exact: Int) -> CellCount { CellCount(exact, threshold: threshold) }

    /// numerator / denominator, or nil when either is suppressed or the denominator is 0.
    func rate(_ numerator: CellCount, _ denominator: CellCount) -> Double? {
        guard !numerator.suppressed, !denominator.suppressed, denominator.exact > 0 else { return nil }
        return Double(numerator.exact) / Double(denominator.exact)
    }

    /// The note every report carries.
    var note: SmallCellNote { SmallCellNote(threshold: threshold) }
}

/// What the report says about small-cell protection.
public struct SmallCellNote: Encodable, Sendable, Equatable {
    public let threshold: Int
    public var rule: String {
        "per-stratum counts from 1 to \(threshold - 1) are shown as \"<\(threshold)\"; rates, means, shares and "
            + "distances computed over such cells are withheld (left out of JSON). Pool and panel counts of the event report "
            + "are not suppressed: the public draw record publishes the pool and the panel with their attributes."
    }

    enum CodingKeys: String, CodingKey { case threshold, rule }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(threshold, forKey: .threshold)
        try container.encode(rule, forKey: .rule)
    }
}
