import Foundation
import Synchronization

/// Long draw preparations run as jobs: `POST …/draw/prepare` answers 202 with a job that clients poll
/// (`GET /api/v1/jobs/{id}`) for progress and the result. Jobs live in memory; the draw itself is
/// stored in one transaction at the end, so a restart loses the job, never half a draw.
final class DrawJobs: Sendable {
    /// A job's state as clients see it.
    struct Job: Encodable, Sendable {
        enum Status: String, Encodable, Sendable { case running, succeeded, failed }
        let id: Int
        let eventId: Int
        var status: Status
        /// The last progress line (stage, share of types fixed, seconds).
        var progress: String
        let startedAt: String
        var finishedAt: String?
        var draw: StoredDraw?
        var error: APIErrorBody.Detail?
    }

    /// Finished jobs kept for polling; older ones are dropped first.
    static let keptJobs = 100

    private let jobs = Mutex<(next: Int, byID: [Int: Job])>((1, [:]))

    /// Starts `work` on a thread of its own unless a job for the same event is running; returns the job.
    func start(
        eventId: Int,
        work: @escaping @Sendable (_ progress: @escaping @Sendable (String) -> Void) throws -> StoredDraw
    ) -> Job? {
        let job: Job? = jobs.withLock { state in
            guard !state.byID.values.contains(where: { $0.eventId == eventId && $0.status == .running }) else {
                return nil
            }
            let job = Job(
                id: state.next, eventId: eventId, status: .running, progress: "starting",
                startedAt: Timestamp.string(Date()))
            state.byID[job.id] = job
            state.next += 1
            let finished = state.byID.values.filter { $0.status != .running }.sorted { $0.id < $1.id }
            for old in finished.dropLast(Self.keptJobs) { state.byID[old.id] = nil }
            return job
        }
        guard let job else { return nil }
        let id = job.id
        let thread = Thread { [self] in
            let outcome = Result { try work { line in self.update(id) { $0.progress = line } } }
            update(id) { job in
                job.finishedAt = Timestamp.string(Date())
                switch outcome {
                case .success(let draw):
                    job.status = .succeeded
                    job.draw = draw
                    job.progress = "done"
                case .failure(let error):
                    job.status = .failed
                    job.error = APIErrorBody.detail(for: error)
                }
            }
            // A draw allocates tens of MiB (pool, types, panels) on this thread's malloc arena and frees
            // them at once; glibc keeps most of it as free lists in the arena, so each draw thread left
            // ~20-30 MiB of RSS behind in the soak run (`malloc_trim` via gdb gave back 30 MiB of 128).
            // One trim per draw costs milliseconds, next to a draw's seconds.
            MemoryTrimmer.trim()
        }
        thread.name = "draw-job-\(id)"
        thread.start()
        return job
    }

    func job(_ id: Int) -> Job? {
        jobs.withLock { $0.byID[id] }
    }

    /// Waits up to `seconds` for the job to finish; returns it as it then is.
    func wait(_ id: Int, seconds: Double) -> Job? {
        let deadline = Date().addingTimeInterval(seconds)
        while let job = job(id), job.status == .running, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
        return job(id)
    }

    private func update(_ id: Int, _ change: (inout Job) -> Void) {
        jobs.withLock { state in
            if var job = state.byID[id] {
                change(&job)
                state.byID[id] = job
            }
        }
    }
}
