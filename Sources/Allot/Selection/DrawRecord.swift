import Foundation
import Sortition

/// The public record of one draw (INTERFACE.md §5): pseudonymous pool, quotas, lottery, beacon,
/// seed, panel, reserves and probabilities — everything `allot verify` needs, nothing personal.
public struct DrawRecord: Codable, Sendable, Equatable {
    /// An event id as recorded: a number or a text (null for `allot select`).
    public enum EventID: Codable, Sendable, Equatable {
        case number(Int)
        case text(String)

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) {
                self = .number(number)
            } else {
                self = .text(try container.decode(String.self))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .number(let number): try container.encode(number)
            case .text(let text): try container.encode(text)
            }
        }
    }

    /// One pool line: the pid and attribute name → value code.
    public typealias PoolEntry = DrawProtocol.PoolEntry

    /// A joint quota as recorded (an Allot extension to §5, present only when joint quotas were used);
    /// its JSON keys are `feature1`, `value1`, `feature2`, `value2`, `min`, `max`.
    public typealias JointQuotaRecord = JointQuota

    public var `protocol`: String
    public var eventId: EventID?
    public var panelSize: Int
    /// `{attribute: {value: [min, max]}}`.
    public var quotas: [String: [String: [Int]]]
    public var jointQuotas: [JointQuotaRecord]?
    /// Groups of pids (two or more, each in byte order) of whom at most one may sit on a panel: an
    /// Allot extension to §5, present only when the draw had a household rule, and covered by the
    /// terms digest (one `household` line per group).
    public var households: [[String]]?
    public var pool: [PoolEntry]
    public var poolDigest: String
    public var algorithm: String
    public var lottery: [[String]]
    public var lotteryDigest: String
    /// SHA-256 of the terms text (`DrawProtocol.termsText`): an Allot extension to §5 that commits
    /// the quotas, panel size, algorithm, lottery size, event and preparation time. Optional only so
    /// that a record without it can be read and reported as failing the `termsDigest` check.
    public var termsDigest: String?
    public var beacon: String
    public var seed: String
    public var panelIndex: Int
    public var panel: [String]
    public var reserves: [String]
    /// `{pid: count/m}`: each person's share of lottery panels.
    public var probabilities: [String: Double]
    public var preparedAt: String
    public var finalizedAt: String
    /// LEXIMIN steps that rest on a pricing MIP stopped at its node or time limit (an Allot extension to
    /// §5): present only when some step is approximate, so exact records keep their bytes. Each names
    /// its step, the limit, the types it fixed (numbered by first appearance in the people file), the
    /// probability fixed and the MIP's remaining bound gap. Informative: not covered by a digest.
    public var approximateSteps: [ApproximateStep]?

    enum CodingKeys: String, CodingKey {
        case `protocol`, eventId, panelSize, quotas, jointQuotas, households, pool, poolDigest, algorithm, lottery, lotteryDigest, termsDigest
        case beacon, seed, panelIndex, panel, reserves, probabilities, preparedAt, finalizedAt, approximateSteps
    }

    public init(
        eventId: EventID?, panelSize: Int, quotas: [String: [String: [Int]]], jointQuotas: [JointQuotaRecord]?,
        pool: [PoolEntry], algorithm: String, lottery: [[String]], beacon: String, preparedAt: String, finalizedAt: String,
        households: [[String]]? = nil, approximateSteps: [ApproximateStep] = []
    ) throws(SelectFromFilesError) {
        self.protocol = DrawProtocol.name
        self.approximateSteps = approximateSteps.isEmpty ? nil : approximateSteps
        self.eventId = eventId
        self.panelSize = panelSize
        self.quotas = quotas
        self.jointQuotas = jointQuotas
        self.households = households.flatMap { groups in
            groups.isEmpty ? nil : groups.map { $0.sorted(by: DrawProtocol.byteOrder) }
                .sorted { $0.lexicographicallyPrecedes($1, by: DrawProtocol.byteOrder) }
        }
        self.pool = DrawProtocol.sortedByPid(pool)
        self.algorithm = algorithm
        self.lottery = lottery.map { $0.sorted(by: DrawProtocol.byteOrder) }
        poolDigest = DrawProtocol.poolDigest(pool)
        lotteryDigest = DrawProtocol.lotteryDigest(lottery)
        self.preparedAt = preparedAt
        self.finalizedAt = finalizedAt
        self.beacon = beacon
        let seedBytes = DrawProtocol.seed(lotteryDigest: lotteryDigest, beacon: beacon)
        seed = Hex.encode(seedBytes)
        guard let outcome = DrawProtocol.draw(lottery: self.lottery, eligible: pool.map(\.pid), seed: seedBytes) else {
            throw .algorithmFailed("the lottery is empty")
        }
        panelIndex = outcome.panelIndex
        panel = outcome.panel
        reserves = outcome.reserves
        probabilities = DrawRecord.shares(lottery: self.lottery, pool: pool)
        termsDigest = DrawProtocol.termsDigest(terms)
    }

    /// The record of a prepared draw finalized with `beacon`: the same record as the public
    /// initializer gives for the prepared draw's fields, without sorting and hashing the pool and the
    /// lottery again (the prepared draw holds them sorted, with their digests).
    init(_ prepared: PreparedDraw, beacon: String, finalizedAt: String) throws(SelectFromFilesError) {
        self.protocol = DrawProtocol.name
        approximateSteps = prepared.approximateSteps.isEmpty ? nil : prepared.approximateSteps
        eventId = prepared.eventId
        panelSize = prepared.panelSize
        quotas = prepared.quotas
        jointQuotas = prepared.jointQuotas
        households = prepared.households
        pool = prepared.pool
        algorithm = prepared.algorithm
        lottery = prepared.lottery
        poolDigest = prepared.poolDigest
        lotteryDigest = prepared.lotteryDigest
        preparedAt = prepared.preparedAt
        self.finalizedAt = finalizedAt
        self.beacon = beacon
        let seedBytes = DrawProtocol.seed(lotteryDigest: lotteryDigest, beacon: beacon)
        seed = Hex.encode(seedBytes)
        guard let outcome = DrawProtocol.draw(lottery: lottery, eligible: pool.map(\.pid), seed: seedBytes) else {
            throw .algorithmFailed("the lottery is empty")
        }
        panelIndex = outcome.panelIndex
        panel = outcome.panel
        reserves = outcome.reserves
        probabilities = DrawRecord.shares(lottery: lottery, pool: pool)
        termsDigest = prepared.termsDigest
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.protocol = try c.decode(String.self, forKey: .protocol)
        eventId = try c.decodeIfPresent(EventID.self, forKey: .eventId)
        panelSize = try c.decode(Int.self, forKey: .panelSize)
        quotas = try c.decode([String: [String: [Int]]].self, forKey: .quotas)
        jointQuotas = try c.decodeIfPresent([JointQuotaRecord].self, forKey: .jointQuotas)
        households = try c.decodeIfPresent([[String]].self, forKey: .households)
        pool = try DrawRecord.decodePool(try c.nestedUnkeyedContainer(forKey: .pool))
        poolDigest = try c.decode(String.self, forKey: .poolDigest)
        algorithm = try c.decode(String.self, forKey: .algorithm)
        lottery = try c.decode([[String]].self, forKey: .lottery)
        lotteryDigest = try c.decode(String.self, forKey: .lotteryDigest)
        termsDigest = try c.decodeIfPresent(String.self, forKey: .termsDigest)
        beacon = try c.decode(String.self, forKey: .beacon)
        seed = try c.decode(String.self, forKey: .seed)
        panelIndex = try c.decode(Int.self, forKey: .panelIndex)
        panel = try c.decode([String].self, forKey: .panel)
        reserves = try c.decode([String].self, forKey: .reserves)
        probabilities = try c.decode([String: Double].self, forKey: .probabilities)
        preparedAt = try c.decode(String.self, forKey: .preparedAt)
        finalizedAt = try c.decode(String.self, forKey: .finalizedAt)
        approximateSteps = try c.decodeIfPresent([ApproximateStep].self, forKey: .approximateSteps)
    }

    /// The pool, with one attribute dictionary per distinct set of attributes shared by everyone who
    /// has it: a million people are a few thousand types, and a dictionary each took gigabytes.
    private static func decodePool(_ container: any UnkeyedDecodingContainer) throws -> [PoolEntry] {
        var container = container
        var pool: [PoolEntry] = []
        if let count = container.count { pool.reserveCapacity(count) }
        var shared: [[String: String]: [String: String]] = [:]
        while !container.isAtEnd {
            var entry = try container.decode(PoolEntry.self)
            if let attributes = shared[entry.attributes] {
                entry.attributes = attributes
            } else {
                shared[entry.attributes] = entry.attributes
            }
            pool.append(entry)
        }
        return pool
    }

    /// Writes every key of §5, with `eventId` as an explicit null when there is no event.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(self.protocol, forKey: .protocol)
        if let eventId { try c.encode(eventId, forKey: .eventId) } else { try c.encodeNil(forKey: .eventId) }
        try c.encode(panelSize, forKey: .panelSize)
        try c.encode(quotas, forKey: .quotas)
        try c.encodeIfPresent(jointQuotas, forKey: .jointQuotas)
        try c.encodeIfPresent(households, forKey: .households)
        try c.encode(pool, forKey: .pool)
        try c.encode(poolDigest, forKey: .poolDigest)
        try c.encode(algorithm, forKey: .algorithm)
        try c.encode(lottery, forKey: .lottery)
        try c.encode(lotteryDigest, forKey: .lotteryDigest)
        try c.encodeIfPresent(termsDigest, forKey: .termsDigest)
        try c.encode(beacon, forKey: .beacon)
        try c.encode(seed, forKey: .seed)
        try c.encode(panelIndex, forKey: .panelIndex)
        try c.encode(panel, forKey: .panel)
        try c.encode(reserves, forKey: .reserves)
        try c.encode(probabilities, forKey: .probabilities)
        try c.encode(preparedAt, forKey: .preparedAt)
        try c.encode(finalizedAt, forKey: .finalizedAt)
        try c.encodeIfPresent(approximateSteps, forKey: .approximateSteps)
    }

    /// The terms this record states, as the terms digest hashes them.
    public var terms: DrawProtocol.Terms {
        let event: String? = switch eventId {
        case .number(let number): String(number)
        case .text(let text): text
        case nil: nil
        }
        return DrawProtocol.Terms(
            eventId: event, panelSize: panelSize, algorithm: algorithm, lotterySize: lottery.count,
            preparedAt: preparedAt, quotas: quotas,
            jointQuotas: jointQuotas ?? [], households: households ?? [])
    }

    /// Each pool member's share of lottery panels, `count / m`.
    static func shares(lottery: [[String]], pool: [PoolEntry]) -> [String: Double] {
        // A record may list a pid twice (the verifier's `pool` check reports it): count it once, never trap.
        var counts = Dictionary(pool.map { ($0.pid, 0) }, uniquingKeysWith: { first, _ in first })
        for panel in lottery { for pid in panel where counts[pid] != nil { counts[pid, default: 0] += 1 } }
        let m = Double(Swift.max(1, lottery.count))
        return counts.mapValues { Double($0) / m }
    }

    /// The record as JSON text (keys sorted, so the same record always gives the same bytes): the
    /// bytes `JSONEncoder` gives for `encode(to:)` with sorted keys and unescaped slashes, written
    /// by `DrawRecordWriter`.
    public func jsonData() throws(SelectFromFilesError) -> Data {
        var writer = DrawRecordWriter(sink: nil)
        do {
            try writer.write(self)
        } catch {
            throw .malformedRecord(String(describing: error))
        }
        return Data(writer.buffered)
    }

    /// Reads a record from JSON text.
    public static func decode(_ data: Data) throws(SelectFromFilesError) -> DrawRecord {
        do {
            return try JSONDecoder().decode(DrawRecord.self, from: data)
        } catch let DecodingError.keyNotFound(key, _) {
            throw .malformedRecord("missing key '\(key.stringValue)'")
        } catch let DecodingError.typeMismatch(_, context) {
            throw .malformedRecord("wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))")
        } catch let DecodingError.valueNotFound(_, context) {
            throw .malformedRecord("missing value at \(context.codingPath.map(\.stringValue).joined(separator: "."))")
        } catch {
            throw .malformedRecord("not valid JSON")
        }
    }
}

