import Foundation
import Testing

/// The same draw in two separate processes gives the same record: Swift seeds its hashing per process,
/// so any Set or Dictionary order that leaks into the computation shows up here (it once made
/// lotteries differ between runs).
@Suite("draw determinism across processes")
struct DeterminismTests {
    /// Record fields that are wall-clock times, the only ones allowed to differ.
    static let timeFields: Set<String> = ["preparedAt", "finalizedAt"]

    static func instance(_ name: String, _ file: String) -> String {
        ServeCommandTests.root.appendingPathComponent("../shared/data/instances/\(name)/\(file)").standardized.path
    }

    /// Starts `allot select` writing its record to `record`; the caller waits.
    static func startSelect(features: String, people: String, size: Int, record: String) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = ServeCommandTests.allot
        process.arguments = [
            "select", "--features", features, "--people", people, "--size", String(size),
            "--beacon", "determinism-test-beacon", "--lottery-size", "1000", "--record", record,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        return (process, output)
    }

    @Test(
        .enabled(if: FileManager.default.isExecutableFile(atPath: ServeCommandTests.allot.path), "allot is not built"),
        arguments: [("sa_fixture_22", "features.csv", "candidates.csv", 22)])
    func sameDrawInTwoProcessesGivesTheSameRecord(name: String, features: String, people: String, size: Int) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("allot-det-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let paths = ["a", "b"].map { directory.appendingPathComponent("\($0).json").path }
        let runs = try paths.map {
            try Self.startSelect(
                features: Self.instance(name, features), people: Self.instance(name, people), size: size, record: $0)
        }
        var outputs: [String] = []
        for (process, output) in runs {
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(text)")
            outputs.append(text)
        }
        #expect(runs[0].0.processIdentifier != runs[1].0.processIdentifier)

        let records = try paths.map { path in
            try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        }
        for digest in ["poolDigest", "lotteryDigest", "termsDigest", "seed"] {
            let first = records[0][digest] as? String
            #expect(first != nil && first?.isEmpty == false, "\(digest) missing")
            #expect(first == records[1][digest] as? String, "\(digest) differs between processes")
        }
        #expect(Set(records[0].keys) == Set(records[1].keys))
        for key in records[0].keys.sorted() where !Self.timeFields.contains(key) {
            let a = try JSONSerialization.data(withJSONObject: ["v": records[0][key] ?? NSNull()], options: .sortedKeys)
            let b = try JSONSerialization.data(withJSONObject: ["v": records[1][key] ?? NSNull()], options: .sortedKeys)
            #expect(a == b, "record field \(key) differs between processes")
        }
        // The printed summaries agree too, apart from the running time.
        let lines = outputs.map {
            $0.split(separator: "\n").filter { !$0.hasPrefix("seconds:") && !$0.hasPrefix("record:") }
        }
        #expect(lines[0] == lines[1])
    }
}
