import Foundation
import Sortition

/// What `allot select` asks for: the Sortition Foundation files, the panel size and how to draw.
public struct SelectionRequest: Sendable {
    public enum Algorithm: String, Sendable, CaseIterable {
        case leximin, legacy
    }

    public var featuresPath: String
    public var peoplePath: String
    public var panelSize: Int
    public var algorithm: Algorithm
    public var lotterySize: Int
    /// The public beacon text; nil draws 32 bytes from the system's secure generator.
    public var beacon: String?
    /// The id column of the people file; nil: the column named `id`, else the row number.
    public var idColumn: String?
    public var householdColumns: [String]
    public var jointQuotasPath: String?
    /// The event the draw is for (`--event`), recorded as `eventId` (a number when it is all digits).
    public var eventId: String?

    public init(
        featuresPath: String, peoplePath: String, panelSize: Int, algorithm: Algorithm = .leximin,
        lotterySize: Int = DrawProtocol.defaultLotterySize, beacon: String? = nil, idColumn: String? = nil,
        householdColumns: [String] = [], jointQuotasPath: String? = nil, eventId: String? = nil
    ) {
        self.featuresPath = featuresPath
        self.peoplePath = peoplePath
        self.panelSize = panelSize
        self.algorithm = algorithm
        self.lotterySize = lotterySize
        self.beacon = beacon
        self.idColumn = idColumn
        self.householdColumns = householdColumns
        self.jointQuotasPath = jointQuotasPath
        self.eventId = eventId
    }
}

/// The outcome of `allot select`: the drawn panel, everyone's probability and the draw record.
public struct SelectionResult: Sendable {
    public let algorithm: SelectionRequest.Algorithm
    public let panelSize: Int
    public let poolSize: Int
    public let types: Int
    public let panel: [String]
    /// The same panel in the order of the people file (`panel` is in the protocol's byte order).
    public let panelInPoolOrder: [String]
    /// Exact marginals of the distribution (LEXIMIN) or a Monte Carlo estimate (LEGACY).
    public let probabilities: [String: Double]
    /// True when `probabilities` are estimated (LEGACY).
    public let estimated: Bool
    public let minProbability: Double
    public let maxProbability: Double
    /// Panels with positive probability in the distribution (LEGACY: distinct panels drawn).
    public let distributionSize: Int
    /// Largest gap between a person's share of lottery panels and their probability above.
    public let lotteryDeviation: Double
    public let seconds: Double
    public let record: DrawRecord
}

/// The stateless selection from files (INTERFACE.md §2): read the Sortition Foundation formats,
/// compute the distribution (LEXIMIN) or run LEGACY, round to a lottery, draw by `allot-draw-v1`.
public enum SelectFromFiles {
    /// Bytes of the default beacon from the system's secure generator.
    static let randomBeaconBytes = 32

    public static func run(
        _ request: SelectionRequest, progress: (@Sendable (String) -> Void)? = nil
    ) throws(SelectFromFilesError) -> SelectionResult {
        let clock = ContinuousClock()
        let start = clock.now
        let preparedAt = Date()
        guard request.lotterySize >= DrawProtocol.minimumLotterySize else {
            throw .lotteryTooSmall(size: request.lotterySize, minimum: DrawProtocol.minimumLotterySize)
        }

        progress?("reading \(request.featuresPath)")
        let valueQuotas = try SortitionFoundationFormat.valueQuotas(path: request.featuresPath)
        let jointQuotas = try request.jointQuotasPath.map { path throws(SelectFromFilesError) in
            try SortitionFoundationFormat.jointQuotas(path: path)
        } ?? []
        let quotas: Quotas
        let pool: Pool
        do {
            quotas = try Quotas(panelSize: request.panelSize, quotas: valueQuotas, joint: jointQuotas)
            progress?("reading \(request.peoplePath)")
            let candidates = try SortitionFoundationFormat.candidates(
                path: request.peoplePath, features: quotas.features,
                idColumn: request.idColumn, householdColumns: request.householdColumns)
            progress?("read \(candidates.count) people; grouping them into types")
            pool = try Pool(features: quotas.features, candidates: candidates)
        } catch let error as SortitionError {
            throw .invalidInput(error.description)
        } catch let error as SelectFromFilesError {
            throw error
        } catch {
            throw .invalidInput(String(describing: error))
        }
        guard request.panelSize <= pool.count else {
            throw .invalidInput(SortitionError.invalidPanelSize(size: request.panelSize, poolSize: pool.count).description)
        }
        progress?("hashing the pool of \(pool.count) people")
        let entries = poolEntries(pool)
        progress?("pool: \(pool.count) people in \(pool.typeCount) types; panel size \(request.panelSize)")

        let drawn: DrawnLottery
        if request.algorithm == .legacy {
            // LEXIMIN runs the same check itself; LEGACY would only hit dead ends.
            progress?("checking that some panel meets the quotas")
            let report: FeasibilityReport
            do {
                report = try FeasibilityCheck.check(pool: pool, quotas: quotas)
            } catch {
                throw .algorithmFailed(error.description)
            }
            guard report.feasible else { throw .infeasible(diagnostics: diagnostics(report, quotas: quotas)) }
        }
        switch request.algorithm {
        case .leximin:
            drawn = try leximinLottery(pool: pool, quotas: quotas, lotterySize: request.lotterySize, progress: progress)
        case .legacy:
            drawn = try legacyLottery(
                pool: pool, quotas: quotas, lotterySize: request.lotterySize,
                seed: legacySeed(poolDigest: DrawProtocol.poolDigest(entries), panelSize: request.panelSize))
        }

        let lottery = drawn.panels.map { $0.map { pool.ids[$0] } }
        let beacon = request.beacon ?? randomBeacon()
        let record = try DrawRecord(
            eventId: request.eventId.map { id in Int(id).map(DrawRecord.EventID.number) ?? .text(id) },
            panelSize: request.panelSize, quotas: recordQuotas(quotas),
            jointQuotas: quotas.joint.isEmpty ? nil : quotas.joint.map {
                DrawRecord.JointQuotaRecord(
                    feature1: quotas.features[$0.first.feature].name,
                    value1: quotas.features[$0.first.feature].values[$0.first.value],
                    feature2: quotas.features[$0.second.feature].name,
                    value2: quotas.features[$0.second.feature].values[$0.second.value], min: $0.min, max: $0.max)
            },
            pool: entries, algorithm: request.algorithm.rawValue, lottery: lottery, beacon: beacon,
            preparedAt: timestamp(preparedAt), finalizedAt: timestamp(Date()),
            households: pool.households.map { $0.map { pool.ids[$0] } })
        let probabilities = Dictionary(uniqueKeysWithValues: zip(pool.ids, drawn.probabilities))
        return SelectionResult(
            algorithm: request.algorithm, panelSize: request.panelSize, poolSize: pool.count, types: pool.typeCount,
            panel: record.panel, panelInPoolOrder: pool.ids.filter(Set(record.panel).contains),
            probabilities: probabilities, estimated: request.algorithm == .legacy,
            minProbability: drawn.probabilities.min() ?? 0, maxProbability: drawn.probabilities.max() ?? 0,
            distributionSize: drawn.distributionSize, lotteryDeviation: drawn.deviation,
            seconds: seconds(clock.now - start), record: record)
    }

