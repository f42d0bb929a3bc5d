import Foundation

/// What a command's `run` receives: the parsed values, the global options and where to print.
struct Invocation: Sendable {
    /// Values given on the command line, by parameter name.
    struct Values: Sendable, Equatable {
        var options: [String: String] = [:]
        var flags: Set<String> = []
        var arguments: [String: String] = [:]
    }

    let command: Command
    let values: Values
    let globals: GlobalOptions
    /// Writes to stdout (the program's output).
    let output: @Sendable (String) -> Void
    /// Writes to stderr (progress and notes).
    let diagnostics: @Sendable (String) -> Void

    /// `--json` was given.
    var json: Bool { globals.json }

    /// The value of an option, or nil when it was not given.
    func option(_ name: String) -> String? { values.options[name] }

    /// Whether a flag was given.
    func flag(_ name: String) -> Bool { values.flags.contains(name) }

    /// A positional argument, or nil when an optional one was left out.
    func argument(_ name: String) -> String? { values.arguments[name] }

    /// A required option or argument; the parser has already checked that it is there.
    func required(_ name: String) throws(UsageError) -> String {
        guard let value = values.options[name] ?? values.arguments[name] else {
            throw UsageError(message: "missing \(name)", helpTopic: command.displayName)
        }
        return value
    }

    /// An option read as an integer in `range`, or nil when not given; anything else is a usage error.
    func integer(_ name: String, in range: ClosedRange<Int>) throws(UsageError) -> Int? {
        guard let text = values.options[name] else { return nil }
        guard let number = Int(text), range.contains(number) else {
            throw UsageError(
                message:
                    "option '--\(name)' needs an integer from \(range.lowerBound) to \(range.upperBound), got '\(text)'",
                helpTopic: command.displayName)
        }
        return number
    }

    /// Prints one line of text on stdout.
    func print(_ line: String) { output(line + "\n") }

    /// Prints `value` as one JSON document on stdout (sorted keys, so output is stable).
    func printJSON(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        output(String(decoding: data, as: UTF8.self) + "\n")
    }
}
