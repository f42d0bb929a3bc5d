/// One `allot` command, declared as data: its words, a one-line abstract, its parameters and what it runs.
///
/// Groups (`pool`, `person`, …) are not declared: they are the shared leading words of command paths,
/// and their help lists the commands under them.
struct Command: Sendable {
    /// The words that name the command after `allot`, e.g. `["pool", "import"]`.
    let path: [String]
    /// One line for listings and the first line of `--help`.
    let abstract: String
    /// Longer text shown by `--help` after the usage line, or empty.
    let discussion: String
    /// Options, flags and positional arguments, in the order help lists them.
    let parameters: [Parameter]
    /// The work: reads its values from the invocation, prints through it, throws on failure.
    let run: @Sendable (Invocation) throws -> Void

    init(
        _ path: [String],
        abstract: String,
        discussion: String = "",
        parameters: [Parameter] = [],
        run: @escaping @Sendable (Invocation) throws -> Void
    ) {
        self.path = path
        self.abstract = abstract
        self.discussion = discussion
        self.parameters = parameters
        self.run = run
    }

    /// `allot pool import`, as shown in usage lines and errors.
    var displayName: String { (["allot"] + path).joined(separator: " ") }
}

/// A command-line parameter: an option with a value, a boolean flag, or a positional argument.
struct Parameter: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// `--name VALUE` or `--name=VALUE`; `required` options must be given.
        case option(valueName: String, required: Bool)
        /// `--name`, true when present.
        case flag
        /// A positional argument; `required` ones must be given, optional ones come last.
        case argument(required: Bool)
    }

    let name: String
    let kind: Kind
    let help: String

    static func option(_ name: String, value: String = "VALUE", required: Bool = false, help: String) -> Parameter {
        Parameter(name: name, kind: .option(valueName: value, required: required), help: help)
    }

    static func flag(_ name: String, help: String) -> Parameter {
        Parameter(name: name, kind: .flag, help: help)
    }

    static func argument(_ name: String, required: Bool = true, help: String) -> Parameter {
        Parameter(name: name, kind: .argument(required: required), help: help)
    }

    var isPositional: Bool {
        if case .argument = kind { return true }
        return false
    }
}
