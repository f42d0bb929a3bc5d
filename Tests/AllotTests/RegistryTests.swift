import Foundation
import Testing

@testable import Allot

@Suite struct RegistryTests {
    @Test func enrollStoresPersonContactAndCitizenToken() throws {
        let directory = try TestDirectory()
        let registry = try Fixtures.registry(in: directory)
        let receipt = try registry.enroll(Fixtures.enrollment(phone: "+86 138-0013-8000"), actor: .cli)
        #expect(receipt.pid.count == 8)
        #expect(receipt.token.count == 64)

        let record = try registry.show(pid: receipt.pid, includeContact: true)
        #expect(record.status == "active")
        #expect(record.ageBand == "40-49")
        #expect(record.attributes["district"] == "pudong")
        #expect(record.contact == Contact(name: "王小明", phone: "13800138000", email: "xm@example.cn"))
        #expect(try registry.show(pid: receipt.pid, includeContact: false).contact == nil)

        let principal = try TokenStore(database: registry.database).authenticate(receipt.token)
        #expect(principal?.role == .citizen)
        #expect(principal?.pid == receipt.pid)
        #expect(try TokenStore(database: registry.database).authenticate(String(repeating: "0", count: 64)) == nil)
    }

    @Test func labelsInEitherLanguageAreStoredAsCodes() throws {
        let directory = try TestDirectory()
        let registry = try Fixtures.registry(in: directory)
        var enrollment = Fixtures.enrollment()
        enrollment.attributes = [
            "gender": "女", "occupation": "Retired", "income": "中间收入组", "district": " 徐汇区 ",
            "education": "COLLEGE OR UNIVERSITY",
        ]
        let pid = try registry.enroll(enrollment, actor: .cli).pid
        #expect(
            try registry.show(pid: pid, includeContact: false).attributes == [
                "gender": "female", "occupation": "retired", "income": "q3", "district": "xuhui",
                "education": "tertiary",
            ])
    }

    @Test(
        arguments: [
            ("13800138000", "13800138000"), ("+8613912345678", "13912345678"), ("0086 199 1234 5678", "19912345678"),
            ("8615012345678", "15012345678"), ("12800138000", nil), ("1380013800", nil), ("+85213800138000", nil),
            ("138001380001", nil), ("1380013800x", nil), ("", nil),
        ] as [(String, String?)])
    func mainlandMobileNumbersAreNormalised(input: String, expected: String?) {
        #expect(PhoneNumber.normalize(input) == expected)
    }

    @Test func everyBadFieldIsRejectedWithItsOwnError() throws {
        let directory = try TestDirectory()
        let registry = try Fixtures.registry(in: directory)
        var young = Fixtures.enrollment()
        young.birthYear = 2010
        #expect(throws: RegistryError.tooYoung(minimumAge: 18)) { try registry.enroll(young, actor: .cli) }
        var noConsent = Fixtures.enrollment()
        noConsent.consent = false
        #expect(throws: RegistryError.consentRequired) { try registry.enroll(noConsent, actor: .cli) }
        var badPhone = Fixtures.enrollment()
        badPhone.phone = "12345"
        #expect(throws: RegistryError.self) { try registry.enroll(badPhone, actor: .cli) }
        var badValue = Fixtures.enrollment()
        badValue.attributes["district"] = "manhattan"
        let error = #expect(throws: RegistryError.self) { try registry.enroll(badValue, actor: .cli) }
        #expect(error?.code == "invalid_field")
        #expect(error?.message.hasPrefix("district:") == true)
        var missing = Fixtures.enrollment()
        missing.attributes["education"] = nil
        #expect(throws: RegistryError.invalidField(name: "education", reason: "is required")) {
            try registry.enroll(missing, actor: .cli)
        }
        var unknown = Fixtures.enrollment()
        unknown.attributes["religion"] = "none"
        #expect(throws: RegistryError.invalidField(name: "religion", reason: "is not an attribute of the schema")) {
            try registry.enroll(unknown, actor: .cli)
        }
        #expect(try registry.stats().active == 0)
    }

    @Test(arguments: ["王\u{0}小明", "Li\tMing", "Li\nMing", "Li\rMing", "\u{1B}[31mLi", "Li\u{7F}"])
    func namesWithControlCharactersAreRefused(name: String) throws {
        let directory = try TestDirectory()
        let registry = try Fixtures.registry(in: directory)
        var enrollment = Fixtures.enrollment()
        enrollment.name = name
        let error = #expect(throws: RegistryError.self) { try registry.enroll(enrollment, actor: .cli) }
        #expect(error?.code == "invalid_field")
        #expect(error?.message.hasPrefix("name:") == true)
        #expect(try registry.stats().active == 0)
    }

    @Test func ordinaryNamesWithSpacesAndDotsAreAccepted() throws {
        let directory = try TestDirectory()
        let registry = try Fixtures.registry(in: directory)
        var enrollment = Fixtures.enrollment()
        enrollment.name = "阿依古丽·买买提 Li Ming"
        let pid = try registry.enroll(enrollment, actor: .cli).pid
        #expect(try registry.show(pid: pid, includeContact: true).contact?.name == "阿依古丽·买买提 Li Ming")
    }

    @Test func onePhoneHasOneActiveEnrollmentUntilWithdrawn() throws {
        let directory = try TestDirectory()
        let registry = try Fixtures.registry(in: directory)
        let first = try registry.enroll(Fixtures.enrollment(), actor: .cli)
        #expect(throws: RegistryError.duplicatePhone) {
            try registry.enroll(Fixtures.enrollment(phone: "+86 13800138000"), actor: .cli)
        }
        try registry.withdraw(pid: first.pid, actor: .cli)
        let second = try registry.enroll(Fixtures.enrollment(), actor: .cli)
        #expect(second.pid != first.pid)
    }

    @Test func withdrawErasesContactAndTokensAndKeepsPseudonymousRecord() throws {
        let directory = try TestDirectory()
        let registry = try Fixtures.registry(in: directory)
        let receipt = try registry.enroll(Fixtures.enrollment(), actor: .cli)
        try registry.withdraw(pid: receipt.pid, actor: .cli)

        let record = try registry.show(pid: receipt.pid, includeContact: true)
        #expect(record.status == "withdrawn")
        #expect(record.contact == nil)
        #expect(record.attributes["gender"] == "male")
        #expect(try TokenStore(database: registry.database).authenticate(receipt.token) == nil)
        #expect(throws: RegistryError.alreadyWithdrawn(pid: receipt.pid)) {
            try registry.withdraw(pid: receipt.pid, actor: .cli)
        }
        #expect(throws: RegistryError.notFound(pid: "NOPE0000")) { try registry.withdraw(pid: "NOPE0000", actor: .cli) }
        // No trace of the name or phone anywhere in the database file's tables.
        let leftovers = try registry.database.read { connection in
            try connection.scalar("SELECT count(*) FROM contact") + connection.scalar("SELECT count(*) FROM token")
        }
        #expect(leftovers == 0)
        let stats = try registry.stats()
        #expect(stats.active == 0 && stats.withdrawn == 1)
    }

    @Test func updateChangesContactAndAttributesAndChecksThem() throws {
        let directory = try TestDirectory()
        let registry = try Fixtures.registry(in: directory)
        let pid = try registry.enroll(Fixtures.enrollment(), actor: .cli).pid
        _ = try registry.enroll(Fixtures.enrollment(phone: "13900139000"), actor: .cli)
        let updated = try registry.update(
            pid: pid,
            changes: PersonUpdate(phone: "+86 13700137000", email: "", attributes: ["income": "Highest fifth"]),
            actor: .cli)
        #expect(updated.contact?.phone == "13700137000")
        #expect(updated.contact?.email == nil)
        #expect(updated.attributes["income"] == "q5")
        #expect(updated.attributes["district"] == "pudong")
        #expect(throws: RegistryError.duplicatePhone) {
            try registry.update(pid: pid, changes: PersonUpdate(phone: "13900139000"), actor: .cli)
        }
        #expect(throws: RegistryError.self) {
            try registry.update(pid: pid, changes: PersonUpdate(attributes: ["income": "rich"]), actor: .cli)
        }
    }

    @Test func batchEnrollmentReportsEachItemAndCommitsTheRest() throws {
        let directory = try TestDirectory()
        let registry = try Fixtures.registry(in: directory)
        var bad = Fixtures.enrollment(phone: "13600136000")
        bad.consent = false
        let results = try registry.enroll(
            batch: [Fixtures.enrollment(), Fixtures.enrollment(), bad, Fixtures.enrollment(phone: "13500135000")],
            actor: .anonymous)
        #expect((try? results[0].get()) != nil)
        #expect(results[1] == .failure(.duplicatePhone))
        #expect(results[2] == .failure(.consentRequired))
        #expect((try? results[3].get()) != nil)
        #expect(try registry.stats().active == 2)
    }

    @Test func listFiltersAndPagesInPidOrder() throws {
        let directory = try TestDirectory()
        let registry = try Fixtures.registry(in: directory)
        for index in 0..<7 {
            var enrollment = Fixtures.enrollment(phone: "1380013800\(index)", birthYear: 1950 + index * 8)
            enrollment.attributes["gender"] = index % 2 == 0 ? "female" : "male"
            _ = try registry.enroll(enrollment, actor: .cli)
        }
        let women = try registry.list(PeopleQuery(attributes: ["gender": "女"], limit: 3))
        #expect(women.total == 4)
        #expect(women.people.count == 3)
        #expect(women.people.allSatisfy { $0.attributes["gender"] == "female" && $0.contact == nil })
        let rest = try registry.list(PeopleQuery(attributes: ["gender": "female"], after: women.next, limit: 3))
        #expect(rest.people.count == 1 && rest.next == nil)
        let pids = (women.people + rest.people).map(\.pid)
        #expect(pids == pids.sorted())
        let thirties = try registry.list(PeopleQuery(ageBand: "30-39", includeContacts: true))
        #expect(thirties.people.map(\.birthYear) == [1990])
        #expect(thirties.people.first?.contact != nil)
        #expect(throws: RegistryError.self) { try registry.list(PeopleQuery(attributes: ["gender": "x"])) }
        #expect(throws: RegistryError.self) { try registry.list(PeopleQuery(ageBand: "12-15")) }
    }

    @Test func statsCountEveryValueInSchemaOrder() throws {
        let directory = try TestDirectory()
        let registry = try Fixtures.registry(in: directory)
        _ = try registry.enroll(Fixtures.enrollment(phone: "13800138001", birthYear: 1990), actor: .cli)
        _ = try registry.enroll(Fixtures.enrollment(phone: "13800138002", birthYear: 1950), actor: .cli)
        let stats = try registry.stats()
        #expect(stats.active == 2)
        #expect(stats.attributes.map(\.name) == ["age", "gender", "occupation", "income", "district", "education"])
        let age = stats.attributes[0].values
        #expect(age.first { $0.code == "30-39" }?.count == 1)
        #expect(age.first { $0.code == "70+" }?.count == 1)
        #expect(stats.attributes[4].values.count == 16)
        #expect(stats.attributes[4].values.first { $0.code == "pudong" }?.count == 2)
        #expect(stats.attributes.allSatisfy { $0.values.reduce(0) { $0 + $1.count } == 2 })
    }
}

