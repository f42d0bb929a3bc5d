/// Why a registry use case refused, with a stable `code` for the API and a message for people.
public enum RegistryError: AllotError, Equatable {
    /// A field is missing or malformed; `name` is the field as the API spells it (`phone`, `birthYear`,
    /// an attribute name); CSV imports name the column (`birth_year`).
    case invalidField(name: String, reason: String)
    /// The phone number already belongs to an active enrollment.
    case duplicatePhone
    /// Consent was not given.
    case consentRequired
    /// Younger than the configured minimum age.
    case tooYoung(minimumAge: Int)
    /// No person with this pid.
    case notFound(pid: String)
    /// The person has already withdrawn.
    case alreadyWithdrawn(pid: String)

    /// The same error naming field `old` as `new` (a CSV column spelled differently from the API field).
    func renamingField(_ old: String, to new: String) -> RegistryError {
        guard case .invalidField(old, let reason) = self else { return self }
        return .invalidField(name: new, reason: reason)
    }

    public var code: String {
        switch self {
        case .invalidField: return "invalid_field"
        case .duplicatePhone: return "duplicate_phone"
        case .consentRequired: return "consent_required"
        case .tooYoung: return "too_young"
        case .notFound: return "not_found"
        case .alreadyWithdrawn: return "already_withdrawn"
        }
    }

    public var message: String {
        switch self {
        case .invalidField(let name, let reason): return "\(name): \(reason)"
        case .duplicatePhone: return "this phone number is already enrolled"
        case .consentRequired: return "consent is required to enroll"
        case .tooYoung(let minimum): return "volunteers must be at least \(minimum) years old"
        case .notFound(let pid): return "no person with pid \(pid)"
        case .alreadyWithdrawn(let pid): return "person \(pid) has already withdrawn"
        }
    }

    public var category: ErrorCategory {
        switch self {
        case .invalidField, .consentRequired, .tooYoung: return .invalidInput
        case .duplicatePhone, .alreadyWithdrawn: return .conflict
        case .notFound: return .notFound
        }
    }
}
