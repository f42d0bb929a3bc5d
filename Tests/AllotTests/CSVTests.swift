import Foundation
import Testing

@testable import Allot

@Suite struct CSVTests {
    private func read(_ text: String) throws -> [CSVReader.Record] {
        let directory = try TestDirectory()
        let reader = try CSVReader(path: try directory.write("in.csv", text))
        var records: [CSVReader.Record] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }

    private func readBytes(_ bytes: [UInt8]) throws -> [CSVReader.Record] {
        let directory = try TestDirectory()
        let path = directory.path("in.csv")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let reader = try CSVReader(path: path)
        var records: [CSVReader.Record] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }

    @Test func readsQuotedFieldsLineBreaksAndBothLineEndings() throws {
        let records = try read("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n\nlast,,\"\"")
        #expect(records.map(\.fields) == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"], ["last", "", ""]])
        #expect(records.map(\.line) == [1, 2, 5])
    }

    @Test func skipsByteOrderMarkAndKeepsUnicode() throws {
        let records = try readBytes([0xEF, 0xBB, 0xBF] + Array("name,district\n王小明,浦东新区\n".utf8))
        #expect(records.map(\.fields) == [["name", "district"], ["王小明", "浦东新区"]])
    }

    @Test func rejectsMalformedInputWithLineNumbers() throws {
        #expect(throws: CSVError.unterminatedQuote(line: 2)) { try read("a\n\"open\nstill open") }
        #expect(throws: CSVError.quoteInsideField(line: 1)) { try read("ab\"c\n") }
        #expect(throws: CSVError.textAfterClosingQuote(line: 1)) { try read("\"ab\"c\n") }
        #expect(throws: CSVError.invalidUTF8(line: 2)) { try readBytes(Array("ok\n".utf8) + [0xC3, 0x28, 0x0A]) }
    }

    @Test func readsRecordsAcrossChunkBoundaries() throws {
        let row = "\"quoted, field\",plain,\"with \"\"quote\"\"\"\r\n"
        let count = CSVReader.chunkSize / row.utf8.count + 10
        let records = try read(String(repeating: row, count: count))
        #expect(records.count == count)
        #expect(records.allSatisfy { $0.fields == ["quoted, field", "plain", "with \"quote\""] })
    }

    @Test func writerOutputReadsBackIdentically() throws {
        let directory = try TestDirectory()
        let rows = [["plain", "with,comma", "with \"quote\""], ["line\nbreak", " padded ", ""], ["王", "x", "y"]]
        let path = directory.path("out.csv")
        let writer = try CSVWriter(path: path)
        for row in rows { try writer.write(row) }
        try writer.close()
        let reader = try CSVReader(path: path)
        var back: [[String]] = []
        while let record = try reader.next() { back.append(record.fields) }
        #expect(back == rows)
    }
}
