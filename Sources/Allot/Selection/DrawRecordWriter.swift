import Foundation
import Sortition

/// Writes a draw record as JSON text in blocks, byte for byte what `JSONEncoder` gives with sorted
/// keys and unescaped slashes (`DrawRecord.encode(to:)`, which stays the definition; a test compares
/// the two). A whole-city record is 170 MB: the encoder first builds a tree of a million small
/// values and then one giant buffer, which took gigabytes; this writer holds one block at a time.
struct DrawRecordWriter {
    /// Bytes collected before they are handed to the sink: large enough that writes cost nothing.
    static let blockSize = 1 << 20

    private var bytes: [UInt8] = []
    private let sink: (([UInt8]) throws -> Void)?

    /// `sink` receives each full block, then the rest at `finish`; nil keeps everything in memory.
    init(sink: (([UInt8]) throws -> Void)?) {
        self.sink = sink
        bytes.reserveCapacity(sink == nil ? 1 << 16 : Self.blockSize + (1 << 12))
    }

    /// The record's bytes: everything when there is no sink, else what `finish` has not yet passed on.
    var buffered: [UInt8] { bytes }

    /// Writes `record`; with a sink, the last block is passed on too.
    mutating func write(_ record: DrawRecord) throws {
        var keys = ["protocol", "eventId", "panelSize", "quotas", "pool", "poolDigest", "algorithm", "lottery",
                    "lotteryDigest", "beacon", "seed", "panelIndex", "panel", "reserves", "probabilities",
                    "preparedAt", "finalizedAt"]
        if record.jointQuotas != nil { keys.append("jointQuotas") }
        if record.households != nil { keys.append("households") }
        if record.termsDigest != nil { keys.append("termsDigest") }
        if record.approximateSteps != nil { keys.append("approximateSteps") }
        // JSONEncoder's sorted keys are in the byte order of their UTF-8 encodings.
        keys.sort(by: DrawProtocol.byteOrder)
        append(UInt8(ascii: "{"))
        for (index, key) in keys.enumerated() {
            if index > 0 { append(UInt8(ascii: ",")) }
            string(key)
            append(UInt8(ascii: ":"))
            switch key {
            case "protocol": string(record.protocol)
            case "eventId":
                switch record.eventId {
                case .number(let value): number(value)
                case .text(let text): string(text)
                case nil: raw("null")
                }
            case "panelSize": number(record.panelSize)
            case "quotas": try encoded(record.quotas)
            case "jointQuotas": try encoded(record.jointQuotas ?? [])
            case "households": try encoded(record.households ?? [])
            case "approximateSteps": try encoded(record.approximateSteps ?? [])
            case "pool": try pool(record.pool)
            case "poolDigest": string(record.poolDigest)
            case "algorithm": string(record.algorithm)
            case "lottery":
                try array(record.lottery) { writer, panel in writer.strings(panel) }
            case "lotteryDigest": string(record.lotteryDigest)
            case "termsDigest": string(record.termsDigest ?? "")
            case "beacon": string(record.beacon)
            case "seed": string(record.seed)
            case "panelIndex": number(record.panelIndex)
            case "panel": strings(record.panel)
            case "reserves": try array(record.reserves) { writer, pid in writer.string(pid) }
            case "probabilities": try probabilities(record.probabilities, pool: record.pool)
            case "preparedAt": string(record.preparedAt)
            default: string(record.finalizedAt)
            }
        }
        append(UInt8(ascii: "}"))
        if let sink {
            try sink(bytes)
            bytes.removeAll(keepingCapacity: true)
        }
    }

    /// `[{"attributes":{…},"pid":…},…]`, attribute names in byte order (worked out once while the
    /// next person has the same names, as nearly everyone has).
    private mutating func pool(_ pool: [DrawProtocol.PoolEntry]) throws {
        var names: [String] = []
        try array(pool) { writer, entry in
            if names.count != entry.attributes.count || names.contains(where: { entry.attributes[$0] == nil }) {
                names = entry.attributes.keys.sorted(by: DrawProtocol.byteOrder)
            }
            writer.raw("{\"attributes\":{")
            for (index, name) in names.enumerated() {
                if index > 0 { writer.append(UInt8(ascii: ",")) }
                writer.string(name)
                writer.append(UInt8(ascii: ":"))
                writer.string(entry.attributes[name] ?? "")
            }
            writer.raw("},\"pid\":")
            writer.string(entry.pid)
            writer.append(UInt8(ascii: "}"))
        }
    }

    /// `{pid: share}` with the pids in byte order: the pool's order when it lists exactly the
    /// probabilities' pids in that order (every record this program makes), else sorted here.
    private mutating func probabilities(_ shares: [String: Double], pool: [DrawProtocol.PoolEntry]) throws {
        var inPoolOrder = shares.count == pool.count
        if inPoolOrder {
            for index in pool.indices {
                if shares[pool[index].pid] == nil
                    || (index > 0 && !DrawProtocol.byteOrder(pool[index - 1].pid, pool[index].pid))
                {
                    inPoolOrder = false
                    break
                }
            }
        }
        let pids = inPoolOrder ? pool.map(\.pid) : shares.keys.sorted(by: DrawProtocol.byteOrder)
        append(UInt8(ascii: "{"))
        for (index, pid) in pids.enumerated() {
            if index > 0 { append(UInt8(ascii: ",")) }
            string(pid)
            append(UInt8(ascii: ":"))
            number(shares[pid] ?? 0)
            try flushIfFull()
        }
        append(UInt8(ascii: "}"))
    }

    private mutating func array<Element>(_ elements: [Element], _ body: (inout DrawRecordWriter, Element) throws -> Void)
        throws
    {
        append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { append(UInt8(ascii: ",")) }
            try body(&self, element)
            try flushIfFull()
        }
        append(UInt8(ascii: "]"))
    }

    private mutating func strings(_ texts: [String]) {
        append(UInt8(ascii: "["))
        for (index, text) in texts.enumerated() {
            if index > 0 { append(UInt8(ascii: ",")) }
            string(text)
        }
        append(UInt8(ascii: "]"))
    }

    /// A small value as `JSONEncoder` writes it (quotas, joint quotas, households, approximate steps).
    private mutating func encoded<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        bytes.append(contentsOf: try encoder.encode(value))
    }

    private mutating func flushIfFull() throws {
        guard let sink, bytes.count >= Self.blockSize else { return }
        try sink(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    private mutating func append(_ byte: UInt8) { bytes.append(byte) }

    private mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func number(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }

    /// As `JSONEncoder`: the shortest text that reads back as the same double, without a trailing `.0`.
    private mutating func number(_ value: Double) {
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    /// A JSON string with `JSONEncoder`'s escapes: `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other
    /// control characters as `\u00xx` (lowercase hex); everything else, `/` included, as it is.
    private mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
