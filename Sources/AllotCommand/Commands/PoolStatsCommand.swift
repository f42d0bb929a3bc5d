import Allot
import Foundation

extension Command {
    static let poolStats = Command(
        ["pool", "stats"], abstract: "count the active pool per attribute value"
    ) { invocation in
        let stats = try invocation.registry().stats()
        if invocation.json {
            try invocation.printJSON(stats)
            return
        }
        invocation.print("active: \(stats.active)  withdrawn: \(stats.withdrawn)")
        for line in statsTable(stats) { invocation.print(line) }
    }
}

extension Command {
    /// The counts as aligned columns: value codes padded to the longest, counts and percentages
    /// right-aligned to the widest, so every column lines up however long the codes or large the pool.
    static func statsTable(_ stats: PoolStats) -> [String] {
        let values = stats.attributes.flatMap(\.values)
        let codeWidth = values.map(\.code.count).max() ?? 0
        let countWidth = values.map { String($0.count).count }.max() ?? 0
        func share(_ count: Int) -> String {
            let percent = stats.active > 0 ? Double(count) * 100 / Double(stats.active) : 0
            return percent.formatted(.number.precision(.fractionLength(1)).grouping(.never)) + "%"
        }
        let shareWidth = values.map { share($0.count).count }.max() ?? 0
        func leftPad(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
        var lines: [String] = []
        for attribute in stats.attributes {
            lines.append(attribute.name)
            for value in attribute.values {
                let code = value.code.padding(toLength: codeWidth, withPad: " ", startingAt: 0)
                lines.append("  \(code)  \(leftPad(String(value.count), countWidth))  \(leftPad(share(value.count), shareWidth))")
            }
        }
        return lines
    }
}
