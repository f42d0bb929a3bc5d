/// A CSV document read by RFC 4180 rules: fields separated by commas, records by CRLF or LF,
/// fields in double quotes may hold commas, line breaks and doubled quotes. A UTF-8 byte order
/// mark is skipped; a final line break is optional; fully blank lines are dropped.
public struct CSVDocument: Sendable {
    /// The records, each a list of fields, in file order (the header is `records[0]`).
    public let records: [[String]]
    /// The 1-based line on which each record starts, for messages.
    public let lines: [Int]
}

/// A malformed CSV text; `line` is 1-based.
public struct CSVError: Error, Sendable, Equatable {
    public let line: Int
    public let reason: String
}

/// Reads CSV text (see `CSVDocument`).
public enum CSVReader {
    public static func read(_ text: String) throws(CSVError) -> CSVDocument {
        var records: [[String]] = []
        var lines: [Int] = []
        var field: [UInt8] = []
        var record: [String] = []
        var line = 1, recordLine = 1
        var inQuotes = false, fieldWasQuoted = false
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

        func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
        }
        func endRecord() {
            endField()
            if !(record.count == 1 && record[0].isEmpty) {
                records.append(record)
                lines.append(recordLine)
            }
            record = []
        }

        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if inQuotes {
                if byte == quote {
                    if index < bytes.count, bytes[index] == quote {
                        field.append(quote)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == lf { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case quote:
                guard field.isEmpty, !fieldWasQuoted else {
                    throw CSVError(line: line, reason: "a double quote inside an unquoted field")
                }
                inQuotes = true
                fieldWasQuoted = true
            case comma:
                endField()
            case cr where index < bytes.count && bytes[index] == lf:
                break
            case lf, cr:
                endRecord()
                line += 1
                recordLine = line
            default:
                guard !fieldWasQuoted else {
                    throw CSVError(line: line, reason: "text after the closing quote of a field")
                }
                field.append(byte)
            }
        }
        guard !inQuotes else { throw CSVError(line: recordLine, reason: "a quoted field is never closed") }
        if !field.isEmpty || !record.isEmpty || fieldWasQuoted { endRecord() }
        return CSVDocument(records: records, lines: lines)
    }
}
