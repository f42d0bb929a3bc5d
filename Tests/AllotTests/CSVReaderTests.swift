import Testing
@testable import Allot

@Suite struct CSVReaderTests {
    @Test func readsQuotedFieldsLineBreaksAndBOM() throws {
        let text = "\u{FEFF}id,name,note\r\n1,\"Wang, Li\",\"said \"\"hi\"\"\"\r\n2,Zhao,\"two\nlines\"\n\n3,,\n"
        let document = try CSVReader.read(text)
        #expect(document.records == [
            ["id", "name", "note"], ["1", "Wang, Li", "said \"hi\""], ["2", "Zhao", "two\nlines"], ["3", "", ""],
        ])
        #expect(document.lines == [1, 2, 3, 6])
    }

    @Test func lastLineWithoutBreakAndEmptyQuotedField() throws {
        #expect(try CSVReader.read("a,b\n\"\",x").records == [["a", "b"], ["", "x"]])
    }

    @Test func rejectsMalformedQuotes() {
        #expect(throws: CSVError(line: 2, reason: "a quoted field is never closed")) {
            try CSVReader.read("a\n\"open")
        }
        #expect(throws: CSVError(line: 1, reason: "a double quote inside an unquoted field")) {
            try CSVReader.read("ab\"c")
        }
        #expect(throws: CSVError(line: 1, reason: "text after the closing quote of a field")) {
            try CSVReader.read("\"a\"b")
        }
    }
}
