import Foundation
import Testing

@testable import Allot

/// The stored draw summary, written without JSONEncoder for speed, must be the document JSONEncoder
/// writes: same keys, same values once parsed.
@Suite("Draw store")
struct DrawStoreTests {
    static func summary(probabilities: [String: Double], seconds: Double = 1.25) -> StoredSummary {
        StoredSummary(
            DrawSummary(
                poolSize: probabilities.count, types: 3, probabilities: probabilities, estimated: false,
                minProbability: probabilities.values.min() ?? 0, maxProbability: probabilities.values.max() ?? 0,
                distributionSize: 17, lotteryDeviation: 0.001, seconds: seconds))
    }

    static func parsed(_ text: String) throws -> NSDictionary {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary)
    }

    @Test func summaryTextIsTheEncodersDocument() throws {
        let probabilities: [String: Double] = [
            "0Y669645": 0, "28GPEKS1": 1, "5RYFWZS7": 1e-7, "8J632YWZ": 0.1 + 0.2, "9TQSTF3V": 2.0 / 3.0,
            "quote\"back\\slash": 0.5, "tab\tnewline\n": 0.25, "志愿者": 0.125,
        ]
        let summary = Self.summary(probabilities: probabilities)
        let text = DrawStore.summaryText(summary)
        #expect(try Self.parsed(text) == Self.parsed(EventStore.json(summary)))
        let decoded = try EventStore.decode(StoredSummary.self, text)
        #expect(decoded.probabilities == probabilities && decoded.distributionSize == 17 && decoded.seconds == 1.25)
        #expect(text.hasPrefix("{\"distributionSize\":17,\"estimated\":false,"))
    }

    @Test func nonFiniteFiguresFallBackToTheEncoder() {
        let summary = Self.summary(probabilities: ["A": 0.5], seconds: .nan)
        #expect(DrawStore.summaryText(summary) == EventStore.json(summary))
    }
}
