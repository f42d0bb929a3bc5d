import Foundation
import Sortition

/// The one draw pipeline (ARCHITECTURE.md "Data flow of a draw"), called by `allot select` and by
/// event draws alike: pool + quotas → feasibility → LEXIMIN or LEGACY → lottery → digests (prepare);
/// beacon → seed → panel and reserves → record (finalize).
public enum DrawPipeline {
    /// Bytes of a beacon from the system's secure generator.
    static let randomBeaconBytes = 32

    /// What a draw promises before the beacon: which algorithm, how many lottery panels, for which event.
    public struct Terms: Sendable {
        public var eventId: DrawRecord.EventID?
        public var algorithm: SelectionRequest.Algorithm
        public var lotterySize: Int
        public var preparedAt: Date
        /// How LEXIMIN runs (not part of the terms digest; tests set a tiny pricing node limit).
        public var leximinOptions: Leximin.Options

        public init(
            eventId: DrawRecord.EventID?, algorithm: SelectionRequest.Algorithm,
            lotterySize: Int = DrawProtocol.defaultLotterySize, preparedAt: Date,
            leximinOptions: Leximin.Options = Leximin.Options()
        ) {
            self.eventId = eventId
            self.algorithm = algorithm
            self.lotterySize = lotterySize
            self.preparedAt = preparedAt
            self.leximinOptions = leximinOptions
        }
    }

    /// Step one: computes the distribution, rounds it to the lottery and commits to pool, lottery and
    /// terms. `progress` receives one line per stage.
    public static func prepare(
        pool: Pool, quotas: Quotas, terms: Terms, progress: (@Sendable (String) -> Void)? = nil
    ) throws(DrawPipelineError) -> PreparedDraw {
        let clock = ContinuousClock()
        let start = clock.now
        guard terms.lotterySize >= DrawProtocol.minimumLotterySize else {
            throw .invalidInput(
                "a lottery of \(terms.lotterySize) panels is too small: at least \(DrawProtocol.minimumLotterySize), "
                    + "so that the beacon, not whoever builds the lottery, picks the panel")
        }
        guard quotas.panelSize <= pool.count else {
            throw .invalidInput(SortitionError.invalidPanelSize(size: quotas.panelSize, poolSize: pool.count).description)
        }
        let entries = poolEntries(pool)
        progress?("pool: \(pool.count) people in \(pool.typeCount) types; panel size \(quotas.panelSize)")
        let drawn: DrawnLottery
        switch terms.algorithm {
        case .leximin:
            drawn = try leximinLottery(
                pool: pool, quotas: quotas, lotterySize: terms.lotterySize, options: terms.leximinOptions, progress: progress)
            if !drawn.approximateSteps.isEmpty {
                progress?("warning: \(drawn.approximateSteps.count) LEXIMIN step(s) approximate (pricing MIP stopped at its limit)")
            }
        case .legacy:
            // LEXIMIN runs the same check itself; LEGACY would only hit dead ends.
            progress?("checking that some panel meets the quotas")
            let report: FeasibilityReport
            do {
                report = try FeasibilityCheck.check(pool: pool, quotas: quotas)
            } catch {
                throw .algorithmFailed(error.description)
            }
            guard report.feasible else { throw .infeasible(InfeasibleQuotas(report, quotas: quotas)) }
            drawn = try legacyLottery(
                pool: pool, quotas: quotas, lotterySize: terms.lotterySize,
                seed: legacySeed(poolDigest: DrawProtocol.poolDigest(entries), panelSize: quotas.panelSize))
        }
        let lottery = drawn.panels.map { $0.map { pool.ids[$0] } }
        let summary = DrawSummary(
            poolSize: pool.count, types: pool.typeCount,
            probabilities: Dictionary(uniqueKeysWithValues: zip(pool.ids, drawn.probabilities)),
            estimated: terms.algorithm == .legacy, minProbability: drawn.probabilities.min() ?? 0,
            maxProbability: drawn.probabilities.max() ?? 0, distributionSize: drawn.distributionSize,
            lotteryDeviation: drawn.deviation, seconds: seconds(clock.now - start))
        return PreparedDraw(
            eventId: terms.eventId, panelSize: quotas.panelSize, quotas: recordQuotas(quotas),
            jointQuotas: quotas.joint.isEmpty ? nil : quotas.joint.map { quotas.jointQuota($0) },
            pool: entries, algorithm: terms.algorithm.rawValue, lottery: lottery,
            preparedAt: timestamp(terms.preparedAt), summary: summary,
            households: pool.households.map { $0.map { pool.ids[$0] } }, approximateSteps: drawn.approximateSteps)
    }

    /// Step two: the beacon fixes the seed, the panel and the reserve order; the result is the record.
    public static func finalize(_ prepared: PreparedDraw, beacon: String, at time: Date) throws(DrawPipelineError)
        -> DrawRecord
    {
        try finalize(prepared, beacon: beacon, finalizedAt: timestamp(time))
    }

