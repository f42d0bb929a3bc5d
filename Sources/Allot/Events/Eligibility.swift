import Foundation
import Sortition

/// Why an active volunteer is not in an event's eligible pool.
public enum ExclusionReason: String, Codable, Sendable, CaseIterable, Comparable {
    /// Younger than the event's minimum age on the event date.
    case belowMinimumAge = "below_minimum_age"
    /// Of an age no band covers (older bands end, or below the youngest band).
    case noAgeBand = "no_age_band"
    /// Outside the event's filter (e.g. another district).
    case outsideFilter = "outside_filter"
    /// Accepted or attended another event within the cooldown window (the fresh-faces rule).
    case cooldown
    /// Invited to another event and not yet answered.
    case openInvitation = "open_invitation"

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// The eligible pool of one event, frozen at one moment: what a draw is prepared from.
struct EligiblePool {
    /// The features in quota order (schema attributes, then age).
    var attributes: [String]
    /// pid and value code per attribute, in registry order.
    var people: [(pid: String, values: [String])]
    var registryActive: Int
    var excluded: [ExclusionReason: Int]

    /// The Sortition pool over `features`.
    ///
    /// Value indices are looked up once per distinct value, not matched per person: the registry
    /// stores schema codes, so an exact lookup finds them (`Feature.index(of:)`, which trims and
    /// folds case, covers anything else). Building a million candidates' dictionaries and matching
    /// each value case-insensitively took most of a 1,000,000-volunteer prepare's pool stage.
    func pool(features: [Feature]) throws(EventError) -> Pool {
        var columns: [Int] = []
        for feature in features {
            guard let column = attributes.firstIndex(of: feature.name) else {
                throw .invalidQuotas("the quotas name '\(feature.name)', which is not a registry attribute")
            }
            columns.append(column)
        }
        var lookups = features.map { feature in
            Dictionary(feature.values.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        }
        var rows: [[Int]] = []
        rows.reserveCapacity(people.count)
        for person in people {
            var row: [Int] = []
            row.reserveCapacity(columns.count)
            for (f, column) in columns.enumerated() {
                let value = person.values[column]
                if let index = lookups[f][value] {
                    row.append(index)
                } else if let index = features[f].index(of: value) {
                    lookups[f][value] = index
                    row.append(index)
                } else {
                    throw .invalidQuotas(
                        SortitionError.unknownValue(feature: features[f].name, value: value, person: person.pid).description)
                }
            }
            rows.append(row)
        }
        do {
            return try Pool(features: features, ids: people.map(\.pid), valueIndices: rows)
        } catch {
            throw .invalidQuotas(error.description)
        }
    }
}

/// Counts next to the quotas, before anything is drawn (`allot event eligible`, `GET …/eligible`).
public struct EligibilityReport: Encodable, Sendable, Equatable {
    /// One value: the eligible people who have it beside its seats.
    public struct Value: Codable, Sendable, Equatable {
        public let attribute: String
        public let value: String
        public let eligible: Int
        public let min: Int
        public let max: Int
        public let origin: QuotaOrigin
        public let share: Double?
    }

    public struct Exclusion: Codable, Sendable, Equatable {
        public let reason: ExclusionReason
        public let count: Int
    }

