/// A small router: method + path pattern with `{name}` segments → handler.
///
/// Built once before the server starts and then only read, so it is shared by all threads.
public struct HTTPRouter: Sendable {
    /// Per-route settings.
    public struct Options: Sendable {
        /// Largest accepted body (413 beyond); nil uses the server default.
        public var maxBodySize: Int?
        /// Path parameters logged as `{name}` instead of their value (tokens in paths).
        public var secretParameters: Set<String> = []
        /// How long the handler may take before the client gets a 503; nil uses the server's
        /// `handlerTimeout` (a route doing long work on purpose sets a longer one).
        public var handlerTimeout: Duration?

        public init(maxBodySize: Int? = nil, secretParameters: Set<String> = [], handlerTimeout: Duration? = nil) {
            self.maxBodySize = maxBodySize
            self.secretParameters = secretParameters
            self.handlerTimeout = handlerTimeout
        }
    }

    struct Route: Sendable {
        var method: String
        var pattern: String
        var segments: [Segment]
        var options: Options
        var handler: HTTPHandler
        var parameterCount: Int
    }

    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    enum Resolution {
        case found(Route, [String: String])
        case methodNotAllowed(allow: [String])
        case notFound
    }

    private(set) var routes: [Route] = []
    /// First path segments whose next segment is a secret (`me` for `/me/{token}/…`).
    private(set) var secretPrefixes: Set<String> = []

    public init() {}

    /// Hides the segment after `firstSegment` in the access log for every request under it, matched
    /// or not: `/me/SECRET/x` is logged as `/me/{secret}/x` even when it is a 404, 405 or 413.
    public mutating func hideSecrets(after firstSegment: String) {
        secretPrefixes.insert(firstSegment)
    }

    /// The raw path as the access log may show it when no route names its secrets. Runs for every
    /// request, so the common case (a first segment that is not a secret prefix) allocates nothing.
    func maskedLogPath(_ rawPath: String) -> String {
        guard !secretPrefixes.isEmpty else { return rawPath }
        let bytes = rawPath.utf8
        guard bytes.first == ASCII.slash,
            let firstEnd = bytes[bytes.index(after: bytes.startIndex)...].firstIndex(of: ASCII.slash)
        else { return rawPath }
        let first = rawPath[rawPath.index(after: rawPath.startIndex)..<firstEnd]
        // The prefix may be percent-encoded (`/%6De/…`); decode only then.
        let name = first.utf8.contains(ASCII.percent) ? RequestTarget.decodeLogSegment(first) : String(first)
        guard let name, secretPrefixes.contains(name) else { return rawPath }
        let rest = rawPath[rawPath.index(after: firstEnd)...]
        let secretEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        return String(rawPath[..<rest.startIndex]) + "{secret}" + String(rest[secretEnd...])
    }

    /// Adds a route. `pattern` is an absolute path whose segments may be `{name}`.
    /// A `GET` route also answers `HEAD`.
    public mutating func add(_ method: String, _ pattern: String, options: Options = Options(), _ handler: HTTPHandler)
    {
        let segments: [Segment] = pattern.split(separator: "/").map { part in
            if part.hasPrefix("{"), part.hasSuffix("}") { return .parameter(String(part.dropFirst().dropLast())) }
            return .literal(String(part))
        }
        let parameterCount = segments.filter { if case .parameter = $0 { true } else { false } }.count
        routes.append(
            Route(
                method: method.uppercased(), pattern: pattern, segments: segments, options: options,
                handler: handler, parameterCount: parameterCount))
    }

    /// Every registered (method, pattern) pair, in registration order.
    public var routeList: [(method: String, pattern: String)] {
        routes.map { ($0.method, $0.pattern) }
    }

    func resolve(method: String, segments: [String]) -> Resolution {
        var best: (Route, [String: String])?
        var allowed: [String] = []
        for route in routes where route.segments.count == segments.count {
            guard let parameters = Self.match(route.segments, segments) else { continue }
            allowed.append(route.method)
            let methodMatches = route.method == method || (method == "HEAD" && route.method == "GET")
            if methodMatches, best.map({ route.parameterCount < $0.0.parameterCount }) ?? true {
                best = (route, parameters)
            }
        }
        if let best { return .found(best.0, best.1) }
        if allowed.isEmpty { return .notFound }
        if allowed.contains("GET") { allowed.append("HEAD") }
        return .methodNotAllowed(allow: Array(Set(allowed)).sorted())
    }

    private static func match(_ pattern: [Segment], _ segments: [String]) -> [String: String]? {
        var parameters: [String: String] = [:]
        for (part, segment) in zip(pattern, segments) {
            switch part {
            case .literal(let text): if text != segment { return nil }
            case .parameter(let name):
                if segment.isEmpty { return nil }
                parameters[name] = segment
            }
        }
        return parameters
    }
}

extension HTTPRouter.Route {
    /// The path written to the access log: the raw path, or the pattern with secrets hidden.
    func logPath(rawPath: String, parameters: [String: String]) -> String {
        guard !options.secretParameters.isEmpty else { return rawPath }
        return "/"
            + segments.map { segment in
                switch segment {
                case .literal(let text): return text
                case .parameter(let name):
                    return options.secretParameters.contains(name) ? "{\(name)}" : (parameters[name] ?? "")
                }
            }.joined(separator: "/")
    }
}
