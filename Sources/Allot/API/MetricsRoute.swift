import CSQLite
import Foundation
import HTTPServer

/// `GET /metrics`: Prometheus text for a scraper — the server's request counts and latency
/// histograms per route and status, plus Allot's own gauges.
///
/// Readable with an organizer (or admin) token, or with the separate metrics token from the
/// config (`server.metricsToken`) or `--metrics-token`, which opens nothing else.
public struct MetricsRoute: Sendable {
    /// One gauge: name, help text and how to read it. Adding a gauge is one line in `gauges`.
    public struct Gauge: Sendable {
        public let name: String
        public let help: String
        /// Label sets and values; one sample with no labels for a plain number.
        public let read: @Sendable (Database) throws -> [(labels: String, value: Double)]

        public init(
            _ name: String, _ help: String,
            _ read: @escaping @Sendable (Database) throws -> [(labels: String, value: Double)]
        ) {
            self.name = name
            self.help = help
            self.read = read
        }

        /// A gauge with a single unlabelled value.
        public static func single(
            _ name: String, _ help: String, _ read: @escaping @Sendable (Database) throws -> Double
        )
            -> Gauge
        {
            Gauge(name, help) { [(labels: "", value: try read($0))] }
        }
    }

    public static let path = "/metrics"

    let database: Database
    let tokens: TokenStore
    let metrics: HTTPMetrics
    let metricsToken: String?
    let started: Date
    let gauges: [Gauge]

    public init(
        database: Database, tokens: TokenStore, metrics: HTTPMetrics, metricsToken: String?, started: Date = Date()
    ) {
        self.database = database
        self.tokens = tokens
        self.metrics = metrics
        self.metricsToken = metricsToken.flatMap { $0.isEmpty ? nil : $0 }
        self.started = started
        gauges = [
            Gauge("allot_people", "People in the registry, by status.") { database in
                try database.read { connection in
                    var counts = ["active": 0.0, "withdrawn": 0.0]
                    try connection.prepare("SELECT status, count(*) FROM person GROUP BY status").forEachRow {
                        counts[$0.text(0)] = Double($0.int64(1))
                    }
                    return counts.sorted { $0.key < $1.key }.map { (labels: "status=\"\($0.key)\"", value: $0.value) }
                }
            },
            .single("allot_audit_entries", "Entries in the hash-chained audit log.") { database in
                Double(try database.read { try $0.scalar("SELECT count(*) FROM audit_entry") })
            },
            .single("allot_database_bytes", "Size of the SQLite database file (pages in use).") { database in
                Double(try database.fileSize())
            },
            Gauge("allot_events", "Events, by status.") { try Self.counts($0, "SELECT status, count(*) FROM event GROUP BY status", label: "status") },
            Gauge("allot_draws", "Draws (events' draws and top-ups), by stage.") {
                try Self.counts(
                    $0,
                    "SELECT CASE WHEN finalized_at IS NULL THEN 'prepared' ELSE 'finalized' END, count(*) FROM draw GROUP BY 1",
                    label: "stage")
            },
            Gauge("allot_invitations", "Invitations, by state.") {
                try Self.counts($0, "SELECT state, count(*) FROM invitation GROUP BY state", label: "state")
            },
            .single(
                "allot_sqlite_memory_bytes",
                "Memory SQLite holds (page caches, prepared statements); each connection's page cache is bounded."
            ) { _ in Double(sqlite3_memory_used()) },
            Gauge("process_resident_memory_bytes", "Resident memory of the server process (VmRSS).") { _ in
                Self.residentBytes().map { [(labels: "", value: Double($0))] } ?? []
            },
            Gauge("allot_outbox_messages", "Outbox messages, by state (pending is the backlog).") {
                try Self.counts($0, "SELECT state, count(*) FROM outbox GROUP BY state", label: "state")
            },
        ]
    }

    /// The process's resident set from `/proc/self/statm` (pages), or nil where there is none.
    static func residentBytes() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// One sample per row of a `SELECT label, count(*)` query, labelled `name="label"`.
    static func counts(_ database: Database, _ sql: String, label name: String) throws -> [(labels: String, value: Double)] {
        try database.read { connection in
            try connection.prepare(sql).rows { (labels: "\(name)=\"\($0.text(0))\"", value: Double($0.int64(1))) }
        }
    }

    /// Adds `GET /metrics` to `router`.
    public func add(to router: inout HTTPRouter) {
        router.add(
            "GET", Self.path,
            .blocking { [self] request in
                do {
                    return try respond(request)
                } catch let error as HTTPError {
                    var response = HTTPResponse(error: error)
                    if error.status == 401 { response.headers.add("WWW-Authenticate", "Bearer") }
                    return response
                }
            })
    }

    func respond(_ request: HTTPRequest) throws -> HTTPResponse {
        try authorize(request)
        var headers = HTTPHeaders()
        headers.add("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        return HTTPResponse(headers: headers, body: Array(try render().utf8))
    }

    /// 401 without a known token, 403 for one that may not read metrics.
    func authorize(_ request: HTTPRequest) throws {
        guard let token = request.bearerToken else { throw Self.unauthorized }
        if let metricsToken, Self.constantTimeEqual(token, metricsToken) { return }
        guard let principal = try tokens.authenticate(token) else { throw Self.unauthorized }
        guard principal.role.satisfies(.organizer) else {
            throw HTTPError(status: 403, code: "forbidden", message: "this token may not read metrics")
        }
    }

    static let unauthorized = HTTPError(
        status: 401, code: "unauthorized", message: "a metrics or organizer token is required")

    /// The whole exposition: uptime, Allot's gauges, then the HTTP series.
    func render() throws -> String {
        var out = "# HELP allot_uptime_seconds Seconds since the server started.\n# TYPE allot_uptime_seconds gauge\n"
        out += "allot_uptime_seconds \(Self.number(Date().timeIntervalSince(started)))\n"
        for gauge in gauges {
            out += "# HELP \(gauge.name) \(gauge.help)\n# TYPE \(gauge.name) gauge\n"
            for sample in try gauge.read(database) {
                let labels = sample.labels.isEmpty ? "" : "{\(sample.labels)}"
                out += "\(gauge.name)\(labels) \(Self.number(sample.value))\n"
            }
        }
        out += metrics.prometheusText()
        return out
    }

    /// Integers without a fraction, others with three decimals.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(format: "%.3f", value)
    }

    /// Compares secrets without stopping at the first difference.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        var difference = UInt8(x.count == y.count ? 0 : 1)
        for index in 0..<max(x.count, y.count) {
            difference |= (index < x.count ? x[index] : 0) ^ (index < y.count ? y[index] : 0)
        }
        return difference == 0
    }
}
