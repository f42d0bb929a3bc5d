import Allot
import Foundation

/// Wiring shared by the commands: configuration, the database and progress output.
extension Invocation {
    /// The configuration named by `--config` / `$ALLOT_CONFIG`, else `config/allot.json` in the working
    /// directory, else (with a notice on stderr) the built-in default, so the binary works from anywhere.
    func config() throws -> AllotConfig {
        if !globals.configNamed && !FileManager.default.fileExists(atPath: globals.configPath) {
            diagnostics(
                "allot: note: no \(globals.configPath) in this directory; using the built-in default schema "
                    + "(name a city's configuration with --config PATH or $ALLOT_CONFIG)\n")
            return AllotConfig.builtInDefault
        }
        return try AllotConfig.load(path: globals.configPath)
    }

    /// `--db`, else `$ALLOT_DB`, else the configuration's `database`, else `allot.db`.
    func databasePath(config: AllotConfig?) -> String {
        globals.databasePath ?? config?.database ?? GlobalOptions.defaultDatabasePath
    }

    /// Opens the existing database (migrating it if older).
    func openDatabase(config: AllotConfig?) throws -> Database {
        try Database.open(path: databasePath(config: config))
    }

    /// The registry over the configured database.
    func registry() throws -> Registry {
        let config = try config()
        return Registry(database: try openDatabase(config: config), config: config)
    }

    /// A progress callback writing to stderr, or nil when stderr is not a terminal. Each report
    /// overwrites the line; call `endProgress` before printing the result so it starts on a line of its own.
    func progress(_ noun: String) -> (@Sendable (Int) -> Void)? {
        guard isatty(STDERR_FILENO) != 0 else { return nil }
        let diagnostics = self.diagnostics
        return { count in diagnostics("\r\(count) \(noun)…") }
    }

    /// Clears the progress line that `progress` may have written (a no-op when stderr is not a terminal).
    func endProgress() {
        guard isatty(STDERR_FILENO) != 0 else { return }
        diagnostics("\r\u{1B}[K")
    }
}
