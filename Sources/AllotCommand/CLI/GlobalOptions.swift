/// Options every command accepts, before or after its words: `--db`, `--config`, `--json`.
struct GlobalOptions: Sendable, Equatable {
    /// Database file used when neither `--db` nor `$ALLOT_DB` is given.
    static let defaultDatabasePath = "allot.db"
    /// Configuration file used when neither `--config` nor `$ALLOT_CONFIG` is given.
    static let defaultConfigPath = "config/allot.json"

    /// The global parameters, as help lists them.
    static let parameters: [Parameter] = [
        .option(
            "db", value: "PATH",
            help: "database file (default: $ALLOT_DB, else the config's database, else \(defaultDatabasePath))"),
        .option("config", value: "PATH", help: "configuration file (default: $ALLOT_CONFIG, else \(defaultConfigPath), else the built-in default)"),
        .flag("json", help: "print one JSON document on stdout instead of text"),
        .flag("help", help: "show help for this command"),
    ]

    /// `--db` or `$ALLOT_DB`; nil when neither is given (then the configuration decides).
    var databasePath: String?
    var configPath: String
    /// Whether `--config` or `$ALLOT_CONFIG` named the configuration (then a missing file is an error;
    /// otherwise a missing `config/allot.json` falls back to the built-in default).
    var configNamed: Bool
    var json: Bool

    /// Defaults, with `$ALLOT_DB` and `$ALLOT_CONFIG` taken from `environment` when set and not empty.
    init(environment: [String: String]) {
        databasePath = environment["ALLOT_DB"].flatMap { $0.isEmpty ? nil : $0 }
        let named = environment["ALLOT_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
        configPath = named ?? Self.defaultConfigPath
        configNamed = named != nil
        json = false
    }
}
