import Glibc

/// How access log lines look.
public enum AccessLogFormat: String, Sendable, CaseIterable {
    /// `2026-11-23T14:31:41Z 127.0.0.1 GET /api/v1/people 200 512 0.8ms 3fa9c2d1-1a`
    case line
    /// One JSON object per line: `{"time":…,"client":…,"method":…,"path":…,"status":…,"bytes":…,"ms":…,"requestId":…}`
    case json
}

/// One request as the access log records it.
struct AccessLogEntry {
    var client: String
    var method: String
    var path: String
    var status: Int
    var bytes: Int
    var nanoseconds: UInt64
    var requestID: String
}

/// One event loop's access log: lines are buffered and written with one `write` per loop turn,
/// so logging costs no system call per request.
struct AccessLog {
    let descriptor: Int32?
    let format: AccessLogFormat
    private var buffer: [UInt8] = []
    private var cachedSecond = -1
    private var cachedTime: [UInt8] = []

    /// Longest path written; longer ones are cut (they are only there to read).
    static let maxPathLength = 200

    init(descriptor: Int32?, format: AccessLogFormat = .line) {
        self.descriptor = descriptor
        self.format = format
        buffer.reserveCapacity(1 << 16)
    }

    mutating func record(_ entry: AccessLogEntry) {
        guard descriptor != nil else { return }
        var path: [UInt8] = []
        for byte in entry.path.utf8.prefix(Self.maxPathLength) {
            path.append(byte < 0x21 || byte == 0x7F ? UInt8(ascii: "?") : byte)
        }
        let tenthsOfMillisecond = Int(entry.nanoseconds / 100_000)
        switch format {
        case .line:
            appendTime()
            buffer.append(ASCII.space)
            buffer.append(contentsOf: entry.client.utf8)
            buffer.append(ASCII.space)
            buffer.append(contentsOf: entry.method.utf8)
            buffer.append(ASCII.space)
            buffer.append(contentsOf: path)
            buffer.append(ASCII.space)
            appendNumber(entry.status)
            buffer.append(ASCII.space)
            appendNumber(entry.bytes)
            buffer.append(ASCII.space)
            appendMilliseconds(tenthsOfMillisecond)
            buffer.append(contentsOf: "ms ".utf8)
            buffer.append(contentsOf: entry.requestID.utf8)
            buffer.append(UInt8(ascii: "\n"))
        case .json:
            buffer.append(contentsOf: #"{"time":""#.utf8)
            appendTime()
            buffer.append(contentsOf: #"","client":"#.utf8)
            HTTPResponse.appendJSONString(entry.client, to: &buffer)
            buffer.append(contentsOf: #","method":"#.utf8)
            HTTPResponse.appendJSONString(entry.method, to: &buffer)
            buffer.append(contentsOf: #","path":"#.utf8)
            // Bytes that are not UTF-8 become U+FFFD so the line stays valid JSON.
            HTTPResponse.appendJSONString(String(decoding: path, as: UTF8.self), to: &buffer)
            buffer.append(contentsOf: #","status":"#.utf8)
            appendNumber(entry.status)
            buffer.append(contentsOf: #","bytes":"#.utf8)
            appendNumber(entry.bytes)
            buffer.append(contentsOf: #","ms":"#.utf8)
            appendMilliseconds(tenthsOfMillisecond)
            buffer.append(contentsOf: #","requestId":"#.utf8)
            HTTPResponse.appendJSONString(entry.requestID, to: &buffer)
            buffer.append(contentsOf: "}\n".utf8)
        }
    }

    private mutating func appendMilliseconds(_ tenths: Int) {
        appendNumber(tenths / 10)
        buffer.append(UInt8(ascii: "."))
        appendNumber(tenths % 10)
    }

    mutating func flush() {
        guard let descriptor, !buffer.isEmpty else { return }
        var offset = 0
        buffer.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            while offset < bytes.count {
                let written = write(descriptor, base + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { break }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func appendNumber(_ value: Int) {
        appendDecimal(value, to: &buffer)
    }

    private mutating func appendTime() {
        let now = time(nil)
        if Int(now) != cachedSecond {
            cachedSecond = Int(now)
            cachedTime = Array(HTTPDate.iso8601(now).utf8)
        }
        buffer.append(contentsOf: cachedTime)
    }
}

/// Appends the decimal digits of a non-negative integer.
func appendDecimal(_ value: Int, to out: inout [UInt8]) {
    if value < 10 {
        out.append(UInt8(48 + max(0, value)))
        return
    }
    var digits: [UInt8] = []
    var rest = value
    while rest > 0 {
        digits.append(UInt8(48 + rest % 10))
        rest /= 10
    }
    out.append(contentsOf: digits.reversed())
}

/// Formats times for the `Date` header and the access log.
enum HTTPDate {
    static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func parts(_ seconds: time_t) -> tm {
        var t = seconds
        var parts = tm()
        gmtime_r(&t, &parts)
        return parts
    }

    /// `2026-11-23T14:31:41Z`
    static func iso8601(_ seconds: time_t) -> String {
        let p = parts(seconds)
        return
            "\(p.tm_year + 1900)-\(two(p.tm_mon + 1))-\(two(p.tm_mday))T\(two(p.tm_hour)):\(two(p.tm_min)):\(two(p.tm_sec))Z"
    }

    /// `Mon, 23 Nov 2026 14:31:41 GMT` (RFC 9110 IMF-fixdate).
    static func imf(_ seconds: time_t) -> String {
        let p = parts(seconds)
        let day = days[Int(p.tm_wday) % 7]
        let month = months[Int(p.tm_mon) % 12]
        return
            "\(day), \(two(p.tm_mday)) \(month) \(p.tm_year + 1900) \(two(p.tm_hour)):\(two(p.tm_min)):\(two(p.tm_sec)) GMT"
    }

    private static func two(_ value: Int32) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
