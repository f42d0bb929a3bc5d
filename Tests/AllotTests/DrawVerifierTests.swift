import Foundation
import Sortition
import Testing
@testable import Allot

/// `allot verify` accepts what `allot select` writes and names the check a changed byte breaks.
@Suite struct DrawVerifierTests {
    static func exampleSmallRequest(beacon: String? = "2026-11-23 test beacon") -> SelectionRequest {
        SelectionRequest(
            featuresPath: SelectionFixtures.instance("example_small_20", "categories.csv"),
            peoplePath: SelectionFixtures.instance("example_small_20", "respondents.csv"),
            panelSize: 20, algorithm: .legacy, lotterySize: 200, beacon: beacon)
    }

    /// One record shared by the tamper tests (computed once: LEGACY runs are slow in debug builds).
    static let cachedRecord = Result { () throws -> String in
        let result = try SelectFromFiles.run(exampleSmallRequest())
        return String(decoding: try result.record.jsonData(), as: UTF8.self)
    }

    static func recordJSON() throws -> String {
        try cachedRecord.get()
    }

    static func failedChecks(_ json: String) throws -> [String] {
        let record = try DrawRecord.decode(Data(json.utf8))
        return DrawVerifier.verify(record).filter { !$0.passed }.map(\.name)
    }

    /// Changes the first letter or digit after `marker` to another of the same kind (JSON stays valid).
    static func flip(_ json: String, after marker: String, to replacement: Character? = nil) throws -> String {
        let range = try #require(json.range(of: marker), "marker \(marker) not in the record")
        var index = range.upperBound
        while !json[index].isLetter && !json[index].isNumber { index = json.index(after: index) }
        let old = json[index]
        let new: Character = replacement ?? (old.isNumber ? (old == "1" ? "2" : "1") : (old == "a" ? "b" : "a"))
        #expect(old != new)
        return json.replacingCharacters(in: index...index, with: String(new))
    }

    @Test func acceptsWhatSelectWritesForEveryInstanceAndRandomBeacon() throws {
        let requests = [
            Self.exampleSmallRequest(beacon: nil),
            SelectionRequest(
                featuresPath: SelectionFixtures.instance("sa_fixture_22", "features.csv"),
                peoplePath: SelectionFixtures.instance("sa_fixture_22", "candidates.csv"), panelSize: 22,
                algorithm: .legacy, lotterySize: 100, idColumn: "nationbuilder_id"),
        ]
        for request in requests {
            let result = try SelectFromFiles.run(request)
            #expect(result.record.beacon.hasPrefix(request.beacon == nil ? "random:" : ""))
            #expect(DrawVerifier.verify(result.record).filter { !$0.passed }.isEmpty)
            let reread = try DrawRecord.decode(try result.record.jsonData())
            #expect(reread == result.record)
            #expect(DrawVerifier.verify(reread).filter { !$0.passed }.isEmpty)
            #expect(result.panel.count == request.panelSize)
            #expect(result.record.reserves.count == result.poolSize - request.panelSize)
        }
    }

