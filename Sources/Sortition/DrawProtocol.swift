/// The verifiable draw protocol `allot-draw-v1` (INTERFACE.md §5): the texts that are hashed,
/// the seed, and the panel and reserve order drawn from a lottery with the public stream. The terms
/// text and digest are an Allot extension: additive, so a verifier that knows only §5 still works.
public enum DrawProtocol {
    /// Protocol name recorded in every draw record.
    public static let name = "allot-draw-v1"
    /// First line of the pool text.
    public static let poolHeader = "allot-pool-v1"
    /// First line of the lottery text.
    public static let lotteryHeader = "allot-lottery-v1"
    /// First line of the terms text (an Allot extension to `allot-draw-v1`).
    public static let termsHeader = "allot-terms-v1"
    /// Lottery size used unless the organizer asks otherwise: 1000 panels gives every
    /// probability to within 0.001, finer than any quota decision needs.
    public static let defaultLotterySize = 1000
    /// Smallest lottery `allot select` draws from and `allot verify` accepts. The beacon only picks
    /// one of m panels, so with m = 1 the panel is fixed before the beacon is known and with a
    /// handful of panels whoever builds the lottery nearly chooses the panel. Each person's share of
    /// the lottery is also a multiple of 1/m: below 100 panels that step exceeds one percentage
    /// point, as large as a typical selection probability itself (a panel of 20 from 2,000
    /// volunteers gives 1%). 100 is the smallest size at which neither is the case; the default
    /// stays at 1,000.
    public static let minimumLotterySize = 100

    /// One eligible person as the pool text sees them: a pid and attribute name → value.
    public struct PoolEntry: Sendable, Hashable, Codable {
        public var pid: String
        public var attributes: [String: String]

        public init(pid: String, attributes: [String: String]) {
            self.pid = pid
            self.attributes = attributes
        }
    }

    /// The terms a draw was prepared under: what the terms digest commits to, so that loosened
    /// quotas or a changed panel size, algorithm, event or preparation time are detected.
    public struct Terms: Sendable, Hashable {
        /// The event id as text (a number in decimal); nil for `allot select`.
        public var eventId: String?
        public var panelSize: Int
        public var algorithm: String
        public var lotterySize: Int
        public var preparedAt: String
        /// `{attribute: {value: [min, max]}}` as in the record; the bounds are hashed as given.
        public var quotas: [String: [String: [Int]]]
        public var jointQuotas: [JointQuota]
        /// Groups of pids of whom at most one may sit on a panel (`--household-columns`); empty
        /// when the draw had no household rule, which leaves the terms text as it was before.
        public var households: [[String]]

        public init(
            eventId: String?, panelSize: Int, algorithm: String, lotterySize: Int, preparedAt: String,
            quotas: [String: [String: [Int]]], jointQuotas: [JointQuota], households: [[String]] = []
        ) {
            self.eventId = eventId
            self.panelSize = panelSize
            self.algorithm = algorithm
            self.lotterySize = lotterySize
            self.preparedAt = preparedAt
            self.quotas = quotas
            self.jointQuotas = jointQuotas
            self.households = households
        }
    }

    /// The result of a draw: the chosen lottery line, the panel on it and the reserve order.
    public struct Outcome: Sendable, Hashable {
        public var panelIndex: Int
        public var panel: [String]
        public var reserves: [String]
    }

