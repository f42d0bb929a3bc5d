import Foundation
import Testing

@testable import Allot

@Suite struct ImportTests {
    private static let goodRows = """
        张伟,13800000001,zw@example.cn,1975,male,professional,q4,pudong,tertiary,yes
        李娜,+86 139 0000 0002,,1990,女,Student,中间收入组,徐汇区,College or university,true
        "Wang, Fang",13700000003,,1950,female,retired,q2,chongming,primary_or_less,1

        """

    @Test func importsGoodFileInOneGo() throws {
        let directory = try TestDirectory()
        let registry = try Fixtures.registry(in: directory)
        let path = try directory.write("in.csv", Fixtures.csvHeader + Self.goodRows)
        let report = try registry.importCSV(path: path, actor: .cli)
        #expect(report.rows == 3 && report.added == 3 && report.rejected.isEmpty)
        let stats = try registry.stats()
        #expect(stats.active == 3)
        #expect(stats.attributes.first { $0.name == "gender" }?.values.map(\.count) == [2, 1])
    }

    @Test func badRowsRejectWholeFileAndLeaveDatabaseFileUnchanged() throws {
        let directory = try TestDirectory()
        let registry = try Fixtures.registry(in: directory)
        _ = try registry.enroll(Fixtures.enrollment(phone: "13800000009"), actor: .cli)
        let databasePath = registry.database.path
        // Checkpoint so the main file holds everything, then remember its bytes.
        try registry.database.write { try $0.execute("SELECT 1") }
        _ = try registry.database.read { try $0.scalar("PRAGMA wal_checkpoint(TRUNCATE)") }
        let before = try Data(contentsOf: URL(fileURLWithPath: databasePath))
        let auditBefore = try AuditLog(database: registry.database).verify()

        let bad =
            Self.goodRows + """
                Bad Phone,12345,,1980,male,professional,q1,pudong,tertiary,yes
                Too Young,13800000005,,2015,male,student,q1,pudong,tertiary,yes
                No Consent,13800000006,,1980,male,professional,q1,pudong,tertiary,no
                Many,13800000007,not-an-email,year,alien,professional,q9,pudong,tertiary,yes
                Repeat,13800000001,,1980,male,professional,q1,pudong,tertiary,yes
                Known,13800000009,,1980,male,professional,q1,pudong,tertiary,yes
                Short,13800000010
                """
        let path = try directory.write("bad.csv", Fixtures.csvHeader + bad)
        let error = #expect(throws: ImportError.self) { try registry.importCSV(path: path, actor: .cli) }
        guard case .rejected(let report) = error else {
            Issue.record("expected a rejected import")
            return
        }
        #expect(report.added == 0)
        #expect(report.rejected.map(\.line) == [5, 6, 7, 8, 9, 10, 11])
        let reasons = report.rejected.map(\.reason)
        #expect(reasons[0].hasPrefix("phone:"))
        #expect(reasons[1].contains("at least 18"))
        #expect(reasons[2].contains("consent"))
        #expect(reasons[3].contains("birth_year") && reasons[3].contains("email") && reasons[3].contains("gender"))
        #expect(reasons[3].contains("income"))
        #expect(reasons[4] == "phone repeats line 2")
        #expect(reasons[5] == "phone is already enrolled")
        #expect(reasons[6].contains("2 fields"))

        _ = try registry.database.read { try $0.scalar("PRAGMA wal_checkpoint(TRUNCATE)") }
        let after = try Data(contentsOf: URL(fileURLWithPath: databasePath))
        #expect(before == after)
        #expect(try AuditLog(database: registry.database).verify() == auditBefore)
        #expect(try registry.stats().active == 1)
    }

    @Test func duplicatesCanBeSkippedAndCounted() throws {
        let directory = try TestDirectory()
        let registry = try Fixtures.registry(in: directory)
        let path = try directory.write("in.csv", Fixtures.csvHeader + Self.goodRows)
        _ = try registry.importCSV(path: path, actor: .cli)
        let again = try registry.importCSV(path: path, actor: .cli, skipDuplicates: true)
        #expect(again.added == 0 && again.duplicatesSkipped == 3)
        #expect(throws: ImportError.self) { try registry.importCSV(path: path, actor: .cli) }
    }

    @Test(arguments: [
        ("name,phone,birth_year,gender,occupation,income,district,education\n", "missing column(s) consent"),
        ("name,phone,birth_year,gender,occupation,income,district,education,consent,shoe_size\n", "unknown column"),
        ("name,name,phone,birth_year,gender,occupation,income,district,education,consent\n", "appears twice"),
        ("", "empty"),
    ])
    func badHeadersAreNamed(header: String, expected: String) throws {
        let directory = try TestDirectory()
        let registry = try Fixtures.registry(in: directory)
        let path = try directory.write("in.csv", header)
        let error = #expect(throws: ImportError.self) { try registry.importCSV(path: path, actor: .cli) }
        #expect(error?.message.contains(expected) == true)
    }

    @Test func exportWritesPoolAndWithContactsReimports() throws {
        let directory = try TestDirectory()
        let registry = try Fixtures.registry(in: directory)
        _ = try registry.importCSV(
            path: try directory.write("in.csv", Fixtures.csvHeader + Self.goodRows), actor: .cli)
        let plain = directory.path("plain.csv")
        #expect(try registry.exportCSV(path: plain, includeContacts: false, actor: .cli) == 3)
        let text = try String(contentsOfFile: plain, encoding: .utf8)
        #expect(text.hasPrefix("pid,birth_year,gender,occupation,income,district,education\r\n"))
        #expect(!text.contains("13800000001") && !text.contains("张伟"))

        let full = directory.path("full.csv")
        try registry.exportCSV(path: full, includeContacts: true, actor: .cli)
        let other = try Fixtures.registry(in: directory, name: "other.db")
        let report = try other.importCSV(path: full, actor: .cli)
        #expect(report.added == 3)
        #expect(try other.stats().attributes == (try registry.stats().attributes))
    }
}
