/// How the staff console (`/console`) keeps its sessions; every field has a default.
public struct ConsoleSettings: Codable, Sendable, Equatable {
    /// Minutes a console session lasts from sign-in (absolute, not sliding): a working day by default,
    /// so a forgotten browser on a shared desk stops acting as its staff member by the next morning.
    public var sessionMinutes: Int
    /// Peer addresses of reverse proxies whose `X-Forwarded-Proto: https` is believed (then the
    /// session cookie is marked `Secure`). Empty: the header is ignored, because anyone can send it.
    public var trustedProxies: [String]

    /// Default session length: eight hours, a working day.
    public static let defaultSessionMinutes = 480
    /// Longest session a city may configure: a week.
    public static let maxSessionMinutes = 7 * 24 * 60

    public init(sessionMinutes: Int = defaultSessionMinutes, trustedProxies: [String] = []) {
        self.sessionMinutes = sessionMinutes
        self.trustedProxies = trustedProxies
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let minutes = try c.decodeIfPresent(Int.self, forKey: .sessionMinutes) ?? Self.defaultSessionMinutes
        // Out-of-range values fall back to the bounds instead of making sessions that never last or never end.
        sessionMinutes = Swift.min(Swift.max(minutes, 1), Self.maxSessionMinutes)
        trustedProxies = try c.decodeIfPresent([String].self, forKey: .trustedProxies) ?? []
    }
}
