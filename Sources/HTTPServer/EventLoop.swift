import CSystem
import Glibc

/// One epoll event loop thread: accepts connections, reads and parses requests, runs inline
/// handlers, hands blocking ones to the worker pool, writes replies and enforces timeouts.
///
/// Everything in it is touched only by its own thread; other threads reach it through its
/// `LoopMailbox`. Epoll is level-triggered, and a connection reads at most one buffer per
/// event, so a busy or slow client cannot starve the others.
final class EventLoop {
    private let context: ServerContext
    private let mailbox: LoopMailbox
    private let epollFD: Int32
    private var connections: [Connection?] = []
    private var liveConnections = 0
    private var log: AccessLog
    private var readBuffer: [UInt8]
    private var now: UInt64 = monotonicNanoseconds()
    private var nextTimeoutCheck: UInt64 = 0
    private var drainDeadline: UInt64?
    /// Set while accepting is paused because the process ran out of descriptors.
    private var acceptPausedUntil: UInt64?
    private var cachedDateSecond = -1
    private var cachedDateHeader: [UInt8] = []

    /// Bytes read per `read` call (and per readiness event).
    static let readChunk = 64 * 1024
    /// Events fetched per `epoll_wait`.
    static let maxEvents = 256
    /// Connections accepted per readiness event, so accepting cannot starve open connections.
    static let acceptBurst = 64
    /// Unsent reply bytes above which the loop stops reading more requests from that client.
    static let outputHighWater = 256 * 1024
    /// How long to keep reading and discarding after a final reply before closing, so the
    /// client reads the reply instead of a reset.
    static let lingerNanoseconds: UInt64 = 2_000_000_000
    /// Lingering is cut short while shutting down and for connections over the limit.
    static let briefLingerNanoseconds: UInt64 = 200_000_000
    /// How long accepting pauses when the process runs out of descriptors.
    static let acceptPauseNanoseconds: UInt64 = 100_000_000
    static let listenTag = UInt64.max
    static let mailboxTag = UInt64.max - 1

    /// Takes ownership of `epollFD`.
    init(context: ServerContext, mailbox: LoopMailbox, epollFD: Int32) {
        self.context = context
        self.mailbox = mailbox
        self.epollFD = epollFD
        self.log = AccessLog(
            descriptor: context.configuration.accessLogDescriptor, format: context.configuration.accessLogFormat)
        self.readBuffer = [UInt8](repeating: 0, count: Self.readChunk)
        register(
            context.listenFD, events: EPOLLIN.rawValue | EPOLLEXCLUSIVE.rawValue, tag: Self.listenTag, op: EPOLL_CTL_ADD
        )
        register(mailbox.eventFD, events: EPOLLIN.rawValue, tag: Self.mailboxTag, op: EPOLL_CTL_ADD)
    }

    deinit { close(epollFD) }

    // MARK: - The loop

    func run() {
        var events = [epoll_event](repeating: epoll_event(), count: Self.maxEvents)
        let tickMilliseconds = context.tickMilliseconds
        while true {
            let count = epoll_wait(epollFD, &events, Int32(Self.maxEvents), tickMilliseconds)
            now = monotonicNanoseconds()
            if count < 0 && errno != EINTR { break }
            for index in 0..<max(0, Int(count)) {
                let event = events[index]
                switch event.data.u64 {
                case Self.listenTag: acceptConnections()
                case Self.mailboxTag: deliverCompletions()
                default: handle(fd: Int32(truncatingIfNeeded: event.data.u64), events: event.events)
                }
            }
            if context.stopping.load(ordering: .acquiring) && drainDeadline == nil { beginDrain() }
            if now >= nextTimeoutCheck {
                resumeAcceptingIfDue()
                checkTimeouts()
                nextTimeoutCheck = now + UInt64(tickMilliseconds) * 1_000_000
            }
            log.flush()
            if let deadline = drainDeadline, liveConnections == 0 || now >= deadline { break }
        }
        for connection in connections.compactMap({ $0 }) { closeConnection(connection) }
        log.flush()
    }

    private func register(_ fd: Int32, events: UInt32, tag: UInt64, op: Int32) {
        var event = epoll_event()
        event.events = events
        event.data.u64 = tag
        _ = epoll_ctl(epollFD, op, fd, &event)
    }

    // MARK: - Accepting