    /// Step two with the finalization time as recorded (re-building a stored draw's record).
    public static func finalize(_ prepared: PreparedDraw, beacon: String, finalizedAt: String) throws(DrawPipelineError)
        -> DrawRecord
    {
        guard !beacon.isEmpty else { throw .invalidInput("the beacon text is empty") }
        do {
            return try DrawRecord(prepared, beacon: beacon, finalizedAt: finalizedAt)
        } catch {
            throw .algorithmFailed(error.message)
        }
    }

    /// A lottery (person indices) with the probabilities it stands for.
    struct DrawnLottery {
        var panels: [[Int]]
        var probabilities: [Double]
        var distributionSize: Int
        var deviation: Double
        /// LEXIMIN steps resting on a pricing MIP stopped at a limit (empty when exact, and for LEGACY).
        var approximateSteps: [ApproximateStep] = []
    }

    static func leximinLottery(
        pool: Pool, quotas: Quotas, lotterySize: Int, options: Leximin.Options = Leximin.Options(),
        progress: (@Sendable (String) -> Void)?
    ) throws(DrawPipelineError) -> DrawnLottery {
        let clock = ContinuousClock()
        let start = clock.now
        var handler: ProgressHandler?
        if let progress {
            handler = { (step: SelectionProgress) in
                let elapsed = String(format: "%.1f", seconds(clock.now - start))
                let fixed = Int((step.fixedShare * 100).rounded())
                progress("\(step.stage.rawValue): \(fixed)% of types fixed, \(step.panels) panels, \(elapsed) s")
            }
        }
        let distribution: Distribution
        do {
            distribution = try Leximin.distribution(pool: pool, quotas: quotas, options: options, progress: handler)
        } catch .infeasible(let report) {
            throw .infeasible(InfeasibleQuotas(report, quotas: quotas))
        } catch {
            throw .algorithmFailed(error.description)
        }
        progress?("rounding \(distribution.panels.count) panels to a lottery of \(lotterySize)")
        let lottery: Lottery
        do {
            lottery = try LotteryRounding.round(distribution, pool: pool, quotas: quotas, size: lotterySize)
        } catch {
            throw .algorithmFailed(error.description)
        }
        return DrawnLottery(
            panels: lottery.panels, probabilities: distribution.personProbabilities(in: pool),
            distributionSize: distribution.probabilities.count { $0 > 0 }, deviation: lottery.maxDeviation,
            approximateSteps: distribution.approximateSteps)
    }

    /// LEGACY: the lottery is `lotterySize` independent LEGACY panels, so each person's share of
    /// lottery panels is also the Monte Carlo estimate of their LEGACY probability.
    static func legacyLottery(pool: Pool, quotas: Quotas, lotterySize: Int, seed: UInt64) throws(DrawPipelineError)
        -> DrawnLottery
    {
        let selector: LegacySelector
        do {
            selector = try LegacySelector(pool: pool, quotas: quotas)
        } catch {
            throw .invalidInput(error.description)
        }
        var generator = SeededGenerator(seed: seed)
        var panels: [[Int]] = []
        panels.reserveCapacity(lotterySize)
        while panels.count < lotterySize {
            guard let panel = selector.selectPanel(using: &generator) else {
                throw panels.isEmpty
                    ? .infeasible(InfeasibleQuotas(conflicts: [], relaxations: []))
                    : .algorithmFailed(
                        "LEGACY hit \(LegacySelector.defaultMaxAttempts) dead ends in a row after \(panels.count) panels")
            }
            panels.append(panel)
        }
        var counts = [Int](repeating: 0, count: pool.count)
        for panel in panels { for person in panel { counts[person] += 1 } }
        return DrawnLottery(
            panels: panels, probabilities: counts.map { Double($0) / Double(lotterySize) },
            distributionSize: Set(panels).count, deviation: 0)
    }

    /// LEGACY's generator seed: fixed by the pool and panel size, so the same pool gives the same lottery.
    static func legacySeed(poolDigest: String, panelSize: Int) -> UInt64 {
        SHA256.hash("allot-legacy\n\(poolDigest)\n\(panelSize)").prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// The pool as the protocol sees it. People of one type have equal attributes, so they share one
    /// dictionary (copy on write): a million entries cost a million pids, not a million dictionaries.
    static func poolEntries(_ pool: Pool) -> [DrawProtocol.PoolEntry] {
        let attributesOfType = pool.typeValues.map { values in
            var attributes: [String: String] = [:]
            for (f, v) in values.enumerated() {
                attributes[pool.features[f].name] = pool.features[f].values[v]
            }
            return attributes
        }
        return pool.ids.indices.map { person in
            DrawProtocol.PoolEntry(pid: pool.ids[person], attributes: attributesOfType[pool.typeOfPerson[person]])
        }
    }

    static func recordQuotas(_ quotas: Quotas) -> [String: [String: [Int]]] {
        var result: [String: [String: [Int]]] = [:]
        for (f, feature) in quotas.features.enumerated() {
            for (v, value) in feature.values.enumerated() {
                result[feature.name, default: [:]][value] = [quotas.minimum[f][v], quotas.maximum[f][v]]
            }
        }
        return result
    }

    /// `random:` followed by 32 bytes from the system's secure generator, in hex.
    public static func randomBeacon() -> String {
        var generator = SystemRandomNumberGenerator()
        return "random:"
            + Hex.encode((0..<randomBeaconBytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
