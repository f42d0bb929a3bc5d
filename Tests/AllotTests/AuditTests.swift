import Foundation
import Testing

@testable import Allot

@Suite struct AuditTests {
    private func populated(_ directory: borrowing TestDirectory) throws -> Registry {
        let registry = try Fixtures.registry(in: directory)
        for index in 0..<4 {
            _ = try registry.enroll(Fixtures.enrollment(phone: "1380013800\(index)"), actor: .cli)
        }
        let pid = try registry.list(PeopleQuery()).people[0].pid
        try registry.withdraw(pid: pid, actor: .cli)
        return registry
    }

    @Test func everyChangeIsChainedAndVerifies() throws {
        let directory = try TestDirectory()
        let registry = try populated(directory)
        let log = AuditLog(database: registry.database)
        let result = try log.verify()
        #expect(result.isIntact)
        #expect(result.entries == 5)
        let entries = try log.entries()
        #expect(entries.map(\.action) == Array(repeating: "person.enroll", count: 4) + ["person.withdraw"])
        #expect(entries[0].previousHash == AuditEntry.genesisHash)
        #expect(zip(entries, entries.dropFirst()).allSatisfy { $0.hash == $1.previousHash })
        #expect(result.head == entries.last?.hash)
    }

    /// Edits the database file with a separate SQLite connection, as someone with file access could.
    private func tamper(_ path: String, _ sql: String) throws {
        let connection = try Connection(path: path, create: false)
        try connection.execute(sql)
    }

    @Test(arguments: [
        ("UPDATE audit_entry SET actor = 'someone else' WHERE seq = 2", "entry 2 was altered"),
        ("UPDATE audit_entry SET details = '{\"x\":\"1\"}' WHERE seq = 5", "entry 5 was altered"),
        ("DELETE FROM audit_entry WHERE seq = 3", "entry 3 is missing"),
        ("DELETE FROM audit_entry WHERE seq = 5", "recorded head"),
        ("UPDATE audit_entry SET subject = 'ZZZZZZZZ' WHERE seq = 1", "entry 1 was altered"),
    ])
    func editingOrDeletingAnEntryIsDetected(sql: String, expected: String) throws {
        let directory = try TestDirectory()
        let registry = try populated(directory)
        try tamper(registry.database.path, sql)
        let reopened = try Database.open(path: registry.database.path)
        let result = try AuditLog(database: reopened).verify()
        #expect(!result.isIntact)
        #expect(result.problems.contains { $0.contains(expected) }, "\(result.problems)")
    }

    @Test func recomputingOneHashStillBreaksTheNextLink() throws {
        let directory = try TestDirectory()
        let registry = try populated(directory)
        let entry = try AuditLog(database: registry.database).entries()[1]
        let forged = AuditEntry.computeHash(
            previousHash: entry.previousHash, seq: entry.seq, at: entry.at, actor: "forger", action: entry.action,
            subject: entry.subject, details: entry.details)
        try tamper(registry.database.path, "UPDATE audit_entry SET actor = 'forger', hash = '\(forged)' WHERE seq = 2")
        let result = try AuditLog(database: try Database.open(path: registry.database.path)).verify()
        #expect(result.problems == ["entry 3 does not link to the entry before it"])
    }
}
