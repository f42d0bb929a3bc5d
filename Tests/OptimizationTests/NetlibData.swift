import Foundation
import Optimization
import TestData

/// The Netlib LP set in `../shared/data/netlib/` beside the package, with its published values.
enum NetlibData {
    /// One line of `values.csv`.
    struct Entry: Sendable {
        var name: String
        var rows: Int
        var columns: Int
        var nonzeros: Int
        var optimalObjective: Double
    }

    /// `../shared/data/netlib` beside the package (`TestData`).
    static var directory: URL { TestData.netlib }

    static func entries() throws -> [Entry] {
        let text = try String(contentsOf: directory.appendingPathComponent("values.csv"), encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).dropFirst().compactMap { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count >= 5, let rows = Int(fields[1]), let columns = Int(fields[2]),
                  let nonzeros = Int(fields[3]), let optimum = Double(fields[4]) else { return nil }
            return Entry(name: String(fields[0]), rows: rows, columns: columns, nonzeros: nonzeros, optimalObjective: optimum)
        }
    }

    static func problem(_ name: String) throws -> MPSProblem {
        let data = try Data(contentsOf: directory.appendingPathComponent("\(name).mps"))
        return try MPSReader.parse(bytes: [UInt8](data))
    }
}
