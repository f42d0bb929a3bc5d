import Foundation
import Sortition

extension Reports {
    /// The look-back window of the 熟面孔 rate: a seat counts as a familiar face when its holder
    /// attended another event in the year before (the same span as the default fresh-faces cooldown).
    static let familiarWindowDays = 365

    /// Participation across the events drawn or closed whose date falls in `from`…`to` (inclusive,
    /// `YYYY-MM-DD`, either may be nil).
    public func summary(from: String? = nil, to: String? = nil) throws -> SummaryReport {
        let from = try from.map { value throws(ReportError) in try Self.day(value, field: "from") }
        let to = try to.map { value throws(ReportError) in try Self.day(value, field: "to") }
        if let from, let to, from > to { throw ReportError.emptyRange(from: from, to: to) }
        let targets = targetsPath.flatMap { path in path.isEmpty ? nil : try? TargetsFile.load(path: path) }
        return try database.read { connection in
            try buildSummary(from: from, to: to, targets: targets, in: connection)
        }
    }

    /// A date bound checked as `YYYY-MM-DD`.
    static func day(_ text: String, field: String) throws(ReportError) -> String {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 10, parts.count == 3,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month), (1...31).contains(day)
        else { throw .invalidDate(field: field, value: String(text.prefix(40))) }
        return text
    }

    private struct Seat {
        var event: Int
        var person: Int64
        var state: String
    }

    private func buildSummary(from: String?, to: String?, targets: TargetsFile?, in connection: Connection) throws
        -> SummaryReport
    {
        var events: [Int: (department: String, date: Date, year: Int, seats: Int)] = [:]
        var eventList: [SummaryEvent] = []
        try connection.prepare(
            """
            SELECT id, department, starts_at, seats, title, status FROM event WHERE status IN ('drawn', 'closed')
            AND (?1 IS NULL OR substr(starts_at, 1, 10) >= ?1) AND (?2 IS NULL OR substr(starts_at, 1, 10) <= ?2)
            ORDER BY starts_at DESC, id DESC
            """
        ).forEachRow([SQLValue(from), SQLValue(to)]) { row in
            let startsAt = row.text(2)
            eventList.append(
                SummaryEvent(
                    id: row.int(0), title: row.text(4), department: row.text(1), startsAt: startsAt, status: row.text(5)
                ))
            events[row.int(0)] = (
                row.text(1), LocalTime.date(startsAt) ?? .distantPast, LocalTime.year(of: startsAt) ?? 0, row.int(3)
            )
        }
        var seats: [Seat] = []
        var people: [Int64: (birthYear: Int, attributes: String, active: Bool)] = [:]
        try connection.prepare(
            """
            SELECT i.event_id, i.person_id, i.state, p.birth_year, p.attributes, p.status
            FROM invitation i JOIN person p ON p.id = i.person_id JOIN event e ON e.id = i.event_id
            WHERE e.status IN ('drawn', 'closed')
            AND (?1 IS NULL OR substr(e.starts_at, 1, 10) >= ?1) AND (?2 IS NULL OR substr(e.starts_at, 1, 10) <= ?2)
            """
        ).forEachRow([SQLValue(from), SQLValue(to)]) { row in
            let person = row.int64(1)
            seats.append(Seat(event: row.int(0), person: person, state: row.text(2)))
            people[person] = (row.int(3), row.text(4), row.text(5) == "active")
        }
        // Every attendance on record, for the look-back (it may reach before `from`).
        var attendances: [Int64: [Date]] = [:]
        try connection.prepare(
            "SELECT i.person_id, e.starts_at FROM invitation i JOIN event e ON e.id = i.event_id WHERE i.state = 'attended'"
        ).forEachRow { row in
            if let date = LocalTime.date(row.text(1)) { attendances[row.int64(0), default: []].append(date) }
        }
        let active = try connection.scalar("SELECT count(*) FROM person WHERE status = 'active'")

        let attended = seats.filter { $0.state == "attended" && events[$0.event] != nil }
        var seatsPerPerson: [Int64: Int] = [:]
        var firstYear: [Int64: Int] = [:]
        var familiar = 0
        let window = Double(Self.familiarWindowDays) * 86_400
        for seat in attended {
            seatsPerPerson[seat.person, default: 0] += 1
            guard let event = events[seat.event] else { continue }
            firstYear[seat.person] = min(firstYear[seat.person] ?? event.year, event.year)
            let before = attendances[seat.person, default: []].contains { other in
                let gap = event.date.timeIntervalSince(other)
                return gap > 0 && gap <= window
            }
            if before { familiar += 1 }
        }
        let cells = cells
        var histogram: [Int: Int] = [:]
        for count in seatsPerPerson.values { histogram[count, default: 0] += 1 }
        let invitedPeople = Set(seats.filter { events[$0.event] != nil }.map(\.person))
        let withdrawnInvited = invitedPeople.filter { people[$0]?.active == false }.count
        let reach = active + withdrawnInvited

        // Unique participants per value, with their age band in the year of their first seat.
        var valueCounts: [String: Int] = [:]
        for (person, year) in firstYear {
            guard let record = people[person] else { continue }
            for (attribute, value) in values(attributesJSON: record.attributes, birthYear: record.birthYear, year: year)
            {
                valueCounts["\(attribute)=\(value)", default: 0] += 1
            }
        }
        let unique = seatsPerPerson.count
        let cumulative = QuotaPlanner.attributeValues(schema).map { attribute, codes in
            let shares = (targets?.figures[attribute] ?? [:]).mapValues(\.share)
            var suppressed = false
            let values = codes.map { code in
                let exact = valueCounts["\(attribute)=\(code)"] ?? 0
                let count = cells.count(exact)
                if count.suppressed { suppressed = true }
                let share = count.suppressed || unique == 0 ? nil : Double(exact) / Double(unique)
                return CumulativeValue(
                    value: code, labels: labels(attribute: attribute, value: code), targetShare: shares[code],
                    participants: count, share: share,
                    deviationPoints: share.flatMap { share in shares[code].map { (share - $0) * 100 } })
            }
            let byCode = Dictionary(uniqueKeysWithValues: codes.map { ($0, valueCounts["\(attribute)=\($0)"] ?? 0) })
            return CumulativeAttribute(
                attribute: attribute, labels: labels(attribute: attribute), values: values,
                tvd: Self.distance(codes: codes, counts: byCode, total: unique, targets: shares, suppressed: suppressed)
            )
        }

        var departments:
            [String: (events: Set<Int>, seats: Int, invited: Int, accepted: Int, attended: Int, people: Set<Int64>)] =
                [:]
        for (id, event) in events {
            departments[event.department, default: ([], 0, 0, 0, 0, [])].events.insert(id)
            departments[event.department]?.seats += event.seats
        }
        for seat in seats {
            guard let department = events[seat.event]?.department else { continue }
            departments[department]?.invited += 1
            if ["accepted", "attended", "no_show"].contains(seat.state) { departments[department]?.accepted += 1 }
            if seat.state == "attended" {
                departments[department]?.attended += 1
                departments[department]?.people.insert(seat.person)
            }
        }
        func ratio(_ part: Int, _ whole: Int) -> Double? { whole > 0 ? Double(part) / Double(whole) : nil }
        return SummaryReport(
            from: from, to: to, generatedAt: Timestamp.string(clock()), smallCells: cells.note, events: events.count,
            eventList: eventList,
            seats: attended.count, uniqueParticipants: unique, seatsPerParticipant: ratio(attended.count, unique),
            familiarFaces: FamiliarFaces(
                windowDays: Self.familiarWindowDays, seats: familiar, share: ratio(familiar, attended.count)),
            repeatHistogram: histogram.keys.sorted().map {
                RepeatBin(times: $0, people: cells.count(histogram[$0] ?? 0))
            },
            repeatGini: FairnessMetrics.gini(seatsPerPerson.values.map(Double.init)),
            registry: RegistryReach(
                people: reach, everInvited: invitedPeople.count, share: ratio(invitedPeople.count, reach)),
            cumulative: cumulative,
            departments: departments.sorted { $0.key < $1.key }.map { name, entry in
                DepartmentSummary(
                    department: name, events: entry.events.count, seats: entry.seats, invited: entry.invited,
                    accepted: entry.accepted, attended: entry.attended, uniqueParticipants: entry.people.count,
                    acceptanceRate: ratio(entry.accepted, entry.invited),
                    attendanceRate: ratio(entry.attended, entry.accepted))
            })
    }
}
