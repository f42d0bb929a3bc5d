import Foundation
import HTTPServer

/// Posts one message as JSON to the city's gateway and says what became of it.
///
/// The body is `{"idempotencyKey","messageId","kind","language","pid","to","text","createdAt"}` (sorted
/// keys), identical on every attempt; the key is also sent as the `Idempotency-Key` header. A gateway
/// that keeps the keys it has accepted therefore sends each message once even when an answer was lost
/// and Allot tried again.
struct WebhookChannel: Sendable {
    /// Characters of a refusing gateway's answer kept in `last_error`.
    static let errorBodyLimit = 200

    /// What one attempt came to.
    enum Outcome: Sendable, Equatable {
        /// A 2xx answer: the gateway has the message.
        case accepted
        /// Worth trying again later (network failure, timeout, 408/409/425/429, 5xx);
        /// `retryAfter` is the gateway's `Retry-After` in seconds, if it gave one.
        case transient(String, retryAfter: Double?)
        /// The gateway refused the message for good (other 3xx/4xx answers); retrying cannot help.
        case permanent(String)
    }

    let url: HTTPURL
    let client: HTTPClient

    init?(_ settings: WebhookSettings) {
        guard let url = HTTPURL(settings.url) else { return nil }
        self.url = url
        client = HTTPClient(
            connectTimeout: .milliseconds(Int(settings.connectTimeoutSeconds * 1000)),
            readTimeout: .milliseconds(Int(settings.readTimeoutSeconds * 1000)))
    }

    struct Body: Encodable {
        let idempotencyKey: String
        let messageId: Int64
        let kind: String
        let language: String
        let pid: String
        let to: String
        let text: String
        let createdAt: String
    }

    static func body(_ message: OutboxMessage, phone: String) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(
            try encoder.encode(
                Body(
                    idempotencyKey: message.key, messageId: message.id, kind: message.kind,
                    language: message.language, pid: message.pid, to: phone, text: message.text,
                    createdAt: message.createdAt)))
    }

    func send(_ message: OutboxMessage, phone: String) -> Outcome {
        let body: [UInt8]
        do {
            body = try Self.body(message, phone: phone)
        } catch {
            return .permanent("cannot encode the message: \(error)")
        }
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/json; charset=utf-8")
        headers.add("Idempotency-Key", message.key)
        headers.add("User-Agent", "allot")
        headers.add("X-Allot-Attempt", String(message.attempts))
        let response: HTTPClientResponse
        do throws(HTTPClientError) {
            response = try client.send("POST", to: url, headers: headers, body: body)
        } catch {
            return .transient(error.description, retryAfter: nil)
        }
        switch response.status {
        case 200..<300:
            return .accepted
        case 408, 409, 425, 429, 500..<600:
            return .transient(Self.describe(response), retryAfter: Self.retryAfterSeconds(response))
        default:
            return .permanent(Self.describe(response))
        }
    }

    /// A `Retry-After` given in seconds (digits only, as RFC 9110 writes it); an HTTP date is ignored and
    /// the usual backoff applies.
    static func retryAfterSeconds(_ response: HTTPClientResponse) -> Double? {
        guard let text = response.headers["Retry-After"]?.trimmingCharacters(in: .whitespaces), !text.isEmpty,
            text.count <= 9, text.allSatisfy({ $0.isASCII && $0.isNumber }), let seconds = Int(text)
        else { return nil }
        return Double(seconds)
    }

    /// `HTTP 503: <start of the body>`, for `last_error`.
    static func describe(_ response: HTTPClientResponse) -> String {
        let text = response.text.trimmingCharacters(in: .whitespacesAndNewlines)
        let head = String(text.prefix(errorBodyLimit)).map { $0.isNewline ? " " : $0 }
        return head.isEmpty ? "HTTP \(response.status)" : "HTTP \(response.status): \(String(head))"
    }
}
