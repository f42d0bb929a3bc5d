/// What went wrong when rounding a lottery or drawing from it; each case says what to fix.
public enum DrawError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A lottery size below 1.
    case invalidLotterySize(Int)
    /// A distribution without panels (or whose probabilities are all zero).
    case emptyDistribution
    /// A panel of the distribution names a type the pool does not have.
    case typeOutOfRange(Int)

    public var description: String {
        switch self {
        case .invalidLotterySize(let m): return "lottery size \(m) is invalid: it must be at least 1"
        case .emptyDistribution: return "the distribution has no panel with positive probability"
        case .typeOutOfRange(let type): return "the distribution names type \(type), which the pool does not have"
        }
    }
}
