import Foundation
import Testing

@testable import AllotCommand
import TestData

/// Runs the real command list in-process against a temp database, as `allot` would.
struct Session {
    let directory: URL
    let environment: [String: String]

    init() throws {
        directory = try TestData.temporaryDirectory("allot-cli")
        environment = [
            "ALLOT_DB": directory.appendingPathComponent("allot.db").path,
            "ALLOT_CONFIG": TestData.configPath,
        ]
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func run(_ arguments: [String]) -> (code: Int32, output: String, errors: String) {
        let captured = Captured()
        let runner = CommandRunner(
            parser: ArgumentParser(commands: CommandList.all, groupAbstracts: CommandList.groups))
        let code = runner.run(arguments, environment: environment, output: captured.out, diagnostics: captured.err)
        return (code, captured.lines.joined(), captured.errors.joined())
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

@Suite struct CommandsTests {
    @Test func everyCommandHasHelpAndAUniquePath() {
        let session = try? Session()
        let paths = CommandList.all.map(\.path)
        #expect(Set(paths).count == paths.count)
        for command in CommandList.all {
            let result = session?.run(command.path + ["--help"])
            #expect(result?.code == 0)
            #expect(result?.output.contains("Usage: \(command.displayName)") == true)
        }
        session?.remove()
    }

    @Test func initImportStatsWithdrawVerify() throws {
        let session = try Session()
        defer { session.remove() }
        #expect(session.run(["init"]).code == 0)
        let again = session.run(["init"])
        #expect(again.code == 1 && again.errors.hasPrefix("allot: a database already exists"))

        let csv = """
            name,phone,email,birth_year,gender,occupation,income,district,education,consent
            张伟,13800000001,,1975,male,professional,q4,pudong,tertiary,yes
            李娜,13900000002,,1990,女,student,q3,徐汇区,tertiary,yes

            """
        try Data(csv.utf8).write(to: URL(fileURLWithPath: session.path("pool.csv")))
        let imported = session.run(["pool", "import", session.path("pool.csv"), "--json"])
        #expect(imported.code == 0)
        #expect(imported.output.contains("\"added\":2"))

        let stats = session.run(["pool", "stats"])
        #expect(stats.output.hasPrefix("active: 2  withdrawn: 0"))

        let enrolled = session.run([
            "person", "enroll", "--name", "王", "--phone", "13700000003", "--birth-year", "1960", "--attributes",
            "gender=male,occupation=retired,income=q2,district=崇明区,education=初中", "--consent", "--json",
        ])
        #expect(enrolled.code == 0)
        let pid = try #require(
            (try JSONSerialization.jsonObject(with: Data(enrolled.output.utf8)) as? [String: String])?["pid"])
        #expect(session.run(["person", "withdraw", pid]).code == 0)
        let shown = session.run(["person", "show", pid])
        #expect(shown.output.contains("status: withdrawn") && !shown.output.contains("13700000003"))

        let verified = session.run(["audit", "verify", "--json"])
        #expect(verified.code == 0)
        #expect(verified.output.contains("\"entries\":4"))  // init's admin token, import, enroll, withdraw
    }

    @Test func failuresAreOneLineWithExitCodeOneAndUsageErrorsTwo() throws {
        let session = try Session()
        defer { session.remove() }
        let missing = session.run(["pool", "stats"])
        #expect(missing.code == 1)
        #expect(missing.errors.contains("no database") && missing.errors.split(separator: "\n").count == 1)
        #expect(session.run(["token", "create", "--role", "citizen"]).code == 2)
        #expect(session.run(["person", "enroll", "--name", "x"]).code == 2)
        _ = session.run(["init"])
        let noConsent = session.run([
            "person", "enroll", "--name", "王", "--phone", "13700000003", "--birth-year", "1960", "--attributes",
            "gender=male,occupation=retired,income=q2,district=pudong,education=tertiary",
        ])
        #expect(noConsent.code == 1 && noConsent.errors.contains("consent_required"))
        let badConfig = session.run(["schema", "--config", session.path("nope.json")])
        #expect(badConfig.code == 1 && badConfig.errors.contains("cannot read configuration"))
    }

    @Test func schemaJSONIsTheInterfaceDocument() throws {
        let session = try Session()
        defer { session.remove() }
        let result = session.run(["schema", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
        #expect(object?.keys.sorted() == ["age", "attributes"])
    }
}

/// Collects what a command prints.
final class Captured: @unchecked Sendable {
    // Safe: the runner calls the closures synchronously on the calling thread only.
    var lines: [String] = []
    var errors: [String] = []
    var out: @Sendable (String) -> Void { { [self] in lines.append($0) } }
    var err: @Sendable (String) -> Void { { [self] in errors.append($0) } }
}
