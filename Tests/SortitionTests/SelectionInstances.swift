import Foundation
@testable import Sortition
import TestData

/// Reads the shared selection instances (`../shared/data/instances/`) with a few lines of CSV
/// splitting (the files hold no quoted fields); the product's CSV reader lives in Allot.
enum SelectionInstances {
    static var directory: URL { TestData.instances }

    static func rows(_ instance: String, _ file: String) throws -> [[String]] {
        let text = try String(contentsOf: directory.appendingPathComponent(instance).appendingPathComponent(file), encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Loads `example_*` (`category,feature,min,max`; respondents without ids) or `sa_fixture_22`
    /// (`feature,value,min,max,min_flex,max_flex`; ids in `nationbuilder_id`).
    static func load(_ instance: String, panelSize: Int) throws -> (Pool, Quotas) {
        let isFixture = instance.hasPrefix("sa_")
        let quotaRows = try rows(instance, isFixture ? "features.csv" : "categories.csv").dropFirst()
        let lines = quotaRows.map { row in
            ValueQuota(feature: row[0], value: row[1], min: Int(row[2]) ?? -1, max: Int(row[3]) ?? -1,
                       minFlex: row.count > 4 ? Int(row[4]) : nil, maxFlex: row.count > 5 ? Int(row[5]) : nil)
        }
        let quotas = try Quotas(panelSize: panelSize, quotas: lines)
        let peopleRows = try rows(instance, isFixture ? "candidates.csv" : "respondents.csv")
        let header = peopleRows[0]
        let idColumn = header.firstIndex(of: "nationbuilder_id")
        let candidates = peopleRows.dropFirst().enumerated().map { number, row in
            var values: [String: String] = [:]
            for (column, name) in header.enumerated() { values[name] = row[column] }
            return Candidate(id: idColumn.map { row[$0] } ?? String(number + 1), values: values)
        }
        return (try Pool(features: quotas.features, candidates: candidates), quotas)
    }
}
