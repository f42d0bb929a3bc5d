/// Generates `--help` text for the root, for groups (`allot pool`) and for commands from their declarations.
struct HelpFormatter: Sendable {
    let commands: [Command]
    /// One-line descriptions of groups (`"pool": "the volunteer pool"`); groups without one list their commands.
    let groupAbstracts: [String: String]

    /// Column where parameter and command descriptions start.
    private static let descriptionColumn = 26

    func commandHelp(_ command: Command) -> String {
        var usage = [command.displayName]
        for parameter in command.parameters {
            switch parameter.kind {
            case .argument(let required):
                usage.append(required ? parameter.name : "[\(parameter.name)]")
            case .option(let valueName, let required):
                let text = "--\(parameter.name) \(valueName)"
                usage.append(required ? text : "[\(text)]")
            case .flag:
                usage.append("[--\(parameter.name)]")
            }
        }
        usage.append("[global options]")

        var lines = ["\(command.displayName) — \(command.abstract)", "", "Usage: " + usage.joined(separator: " ")]
        if !command.discussion.isEmpty {
            lines += ["", command.discussion]
        }
        let arguments = command.parameters.filter(\.isPositional)
        if !arguments.isEmpty {
            lines += ["", "Arguments:"] + arguments.map { row($0.name, $0.help) }
        }
        let options = command.parameters.filter { !$0.isPositional }
        if !options.isEmpty {
            lines += ["", "Options:"] + options.map(parameterRow)
        }
        lines += ["", "Global options:"] + GlobalOptions.parameters.map(parameterRow)
        return lines.joined(separator: "\n") + "\n"
    }

    /// Help for a group of commands; the empty path is the root (`allot --help`).
    func groupHelp(_ path: [String]) -> String {
        let name = (["allot"] + path).joined(separator: " ")
        var children: [(word: String, abstract: String)] = []
        for command in commands where command.path.count > path.count && command.path.starts(with: path) {
            let word = command.path[path.count]
            guard !children.contains(where: { $0.word == word }) else { continue }
            if command.path.count == path.count + 1 {
                children.append((word, command.abstract))
            } else {
                children.append((word, abstract(ofGroup: path + [word])))
            }
        }
        var lines: [String] = []
        if path.isEmpty {
            lines += [
                "allot — draws citizen panels by lot from a registry of volunteers, with quotas on every attribute",
                "and a draw record anyone can verify.", "",
            ]
        } else {
            lines += ["\(name) — \(abstract(ofGroup: path))", ""]
        }
        lines += ["Usage: \(name) <command> [options]", "", "Commands:"]
        lines += children.map { row($0.word, $0.abstract) }
        lines += ["", "Global options:"] + GlobalOptions.parameters.map(parameterRow)
        lines += ["", "Run '\(name) <command> --help' for a command's options."]
        return lines.joined(separator: "\n") + "\n"
    }

    private func abstract(ofGroup path: [String]) -> String {
        if let given = groupAbstracts[path.joined(separator: " ")] { return given }
        var words: [String] = []
        for command in commands where command.path.count > path.count && command.path.starts(with: path) {
            let word = command.path[path.count]
            if !words.contains(word) { words.append(word) }
        }
        return "commands: " + words.joined(separator: ", ")
    }

    private func parameterRow(_ parameter: Parameter) -> String {
        switch parameter.kind {
        case .option(let valueName, let required):
            return row("--\(parameter.name) \(valueName)", parameter.help + (required ? " (required)" : ""))
        case .flag, .argument:
            return row(parameter.isPositional ? parameter.name : "--\(parameter.name)", parameter.help)
        }
    }

    private func row(_ left: String, _ right: String) -> String {
        let head = "  " + left
        let padding = max(1, Self.descriptionColumn - head.count)
        return head + String(repeating: " ", count: padding) + right
    }
}
