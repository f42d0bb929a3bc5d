/// A linear program read from MPS text: the model plus the counts as the file states them,
/// so a reader can be checked against published problem sizes.
public struct MPSProblem: Sendable {
    /// The text of the NAME line (empty when absent).
    public var name: String
    public var model: LinearModel
    /// Rows declared in ROWS, counting the objective and any other free (N) rows.
    public var rowCount: Int
    /// Entries in COLUMNS, objective coefficients included (what Netlib calls nonzeros).
    public var nonzeroCount: Int
}

/// Reads fixed and free MPS: NAME, OBJSENSE, OBJNAME, ROWS, COLUMNS (with INTORG/INTEND
/// markers), RHS, RANGES, BOUNDS, ENDATA. Each data line is read as whitespace-separated
/// fields; when that does not make sense (fixed files may have spaces inside names) the
/// fixed MPS columns are used instead. The first N row is the objective; other N rows are
/// dropped. A RHS entry on the objective row is the negative of an objective constant.
public enum MPSReader {
    /// Parses MPS text.
    public static func parse(_ text: String) throws(MPSError) -> MPSProblem {
        try parse(bytes: Array(text.utf8))
    }

    /// Parses MPS bytes (ASCII/UTF-8), e.g. a file's contents.
    public static func parse(bytes: [UInt8]) throws(MPSError) -> MPSProblem {
        var parser = MPSParser(bytes: bytes)
        try parser.run()
        return parser.problem()
    }
}

/// Field positions of fixed MPS (0-based, end exclusive): type 2-3, name 5-12, name 15-22,
/// number 25-36, name 40-47, number 50-61 in the 1-based columns of the format's definition.
private enum FixedField {
    static let type = 1..<3
    static let name1 = 4..<12
    static let name2 = 14..<22
    static let number1 = 24..<36
    static let name3 = 39..<47
    static let number2 = 49..<61
}

/// Magnitude from which MPS values mean "infinite" (the convention of CPLEX and HiGHS).
private let mpsInfinity = 1e30

private enum RowType { case objective, equal, less, greater }

private enum Section: String {
    case none, name = "NAME", objsense = "OBJSENSE", objname = "OBJNAME", rows = "ROWS", columns = "COLUMNS"
    case rhs = "RHS", ranges = "RANGES", bounds = "BOUNDS", end = "ENDATA"
}

/// Section keywords of MPS extensions this reader rejects with a clear error.
private let unsupportedSections: Set<String> = [
    "QUADOBJ", "QSECTION", "QMATRIX", "QCMATRIX", "CSECTION", "SOS", "SETS", "INDICATORS", "GENCONS", "PWLOBJ",
    "LAZYCONS", "USERCUTS",
]

private enum BoundType: String {
    case up = "UP", lo = "LO", fx = "FX", fr = "FR", mi = "MI", pl = "PL", bv = "BV", li = "LI", ui = "UI"

    var needsValue: Bool {
        switch self {
        case .up, .lo, .fx, .li, .ui: return true
        case .fr, .mi, .pl, .bv: return false
        }
    }
}

private struct MPSParser {
    let bytes: [UInt8]
    var line = 0
    var section = Section.none

    var name = ""
    var sense = ObjectiveSense.minimize
    var objectiveName: String?

    var rowIndex: [String: Int] = [:]
    var rowTypes: [RowType] = []
    var rowNames: [String] = []
    /// The row chosen as objective (the first N row unless OBJNAME says otherwise).
    var objectiveRow: Int?
    var rhs: [Double] = []
    var ranges: [Double?] = []
    var rowIndices: [[Int]] = []
    var rowCoefficients: [[Double]] = []

