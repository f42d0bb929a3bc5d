import Foundation

/// Event times: Asia/Shanghai local time written `YYYY-MM-DDTHH:MM` (China has one offset, UTC+8,
/// and no daylight saving, so a fixed offset is exact).
enum LocalTime {
    /// Seconds east of UTC in Asia/Shanghai.
    static let offsetSeconds = 8 * 3600

    /// The instant of a local time text, or nil when it is not `YYYY-MM-DDTHH:MM` (or a bare date,
    /// read as midnight) naming a real day and time.
    static func date(_ text: String) -> Date? {
        let parts = text.split(separator: "T", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return nil }
        let day = parts[0].split(separator: "-", omittingEmptySubsequences: false)
        guard day.count == 3, day[0].count == 4, day[1].count == 2, day[2].count == 2,
            let year = Int(day[0]), let month = Int(day[1]), let dayOfMonth = Int(day[2])
        else { return nil }
        var hour = 0, minute = 0
        if parts.count == 2 {
            let time = parts[1].split(separator: ":", omittingEmptySubsequences: false)
            guard time.count == 2, time[0].count == 2, time[1].count == 2, let h = Int(time[0]), let m = Int(time[1]),
                (0...23).contains(h), (0...59).contains(m)
            else { return nil }
            hour = h
            minute = m
        }
        var calendar = Calendar(identifier: .gregorian)
        guard let zone = TimeZone(secondsFromGMT: offsetSeconds) else { return nil }
        calendar.timeZone = zone
        let components = DateComponents(year: year, month: month, day: dayOfMonth, hour: hour, minute: minute)
        guard components.isValidDate(in: calendar), let date = calendar.date(from: components) else { return nil }
        return date
    }

    /// `YYYY-MM-DDTHH:MM` of an instant, in Asia/Shanghai.
    static func text(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: offsetSeconds) ?? .gmt
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }

    /// The year of a local time text.
    static func year(of text: String) -> Int? {
        date(text) == nil ? nil : Int(text.prefix(4))
    }

    /// Normalizes a valid text to `YYYY-MM-DDTHH:MM` (a bare date gets `T00:00`).
    static func normalized(_ text: String) -> String? {
        date(text).map(Self.text)
    }
}
