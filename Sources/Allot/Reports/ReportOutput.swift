import Foundation

/// How a report is delivered: JSON (the API's default), CSV tables, or one HTML page.
public enum ReportFormat: String, Sendable, CaseIterable {
    case json, csv, html

    /// The format named by `--format` / `?format=`, or a typed refusal listing the choices.
    public static func parse(_ text: String?) throws(ReportError) -> ReportFormat {
        guard let text else { return .json }
        guard let format = ReportFormat(rawValue: text) else {
            throw .invalidOption(field: "format", value: String(text.prefix(40)), allowed: allCases.map(\.rawValue))
        }
        return format
    }
}

/// One rendered report: its bytes and media type.
public struct ReportOutput: Sendable {
    public let contentType: String
    public let bytes: [UInt8]

    /// The language named by `--lang` / `?lang=`; Chinese by default.
    public static func language(_ text: String?) throws(ReportError) -> WebLanguage {
        guard let text else { return .zh }
        guard let language = WebLanguage(rawValue: text) else {
            throw .invalidOption(
                field: "lang", value: String(text.prefix(40)), allowed: WebLanguage.allCases.map(\.rawValue))
        }
        return language
    }

    /// Renders `report` (an `EventReport` or `SummaryReport`); `table` picks one CSV table,
    /// nil gives them all in one text (see `ReportTable.combined`).
    public static func render(
        json: some Encodable, tables: [ReportTable], html: () -> HTML, format: ReportFormat, table: String? = nil
    ) throws(ReportError) -> ReportOutput {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let data = (try? encoder.encode(json)) ?? Data("{}".utf8)
            return ReportOutput(contentType: "application/json", bytes: Array(data))
        case .csv:
            if let table {
                guard let found = tables.first(where: { $0.name == table }) else {
                    throw .invalidOption(field: "table", value: String(table.prefix(40)), allowed: tables.map(\.name))
                }
                return ReportOutput(contentType: "text/csv; charset=utf-8", bytes: Array(found.csv.utf8))
            }
            return ReportOutput(contentType: "text/csv; charset=utf-8", bytes: Array(ReportTable.combined(tables).utf8))
        case .html:
            return ReportOutput(contentType: "text/html; charset=utf-8", bytes: html().bytes)
        }
    }
}

extension EventReport {
    /// This report in `format` (and `language` for HTML).
    public func output(format: ReportFormat, language: WebLanguage = .zh, table: String? = nil) throws(ReportError)
        -> ReportOutput
    {
        try ReportOutput.render(
            json: self, tables: tables, html: { html(language: language) }, format: format, table: table)
    }
}

extension SummaryReport {
    /// This report in `format` (and `language` for HTML).
    public func output(format: ReportFormat, language: WebLanguage = .zh, table: String? = nil) throws(ReportError)
        -> ReportOutput
    {
        try ReportOutput.render(
            json: self, tables: tables, html: { html(language: language) }, format: format, table: table)
    }
}