    @Test func recordHasTheKeysOfTheInterface() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(Self.recordJSON().utf8)) as? [String: Any])
        let keys: Set<String> = [
            "protocol", "eventId", "panelSize", "quotas", "pool", "poolDigest", "algorithm", "lottery", "lotteryDigest",
            "beacon", "seed", "panelIndex", "panel", "reserves", "probabilities", "preparedAt", "finalizedAt",
            "termsDigest",
        ]
        #expect(Set(object.keys) == keys)
        #expect(object["eventId"] is NSNull)
        #expect(object["protocol"] as? String == "allot-draw-v1")
    }

    @Test(arguments: [
        ("pool", "\"pool\":[{\"attributes\":{\"gender\":\"", "poolDigest"),
        ("poolDigest", "\"poolDigest\":\"", "poolDigest"),
        ("lottery", "\"lottery\":[[\"", "lotteryDigest"),
        ("lotteryDigest", "\"lotteryDigest\":\"", "lotteryDigest"),
        ("termsDigest", "\"termsDigest\":\"", "termsDigest"),
        ("beacon", "\"beacon\":\"", "seed"),
        ("seed", "\"seed\":\"", "seed"),
        ("panelIndex", "\"panelIndex\":", "panelIndex"),
        ("panel", "\"panel\":[\"", "panel"),
        ("reserves", "\"reserves\":[\"", "reserves"),
        ("probabilities", "\"probabilities\":{\"1\":0.", "probabilities"),
    ])
    func aChangedByteFailsTheNamedCheck(part: String, marker: String, check: String) throws {
        let json = try Self.recordJSON()
        #expect(try Self.failedChecks(json).isEmpty)
        let tampered = try Self.flip(json, after: marker)
        let failed = try Self.failedChecks(tampered)
        #expect(failed.contains(check), "changing \(part) should fail \(check), failed: \(failed)")
    }

    /// Tightening a quota (conservative max 20 → 10) is caught by the quota check because some
    /// lottery panel seats 11 conservatives (and, as any change of terms, by the terms digest).
    @Test func aTightenedQuotaFailsTheQuotaCheck() throws {
        let json = try Self.recordJSON()
        let record = try DrawRecord.decode(Data(json.utf8))
        let conservatives = Set(record.pool.filter { $0.attributes["leaning"] == "conservative" }.map(\.pid))
        #expect(record.lottery.contains { $0.filter(conservatives.contains).count > 10 })
        let tampered = try Self.flip(json, after: "\"conservative\":[9,", to: "1")
        #expect(try Self.failedChecks(tampered) == ["termsDigest", "quotas"])
    }

    /// The terms digest catches what §5's digests do not: each change alone fails `termsDigest`
    /// (loosening a quota or naming an event fails nothing else; the lottery still meets the quotas).
    @Test(arguments: [
        ("loosened quota (conservative min 9 → 1)", "\"conservative\":[", "1", true),
        ("panelSize", "\"panelSize\":", "1", false),
        ("algorithm", "\"algorithm\":\"", "a", true),
        ("preparedAt", "\"preparedAt\":\"", "1", true),
    ] as [(String, String, Character, Bool)])
    func aChangedTermFailsTheTermsDigest(part: String, marker: String, replacement: Character, only: Bool) throws {
        let tampered = try Self.flip(try Self.recordJSON(), after: marker, to: replacement)
        let failed = try Self.failedChecks(tampered)
        #expect(only ? failed == ["termsDigest"] : failed.contains("termsDigest"), "changing \(part) failed: \(failed)")
    }

    @Test func anEventIdOrAMissingTermsDigestFailsTheTermsDigest() throws {
        let json = try Self.recordJSON()
        let withEvent = json.replacingOccurrences(of: "\"eventId\":null", with: "\"eventId\":7")
        #expect(withEvent.count == json.count - 3)
        #expect(try Self.failedChecks(withEvent) == ["termsDigest"])
        let digest = try #require(try DrawRecord.decode(Data(json.utf8)).termsDigest)
        let withoutDigest = json.replacingOccurrences(of: ",\"termsDigest\":\"\(digest)\"", with: "")
        #expect(withoutDigest.count < json.count)
        #expect(try Self.failedChecks(withoutDigest) == ["termsDigest"])
    }

    @Test func finalizedAtMustBeATimeNotBeforePreparedAt() throws {
        let json = try Self.recordJSON()
        let record = try DrawRecord.decode(Data(json.utf8))
        #expect(DrawVerifier.timeOrder(preparedAt: record.preparedAt, finalizedAt: record.finalizedAt) == nil)
        let early = try Self.flip(json, after: "\"finalizedAt\":\"", to: "1")
        #expect(try Self.failedChecks(early) == ["finalizedAt"])
        let unreadable = json.replacingOccurrences(of: "\"finalizedAt\":\"\(record.finalizedAt)\"", with: "\"finalizedAt\":\"soon\"")
        #expect(unreadable.count < json.count)
        #expect(try Self.failedChecks(unreadable) == ["finalizedAt"])
        #expect(DrawVerifier.timeOrder(preparedAt: "2026-11-23T08:00:00Z", finalizedAt: "2026-11-23T08:00:00.250Z") == nil)
    }

    @Test func malformedRecordsAreReportedNotCrashedOn() {
        #expect(throws: SelectFromFilesError.malformedRecord("not valid JSON")) { try DrawRecord.decode(Data("{".utf8)) }
        #expect(throws: SelectFromFilesError.malformedRecord("missing key 'protocol'")) {
            try DrawRecord.decode(Data("{}".utf8))
        }
    }
}
