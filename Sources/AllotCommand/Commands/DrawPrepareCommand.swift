import Allot
import Foundation

extension Command {
    /// `allot draw prepare EVENT`: freezes the eligible pool and commits to the lottery (INTERFACE.md §5).
    static let drawPrepare = Command(
        ["draw", "prepare"], abstract: "freeze the eligible pool, compute the lottery, print the digests to publish",
        discussion: """
            Snapshots the eligible pool, computes the LEXIMIN distribution (or runs LEGACY), rounds it to a
            lottery of equally likely panels and stores it; the event becomes 'prepared' and its terms are
            fixed. Publish the pool, lottery and terms digests with the beacon source before the beacon is
            drawn; then run 'allot draw finalize EVENT --beacon TEXT'. Progress with elapsed seconds goes to
            stderr when it is a terminal (or with --progress). Infeasible quotas print the conflicts and the
            suggested relaxation (--json: {"feasible":false,"conflicts":[…],"relaxations":[…]}) and exit 1.
            """,
        parameters: [
            .argument("EVENT", help: "the event id"),
            .option("algorithm", value: "NAME", help: "leximin (default) or legacy"),
            .option("lottery-size", value: "M", help: "panels in the lottery (default: config events.lotterySize)"),
            .option(
                "beacon-source", value: "TEXT",
                help: "the public number the seed will come from, announced now (e.g. '上海福利彩票 2026-12-01 开奖号码')"),
            .flag("progress", help: "show progress on stderr even when it is not a terminal"),
        ],
        run: runDrawPrepare
    )

    private static func runDrawPrepare(_ invocation: Invocation) throws {
        let id = try invocation.eventID()
        let name = invocation.option("algorithm") ?? SelectionRequest.Algorithm.leximin.rawValue
        guard let algorithm = SelectionRequest.Algorithm(rawValue: name) else {
            throw UsageError(message: "unknown algorithm '\(name)': use leximin or legacy", helpTopic: invocation.command.displayName)
        }
        let lotterySize = try invocation.integer("lottery-size", in: 1...1_000_000)
        let events = try invocation.events()
        let progress = invocation.stageProgress(prefix: "prepare", force: invocation.flag("progress"))
        let outcome = Result {
            try events.prepare(
                id, algorithm: algorithm, lotterySize: lotterySize, beaconSource: invocation.option("beacon-source") ?? "",
                actor: .cli, progress: progress)
        }
        progress?("done")
        if case .failure(EventError.draw(.infeasible(let diagnostics))) = outcome {
            if invocation.json {
                try invocation.printJSON(
                    InfeasibleQuotasDocument(diagnostics))
            } else {
                for line in diagnostics.lines { invocation.print("infeasible: \(line)") }
            }
        }
        let draw = try outcome.get()
        if invocation.json {
            try invocation.printJSON(draw)
            return
        }
        invocation.print("event \(id) prepared")
        EventText.lines(draw).forEach(invocation.print)
        invocation.print("publish the three digests and the beacon source now; then: allot draw finalize \(id) --beacon TEXT")
    }
}


extension Invocation {
    /// Progress lines on stderr, each with the wall and CPU seconds since the command started (the
    /// stage times `scripts/bench-draw` reads: on a shared machine CPU time is the steadier figure),
    /// or nil when stderr is not a terminal and `force` is false.
    func stageProgress(prefix: String, force: Bool) -> (@Sendable (String) -> Void)? {
        guard force || isatty(STDERR_FILENO) != 0 else { return nil }
        let diagnostics = self.diagnostics
        let clock = ContinuousClock()
        let start = clock.now
        let startCPU = Self.cpuSeconds()
        return { line in
            let elapsed = clock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            diagnostics(
                String(format: "%@: [%.2f s, cpu %.2f s] %@\n", prefix, seconds, Self.cpuSeconds() - startCPU, line))
        }
    }

    /// User and system CPU seconds of this process so far (every thread).
    static func cpuSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
            let who = RUSAGE_SELF.rawValue
        #else
            let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return 0 }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
