/// The state of one client connection; owned by exactly one event loop thread.
final class Connection {
    let fd: Int32
    let id: UInt64
    let remoteAddress: String
    /// Counted against `maxConnections` (false for the ones only told 503).
    let counted: Bool

    /// Bytes received and not yet consumed start at `inputStart`.
    var input: [UInt8] = []
    var inputStart = 0
    var scan = RequestParser.ScanState()
    /// A head whose body is still arriving.
    var pending: PendingRequest?

    /// Bytes to send start at `outputStart`.
    var output: [UInt8] = []
    var outputStart = 0

    /// The request handed to a worker or deferred handler, if any.
    var inFlight: RequestInfo?
    /// When the first byte of the current, unfinished request arrived (monotonic ns).
    var requestStarted: UInt64?
    var lastActivity: UInt64
    /// Close once the output is sent (error, `Connection: close`, shutdown).
    var closeAfterWrite = false
    /// The peer sent EOF.
    var peerClosed = false
    /// Reading and discarding after our final reply, until this deadline (lingering close).
    var lingerDeadline: UInt64?
    /// The peer hung up while a request was in flight; the reply will be dropped.
    var abandoned = false
    /// Events registered with epoll.
    var interest: UInt32

    init(fd: Int32, id: UInt64, remoteAddress: String, counted: Bool, now: UInt64, interest: UInt32) {
        self.fd = fd
        self.id = id
        self.remoteAddress = remoteAddress
        self.counted = counted
        self.lastActivity = now
        self.interest = interest
    }

    var unreadCount: Int { input.count - inputStart }
    var pendingOutput: Int { output.count - outputStart }

    /// Drops consumed input so the buffer does not grow across keep-alive requests.
    func compactInput() {
        if inputStart == input.count {
            input.removeAll(keepingCapacity: input.capacity <= Self.retainedCapacity)
            inputStart = 0
        } else if inputStart > Self.retainedCapacity / 2 {
            input.removeFirst(inputStart)
            inputStart = 0
        }
    }

    /// Buffer capacity kept between requests; bigger buffers (large bodies) are released.
    static let retainedCapacity = 64 * 1024
}

/// A request head waiting for its body, with what the router decided for it.
struct PendingRequest {
    var head: RequestHead
    var action: RouteAction
}

/// What to do with a request once its body is in.
enum RouteAction {
    case route(HTTPRouter.Route, [String: String])
    case reject(HTTPError, allow: [String])
}

/// What the loop remembers about a request while its handler runs, to write the reply and log it.
struct RequestInfo {
    var method: String
    var logPath: String
    var keepAlive: Bool
    var isHTTP10: Bool
    var started: UInt64
    /// The matched route pattern (metrics label), or `HTTPMetrics.unmatchedRoute`.
    var route: String = HTTPMetrics.unmatchedRoute
    var requestID: String = ""
    /// The client's address for the log (a trusted proxy's client, else the peer).
    var client: String = ""
    /// When the handler got the request (monotonic ns), and how long it may take (ns).
    var dispatched: UInt64 = 0
    var handlerTimeout: UInt64 = .max
}
