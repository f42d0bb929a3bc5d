import Foundation
import HTTPServer
import Sortition
import Synchronization

/// Protects the forms that write against cross-site posting and replays.
///
/// Each browser gets a random `allot_csrf` cookie (HttpOnly, SameSite=Strict). Every form carries a
/// hidden token `issued.nonce.mac` where `mac` is HMAC-SHA256 under a per-process key of the cookie,
/// the time and the nonce: another site can neither read the cookie nor forge the mac. A post must
/// also not come from another site by `Sec-Fetch-Site` or else `Origin`. A nonce is accepted once, so a
/// replayed post is refused instead of acting twice.
final class FormGuard: Sendable {
    static let cookieName = "allot_csrf"
    static let fieldName = "csrf"
    /// How long a form stays valid: time enough to fill it on a phone, short enough to bound replays.
    static let maxAge: TimeInterval = 2 * 3600
    /// Random bytes in the cookie and the nonce: 128 bits cannot be guessed.
    static let randomByteCount = 16
    /// Used nonces kept before expired ones are swept.
    static let sweepThreshold = 10_000

    private let key: [UInt8]
    private let used = Mutex<[String: Date]>([:])
    private let clock: @Sendable () -> Date

    /// Why a post was refused.
    enum Refusal: Error, Equatable {
        /// `Sec-Fetch-Site` or `Origin` says another site sent it.
        case crossSite
        /// No cookie, no token, or a token that does not match the cookie.
        case invalidToken
        /// The form is older than `maxAge`.
        case expired
        /// This form was already sent once.
        case replayed
    }

    init(clock: @escaping @Sendable () -> Date = { Date() }) {
        self.key = Self.randomHex().utf8.map { $0 }
        self.clock = clock
    }

    /// The browser's cookie value, or a new one (`isNew`: the reply must set it).
    func session(for request: HTTPRequest) -> (value: String, isNew: Bool) {
        if let value = WebCookies(request).value(Self.cookieName), Self.isSessionValue(value) {
            return (value, false)
        }
        return (Self.randomHex(), true)
    }

    /// `Set-Cookie` value for a new session.
    static func cookie(_ value: String) -> String {
        "\(cookieName)=\(value); Path=/; HttpOnly; SameSite=Strict"
    }

    /// A fresh one-time token for a form shown to the holder of `session`.
    func token(session: String) -> String {
        let issued = String(Int(clock().timeIntervalSince1970))
        let nonce = Self.randomHex()
        return "\(issued).\(nonce).\(mac(session: session, issued: issued, nonce: nonce))"
    }

    /// Checks a post: same site, a token matching the cookie, fresh and not used before (then marks it used).
    func check(_ request: HTTPRequest, form: FormData) throws(Refusal) {
        // Browsers that send `Sec-Fetch-Site` say exactly where a post comes from; older ones send an
        // `Origin` to compare with `Host`. Under `Referrer-Policy: no-referrer` browsers send
        // `Origin: null` even for our own forms, so "null" proves nothing either way: the token decides.
        if let site = request.headers["Sec-Fetch-Site"] {
            guard site == "same-origin" || site == "none" else { throw .crossSite }
        } else if let origin = request.headers["Origin"], origin != "null" {
            let host = origin.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first
            guard let host, let expected = request.headers["Host"], host.lowercased() == expected.lowercased() else {
                throw .crossSite
            }
        }
        guard let session = WebCookies(request).value(Self.cookieName), Self.isSessionValue(session),
            let token = form[Self.fieldName]
        else { throw .invalidToken }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let issued = Int(parts[0]),
            Self.constantTimeEqual(parts[2], mac(session: session, issued: parts[0], nonce: parts[1]))
        else { throw .invalidToken }
        let now = clock()
        let issuedAt = Date(timeIntervalSince1970: TimeInterval(issued))
        guard now.timeIntervalSince(issuedAt) <= Self.maxAge, issuedAt.timeIntervalSince(now) < 60 else {
            throw .expired
        }
        let fresh = used.withLock { used in
            if used.count > Self.sweepThreshold { used = used.filter { $0.value > now } }
            guard used[parts[1]] == nil else { return false }
            used[parts[1]] = issuedAt.addingTimeInterval(Self.maxAge)
            return true
        }
        guard fresh else { throw .replayed }
    }

    private func mac(session: String, issued: String, nonce: String) -> String {
        Hex.encode(HMAC.sha256(key: key, message: Array("\(session)|\(issued)|\(nonce)".utf8)))
    }

    static func randomHex() -> String {
        var generator = SystemRandomNumberGenerator()
        return Hex.encode((0..<randomByteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    static func isSessionValue(_ value: String) -> Bool {
        value.utf8.count == 2 * randomByteCount
            && value.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    /// Compares without stopping at the first difference, so timing tells nothing about the mac.
    static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8)
        let b = Array(rhs.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }
}
