import Foundation
import Sortition

/// The evaluation use cases: one event's report and the summary across events, read in one
/// transaction each, for the CLI (`allot report`) and the API alike. Everything they return is
/// aggregate or pseudonymous, with small cells suppressed (see `ReportSettings`).
public struct Reports: Sendable {
    public let database: Database
    public let schema: AttributeSchema
    public let settings: ReportSettings
    /// The configured census targets (the summary's reference; an event report uses its own quotas' shares).
    public let targetsPath: String?
    let clock: @Sendable () -> Date

    public init(database: Database, config: AllotConfig, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.schema = config.schema
        self.settings = config.reports ?? ReportSettings()
        self.targetsPath = config.targets
        self.clock = clock
    }

    /// Reports with explicit parts (the API's default when given no configured one).
    public init(
        database: Database, schema: AttributeSchema, targetsPath: String?, settings: ReportSettings = ReportSettings(),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.database = database
        self.schema = schema
        self.settings = settings
        self.targetsPath = targetsPath
        self.clock = clock
    }

    var cells: SmallCells { SmallCells(threshold: settings.smallCellThreshold) }

    /// Labels of an attribute (age has none in the schema).
    func labels(attribute: String) -> Labels {
        if let found = schema.attribute(named: attribute) { return found.labels }
        return attribute == QuotaPlanner.ageAttribute
            ? Labels(zh: "年龄", en: "Age") : Labels(zh: attribute, en: attribute)
    }

    /// Labels of a value; age bands and unknown codes are their own label.
    func labels(attribute: String, value: String) -> Labels {
        schema.attribute(named: attribute)?.values.first { $0.code == value }?.labels ?? Labels(zh: value, en: value)
    }

    /// A person's value codes with their age band in `year`, from the stored attributes JSON.
    func values(attributesJSON: String, birthYear: Int, year: Int) -> [String: String] {
        var values = AttributesJSON.decodeFlat(attributesJSON)
        if let band = schema.age.band(birthYear: birthYear, in: year) { values[QuotaPlanner.ageAttribute] = band }
        return values
    }

    /// Distance from the targets of counts per value; nil when a value lacks a target, a cell is
    /// suppressed or there is nobody.
    static func distance(
        codes: [String], counts: [String: Int], total: Int, targets: [String: Double], suppressed: Bool
    ) -> Double? {
        guard !suppressed, total > 0, !codes.isEmpty else { return nil }
        var observed: [String: Double] = [:]
        var expected: [String: Double] = [:]
        for code in codes {
            guard let target = targets[code] else { return nil }
            expected[code] = target
            observed[code] = Double(counts[code] ?? 0) / Double(total)
        }
        return FairnessMetrics.totalVariation(observed, expected)
    }
}
