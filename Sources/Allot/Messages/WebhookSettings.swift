import HTTPServer

/// Where and how the webhook channel posts messages, and how it retries.
public struct WebhookSettings: Codable, Sendable, Equatable {
    /// Attempts before a message is marked failed. With the default backoff (30 s doubling to an hour)
    /// ten attempts span about three hours: a gateway's maintenance window, not a lost day.
    public static let defaultMaxAttempts = 10
    /// Wait after the first failed attempt; doubles with every further failure.
    public static let defaultInitialBackoffSeconds = 30.0
    /// Longest wait between two attempts.
    public static let defaultMaxBackoffSeconds = 3600.0
    /// A gateway on the city network accepts a connection in milliseconds; 5 s means it is down.
    public static let defaultConnectTimeoutSeconds = 5.0
    /// A gateway that has not answered in 10 s is treated as failed; the retry carries the same
    /// idempotency key, so a late success on its side is not sent twice.
    public static let defaultReadTimeoutSeconds = 10.0

    /// Bounds that keep the settings sane (and their arithmetic far from overflow): at most 100 attempts,
    /// a week between attempts, five minutes for a connection or an answer.
    static let attemptsLimit = 100
    static let backoffLimitSeconds = 7 * 24 * 3600.0
    static let timeoutLimitSeconds = 300.0

    /// The gateway, `http://host[:port]/path`.
    public var url: String
    public var maxAttempts: Int
    public var initialBackoffSeconds: Double
    public var maxBackoffSeconds: Double
    public var connectTimeoutSeconds: Double
    public var readTimeoutSeconds: Double

    public init(
        url: String, maxAttempts: Int = WebhookSettings.defaultMaxAttempts,
        initialBackoffSeconds: Double = WebhookSettings.defaultInitialBackoffSeconds,
        maxBackoffSeconds: Double = WebhookSettings.defaultMaxBackoffSeconds,
        connectTimeoutSeconds: Double = WebhookSettings.defaultConnectTimeoutSeconds,
        readTimeoutSeconds: Double = WebhookSettings.defaultReadTimeoutSeconds
    ) {
        self.url = url
        self.maxAttempts = maxAttempts
        self.initialBackoffSeconds = initialBackoffSeconds
        self.maxBackoffSeconds = maxBackoffSeconds
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.readTimeoutSeconds = readTimeoutSeconds
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        url = try container.decode(String.self, forKey: .url)
        maxAttempts = try container.decodeIfPresent(Int.self, forKey: .maxAttempts) ?? Self.defaultMaxAttempts
        initialBackoffSeconds =
            try container.decodeIfPresent(Double.self, forKey: .initialBackoffSeconds)
            ?? Self.defaultInitialBackoffSeconds
        maxBackoffSeconds =
            try container.decodeIfPresent(Double.self, forKey: .maxBackoffSeconds) ?? Self.defaultMaxBackoffSeconds
        connectTimeoutSeconds =
            try container.decodeIfPresent(Double.self, forKey: .connectTimeoutSeconds)
            ?? Self.defaultConnectTimeoutSeconds
        readTimeoutSeconds =
            try container.decodeIfPresent(Double.self, forKey: .readTimeoutSeconds) ?? Self.defaultReadTimeoutSeconds
    }

    func problems() -> [String] {
        var problems: [String] = []
        if HTTPURL(url) == nil {
            problems.append("'messages.webhook.url' must be http://host[:port]/path (no https: use a local TLS proxy)")
        }
        if !(1...Self.attemptsLimit).contains(maxAttempts) {
            problems.append("'messages.webhook.maxAttempts' must be from 1 to \(Self.attemptsLimit)")
        }
        if !(initialBackoffSeconds >= 1 && maxBackoffSeconds >= initialBackoffSeconds
            && maxBackoffSeconds <= Self.backoffLimitSeconds)
        {
            problems.append(
                "'messages.webhook' backoff must be at least 1 s, the maximum at least the initial and at most a week")
        }
        if !(connectTimeoutSeconds > 0 && readTimeoutSeconds > 0 && connectTimeoutSeconds <= Self.timeoutLimitSeconds
            && readTimeoutSeconds <= Self.timeoutLimitSeconds)
        {
            problems.append(
                "'messages.webhook' timeouts must be positive and at most \(Int(Self.timeoutLimitSeconds)) s")
        }
        return problems
    }
}
