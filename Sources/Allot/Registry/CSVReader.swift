import Foundation

/// A streaming RFC 4180 reader: quoted fields (with `""` for a quote, commas and line breaks inside),
/// CRLF or LF line ends, an optional UTF-8 byte-order mark, and strict UTF-8. Reads the file in chunks,
/// so memory stays flat however long the file is. Blank lines are skipped.
final class CSVReader {
    /// One record and the line it starts on (1-based, counting every physical line).
    struct Record: Sendable, Equatable {
        let line: Int
        let fields: [String]
    }

    /// Bytes read from the file per call; large enough that read calls cost nothing next to parsing.
    static let chunkSize = 1 << 20

    private let file: UnsafeMutablePointer<FILE>
    private let path: String
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var line = 1
    private var started = false

    init(path: String) throws(CSVError) {
        guard let file = fopen(path, "rb") else { throw .unreadable(path: path) }
        self.file = file
        self.path = path
    }

    deinit { fclose(file) }

    /// The next record, or nil at the end of the file.
    func next() throws(CSVError) -> Record? {
        if !started {
            started = true
            // A UTF-8 byte-order mark, as spreadsheet programs write, is not part of the first field.
            if try peek() == 0xEF, try peek(1) == 0xBB, try peek(2) == 0xBF { position += 3 }
        }
        while true {
            guard try peek() != nil else { return nil }
            let startLine = line
            var fields: [String] = []
            var field: [UInt8] = []
            var quoted = false
            var fieldWasQuoted = false
            func finishField() throws(CSVError) {
                let text = field.withUnsafeBufferPointer { bytes in
                    TextRules.isValidUTF8(bytes) ? String(decoding: bytes, as: UTF8.self) : nil
                }
                guard let text else { throw .invalidUTF8(line: startLine) }
                fields.append(text)
                field.removeAll(keepingCapacity: true)
                fieldWasQuoted = false
            }
            recordLoop: while let byte = try take() {
                if quoted {
                    if byte == UInt8(ascii: "\"") {
                        if try peek() == UInt8(ascii: "\"") {
                            position += 1
                            field.append(byte)
                        } else {
                            quoted = false
                            let following = try peek()
                            guard
                                following == nil || following == UInt8(ascii: ",") || following == 0x0A
                                    || following == 0x0D
                            else { throw .textAfterClosingQuote(line: line) }
                        }
                    } else {
                        if byte == 0x0A { line += 1 }
                        field.append(byte)
                    }
                    continue
                }
                switch byte {
                case UInt8(ascii: ","):
                    try finishField()
                case 0x0A:
                    line += 1
                    break recordLoop
                case 0x0D:
                    if try peek() == 0x0A {
                        position += 1
                        line += 1
                        break recordLoop
                    }
                    field.append(byte)
                case UInt8(ascii: "\""):
                    guard field.isEmpty, !fieldWasQuoted else { throw .quoteInsideField(line: line) }
                    quoted = true
                    fieldWasQuoted = true
                default:
                    field.append(byte)
                }
            }
            if quoted { throw .unterminatedQuote(line: startLine) }
            try finishField()
            if fields.count == 1 && fields[0].isEmpty { continue }
            return Record(line: startLine, fields: fields)
        }
    }

    private func take() throws(CSVError) -> UInt8? {
        guard let byte = try peek() else { return nil }
        position += 1
        return byte
    }

    private func peek(_ offset: Int = 0) throws(CSVError) -> UInt8? {
        if position + offset >= buffer.count {
            try refill()
            if position + offset >= buffer.count { return nil }
        }
        return buffer[position + offset]
    }

    private func refill() throws(CSVError) {
        guard !atEnd else { return }
        buffer.removeFirst(position)
        position = 0
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: Self.chunkSize))
        let read = buffer.withUnsafeMutableBufferPointer { pointer -> Int in
            guard let base = pointer.baseAddress else { return 0 }
            return fread(base + old, 1, Self.chunkSize, file)
        }
        buffer.removeLast(Self.chunkSize - read)
        if read < Self.chunkSize {
            if ferror(file) != 0 { throw .unreadable(path: path) }
            atEnd = true
        }
    }
}

/// A CSV file that cannot be read as CSV, with the line where reading stopped.
public enum CSVError: AllotError, Equatable {
    case unreadable(path: String)
    case unwritable(path: String)
    case invalidUTF8(line: Int)
    case unterminatedQuote(line: Int)
    case quoteInsideField(line: Int)
    case textAfterClosingQuote(line: Int)

    public var code: String {
        switch self {
        case .unreadable: return "file_unreadable"
        case .unwritable: return "file_unwritable"
        default: return "invalid_csv"
        }
    }

    public var message: String {
        switch self {
        case .unreadable(let path): return "cannot read \(path)"
        case .unwritable(let path): return "cannot write \(path)"
        case .invalidUTF8(let line): return "line \(line): not valid UTF-8 (save the file as UTF-8)"
        case .unterminatedQuote(let line): return "line \(line): a quoted field is never closed"
        case .quoteInsideField(let line): return "line \(line): a quote inside an unquoted field"
        case .textAfterClosingQuote(let line): return "line \(line): text after a closing quote"
        }
    }

    public var category: ErrorCategory {
        switch self {
        case .unwritable: return .internal
        default: return .invalidInput
        }
    }
}
