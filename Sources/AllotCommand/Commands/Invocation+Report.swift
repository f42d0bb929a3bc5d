import Allot
import Foundation

/// What `allot report event` and `allot report summary` share: options, and writing the output.
extension Invocation {
    static let reportParameters: [Parameter] = [
        .option("format", value: "json|csv|html", help: "output format (default: json with --json, else html)"),
        .option("lang", value: "zh|en", help: "language of the HTML report (default zh)"),
        .option(
            "out", value: "PATH",
            help:
                "write to PATH instead of stdout; with --format csv PATH is a directory that gets one NAME.csv per table"
        ),
    ]

    static let reportDiscussion = """
        Aggregates only: no name, phone or e-mail. Per-group counts below reports.smallCellThreshold (config, \
        default 5) are shown as "<5" and rates over them withheld. CSV without --out prints every table, each \
        after a '# NAME.csv' line; with --out DIR it writes DIR/NAME.csv per table (the directory is created).
        """

    /// The reports use case over the configured database.
    func reports() throws -> Reports {
        let config = try config()
        return Reports(database: try openDatabase(config: config), config: config)
    }

    /// Writes a report in the chosen format to stdout, a file, or (CSV) a directory of tables.
    func writeReport(tables: [ReportTable], render: (ReportFormat, WebLanguage) throws -> ReportOutput) throws {
        let format: ReportFormat
        do {
            format = try ReportFormat.parse(option("format") ?? (json ? "json" : "html"))
        } catch {
            throw UsageError(message: error.message, helpTopic: command.displayName)
        }
        let language: WebLanguage
        do {
            language = try ReportOutput.language(option("lang"))
        } catch {
            throw UsageError(message: error.message, helpTopic: command.displayName)
        }
        guard let out = option("out") else {
            let output = try render(format, language)
            self.output(String(decoding: output.bytes, as: UTF8.self) + (format == .json ? "\n" : ""))
            return
        }
        if format == .csv {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            for table in tables {
                let path = URL(fileURLWithPath: out).appendingPathComponent(table.name + ".csv").path
                try Data(table.csv.utf8).write(to: URL(fileURLWithPath: path))
            }
            diagnostics("wrote \(tables.count) tables to \(out)\n")
            return
        }
        try Data(try render(format, language).bytes).write(to: URL(fileURLWithPath: out))
        diagnostics("wrote \(out)\n")
    }
}
