import Foundation
import Testing

@testable import Allot
import TestData

/// Test fixtures: each test gets its own directory and database file, removed afterwards.
struct TestDirectory: ~Copyable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("allot-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `text` to a file in this directory and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let path = path(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}

enum Fixtures {
    /// The package root: the directory holding Package.swift.
    static var packageRoot: URL { TestData.packageRoot }

    /// The shipped configuration, `config/allot.json`.
    static func config() throws -> AllotConfig {
        try AllotConfig.load(path: packageRoot.appendingPathComponent("config/allot.json").path)
    }

    /// A fixed clock in 2026, so ages and bands do not drift with the calendar.
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static func registry(in directory: borrowing TestDirectory, name: String = "allot.db") throws -> Registry {
        let database = try Database.create(path: directory.path(name))
        return Registry(database: database, config: try config(), clock: { now })
    }

    static func enrollment(phone: String = "13800138000", birthYear: Int = 1980) -> Enrollment {
        Enrollment(
            name: "王小明", phone: phone, email: "xm@example.cn", birthYear: birthYear,
            attributes: [
                "gender": "male", "occupation": "professional", "income": "q3", "district": "pudong",
                "education": "tertiary",
            ], consent: true)
    }

    static let csvHeader = "name,phone,email,birth_year,gender,occupation,income,district,education,consent\n"
}
