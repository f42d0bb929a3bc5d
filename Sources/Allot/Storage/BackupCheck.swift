import Foundation

/// What `allot backup --verify` found on a copy: SQLite's integrity check and the audit chain,
/// with the figures an operator wants to see next to them.
public struct BackupCheck: Codable, Sendable, Equatable {
    public let path: String
    public let bytes: Int
    /// People in the copy, any status.
    public let people: Int
    /// `PRAGMA integrity_check` findings; empty when sound.
    public let integrityProblems: [String]
    public let audit: AuditVerification

    public var isSound: Bool { integrityProblems.isEmpty && audit.isIntact }

    /// Opens the copy at `path` on its own and checks it. A copy too damaged to open is reported as
    /// unsound; throws only when there is no file or it is a newer Allot's.
    public static func run(path: String) throws -> BackupCheck {
        let database: Database
        do {
            database = try Database.open(path: path)
        } catch let error as DatabaseError where error.isCorruption {
            let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int
            return BackupCheck(
                path: path, bytes: size ?? 0, people: 0,
                integrityProblems: ["the copy cannot be opened: \(error.detail)"],
                audit: AuditVerification(entries: 0, head: "", problems: ["the audit log could not be read"]))
        }
        var integrity: [String]
        do {
            integrity = try database.integrityProblems()
        } catch {
            integrity = ["the integrity check could not run: \(error)"]
        }
        // A damaged file may fail these reads too: that is a finding, not a reason to stop.
        let people = (try? database.read { try $0.scalar("SELECT count(*) FROM person") }) ?? 0
        let audit: AuditVerification
        do {
            audit = try AuditLog(database: database).verify()
        } catch {
            audit = AuditVerification(entries: 0, head: "", problems: ["the audit log could not be read: \(error)"])
        }
        return BackupCheck(
            path: path, bytes: (try? database.fileSize()) ?? 0, people: people, integrityProblems: integrity,
            audit: audit)
    }
}