    /// `allot-pool-v1\n` then per person, sorted by pid in byte order: pid, then for each attribute
    /// in byte order of its name a tab and `name=value`; every line ends with `\n`.
    public static func poolText(_ pool: [PoolEntry]) -> String {
        var bytes: [UInt8] = []
        forEachPoolLine(pool) { bytes.append(contentsOf: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Lowercase hex SHA-256 of the pool text, hashed line by line (a million people need no
    /// single string of the whole pool).
    public static func poolDigest(_ pool: [PoolEntry]) -> String {
        var hasher = SHA256()
        forEachPoolLine(pool) { hasher.update($0) }
        return Hex.encode(hasher.finalize())
    }

    /// Calls `body` with the header line, then each person's line, as UTF-8 bytes.
    private static func forEachPoolLine(_ pool: [PoolEntry], _ body: ([UInt8]) -> Void) {
        body(Array((poolHeader + "\n").utf8))
        let sorted = sortedByPid(pool)
        var line: [UInt8] = []
        // Nearly every person has the same attribute names: their byte order is worked out once and
        // reused while the next person has exactly those names.
        var names: [String] = []
        for entry in sorted {
            line.removeAll(keepingCapacity: true)
            line.append(contentsOf: entry.pid.utf8)
            if names.count != entry.attributes.count || names.contains(where: { entry.attributes[$0] == nil }) {
                names = entry.attributes.keys.sorted(by: byteOrder)
            }
            for name in names {
                line.append(UInt8(ascii: "\t"))
                line.append(contentsOf: name.utf8)
                line.append(UInt8(ascii: "="))
                line.append(contentsOf: (entry.attributes[name] ?? "").utf8)
            }
            line.append(UInt8(ascii: "\n"))
            body(line)
        }
    }

    /// The pool sorted by pid in byte order (stable: people with one pid keep their order); a pool
    /// that is already in that order, as a prepared draw's is, is returned without sorting.
    public static func sortedByPid(_ pool: [PoolEntry]) -> [PoolEntry] {
        if isInByteOrder(pool.lazy.map(\.pid)) { return pool }
        return pool.indices.sorted { a, b in
            let x = pool[a].pid.utf8, y = pool[b].pid.utf8
            return x.lexicographicallyPrecedes(y) || (!y.lexicographicallyPrecedes(x) && a < b)
        }.map { pool[$0] }
    }

    /// True when each text is not after the next one in byte order.
    static func isInByteOrder<Texts: Collection>(_ texts: Texts) -> Bool where Texts.Element == String {
        var previous: String?
        for text in texts {
            if let previous, byteOrder(text, previous) { return false }
            previous = text
        }
        return true
    }

    /// `allot-lottery-v1\n` then one line per panel in stored order: its pids in byte order joined by `,`.
    public static func lotteryText(_ lottery: [[String]]) -> String {
        var text = lotteryHeader + "\n"
        for panel in lottery {
            text += panel.sorted(by: byteOrder).joined(separator: ",") + "\n"
        }
        return text
    }

    /// Lowercase hex SHA-256 of the lottery text.
    public static func lotteryDigest(_ lottery: [[String]]) -> String {
        SHA256.hexDigest(lotteryText(lottery))
    }

    /// `allot-terms-v1\n` then, each line ending with `\n`: `eventId\t<id or empty>`, `panelSize\t<k>`,
    /// `algorithm\t<name>`, `lotterySize\t<m>`, `preparedAt\t<text>`; one line
    /// `quota\t<attribute>\t<value>\t<min>\t<max>` per quota, sorted by attribute then value (byte
    /// order); then `joint\t<f1>\t<v1>\t<f2>\t<v2>\t<min>\t<max>` per joint quota, sorted by f1, v1,
    /// f2, v2 (byte order), then min, max. Quota bounds are written as recorded, tab-separated.
    /// Then, only when the draw had households, one line `household\t<pid>,<pid>,…` per household:
    /// its pids in byte order joined by `,`, the lines sorted in byte order (so terms without
    /// households hash exactly as before the line was added).
    public static func termsText(_ terms: Terms) -> String {
        var text = termsHeader + "\n"
        text += "eventId\t" + (terms.eventId ?? "") + "\n"
        text += "panelSize\t\(terms.panelSize)\n"
        text += "algorithm\t" + terms.algorithm + "\n"
        text += "lotterySize\t\(terms.lotterySize)\n"
        text += "preparedAt\t" + terms.preparedAt + "\n"
        for attribute in terms.quotas.keys.sorted(by: byteOrder) {
            let values = terms.quotas[attribute] ?? [:]
            for value in values.keys.sorted(by: byteOrder) {
                let bounds = (values[value] ?? []).map(String.init).joined(separator: "\t")
                text += "quota\t" + attribute + "\t" + value + "\t" + bounds + "\n"
            }
        }
        let joint = terms.jointQuotas.sorted { a, b in
            let keyA = [a.feature1, a.value1, a.feature2, a.value2], keyB = [b.feature1, b.value1, b.feature2, b.value2]
            if keyA != keyB {
                return keyA.lexicographicallyPrecedes(keyB, by: byteOrder)
            }
            return (a.min, a.max) < (b.min, b.max)
        }
        for quota in joint {
            text += ["joint", quota.feature1, quota.value1, quota.feature2, quota.value2, String(quota.min), String(quota.max)]
                .joined(separator: "\t") + "\n"
        }
        let households = terms.households.map { "household\t" + $0.sorted(by: byteOrder).joined(separator: ",") + "\n" }
        for line in households.sorted(by: byteOrder) { text += line }
        return text
    }

    /// Lowercase hex SHA-256 of the terms text.
    public static func termsDigest(_ terms: Terms) -> String {
        SHA256.hexDigest(termsText(terms))
    }

    /// `SHA-256("allot-draw-v1\n" + lotteryDigest + "\n" + beacon)`, 32 bytes.
    public static func seed(lotteryDigest: String, beacon: String) -> [UInt8] {
        SHA256.hash(name + "\n" + lotteryDigest + "\n" + beacon)
    }

    /// Draws the panel (`uniform(m)` picks the lottery line) and then the reserve order
    /// (Fisher–Yates over the other eligible pids in byte order) from one stream over `seed`.
    /// Returns nil for an empty lottery.
    public static func draw(lottery: [[String]], eligible: [String], seed: [UInt8]) -> Outcome? {
        var stream = DrawStream(seed: seed)
        guard let panelIndex = stream.uniform(lottery.count) else { return nil }
        let panel = lottery[panelIndex].sorted(by: byteOrder)
        let onPanel = Set(panel)
        // Eligible pids already strictly in byte order (a record's pool) need no set and no sort.
        var reserves =
            isStrictlyInByteOrder(eligible)
            ? eligible.filter { !onPanel.contains($0) }
            : Set(eligible).subtracting(onPanel).sorted(by: byteOrder)
        var i = reserves.count - 1
        while i >= 1 {
            // uniform(i + 1) is never nil here because i + 1 ≥ 2.
            let j = stream.uniform(i + 1) ?? i
            reserves.swapAt(i, j)
            i -= 1
        }
        return Outcome(panelIndex: panelIndex, panel: panel, reserves: reserves)
    }

    /// True when each text is before the next one in byte order (sorted, no text twice).
    static func isStrictlyInByteOrder(_ texts: [String]) -> Bool {
        for index in texts.indices.dropFirst() where !byteOrder(texts[index - 1], texts[index]) { return false }
        return true
    }

    /// Byte order of the UTF-8 encodings, the order the protocol sorts pids and names in
    /// (Swift's `<` on strings compares normalized Unicode, which is not the same).
    public static func byteOrder(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
