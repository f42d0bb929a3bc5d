/// A configuration file that cannot be used, with the file and the reason.
public enum ConfigError: AllotError, Equatable {
    case unreadable(path: String)
    case invalid(path: String, reason: String)

    public var code: String {
        switch self {
        case .unreadable: return "config_unreadable"
        case .invalid: return "config_invalid"
        }
    }

    public var message: String {
        switch self {
        case .unreadable(let path):
            return "cannot read configuration file \(path): name the file with --config PATH or $ALLOT_CONFIG"
        case .invalid(let path, let reason): return "configuration \(path): \(reason)"
        }
    }

    public var category: ErrorCategory { .internal }
}
