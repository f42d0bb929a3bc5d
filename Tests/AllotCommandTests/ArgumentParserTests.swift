import Testing

@testable import AllotCommand

/// A small command set shaped like the real one, so the tests do not depend on which commands exist.
private let sample: [Command] = [
    Command(["init"], abstract: "creates the database") { _ in },
    Command(
        ["pool", "import"], abstract: "imports volunteers",
        parameters: [.argument("FILE", help: "CSV file"), .flag("skip-duplicates", help: "skip known phones")]
    ) { _ in },
    Command(["pool", "stats"], abstract: "counts per value") { _ in },
    Command(
        ["token", "create"], abstract: "creates a token",
        parameters: [
            .option("role", value: "ROLE", required: true, help: "admin|organizer|evaluator"),
            .option("label", value: "TEXT", help: "a note"),
        ]
    ) { _ in },
]

private let parser = ArgumentParser(commands: sample, groupAbstracts: ["pool": "the volunteer pool"])

private func parse(_ words: [String], environment: [String: String] = [:]) throws(UsageError)
    -> (Command, Invocation.Values, GlobalOptions)
{
    switch try parser.parse(words, environment: environment) {
    case .run(let command, let values, let globals): return (command, values, globals)
    case .help: throw UsageError(message: "unexpected help", helpTopic: "test")
    }
}

private func usageError(_ words: [String]) -> UsageError? {
    do {
        _ = try parser.parse(words, environment: [:])
        return nil
    } catch {
        return error
    }
}

@Suite struct ArgumentParserTests {
    @Test func resolvesNestedCommandWithArgumentsFlagsAndGlobalsAnywhere() throws {
        let (command, values, globals) = try parse([
            "--db", "x.db", "pool", "import", "in.csv", "--skip-duplicates", "--json",
        ])
        #expect(command.path == ["pool", "import"])
        #expect(values.arguments == ["FILE": "in.csv"])
        #expect(values.flags == ["skip-duplicates"])
        #expect(globals.databasePath == "x.db")
        #expect(globals.json)
        #expect(globals.configPath == GlobalOptions.defaultConfigPath)
    }

    @Test func optionsTakeSeparateOrInlineValues() throws {
        let (_, values, globals) = try parse([
            "token", "create", "--role=organizer", "--label", "desk 3", "--config=c.json",
        ])
        #expect(values.options == ["role": "organizer", "label": "desk 3"])
        #expect(globals.configPath == "c.json")
    }

    @Test func environmentGivesDefaultsAndOptionsOverrideThem() throws {
        let environment = ["ALLOT_DB": "env.db", "ALLOT_CONFIG": "env.json"]
        let (_, _, fromEnvironment) = try parse(["init"], environment: environment)
        #expect(fromEnvironment.databasePath == "env.db")
        #expect(fromEnvironment.configPath == "env.json")
        let (_, _, overridden) = try parse(["init", "--db", "cli.db"], environment: environment)
        #expect(overridden.databasePath == "cli.db")
    }

    @Test func doubleDashMakesTheRestPositional() throws {
        let (_, values, _) = try parse(["pool", "import", "--", "--odd-name.csv"])
        #expect(values.arguments["FILE"] == "--odd-name.csv")
    }

    @Test(arguments: [
        (["pool", "import", "a.csv", "--bogus"], "unknown option '--bogus'", "allot pool import"),
        (["--bogus", "init"], "unknown option '--bogus'", "allot"),
        (["pool", "import", "a.csv", "-x"], "unknown option '-x'", "allot pool import"),
        (["token", "create", "--role"], "option '--role' needs a value", "allot token create"),
        (["token", "create", "--role", "--json"], "option '--role' needs a value", "allot token create"),
        (["token", "create"], "missing required option '--role'", "allot token create"),
        (["pool", "import"], "missing argument FILE", "allot pool import"),
        (["pool", "import", "a", "b"], "unexpected argument 'b'", "allot pool import"),
        (["pool", "nope"], "unknown command 'pool nope'", "allot pool"),
        (["frobnicate"], "unknown command 'frobnicate'", "allot"),
        (["pool"], "'allot pool' needs a command", "allot pool"),
        ([], "missing command", "allot"),
        (["--db"], "option '--db' needs a value", "allot"),
        (["init", "--json=yes"], "flag '--json' takes no value", "allot init"),
        (
            ["token", "create", "--role", "a", "--role", "b"], "option '--role' given more than once",
            "allot token create"
        ),
    ])
    func usageErrorsNameTheProblem(words: [String], message: String, topic: String) {
        let error = usageError(words)
        #expect(error?.message == message)
        #expect(error?.helpTopic == topic)
        #expect(error?.line.contains("\n") == false)
    }

    @Test func helpIsGeneratedForRootGroupsAndCommands() throws {
        guard case .help(let root) = try parser.parse(["--help"], environment: [:]),
            case .help(let group) = try parser.parse(["pool", "-h"], environment: [:]),
            case .help(let command) = try parser.parse(["token", "create", "--help"], environment: [:])
        else {
            Issue.record("expected help")
            return
        }
        #expect(root.contains("init") && root.contains("pool") && root.contains("the volunteer pool"))
        #expect(group.contains("import") && group.contains("stats") && !group.contains("create"))
        #expect(command.contains("Usage: allot token create --role ROLE [--label TEXT] [global options]"))
        #expect(command.contains("--db PATH"))
        #expect(command.contains("(required)"))
    }

    @Test func helpWinsOverMissingArguments() throws {
        guard case .help(let text) = try parser.parse(["pool", "import", "--help"], environment: [:]) else {
            Issue.record("expected help")
            return
        }
        #expect(text.contains("FILE"))
    }

    @Test func runnerMapsOutcomesToExitCodes() {
        let failing = Command(["fail"], abstract: "fails") { _ in throw CommandFailure("it broke\nbadly") }
        let runner = CommandRunner(parser: ArgumentParser(commands: sample + [failing]))
        let captured = Captured()
        #expect(runner.run(["init"], environment: [:], output: captured.out, diagnostics: captured.err) == 0)
        #expect(runner.run(["--help"], environment: [:], output: captured.out, diagnostics: captured.err) == 0)
        #expect(runner.run(["init", "--nope"], environment: [:], output: captured.out, diagnostics: captured.err) == 2)
        #expect(runner.run(["fail"], environment: [:], output: captured.out, diagnostics: captured.err) == 1)
        #expect(captured.errors.last == "allot: it broke; badly\n")
    }
}
