import Foundation
import Testing
import TestData

/// `allot serve` as a user runs it: a real process, a real client (curl), real signals.
@Suite("allot serve")
struct ServeCommandTests {
    /// The package root (holds Package.swift and config/).
    static var root: URL { TestData.packageRoot }

    /// The `allot` binary built next to this test binary (the tests are skipped when it is missing).
    static let allot = TestData.allotBinary ?? URL(fileURLWithPath: "/nonexistent/allot")

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = allot
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    @Test(
        .enabled(if: TestData.allotBinary != nil, "the allot binary is not built"),
        .enabled(if: TestData.tool("curl") != nil, "curl is not installed"))
    func servesUntilSIGTERMThenExitsCleanly() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("allot-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("serve.db").path
        let config = Self.root.appendingPathComponent("config/allot.json").path
        #expect(try Self.run(["--db", database, "--config", config, "init"]).status == 0)

        let server = Process()
        server.executableURL = Self.allot
        server.arguments = ["--db", database, "--config", config, "serve", "--port", "0"]
        let output = Pipe(), errors = Pipe()
        server.standardOutput = output
        server.standardError = errors
        try server.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(text.hasPrefix("listening on http://127.0.0.1:"))
        let url = String(text.dropFirst("listening on ".count))
        #expect(!url.hasSuffix(":0"))

        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: try #require(TestData.tool("curl")))
        curl.arguments = ["-sS", "--max-time", "5", "\(url)/healthz"]
        let body = Pipe()
        curl.standardOutput = body
        try curl.run()
        curl.waitUntilExit()
        #expect(String(decoding: body.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == #"{"status":"ok"}"#)

        kill(server.processIdentifier, SIGTERM)
        server.waitUntilExit()
        #expect(server.terminationStatus == 0)
        let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains(" GET /healthz 200 "))
        #expect(log.contains("stopped"))
    }

    @Test(.enabled(if: TestData.allotBinary != nil, "the allot binary is not built"))
    func badOptionsAreUsageOrStartErrors() throws {
        let config = Self.root.appendingPathComponent("config/allot.json").path
        let port = try Self.run(["--config", config, "serve", "--port", "70000"])
        #expect(port.status == 2 && port.errors.contains("--port"))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("allot-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("serve.db").path
        #expect(try Self.run(["--db", database, "--config", config, "init"]).status == 0)
        let host = try Self.run(["--db", database, "--config", config, "serve", "--host", "999.1.1.1", "--port", "0"])
        #expect(host.status == 1 && host.errors.contains("999.1.1.1"))
    }
}
