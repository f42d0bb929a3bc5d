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
