/// How evaluation reports protect small groups (`reports` in `config/allot.json`).
public struct ReportSettings: Codable, Sendable, Equatable {
    /// Per-stratum counts from 1 up to one below this are shown as "<threshold" and rates over them
    /// are withheld. 5 is the usual floor of statistical offices for published tables: smaller cells
    /// can single out a person when combined with what a reader already knows.
    public var smallCellThreshold: Int

    public static let defaultSmallCellThreshold = 5

    public init(smallCellThreshold: Int = ReportSettings.defaultSmallCellThreshold) {
        self.smallCellThreshold = smallCellThreshold
    }
}