    public let eventId: Int
    public let seats: Int
    public let registryActive: Int
    public let eligible: Int
    public let excluded: [Exclusion]
    public let values: [Value]
    /// `attribute=value` lines that still need seats; feasibility is checked once there are none.
    public let missingQuotas: [String]
    /// Whether some panel meets the quotas (nil while quotas are incomplete).
    public let feasible: Bool?
    /// Why not, with the suggested relaxation.
    public let infeasible: InfeasibleQuotas?
}

extension Events {
    /// Who may be drawn for `event` now: active, of age on the event date, inside the filter, and not
    /// in the fresh-faces cooldown (no accepted or attended invitation to another event within
    /// `cooldownDays` of this one's date, no open invitation to another event).
    func eligiblePool(for event: Event, in connection: Connection) throws -> EligiblePool {
        let attributes = QuotaPlanner.attributeValues(schema).map(\.0)
        let year = event.year
        let minimumAge = event.eligibility.minimumAge ?? settings.minimumAge
        let blocked = try cooldown(for: event, in: connection)
        var people: [(pid: String, values: [String])] = []
        var excluded: [ExclusionReason: Int] = [:]
        var active = 0
        let filter = event.eligibility.attributes.mapValues(Set.init)
        try connection.prepare("SELECT id, pid, birth_year, attributes FROM person WHERE status = 'active' ORDER BY id")
            .forEachRow { row in
                active += 1
                let birthYear = row.int(2)
                if year - birthYear < minimumAge {
                    excluded[.belowMinimumAge, default: 0] += 1
                    return
                }
                guard let band = schema.age.band(birthYear: birthYear, in: year) else {
                    excluded[.noAgeBand, default: 0] += 1
                    return
                }
                var stored = AttributesJSON.decodeFlat(row.text(3))
                stored[QuotaPlanner.ageAttribute] = band
                for (name, allowed) in filter where !allowed.contains(stored[name] ?? "") {
                    excluded[.outsideFilter, default: 0] += 1
                    return
                }
                if let reason = blocked[row.int64(0)] {
                    excluded[reason, default: 0] += 1
                    return
                }
                people.append((row.text(1), attributes.map { stored[$0] ?? "" }))
            }
        return EligiblePool(attributes: attributes, people: people, registryActive: active, excluded: excluded)
    }

    /// person id → the cooldown reason that keeps them out of `event`.
    private func cooldown(for event: Event, in connection: Connection) throws -> [Int64: ExclusionReason] {
        guard let date = LocalTime.date(event.startsAt) else { return [:] }
        let window = Double(event.cooldownDays) * 86_400
        var blocked: [Int64: ExclusionReason] = [:]
        try connection.prepare(
            """
            SELECT i.person_id, i.state, e.starts_at FROM invitation i JOIN event e ON e.id = i.event_id
            WHERE i.event_id != ? AND i.state IN ('invited', 'accepted', 'attended')
            """
        ).forEachRow([.integer(Int64(event.id))]) { row in
            let person = row.int64(0)
            if row.text(1) == "invited" {
                blocked[person] = .openInvitation
            } else if let other = LocalTime.date(row.text(2)), abs(other.timeIntervalSince(date)) < window,
                blocked[person] == nil
            {
                blocked[person] = .cooldown
            }
        }
        return blocked
    }

    /// The eligible counts per value beside the quotas, the exclusions, and feasibility.
    public func eligibility(_ id: Int) throws -> EligibilityReport {
        let (event, eligible) = try database.read { connection in
            guard let event = try EventStore.find(id, in: connection) else { throw EventError.notFound(id: id) }
            return (event, try eligiblePool(for: event, in: connection))
        }
        var counts: [String: Int] = [:]
        for person in eligible.people {
            for (name, value) in zip(eligible.attributes, person.values) { counts["\(name)=\(value)", default: 0] += 1 }
        }
        let values = event.quotas.values.map { line in
            EligibilityReport.Value(
                attribute: line.attribute, value: line.value, eligible: counts["\(line.attribute)=\(line.value)"] ?? 0,
                min: line.min, max: line.max, origin: line.origin, share: line.share)
        }
        let missing = event.quotas.missing.map { "\($0.attribute)=\($0.value)" }
        var feasible: Bool?
        var infeasible: InfeasibleQuotas?
        if missing.isEmpty {
            infeasible = try feasibility(event: event, eligible: eligible)
            feasible = infeasible == nil
        }
        return EligibilityReport(
            eventId: id, seats: event.seats, registryActive: eligible.registryActive, eligible: eligible.people.count,
            excluded: eligible.excluded.sorted { $0.key < $1.key }.map { .init(reason: $0.key, count: $0.value) },
            values: values, missingQuotas: missing, feasible: feasible, infeasible: infeasible)
    }

    /// nil when some panel meets the quotas, else why none does.
    private func feasibility(event: Event, eligible: EligiblePool) throws -> InfeasibleQuotas? {
        let quotas = try event.quotas.quotas(seats: event.seats)
        guard eligible.people.count >= event.seats else {
            return InfeasibleQuotas.tooFewPeople(needed: event.seats, available: eligible.people.count)
        }
        let pool = try eligible.pool(features: quotas.features)
        do {
            let report = try FeasibilityCheck.check(pool: pool, quotas: quotas)
            return report.feasible ? nil : InfeasibleQuotas(report, quotas: quotas)
        } catch {
            throw EventError.draw(.algorithmFailed(error.description))
        }
    }
}
