import Foundation
import Testing

@testable import Allot

@Suite struct StorageTests {
    @Test func newDatabaseIsMigratedWithWALAndForeignKeys() throws {
        let directory = try TestDirectory()
        let database = try Database.create(path: directory.path("a.db"))
        #expect(try database.schemaVersion == Migrations.currentVersion)
        let settings = try database.read { connection in
            (
                try connection.prepare("PRAGMA journal_mode").firstRow { $0.text(0) },
                try connection.scalar("PRAGMA foreign_keys"), try connection.scalar("PRAGMA synchronous")
            )
        }
        #expect(settings.0 == "wal")
        #expect(settings.1 == 1)
        #expect(settings.2 == 2)  // FULL
    }

    @Test func createRefusesExistingFileAndOpenRefusesMissingOne() throws {
        let directory = try TestDirectory()
        _ = try Database.create(path: directory.path("a.db"))
        #expect(throws: StorageError.alreadyExists(path: directory.path("a.db"))) {
            try Database.create(path: directory.path("a.db"))
        }
        #expect(throws: StorageError.missingDatabase(path: directory.path("b.db"))) {
            try Database.open(path: directory.path("b.db"))
        }
    }

    @Test func newerSchemaIsRefused() throws {
        let directory = try TestDirectory()
        let path = directory.path("a.db")
        _ = try Database.create(path: path)
        try Connection(path: path, create: false).execute("PRAGMA user_version = 99")
        #expect(throws: StorageError.newerSchema(found: 99, known: Migrations.currentVersion)) {
            try Database.open(path: path)
        }
    }

    @Test func databaseErrorsCarrySQLButNotValues() throws {
        let directory = try TestDirectory()
        let database = try Database.create(path: directory.path("a.db"))
        let error = #expect(throws: DatabaseError.self) {
            try database.write { connection in
                try connection.prepare(
                    "INSERT INTO person (pid, birth_year, attributes, enrolled_at) VALUES (?, ?, ?, ?)"
                )
                .run([.text("SECRET12"), .integer(1980), .text("{}"), .text("t")])
                try connection.prepare(
                    "INSERT INTO person (pid, birth_year, attributes, enrolled_at) VALUES (?, ?, ?, ?)"
                )
                .run([.text("SECRET12"), .integer(1980), .text("{}"), .text("t")])
            }
        }
        #expect(error?.isConstraintViolation == true)
        #expect(error?.message.contains("INSERT INTO person") == true)
        #expect(error?.message.contains("SECRET12") == false)
        // The failed transaction was rolled back as a whole.
        #expect(try database.read { try $0.scalar("SELECT count(*) FROM person") } == 0)
    }

    @Test func onlineBackupCopiesEverythingWhileOpen() throws {
        let directory = try TestDirectory()
        let registry = try Fixtures.registry(in: directory)
        for index in 0..<5 {
            _ = try registry.enroll(Fixtures.enrollment(phone: "1380013800\(index)"), actor: .cli)
        }
        let copy = directory.path("copy.db")
        try registry.database.backup(to: copy)
        let restored = Registry(
            database: try Database.open(path: copy), config: try Fixtures.config(), clock: { Fixtures.now })
        #expect(try restored.stats() == (try registry.stats()))
        #expect(try AuditLog(database: restored.database).verify().isIntact)
        #expect(throws: StorageError.self) { try registry.database.backup(to: copy) }
    }

    @Test func concurrentBatchesFromManyThreadsAllLand() async throws {
        let directory = try TestDirectory()
        let registry = try Fixtures.registry(in: directory)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    let batch = (0..<25).map { Fixtures.enrollment(phone: "139\(worker)\(String(format: "%07d", $0))") }
                    let results = try registry.enroll(batch: batch, actor: .anonymous)
                    #expect(results.allSatisfy { (try? $0.get()) != nil })
                    _ = try registry.stats()
                }
            }
            try await group.waitForAll()
        }
        #expect(try registry.stats().active == 100)
        #expect(try AuditLog(database: registry.database).verify().entries == 100)
    }
}
