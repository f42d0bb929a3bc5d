/// What went wrong when building a pool or quotas; each case carries what the user needs to fix the input.
public enum SortitionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A feature name that the quotas do not define.
    case unknownFeature(String)
    /// A value that is not among the feature's values (`person` is nil for a quota line).
    case unknownValue(feature: String, value: String, person: String?)
    /// A person has no value for a feature.
    case missingValue(feature: String, person: String)
    /// Two people share an id.
    case duplicatePerson(String)
    /// The same feature value (or joint pair) is given twice.
    case duplicateQuota(String)
    /// A quota whose minimum exceeds its maximum, or with a negative bound.
    case invalidBounds(quota: String, min: Int, max: Int)
    /// A panel size below 1 or above the pool size.
    case invalidPanelSize(size: Int, poolSize: Int?)
    /// A target share outside [0, 1] or not a number.
    case invalidShare(feature: String, value: String, share: Double)
    /// A joint quota whose two features are the same.
    case jointSameFeature(String)
    /// The pool was built for other features than the quotas.
    case featuresMismatch

    public var description: String {
        switch self {
        case .unknownFeature(let name): return "unknown feature '\(name)'"
        case .unknownValue(let feature, let value, let person):
            let who = person.map { " for person '\($0)'" } ?? ""
            return "unknown value '\(value)' of feature '\(feature)'\(who)"
        case .missingValue(let feature, let person): return "person '\(person)' has no value for feature '\(feature)'"
        case .duplicatePerson(let id): return "person id '\(id)' appears more than once"
        case .duplicateQuota(let what): return "quota for \(what) is given more than once"
        case .invalidBounds(let quota, let min, let max): return "quota \(quota) has invalid bounds min \(min), max \(max)"
        case .invalidPanelSize(let size, let poolSize):
            let pool = poolSize.map { " (pool has \($0) people)" } ?? ""
            return "panel size \(size) is invalid\(pool)"
        case .invalidShare(let feature, let value, let share): return "target share \(share) of \(feature)=\(value) is not in [0, 1]"
        case .jointSameFeature(let name): return "joint quota pairs feature '\(name)' with itself"
        case .featuresMismatch: return "the pool and the quotas are built on different features"
        }
    }
}
