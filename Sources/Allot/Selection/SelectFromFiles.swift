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
    /// How LEXIMIN runs (the default, except in tests that force approximate steps).
    public var leximinOptions: Leximin.Options

    public init(
        featuresPath: String, peoplePath: String, panelSize: Int, algorithm: Algorithm = .leximin,
        lotterySize: Int = DrawProtocol.defaultLotterySize, beacon: String? = nil, idColumn: String? = nil,
        householdColumns: [String] = [], jointQuotasPath: String? = nil, eventId: String? = nil,
        leximinOptions: Leximin.Options = Leximin.Options()
    ) {
        self.leximinOptions = leximinOptions
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
    /// LEXIMIN steps resting on a pricing MIP stopped at its limit (also in the record); empty when exact.
    public let approximateSteps: [ApproximateStep]
    public let seconds: Double
    public let record: DrawRecord
}

/// The stateless selection from files (INTERFACE.md §2): reads the Sortition Foundation formats and
/// hands pool and quotas to the one draw pipeline (`DrawPipeline`), which event draws use too.
public enum SelectFromFiles {
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
        let jointQuotas =
            try request.jointQuotasPath.map { path throws(SelectFromFilesError) in
                try SortitionFoundationFormat.jointQuotas(path: path)
            } ?? []
        let quotas: Quotas
        let pool: Pool
        do {
            quotas = try Quotas(panelSize: request.panelSize, quotas: valueQuotas, joint: jointQuotas)
            progress?("reading \(request.peoplePath)")
            pool = try SortitionFoundationFormat.pool(
                path: request.peoplePath, features: quotas.features,
                idColumn: request.idColumn, householdColumns: request.householdColumns)
            progress?("read \(pool.count) people in \(pool.typeCount) types")
        } catch let error as SortitionError {
            throw .invalidInput(error.description)
        } catch let error as SelectFromFilesError {
            throw error
        } catch {
            throw .invalidInput(String(describing: error))
        }
        let record: DrawRecord
        let summary: DrawSummary
        do {
            let prepared = try DrawPipeline.prepare(
                pool: pool, quotas: quotas,
                terms: DrawPipeline.Terms(
                    eventId: request.eventId.map { id in Int(id).map(DrawRecord.EventID.number) ?? .text(id) },
                    algorithm: request.algorithm, lotterySize: request.lotterySize, preparedAt: preparedAt,
                    leximinOptions: request.leximinOptions),
                progress: progress)
            summary = prepared.summary
            progress?("finalizing: seed, panel, reserves, shares")
            record = try DrawPipeline.finalize(
                prepared, beacon: request.beacon ?? DrawPipeline.randomBeacon(), at: Date())
        } catch {
            throw SelectFromFilesError(error)
        }
        return SelectionResult(
            algorithm: request.algorithm, panelSize: request.panelSize, poolSize: pool.count, types: pool.typeCount,
            panel: record.panel, panelInPoolOrder: pool.ids.filter(Set(record.panel).contains),
            probabilities: summary.probabilities, estimated: summary.estimated,
            minProbability: summary.minProbability, maxProbability: summary.maxProbability,
            distributionSize: summary.distributionSize, lotteryDeviation: summary.lotteryDeviation,
            approximateSteps: record.approximateSteps ?? [],
            seconds: DrawPipeline.seconds(clock.now - start), record: record)
    }
}
