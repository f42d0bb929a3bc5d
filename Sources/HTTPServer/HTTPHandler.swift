/// How a route produces its reply, and on which thread.
public enum HTTPHandler: Sendable {
    /// Runs on the event loop thread. Only for fast, never-blocking work (fixed replies).
    case inline(@Sendable (HTTPRequest) -> HTTPResponse)
    /// Runs on a worker thread; may block (SQLite, files). A thrown `HTTPError` becomes its reply,
    /// any other error a 500.
    case blocking(@Sendable (HTTPRequest) throws -> HTTPResponse)
    /// Called on the event loop; must return quickly and answer later, from any thread, through
    /// the responder (exactly once). Used to batch work such as group commits.
    case deferred(@Sendable (HTTPRequest, HTTPResponder) -> Void)
}

/// Delivers the reply of a deferred request to its connection's event loop.
public struct HTTPResponder: Sendable {
    let mailbox: LoopMailbox
    let fd: Int32
    let connectionID: UInt64

    /// Sends the reply; later calls for the same request are ignored.
    public func respond(_ response: HTTPResponse) {
        mailbox.post(Completion(fd: fd, connectionID: connectionID, response: response))
    }
}
