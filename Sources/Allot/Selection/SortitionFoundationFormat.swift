import Foundation
import Sortition

/// The CSV formats of the Sortition Foundation's tools (INTERFACE.md §2), read into Sortition's
/// quota and candidate types. Column names and values match case-insensitively after trimming.
public enum SortitionFoundationFormat {
    /// A features file: `feature,value,min,max` (or `category,name,…` / `category,feature,…`),
    /// optional `min_flex,max_flex`.
    public static func valueQuotas(path: String) throws(SelectFromFilesError) -> [ValueQuota] {
        let table = try Table(path: path)
        // `category` names the feature when present; the value is then `name` or `feature`.
        let featureColumn = table.column("category") ?? table.column("feature")
        let valueColumn = table.column("category") == nil
            ? table.column("value") : table.column("name") ?? table.column("feature") ?? table.column("value")
        guard let featureColumn, let valueColumn, let minColumn = table.column("min"), let maxColumn = table.column("max")
        else {
            throw .badHeader(path: path, reason: "the header must be feature,value,min,max (or category,name,min,max)")
        }
        let minFlex = table.column("min_flex"), maxFlex = table.column("max_flex")
        return try table.rows.map { row throws(SelectFromFilesError) in
            ValueQuota(
                feature: row.fields[featureColumn], value: row.fields[valueColumn],
                min: try table.integer(row, minColumn), max: try table.integer(row, maxColumn),
                minFlex: try minFlex.map { c throws(SelectFromFilesError) in try table.integer(row, c) },
                maxFlex: try maxFlex.map { c throws(SelectFromFilesError) in try table.integer(row, c) })
        }
    }

    /// A joint quotas file: header `feature1,value1,feature2,value2,min,max`.
    public static func jointQuotas(path: String) throws(SelectFromFilesError) -> [JointQuota] {
        let table = try Table(path: path)
        let names = ["feature1", "value1", "feature2", "value2", "min", "max"]
        let columns = names.compactMap { table.column($0) }
        guard columns.count == names.count else {
            throw .badHeader(path: path, reason: "the header must be feature1,value1,feature2,value2,min,max")
        }
        return try table.rows.map { row throws(SelectFromFilesError) in
            JointQuota(
                feature1: row.fields[columns[0]], value1: row.fields[columns[1]],
                feature2: row.fields[columns[2]], value2: row.fields[columns[3]],
                min: try table.integer(row, columns[4]), max: try table.integer(row, columns[5]))
        }
    }

    /// A people file: a header row, an id column (`idColumn`, else the first column named `id`,
    /// else the row number from 1), a column per feature, other columns ignored.
    /// `householdColumns` (optional): people sharing all of these values form one household.
    public static func candidates(
        path: String, features: [Feature], idColumn: String?, householdColumns: [String]
    ) throws(SelectFromFilesError) -> [Candidate] {
        let table = try Table(path: path)
        let idIndex: Int?
        if let idColumn {
            guard let index = table.column(idColumn) else {
                throw .badHeader(path: path, reason: "no id column '\(idColumn)'")
            }
            idIndex = index
        } else {
            idIndex = table.column("id")
        }
        var featureIndex: [(name: String, column: Int)] = []
        for feature in features {
            guard let column = table.column(feature.name) else {
                throw .badHeader(path: path, reason: "no column for feature '\(feature.name)'")
            }
            featureIndex.append((feature.name, column))
        }
        var householdIndex: [Int] = []
        for name in householdColumns {
            guard let column = table.column(name) else {
                throw .badHeader(path: path, reason: "no household column '\(name)'")
            }
            householdIndex.append(column)
        }
        return table.rows.enumerated().map { number, row in
            let id = idIndex.map { row.fields[$0].trimmingCharacters(in: .whitespaces) } ?? String(number + 1)
            var values: [String: String] = [:]
            for (name, column) in featureIndex { values[name] = row.fields[column] }
            let household = householdIndex.isEmpty
                ? nil : householdIndex.map { Table.normalized(row.fields[$0]) }.joined(separator: "\u{1f}")
            return Candidate(id: id, values: values, household: household)
        }
    }
}

/// A CSV file with a header, rows padded-checked against it, and column lookup by normalized name.
private struct Table {
    struct Row {
        let fields: [String]
        let line: Int
    }

    let path: String
    let header: [String]
    let rows: [Row]

    init(path: String) throws(SelectFromFilesError) {
        var records: [CSVReader.Record] = []
        do {
            let reader = try CSVReader(path: path)
            while let record = try reader.next() { records.append(record) }
        } catch .unreadable {
            throw .unreadableFile(path: path, reason: "no such file or not readable")
        } catch {
            throw .malformedCSV(path: path, reason: error.message)
        }
        guard let header = records.first else { throw .badHeader(path: path, reason: "the file is empty") }
        self.path = path
        self.header = header.fields.map(Table.normalized)
        var rows: [Row] = []
        for record in records.dropFirst() {
            guard record.fields.count >= header.fields.count else { throw .shortRow(path: path, line: record.line) }
            rows.append(Row(fields: record.fields, line: record.line))
        }
        self.rows = rows
    }

    static func normalized(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    func column(_ name: String) -> Int? {
        header.firstIndex(of: Table.normalized(name))
    }

    func integer(_ row: Row, _ column: Int) throws(SelectFromFilesError) -> Int {
        let text = row.fields[column].trimmingCharacters(in: .whitespaces)
        guard let value = Int(text) else {
            throw .badNumber(path: path, line: row.line, column: header[column], text: text)
        }
        return value
    }
}
