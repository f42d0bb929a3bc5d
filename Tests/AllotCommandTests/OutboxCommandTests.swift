import Allot
import Foundation
import HTTPServer
import Synchronization
import Testing

@testable import AllotCommand

/// `allot outbox export|list|deliver|retry` in-process, against a temp database, the shipped
/// configuration and (for the webhook) our own HTTP server as the gateway.
@Suite struct OutboxCommandTests {
    let directory: URL
    let environment: [String: String]
    let configPath: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("allot-outbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var root = URL(fileURLWithPath: #filePath)
        while !FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) {
            root.deleteLastPathComponent()
        }
        configPath = root.appendingPathComponent("config/allot.json").path
        environment = ["ALLOT_DB": directory.appendingPathComponent("allot.db").path, "ALLOT_CONFIG": configPath]
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func run(_ arguments: [String]) -> (code: Int32, output: String, errors: String) {
        let captured = Captured()
        let runner = CommandRunner(
            parser: ArgumentParser(commands: CommandList.all, groupAbstracts: CommandList.groups))
        let code = runner.run(arguments, environment: environment, output: captured.out, diagnostics: captured.err)
        return (code, captured.lines.joined(), captured.errors.joined())
    }

    /// Enrolls a person through the CLI and queues an invitation for them through the outbox API.
    func enrollAndInvite(phone: String, config: AllotConfig) throws -> OutboxMessage {
        let enrolled = run([
            "person", "enroll", "--name", "王", "--phone", phone, "--birth-year", "1960", "--attributes",
            "gender=male,occupation=retired,income=q2,district=pudong,education=tertiary", "--consent", "--json",
        ])
        let pid = try #require(
            (try JSONSerialization.jsonObject(with: Data(enrolled.output.utf8)) as? [String: String])?["pid"])
        let outbox = Outbox(database: try Database.open(path: environment["ALLOT_DB"] ?? ""), config: config)
        return try outbox.enqueue(
            MessageDraft(
                kind: .invitation, pid: pid, parameters: ["title": "听证会", "date": "12月5日", "place": "市民中心"],
                linkPath: "/i/\(phone)"))
    }

    @Test func exportListAndDeliverFromTheCommandLine() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(run(["init"]).code == 0)
        let config = try AllotConfig.load(path: configPath)
        let first = try enrollAndInvite(phone: "13800000001", config: config)
        _ = try enrollAndInvite(phone: "13800000002", config: config)

        let listed = run(["outbox", "list"])
        #expect(listed.code == 0)
        let lines = listed.output.split(separator: "\n")
        #expect(lines.count == 3 && lines[1].hasPrefix("\(first.id)\tpending\tinvitation\t\(first.pid)\tattempts 0"))
        #expect(lines.last == "pending 2 (retrying 0)  sent 0  failed 0  cancelled 0")
        #expect(run(["outbox", "list", "--with-text", "--limit", "1"]).output.contains("\t【市民议事】"))
        let badState = run(["outbox", "list", "--state", "lost"])
        #expect(badState.code == 2 && badState.errors.contains("unknown state 'lost'"))

        let notWebhook = run(["outbox", "deliver"])
        #expect(notWebhook.code == 1 && notWebhook.errors.contains("messages.channel is 'file'"))

        let exported = run(["outbox", "export", path("sms.csv")])
        #expect(exported.code == 0 && exported.errors.contains("exported 2 messages"))
        let csv = try String(contentsOfFile: path("sms.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("phone,text,key,kind,pid,language,created_at\r\n13800000001,【市民议事】"))
        #expect(csv.split(separator: "\r\n").count == 3)
        let again = run(["outbox", "export", path("sms.csv")])
        #expect(again.code == 1 && again.errors.contains("exists"))
        let sent = run(["outbox", "list", "--state", "sent", "--json"])
        let document = try JSONSerialization.jsonObject(with: Data(sent.output.utf8)) as? [String: Any]
        #expect((document?["counts"] as? [String: Int])?["sent"] == 2)
        #expect((document?["messages"] as? [[String: Any]])?.count == 2)
        let notFailed = run(["outbox", "retry", String(first.id)])
        #expect(notFailed.code == 1 && notFailed.errors.contains("only a failed message can be retried"))
        #expect(run(["outbox", "retry", "x"]).code == 2)
    }

    /// Our own HTTP server as the gateway, recording the idempotency keys it is sent.
    static func gateway(_ keys: KeyLog) throws -> HTTPServer {
        var router = HTTPRouter()
        router.add(
            "POST", "/sms",
            .blocking { request in
                keys.keys.withLock { $0.append(request.headers["Idempotency-Key"] ?? "") }
                return HTTPResponse(status: 202)
            })
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        configuration.accessLogDescriptor = nil
        let gateway = HTTPServer(configuration: configuration, router: router)
        try gateway.start()
        return gateway
    }

    /// The shipped configuration with the webhook channel pointed at `port`, written to a temp file.
    func webhookConfig(port: Int) throws -> String {
        var document = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: configPath))) as? [String: Any]
        )
        var messages = try #require(document["messages"] as? [String: Any])
        messages["channel"] = "webhook"
        messages["webhook"] = ["url": "http://127.0.0.1:\(port)/sms"]
        document["messages"] = messages
        let path = path("webhook.json")
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func serveDeliversTheOutboxInTheBackgroundAndStopsOnSIGTERM() throws {
        let allot = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("allot")
        guard FileManager.default.isExecutableFile(atPath: allot.path) else { return }
        defer { try? FileManager.default.removeItem(at: directory) }
        let keys = KeyLog()
        let gateway = try Self.gateway(keys)
        defer {
            gateway.shutdown()
            gateway.wait()
        }
        let config = try webhookConfig(port: gateway.port)
        #expect(run(["init"]).code == 0)
        let message = try enrollAndInvite(phone: "13800000007", config: try AllotConfig.load(path: config))
        let server = Process()
        server.executableURL = allot
        server.arguments = ["--db", environment["ALLOT_DB"] ?? "", "--config", config, "serve", "--port", "0"]
        server.standardOutput = Pipe()
        server.standardError = Pipe()
        try server.run()
        let deadline = Date().addingTimeInterval(10)
        while keys.keys.withLock({ $0.isEmpty }) && Date() < deadline { usleep(20_000) }
        kill(server.processIdentifier, SIGTERM)
        server.waitUntilExit()
        #expect(server.terminationStatus == 0)
        #expect(keys.keys.withLock { $0 } == [message.key])
        let listed = run(["outbox", "list", "--state", "sent", "--json"])
        #expect(listed.output.contains(#""channel":"webhook""#))
    }

    @Test func deliverPostsDueMessagesToTheConfiguredWebhook() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let keys = KeyLog()
        let gateway = try Self.gateway(keys)
        defer {
            gateway.shutdown()
            gateway.wait()
        }
        let webhookConfig = try webhookConfig(port: gateway.port)

        #expect(run(["init"]).code == 0)
        let message = try enrollAndInvite(phone: "13800000009", config: try AllotConfig.load(path: webhookConfig))
        let delivered = run(["outbox", "deliver", "--config", webhookConfig])
        #expect(delivered.code == 0 && delivered.output == "sent 1  retrying 0  failed 0  cancelled 0\n")
        #expect(keys.keys.withLock { $0 } == [message.key])
        #expect(run(["outbox", "deliver", "--config", webhookConfig, "--json"]).output.contains(#""sent":0"#))
    }
}

/// The idempotency keys a test gateway was sent, in order.
final class KeyLog: Sendable {
    let keys = Mutex<[String]>([])
}