@Suite struct TokenStoreTests {
    @Test func staffTokensAreCreatedListedAuthenticatedAndRevoked() throws {
        let directory = try TestDirectory()
        let registry = try Fixtures.registry(in: directory)
        let store = TokenStore(database: registry.database)
        let token = try store.create(role: .organizer, label: "desk 1", actor: .cli)
        _ = try registry.enroll(Fixtures.enrollment(), actor: .cli)
        let listed = try store.list()
        #expect(listed.map(\.role) == ["organizer"])
        #expect(listed.first?.label == "desk 1")
        let principal = try #require(try store.authenticate(token))
        #expect(principal.role == .organizer && principal.pid == nil)
        #expect(principal.role.satisfies(.organizer) && !principal.role.satisfies(.admin))
        #expect(Role.admin.satisfies(.organizer))
        #expect(throws: AuthError.invalidRole("citizen")) { try store.create(role: .citizen, label: nil, actor: .cli) }
        #expect(try store.revoke(id: principal.tokenID, actor: .cli))
        #expect(try store.revoke(id: principal.tokenID, actor: .cli) == false)
        #expect(try store.authenticate(token) == nil)
        // The database holds digests, never token text.
        let stored = try registry.database.read { try $0.prepare("SELECT hash FROM token").rows { $0.text(0) } }
        #expect(!stored.contains(token))
    }
}
