/// Who a request acts as, once a token is authenticated.
public struct Principal: Sendable, Equatable {
    /// The token's row id: names the token in the audit log without revealing it.
    public let tokenID: Int64
    public let role: Role
    /// For citizens, the pid of their own record.
    public let pid: String?
    public let label: String?

    /// How this principal appears as the actor of audit entries.
    public var actor: Actor { Actor("token:\(tokenID):\(role.rawValue)") }
}

/// The author of a change, as written in the audit log: never a name or a secret.
public struct Actor: Sendable, Equatable {
    public let name: String

    public init(_ name: String) { self.name = name }

    /// The operator at the command line.
    public static let cli = Actor("cli")
    /// Someone unauthenticated, e.g. a public enrollment form.
    public static let anonymous = Actor("public")
}
