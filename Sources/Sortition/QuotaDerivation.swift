#if canImport(Glibc)
import Glibc // rounding functions live in libm on Linux
#endif

/// A value's share of the real population (e.g. census), from which quotas are derived.
public struct TargetShare: Sendable, Hashable {
    public var feature: String
    public var value: String
    public var share: Double

    public init(feature: String, value: String, share: Double) {
        self.feature = feature
        self.value = value
        self.share = share
    }
}

extension Quotas {
    /// Seats added on either side of `floor`/`ceil` of size × share when deriving quotas from targets.
    /// 0 keeps panels as close to the targets as whole seats allow; organizers raise it (config)
    /// when a skewed pool makes those bounds infeasible or leaves the draw too little freedom.
    public static let defaultSlack = 0

    /// Quotas for `panelSize` seats from target shares: min = floor(size × share) − slack,
    /// max = ceil(size × share) + slack, clipped to 0...size.
    public static func derived(panelSize: Int, shares: [TargetShare], slack: Int = defaultSlack,
                               joint: [JointQuota] = []) throws(SortitionError) -> Quotas {
        guard panelSize >= 1 else { throw .invalidPanelSize(size: panelSize, poolSize: nil) }
        var lines: [ValueQuota] = []
        for target in shares {
            guard target.share.isFinite, target.share >= 0, target.share <= 1 else {
                throw .invalidShare(feature: target.feature, value: target.value, share: target.share)
            }
            let seats = derivedSeats(panelSize: panelSize, share: target.share, slack: slack)
            lines.append(ValueQuota(feature: target.feature, value: target.value, min: seats.lowerBound, max: seats.upperBound))
        }
        return try Quotas(panelSize: panelSize, quotas: lines, joint: joint)
    }

    /// The seats one share gives on a panel of `panelSize`: floor(size × share) − slack through
    /// ceil(size × share) + slack, clipped to 0...size (the rule of `derived`).
    public static func derivedSeats(panelSize: Int, share: Double, slack: Int = defaultSlack) -> ClosedRange<Int> {
        /// Shares like 0.3 × 10 come out as 2.9999999999999996; round within this tolerance first.
        let tolerance = 1e-9
        let exact = Double(panelSize) * Swift.min(1, Swift.max(0, share.isFinite ? share : 0))
        let low = Int((exact + tolerance).rounded(.down)), high = Int((exact - tolerance).rounded(.up))
        let lower = Swift.max(0, low - Swift.max(0, slack)), upper = Swift.min(panelSize, high + Swift.max(0, slack))
        return lower...Swift.max(lower, upper)
    }
}
