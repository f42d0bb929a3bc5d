import Synchronization

/// Request counts and latency histograms per method, route pattern and status, in Prometheus form.
///
/// Labels use the route pattern (`/api/v1/tokens/{id}`), never the raw path, so the number of
/// series stays bounded whatever clients send; requests no route matched share `route="unmatched"`.
public final class HTTPMetrics: Sendable {
    /// Upper bounds of the latency buckets in seconds: from a cached reply (~0.1 ms) to a slow batch.
    public static let latencyBuckets: [Double] = [
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
    ]
    /// Route label of requests no route matched (404, 405, protocol errors).
    public static let unmatchedRoute = "unmatched"

    struct Key: Hashable, Comparable {
        var method: String
        var route: String
        var status: Int

        static func < (a: Key, b: Key) -> Bool {
            (a.route, a.method, a.status) < (b.route, b.method, b.status)
        }
    }

    struct Series {
        var count: UInt64 = 0
        var sum: Double = 0
        /// Per bucket, not cumulative (made cumulative when rendered).
        var buckets = [UInt64](repeating: 0, count: HTTPMetrics.latencyBuckets.count)
    }

    private let series = Mutex<[Key: Series]>([:])

    public init() {}

    /// Counts one answered request.
    public func record(method: String, route: String, status: Int, seconds: Double) {
        let key = Key(method: method, route: route, status: status)
        let bucket = Self.latencyBuckets.firstIndex { seconds <= $0 }
        series.withLock { all in
            var entry = all[key] ?? Series()
            entry.count += 1
            entry.sum += seconds
            if let bucket { entry.buckets[bucket] += 1 }
            all[key] = entry
        }
    }

    /// The requests answered so far for one method, route and status.
    public func count(method: String, route: String, status: Int) -> UInt64 {
        series.withLock { $0[Key(method: method, route: route, status: status)]?.count ?? 0 }
    }

    /// `http_requests_total` and `http_request_duration_seconds` in the Prometheus text format.
    public func prometheusText() -> String {
        let snapshot = series.withLock { $0 }.sorted { $0.key < $1.key }
        var out = "# HELP http_requests_total HTTP requests answered, by method, route pattern and status.\n"
        out += "# TYPE http_requests_total counter\n"
        for (key, entry) in snapshot {
            out += "http_requests_total{\(labels(key))} \(entry.count)\n"
        }
        out += "# HELP http_request_duration_seconds Time from a request's first byte to its reply.\n"
        out += "# TYPE http_request_duration_seconds histogram\n"
        for (key, entry) in snapshot {
            let base = labels(key)
            var cumulative: UInt64 = 0
            for (bound, count) in zip(Self.latencyBuckets, entry.buckets) {
                cumulative += count
                out += "http_request_duration_seconds_bucket{\(base),le=\"\(bound)\"} \(cumulative)\n"
            }
            out += "http_request_duration_seconds_bucket{\(base),le=\"+Inf\"} \(entry.count)\n"
            out += "http_request_duration_seconds_sum{\(base)} \(entry.sum)\n"
            out += "http_request_duration_seconds_count{\(base)} \(entry.count)\n"
        }
        return out
    }

    private func labels(_ key: Key) -> String {
        "method=\"\(Self.escape(key.method))\",route=\"\(Self.escape(key.route))\",status=\"\(key.status)\""
    }

    /// Escapes a label value (backslash, quote, newline) as the text format requires.
    public static func escape(_ value: String) -> String {
        var out = ""
        for character in value {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }
}
