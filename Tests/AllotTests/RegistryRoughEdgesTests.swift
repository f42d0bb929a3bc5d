import Foundation
import Testing

@testable import Allot

/// What a new user hit in the registry (issue 14 §4): consent words, field names, kept pids, the age
/// rule and removing an e-mail address.
@Suite struct RegistryRoughEdgesTests {
    static func row(_ phone: String, consent: String, birthYear: String = "1980") -> String {
        "测试,\(phone),,\(birthYear),male,professional,q1,pudong,tertiary,\(consent)\n"
    }

    @Test func chineseConsentWordsAreAcceptedAndOtherValuesNamed() throws {
        let directory = try TestDirectory()
        let registry = try Fixtures.registry(in: directory)
        let good = try directory.write(
            "good.csv", Fixtures.csvHeader + Self.row("13800000001", consent: "是") + Self.row("13800000002", consent: "同意")
                + Self.row("13800000003", consent: " YES "))
        #expect(try registry.importCSV(path: good, actor: .cli).added == 3)

        let bad = try directory.write(
            "bad.csv", Fixtures.csvHeader + Self.row("13800000011", consent: "maybe") + Self.row("13800000012", consent: ""))
        let error = #expect(throws: ImportError.self) { try registry.importCSV(path: bad, actor: .cli) }
        guard case .rejected(let report) = error else { return }
        #expect(report.rejected.map(\.reason) == [
            "consent: 'maybe' is not an accepted consent value (yes, true, 1, 是, 同意)",
            "consent is required to enroll",
        ])
    }

    /// The API's field is `birthYear`; a CSV file's column is `birth_year`: each message uses its own.
    @Test func fieldsAreNamedAsTheCallerSpellsThem() throws {
        let directory = try TestDirectory()
        let registry = try Fixtures.registry(in: directory)
        #expect(throws: RegistryError.invalidField(name: "birthYear", reason: "1800 is not a plausible birth year")) {
            try registry.enroll(Fixtures.enrollment(birthYear: 1800), actor: .cli)
        }
        let path = try directory.write("old.csv", Fixtures.csvHeader + Self.row("13800000001", consent: "yes", birthYear: "1800"))
        let error = #expect(throws: ImportError.self) { try registry.importCSV(path: path, actor: .cli) }
        guard case .rejected(let report) = error else { return }
        #expect(report.rejected.first?.reason == "birth_year: 1800 is not a plausible birth year")
    }

    /// An export with contacts imported into a new database keeps every pid (so draw records made from the
    /// old one still name the same people); importing it where the pids exist is refused, as is a bad pid.
    @Test func importKeepsExportedPidsAndRefusesAClash() throws {
        let directory = try TestDirectory()
        let old = try Fixtures.registry(in: directory, name: "old.db")
        let source = try directory.write(
            "in.csv", Fixtures.csvHeader + Self.row("13800000001", consent: "yes") + Self.row("13800000002", consent: "yes"))
        _ = try old.importCSV(path: source, actor: .cli)
        let exported = directory.path("export.csv")
        try old.exportCSV(path: exported, includeContacts: true, actor: .cli)
        let pids = try old.list(PeopleQuery()).people.map(\.pid)
        #expect(pids.count == 2)

        let new = try Fixtures.registry(in: directory, name: "new.db")
        #expect(try new.importCSV(path: exported, actor: .cli).added == 2)
        #expect(try new.list(PeopleQuery()).people.map(\.pid) == pids)

        let clash = #expect(throws: ImportError.self) { try old.importCSV(path: exported, actor: .cli, skipDuplicates: true) }
        guard case .rejected(let report) = clash else { return }
        #expect(report.rejected.map(\.line) == [2, 3])
        #expect(report.rejected.allSatisfy { $0.reason.hasPrefix("pid \(pids[$0.line - 2]) is already in the registry") })

        let text = try String(contentsOfFile: exported, encoding: .utf8)
        let bad = try directory.write("bad.csv", text.replacingOccurrences(of: pids[0], with: "not-a-pid"))
        let third = try Fixtures.registry(in: directory, name: "third.db")
        let refused = #expect(throws: ImportError.self) { try third.importCSV(path: bad, actor: .cli) }
        guard case .rejected(let badReport) = refused else { return }
        #expect(badReport.rejected.first?.reason.hasPrefix("pid: 'not-a-pid' is not an Allot pid") == true)
    }

    /// Age is the age reached in the calendar year: born 2008 is 18 throughout 2026 (the fixed clock is
    /// November 2026), for enrollment, the person's band, statistics and listings alike; born 2009 is 17.
    @Test func ageIsTheAgeReachedInTheYear() throws {
        let directory = try TestDirectory()
        let registry = try Fixtures.registry(in: directory)
        let utc = try #require(TimeZone(identifier: "UTC"))
        #expect(Calendar(identifier: .gregorian).dateComponents(in: utc, from: Fixtures.now).month == 11)
        let receipt = try registry.enroll(Fixtures.enrollment(birthYear: 2008), actor: .cli)
        #expect(try registry.show(pid: receipt.pid, includeContact: false).ageBand == "18-29")
        #expect(try registry.stats().attributes.first { $0.name == "age" }?.values.first { $0.code == "18-29" }?.count == 1)
        #expect(try registry.list(PeopleQuery(ageBand: "18-29")).people.map(\.pid) == [receipt.pid])
        #expect(throws: RegistryError.tooYoung(minimumAge: 18)) {
            try registry.enroll(Fixtures.enrollment(phone: "13800000099", birthYear: 2009), actor: .cli)
        }
        #expect(registry.schema.age.age(birthYear: 2008, in: 2026) == 18)
        let schema = String(decoding: try JSONEncoder().encode(registry.schema), as: UTF8.self)
        #expect(schema.contains("born 2008 counts as 18 throughout 2026"))
        // The rule text is output only: the configuration still reads without it.
        #expect(try JSONDecoder().decode(AttributeSchema.self, from: Data(schema.utf8)) == registry.schema)
    }

    @Test func aNullEmailInAnUpdateRemovesIt() throws {
        let update = try JSONDecoder().decode(PersonUpdate.self, from: Data(#"{"email":null}"#.utf8))
        #expect(update.email == "")
        #expect(try JSONDecoder().decode(PersonUpdate.self, from: Data(#"{"name":"x"}"#.utf8)).email == nil)
        let missing = try JSONDecoder().decode(
            Enrollment.self, from: Data(#"{"name":"x","phone":"1","birthYear":1990,"attributes":{}}"#.utf8))
        #expect(missing.consent == false)
    }
}
