import Foundation
import TestData

/// Paths of the shared instances and temporary files for the Selection tests.
enum SelectionFixtures {
    static func instance(_ name: String, _ file: String) -> String {
        TestData.instance(name, file)
    }

    /// A fresh temporary directory for one test.
    static func temporaryDirectory() throws -> URL {
        try TestData.temporaryDirectory("allot-selection")
    }

    /// Writes `text` to `name` in `directory` and returns the path.
    static func write(_ text: String, _ name: String, in directory: URL) throws -> String {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}
