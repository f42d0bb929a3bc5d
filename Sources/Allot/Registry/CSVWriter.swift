import Foundation

/// Writes RFC 4180 CSV: CRLF line ends, fields quoted when they hold a comma, quote, line break or
/// surrounding space. Buffers output and writes it in large blocks.
final class CSVWriter {
    /// Bytes gathered before a write call.
    static let flushThreshold = 1 << 20

    private let file: UnsafeMutablePointer<FILE>
    private let path: String
    private var buffer: [UInt8] = []

    /// Creates (or truncates) the file at `path`.
    init(path: String) throws(CSVError) {
        guard let file = fopen(path, "wb") else { throw .unwritable(path: path) }
        self.file = file
        self.path = path
        buffer.reserveCapacity(Self.flushThreshold + 4096)
    }

    deinit { fclose(file) }

    func write(_ fields: [String]) throws(CSVError) {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            append(field)
        }
        buffer.append(0x0D)
        buffer.append(0x0A)
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    /// Writes what is buffered and syncs the file's data to disk.
    func close() throws(CSVError) {
        try flush()
        guard fflush(file) == 0 else { throw .unwritable(path: path) }
    }

    private func append(_ field: String) {
        let needsQuotes =
            field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            || field.first?.isWhitespace == true || field.last?.isWhitespace == true
        guard needsQuotes else {
            buffer.append(contentsOf: field.utf8)
            return
        }
        buffer.append(UInt8(ascii: "\""))
        for byte in field.utf8 {
            if byte == UInt8(ascii: "\"") { buffer.append(byte) }
            buffer.append(byte)
        }
        buffer.append(UInt8(ascii: "\""))
    }

    private func flush() throws(CSVError) {
        let written = buffer.withUnsafeBufferPointer { pointer -> Int in
            guard let base = pointer.baseAddress else { return 0 }
            return fwrite(base, 1, pointer.count, file)
        }
        guard written == buffer.count else { throw .unwritable(path: path) }
        buffer.removeAll(keepingCapacity: true)
    }
}