extension DrawRecord {
    /// Writes the record to `path` atomically (a temporary file renamed into place), so a reader
    /// never sees half a record.
    /// The JSON is written block by block (a whole-city record is 170 MB), never held whole.
    public func write(toFile path: String) throws(SelectFromFilesError) {
        let temporary = path + ".tmp-" + UUID().uuidString
        guard let file = fopen(temporary, "wb") else {
            throw .unreadableFile(path: path, reason: "cannot write: \(String(cString: strerror(errno)))")
        }
        struct WriteFailed: Error { let reason: String }
        var writer = DrawRecordWriter { block in
            guard block.withUnsafeBufferPointer({ fwrite($0.baseAddress, 1, $0.count, file) }) == block.count else {
                throw WriteFailed(reason: String(cString: strerror(errno)))
            }
        }
        var failure: String?
        do {
            try writer.write(self)
        } catch let error as WriteFailed {
            failure = error.reason
        } catch {
            failure = String(describing: error)
        }
        if fclose(file) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw .unreadableFile(path: path, reason: "cannot write: \(failure)")
        }
    }

    /// Reads a record from the file at `path`.
    public static func read(fromFile path: String) throws(SelectFromFilesError) -> DrawRecord {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadableFile(path: path, reason: "no such file or not readable")
        }
        return try decode(data)
    }
}
