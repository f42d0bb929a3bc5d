import Foundation
@testable import Sortition
import TestData

/// Loads a shared selection instance (`../shared/data/instances/NAME`) for Sortition tests.
/// The files hold no quoted fields, so splitting on commas is exact here; the real CSV reader
/// lives in `Allot` and Sortition tests must not depend on it.
struct SharedInstance {
    let pool: Pool
    let quotas: Quotas

    static var instancesDirectory: URL { TestData.instances }

    static func rows(_ url: URL) throws -> [[String]] {
        try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline).map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// `features`/`people` file names, the panel size and the id column (nil: row number).
    static func load(_ name: String, features: String, people: String, size: Int, idColumn: String? = nil) throws
        -> SharedInstance
    {
        let directory = instancesDirectory.appendingPathComponent(name)
        let featureRows = try rows(directory.appendingPathComponent(features)).dropFirst()
        let lines = featureRows.map {
            ValueQuota(feature: $0[0], value: $0[1], min: Int($0[2]) ?? 0, max: Int($0[3]) ?? 0)
        }
        let quotas = try Quotas(panelSize: size, quotas: lines)
        let peopleRows = try rows(directory.appendingPathComponent(people))
        let header = peopleRows[0]
        let idIndex = idColumn.flatMap { header.firstIndex(of: $0) }
        let candidates = peopleRows.dropFirst().enumerated().map { row, fields in
            Candidate(
                id: idIndex.map { fields[$0] } ?? String(row + 1),
                values: Dictionary(zip(header, fields), uniquingKeysWith: { first, _ in first }))
        }
        return SharedInstance(pool: try Pool(features: quotas.features, candidates: candidates), quotas: quotas)
    }

    static func exampleSmall() throws -> SharedInstance {
        try load("example_small_20", features: "categories.csv", people: "respondents.csv", size: 20)
    }

    static func saFixture() throws -> SharedInstance {
        try load("sa_fixture_22", features: "features.csv", people: "candidates.csv", size: 22, idColumn: "nationbuilder_id")
    }

    static func exampleLarge() throws -> SharedInstance {
        try load("example_large_200", features: "categories.csv", people: "respondents.csv", size: 200)
    }

    static func censusBiased() throws -> SharedInstance {
        try load("census_biased_2500", features: "features.csv", people: "people.csv", size: 150, idColumn: "id")
    }

    /// `people` drawn (seeded) from census_biased_2500, a pool sampled from a census extract the way
    /// volunteer pools are skewed, with its quotas scaled from 150 seats to `size` (floor of the
    /// minimums, ceiling of the maximums) — pools like the 1,500-person one of issue 15.
    static func censusSample(people: Int, size: Int, seed: UInt64) throws -> SharedInstance {
        let directory = instancesDirectory.appendingPathComponent("census_biased_2500")
        let scale = Double(size) / 150
        let lines = try rows(directory.appendingPathComponent("features.csv")).dropFirst().map {
            ValueQuota(feature: $0[0], value: $0[1], min: Int((Double(Int($0[2]) ?? 0) * scale).rounded(.down)),
                       max: Int((Double(Int($0[3]) ?? 0) * scale).rounded(.up)))
        }
        let quotas = try Quotas(panelSize: size, quotas: lines)
        var peopleRows = try rows(directory.appendingPathComponent("people.csv"))
        let header = peopleRows.removeFirst()
        var random = SeededGenerator(seed: seed)
        for index in stride(from: peopleRows.count - 1, to: 0, by: -1) {
            peopleRows.swapAt(index, Int(random.next() % UInt64(index + 1)))
        }
        let candidates = peopleRows.prefix(people).map {
            Candidate(id: $0[0], values: Dictionary(zip(header, $0), uniquingKeysWith: { first, _ in first }))
        }
        return SharedInstance(pool: try Pool(features: quotas.features, candidates: candidates), quotas: quotas)
    }
}
