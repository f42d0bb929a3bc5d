import Foundation
import Synchronization
import TestData
import Testing

@testable import AllotCommand

/// What a new user hit on the command line (issue 14 §2–§4), each through the real command runner.
@Suite struct RoughEdgesCommandTests {
    let directory: URL
    let environment: [String: String]

    init() throws {
        directory = try TestData.temporaryDirectory("allot-rough")
        environment = ["ALLOT_DB": directory.appendingPathComponent("allot.db").path, "ALLOT_CONFIG": TestData.configPath]
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func run(_ arguments: [String], environment: [String: String]? = nil) -> (code: Int32, out: String, err: String) {
        let out = Mutex(""), err = Mutex("")
        let runner = CommandRunner(parser: ArgumentParser(commands: CommandList.all, groupAbstracts: CommandList.groups))
        let code = runner.run(
            arguments, environment: environment ?? self.environment, output: { text in out.withLock { $0 += text } },
            diagnostics: { text in err.withLock { $0 += text } })
        return (code, out.withLock { $0 }, err.withLock { $0 })
    }

    func importPool() throws {
        #expect(run(["init"]).code == 0)
        let csv = """
            name,phone,email,birth_year,gender,occupation,income,district,education,consent
            张伟,13800000001,,1975,male,professional,q4,pudong,tertiary,是
            李娜,13900000002,,2008,女,student,q3,徐汇区,tertiary,同意

            """
        try Data(csv.utf8).write(to: URL(fileURLWithPath: path("pool.csv")))
        let imported = run(["pool", "import", path("pool.csv")])
        #expect(imported.code == 0, "\(imported.err)")
    }

    @Test func auditListPrintsEntriesSinceASequenceNumber() throws {
        try importPool()
        let all = run(["audit", "list"])
        #expect(all.code == 0, "\(all.err)")
        let lines = all.out.split(separator: "\n")
        #expect(lines.count == 2)  // init's admin token, the import
        #expect(lines[0].hasPrefix("1  ") && lines[1].hasPrefix("2  ") && lines[1].contains("pool.import"))
        let since = run(["audit", "list", "--since", "1", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(since.out.utf8)) as? [String: Any])
        let entries = try #require(object["entries"] as? [[String: Any]])
        #expect(entries.map { $0["seq"] as? Int } == [2])
        #expect(entries.first?["action"] as? String == "pool.import")
        #expect(run(["audit", "list", "--since", "2"]).out.isEmpty)
        #expect(run(["audit", "list", "--since", "x"]).code == 2)
    }

    @Test func exportJSONCountsAreNumbersAndStatsColumnsLineUp() throws {
        try importPool()
        let exported = run(["pool", "export", path("out.csv"), "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(exported.out.utf8)) as? [String: Any])
        #expect(object["people"] as? Int == 2)
        #expect(exported.out.contains(#""people":2"#))

        let stats = run(["pool", "stats"])
        let rows = stats.out.split(separator: "\n").filter { $0.hasPrefix("  ") }.map(String.init)
        #expect(rows.count > 10)
        // Every count ends in the same column, and so does every percentage (0.0% and 100.0% alike).
        var countEnds = Set<Int>(), shareEnds = Set<Int>()
        for row in rows {
            let match = try #require(row.firstMatch(of: /^  (\S+) +(\d+) +([\d.]+%)$/), "row '\(row)'")
            countEnds.insert(row.distance(from: row.startIndex, to: match.2.endIndex))
            shareEnds.insert(row.distance(from: row.startIndex, to: match.3.endIndex))
        }
        #expect(countEnds.count == 1 && shareEnds.count == 1, "\(stats.out)")
    }

    @Test func schemaStatesTheAgeRule() {
        let schema = run(["schema"])
        #expect(schema.out.contains("born 2008 counts as 18 throughout 2026"))
        #expect(run(["schema", "--json"]).out.contains(#""rule":"#))
    }

    @Test func selectRefusesATinyLotteryAndVerifyRejectsOne() throws {
        let small = [
            "select", "--features", TestData.instance("example_small_20", "categories.csv"),
            "--people", TestData.instance("example_small_20", "respondents.csv"), "--size", "20",
        ]
        let tiny = run(small + ["--lottery-size", "1"])
        #expect(tiny.code == 1 && tiny.err.contains("too small to be fair") && tiny.err.contains("at least 100"), "\(tiny.err)")

        let record = path("record.json")
        let made = run(small + ["--lottery-size", "100", "--beacon", "b", "--record", record, "--event", "42"])
        #expect(made.code == 0, "\(made.err)")
        #expect(made.out.contains("event: 42"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: record))) as? [String: Any])
        #expect(object["eventId"] as? Int == 42)
        // Ids are row numbers: the panel is printed in the file's order (numeric here), not as strings sort.
        let panelLine = try #require(made.out.split(separator: "\n").first { $0.hasPrefix("panel ") })
        let ids = panelLine.split(separator: ":").last?.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? []
        #expect(ids.count == 20 && ids == ids.sorted(), "\(panelLine)")
        #expect(run(["verify", record]).code == 0)
    }

    /// One seat per gender "household" leaves 2 people for a panel of 20: no relaxation helps, and
    /// the features file has no min_flex/max_flex, so the message does not name them.
    @Test func infeasibleQuotasArePrintedOnceWithoutFlexWordingWhenThereIsNone() throws {
        let result = run([
            "select", "--features", TestData.instance("example_small_20", "categories.csv"),
            "--people", TestData.instance("example_small_20", "respondents.csv"),
            "--size", "20", "--lottery-size", "100", "--household-columns", "gender",
        ])
        #expect(result.code == 1)
        let lines = result.out.split(separator: "\n")
        #expect(lines.count >= 2 && lines.allSatisfy { $0.hasPrefix("infeasible: ") }, "\(result.out)")
        for line in lines { #expect(!result.err.contains(line.dropFirst("infeasible: ".count)), "printed twice: \(result.err)") }
        #expect(result.err.split(separator: "\n").count == 1)
        #expect(!(result.out + result.err).contains("min_flex"), "\(result.out)")
        #expect(result.out.contains("no relaxation of the quotas"), "\(result.out)")
    }

    /// Run from outside the repository, the binary uses its built-in default configuration and says how
    /// to name a file; a named file that is missing is an error that says the same.
    @Test(.enabled(if: TestData.allotBinary != nil, "the allot binary is not built"))
    func outsideTheRepositoryTheBuiltInConfigurationIsUsed() throws {
        let binary = try #require(TestData.allotBinary)
        func allot(_ arguments: [String]) throws -> (code: Int32, out: String, err: String) {
            let process = Process()
            process.executableURL = binary
            process.arguments = arguments
            process.currentDirectoryURL = directory
            process.environment = ["PATH": "/usr/bin:/bin"]
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let output = out.fileHandleForReading.readDataToEndOfFile(), errors = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self))
        }
        let schema = try allot(["schema"])
        #expect(schema.code == 0, "\(schema.err)")
        #expect(schema.out.contains("district"))
        #expect(schema.err.contains("built-in default") && schema.err.contains("--config") && schema.err.contains("$ALLOT_CONFIG"))
        let initialized = try allot(["init"])
        #expect(initialized.code == 0 && FileManager.default.fileExists(atPath: path("allot.db")), "\(initialized.err)")
        let missing = try allot(["schema", "--config", "nope.json"])
        #expect(missing.code == 1 && missing.err.contains("cannot read configuration file nope.json: name the file with --config"))
        let named = try allot(["schema", "--config", TestData.configPath])
        #expect(named.code == 0 && !named.err.contains("built-in"))
    }
}
