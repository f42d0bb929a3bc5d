import Foundation
import Testing

@testable import Allot

/// Templates, the SMS length bound, enqueueing, withdrawal and the file channel.
@Suite("Outbox")
struct OutboxTests {
    @Test func smsLengthFollowsTheGSMAndUCS2SegmentRules() {
        // Published limits: 160 GSM septets or 70 UCS-2 units in one SMS; 153 / 67 per part when split.
        let cases: [(String, Bool, Int, Int)] = [
            (String(repeating: "a", count: 160), true, 160, 1),
            (String(repeating: "a", count: 161), true, 161, 2),
            (String(repeating: "a", count: 306), true, 306, 2),
            (String(repeating: "a", count: 307), true, 307, 3),
            (String(repeating: "{", count: 80), true, 160, 1),  // extension characters count twice
            (String(repeating: "€", count: 81), true, 162, 2),
            (String(repeating: "中", count: 70), false, 70, 1),
            (String(repeating: "中", count: 71), false, 71, 2),
            (String(repeating: "中", count: 134), false, 134, 2),
            (String(repeating: "中", count: 135), false, 135, 3),
            (String(repeating: "a", count: 69) + "中", false, 70, 1),  // one Chinese character makes it UCS-2
            (String(repeating: "😀", count: 35), false, 70, 1),  // outside the BMP: two UTF-16 units each
            ("", true, 0, 1),
        ]
        for (text, gsm, units, segments) in cases {
            let length = SMSLength(text)
            #expect(
                length == SMSLength(text) && length.isGSM == gsm && length.units == units
                    && length.segments == segments, "\(text.prefix(3))… ×\(text.count): \(length)")
        }
    }

    @Test func rendersTheConfiguredTemplatesInChineseAndEnglishWithThePersonalLink() throws {
        let harness = try OutboxHarness()
        let zh = try harness.outbox.render(harness.invitation(0))
        #expect(zh.text == "【市民议事】您被随机抽中参加“老旧小区加装电梯听证会”，12月5日 14:00，浦东新区市民中心。请确认是否参加：https://allot.example.cn/i/TOKEN0")
        #expect(zh.language == .zh && !zh.length.isGSM && zh.length.segments == 2)
        var english = harness.invitation(1, title: "Lift hearing", language: .en)
        english.parameters["date"] = "5 Dec 14:00"
        english.parameters["place"] = "Pudong Civic Centre"
        english.linkPath = "i/TOKEN1"  // a missing leading slash is added
        let en = try harness.outbox.render(english)
        #expect(
            en.text
                == "[Allot] You were drawn by lot for \"Lift hearing\" on 5 Dec 14:00 at Pudong Civic Centre. Please reply: https://allot.example.cn/i/TOKEN1"
        )
        #expect(en.language == .en && en.length.isGSM && en.length.segments == 1)
        // Line breaks in a value do not reach the SMS.
        let broken = try harness.outbox.render(harness.invitation(2, title: "听证\n会"))
        #expect(broken.text.contains("“听证 会”"))
    }

    @Test func aMissingParameterOrTemplateIsAClearError() throws {
        let harness = try OutboxHarness()
        var draft = harness.invitation(0)
        draft.parameters["place"] = nil
        #expect(throws: MessageError.missingParameter(kind: "invitation", language: "zh", name: "place")) {
            try harness.outbox.render(draft)
        }
        draft = harness.invitation(0)
        draft.linkPath = nil
        #expect(throws: MessageError.missingParameter(kind: "invitation", language: "zh", name: "link")) {
            try harness.outbox.enqueue(draft)
        }
        #expect(throws: MessageError.noTemplate(kind: "party")) {
            try harness.outbox.enqueue(MessageDraft(kind: MessageKind("party"), pid: harness.pids[0]))
        }
        #expect(throws: MessageError.unknownRecipient(pid: "ZZZZZZZZ")) {
            var unknown = harness.invitation(0)
            unknown.pid = "ZZZZZZZZ"
            return try harness.outbox.enqueue(unknown)
        }
        #expect(try harness.outbox.counts() == OutboxCounts())
        let error = MessageError.missingParameter(kind: "invitation", language: "zh", name: "place")
        #expect(error.message.contains("{place}") && error.category == .invalidInput)
    }

    @Test func aMessageOverTheSegmentBoundIsRefused() throws {
        let harness = try OutboxHarness()
        // The fixed text (27) + date (11) + place (8) + link (33) is 79 units; a 55-character title
        // makes 134 = 2 full UCS-2 segments, one more character makes 3.
        let fits = try harness.outbox.render(harness.invitation(0, title: String(repeating: "题", count: 55)))
        #expect(fits.length.units == 134 && fits.length.segments == 2)
        #expect(
            throws: MessageError.tooLong(kind: "invitation", language: "zh", units: 135, segments: 3, maxSegments: 2)
        ) {
            try harness.outbox.enqueue(harness.invitation(0, title: String(repeating: "题", count: 56)))
        }
        let strict = try OutboxHarness { $0.maxSegments = 1 }
        #expect(throws: MessageError.self) { try strict.outbox.enqueue(strict.invitation(0, title: "会")) }
    }

    @Test func configurationChecksTemplatesAndTheChannel() throws {
        let url = Fixtures.packageRoot.appendingPathComponent("config/allot.json")
        let shipped = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        func load(_ change: (inout [String: Any]) -> Void) -> ConfigError? {
            var messages = shipped["messages"] as? [String: Any] ?? [:]
            change(&messages)
            var document = shipped
            document["messages"] = messages
            guard let data = try? JSONSerialization.data(withJSONObject: document) else { return nil }
            do {
                _ = try AllotConfig.decode(data)
                return nil
            } catch {
                return error
            }
        }
        func template(_ zh: String) -> (inout [String: Any]) -> Void {
            { $0["templates"] = ["invitation": ["zh": zh, "en": "x"]] }
        }
        #expect(load { _ in } == nil)
        let shippedMessages = try #require(try Fixtures.config().messages)
        #expect(shippedMessages.channel == .file && shippedMessages.maxSegments == 2)
        #expect(shippedMessages.webhook?.maxAttempts == 10)
        let problems: [(String, ConfigError?)] = [
            ("'messages.templates.invitation.zh': a '{' is never closed", load(template("{title"))),
            ("'messages.templates.invitation.zh': a '}' closes no placeholder", load(template("a}b"))),
            (
                "'messages.templates.invitation.zh': '{Title}' is not a placeholder (use {snake_case})",
                load(template("{Title}"))
            ),
            (
                "'messages.templates.invitation.zh' takes more than 2 SMS segment(s) before any parameter",
                load(template(String(repeating: "长", count: 135)))
            ),
            ("missing 'messages.templates.invitation.en'", load { $0["templates"] = ["invitation": ["zh": "x"]] }),
            (
                "'messages.webhook' is required when 'messages.channel' is 'webhook'",
                load {
                    $0["channel"] = "webhook"
                    $0["webhook"] = nil
                }
            ),
            (
                "'messages.webhook.url' must be http://host[:port]/path (no https: use a local TLS proxy)",
                load { $0["webhook"] = ["url": "https://gateway/sms"] }
            ),
            ("'messages.baseURL' must be an http:// or https:// address", load { $0["baseURL"] = "allot.cn" }),
            ("'messages.maxSegments' must be from 1 to 10", load { $0["maxSegments"] = 0 }),
            (
                "'messages.webhook.maxAttempts' must be from 1 to 100",
                load { $0["webhook"] = ["url": "http://gw/sms", "maxAttempts": 0] }
            ),
            (
                "'messages.webhook' timeouts must be positive and at most 300 s",
                load { $0["webhook"] = ["url": "http://gw/sms", "readTimeoutSeconds": 1e300] }
            ),
            (
                "'messages.webhook' backoff must be at least 1 s, the maximum at least the initial and at most a week",
                load { $0["webhook"] = ["url": "http://gw/sms", "initialBackoffSeconds": 60, "maxBackoffSeconds": 30] }
            ),
        ]
        for (reason, error) in problems {
            #expect(error == .invalid(path: "config", reason: reason))
        }
    }

    @Test func enqueueStoresPendingMessagesWithStableUniqueKeysInsideTheCallersTransaction() throws {
        let harness = try OutboxHarness()
        let messages = try harness.outbox.enqueue([harness.invitation(0), harness.invitation(1)])
        #expect(messages.map(\.state) == [.pending, .pending])
        #expect(messages.map(\.pid) == Array(harness.pids[0...1]))
        #expect(messages[0].nextAttemptAt == Timestamp.string(Fixtures.now) && messages[0].attempts == 0)
        #expect(messages[0].subject == "invitation:0" && messages[0].kind == "invitation")
        #expect(Set(messages.map(\.key)).count == 2 && messages.allSatisfy { $0.key.count == 32 })
        #expect(try harness.outbox.message(id: messages[0].id) == messages[0])
        // A use case that fails after enqueueing leaves no message behind.
        struct Abort: Error {}
        #expect(throws: Abort.self) {
            try harness.registry.database.write { connection in
                _ = try harness.outbox.enqueue(harness.invitation(2), in: connection)
                throw Abort()
            }
        }
        // All or none for a batch, too.
        var bad = harness.invitation(2)
        bad.parameters = [:]
        #expect(throws: MessageError.self) { try harness.outbox.enqueue([harness.invitation(2), bad]) }
        #expect(try harness.outbox.counts().pending == 2)
        #expect(try harness.outbox.list().map(\.id) == messages.map(\.id).reversed())
        #expect(try harness.outbox.list(state: .sent).isEmpty)
    }

    @Test func withdrawalCancelsPendingMessagesAndLaterOnesAreStoredCancelled() throws {
        let harness = try OutboxHarness()
        let first = try harness.outbox.enqueue(harness.invitation(0))
        let other = try harness.outbox.enqueue(harness.invitation(1))
        try harness.registry.withdraw(pid: harness.pids[0], actor: .cli)
        let cancelled = try harness.outbox.message(id: first.id)
        #expect(cancelled.state == .cancelled && cancelled.lastError == "recipient withdrawn")
        #expect(cancelled.nextAttemptAt == nil)
        #expect(try harness.outbox.message(id: other.id).state == .pending)
        let late = try harness.outbox.enqueue(harness.invitation(0))
        #expect(late.state == .cancelled)
        var counts = OutboxCounts()
        counts.pending = 1
        counts.cancelled = 2
        #expect(try harness.outbox.counts() == counts)
    }

    @Test func exportWritesPendingMessagesMarksThemSentAndASecondExportWritesNothing() throws {
        let harness = try OutboxHarness()
        let queued = try harness.outbox.enqueue([harness.invitation(0), harness.invitation(1), harness.invitation(2)])
        // Person 2 loses their contact row behind the outbox's back: cancelled at export, not exported.
        try harness.registry.database.write { connection in
            try connection.prepare(
                "DELETE FROM contact WHERE person_id = (SELECT id FROM person WHERE pid = ?)"
            ).run([.text(harness.pids[2])])
        }
        harness.clock.advance(60)
        let path = harness.directory.path("sms.csv")
        let report = try harness.outbox.exportCSV(path: path, actor: .cli)
        #expect(report == Outbox.ExportReport(file: path, exported: 2, cancelled: 1))
        let rows = try Self.readCSV(path)
        #expect(rows.first == ["phone", "text", "key", "kind", "pid", "language", "created_at"])
        #expect(rows.count == 3)
        for (index, message) in queued.prefix(2).enumerated() {
            #expect(
                rows[index + 1] == [
                    OutboxHarness.phone(index), message.text, message.key, "invitation", message.pid, "zh",
                    message.createdAt,
                ])
        }
        for message in try harness.outbox.list() {
            if message.pid == harness.pids[2] {
                #expect(message.state == .cancelled)
            } else {
                #expect(message.state == .sent && message.channel == "file" && message.attempts == 1)
                #expect(message.sentAt == Timestamp.string(Fixtures.now.addingTimeInterval(60)))
            }
        }
        let audit = try AuditLog(database: harness.registry.database).entries().last
        #expect(audit?.action == "outbox.export" && audit?.details.contains(#""messages":"2""#) == true)

        let again = try harness.outbox.exportCSV(path: harness.directory.path("again.csv"), actor: .cli)
        #expect(again.exported == 0 && again.cancelled == 0)
        #expect(try Self.readCSV(harness.directory.path("again.csv")).count == 1)  // the header only
        // An existing file is never replaced: it may be an export not yet uploaded.
        _ = try harness.outbox.enqueue(harness.invitation(0))
        #expect(throws: MessageError.exportFileExists(path: path)) {
            try harness.outbox.exportCSV(path: path, actor: .cli)
        }
        #expect(try Self.readCSV(path).count == 3)
    }

    @Test func aFailedExportWriteMarksNothing() throws {
        let harness = try OutboxHarness()
        _ = try harness.outbox.enqueue([harness.invitation(0), harness.invitation(1)])
        // /dev/full accepts the open and fails the write (ENOSPC): the failure comes after rows were read.
        #expect(throws: MessageError.exportFailed(path: "/dev/full")) {
            try harness.outbox.exportCSV(path: "/dev/full", actor: .cli)
        }
        let missingDirectory = harness.directory.path("no/such/dir/sms.csv")
        #expect(throws: MessageError.exportFailed(path: missingDirectory)) {
            try harness.outbox.exportCSV(path: missingDirectory, actor: .cli)
        }
        #expect(try harness.outbox.counts().pending == 2 && harness.outbox.counts().sent == 0)
        #expect(try harness.outbox.list().allSatisfy { $0.attempts == 0 })
        #expect(try AuditLog(database: harness.registry.database).entries().allSatisfy { $0.action != "outbox.export" })
        // Once the problem is fixed, the same messages go out.
        #expect(try harness.outbox.exportCSV(path: harness.directory.path("ok.csv"), actor: .cli).exported == 2)
    }

    static func readCSV(_ path: String) throws -> [[String]] {
        let reader = try CSVReader(path: path)
        var rows: [[String]] = []
        while let record = try reader.next() { rows.append(record.fields) }
        return rows
    }
}
