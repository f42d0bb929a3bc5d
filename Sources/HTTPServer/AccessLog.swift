import Glibc

/// One event loop's access log: lines are buffered and written with one `write` per loop turn,
/// so logging costs no system call per request.
struct AccessLog {
    let descriptor: Int32?
    private var buffer: [UInt8] = []
    private var cachedSecond = -1
    private var cachedTime: [UInt8] = []

    /// Longest path written; longer ones are cut (they are only there to read).
    static let maxPathLength = 200

    init(descriptor: Int32?) {
        self.descriptor = descriptor
        buffer.reserveCapacity(1 << 16)
    }

    /// `2026-11-23T14:31:41Z GET /api/v1/people 200 512 0.8ms`
    mutating func record(method: String, path: String, status: Int, bytes: Int, nanoseconds: UInt64) {
        guard descriptor != nil else { return }
        appendTime()
        buffer.append(ASCII.space)
        buffer.append(contentsOf: method.utf8)
        buffer.append(ASCII.space)
        for byte in path.utf8.prefix(Self.maxPathLength) {
            buffer.append(byte < 0x21 || byte == 0x7F ? UInt8(ascii: "?") : byte)
        }
        buffer.append(ASCII.space)
        appendNumber(status)
        buffer.append(ASCII.space)
        appendNumber(bytes)
        buffer.append(ASCII.space)
        let tenthsOfMillisecond = Int(nanoseconds / 100_000)
        appendNumber(tenthsOfMillisecond / 10)
        buffer.append(UInt8(ascii: "."))
        appendNumber(tenthsOfMillisecond % 10)
        buffer.append(contentsOf: "ms\n".utf8)
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
