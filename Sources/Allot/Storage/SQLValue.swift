/// A value bound to a statement parameter or read from a column.
enum SQLValue: Sendable, Equatable {
    case integer(Int64)
    case real(Double)
    case text(String)
    case null

    init(_ value: Int) { self = .integer(Int64(value)) }

    /// `.text(value)` or `.null` when absent.
    init(_ value: String?) { self = value.map(SQLValue.text) ?? .null }
}
