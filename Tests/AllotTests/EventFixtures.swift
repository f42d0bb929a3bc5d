import Foundation
import Synchronization

@testable import Allot

/// A registry of seeded synthetic volunteers and an event over it, for the event and draw tests.
enum EventFixtures {
    /// A clock the test can move: events, cooldowns and ages read it.
    final class Clock: Sendable {
        private let now: Mutex<Date>
        init(_ date: Date = Fixtures.now) { now = Mutex(date) }
        func callAsFunction() -> Date { now.withLock { $0 } }
        func set(_ date: Date) { now.withLock { $0 = date } }
    }

    /// `count` volunteers in `profiles` kinds (person i has profile i mod `profiles`): every income
    /// fifth, district, education level, age band and both genders occur, so panels from the census targets exist,
    /// and the engine works on `profiles` types (small tests stay fast). Phones are `prefix` + 8 digits.
    static func enrollPool(_ registry: Registry, count: Int, profiles: Int = 80, phonePrefix: String = "139") throws
        -> [EnrollmentReceipt]
    {
        let schema = registry.schema
        func code(_ attribute: String, _ index: Int) -> String {
            let values = schema.attribute(named: attribute)?.values ?? []
            return values.isEmpty ? "" : values[index % values.count].code
        }
        let enrollments = (0..<count).map { index in
            let p = index % profiles
            let attributes = [
                "gender": code("gender", p), "income": code("income", p), "education": code("education", p),
                "occupation": code("occupation", p % 3), "district": code("district", p),
            ]
            return Enrollment(
                name: "志愿者\(index)", phone: phonePrefix + String(index).leftPadding(8), email: nil,
                birthYear: 1952 + (p % 6) * 10, attributes: attributes, consent: true)
        }
        return try registry.enroll(batch: enrollments, actor: .cli).map { try $0.get() }
    }

    /// An open day for `seats` from the shipped Shanghai targets; age and occupation (no census
    /// figure per value) left unconstrained.
    static func draft(seats: Int = 10, startsAt: String = "2026-12-20T09:30") -> EventDraft {
        EventDraft(
            title: "市政府开放日", titleEn: "City hall open day", department: "市政府办公厅", kind: "open_day",
            startsAt: startsAt, place: "人民大道200号", seats: seats, reserves: 5,
            responseDeadline: "2026-12-10T18:00",
            targets: Fixtures.packageRoot.appendingPathComponent("config/targets/shanghai-2020.json").path,
            unconstrained: ["age", "occupation"])
    }
}

extension String {
    fileprivate func leftPadding(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
