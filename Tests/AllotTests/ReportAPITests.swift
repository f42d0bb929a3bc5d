import Foundation
import HTTPServer
import Testing

@testable import Allot

/// The report routes over real HTTP on 127.0.0.1: who may read them, and that no answer in any
/// format carries a name, phone or e-mail.
@Suite("Report API")
struct ReportAPITests {
    final class Harness {
        let world: ReportWorld
        let api: AllotAPI
        let server: HTTPServer
        var tokens: [Role: String] = [:]
        let eventId: Int

        init() throws {
            world = try ReportWorld()
            let (event, panel, reserves) = try world.drawnEvent()
            try world.playOut(event: event.id, panel: panel, reserves: reserves)
            eventId = event.id
            let store = TokenStore(database: world.database)
            for role in [Role.admin, .organizer, .evaluator] {
                tokens[role] = try store.create(role: role, label: nil, actor: .cli)
            }
            tokens[.citizen] = world.citizenTokens.first
            api = AllotAPI(
                registry: world.registry, tokens: store, events: world.events, reports: world.reports(threshold: 5),
                rateLimitPerMinute: 0)
            var configuration = HTTPServerConfiguration()
            configuration.port = 0
            configuration.accessLogDescriptor = nil
            server = HTTPServer(configuration: configuration, router: api.router())
            try server.start()
        }

        deinit {
            server.shutdown()
            server.wait()
            api.stop()
        }

        func call(_ path: String, role: Role?) throws -> APIReply {
            try APIReply.fetch(port: server.port, method: "GET", path: path, token: role.flatMap { tokens[$0] })
        }
    }

    /// Every report URL: both routes, every format, both languages, every CSV table on its own.
    static func reportPaths(eventId: Int, eventTables: [String], summaryTables: [String]) -> [String] {
        var paths: [String] = []
        for base in ["/api/v1/events/\(eventId)/report", "/api/v1/reports/summary"] {
            paths.append(base)
            for format in ["json", "csv", "html"] {
                for language in ["zh", "en"] { paths.append("\(base)?format=\(format)&lang=\(language)") }
            }
        }
        paths += eventTables.map { "/api/v1/events/\(eventId)/report?format=csv&table=\($0)" }
        paths += summaryTables.map { "/api/v1/reports/summary?format=csv&table=\($0)&from=2026-01-01&to=2026-12-31" }
        return paths
    }

    @Test func evaluatorGetsEveryReportAndNoContactData() throws {
        let harness = try Harness()
        let world = harness.world
        let report = try world.reports(threshold: 5).event(harness.eventId)
        let summary = try world.reports(threshold: 5).summary()
        let paths = Self.reportPaths(
            eventId: harness.eventId, eventTables: report.tables.map(\.name), summaryTables: summary.tables.map(\.name))
        // Names, phones and e-mails of every volunteer, and the free text citizens wrote.
        let secrets =
            (0...ReportWorld.minor).flatMap { [ReportWorld.name($0), ReportWorld.phone($0), ReportWorld.email($0)] }
            + ["很好，谢谢", "增加公交班次", "已转交"]
        var scanned = 0
        for path in paths {
            let reply = try harness.call(path, role: .evaluator)
            #expect(reply.status == 200, "\(path): \(reply.status) \(reply.text.prefix(200))")
            #expect(!reply.body.isEmpty)
            for secret in secrets { #expect(!reply.text.contains(secret), "\(path) contains \(secret)") }
            scanned += 1
        }
        // 2 routes × (default + 3 formats × 2 languages) + 10 event tables + 6 summary tables.
        #expect(scanned == paths.count && paths.count == 30)
        // The fixture's contact strings do exist where they belong: the scan could find them.
        let person = try harness.world.registry.show(pid: world.pids[0], includeContact: true)
        #expect(person.contact?.name == ReportWorld.name(0))
    }

    @Test func reportRoutesAnswerByRoleAndFormat() throws {
        let harness = try Harness()
        let event = "/api/v1/events/\(harness.eventId)/report"
        for role in [Role.evaluator, .organizer, .admin] {
            #expect(try harness.call(event, role: role).status == 200, "\(role)")
            #expect(try harness.call("/api/v1/reports/summary", role: role).status == 200, "\(role)")
        }
        #expect(try harness.call(event, role: .citizen).status == 403)
        #expect(try harness.call("/api/v1/reports/summary", role: nil).status == 401)

        let html = try harness.call(event + "?format=html&lang=en", role: .evaluator)
        #expect(html.headers["content-type"] == "text/html; charset=utf-8")
        #expect(html.headers["content-security-policy"]?.contains("default-src 'none'") == true)
        #expect(html.text.hasPrefix("<!DOCTYPE html><html lang=\"en\">"))
        let csv = try harness.call(event + "?format=csv&table=stages", role: .evaluator)
        #expect(csv.headers["content-type"] == "text/csv; charset=utf-8" && csv.text.hasPrefix("stage,total\r\n"))
        let json = try harness.call(event, role: .evaluator)
        #expect((json.object?["event"] as? [String: Any])?["id"] as? Int == harness.eventId)

        let unknown = try harness.call("/api/v1/events/999/report", role: .evaluator)
        #expect(unknown.status == 404 && unknown.errorCode == "event_not_found")
        let badFormat = try harness.call(event + "?format=pdf", role: .evaluator)
        #expect(badFormat.status == 422 && badFormat.errorCode == "invalid_option")
        let badTable = try harness.call(event + "?format=csv&table=people", role: .evaluator)
        #expect(badTable.status == 422 && badTable.errorCode == "invalid_option")
        let badDate = try harness.call("/api/v1/reports/summary?from=yesterday", role: .evaluator)
        #expect(badDate.status == 422 && badDate.errorCode == "invalid_date")
    }
}
