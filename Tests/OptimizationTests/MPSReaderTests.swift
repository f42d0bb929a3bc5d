import Testing
@testable import Optimization

/// A fixed-format MPS data line with each field at its column of the format's definition.
private func fixedLine(_ type: String, _ name1: String, _ name2: String = "", _ number1: String = "",
                       _ name3: String = "", _ number2: String = "") -> String {
    func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
    let line = " " + pad(type, 2) + " " + pad(name1, 8) + "  " + pad(name2, 8) + "  " + pad(number1, 12)
        + "   " + pad(name3, 8) + "  " + number2
    return String(line.reversed().drop { $0 == " " }.reversed())
}

@Suite struct MPSReaderTests {
    static let free = """
        * a free MPS text using every section and bound type
        NAME TESTFREE
        OBJSENSE
            MAX
        ROWS
         N obj
         L lim1
         G lim2
         E eq1
         E eq2
         N other
        COLUMNS
         x obj 1 lim1 1
         x lim2 2
         MARKER 'MARKER' 'INTORG'
         y obj 2 eq1 1
         y other 5
         MARKER 'MARKER' 'INTEND'
         z eq2 1 obj -1
         a lim1 1
         b lim1 1
         c lim1 1
         d lim1 1
         e lim1 1
         f lim1 1
         g lim1 1
         h lim1 1
        RHS
         RHS obj 10 lim1 4
         RHS lim2 1 eq1 7
         eq2 3
        RANGES
         RNG lim1 2 lim2 3
         RNG eq1 -2 eq2 5
        BOUNDS
         UP BND x 4
         LO BND y -1
         FX BND z 2.5
         FR BND a
         MI BND b
         PL BND c
         BV BND d
         LI BND e 2
         UI BND f 9
         UP BND g -3
         LO BND h 1
         UP BND h 2
        ENDATA
        """

    @Test func freeFormatReadsEverySection() throws {
        let problem = try MPSReader.parse(Self.free)
        let model = problem.model
        #expect(problem.name == "TESTFREE")
        #expect(problem.rowCount == 6)
        #expect(problem.nonzeroCount == 16)
        #expect(model.sense == .maximize)
        #expect(model.objectiveOffset == -10)
        #expect(model.constraints.map(\.name) == ["lim1", "lim2", "eq1", "eq2"])
        #expect(model.variables.map(\.name) == ["x", "y", "z", "a", "b", "c", "d", "e", "f", "g", "h"])
        #expect(model.variables.map(\.cost) == [1, 2, -1, 0, 0, 0, 0, 0, 0, 0, 0])
        #expect(model.variables.map(\.isInteger) == [false, true, false, false, false, false, true, true, true, false, false])
    }

    @Test func rangesFollowTheRowType() throws {
        let rows = try MPSReader.parse(Self.free).model.constraints
        // L: [rhs − |R|, rhs]; G: [rhs, rhs + |R|]; E: the sign of R picks the side.
        #expect(rows[0].lower == 2 && rows[0].upper == 4)
        #expect(rows[1].lower == 1 && rows[1].upper == 4)
        #expect(rows[2].lower == 5 && rows[2].upper == 7)
        #expect(rows[3].lower == 3 && rows[3].upper == 8)
        #expect(rows[0].indices == [0, 3, 4, 5, 6, 7, 8, 9, 10])
        #expect(rows[1].indices == [0] && rows[1].coefficients == [2])
        #expect(rows[2].indices == [1] && rows[3].indices == [2])
    }

    @Test func everyBoundType() throws {
        let variables = try MPSReader.parse(Self.free).model.variables
        let bounds = variables.map { [$0.lower, $0.upper] }
        let expected: [[Double]] = [
            [0, 4], [-1, .infinity], [2.5, 2.5], [-.infinity, .infinity], [-.infinity, .infinity],
            [0, .infinity], [0, 1], [2, .infinity], [0, 9], [-.infinity, -3], [1, 2],
        ]
        #expect(bounds == expected)
    }