    var columnIndex: [String: Int] = [:]
    var variables: [Variable] = []
    var lowerWasSet: [Bool] = []
    var integerMarker = false
    var lastColumnName = ""
    var lastColumn = -1
    var objectiveOffset = 0.0
    var nonzeroCount = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func run() throws(MPSError) {
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
            line += 1
            var stop = end
            if stop > start && bytes[stop - 1] == UInt8(ascii: "\r") { stop -= 1 }
            try handleLine(start..<stop)
            if section == .end { return }
            start = end + 1
        }
        throw .missingEndData(line: line)
    }

    // MARK: - Lines

    mutating func handleLine(_ range: Range<Int>) throws(MPSError) {
        if range.isEmpty { return }
        let first = bytes[range.lowerBound]
        if first == UInt8(ascii: "*") { return }
        let tokens = tokenize(range)
        if tokens.isEmpty { return }
        if !isBlank(first) {
            try startSection(tokens, range: range)
            return
        }
        switch section {
        case .none, .name, .end: throw .dataOutsideSection(line: line)
        case .objsense: try setSense(text(tokens[0]))
        case .objname: objectiveName = text(tokens[0])
        case .rows: try readRow(tokens, range: range)
        case .columns: try readColumnEntry(tokens, range: range)
        case .rhs: for (row, value) in try readRowValues(tokens, range: range) { setRHS(row, value) }
        case .ranges: for (row, value) in try readRowValues(tokens, range: range) { ranges[row] = value }
        case .bounds: try readBound(tokens, range: range)
        }
    }

    mutating func startSection(_ tokens: [Range<Int>], range: Range<Int>) throws(MPSError) {
        let keyword = text(tokens[0]).uppercased()
        guard let next = Section(rawValue: keyword), next != .none else {
            if unsupportedSections.contains(keyword) { throw .unsupportedSection(line: line, name: keyword) }
            throw .unknownSection(line: line, name: keyword)
        }
        section = next
        switch next {
        case .name:
            let rest = tokens[0].upperBound..<range.upperBound
            name = text(trim(rest))
        case .objsense where tokens.count > 1:
            try setSense(text(tokens[1]))
        case .objname where tokens.count > 1:
            objectiveName = text(tokens[1])
        default:
            break
        }
    }

    mutating func setSense(_ word: String) throws(MPSError) {
        switch word.uppercased() {
        case "MIN", "MINIMIZE", "MINIMISE": sense = .minimize
        case "MAX", "MAXIMIZE", "MAXIMISE": sense = .maximize
        default: throw .invalidObjectiveSense(line: line, text: word)
        }
    }

    // MARK: - ROWS

    mutating func readRow(_ tokens: [Range<Int>], range: Range<Int>) throws(MPSError) {
        let typeText: String
        let rowName: String
        if tokens.count == 2 {
            typeText = text(tokens[0])
            rowName = text(tokens[1])
        } else {
            typeText = text(fixed(FixedField.type, in: range))
            // The name runs to the end of the line; a line shorter than its start has none (found by fuzzing).
            rowName = text(fixed(FixedField.name1.lowerBound..<max(FixedField.name1.lowerBound, range.count), in: range))
            if rowName.isEmpty { throw .malformedLine(line: line, section: "ROWS") }
        }
        let type: RowType
        switch typeText.uppercased() {
        case "N": type = .objective
        case "E": type = .equal
        case "L": type = .less
        case "G": type = .greater
        default: throw .unknownRowType(line: line, type: typeText)
        }
        if rowIndex[rowName] != nil { throw .duplicateRow(line: line, name: rowName) }
        let index = rowTypes.count
        rowIndex[rowName] = index
        rowTypes.append(type)
        rowNames.append(rowName)
        rhs.append(0)
        ranges.append(nil)
        rowIndices.append([])
        rowCoefficients.append([])
        if type == .objective && objectiveRow == nil && (objectiveName == nil || objectiveName == rowName) {
            objectiveRow = index
        }
    }

    // MARK: - COLUMNS

    mutating func readColumnEntry(_ tokens: [Range<Int>], range: Range<Int>) throws(MPSError) {
        if tokens.count >= 3 && text(tokens[1]).uppercased() == "'MARKER'" {
            switch text(tokens[2]).uppercased() {
            case "'INTORG'": integerMarker = true
            case "'INTEND'": integerMarker = false
            default: throw .malformedLine(line: line, section: "COLUMNS")
            }
            return
        }
        let column: String
        let entries: [(Int, Double)]
        do throws(MPSError) {
            guard tokens.count == 3 || tokens.count == 5 else { throw .malformedLine(line: line, section: "COLUMNS") }
            entries = try rowValuePairs(tokens[1...])
            column = text(tokens[0])
        } catch {
            guard let fixedEntry = try? fixedColumnEntry(range) else { throw error }
            (column, entries) = fixedEntry
        }
        let j = columnNumber(column)
        for (row, value) in entries {
            nonzeroCount += 1
            if rowTypes[row] == .objective {
                if row == objectiveRow { variables[j].cost += value }
            } else if rowIndices[row].last == j {
                rowCoefficients[row][rowCoefficients[row].count - 1] += value
            } else if value != 0 {
                rowIndices[row].append(j)
                rowCoefficients[row].append(value)
            }
        }
    }

    func fixedColumnEntry(_ range: Range<Int>) throws(MPSError) -> (String, [(Int, Double)]) {
        let column = text(fixed(FixedField.name1, in: range))
        if column.isEmpty { throw .malformedLine(line: line, section: "COLUMNS") }
        return (column, try fixedRowValues(range))
    }

    /// Index of a column, declaring it (with the current integrality marker) on first sight.
    mutating func columnNumber(_ column: String) -> Int {
        if column == lastColumnName && lastColumn >= 0 { return lastColumn }
        let j: Int
        if let known = columnIndex[column] {
            j = known
        } else {
            j = variables.count
            columnIndex[column] = j
            variables.append(Variable(lower: 0, upper: .infinity, cost: 0, isInteger: integerMarker, name: column))
            lowerWasSet.append(false)
        }
        lastColumnName = column
        lastColumn = j
        return j
    }

    // MARK: - RHS and RANGES

    mutating func setRHS(_ row: Int, _ value: Double) {
        if row == objectiveRow {
            objectiveOffset = -value
        } else if rowTypes[row] != .objective {
            rhs[row] = value
        }
    }

    /// Reads `[set] row value [row value]` of RHS and RANGES.
    func readRowValues(_ tokens: [Range<Int>], range: Range<Int>) throws(MPSError) -> [(Int, Double)] {
        let sectionName = section.rawValue
        do throws(MPSError) {
            guard (2...5).contains(tokens.count) else { throw .malformedLine(line: line, section: sectionName) }
            return try rowValuePairs(tokens.count.isMultiple(of: 2) ? tokens[0...] : tokens[1...])
        } catch {
            guard let entries = try? fixedRowValues(range) else { throw error }
            return entries
        }
    }

    /// The (row, value) pairs of fixed fields 3–6.
    func fixedRowValues(_ range: Range<Int>) throws(MPSError) -> [(Int, Double)] {
        var entries = [(try rowNumber(text(fixed(FixedField.name2, in: range))),
                        try number(fixed(FixedField.number1, in: range)))]
        let secondRow = text(fixed(FixedField.name3, in: range))
        if !secondRow.isEmpty {
            entries.append((try rowNumber(secondRow), try number(fixed(FixedField.number2, in: range))))
        } else if range.count > FixedField.name3.lowerBound {
            throw .malformedLine(line: line, section: section.rawValue)
        }
        return entries
    }

    /// Reads free fields `row value [row value]`.
    func rowValuePairs(_ fields: ArraySlice<Range<Int>>) throws(MPSError) -> [(Int, Double)] {
        guard fields.count == 2 || fields.count == 4 else { throw .malformedLine(line: line, section: section.rawValue) }
        var entries: [(Int, Double)] = []
        var k = fields.startIndex
        while k < fields.endIndex {
            entries.append((try rowNumber(text(fields[k])), try number(fields[k + 1])))
            k += 2
        }
        return entries
    }

    func rowNumber(_ rowName: String) throws(MPSError) -> Int {
        guard let row = rowIndex[rowName] else { throw .unknownRow(line: line, name: rowName) }
        return row
    }

    // MARK: - BOUNDS

    mutating func readBound(_ tokens: [Range<Int>], range: Range<Int>) throws(MPSError) {
        let typeText = text(tokens[0])
        guard let type = BoundType(rawValue: typeText.uppercased()) else {
            if typeText.uppercased() == "SC" { throw .unsupportedSection(line: line, name: "SC bound") }
            throw .unknownBoundType(line: line, type: typeText)
        }
        let column: Int
        let value: Double?
        do throws(MPSError) {
            (column, value) = try freeBound(type, tokens)
        } catch {
            guard let entry = try? fixedBound(type, range) else { throw error }
            (column, value) = entry
        }
        applyBound(type, column: column, value: value ?? 0)
    }

    func freeBound(_ type: BoundType, _ tokens: [Range<Int>]) throws(MPSError) -> (Int, Double?) {
        switch (type.needsValue, tokens.count) {
        case (true, 3): return (try columnNumberOfBound(text(tokens[1])), try number(tokens[2]))
        case (true, 4): return (try columnNumberOfBound(text(tokens[2])), try number(tokens[3]))
        case (false, 2): return (try columnNumberOfBound(text(tokens[1])), nil)
        case (false, 3):
            // Either `type set column` or `type column value`: the declared column decides.
            if let j = columnIndex[text(tokens[2])] { return (j, nil) }
            return (try columnNumberOfBound(text(tokens[1])), try number(tokens[2]))
        case (false, 4): return (try columnNumberOfBound(text(tokens[2])), try number(tokens[3]))
        default: throw .malformedLine(line: line, section: "BOUNDS")
        }
    }

    func fixedBound(_ type: BoundType, _ range: Range<Int>) throws(MPSError) -> (Int, Double?) {
        let j = try columnNumberOfBound(text(fixed(FixedField.name2, in: range)))
        let valueField = fixed(FixedField.number1, in: range)
        if valueField.isEmpty {
            if type.needsValue { throw .malformedLine(line: line, section: "BOUNDS") }
            return (j, nil)
        }
        return (j, try number(valueField))
    }

    func columnNumberOfBound(_ column: String) throws(MPSError) -> Int {
        guard let j = columnIndex[column] else { throw .unknownColumn(line: line, name: column) }
        return j
    }

    mutating func applyBound(_ type: BoundType, column j: Int, value: Double) {
        switch type {
        case .up, .ui:
            variables[j].upper = value
            // Classic MPS: a negative upper bound on a variable whose lower bound was never
            // given makes the variable unbounded below (as CPLEX, HiGHS and GLPK read it).
            if value < 0 && variables[j].lower == 0 && !lowerWasSet[j] { variables[j].lower = -.infinity }
        case .lo, .li:
            variables[j].lower = value
            lowerWasSet[j] = true
        case .fx:
            variables[j].lower = value
            variables[j].upper = value
            lowerWasSet[j] = true
        case .fr:
            variables[j].lower = -.infinity
            variables[j].upper = .infinity
            lowerWasSet[j] = true
        case .mi:
            variables[j].lower = -.infinity
            lowerWasSet[j] = true
        case .pl:
            variables[j].upper = .infinity
        case .bv:
            variables[j].lower = 0
            variables[j].upper = 1
            lowerWasSet[j] = true
        }
        if type == .bv || type == .li || type == .ui { variables[j].isInteger = true }
    }

    // MARK: - Result

    func problem() -> MPSProblem {
        var constraints: [Constraint] = []
        constraints.reserveCapacity(rowTypes.count)
        for (row, type) in rowTypes.enumerated() {
            let b = rhs[row]
            var lower: Double, upper: Double
            switch type {
            case .objective: continue
            case .equal: (lower, upper) = (b, b)
            case .less: (lower, upper) = (-.infinity, b)
            case .greater: (lower, upper) = (b, .infinity)
            }
            if let r = ranges[row] {
                switch type {
                case .objective: break
                case .equal: if r < 0 { lower = b + r } else { upper = b + r }
                case .less: lower = b - abs(r)
                case .greater: upper = b + abs(r)
                }
            }
            constraints.append(Constraint(indices: rowIndices[row], coefficients: rowCoefficients[row],
                                          lower: lower, upper: upper, name: rowNames[row]))
        }
        let model = LinearModel(sense: sense, variables: variables, constraints: constraints,
                                objectiveOffset: objectiveOffset)
        return MPSProblem(name: name, model: model, rowCount: rowTypes.count, nonzeroCount: nonzeroCount)
    }

    // MARK: - Bytes

    func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    func tokenize(_ range: Range<Int>) -> [Range<Int>] {
        var tokens: [Range<Int>] = []
        var i = range.lowerBound
        while i < range.upperBound {
            while i < range.upperBound && isBlank(bytes[i]) { i += 1 }
            if i == range.upperBound { break }
            let start = i
            while i < range.upperBound && !isBlank(bytes[i]) { i += 1 }
            tokens.append(start..<i)
        }
        return tokens
    }

    /// The fixed-format field at `columns` of the line, clipped to the line and trimmed.
    func fixed(_ columns: Range<Int>, in range: Range<Int>) -> Range<Int> {
        let lower = min(range.lowerBound + columns.lowerBound, range.upperBound)
        let upper = min(range.lowerBound + columns.upperBound, range.upperBound)
        return trim(lower..<upper)
    }

    func trim(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper && isBlank(bytes[lower]) { lower += 1 }
        while upper > lower && isBlank(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    func number(_ range: Range<Int>) throws(MPSError) -> Double {
        let field = text(range)
        guard let value = Double(field), !value.isNaN else { throw .invalidNumber(line: line, text: field) }
        if value >= mpsInfinity { return .infinity }
        if value <= -mpsInfinity { return -.infinity }
        return value
    }
}
