import CSystem
import Dispatch
import Foundation
import Glibc
import Synchronization

/// An HTTP/1.1 server on POSIX sockets: epoll event loops for I/O, a worker pool for blocking
/// handlers, hard limits and timeouts, and graceful shutdown.
///
/// ```swift
/// let server = HTTPServer(configuration: config, router: router)
/// let port = try server.start()
/// server.shutdownOnSignals()
/// server.wait()
/// ```
public final class HTTPServer: Sendable {
    public let configuration: HTTPServerConfiguration
    private let router: HTTPRouter
    private let state = Mutex(State())
    private let signalSources = SignalSources()

    private struct State {
        var context: ServerContext?
        var mailboxes: [LoopMailbox] = []
        var loopsFinished: DispatchSemaphore?
        var port = 0
        var stopped = false
    }

    public init(configuration: HTTPServerConfiguration, router: HTTPRouter) {
        self.configuration = configuration
        self.router = router
    }

    /// Binds, listens and starts the threads. Returns the port (the chosen one when configured as 0).
    @discardableResult
    public func start() throws(HTTPServerError) -> Int {
        signal(SIGPIPE, SIG_IGN)
        let already = state.withLock { $0.context != nil }
        if already { throw .alreadyStarted }
        let (listenFD, port) = try Self.listen(configuration)
        let context = ServerContext(configuration: configuration, router: router, listenFD: listenFD)
        let finished = DispatchSemaphore(value: 0)
        var mailboxes: [LoopMailbox] = []
        var epollFDs: [Int32] = []
        do throws(HTTPServerError) {
            for _ in 0..<max(1, configuration.eventLoops) {
                mailboxes.append(try LoopMailbox())
                let fd = epoll_create1(Int32(EPOLL_CLOEXEC))
                guard fd >= 0 else { throw HTTPServerError.system("epoll_create1", errno) }
                epollFDs.append(fd)
            }
        } catch {
            for fd in epollFDs { close(fd) }
            close(listenFD)
            context.workers.stop()
            throw error
        }
        for (index, (mailbox, epollFD)) in zip(mailboxes, epollFDs).enumerated() {
            let thread = Thread {
                EventLoop(context: context, mailbox: mailbox, epollFD: epollFD).run()
                finished.signal()
            }
            thread.name = "http-loop-\(index)"
            thread.start()
        }
        state.withLock {
            $0.context = context
            $0.mailboxes = mailboxes
            $0.loopsFinished = finished
            $0.port = port
        }
        return port
    }

    /// The listening port (0 before `start()`).
    public var port: Int { state.withLock { $0.port } }

    /// Begins a graceful shutdown: stop accepting, finish in-flight requests within the grace
    /// period, close. Returns at once; `wait()` returns when it is done.
    public func shutdown() {
        let (context, mailboxes) = state.withLock { ($0.context, $0.mailboxes) }
        guard let context else { return }
        context.stopping.store(true, ordering: .releasing)
        for mailbox in mailboxes { mailbox.wake() }
    }

    /// Blocks until the server has shut down and released its threads and socket.
    public func wait() {
        let (context, finished, count) = state.withLock { ($0.context, $0.loopsFinished, $0.mailboxes.count) }
        guard let context, let finished else { return }
        for _ in 0..<count { finished.wait() }
        let first = state.withLock { state in
            defer { state.stopped = true }
            return !state.stopped
        }
        guard first else { return }
        for _ in 0..<count { finished.signal() }  // later callers of wait() return too
        context.workers.stop()
        close(context.listenFD)
    }

    /// Starts a graceful shutdown when the process receives SIGINT or SIGTERM.
    public func shutdownOnSignals() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in shutdown() }
            source.resume()
            signalSources.keep(source)
        }
    }

    private static func listen(_ configuration: HTTPServerConfiguration) throws(HTTPServerError) -> (Int32, Int) {
        var host = configuration.host == "localhost" ? "127.0.0.1" : configuration.host
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard (0...65535).contains(configuration.port) else {
            throw .cannotBind(host: host, port: configuration.port, errno: EINVAL)
        }
        var v4 = sockaddr_in()
        var v6 = sockaddr_in6()
        let family: Int32
        if inet_pton(AF_INET, host, &v4.sin_addr) == 1 {
            family = AF_INET
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = UInt16(configuration.port).bigEndian
        } else if inet_pton(AF_INET6, host, &v6.sin6_addr) == 1 {
            family = AF_INET6
            v6.sin6_family = sa_family_t(AF_INET6)
            v6.sin6_port = UInt16(configuration.port).bigEndian
        } else {
            throw .invalidHost(configuration.host)
        }
        let fd = socket(family, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .system("socket", errno) }
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        if family == AF_INET6 {
            // `::` then takes IPv4 clients too (as ::ffff:a.b.c.d), whatever the system default.
            var zero: Int32 = 0
            _ = setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &zero, socklen_t(MemoryLayout<Int32>.size))
        }
        let bound =
            family == AF_INET
            ? withUnsafePointer(to: &v4) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            : withUnsafePointer(to: &v6) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        guard bound == 0, Glibc.listen(fd, configuration.listenBacklog) == 0 else {
            let code = errno
            close(fd)
            throw .cannotBind(host: host, port: configuration.port, errno: code)
        }
        var actual = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        let port = withUnsafePointer(to: &actual) { pointer -> UInt16 in
            family == AF_INET
                ? pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_port }
                : pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_port }
        }
        return (fd, Int(UInt16(bigEndian: port)))
    }
}

/// Keeps the signal sources alive for the server's lifetime.
///
/// `@unchecked Sendable` is safe: the array is only touched under `lock`, and the sources
/// themselves are thread-safe Dispatch objects that are never mutated after `resume()`.
private final class SignalSources: @unchecked Sendable {
    private let lock = NSLock()
    private var sources: [any DispatchSourceSignal] = []

    func keep(_ source: any DispatchSourceSignal) {
        lock.withLock { sources.append(source) }
    }
}
