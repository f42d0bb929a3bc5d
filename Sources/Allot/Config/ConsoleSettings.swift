/// How the staff console (`/console`) keeps its sessions (`console` in the configuration).
public struct ConsoleSettings: Codable, Sendable, Equatable {
    /// Minutes a console session lasts from sign-in (absolute, not sliding): a working day by default,
    /// so a forgotten browser on a shared desk stops acting as its staff member by the next morning.
    public var sessionMinutes: Int

    /// Default session length: eight hours, a working day.
    public static let defaultSessionMinutes = 480
    /// Longest session a city may configure: a week.
    public static let maxSessionMinutes = 7 * 24 * 60

    public init(sessionMinutes: Int = defaultSessionMinutes) {
        self.sessionMinutes = Swift.min(Swift.max(sessionMinutes, 1), Self.maxSessionMinutes)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        // Out-of-range values fall back to the bounds instead of making sessions that never last or never end.
        self.init(sessionMinutes: try c.decodeIfPresent(Int.self, forKey: .sessionMinutes) ?? Self.defaultSessionMinutes)
    }
}
