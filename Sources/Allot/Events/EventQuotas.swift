import Sortition

/// Where one value's seats came from.
public enum QuotaOrigin: String, Codable, Sendable {
    /// floor/ceil of seats × the census share in the targets file.
    case derived
    /// Set by the organizer.
    case explicit
    /// The attribute is left unconstrained by the organizer (0…seats).
    case unconstrained
    /// The targets file has no figure for this value: the organizer must give seats before preparing.
    case missing
}

/// The seats one attribute value may hold on the panel, with the share and source behind them.
public struct ValueSeats: Codable, Sendable, Equatable {
    public var attribute: String
    public var value: String
    public var min: Int
    public var max: Int
    public var origin: QuotaOrigin
    /// The census share from the targets file, when it has one (the middle of `shareRange`, if given).
    public var share: Double?
    /// `[lower, upper]` where the census bounds the share instead of giving it (the adult age bands).
    public var shareRange: [Double]?
    /// What the targets file says of the figure (its status and source), or why there is none.
    public var note: String?
}

/// An event's quotas: one line per attribute value (age bands included) and optional joint quotas.
public struct EventQuotas: Codable, Sendable, Equatable {
    /// The targets file the derived seats came from, if any.
    public var targets: String?
    public var values: [ValueSeats]
    public var joint: [JointQuota]

    /// Values still waiting for explicit seats.
    public var missing: [ValueSeats] { values.filter { $0.origin == .missing } }

    /// The quotas for the selection engine, for a panel of `seats`.
    func quotas(seats: Int) throws(EventError) -> Quotas {
        let lines = values.map { ValueQuota(feature: $0.attribute, value: $0.value, min: $0.min, max: $0.max) }
        do {
            return try Quotas(panelSize: seats, quotas: lines, joint: joint)
        } catch {
            throw .invalidQuotas(error.description)
        }
    }

    /// The quotas for a top-up draw of `openSeats`: every bound, joint quotas included, lowered by the
    /// seats that `held` (each held seat's attribute values) already take; a minimum never below 0, a
    /// maximum never above the open seats.
    func reduced(by held: [[String: String]], openSeats: Int) throws(EventError) -> Quotas {
        func lowered(min low: Int, max high: Int, have: Int) -> (min: Int, max: Int) {
            (Swift.max(0, low - have), Swift.max(0, Swift.min(openSeats, high - have)))
        }
        let lines = values.map { line in
            let bounds = lowered(min: line.min, max: line.max, have: held.count { $0[line.attribute] == line.value })
            return ValueQuota(feature: line.attribute, value: line.value, min: bounds.min, max: bounds.max)
        }
        let reducedJoint = joint.map { quota in
            let have = held.count { $0[quota.feature1] == quota.value1 && $0[quota.feature2] == quota.value2 }
            let bounds = lowered(min: quota.min, max: quota.max, have: have)
            return JointQuota(
                feature1: quota.feature1, value1: quota.value1, feature2: quota.feature2, value2: quota.value2,
                min: bounds.min, max: bounds.max)
        }
        do {
            return try Quotas(panelSize: openSeats, quotas: lines, joint: reducedJoint)
        } catch {
            throw .invalidQuotas(error.description)
        }
    }
}
