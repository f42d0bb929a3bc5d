import Foundation
import HTTPServer
import Synchronization
import Testing

@testable import Allot

/// The webhook channel against a real HTTP receiver on 127.0.0.1 that succeeds, fails, answers slowly and
/// dies mid-request: no message is lost, and none is accepted twice.
@Suite("Webhook delivery")
struct WebhookDeliveryTests {
    /// Backoff 10 s doubling to 15 s, 4 attempts, a 0.3 s read timeout (the slow receiver outlasts it).
    static func harness(
        _ receiver: WebhookReceiver, people: Int = 3, maxAttempts: Int = 4, readTimeout: Double = 0.3
    ) throws -> OutboxHarness {
        try OutboxHarness(people: people) { settings in
            settings.channel = .webhook
            settings.webhook = WebhookSettings(
                url: receiver.url, maxAttempts: maxAttempts, initialBackoffSeconds: 10, maxBackoffSeconds: 15,
                connectTimeoutSeconds: 1, readTimeoutSeconds: readTimeout)
        }
    }

    static func report(sent: Int = 0, retrying: Int = 0, failed: Int = 0, cancelled: Int = 0) -> OutboxDelivery.Report {
        var report = OutboxDelivery.Report()
        report.sent = sent
        report.retrying = retrying
        report.failed = failed
        report.cancelled = cancelled
        return report
    }

    @Test func aReceiverThatSucceedsGetsEachMessageOnceWithItsKeyInHeaderAndBody() throws {
        let receiver = try WebhookReceiver()
        defer { receiver.stop() }
        let harness = try Self.harness(receiver)
        let messages = try harness.outbox.enqueue((0..<3).map { harness.invitation($0) })
        // The phone is looked up at delivery: a change after enqueueing is used.
        _ = try harness.registry.update(pid: harness.pids[0], changes: PersonUpdate(phone: "13711112222"), actor: .cli)
        let delivery = try OutboxDelivery(outbox: harness.outbox)
        #expect(try delivery.deliverDue() == Self.report(sent: 3))
        let requests = receiver.requests
        #expect(requests.count == 3)
        for (request, message) in zip(requests, messages) {
            #expect(request.headerKey == message.key && request.bodyKey == message.key)
            #expect(request.messageID == message.id && request.text == message.text)
            #expect(request.path == "/sms/send")
        }
        #expect(requests.map(\.to) == ["13711112222", OutboxHarness.phone(1), OutboxHarness.phone(2)])
        for message in try harness.outbox.list() {
            #expect(message.state == .sent && message.channel == "webhook" && message.attempts == 1)
            #expect(message.sentAt == Timestamp.string(Fixtures.now) && message.nextAttemptAt == nil)
        }
        #expect(try delivery.deliverDue() == Self.report())
        #expect(receiver.requests.count == 3)
    }

    @Test func aFailingReceiverIsRetriedWithExponentialBackoffAndAcceptsOnce() throws {
        let receiver = try WebhookReceiver(script: [.fail(500, retryAfter: 12), .fail(503), .accept])
        defer { receiver.stop() }
        let harness = try Self.harness(receiver)
        let message = try harness.outbox.enqueue(harness.invitation(0))
        let delivery = try OutboxDelivery(outbox: harness.outbox)
        let start = Fixtures.now
        func at(_ seconds: Double) -> String { Timestamp.string(start.addingTimeInterval(seconds)) }

        #expect(try delivery.deliverDue() == Self.report(retrying: 1))
        var stored = try harness.outbox.message(id: message.id)
        // Backoff after the first failure is 10 s, but the gateway's Retry-After asked for 12.
        #expect(stored.state == .pending && stored.attempts == 1 && stored.nextAttemptAt == at(12))
        #expect(stored.lastError == "HTTP 500: gateway 5")
        #expect(try harness.outbox.counts().retrying == 1)
        // Not due yet: nothing is sent.
        #expect(try delivery.deliverDue() == Self.report())
        harness.clock.advance(11)
        #expect(try delivery.deliverDue() == Self.report())
        #expect(receiver.requests.count == 1)

        harness.clock.advance(1)
        #expect(try delivery.deliverDue() == Self.report(retrying: 1))
        stored = try harness.outbox.message(id: message.id)
        // Second failure: 10 s × 2 = 20 s, capped at 15 s.
        #expect(stored.attempts == 2 && stored.nextAttemptAt == at(27) && stored.lastError == "HTTP 503: gateway 5")

        harness.clock.advance(15)
        #expect(try delivery.deliverDue() == Self.report(sent: 1))
        stored = try harness.outbox.message(id: message.id)
        #expect(stored.state == .sent && stored.attempts == 3 && stored.lastError == nil)
        #expect(receiver.requests.map(\.headerKey) == Array(repeating: message.key, count: 3))
        #expect(receiver.accepted == [message.key: 1])
    }

