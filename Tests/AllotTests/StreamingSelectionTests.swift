import Foundation
import Sortition
import TestData
import Testing
@testable import Allot

/// The whole-city path of `allot select` (issue 13 §4) against the plain one it replaced: the people
/// file streamed into a pool (`SortitionFoundationFormat.pool`) must give the pool `candidates` +
/// `Pool(features:candidates:)` give, and `DrawRecordWriter` the bytes `JSONEncoder` gives.
@Suite struct StreamingSelectionTests {
    /// (instance, features file, people file, panel size) of the shared instances.
    static let instances = [
        ("example_small_20", "categories.csv", "respondents.csv", 20),
        ("sa_fixture_22", "features.csv", "candidates.csv", 22),
        ("example_large_200", "categories.csv", "respondents.csv", 200),
        ("census_biased_2500", "features.csv", "people.csv", 150),
    ]

    static func quotas(_ instance: String, _ features: String, _ size: Int) throws -> Quotas {
        try Quotas(
            panelSize: size, quotas: try SortitionFoundationFormat.valueQuotas(path: SelectionFixtures.instance(instance, features)))
    }

    /// The pool as the reader before streaming built it.
    static func oldPool(path: String, features: [Feature], idColumn: String? = nil, households: [String] = []) throws -> Pool {
        try Pool(
            features: features,
            candidates: try SortitionFoundationFormat.candidates(
                path: path, features: features, idColumn: idColumn, householdColumns: households))
    }

    static func expectSame(_ a: Pool, _ b: Pool, _ label: String) {
        #expect(a.ids == b.ids, "\(label): ids")
        #expect(a.valueIndices == b.valueIndices, "\(label): values")
        #expect(a.typeOfPerson == b.typeOfPerson, "\(label): types")
        #expect(a.typeMembers == b.typeMembers, "\(label): members")
        #expect(a.typeValues == b.typeValues, "\(label): type values")
        #expect(a.households == b.households, "\(label): households")
    }

    @Test(.enabled(if: TestData.hasSharedData, "needs ../shared/data"))
    func streamedPoolIsTheOldPoolOnEverySharedInstance() throws {
        for (instance, featuresFile, peopleFile, size) in Self.instances {
            let features = try Self.quotas(instance, featuresFile, size).features
            let path = SelectionFixtures.instance(instance, peopleFile)
            let streamed = try SortitionFoundationFormat.pool(path: path, features: features, idColumn: nil, householdColumns: [])
            Self.expectSame(streamed, try Self.oldPool(path: path, features: features), instance)
            #expect(streamed.count > 0)
            // Households on the first feature's column: groups of people, as the old reader made them.
            let households = [features[0].name]
            let grouped = try SortitionFoundationFormat.pool(
                path: path, features: features, idColumn: nil, householdColumns: households)
            Self.expectSame(grouped, try Self.oldPool(path: path, features: features, households: households), instance + " households")
            #expect(!grouped.households.isEmpty)
        }
    }

