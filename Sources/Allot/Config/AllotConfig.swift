import Foundation

/// Everything a city configures in `config/allot.json`: where the database is, how the server listens,
/// registry settings and the attribute schema. A city changes attributes by editing this file only.
public struct AllotConfig: Codable, Sendable, Equatable {
    /// Database file, relative to the working directory; `--db` and `$ALLOT_DB` override it.
    public var database: String
    public var server: ServerSettings
    public var registry: RegistrySettings
    /// Population shares used for quotas, relative to the working directory.
    public var targets: String?
    public var schema: AttributeSchema
    /// Event and draw rules; absent in older files, which get the defaults.
    public var events: EventSettings?

    /// `events`, or the defaults when the file has none.
    public var eventSettings: EventSettings { events ?? EventSettings() }
    /// Message templates and the delivery channel; without it no message can be written.
    public var messages: MessageSettings?
    /// Evaluation reports (small-cell threshold); absent: the defaults.
    public var reports: ReportSettings?
    /// Staff console sessions (`console.sessionMinutes`); absent: the defaults.
    public var console: ConsoleSettings?

    /// Reads and checks the configuration at `path`.
    public static func load(path: String) throws(ConfigError) -> AllotConfig {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path)
        }
        return try decode(data, path: path)
    }

    /// Decodes and checks configuration JSON; `path` only names the source in errors.
    public static func decode(_ data: Data, path: String = "config") throws(ConfigError) -> AllotConfig {
        let config: AllotConfig
        do {
            config = try JSONDecoder().decode(AllotConfig.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw .invalid(path: path, reason: "missing '\(Self.describe(context.codingPath + [key]))'")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw .invalid(path: path, reason: "wrong type at '\(Self.describe(context.codingPath))'")
        } catch {
            throw .invalid(path: path, reason: "not valid JSON")
        }
        try SchemaRules.check(config.schema, path: path)
        if let problem = config.messages?.problems().first { throw .invalid(path: path, reason: problem) }
        if let threshold = config.reports?.smallCellThreshold, threshold < 1 {
            throw .invalid(path: path, reason: "reports.smallCellThreshold must be at least 1 (1 shows every count)")
        }
        return config
    }

    private static func describe(_ path: [any CodingKey]) -> String {
        path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}

/// Where `allot serve` listens unless the command line says otherwise.
public struct ServerSettings: Codable, Sendable, Equatable {
    public var host: String
    public var port: Int
    /// Enrollment requests allowed per client address per minute, or nil for the server's default.
    public var rateLimit: Int?
    /// Reverse proxies (IP addresses) whose `X-Forwarded-For` names the client; nil or empty: none.
    public var trustedProxies: [String]?
    /// A token that may read `GET /metrics` (besides organizer and admin tokens), for a scraper
    /// that should see nothing else; nil: none. `--metrics-token` overrides it.
    public var metricsToken: String?
    /// Access log format: `line` (default) or `json`.
    public var logFormat: String?
    /// Seconds before a request whose handler has not answered gets a 503; nil: the server default (30).
    public var handlerTimeoutSeconds: Double?
}

/// Registry behaviour that a city may tune.
public struct RegistrySettings: Codable, Sendable, Equatable {
    /// Page size of people listings when the caller gives none.
    public var defaultPageSize: Int
    /// Largest page a caller may ask for; bounds the work of one request.
    public var maximumPageSize: Int
}

/// Rules for events and draws that a city may tune; every field has a default, so a file names only
/// what it changes.
public struct EventSettings: Codable, Sendable, Equatable {
    /// Days after accepting or attending one event during which a person is not drawn for another
    /// (the fresh-faces rule against 熟面孔); an event may override it.
    public var cooldownDays: Int
    /// Youngest age on the event date to be eligible (age = the event's year − birth year).
    public var minimumAge: Int
    /// Lottery panels a draw is rounded to (INTERFACE.md §5: m, default 1,000).
    public var lotterySize: Int
    /// Fill a vacated seat from the reserves as soon as it is vacated (else on `allot replace`).
    public var autoReplace: Bool
    /// Days after an event during which attendees may give or edit feedback.
    public var feedbackDays: Int
    /// Seconds between the server's sweeps for invitations past their deadline.
    public var expirySweepSeconds: Int

    public init(
        cooldownDays: Int = 365, minimumAge: Int = 18, lotterySize: Int = 1000, autoReplace: Bool = true,
        feedbackDays: Int = 14, expirySweepSeconds: Int = 60
    ) {
        self.cooldownDays = cooldownDays
        self.minimumAge = minimumAge
        self.lotterySize = lotterySize
        self.autoReplace = autoReplace
        self.feedbackDays = feedbackDays
        self.expirySweepSeconds = expirySweepSeconds
    }

    public init(from decoder: any Decoder) throws {
        let defaults = EventSettings()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        cooldownDays = try c.decodeIfPresent(Int.self, forKey: .cooldownDays) ?? defaults.cooldownDays
        minimumAge = try c.decodeIfPresent(Int.self, forKey: .minimumAge) ?? defaults.minimumAge
        lotterySize = try c.decodeIfPresent(Int.self, forKey: .lotterySize) ?? defaults.lotterySize
        autoReplace = try c.decodeIfPresent(Bool.self, forKey: .autoReplace) ?? defaults.autoReplace
        feedbackDays = try c.decodeIfPresent(Int.self, forKey: .feedbackDays) ?? defaults.feedbackDays
        expirySweepSeconds = try c.decodeIfPresent(Int.self, forKey: .expirySweepSeconds) ?? defaults.expirySweepSeconds
    }
}
