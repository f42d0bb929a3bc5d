/// Where a message is in its life: `pending → sent | failed | cancelled`. A pending message that has
/// failed before carries its attempts, last error and the time of its next attempt.
public enum OutboxState: String, Codable, Sendable, CaseIterable {
    /// Waiting for export or for its (next) delivery attempt.
    case pending
    /// Handed to the SMS platform: exported to a file or accepted by the gateway.
    case sent
    /// Given up: the gateway refused it for good, or every attempt failed. `allot outbox retry` requeues it.
    case failed
    /// Never to be sent: the recipient withdrew.
    case cancelled
}

/// One message of the outbox as listed.
public struct OutboxMessage: Codable, Sendable, Equatable {
    public let id: Int64
    /// The idempotency key: random, stable for the message's life, sent with every attempt.
    public let key: String
    public let kind: String
    public let pid: String
    public let language: String
    public let text: String
    public let subject: String?
    public let state: OutboxState
    public let attempts: Int
    public let lastError: String?
    /// When a pending message is next due (UTC, ISO 8601); nil once it is no longer pending.
    public let nextAttemptAt: String?
    public let createdAt: String
    public let sentAt: String?
    /// `file` or `webhook` once sent.
    public let channel: String?
}

/// Messages per state, for listings and metrics.
public struct OutboxCounts: Codable, Sendable, Equatable {
    public var pending = 0
    /// Pending messages that have failed at least once and wait for a retry.
    public var retrying = 0
    public var sent = 0
    public var failed = 0
    public var cancelled = 0

    public init() {}
}