    @Test func streamedPoolReportsTheOldErrors() throws {
        let directory = try SelectionFixtures.temporaryDirectory()
        let features = [Feature(name: "gender", values: ["female", "male"]), Feature(name: "age", values: ["young", "old"])]
        let files = [
            "id,gender,age\na,female,young\nb,male,old\na,male,young\n",  // repeated id
            "id,gender,age\na,female,young\nb,other,old\nb,male,young\n",  // unknown value before a repeat
            "id,gender,age\na,female,young\na,male,old\nc,other,young\n",  // repeat before an unknown value
            "id,gender,age\na,female,young\nb,other,old\nc,male\n",  // a short row after a bad value wins
            "id,gender\na,female\n",  // no column for a feature
            " ID ,Gender,AGE\n a ,\" Female \",OLD\n",  // trimmed, case-insensitive
            "",  // empty
        ]
        for (index, text) in files.enumerated() {
            let path = try SelectionFixtures.write(text, "people\(index).csv", in: directory)
            let old = Result { () throws(SelectFromFilesError) -> Pool in
                do {
                    return try Self.oldPool(path: path, features: features)
                } catch let error as SortitionError {
                    throw .invalidInput(error.description)
                } catch let error as SelectFromFilesError {
                    throw error
                } catch {
                    throw .invalidInput(String(describing: error))
                }
            }
            let new = Result { () throws(SelectFromFilesError) -> Pool in
                try SortitionFoundationFormat.pool(path: path, features: features, idColumn: nil, householdColumns: [])
            }
            switch (old, new) {
            case (.failure(let a), .failure(let b)): #expect(a == b, "file \(index)")
            case (.success(let a), .success(let b)): Self.expectSame(a, b, "file \(index)")
            default: Issue.record("file \(index): old \(old), streamed \(new)")
            }
        }
        #expect(throws: SelectFromFilesError.unreadableFile(path: "/nonexistent.csv", reason: "no such file or not readable")) {
            try SortitionFoundationFormat.pool(path: "/nonexistent.csv", features: features, idColumn: nil, householdColumns: [])
        }
    }

    /// The record `allot select` writes for the streamed pool is the record of the old pool, finalized
    /// the old way (the public initializer, which sorts and hashes everything itself), byte for byte.
    @Test(.enabled(if: TestData.hasSharedData, "needs ../shared/data"))
    func streamedPoolGivesTheOldRecordBytes() throws {
        let preparedAt = Date(timeIntervalSince1970: 1_790_000_000)
        for (instance, featuresFile, peopleFile, size) in Self.instances.prefix(3) {
            let quotas = try Self.quotas(instance, featuresFile, size)
            let path = SelectionFixtures.instance(instance, peopleFile)
            let terms = DrawPipeline.Terms(eventId: .number(7), algorithm: .leximin, lotterySize: 100, preparedAt: preparedAt)
            let streamed = try DrawPipeline.prepare(
                pool: try SortitionFoundationFormat.pool(path: path, features: quotas.features, idColumn: nil, householdColumns: []),
                quotas: quotas, terms: terms)
            let old = try DrawPipeline.prepare(pool: try Self.oldPool(path: path, features: quotas.features), quotas: quotas, terms: terms)
            // Everything but the wall time in the summary.
            #expect(streamed.pool == old.pool && streamed.lottery == old.lottery, "\(instance)")
            #expect([streamed.poolDigest, streamed.lotteryDigest, streamed.termsDigest] == [old.poolDigest, old.lotteryDigest, old.termsDigest])
            #expect(streamed.summary.probabilities == old.summary.probabilities, "\(instance)")
            let record = try DrawPipeline.finalize(streamed, beacon: "beacon \(instance)", finalizedAt: "2026-09-22T12:00:00Z")
            let oldRecord = try DrawRecord(
                eventId: old.eventId, panelSize: old.panelSize, quotas: old.quotas, jointQuotas: old.jointQuotas,
                pool: old.pool.reversed(), algorithm: old.algorithm, lottery: old.lottery, beacon: "beacon \(instance)",
                preparedAt: old.preparedAt, finalizedAt: "2026-09-22T12:00:00Z", households: old.households)
            #expect(record == oldRecord, "\(instance)")
            #expect(try record.jsonData() == Self.encoderBytes(oldRecord), "\(instance)")
            #expect(DrawVerifier.verify(record).filter { !$0.passed }.isEmpty, "\(instance)")
        }
    }

    static func encoderBytes(_ record: DrawRecord) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(record)
    }

    /// Escapes, non-ASCII text, joint quotas, households, text and number event ids, probabilities in
    /// another order than the pool's and a missing terms digest: the writer still gives the encoder's bytes.
    @Test func recordWriterGivesTheEncodersBytes() throws {
        let odd = ["a\"b", "c\\d", "e/f", "tab\there", "line\nbreak", "cr\rx", "\u{8}\u{c}\u{1}\u{1f}\u{7f}", "城市", "é", "😀", "p10", "p9"]
        let pool = odd.enumerated().map { index, pid in
            DrawProtocol.PoolEntry(
                pid: pid, attributes: index % 3 == 0 ? ["zone": "北/南", "Age": "18-29"] : ["zone": "x\"y", "Age": "70+", "b": "\\"])
        }
        let lottery = (0..<100).map { panel in [odd[panel % odd.count], odd[(panel + 5) % odd.count]] }
        for eventId in [DrawRecord.EventID.number(42), .text("市-1/\"q\""), nil] {
            var record = try DrawRecord(
                eventId: eventId, panelSize: 2, quotas: ["zone": ["北/南": [0, 2], "x\"y": [0, 2]], "Age": ["18-29": [0, 2], "70+": [0, 2]]],
                jointQuotas: [JointQuota(feature1: "zone", value1: "北/南", feature2: "Age", value2: "18-29", min: 0, max: 1)],
                pool: pool, algorithm: "leximin", lottery: lottery, beacon: "beacon/\u{1}", preparedAt: "2026-09-21T12:00:00Z",
                finalizedAt: "2026-09-21T12:00:01Z", households: [[odd[0], odd[1]], [odd[7], odd[8]]])
            #expect(try record.jsonData() == Self.encoderBytes(record))
            record.probabilities["stranger"] = 1.0 / 3
            record.probabilities[odd[2]] = 1e-7
            record.termsDigest = nil
            record.jointQuotas = nil
            record.households = nil
            #expect(try record.jsonData() == Self.encoderBytes(record))
            record.pool.reverse()
            record.probabilities["stranger"] = nil
            #expect(try record.jsonData() == Self.encoderBytes(record))
        }
    }

    /// `write(toFile:)` writes in blocks: a record larger than one block comes out whole and equal.
    @Test func writtenFileIsTheJSONData() throws {
        let pool = (0..<30_000).map { DrawProtocol.PoolEntry(pid: "person-\($0)", attributes: ["gender": $0 % 2 == 0 ? "female" : "male"]) }
        let lottery = (0..<100).map { panel in (0..<4).map { "person-\(panel * 4 + $0)" } }
        let record = try DrawRecord(
            eventId: nil, panelSize: 4, quotas: ["gender": ["female": [2, 2], "male": [2, 2]]], jointQuotas: nil, pool: pool,
            algorithm: "leximin", lottery: lottery, beacon: "b", preparedAt: "2026-09-21T12:00:00Z",
            finalizedAt: "2026-09-21T12:00:01Z")
        let data = try record.jsonData()
        #expect(data.count > DrawRecordWriter.blockSize)
        #expect(data == (try Self.encoderBytes(record)))
        let path = try SelectionFixtures.temporaryDirectory().appendingPathComponent("record.json").path
        try record.write(toFile: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == data)
        #expect(try DrawRecord.read(fromFile: path) == record)
        #expect(throws: SelectFromFilesError.self) { try record.write(toFile: "/nonexistent-directory/record.json") }
    }
}