    private func acceptConnections() {
        guard drainDeadline == nil else { return }
        for _ in 0..<Self.acceptBurst {
            var address = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let fd = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    csystem_accept4(
                        context.listenFD, $0, &length, Int32(SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue))
                }
            }
            if fd < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                if errno == EMFILE || errno == ENFILE { pauseAccepting() }
                return
            }
            var one: Int32 = 1
            _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            let counted = context.admitConnection()
            let connection = Connection(
                fd: fd, id: context.nextConnectionID(), remoteAddress: ClientAddress.text(address), counted: counted,
                now: now, interest: EPOLLIN.rawValue)
            let slot = Int(fd)
            if slot >= connections.count {
                connections.append(contentsOf: [Connection?](repeating: nil, count: slot + 1 - connections.count))
            }
            connections[slot] = connection
            liveConnections += 1
            register(fd, events: EPOLLIN.rawValue, tag: UInt64(fd), op: EPOLL_CTL_ADD)
            if !counted {
                let error = HTTPError(
                    status: 503, code: "too_many_connections", message: "the server is at its connection limit")
                finishWithError(connection, error, method: "-", logPath: "-")
                flush(connection)
            }
        }
    }

    /// Out of descriptors: stop watching the listening socket for a moment instead of spinning on it.
    private func pauseAccepting() {
        guard acceptPausedUntil == nil else { return }
        acceptPausedUntil = now + Self.acceptPauseNanoseconds
        register(context.listenFD, events: 0, tag: Self.listenTag, op: EPOLL_CTL_DEL)
    }

    private func resumeAcceptingIfDue() {
        guard let until = acceptPausedUntil, now >= until, drainDeadline == nil else { return }
        acceptPausedUntil = nil
        register(
            context.listenFD, events: EPOLLIN.rawValue | EPOLLEXCLUSIVE.rawValue, tag: Self.listenTag, op: EPOLL_CTL_ADD
        )
    }

    // MARK: - Reading and processing

    private func handle(fd: Int32, events: UInt32) {
        guard let connection = connection(fd) else { return }
        if events & (EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0 && events & EPOLLIN.rawValue == 0 {
            hangUp(connection)
            return
        }
        if events & EPOLLIN.rawValue != 0 {
            readAvailable(connection)
        }
        if events & EPOLLOUT.rawValue != 0, self.connection(fd) === connection {
            flush(connection)
        }
    }

    private func connection(_ fd: Int32) -> Connection? {
        let slot = Int(fd)
        return slot >= 0 && slot < connections.count ? connections[slot] : nil
    }

    private func hangUp(_ connection: Connection) {
        if connection.inFlight != nil {
            connection.abandoned = true
            register(connection.fd, events: 0, tag: UInt64(connection.fd), op: EPOLL_CTL_DEL)
        } else {
            closeConnection(connection)
        }
    }

    private func readAvailable(_ connection: Connection) {
        let count = readBuffer.withUnsafeMutableBytes { read(connection.fd, $0.baseAddress, Self.readChunk) }
        if count < 0 {
            if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { return }
            hangUp(connection)
            return
        }
        if count == 0 {
            connection.peerClosed = true
            if connection.lingerDeadline != nil || (connection.inFlight == nil && connection.pendingOutput == 0) {
                closeConnection(connection)
            } else {
                updateInterest(connection)
            }
            return
        }
        connection.lastActivity = now
        if connection.lingerDeadline != nil { return }  // discarding after the final reply
        if connection.unreadCount == 0 && connection.pending == nil { connection.requestStarted = now }
        connection.input.append(contentsOf: readBuffer[0..<count])
        process(connection)
        flush(connection)
    }

    /// Parses and dispatches every complete request in the input, in order, until one is in flight.
    private func process(_ connection: Connection) {
        while connection.inFlight == nil && !connection.closeAfterWrite && connection.lingerDeadline == nil {
            if connection.pending == nil {
                guard connection.unreadCount > 0 else { break }
                let outcome = context.parser.parseHead(
                    connection.input, from: connection.inputStart, state: &connection.scan)
                switch outcome {
                case .incomplete:
                    connection.compactInput()
                    return
                case .failure(let error):
                    finishWithError(connection, error, method: "-", logPath: "-")
                    return
                case .head(let head, let consumed):
                    connection.inputStart += consumed
                    connection.scan = RequestParser.ScanState()
                    guard admitHead(head, on: connection) else { return }
                }
            }
            guard let pending = connection.pending else { continue }
            let length = pending.head.contentLength
            guard connection.unreadCount >= length else { break }
            let body = Array(connection.input[connection.inputStart..<(connection.inputStart + length)])
            connection.inputStart += length
            connection.pending = nil
            dispatch(pending, body: body, on: connection)
            connection.requestStarted = connection.unreadCount > 0 ? now : nil
        }
        connection.compactInput()
    }

    /// Routes a parsed head and checks its body size; false when the connection was answered and closes.
    private func admitHead(_ head: RequestHead, on connection: Connection) -> Bool {
        let action: RouteAction
        var maxBody = context.configuration.limits.maxBodySize
        switch context.router.resolve(method: head.method, segments: head.target.segments) {
        case .found(let route, let parameters):
            action = .route(route, parameters)
            maxBody = route.options.maxBodySize ?? maxBody
        case .methodNotAllowed(let allow):
            action = .reject(
                HTTPError(status: 405, code: "method_not_allowed", message: "\(head.method) is not allowed here"),
                allow: allow)
        case .notFound:
            action = .reject(HTTPError(status: 404, code: "not_found", message: "no such resource"), allow: [])
        }
        if head.contentLength > maxBody {
            let error = HTTPError(
                status: 413, code: "body_too_large", message: "the request body is larger than \(maxBody) bytes")
            finishWithError(
                connection, error, method: head.method, logPath: context.router.maskedLogPath(head.target.rawPath))
            return false
        }
        connection.pending = PendingRequest(head: head, action: action)
        if head.expectsContinue && head.contentLength > connection.unreadCount {
            connection.output.append(contentsOf: "HTTP/1.1 100 Continue\r\n\r\n".utf8)
        }
        return true
    }

    private func dispatch(_ pending: PendingRequest, body: [UInt8], on connection: Connection) {
        let head = pending.head
        let trusted =
            !context.trustedProxies.isEmpty && context.trustedProxies.addresses.contains(connection.remoteAddress)
        let client =
            trusted
            ? context.trustedProxies.client(
                peer: connection.remoteAddress, forwardedFor: head.headers["X-Forwarded-For"])
            : connection.remoteAddress
        let requestID =
            (trusted ? RequestIDs.acceptable(head.headers["X-Request-Id"]) : nil) ?? context.requestIDs.next()
        var info = RequestInfo(
            method: head.method, logPath: context.router.maskedLogPath(head.target.rawPath), keepAlive: head.keepAlive,
            isHTTP10: head.minorVersion == 0, started: connection.requestStarted ?? now,
            route: HTTPMetrics.unmatchedRoute, requestID: requestID, client: client, dispatched: now)
        switch pending.action {
        case .reject(let error, let allow):
            var response = HTTPResponse(error: error)
            if !allow.isEmpty { response.headers.add("Allow", allow.joined(separator: ", ")) }
            write(response, for: info, on: connection)
        case .route(let route, let parameters):
            if !route.options.secretParameters.isEmpty {
                info.logPath = route.logPath(rawPath: head.target.rawPath, parameters: parameters)
            }
            info.route = route.pattern
            info.handlerTimeout = route.options.handlerTimeout?.nanoseconds ?? context.handlerTimeoutNanoseconds
            let request = HTTPRequest(
                method: head.method, target: head.target, headers: head.headers, body: body,
                pathParameters: parameters, remoteAddress: client, peerAddress: connection.remoteAddress,
                requestID: requestID)
            switch route.handler {
            case .inline(let handler):
                write(handler(request), for: info, on: connection)
            case .blocking(let handler):
                connection.inFlight = info
                let responder = HTTPResponder(mailbox: mailbox, fd: connection.fd, connectionID: connection.id)
                context.workers.submit {
                    let response: HTTPResponse
                    do {
                        response = try handler(request)
                    } catch let error as HTTPError {
                        response = HTTPResponse(error: error)
                    } catch {
                        response = HTTPResponse(
                            error: HTTPError(status: 500, code: "internal_error", message: "internal server error"))
                    }
                    responder.respond(response)
                }
                updateInterest(connection)
            case .deferred(let handler):
                connection.inFlight = info
                updateInterest(connection)
                handler(request, HTTPResponder(mailbox: mailbox, fd: connection.fd, connectionID: connection.id))
            }
        }
    }

    private func deliverCompletions() {
        for completion in mailbox.drain() {
            guard let connection = connection(completion.fd), connection.id == completion.connectionID,
                let info = connection.inFlight
            else { continue }
            connection.inFlight = nil
            if connection.abandoned {
                closeConnection(connection)
                continue
            }
            write(completion.response, for: info, on: connection)
            process(connection)
            flush(connection)
        }
    }

    // MARK: - Writing

    /// Answers a protocol error and closes the connection after the reply.
    private func finishWithError(_ connection: Connection, _ error: HTTPError, method: String, logPath: String) {
        let info = RequestInfo(
            method: method, logPath: logPath, keepAlive: false, isHTTP10: false,
            started: connection.requestStarted ?? now, requestID: context.requestIDs.next(),
            client: connection.remoteAddress, dispatched: now)
        connection.pending = nil
        write(HTTPResponse(error: error), for: info, on: connection)
    }

    /// Serializes a reply into the connection's output and logs it.
    private func write(_ response: HTTPResponse, for info: RequestInfo, on connection: Connection) {
        let keepAlive =
            info.keepAlive && !connection.peerClosed && drainDeadline == nil
            && !context.stopping.load(ordering: .relaxed)
        let start = connection.output.count
        var out = connection.output
        connection.output = []
        out.append(contentsOf: "HTTP/1.1 ".utf8)
        appendDecimal(response.status, to: &out)
        out.append(ASCII.space)
        out.append(contentsOf: HTTPResponse.reason(response.status).utf8)
        out.append(contentsOf: "\r\n".utf8)
        for field in response.headers.fields
        where !Self.managedHeaders.contains(where: { HTTPHeaders.equalsIgnoringCase($0, field.name) }) {
            appendSanitized(field.name, to: &out)
            out.append(contentsOf: ": ".utf8)
            appendSanitized(field.value, to: &out)
            out.append(contentsOf: "\r\n".utf8)
        }
        out.append(contentsOf: "X-Request-Id: ".utf8)
        out.append(contentsOf: info.requestID.utf8)
        out.append(contentsOf: "\r\nContent-Length: ".utf8)
        appendDecimal(response.body.count, to: &out)
        out.append(contentsOf: "\r\n".utf8)
        out.append(contentsOf: dateHeader())
        if !keepAlive {
            out.append(contentsOf: "Connection: close\r\n".utf8)
        } else if info.isHTTP10 {
            out.append(contentsOf: "Connection: keep-alive\r\n".utf8)
        }
        out.append(contentsOf: "\r\n".utf8)
        if info.method != "HEAD" { out.append(contentsOf: response.body) }
        connection.output = out
        let elapsed = now &- info.started
        log.record(
            AccessLogEntry(
                client: info.client, method: info.method, path: info.logPath, status: response.status,
                bytes: out.count - start, nanoseconds: elapsed, requestID: info.requestID))
        if let metrics = context.configuration.metrics {
            let method =
                info.route == HTTPMetrics.unmatchedRoute && !Self.commonMethods.contains(info.method)
                ? "other" : info.method
            metrics.record(
                method: method, route: info.route, status: response.status, seconds: Double(elapsed) / 1e9)
        }
        if !keepAlive { connection.closeAfterWrite = true }
    }

    /// Headers the server writes itself; a handler's copies are dropped.
    static let managedHeaders = ["content-length", "connection", "date", "transfer-encoding", "x-request-id"]
    /// Methods kept as metrics labels on unmatched requests; others count as `other`, so clients
    /// cannot grow the number of series.
    static let commonMethods: Set<String> = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "-"]

    private func appendSanitized(_ text: String, to out: inout [UInt8]) {
        for byte in text.utf8 { out.append(byte == ASCII.cr || byte == ASCII.lf ? ASCII.space : byte) }
    }

    private func dateHeader() -> [UInt8] {
        let second = time(nil)
        if Int(second) != cachedDateSecond {
            cachedDateSecond = Int(second)
            cachedDateHeader = Array("Date: \(HTTPDate.imf(second))\r\n".utf8)
        }
        return cachedDateHeader
    }

    /// Sends as much output as the socket takes; closes or lingers once a final reply is out.
    private func flush(_ connection: Connection) {
        while connection.pendingOutput > 0 {
            let sent = connection.output.withUnsafeBytes { bytes in
                send(
                    connection.fd, bytes.baseAddress.map { $0 + connection.outputStart }, connection.pendingOutput,
                    Int32(MSG_NOSIGNAL))
            }
            if sent < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK { break }
                closeConnection(connection)
                return
            }
            connection.outputStart += sent
            connection.lastActivity = now
        }
        if connection.pendingOutput == 0 {
            connection.output.removeAll(keepingCapacity: connection.output.capacity <= Connection.retainedCapacity)
            connection.outputStart = 0
            if connection.closeAfterWrite && connection.inFlight == nil {
                startLingering(connection)
                return
            }
            if connection.peerClosed && connection.inFlight == nil && connection.pending == nil {
                closeConnection(connection)
                return
            }
        }
        updateInterest(connection)
    }

    /// Half-closes after the final reply and discards what the client still sends for a moment,
    /// so the reply is not lost to a TCP reset.
    private func startLingering(_ connection: Connection) {
        if connection.peerClosed {
            closeConnection(connection)
            return
        }
        shutdown(connection.fd, Int32(SHUT_WR))
        let brief = drainDeadline != nil || !connection.counted  // shutting down, or over the connection limit
        connection.lingerDeadline = now + (brief ? Self.briefLingerNanoseconds : Self.lingerNanoseconds)
        connection.input = []
        connection.inputStart = 0
        updateInterest(connection)
    }

    private func updateInterest(_ connection: Connection) {
        guard !connection.abandoned else { return }
        var wanted: UInt32 = 0
        let reading =
            connection.inFlight == nil && !connection.closeAfterWrite && !connection.peerClosed
            && connection.pendingOutput <= Self.outputHighWater
        if reading || (connection.lingerDeadline != nil && !connection.peerClosed) { wanted |= EPOLLIN.rawValue }
        if connection.pendingOutput > 0 { wanted |= EPOLLOUT.rawValue }
        if wanted != connection.interest {
            connection.interest = wanted
            register(connection.fd, events: wanted, tag: UInt64(connection.fd), op: EPOLL_CTL_MOD)
        }
    }

    private func closeConnection(_ connection: Connection) {
        guard let slot = Optional(Int(connection.fd)), slot < connections.count, connections[slot] === connection else {
            return
        }
        connections[slot] = nil
        liveConnections -= 1
        if connection.counted { context.releaseConnection() }
        close(connection.fd)
    }

    // MARK: - Timeouts and shutdown

    private func checkTimeouts() {
        let headerTimeout = context.headerTimeoutNanoseconds
        let idleTimeout = context.idleTimeoutNanoseconds
        for case let connection? in connections {
            if let deadline = connection.lingerDeadline {
                if now >= deadline { closeConnection(connection) }
            } else if let info = connection.inFlight {
                if now &- info.dispatched > info.handlerTimeout { cutOff(connection, info) }
            } else if connection.pendingOutput > 0 {
                if now &- connection.lastActivity > idleTimeout { closeConnection(connection) }
            } else if let started = connection.requestStarted, connection.unreadCount > 0 || connection.pending != nil {
                if now &- started > headerTimeout {
                    let error = HTTPError(
                        status: 408, code: "request_timeout", message: "the request was not received in time")
                    finishWithError(connection, error, method: "-", logPath: "-")
                    flush(connection)
                }
            } else if now &- connection.lastActivity > idleTimeout || drainDeadline != nil {
                closeConnection(connection)
            }
        }
    }

    /// A handler that has not answered in time: 503, and the connection closes, so a late answer
    /// (dropped: nothing is in flight any more) can never be taken for the next request's.
    private func cutOff(_ connection: Connection, _ info: RequestInfo) {
        connection.inFlight = nil
        if connection.abandoned {
            closeConnection(connection)
            return
        }
        var closing = info
        closing.keepAlive = false
        let error = HTTPError(
            status: 503, code: "handler_timeout", message: "the request was not answered in time; try again")
        write(HTTPResponse(error: error), for: closing, on: connection)
        flush(connection)
    }

    /// Stops accepting, closes idle connections and lets busy ones finish until the grace period ends.
    private func beginDrain() {
        drainDeadline = now + context.gracePeriodNanoseconds
        register(context.listenFD, events: 0, tag: Self.listenTag, op: EPOLL_CTL_DEL)
        for case let connection? in connections
        where connection.inFlight == nil && connection.pending == nil
            && connection.unreadCount == 0 && connection.pendingOutput == 0
        {
            closeConnection(connection)
        }
    }
}

/// Monotonic clock in nanoseconds.
func monotonicNanoseconds() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}
