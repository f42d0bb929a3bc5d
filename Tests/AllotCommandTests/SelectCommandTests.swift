import Foundation
import Synchronization
import Testing
@testable import AllotCommand
import TestData

/// Runs `allot` through the real command list and runner, capturing stdout and stderr.
private func allot(_ arguments: [String]) -> (status: Int32, out: String, err: String) {
    let out = Mutex(""), err = Mutex("")
    let runner = CommandRunner(parser: ArgumentParser(commands: CommandList.all, groupAbstracts: CommandList.groups))
    let status = runner.run(
        arguments, environment: [:], output: { text in out.withLock { $0 += text } },
        diagnostics: { text in err.withLock { $0 += text } })
    return (status, out.withLock { $0 }, err.withLock { $0 })
}

private func instance(_ name: String, _ file: String) -> String {
    TestData.instance(name, file)
}

private func temporaryDirectory() throws -> URL {
    try TestData.temporaryDirectory("allot-select")
}

@Suite struct SelectCommandTests {
    let small = [
        "select", "--features", instance("example_small_20", "categories.csv"),
        "--people", instance("example_small_20", "respondents.csv"), "--size", "20", "--lottery-size", "100",
    ]

    @Test func jsonOutputHasExactlyTheInterfaceKeys() throws {
        let run = allot(small + ["--algorithm", "legacy", "--json", "--beacon", "b"])
        #expect(run.status == 0, "\(run.err)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        #expect(Set(object.keys) == [
            "algorithm", "panelSize", "poolSize", "types", "feasible", "panel", "probabilities", "minProbability",
            "maxProbability", "distributionSize", "seconds", "estimated",
        ])
        #expect(object["estimated"] as? Bool == true)
        #expect((object["panel"] as? [String])?.count == 20)
        #expect((object["probabilities"] as? [String: Double])?.count == 200)
    }

    @Test func verifyAcceptsTheRecordAndRejectsATamperedOne() throws {
        let directory = try temporaryDirectory()
        let path = directory.appendingPathComponent("record.json").path
        let run = allot(small + ["--algorithm", "legacy", "--record", path])
        #expect(run.status == 0, "\(run.err)")
        #expect(run.out.contains("beacon: random:"))
        let verified = allot(["verify", path])
        #expect(verified.status == 0, "\(verified.err)")
        #expect(verified.out.split(separator: "\n").allSatisfy { $0.hasPrefix("ok") })

        var text = try String(contentsOfFile: path, encoding: .utf8)
        let marker = try #require(text.range(of: "\"beacon\":\"random:"))
        text.replaceSubrange(marker, with: "\"beacon\":\"randoM:")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let rejected = allot(["verify", path, "--json"])
        #expect(rejected.status == 1)
        #expect(rejected.err.hasPrefix("allot: draw record fails seed"))
        #expect(rejected.out.contains("\"valid\":false"))
    }

    @Test func infeasibleQuotasExitOneWithDiagnostics() throws {
        let directory = try temporaryDirectory()
        let features = directory.appendingPathComponent("features.csv").path
        try "feature,value,min,max\ngender,female,15,20\ngender,male,15,20\n".write(
            toFile: features, atomically: true, encoding: .utf8)
        let run = allot([
            "select", "--features", features, "--people", instance("example_small_20", "respondents.csv"),
            "--size", "20", "--algorithm", "legacy", "--json",
        ])
        #expect(run.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        #expect(object["feasible"] as? Bool == false)
        #expect((object["diagnostics"] as? [String])?.isEmpty == false)
        #expect(run.err.hasPrefix("allot: no panel meets the quotas"))
    }

    @Test func usageErrorsExitTwo() {
        #expect(allot(small + ["--algorithm", "random"]).status == 2)
        #expect(allot(["select", "--people", "p.csv", "--size", "3"]).status == 2)
        #expect(allot(["verify"]).status == 2)
        let missing = allot(["verify", "/nonexistent/record.json"])
        #expect(missing.status == 1)
        #expect(missing.err.contains("cannot read /nonexistent/record.json"))
    }
}
