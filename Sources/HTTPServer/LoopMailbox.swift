import CSystem
import Glibc
import Synchronization

/// A reply finished off the event loop, on its way back to its connection.
struct Completion: Sendable {
    var fd: Int32
    var connectionID: UInt64
    var response: HTTPResponse
}

/// The one way other threads talk to an event loop: a locked queue of completions and an
/// eventfd that wakes the loop's `epoll_wait`.
final class LoopMailbox: Sendable {
    let eventFD: Int32
    private let pending = Mutex<[Completion]>([])

    init() throws(HTTPServerError) {
        let fd = eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC))
        guard fd >= 0 else { throw .system("eventfd", errno) }
        eventFD = fd
    }

    deinit { close(eventFD) }

    func post(_ completion: Completion) {
        pending.withLock { $0.append(completion) }
        wake()
    }

    func wake() {
        var one: UInt64 = 1
        _ = withUnsafeBytes(of: &one) { write(eventFD, $0.baseAddress, 8) }
    }

    /// Clears the wake-up counter and returns everything posted so far.
    func drain() -> [Completion] {
        var counter: UInt64 = 0
        _ = withUnsafeMutableBytes(of: &counter) { read(eventFD, $0.baseAddress, 8) }
        return pending.withLock { queue in
            let all = queue
            queue.removeAll(keepingCapacity: true)
            return all
        }
    }
}
