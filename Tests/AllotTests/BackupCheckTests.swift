import Foundation
import Testing

@testable import Allot

/// `allot backup --verify`: the copy's integrity check and audit chain, on real SQLite files.
@Suite struct BackupCheckTests {
    static func filledRegistry(in directory: borrowing TestDirectory) throws -> Registry {
        let registry = try Fixtures.registry(in: directory)
        for index in 0..<20 {
            _ = try registry.enroll(
                Fixtures.enrollment(phone: "138001380\(String(format: "%02d", index))"), actor: .cli)
        }
        return registry
    }

    @Test func soundCopyPasses() throws {
        let directory = try TestDirectory()
        let registry = try Self.filledRegistry(in: directory)
        let copy = directory.path("copy.db")
        try registry.database.backup(to: copy)
        let check = try BackupCheck.run(path: copy)
        #expect(check.isSound)
        #expect(check.people == 20)
        #expect(check.audit.entries == (try AuditLog(database: registry.database).verify().entries))
        #expect(check.audit.head == (try AuditLog(database: registry.database).verify().head))
        #expect(check.bytes > 0 && check.bytes % 512 == 0)
    }

    @Test func tamperedAuditEntryInTheCopyFails() throws {
        let directory = try TestDirectory()
        let registry = try Self.filledRegistry(in: directory)
        let copy = directory.path("copy.db")
        try registry.database.backup(to: copy)
        let database = try Database.open(path: copy)
        try database.write { try $0.execute("UPDATE audit_entry SET actor = 'mallory' WHERE seq = 3") }
        let check = try BackupCheck.run(path: copy)
        #expect(!check.isSound)
        #expect(check.integrityProblems.isEmpty)
        #expect(check.audit.problems.contains { $0.contains("entry 3 was altered") })
    }

    @Test func damagedPagesFailTheIntegrityCheck() throws {
        let directory = try TestDirectory()
        let registry = try Self.filledRegistry(in: directory)
        let copy = directory.path("copy.db")
        try registry.database.backup(to: copy)
        // Overwrite every page after the first (the header and schema) with a repeating pattern.
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: copy))
        let size = try handle.seekToEnd()
        let pageSize: UInt64 = 4096
        #expect(size > 2 * pageSize)
        try handle.seek(toOffset: pageSize)
        try handle.write(contentsOf: Data(repeating: 0x5A, count: Int(size - pageSize)))
        try handle.close()
        let check = try BackupCheck.run(path: copy)
        #expect(!check.isSound)
        #expect(!check.integrityProblems.isEmpty)
    }
}
