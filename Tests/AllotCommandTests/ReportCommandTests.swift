import Allot
import Foundation
import Testing

@testable import AllotCommand

/// `allot report event|summary` in-process against a temp database: formats, files, exit codes.
@Suite struct ReportCommandTests {
    let directory: URL
    let environment: [String: String]
    let root: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("allot-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var root = URL(fileURLWithPath: #filePath)
        while !FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) {
            root.deleteLastPathComponent()
        }
        self.root = root
        environment = [
            "ALLOT_DB": directory.appendingPathComponent("allot.db").path,
            "ALLOT_CONFIG": root.appendingPathComponent("config/allot.json").path,
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

    @Test func reportsInEveryFormatAndTheirRefusals() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(run(["init"]).code == 0)
        // A draft event made with the use case (the CLI has no event commands yet): its report has
        // no draw section, and it is not in the summary (neither drawn nor closed).
        let config = try AllotConfig.load(path: root.appendingPathComponent("config/allot.json").path)
        let events = Events(database: try Database.open(path: path("allot.db")), config: config)
        let event = try events.create(
            EventDraft(
                title: "开放日", department: "市政府办公厅", startsAt: "2026-12-20T09:30", place: "人民大道200号", seats: 5,
                targets: root.appendingPathComponent("config/targets/shanghai-2020.json").path,
                unconstrained: ["age", "occupation"]),
            actor: .cli)

        let html = run(["report", "event", String(event.id)])
        #expect(html.code == 0 && html.output.hasPrefix("<!DOCTYPE html><html lang=\"zh-CN\">"))
        #expect(html.output.contains("data-chart=\"composition-gender\""))
        let english = run(["report", "event", String(event.id), "--lang", "en", "--out", path("event.html")])
        #expect(english.code == 0 && english.errors.contains("wrote"))
        let page = try String(contentsOfFile: path("event.html"), encoding: .utf8)
        #expect(page.contains("<html lang=\"en\">") && page.contains("Event evaluation report"))
        let json = run(["report", "event", String(event.id), "--json"])
        #expect(json.code == 0 && json.output.contains("\"status\":\"draft\"") && !json.output.contains("\"fairness\""))

        let csv = run(["report", "summary", "--format", "csv", "--out", path("summary")])
        #expect(csv.code == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: path("summary")).sorted()
        #expect(
            files == [
                "cumulative.csv", "cumulative_distance.csv", "departments.csv", "events.csv", "repeat_histogram.csv",
                "summary.csv",
            ])
        let combined = run(["report", "summary", "--format", "csv"])
        #expect(
            combined.output.hasPrefix("# summary.csv\r\nfield,value\r\n") && combined.output.contains("# events.csv"))
        #expect(run(["report", "summary", "--json"]).output.contains("\"events\":0"))

        let unknown = run(["report", "event", "999"])
        #expect(unknown.code == 1 && unknown.errors.contains("event_not_found"))
        #expect(run(["report", "event", "abc"]).code == 2)
        #expect(run(["report", "summary", "--format", "pdf"]).code == 2)
        #expect(run(["report", "summary", "--lang", "fr"]).code == 2)
        let badDate = run(["report", "summary", "--from", "2026-02-30x"])
        #expect(badDate.code == 1 && badDate.errors.contains("invalid_date"))
    }
}
