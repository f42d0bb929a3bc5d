import Foundation

/// Where the tests find their data and tools: the one place that knows the package layout
/// (`Package.swift` at the root, the shared data in `../shared/data` beside it, or `$ALLOT_TEST_DATA`).
public enum TestData {
    /// The package root: the nearest directory above this file holding `Package.swift`.
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url
    }()

    /// The shared data directory: `$ALLOT_TEST_DATA` when set, else `../shared/data` beside the package.
    public static var sharedData: URL {
        if let override = ProcessInfo.processInfo.environment["ALLOT_TEST_DATA"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        return packageRoot.appendingPathComponent("../shared/data").standardized
    }

    /// The directory of the selection instances (`example_small_20`, `sa_fixture_22`, …).
    public static var instances: URL { sharedData.appendingPathComponent("instances") }

    /// `instances/NAME/FILE` as a path.
    public static func instance(_ name: String, _ file: String) -> String {
        instances.appendingPathComponent(name).appendingPathComponent(file).path
    }

    /// The Netlib LP set.
    public static var netlib: URL { sharedData.appendingPathComponent("netlib") }

    /// The shipped configuration, `config/allot.json`.
    public static var configPath: String { packageRoot.appendingPathComponent("config/allot.json").path }

    /// Whether the shared data is there (tests over it are skipped, not passed, without it).
    public static var hasSharedData: Bool { FileManager.default.fileExists(atPath: instances.path) }

    /// A fresh temporary directory named with `prefix`.
    public static func temporaryDirectory(_ prefix: String = "allot-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The path of an executable tool found on `$PATH` (or `/usr/bin`), nil when it is not installed;
    /// for `.enabled(if: TestData.tool("curl") != nil, "curl is not installed")`.
    public static func tool(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") + ["/usr/bin"] {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The `allot` binary built next to the running test bundle, nil when it has not been built.
    public static var allotBinary: URL? {
        let url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("allot")
        return FileManager.default.isExecutableFile(atPath: url.path) ? url : nil
    }
}
