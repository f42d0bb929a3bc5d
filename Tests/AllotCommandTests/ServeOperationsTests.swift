import Foundation
import Testing

/// `allot serve` operations options as a user runs them: `--host ::`, `--log-format json`,
/// `--metrics-token`, over real processes and sockets (curl).
@Suite("allot serve operations")
struct ServeOperationsTests {
    static let curl = "/usr/bin/curl"

    static func curlGet(_ url: String, headers: [String] = []) throws -> (status: String, body: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: curl)
        process.arguments =
            ["-sS", "--max-time", "5", "-o", "-", "-w", "\n%{http_code}"] + headers.flatMap { ["-H", $0] } + [url]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return (String(lines.last ?? ""), lines.dropLast().joined(separator: "\n"))
    }

    @Test(
        .enabled(if: FileManager.default.isExecutableFile(atPath: ServeCommandTests.allot.path), "allot is not built"),
        .enabled(if: FileManager.default.isExecutableFile(atPath: curl), "curl is missing"))
    func dualStackJSONLogAndMetricsToken() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "allot-serve-ops-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("serve.db").path
        let config = ServeCommandTests.root.appendingPathComponent("config/allot.json").path
        #expect(try ServeCommandTests.run(["--db", database, "--config", config, "init"]).status == 0)
        let bogus = try ServeCommandTests.run(["--db", database, "--config", config, "serve", "--log-format", "xml"])
        #expect(bogus.status == 2 && bogus.errors.contains("log format"))

        let server = Process()
        server.executableURL = ServeCommandTests.allot
        server.arguments = [
            "--db", database, "--config", config, "serve", "--host", "::", "--port", "0", "--log-format", "json",
            "--metrics-token", "scrape-me",
        ]
        let output = Pipe()
        let errors = Pipe()
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
        #expect(text.hasPrefix("listening on http://[::]:"))
        let port = text.split(separator: ":").last.map(String.init) ?? "0"

        let v4 = try Self.curlGet("http://127.0.0.1:\(port)/healthz")
        #expect(v4.status == "200" && v4.body == #"{"status":"ok"}"#)
        let v6 = try Self.curlGet("http://[::1]:\(port)/healthz")
        // No IPv6 loopback on this machine is no failure of ours: curl then reports 000.
        #expect(v6.status == "200" || v6.status == "000")
        let metrics = try Self.curlGet("http://127.0.0.1:\(port)/metrics", headers: ["Authorization: Bearer scrape-me"])
        #expect(metrics.status == "200")
        #expect(metrics.body.contains(#"http_requests_total{method="GET",route="/healthz",status="200"}"#))
        #expect(try Self.curlGet("http://127.0.0.1:\(port)/metrics").status == "401")

        kill(server.processIdentifier, SIGTERM)
        server.waitUntilExit()
        #expect(server.terminationStatus == 0)
        let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let entries = log.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let health = entries.filter { $0["path"] as? String == "/healthz" }
        #expect(health.count == (v6.status == "200" ? 2 : 1))
        #expect(
            health.contains { $0["client"] as? String == "127.0.0.1" && ($0["requestId"] as? String)?.isEmpty == false }
        )
        if v6.status == "200" { #expect(health.contains { $0["client"] as? String == "::1" }) }
    }
}
