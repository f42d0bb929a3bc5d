import Foundation
import Sortition

extension SortitionFoundationFormat {
    /// A people file (the format `candidates` reads) streamed row by row straight into a `Pool`: each
    /// row becomes a pid and one value index per feature, so a million people never exist as rows of
    /// strings or dictionaries. Gives the same pool as `Pool(features:candidates:)` over `candidates`,
    /// and the same errors: a short row anywhere first, else the first row (in file order) with a
    /// repeated id or a value no quota names.
    public static func pool(
        path: String, features: [Feature], idColumn: String?, householdColumns: [String]
    ) throws(SelectFromFilesError) -> Pool {
        let reader: CSVReader
        do {
            reader = try CSVReader(path: path)
        } catch {
            throw .unreadableFile(path: path, reason: "no such file or not readable")
        }
        func next() throws(SelectFromFilesError) -> CSVReader.Record? {
            do {
                return try reader.next()
            } catch .unreadable {
                throw .unreadableFile(path: path, reason: "no such file or not readable")
            } catch {
                throw .malformedCSV(path: path, reason: error.message)
            }
        }
        guard let headerRecord = try next() else { throw .badHeader(path: path, reason: "the file is empty") }
        let header = headerRecord.fields.map(normalizedName)
        func column(_ name: String) -> Int? { header.firstIndex(of: normalizedName(name)) }

        let idIndex: Int?
        if let idColumn {
            guard let index = column(idColumn) else { throw .badHeader(path: path, reason: "no id column '\(idColumn)'") }
            idIndex = index
        } else {
            idIndex = column("id")
        }
        var featureColumns: [Int] = []
        for feature in features {
            guard let index = column(feature.name) else {
                throw .badHeader(path: path, reason: "no column for feature '\(feature.name)'")
            }
            featureColumns.append(index)
        }
        var householdIndex: [Int] = []
        for name in householdColumns {
            guard let index = column(name) else { throw .badHeader(path: path, reason: "no household column '\(name)'") }
            householdIndex.append(index)
        }

        var ids: [String] = []
        var valueIndices: [[Int]] = []
        var households: [String?] = []
        var seen = Set<String>()
        // Per feature: the value as written in the file → its index (a city has a handful of spellings).
        var valueIndex = [[String: Int]](repeating: [:], count: features.count)
        var firstError: SortitionError?
        var number = 0
        while let record = try next() {
            guard record.fields.count >= header.count else { throw .shortRow(path: path, line: record.line) }
            number += 1
            // After the first bad row only short rows are looked for (they are reported first).
            guard firstError == nil else { continue }
            let id = idIndex.map { trimmedID(record.fields[$0]) } ?? String(number)
            guard seen.insert(id).inserted else {
                firstError = .duplicatePerson(id)
                continue
            }
            var row: [Int] = []
            row.reserveCapacity(features.count)
            for (f, column) in featureColumns.enumerated() {
                let value = record.fields[column]
                if let index = valueIndex[f][value] {
                    row.append(index)
                } else if let index = features[f].index(of: value) {
                    valueIndex[f][value] = index
                    row.append(index)
                } else {
                    firstError = .unknownValue(feature: features[f].name, value: value, person: id)
                    break
                }
            }
            guard firstError == nil else { continue }
            ids.append(id)
            valueIndices.append(row)
            if !householdIndex.isEmpty {
                households.append(householdIndex.map { normalizedName(record.fields[$0]) }.joined(separator: "\u{1f}"))
            }
        }
        if let firstError { throw .invalidInput(firstError.description) }
        seen = []
        do {
            return try Pool(
                features: features, ids: ids, valueIndices: valueIndices,
                householdKeys: householdIndex.isEmpty ? nil : households)
        } catch {
            throw .invalidInput(error.description)
        }
    }

    /// A header name or household value as compared: trimmed, lowercased (as `candidates` does).
    static func normalizedName(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// The id without surrounding spaces; ids that start and end with a visible ASCII character (nearly
    /// all) are returned as they are without asking Foundation.
    static func trimmedID(_ text: String) -> String {
        let utf8 = text.utf8
        if let first = utf8.first, let last = utf8.last, (0x21..<0x7F).contains(first), (0x21..<0x7F).contains(last) {
            return text
        }
        return text.trimmingCharacters(in: .whitespaces)
    }
}
