import Foundation
import Sortition

/// SQL for draws. The pool and lottery are stored as their protocol texts (`allot-pool-v1`,
/// `allot-lottery-v1`): compact, and exactly what the digests hash. Triggers keep rows immutable.
enum DrawStore {
    static func insert(_ prepared: PreparedDraw, eventId: Int, round: Int, beaconSource: String, in connection: Connection)
        throws
    {
        var recordEventId: String?
        if case .text(let text) = prepared.eventId { recordEventId = text }
        let terms = StoredTerms(
            eventId: eventId, recordEventId: recordEventId, panelSize: prepared.panelSize, quotas: prepared.quotas, jointQuotas: prepared.jointQuotas,
            households: prepared.households, algorithm: prepared.algorithm, lotterySize: prepared.lottery.count, preparedAt: prepared.preparedAt,
            approximateSteps: prepared.approximateSteps.isEmpty ? nil : prepared.approximateSteps)
        try connection.prepare(
            """
            INSERT INTO draw (event_id, round, algorithm, beacon_source, prepared_at, pool_digest, lottery_digest,
                terms_digest, terms, pool, lottery, summary)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        ).run([
            SQLValue(eventId), SQLValue(round), .text(prepared.algorithm), .text(beaconSource), .text(prepared.preparedAt),
            .text(prepared.poolDigest), .text(prepared.lotteryDigest), .text(prepared.termsDigest),
            .text(EventStore.json(terms)), .text(DrawProtocol.poolText(prepared.pool)),
            .text(DrawProtocol.lotteryText(prepared.lottery)), .text(summaryText(StoredSummary(prepared.summary))),
        ])
    }

    static func finalize(
        eventId: Int, round: Int, beacon: String, seed: String, outcome: DrawProtocol.Outcome, at time: String,
        in connection: Connection
    ) throws {
        try connection.prepare(
            """
            UPDATE draw SET beacon = ?, seed = ?, panel_index = ?, panel = ?, reserves = ?, finalized_at = ?
            WHERE event_id = ? AND round = ?
            """
        ).run([
            .text(beacon), .text(seed), SQLValue(outcome.panelIndex), .text(outcome.panel.joined(separator: "\n")),
            .text(outcome.reserves.joined(separator: "\n")), .text(time), SQLValue(eventId), SQLValue(round),
        ])
    }

    /// The summary as JSON, the document `EventStore.json` writes (keys sorted), written directly:
    /// JSONEncoder spent about 3 CPU-seconds on the million probabilities of a 1,000,000-volunteer draw.
    static func summaryText(_ summary: StoredSummary) -> String {
        let figures = [summary.lotteryDeviation, summary.maxProbability, summary.minProbability, summary.seconds]
        guard (figures + summary.probabilities.values).allSatisfy(\.isFinite) else { return EventStore.json(summary) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(summary.probabilities.count * 32 + 256)
        func append(_ text: String) { bytes.append(contentsOf: text.utf8) }
        func appendString(_ text: String) {
            bytes.append(UInt8(ascii: "\""))
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                    bytes.append(UInt8(ascii: "\\"))
                    bytes.append(byte)
                case 0..<0x20:
                    append(String(format: "\\u%04x", byte))
                default:
                    bytes.append(byte)
                }
            }
            bytes.append(UInt8(ascii: "\""))
        }
        append("{\"distributionSize\":\(summary.distributionSize),\"estimated\":\(summary.estimated)")
        append(",\"lotteryDeviation\":\(summary.lotteryDeviation),\"maxProbability\":\(summary.maxProbability)")
        append(",\"minProbability\":\(summary.minProbability),\"poolSize\":\(summary.poolSize),\"probabilities\":{")
        for (index, pid) in summary.probabilities.keys.sorted(by: DrawProtocol.byteOrder).enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendString(pid)
            bytes.append(UInt8(ascii: ":"))
            append("\(summary.probabilities[pid] ?? 0)")
        }
        append("},\"seconds\":\(summary.seconds),\"types\":\(summary.types)}")
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The light view of a draw (no pool or lottery), or nil when none was prepared.
    static func find(eventId: Int, round: Int = 0, in connection: Connection) throws -> StoredDraw? {
        try connection.prepare(
            """
            SELECT algorithm, beacon_source, prepared_at, pool_digest, lottery_digest, terms_digest, terms,
                json_extract(summary, '$.poolSize'), json_extract(summary, '$.types'),
                json_extract(summary, '$.minProbability'), json_extract(summary, '$.maxProbability'),
                json_extract(summary, '$.lotteryDeviation'), beacon, seed, panel_index, panel,
                CASE WHEN reserves IS NULL THEN NULL WHEN reserves = '' THEN 0
                     ELSE length(reserves) - length(replace(reserves, char(10), '')) + 1 END,
                finalized_at
            FROM draw WHERE event_id = ? AND round = ?
            """
        ).firstRow([SQLValue(eventId), SQLValue(round)]) { row in
            let terms = try EventStore.decode(StoredTerms.self, row.text(6))
            return StoredDraw(
                eventId: eventId, round: round, algorithm: row.text(0), lotterySize: terms.lotterySize,
                beaconSource: row.text(1), preparedAt: row.text(2), poolDigest: row.text(3), lotteryDigest: row.text(4),
                termsDigest: row.text(5), poolSize: row.int(7), types: row.int(8),
                minProbability: row.double(9), maxProbability: row.double(10), lotteryDeviation: row.double(11),
                beacon: row.optionalText(12), seed: row.optionalText(13),
                panelIndex: row.isNull(14) ? nil : row.int(14),
                panel: row.optionalText(15).map { $0.isEmpty ? [] : $0.split(separator: "\n").map(String.init) },
                reserveCount: row.isNull(16) ? nil : row.int(16), finalizedAt: row.optionalText(17))
        }
    }

    /// The whole prepared draw, pool and lottery included.
    static func prepared(eventId: Int, round: Int = 0, in connection: Connection) throws -> PreparedDraw? {
        try connection.prepare("SELECT terms, pool, lottery, summary FROM draw WHERE event_id = ? AND round = ?")
            .firstRow([SQLValue(eventId), SQLValue(round)]) { row in
                let terms = try EventStore.decode(StoredTerms.self, row.text(0))
                let summary = try EventStore.decode(StoredSummary.self, row.text(3))
                return PreparedDraw(
                    eventId: terms.recordEventId.map(DrawRecord.EventID.text) ?? .number(terms.eventId),
                    panelSize: terms.panelSize, quotas: terms.quotas,
                    jointQuotas: terms.jointQuotas, pool: try poolEntries(row.text(1)), algorithm: terms.algorithm,
                    lottery: try lottery(row.text(2)), preparedAt: terms.preparedAt, summary: summary.summary,
                    households: terms.households, approximateSteps: terms.approximateSteps ?? [])
            }
    }

    /// What finalize needs: the pids of the pool (sorted) and the lottery.
    static func drawInput(eventId: Int, round: Int = 0, in connection: Connection) throws
        -> (pids: [String], lottery: [[String]], lotteryDigest: String)?
    {
        try connection.prepare("SELECT pool, lottery, lottery_digest FROM draw WHERE event_id = ? AND round = ?")
            .firstRow([SQLValue(eventId), SQLValue(round)]) { row in
                let pids = try poolLines(row.text(0)).map { line in
                    String(line.prefix { $0 != "\t" })
                }
                return (pids, try lottery(row.text(1)), row.text(2))
            }
    }

    /// The rounds stored for an event (0 the draw, 1… its top-ups), ascending.
    static func rounds(eventId: Int, in connection: Connection) throws -> [(round: Int, finalized: Bool)] {
        try connection.prepare("SELECT round, finalized_at IS NOT NULL FROM draw WHERE event_id = ? ORDER BY round")
            .rows([SQLValue(eventId)]) { ($0.int(0), $0.int(1) == 1) }
    }

    /// The stored reserve order.
    static func reserves(eventId: Int, round: Int = 0, in connection: Connection) throws -> [String] {
        try connection.prepare("SELECT reserves FROM draw WHERE event_id = ? AND round = ?")
            .firstRow([SQLValue(eventId), SQLValue(round)]) { row in
                row.text(0).isEmpty ? [] : row.text(0).split(separator: "\n").map(String.init)
            } ?? []
    }

    private static func poolLines(_ text: String) throws -> [Substring] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard lines.first == Substring(DrawProtocol.poolHeader) else { throw StoredDrawError.corrupt("pool text header") }
        lines.removeFirst()
        return lines
    }

    static func poolEntries(_ text: String) throws -> [DrawProtocol.PoolEntry] {
        try poolLines(text).map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            var attributes: [String: String] = [:]
            for field in fields.dropFirst() {
                guard let equals = field.firstIndex(of: "=") else { throw StoredDrawError.corrupt("pool line '\(line)'") }
                attributes[String(field[..<equals])] = String(field[field.index(after: equals)...])
            }
            return DrawProtocol.PoolEntry(pid: String(fields.first ?? ""), attributes: attributes)
        }
    }

    static func lottery(_ text: String) throws -> [[String]] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first == Substring(DrawProtocol.lotteryHeader) else {
            throw StoredDrawError.corrupt("lottery text header")
        }
        lines.removeFirst()
        if lines.last == "" { lines.removeLast() }
        return lines.map { $0.isEmpty ? [] : $0.split(separator: ",").map(String.init) }
    }
}

/// A stored draw that does not read back (the database was edited by hand).
enum StoredDrawError: Error, CustomStringConvertible {
    case corrupt(String)

    var description: String {
        switch self {
        case .corrupt(let what): "the stored draw is corrupt: \(what)"
        }
    }
}
