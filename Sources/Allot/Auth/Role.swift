/// What a token holder may do. `admin` includes everything `organizer` may do; `evaluator` sees aggregates
/// and pseudonymous records only; `citizen` acts on their own record.
public enum Role: String, Codable, Sendable, CaseIterable {
    case admin
    case organizer
    case evaluator
    case citizen

    /// Whether a holder of this role may act where `required` is asked for (admin ⊃ organizer).
    public func satisfies(_ required: Role) -> Bool {
        self == required || (self == .admin && required == .organizer)
    }
}
