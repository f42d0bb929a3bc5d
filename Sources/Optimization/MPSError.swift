/// Why an MPS text could not be read; every case names the 1-based line where reading stopped.
public enum MPSError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is not UTF-8/ASCII or a line is longer than any MPS writer produces.
    case unreadableText(line: Int)
    /// A line starting in column 1 is not a section keyword this reader knows.
    case unknownSection(line: Int, name: String)
    /// A section this reader does not support (quadratic objectives, SOS, semi-continuous bounds...).
    case unsupportedSection(line: Int, name: String)
    /// A data line appears before any section header.
    case dataOutsideSection(line: Int)
    /// A data line has the wrong number or layout of fields for its section.
    case malformedLine(line: Int, section: String)
    /// A ROWS entry has a type other than N, E, L, G.
    case unknownRowType(line: Int, type: String)
    /// A row name is declared twice in ROWS.
    case duplicateRow(line: Int, name: String)
    /// A name used where a row is expected was never declared in ROWS.
    case unknownRow(line: Int, name: String)
    /// A BOUNDS entry names a column that COLUMNS never declared.
    case unknownColumn(line: Int, name: String)
    /// A field that should be a number is not one.
    case invalidNumber(line: Int, text: String)
    /// A BOUNDS entry has a type outside UP LO FX FR MI PL BV LI UI.
    case unknownBoundType(line: Int, type: String)
    /// OBJSENSE names something other than MIN/MINIMIZE/MAX/MAXIMIZE.
    case invalidObjectiveSense(line: Int, text: String)
    /// The text ends without an ENDATA line (a truncated file).
    case missingEndData(line: Int)

    /// The line the error refers to.
    public var line: Int {
        switch self {
        case .unreadableText(let line), .unknownSection(let line, _), .unsupportedSection(let line, _),
             .dataOutsideSection(let line), .malformedLine(let line, _), .unknownRowType(let line, _),
             .duplicateRow(let line, _), .unknownRow(let line, _), .unknownColumn(let line, _),
             .invalidNumber(let line, _), .unknownBoundType(let line, _), .invalidObjectiveSense(let line, _),
             .missingEndData(let line):
            return line
        }
    }

    public var description: String {
        switch self {
        case .unreadableText(let line): return "line \(line): not readable MPS text"
        case .unknownSection(let line, let name): return "line \(line): unknown section '\(name)'"
        case .unsupportedSection(let line, let name): return "line \(line): section '\(name)' is not supported"
        case .dataOutsideSection(let line): return "line \(line): data before any section header"
        case .malformedLine(let line, let section): return "line \(line): malformed \(section) entry"
        case .unknownRowType(let line, let type): return "line \(line): unknown row type '\(type)'"
        case .duplicateRow(let line, let name): return "line \(line): row '\(name)' declared twice"
        case .unknownRow(let line, let name): return "line \(line): unknown row '\(name)'"
        case .unknownColumn(let line, let name): return "line \(line): unknown column '\(name)'"
        case .invalidNumber(let line, let text): return "line \(line): '\(text)' is not a number"
        case .unknownBoundType(let line, let type): return "line \(line): unknown bound type '\(type)'"
        case .invalidObjectiveSense(let line, let text): return "line \(line): objective sense '\(text)' is not MIN or MAX"
        case .missingEndData(let line): return "line \(line): text ends without ENDATA"
        }
    }
}
