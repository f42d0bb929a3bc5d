import Foundation

/// Times as stored and shown: ISO 8601 in UTC with whole seconds, e.g. `2026-11-23T14:31:41Z`.
enum Timestamp {
    static func string(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
    }

    /// The calendar year of `date` in UTC.
    static func year(_ date: Date) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        return calendar.component(.year, from: date)
    }
}