    @Test func outOfAttemptsOrRefusedMessagesFailVisiblyAndRetryRequeuesThem() throws {
        let receiver = try WebhookReceiver(script: [.fail(400), .fail(502), .fail(502), .fail(502)])
        defer { receiver.stop() }
        let harness = try Self.harness(receiver, maxAttempts: 3)
        let refused = try harness.outbox.enqueue(harness.invitation(0))
        let flaky = try harness.outbox.enqueue(harness.invitation(1))
        let delivery = try OutboxDelivery(outbox: harness.outbox)
        #expect(try delivery.deliverDue() == Self.report(retrying: 1, failed: 1))
        let failed = try harness.outbox.message(id: refused.id)
        #expect(failed.state == .failed && failed.attempts == 1 && failed.lastError == "HTTP 400: gateway 4")
        harness.clock.advance(10)
        #expect(try delivery.deliverDue() == Self.report(retrying: 1))
        harness.clock.advance(15)
        #expect(try delivery.deliverDue() == Self.report(failed: 1))
        let exhausted = try harness.outbox.message(id: flaky.id)
        #expect(exhausted.state == .failed && exhausted.attempts == 3 && exhausted.nextAttemptAt == nil)
        #expect(exhausted.lastError == "HTTP 502: gateway 5")
        var counts = OutboxCounts()
        counts.failed = 2
        #expect(try harness.outbox.counts() == counts)
        #expect(try harness.outbox.list(state: .failed).map(\.id) == [flaky.id, refused.id])

        #expect(throws: MessageError.notFailed(id: flaky.id, state: "pending")) {
            _ = try harness.outbox.retry(id: flaky.id, actor: .cli)
            return try harness.outbox.retry(id: flaky.id, actor: .cli)
        }
        #expect(try harness.outbox.message(id: flaky.id).attempts == 0)
        #expect(try delivery.deliverDue() == Self.report(sent: 1))
        #expect(receiver.accepted == [flaky.key: 1])
        #expect(throws: MessageError.unknownMessage(id: 99)) { try harness.outbox.retry(id: 99, actor: .cli) }
    }

    @Test func aSlowReceiverTimesOutAndTheRetryWithTheSameKeyIsNotAcceptedTwice() throws {
        let receiver = try WebhookReceiver(script: [.slow(0.8)])
        defer { receiver.stop() }
        let harness = try Self.harness(receiver)
        let message = try harness.outbox.enqueue(harness.invitation(0))
        let delivery = try OutboxDelivery(outbox: harness.outbox)
        #expect(try delivery.deliverDue() == Self.report(retrying: 1))
        #expect(try harness.outbox.message(id: message.id).lastError == "no complete response before the read timeout")
        harness.clock.advance(10)
        #expect(try delivery.deliverDue() == Self.report(sent: 1))
        // The gateway got the message twice (it had accepted it while we timed out) and sent it once.
        #expect(receiver.requests.count == 2)
        #expect(receiver.requests.allSatisfy { $0.headerKey == message.key && $0.bodyKey == message.key })
        #expect(receiver.accepted == [message.key: 1])
    }

    @Test func aReceiverThatDiesMidRequestLosesNoMessageAndAcceptsNoneTwice() throws {
        let receiver = try WebhookReceiver(script: [
            .dieMidRequest, .dieAfterAccepting, .accept, .slow(0.6), .dieAfterAccepting, .fail(500),
            .dieMidRequest,
        ])
        defer { receiver.stop() }
        let harness = try Self.harness(receiver, people: 5, maxAttempts: 6)
        let messages = try harness.outbox.enqueue((0..<5).map { harness.invitation($0) })
        let delivery = try OutboxDelivery(outbox: harness.outbox)
        var rounds = 0
        while try harness.outbox.counts().pending > 0 && rounds < 10 {
            _ = try delivery.deliverDue()
            harness.clock.advance(15)
            rounds += 1
        }
        #expect(try harness.outbox.list().allSatisfy { $0.state == .sent })
        // From the receiver's side: exactly one accepted key per message, each the message's own key.
        let accepted = receiver.acceptedMessage
        #expect(accepted.count == messages.count)
        #expect(Dictionary(uniqueKeysWithValues: messages.map { ($0.key, $0.id) }) == accepted)
        #expect(receiver.accepted.values.allSatisfy { $0 == 1 })
        // Every failure was followed by a retry with the same key: more requests than messages.
        #expect(receiver.requests.count == messages.count + 6)
        #expect(receiver.requests.allSatisfy { request in messages.contains { $0.key == request.headerKey } })
    }

    @Test func twoDeliverersAtOnceSendEachMessageOnce() throws {
        let receiver = try WebhookReceiver()
        defer { receiver.stop() }
        let harness = try Self.harness(receiver, people: 8)
        _ = try harness.outbox.enqueue((0..<8).map { harness.invitation($0) })
        let first = try OutboxDelivery(outbox: harness.outbox)
        let second = try OutboxDelivery(outbox: harness.outbox)
        let reports = Mutex<[OutboxDelivery.Report]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if let report = try? (index == 0 ? first : second).deliverDue() { reports.withLock { $0.append(report) } }
        }
        #expect(reports.withLock { $0.map(\.sent).reduce(0, +) } == 8)
        #expect(receiver.requests.count == 8)
        #expect(Set(receiver.requests.compactMap(\.headerKey)).count == 8)
    }

    @Test func aWithdrawnRecipientsDueMessageIsCancelledAtDeliveryNotSent() throws {
        let receiver = try WebhookReceiver()
        defer { receiver.stop() }
        let harness = try Self.harness(receiver)
        let gone = try harness.outbox.enqueue(harness.invitation(0))
        let kept = try harness.outbox.enqueue(harness.invitation(1))
        // The contact row disappears behind the outbox's back (as after a withdrawal by another path).
        try harness.registry.database.write { connection in
            try connection.prepare(
                "DELETE FROM contact WHERE person_id = (SELECT id FROM person WHERE pid = ?)"
            ).run([.text(harness.pids[0])])
        }
        let delivery = try OutboxDelivery(outbox: harness.outbox)
        #expect(try delivery.deliverDue() == Self.report(sent: 1, cancelled: 1))
        #expect(receiver.requests.map(\.bodyKey) == [kept.key])
        let cancelled = try harness.outbox.message(id: gone.id)
        #expect(
            cancelled.state == .cancelled && cancelled.lastError == "recipient withdrawn" && cancelled.attempts == 0)
    }

    @Test func theWorkerWakesOnANewMessageAndStopsCleanly() throws {
        let receiver = try WebhookReceiver()
        defer { receiver.stop() }
        let harness = try Self.harness(receiver)
        let delivery = try OutboxDelivery(outbox: harness.outbox)
        delivery.start()
        delivery.start()  // a second start is a no-op
        // The worker has found nothing and sleeps for its 30 s poll; the enqueue must wake it.
        usleep(100_000)
        let message = try harness.outbox.enqueue(harness.invitation(0))
        let deadline = Date().addingTimeInterval(5)
        while receiver.accepted.isEmpty && Date() < deadline { usleep(10_000) }
        #expect(receiver.accepted == [message.key: 1])
        let stopping = ContinuousClock.now
        delivery.stop()
        #expect(ContinuousClock.now - stopping < .seconds(1))
        delivery.stop()  // idempotent
        // Once stopped, nothing more is delivered.
        _ = try harness.outbox.enqueue(harness.invitation(1))
        usleep(200_000)
        #expect(receiver.requests.count == 1)
        #expect(try harness.outbox.counts().pending == 1)
    }

    @Test func theWorkerSleepsUntilTheNextDueTimeWithinItsBounds() {
        let now = Fixtures.now
        #expect(OutboxDelivery.sleepSeconds(until: now.addingTimeInterval(7), now: now) == 7)
        #expect(OutboxDelivery.sleepSeconds(until: now.addingTimeInterval(-5), now: now) == 0.05)
        #expect(
            OutboxDelivery.sleepSeconds(until: now.addingTimeInterval(3600), now: now) == OutboxDelivery.pollSeconds)
    }

    @Test func backoffDoublesUpToItsCapAndRetryAfterIsReadAsSecondsOnly() {
        let policy = RetryPolicy(WebhookSettings(url: "http://gw/sms"))
        #expect((1...9).map { policy.delay(afterAttempt: $0) } == [30, 60, 120, 240, 480, 960, 1920, 3600, 3600])
        #expect(policy.delay(afterAttempt: 1000) == 3600)
        let now = Date(timeIntervalSince1970: 1_000.25)
        #expect(policy.nextAttempt(after: 1, at: now) == Date(timeIntervalSince1970: 1_031))  // rounded up
        #expect(policy.nextAttempt(after: 1, at: now, notBefore: 100) == Date(timeIntervalSince1970: 1_101))
        #expect(policy.nextAttempt(after: 1, at: now, notBefore: 1e9) == Date(timeIntervalSince1970: 4_601))
        func retryAfter(_ value: String) -> Double? {
            var headers = HTTPHeaders()
            headers.add("Retry-After", value)
            return WebhookChannel.retryAfterSeconds(HTTPClientResponse(status: 503, headers: headers, body: []))
        }
        #expect(retryAfter("12") == 12 && retryAfter(" 7 ") == 7)
        for ignored in ["1e308", "inf", "nan", "-5", "", "Wed, 21 Oct 2015 07:28:00 GMT", "99999999999999999999"] {
            #expect(retryAfter(ignored) == nil, "\(ignored)")
        }
    }

    @Test func theFileChannelHasNoDeliverer() throws {
        let harness = try OutboxHarness()
        #expect(throws: MessageError.notWebhookChannel) { try OutboxDelivery(outbox: harness.outbox) }
    }
}
