import Synchronization

/// What all event loops share: settings, router, workers and counters. Immutable or atomic.
final class ServerContext: Sendable {
    let configuration: HTTPServerConfiguration
    let router: HTTPRouter
    let parser: RequestParser
    let workers: WorkerPool
    let listenFD: Int32
    let stopping = Atomic<Bool>(false)
    let trustedProxies: TrustedProxies
    let requestIDs = RequestIDs()
    private let openConnections = Atomic<Int>(0)
    private let connectionIDs = Atomic<UInt64>(0)

    let headerTimeoutNanoseconds: UInt64
    let idleTimeoutNanoseconds: UInt64
    let gracePeriodNanoseconds: UInt64
    let handlerTimeoutNanoseconds: UInt64
    /// How often timeouts are checked: a quarter of the shortest timeout, between 10 and 250 ms.
    let tickMilliseconds: Int32

    init(configuration: HTTPServerConfiguration, router: HTTPRouter, listenFD: Int32) {
        self.configuration = configuration
        self.router = router
        self.parser = RequestParser(limits: configuration.limits)
        self.workers = WorkerPool(threads: configuration.workerThreads)
        self.listenFD = listenFD
        headerTimeoutNanoseconds = configuration.headerReadTimeout.nanoseconds
        idleTimeoutNanoseconds = configuration.idleTimeout.nanoseconds
        gracePeriodNanoseconds = configuration.shutdownGracePeriod.nanoseconds
        handlerTimeoutNanoseconds = configuration.handlerTimeout.nanoseconds
        trustedProxies = TrustedProxies(configuration.trustedProxies)
        let shortest = min(headerTimeoutNanoseconds, idleTimeoutNanoseconds, handlerTimeoutNanoseconds) / 4_000_000
        tickMilliseconds = Int32(max(10, min(250, shortest)))
    }

    /// Counts a new connection; false when the limit is reached (the caller answers 503).
    func admitConnection() -> Bool {
        let count = openConnections.wrappingAdd(1, ordering: .relaxed).newValue
        if count > configuration.maxConnections {
            openConnections.wrappingSubtract(1, ordering: .relaxed)
            return false
        }
        return true
    }

    func releaseConnection() {
        openConnections.wrappingSubtract(1, ordering: .relaxed)
    }

    func nextConnectionID() -> UInt64 {
        connectionIDs.wrappingAdd(1, ordering: .relaxed).newValue
    }
}

extension Duration {
    /// Whole nanoseconds, negative durations as zero.
    var nanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return 0 }
        return UInt64(seconds) * 1_000_000_000 + UInt64(max(0, attoseconds) / 1_000_000_000)
    }
}