    @Test func fixedFormatWithSpacesInNames() throws {
        let text = [
            "NAME          SPACES",
            "ROWS",
            " N  COST",
            " L  LIM 1",
            " G  LIM 2",
            " E  MYEQN",
            "COLUMNS",
            fixedLine("", "X ONE", "COST", "1.0", "LIM 1", "1.0"),
            fixedLine("", "X ONE", "LIM 2", "1.0"),
            fixedLine("", "Y", "COST", "2.0", "LIM 2", "3.0"),
            fixedLine("", "Y", "MYEQN", "-1."),
            "RHS",
            fixedLine("", "", "LIM 1", "4.0", "LIM 2", "1.0"),
            fixedLine("", "RHS", "COST", "-2.5"),
            "RANGES",
            fixedLine("", "RNG", "MYEQN", "4"),
            "BOUNDS",
            fixedLine("UP", "BND", "X ONE", "3.0"),
            fixedLine("MI", "BND", "Y"),
            "ENDATA",
        ].joined(separator: "\n")
        let problem = try MPSReader.parse(text)
        let model = problem.model
        #expect(problem.rowCount == 4 && problem.nonzeroCount == 6)
        #expect(model.sense == .minimize)
        #expect(model.objectiveOffset == 2.5)
        #expect(model.variables.map(\.name) == ["X ONE", "Y"])
        #expect(model.variables.map(\.cost) == [1, 2])
        #expect(model.variables[0].lower == 0 && model.variables[0].upper == 3)
        #expect(model.variables[1].lower == -.infinity && model.variables[1].upper == .infinity)
        #expect(model.constraints.map(\.name) == ["LIM 1", "LIM 2", "MYEQN"])
        #expect(model.constraints[0].upper == 4 && model.constraints[0].lower == -.infinity)
        #expect(model.constraints[1].lower == 1 && model.constraints[1].coefficients == [1, 3])
        #expect(model.constraints[2].lower == 0 && model.constraints[2].upper == 4)
    }

    @Test func objectiveSenseOnTheHeaderLineAndWindowsLineEnds() throws {
        let text = "NAME\r\nOBJSENSE MAXIMIZE\r\nROWS\r\n N z\r\nCOLUMNS\r\n x z 1\r\nBOUNDS\r\n BV B x\r\nENDATA\r\n"
        let model = try MPSReader.parse(text).model
        #expect(model.sense == .maximize)
        #expect(model.variables.count == 1 && model.variables[0].isInteger && model.variables[0].upper == 1)
    }

    @Test(arguments: [
        ("ROWS\n N z\n X r\nENDATA\n", MPSError.unknownRowType(line: 3, type: "X")),
        ("ROWS\n N z\nCOLUMNS\n x z 1 q 2\nENDATA\n", .unknownRow(line: 4, name: "q")),
        ("ROWS\n N z\nCOLUMNS\n x z one\nENDATA\n", .invalidNumber(line: 4, text: "one")),
        ("ROWS\n N z\nCOLUMNS\n x z 1\nBOUNDS\n UP B y 1\nENDATA\n", .unknownColumn(line: 6, name: "y")),
        ("ROWS\n N z\nCOLUMNS\n x z 1\nBOUNDS\n XX B x 1\nENDATA\n", .unknownBoundType(line: 6, type: "XX")),
        ("ROWS\n N z\n N z\nENDATA\n", .duplicateRow(line: 3, name: "z")),
        ("ROWS\n N z\nCOLUMNS\n x z 1\n", .missingEndData(line: 4)),
        ("ROWS\n N z\nSOMETHING\nENDATA\n", .unknownSection(line: 3, name: "SOMETHING")),
        ("ROWS\n N z\nQUADOBJ\nENDATA\n", .unsupportedSection(line: 3, name: "QUADOBJ")),
        ("  x z 1\nENDATA\n", .dataOutsideSection(line: 1)),
        ("OBJSENSE\n UP\nENDATA\n", .invalidObjectiveSense(line: 2, text: "UP")),
        ("ROWS\n N z\nCOLUMNS\n x z 1 z\nENDATA\n", .malformedLine(line: 4, section: "COLUMNS")),
        // A row line shorter than the name column trapped before (found by scripts/fuzz-all mps).
        ("ROWS\n N z\n L\nENDATA\n", .malformedLine(line: 3, section: "ROWS")),
        ("ROWS\n N z\n L", .malformedLine(line: 3, section: "ROWS")),
    ])
    func badInputNamesTheLine(text: String, expected: MPSError) {
        #expect(throws: expected) { try MPSReader.parse(text) }
    }

    /// Every Netlib file parses to the row, column and nonzero counts of the Netlib index.
    @Test func netlibSizesMatchTheIndex() throws {
        let entries = try NetlibData.entries()
        #expect(entries.count >= 60)
        for entry in entries {
            let problem = try NetlibData.problem(entry.name)
            #expect(problem.rowCount == entry.rows, "\(entry.name) rows")
            #expect(problem.model.variables.count == entry.columns, "\(entry.name) columns")
            #expect(problem.nonzeroCount == entry.nonzeros, "\(entry.name) nonzeros")
        }
    }
}
