import Foundation
import Sortition
import Synchronization

/// The staff console's sign-in sessions, kept in memory (a restart signs everyone out, which is
/// harmless: staff paste their token again).
///
/// A session id is 256 random bits sent only in the `allot_console` cookie; the store keeps its
/// SHA-256 digest, never the id itself, nor the staff token (only the token's row id, which
/// `Console` checks against the token store on every request, so revoking a token ends its sessions).
final class ConsoleSessions: Sendable {
    /// One signed-in staff member.
    struct Session: Sendable, Equatable {
        let tokenID: Int64
        let role: Role
        let label: String?
        let expires: Date
    }

    static let cookieName = "allot_console"
    /// Random bytes of a session id: 256 bits, beyond guessing.
    static let idByteCount = 32
    /// Sessions kept before expired ones are swept (a bound on memory, far above any staff size).
    static let sweepThreshold = 1_000

    private let sessions = Mutex<[String: Session]>([:])
    let lifetime: TimeInterval
    private let clock: @Sendable () -> Date

    init(minutes: Int, clock: @escaping @Sendable () -> Date) {
        self.lifetime = TimeInterval(minutes) * 60
        self.clock = clock
    }

    /// Starts a session for `principal`; returns the id for the cookie.
    func start(_ principal: Principal) -> String {
        var generator = SystemRandomNumberGenerator()
        let id = Hex.encode((0..<Self.idByteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        let now = clock()
        let session = Session(
            tokenID: principal.tokenID, role: principal.role, label: principal.label, expires: now + lifetime)
        sessions.withLock { sessions in
            if sessions.count > Self.sweepThreshold { sessions = sessions.filter { $0.value.expires > now } }
            sessions[SHA256.hexDigest(id)] = session
        }
        return id
    }

    /// The live session of a cookie value, or nil (unknown, malformed or expired; an expired one is dropped).
    func session(_ id: String) -> Session? {
        guard Self.isSessionID(id) else { return nil }
        let key = SHA256.hexDigest(id)
        let now = clock()
        return sessions.withLock { sessions in
            guard let session = sessions[key] else { return nil }
            guard session.expires > now else {
                sessions[key] = nil
                return nil
            }
            return session
        }
    }

    /// Ends one session (logout).
    func end(_ id: String) {
        guard Self.isSessionID(id) else { return }
        let key = SHA256.hexDigest(id)
        sessions.withLock { _ = $0.removeValue(forKey: key) }
    }

    /// Ends every session of a token (it was revoked).
    func end(tokenID: Int64) {
        sessions.withLock { sessions in sessions = sessions.filter { $0.value.tokenID != tokenID } }
    }

    static func isSessionID(_ value: String) -> Bool {
        value.utf8.count == 2 * idByteCount
            && value.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    /// The `Set-Cookie` value for a new session: only for `/console`, never readable by scripts,
    /// never sent with another site's requests, and `Secure` when the browser came in over TLS.
    func cookie(_ id: String, secure: Bool) -> String {
        "\(Self.cookieName)=\(id); Path=/console; Max-Age=\(Int(lifetime)); HttpOnly; SameSite=Strict"
            + (secure ? "; Secure" : "")
    }

    /// The `Set-Cookie` value that removes the session cookie.
    static func clearingCookie(secure: Bool) -> String {
        "\(cookieName)=; Path=/console; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }
}
