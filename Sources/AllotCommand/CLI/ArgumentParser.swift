/// Turns `allot`'s arguments into a command to run (or help to show) against a declared command list.
///
/// Global options may appear anywhere; `--name=value` and `--name value` are both accepted; `--` ends
/// option parsing. Every mistake is a `UsageError` naming the option, argument or command at fault.
struct ArgumentParser: Sendable {
    /// What the command line asks for.
    enum Outcome: Sendable {
        case run(Command, Invocation.Values, GlobalOptions)
        /// `--help` (or `-h`) on a command, a group or the root: the help text to print on stdout.
        case help(String)
    }

    let commands: [Command]
    let help: HelpFormatter

    init(commands: [Command], groupAbstracts: [String: String] = [:]) {
        self.commands = commands
        self.help = HelpFormatter(commands: commands, groupAbstracts: groupAbstracts)
    }

    func parse(_ arguments: [String], environment: [String: String]) throws(UsageError) -> Outcome {
        var globals = GlobalOptions(environment: environment)
        var path: [String] = []
        var command: Command?
        var helpRequested = false
        var values = Invocation.Values()
        var positionals: [String] = []
        var onlyPositionals = false
        var index = 0

        func topic() -> String { (["allot"] + path).joined(separator: " ") }

        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if !onlyPositionals && argument == "--" {
                onlyPositionals = true
                continue
            }
            let isOption = !onlyPositionals && argument.hasPrefix("-") && argument != "-"
            guard isOption else {
                if command != nil, positionals.isEmpty, values == Invocation.Values(),
                    let longer = commands.first(where: { $0.path == path + [argument] })
                {
                    // `allot invitations expire`: a subcommand word wins over a first positional argument.
                    command = longer
                    path = longer.path
                } else if command != nil {
                    positionals.append(argument)
                } else {
                    let candidate = path + [argument]
                    if let found = commands.first(where: { $0.path == candidate }) {
                        command = found
                        path = candidate
                    } else if commands.contains(where: { $0.path.starts(with: candidate) }) {
                        path = candidate
                    } else {
                        throw UsageError(
                            message: "unknown command '\(candidate.joined(separator: " "))'", helpTopic: topic())
                    }
                }
                continue
            }

            guard argument.hasPrefix("--") || argument == "-h" else {
                throw UsageError(message: "unknown option '\(argument)'", helpTopic: topic())
            }
            let body = argument == "-h" ? "help" : String(argument.dropFirst(2))
            let name: String
            let inlineValue: String?
            if let equals = body.firstIndex(of: "=") {
                name = String(body[..<equals])
                inlineValue = String(body[body.index(after: equals)...])
            } else {
                name = body
                inlineValue = nil
            }

            func value() throws(UsageError) -> String {
                if let inlineValue { return inlineValue }
                guard index < arguments.count, !arguments[index].hasPrefix("--") else {
                    throw UsageError(message: "option '--\(name)' needs a value", helpTopic: topic())
                }
                index += 1
                return arguments[index - 1]
            }
            func noValue() throws(UsageError) {
                if inlineValue != nil {
                    throw UsageError(message: "flag '--\(name)' takes no value", helpTopic: topic())
                }
            }

            switch name {
            case "help":
                try noValue()
                helpRequested = true
            case "json":
                try noValue()
                globals.json = true
            case "db":
                globals.databasePath = try value()
            case "config":
                globals.configPath = try value()
                globals.configNamed = true
            default:
                guard let parameter = command?.parameters.first(where: { $0.name == name && !$0.isPositional }) else {
                    throw UsageError(message: "unknown option '--\(name)'", helpTopic: topic())
                }
                if case .flag = parameter.kind {
                    try noValue()
                    values.flags.insert(name)
                } else {
                    let given = try value()
                    if values.options[name] != nil {
                        throw UsageError(message: "option '--\(name)' given more than once", helpTopic: topic())
                    }
                    values.options[name] = given
                }
            }
        }

        if helpRequested {
            return .help(command.map(help.commandHelp) ?? help.groupHelp(path))
        }
        guard let command else {
            let message = path.isEmpty ? "missing command" : "'\(topic())' needs a command"
            throw UsageError(message: message, helpTopic: topic())
        }

        let declared = command.parameters.filter(\.isPositional)
        if positionals.count > declared.count {
            throw UsageError(
                message: "unexpected argument '\(positionals[declared.count])'", helpTopic: command.displayName)
        }
        for (position, parameter) in declared.enumerated() {
            if position < positionals.count {
                values.arguments[parameter.name] = positionals[position]
            } else if case .argument(required: true) = parameter.kind {
                throw UsageError(message: "missing argument \(parameter.name)", helpTopic: command.displayName)
            }
        }
        for parameter in command.parameters {
            if case .option(_, required: true) = parameter.kind, values.options[parameter.name] == nil {
                throw UsageError(
                    message: "missing required option '--\(parameter.name)'", helpTopic: command.displayName)
            }
        }
        return .run(command, values, globals)
    }
}
