/// A command line that cannot be run as written; `allot` prints it on one line and exits with 2.
struct UsageError: Error, Equatable, Sendable {
    /// What is wrong, naming the option, argument or command at fault.
    let message: String
    /// The command (or group) whose `--help` explains the correct use, e.g. `allot pool import`.
    let helpTopic: String

    /// The single stderr line.
    var line: String { "allot: \(message) (see '\(helpTopic) --help')" }
}

/// A command that was understood but could not do its work; exit code 1 with this one-line reason.
struct CommandFailure: Error, Sendable {
    let message: String
    init(_ message: String) { self.message = message }
}
