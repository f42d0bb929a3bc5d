import Foundation
import Synchronization

/// Expires invitations past their deadline on a timer while the server runs, so no cron is needed.
public final class InvitationSweeper: Sendable {
    private let invitations: Invitations
    private let interval: Double
    private let log: @Sendable (String) -> Void
    private let state = Mutex<(stopped: Bool, thread: Bool)>((false, false))
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    /// Sweeps every `seconds` (config `events.expirySweepSeconds`); failures go to `log`.
    public init(invitations: Invitations, seconds: Int, log: @escaping @Sendable (String) -> Void) {
        self.invitations = invitations
        self.interval = Double(max(1, seconds))
        self.log = log
    }

    public func start() {
        guard state.withLock({ state in
            if state.thread { return false }
            state.thread = true
            return true
        }) else { return }
        let thread = Thread { [self] in
            while !state.withLock({ $0.stopped }) {
                do {
                    let expired = try invitations.expire()
                    if expired > 0 { log("expired \(expired) invitation(s) past their deadline\n") }
                } catch {
                    log("invitation sweep failed: \(error)\n")
                }
                _ = wake.wait(timeout: .now() + interval)
            }
            finished.signal()
        }
        thread.name = "invitation-sweeper"
        thread.start()
    }

    /// Stops the timer and waits for a sweep in progress.
    public func stop() {
        let running = state.withLock { state in
            state.stopped = true
            return state.thread
        }
        guard running else { return }
        wake.signal()
        finished.wait()
    }
}
