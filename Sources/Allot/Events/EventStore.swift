import Foundation

/// SQL for events: rows in, `Event` values out. Filter and quotas are stored as JSON.
enum EventStore {
    static let columns = """
        id, title, title_en, department, kind, starts_at, place, seats, reserves, response_deadline, cooldown_days,
        filter, quotas, status, created_at, updated_at
        """

    static func insert(_ event: Event, in connection: Connection) throws -> Int {
        try connection.prepare(
            """
            INSERT INTO event (title, title_en, department, kind, starts_at, place, seats, reserves, response_deadline,
                cooldown_days, filter, quotas, status, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        ).run(values(event))
        return Int(connection.lastInsertRowID)
    }

    static func update(_ event: Event, in connection: Connection) throws {
        try connection.prepare(
            """
            UPDATE event SET title = ?, title_en = ?, department = ?, kind = ?, starts_at = ?, place = ?, seats = ?,
                reserves = ?, response_deadline = ?, cooldown_days = ?, filter = ?, quotas = ?, status = ?,
                created_at = ?, updated_at = ?
            WHERE id = ?
            """
        ).run(values(event) + [.integer(Int64(event.id))])
    }

    static func setStatus(_ id: Int, _ status: EventStatus, at time: String, in connection: Connection) throws {
        try connection.prepare("UPDATE event SET status = ?, updated_at = ? WHERE id = ?").run([
            .text(status.rawValue), .text(time), .integer(Int64(id)),
        ])
    }

    static func find(_ id: Int, in connection: Connection) throws -> Event? {
        try connection.prepare("SELECT \(columns) FROM event WHERE id = ?").firstRow([.integer(Int64(id))], event)
    }

    static func all(in connection: Connection) throws -> [Event] {
        try connection.prepare("SELECT \(columns) FROM event ORDER BY starts_at DESC, id DESC").rows([], event)
    }

    private static func values(_ event: Event) -> [SQLValue] {
        [
            .text(event.title), SQLValue(event.titleEn), .text(event.department), .text(event.kind.rawValue),
            .text(event.startsAt), .text(event.place), SQLValue(event.seats), SQLValue(event.reserves),
            SQLValue(event.responseDeadline), SQLValue(event.cooldownDays), .text(json(event.eligibility)),
            .text(json(event.quotas)), .text(event.status.rawValue), .text(event.createdAt), .text(event.updatedAt),
        ]
    }

    private static func event(_ row: Statement) throws -> Event {
        Event(
            id: row.int(0), title: row.text(1), titleEn: row.optionalText(2), department: row.text(3),
            kind: EventKind(rawValue: row.text(4)) ?? .other, startsAt: row.text(5), place: row.text(6),
            seats: row.int(7), reserves: row.int(8), responseDeadline: row.optionalText(9), cooldownDays: row.int(10),
            eligibility: try decode(EligibilityFilter.self, row.text(11)),
            quotas: try decode(EventQuotas.self, row.text(12)),
            status: EventStatus(rawValue: row.text(13)) ?? .draft, createdAt: row.text(14), updatedAt: row.text(15))
    }

    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }
}