    /// A lottery (person indices) with the probabilities it stands for.
    struct DrawnLottery {
        var panels: [[Int]]
        var probabilities: [Double]
        var distributionSize: Int
        var deviation: Double
    }

    static func leximinLottery(
        pool: Pool, quotas: Quotas, lotterySize: Int, progress: (@Sendable (String) -> Void)?
    ) throws(SelectFromFilesError) -> DrawnLottery {
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
            distribution = try Leximin.distribution(pool: pool, quotas: quotas, progress: handler)
        } catch .infeasible(let report) {
            throw .infeasible(diagnostics: diagnostics(report, quotas: quotas))
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
            distributionSize: distribution.probabilities.count { $0 > 0 }, deviation: lottery.maxDeviation)
    }

    /// The conflicts and the suggested relaxation, as lines a person can act on. min_flex/max_flex are
    /// named only when the features file limits the relaxation with them.
    static func diagnostics(_ report: FeasibilityReport, quotas: Quotas) -> [String] {
        let conflicts = report.conflicts.isEmpty ? ["no panel meets all quotas at once"] : report.conflicts
        let relaxations = report.relaxations.map { "suggestion: \($0.description)" }
        let limited = quotas.minFlex.joined().contains { $0 > 0 } || quotas.maxFlex.joined().contains { $0 < quotas.panelSize }
        let none = limited
            ? "no relaxation within min_flex/max_flex makes them feasible"
            : "no relaxation of the quotas (minimums down to 0, maximums up to the panel size) makes them feasible"
        return conflicts + (relaxations.isEmpty ? [none] : relaxations)
    }

    /// LEGACY: the lottery is `lotterySize` independent LEGACY panels, so each person's share of
    /// lottery panels is also the Monte Carlo estimate of their LEGACY probability.
    static func legacyLottery(pool: Pool, quotas: Quotas, lotterySize: Int, seed: UInt64) throws(SelectFromFilesError)
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
                    ? .infeasible(diagnostics: [
                        "LEGACY found no panel meeting the quotas in \(LegacySelector.defaultMaxAttempts) attempts"
                    ])
                    : .algorithmFailed("LEGACY hit \(LegacySelector.defaultMaxAttempts) dead ends in a row after \(panels.count) panels")
            }
            panels.append(panel)
        }
        var counts = [Int](repeating: 0, count: pool.count)
        for panel in panels { for person in panel { counts[person] += 1 } }
        return DrawnLottery(
            panels: panels, probabilities: counts.map { Double($0) / Double(lotterySize) },
            distributionSize: Set(panels).count, deviation: 0)
    }

    /// LEGACY's generator seed: fixed by the pool and panel size, so the same files give the same lottery.
    static func legacySeed(poolDigest: String, panelSize: Int) -> UInt64 {
        SHA256.hash("allot-legacy\n\(poolDigest)\n\(panelSize)").prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    static func poolEntries(_ pool: Pool) -> [DrawProtocol.PoolEntry] {
        pool.ids.indices.map { person in
            var attributes: [String: String] = [:]
            for (f, v) in pool.valueIndices[person].enumerated() { attributes[pool.features[f].name] = pool.features[f].values[v] }
            return DrawProtocol.PoolEntry(pid: pool.ids[person], attributes: attributes)
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
        return "random:" + Hex.encode((0..<randomBeaconBytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
