import Allot
import Foundation

/// Parses the command line, runs the command and maps the outcome to `allot`'s exit codes
/// (INTERFACE.md §1): 0 success, 1 failure with a one-line reason on stderr, 2 usage error.
struct CommandRunner: Sendable {
    static let success: Int32 = 0
    static let failure: Int32 = 1
    static let usage: Int32 = 2

    let parser: ArgumentParser

    func run(
        _ arguments: [String],
        environment: [String: String],
        output: @escaping @Sendable (String) -> Void,
        diagnostics: @escaping @Sendable (String) -> Void
    ) -> Int32 {
        do {
            switch try parser.parse(arguments, environment: environment) {
            case .help(let text):
                output(text)
                return Self.success
            case .run(let command, let values, let globals):
                let invocation = Invocation(
                    command: command, values: values, globals: globals, output: output, diagnostics: diagnostics)
                try command.run(invocation)
                return Self.success
            }
        } catch let error as UsageError {
            diagnostics(error.line + "\n")
            return Self.usage
        } catch let error as CommandFailure {
            diagnostics("allot: \(Self.oneLine(error.message))\n")
            return Self.failure
        } catch let error as any AllotError {
            diagnostics("allot: \(Self.oneLine(error.message)) [\(error.code)]\n")
            return Self.failure
        } catch {
            diagnostics("allot: \(Self.oneLine(String(describing: error)))\n")
            return Self.failure
        }
    }

    /// Errors are one line on stderr, so scripts can read them.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: "; ")
    }
}
