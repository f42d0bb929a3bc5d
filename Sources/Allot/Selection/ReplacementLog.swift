import Foundation

/// The public replacement log of an event's draw (`allot-replace-v1`, INTERFACE.md §5): every vacated
/// seat in the order it happened, the reserves skipped on the way (with why) and who took the seat.
public struct ReplacementLog: Codable, Sendable, Equatable {
    public static let protocolName = "allot-replace-v1"

    /// A reserve passed over because they can no longer be invited.
    public struct Skip: Codable, Sendable, Equatable {
        public var pid: String
        /// `withdrawn`, `invited_elsewhere`, `cooldown`, … (never empty).
        public var reason: String

        public init(pid: String, reason: String) {
            self.pid = pid
            self.reason = reason
        }
    }

    public struct Entry: Codable, Sendable, Equatable {
        public var vacated: String
        /// `declined`, `expired` or `cancelled`.
        public var state: String
        public var skipped: [Skip]
        /// nil when no reserve could keep the quotas: the seat stays open.
        public var replacement: String?
        public var at: String
        /// When the seat stays open: the quotas the held seats fall short of (`gender=female needs 5, has 4`),
        /// an Allot extension that tells the organizer what a top-up draw must bring.
        public var unmet: [String]?

        public init(
            vacated: String, state: String, skipped: [Skip], replacement: String?, at: String, unmet: [String]? = nil
        ) {
            self.vacated = vacated
            self.state = state
            self.skipped = skipped
            self.replacement = replacement
            self.at = at
            self.unmet = unmet
        }

        enum CodingKeys: String, CodingKey { case vacated, state, skipped, replacement, at, unmet }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(vacated, forKey: .vacated)
            try c.encode(state, forKey: .state)
            try c.encode(skipped, forKey: .skipped)
            if let replacement { try c.encode(replacement, forKey: .replacement) } else { try c.encodeNil(forKey: .replacement) }
            try c.encode(at, forKey: .at)
            try c.encodeIfPresent(unmet, forKey: .unmet)
        }
    }

    public var `protocol`: String
    public var eventId: DrawRecord.EventID?
    public var lotteryDigest: String
    public var entries: [Entry]

    public init(eventId: DrawRecord.EventID?, lotteryDigest: String, entries: [Entry]) {
        self.protocol = Self.protocolName
        self.eventId = eventId
        self.lotteryDigest = lotteryDigest
        self.entries = entries
    }

    /// Reads a log from JSON text.
    public static func decode(_ data: Data) throws(SelectFromFilesError) -> ReplacementLog {
        do {
            return try JSONDecoder().decode(ReplacementLog.self, from: data)
        } catch {
            throw .malformedRecord("the replacement log is not a valid allot-replace-v1 document")
        }
    }

    /// Reads a log from the file at `path`.
    public static func read(fromFile path: String) throws(SelectFromFilesError) -> ReplacementLog {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadableFile(path: path, reason: "no such file or not readable")
        }
        return try decode(data)
    }

    /// The log as JSON text with sorted keys.
    public func jsonData() throws(SelectFromFilesError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(self)
        } catch {
            throw .malformedRecord(String(describing: error))
        }
    }
}
