import Synchronization

/// Request ids for logs and the `X-Request-Id` reply header: a random per-process prefix and a
/// counter, so ids are unique across restarts without a random draw per request.
final class RequestIDs: Sendable {
    private let prefix: String
    private let counter = Atomic<UInt64>(0)

    /// Longest id accepted from a trusted proxy (nginx's `$request_id` is 32 hex digits).
    static let maxIncomingLength = 64

    init() {
        let random = UInt32.random(in: 0...UInt32.max)
        let hex = String(random, radix: 16)
        prefix = String(repeating: "0", count: 8 - hex.count) + hex + "-"
    }

    func next() -> String {
        prefix + String(counter.wrappingAdd(1, ordering: .relaxed).newValue, radix: 16)
    }

    /// An id a trusted proxy sent, if it is short and plain (letters, digits, `-`, `_`, `.`).
    static func acceptable(_ text: String?) -> String? {
        guard let text, !text.isEmpty, text.utf8.count <= maxIncomingLength else { return nil }
        let plain = text.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x5F || byte == 0x2E
        }
        return plain ? text : nil
    }
}
