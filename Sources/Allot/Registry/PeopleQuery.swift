/// Which people a listing shows, and which page of them.
public struct PeopleQuery: Sendable, Equatable {
    public enum Status: String, Sendable, Codable {
        case active, withdrawn, all
    }

    public var status: Status
    /// Attribute name → value (code or label) that listed people must have.
    public var attributes: [String: String]
    /// Only people in this age band this year.
    public var ageBand: String?
    /// Cursor: list people whose pid sorts after this one (the previous page's `next`).
    public var after: String?
    /// Page size; the registry's default when nil, capped at its maximum.
    public var limit: Int?
    /// Include contact data (organizers only; never evaluators).
    public var includeContacts: Bool

    public init(
        status: Status = .active, attributes: [String: String] = [:], ageBand: String? = nil, after: String? = nil,
        limit: Int? = nil, includeContacts: Bool = false
    ) {
        self.status = status
        self.attributes = attributes
        self.ageBand = ageBand
        self.after = after
        self.limit = limit
        self.includeContacts = includeContacts
    }
}

/// One page of a listing, in pid order.
public struct PeoplePage: Codable, Sendable, Equatable {
    public let people: [PersonRecord]
    /// How many people match the filters, over all pages.
    public let total: Int
    /// The cursor for the next page, or nil on the last page.
    public let next: String?
}

/// Counts per attribute value of the active pool, in schema order, with age as its bands.
public struct PoolStats: Codable, Sendable, Equatable {
    public struct Count: Codable, Sendable, Equatable {
        public let code: String
        public let count: Int
    }

    public struct AttributeCounts: Codable, Sendable, Equatable {
        public let name: String
        public let values: [Count]
    }

    public let active: Int
    public let withdrawn: Int
    public let attributes: [AttributeCounts]
}
