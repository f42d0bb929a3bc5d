#if canImport(Glibc)
import Glibc
#endif

/// m equally likely panels rounded from a distribution: the public lottery of a draw.
public struct Lottery: Sendable {
    /// The lottery panels, person indices into the pool (ascending), in stored order.
    public let panels: [[Int]]
    /// How many lottery panels each distribution panel became (sums to the lottery size), before
    /// the exchanges of step 2 (see `LotteryRounding`) changed some of them; empty when
    /// `LotteryPeeling` built the panels from the probabilities directly.
    public let multiplicities: [Int]
    /// Lottery panels each person sits on; their selection probability is `seatCounts[i] / m`.
    public let seatCounts: [Int]
    /// Largest `|seatCounts[i] / m − exact probability of i|` over all people.
    public let maxDeviation: Double
    /// The bound the rounding guarantees on `maxDeviation` for this input (see `LotteryRounding`).
    public let guaranteedDeviation: Double
    /// Seconds spent in each stage of the rounding, in order (for benchmarks: where the time goes).
    public let stageSeconds: [(stage: String, seconds: Double)]

    public var size: Int { panels.count }
}

/// Rounds a distribution over panels to a lottery of m equally likely panels (Flanigan, Kehne,
/// Procaccia, "Fair Sortition Made Transparent", NeurIPS 2021) so that each person's share of
/// lottery panels stays close to their exact probability, and no two people of a type sit on
/// lottery panels together much more often than chance.
///
/// Method, with the quotas given (the draw pipeline always gives them). The rounding works on types
/// (people sharing every value), not on people:
/// 1. The m panels as type counts. When the distribution has at most m panels, Beck–Fiala iterated
///    rounding of its weights: each panel P gets ⌊m·p(P)⌋ copies, and the fractional parts are
///    rounded to 0/1 along null-space moves that keep one constraint per type (its expected seats
///    per member) and the total exact while the type's floating weight exceeds K = max over panels
///    of `Σ_t seats(P,t)/members(t)`; counting shows a move exists, except when the exact total
///    leaves none: then the active row of least weight (≤ 2K) is released. With more panels than m,
///    `LotteryPeeling` builds the m panels one by one from the exact probabilities instead.
/// 2. `LotteryExchange` moves single seats between types on single panels, keeping every quota row
///    (value quotas, joint quotas, households), until each type's seats S lie in its window
///    `[n·⌈mπ − 1⌉, n·⌊mπ + 1⌋]` (n members of probability π): then every member is within 1/m.
///    Single exchanges first, then two on one panel, then chains of single exchanges on distinct
///    panels through types that keep their seats. A type that no exchange moves gets single panels
///    composed afresh by a small MIP (`recompose`); that lottery is kept if its pairs stay near
///    chance (`recomposedPairLimit`: Beck–Fiala's panels are copies of LEXIMIN's, which may seat
///    several members of a small type together). Otherwise `LotteryPeeling` builds the m panels
///    afresh and the exchanges and recomposition start again from there (every type then starts
///    within one seat of its expectation); if that fails too, the recomposed lottery is taken.
/// 3. `LotteryRealization` deals each type's seats to its members in seeded shuffled passes: each
///    member gets ⌊S/n⌋ or ⌈S/n⌉ seats, and pairs of members meet about as often as independent
///    draws would make them (round-robin over the file order made neighbours share most panels).
///    The seed is `shuffleSeed`, or a digest of the pool's ids; either way fixed before the beacon.
/// 4. Only if some type stays outside its window, `LotterySwaps` swaps single people on single
///    lottery panels towards 1/m, never raising the largest deviation.
/// Without quotas (tests of the rounding alone), Beck–Fiala is followed by a bounded local search
/// moving whole copies between panels, and members take their seats as in step 3.
///
/// Proved, for every input rounded by Beck–Fiala: every person within (K + 1)/m of their probability
/// ((2K + 1)/m when a row was released); steps 2 and 4 never raise a deviation (and `spread` in step
/// 2 keeps every type's seats), so that bound holds for the lottery (`guaranteedDeviation` reports
/// it; after peeling off track there is no such bound and it reports the checked deviation). Proved for this input whenever step 2
/// ends with every type in its window (or peeling kept its bounds): everyone within 1/m — the
/// lottery then reports `guaranteedDeviation == 1/m`, and `maxDeviation` is checked, not assumed.
/// Not proved in general: that step 2 always succeeds. No known method guarantees 1/m for every
/// quota system (rounding only the distribution's own panels cannot always reach it: for
/// `sa_fixture_22` a feasibility MIP proved that no choice of ⌊m·p(P)⌋ or ⌈m·p(P)⌉ copies per panel
/// does, which is why step 2 changes panels). When it fails the lottery says so: `maxDeviation`
/// above 1/m, with the proved bound beside it.
/// Achieved with m = 1000 (scripts/bench-select, 2026-11-30): within 1/m on every benchmarked pool —
/// the shared instances (`sa_fixture_22` 0.91/m, census_biased_2500 0.91/m), a 1,500-person sample
/// of census_biased_2500 (0.99/m), synthetic volunteer pools of 10,000 (0.96–1.0/m), 100,000
/// (0.99/m) and 1,000,000 people (1.0/m), and synthetic city pools of 1,500 and 2,500 people with
/// k = 40 and 100 (`RelaxedLeximinTests.cityPool`; seed 5 of 1,500/k = 40 ended at 1.56/m before
/// the peeling fallback, now 0.99/m), and 500 people with k = 30 (seeds 5 and 6 ended at 1.01 and
/// 1.04/m before panels were recomposed, now 0.99 and 0.96/m). Beyond the benchmark, 142 of 143
/// city pools of 150–700 people (k = 20–50) end within 1/m; 200 people with k = 20 (seed 4) ends
/// at 1.07/m with the proved bound 21/m beside it.
/// Co-selection: on `example_large_200` (π = 0.1) no two people of a type share more than 2.7
/// times the panels independent people would (round-robin: 9.9); on pools whose types have a few
/// members of small probability, LEXIMIN's own panels may seat several of them at once, and
/// `LotteryExchange.spread` evens that out only as far as the quotas let it (census_biased_2500: 5.3).
/// Deterministic: the same distribution, pool, quotas and seed give the same lottery.
public enum LotteryRounding {
    /// Fractional parts below this are treated as integral: LP solutions carry noise around 1e-9.
    static let integralityTolerance = 1e-9
    /// Pivots smaller than this count as zero in the null-space elimination.
    static let pivotTolerance = 1e-10
    /// Upper bound on local-search moves; each one strictly lowers the largest deviation,
    /// and in practice a few dozen suffice.
    static let maxLocalSearchMoves = 500
    /// Candidate moves the local search may evaluate in all: about a second in a release build for
    /// panels of 100 seats; small lotteries finish long before, large ones stop early (still valid,
    /// since every accepted move only lowered the deviation).
    static let localSearchEvaluations = 5_000_000
    /// Largest pair ratio (`LotteryExchange.largestPairRatio`) at which recomposed Beck–Fiala panels
    /// are kept rather than peeling afresh: peeled lotteries of small city pools reach 0.6–3.5.
    static let recomposedPairLimit = 2.0

    /// The lottery of `size` panels for `distribution` over `pool`'s types. With `quotas` (those the
    /// distribution's panels meet), the exchanges of step 2 bring everyone within 1/m.
    /// `shuffleSeed` seeds the dealing of seats to members (step 3): pass something committed
    /// before the beacon, such as the pool digest; nil uses a digest of the pool's ids.
    public static func round(
        _ distribution: Distribution, pool: Pool, quotas: Quotas? = nil, size m: Int = DrawProtocol.defaultLotterySize,
        shuffleSeed: [UInt8]? = nil
    ) throws(DrawError) -> Lottery {
        guard m >= 1 else { throw .invalidLotterySize(m) }
        var timer = StageTimer()
        let typeSizes = pool.typeMembers.map(\.count)
        for panel in distribution.panels {
            if let bad = panel.types.first(where: { !typeSizes.indices.contains($0) }) { throw .typeOutOfRange(bad) }
        }
        let weights = distribution.probabilities.map { $0.isFinite ? Swift.max(0, $0) : 0 }
        let total = weights.reduce(0, +)
        guard total > 0, !distribution.panels.isEmpty else { throw .emptyDistribution }
        let probabilities = weights.map { $0 / total }
        let seed = shuffleSeed ?? defaultSeed(pool)

        var problem = RoundingProblem(panels: distribution.panels, typeSizes: typeSizes, probabilities: probabilities, m: m)
        timer.mark("setup")
        var multiplicities: [Int]
        var bound: Double
        var exchanged: [TypePanel]?
        if let quotas, pool.features == quotas.features,
           problem.typeProbability.allSatisfy({ $0.isFinite && $0 >= 0 && $0 <= 1 + 1e-9 }) {
            // Steps 1–2, then the exchanges of step 3 on types; the realization of step 4.
            let initial: [TypePanel]
            if distribution.panels.count <= m {
                multiplicities = problem.beckFiala()
                bound = (problem.released ? 2 * problem.columnWeight : problem.columnWeight) + 1
                initial = problem.expand(multiplicities)
                timer.mark("beck-fiala")
            } else if let (peeled, onTrack) = LotteryPeeling.panels(typeProbabilities: problem.typeProbability, pool: pool, quotas: quotas, m: m) {
                // More panels than lottery places: Beck–Fiala has little to work with; peel instead.
                multiplicities = []
                bound = onTrack ? 1 : .infinity
                initial = peeled
                timer.mark("peeling")
            } else {
                multiplicities = problem.largestRemainders()
                bound = .infinity
                initial = problem.expand(multiplicities)
            }
            if LotteryExchange.needed(initial, pool: pool, typeProbabilities: problem.typeProbability) {
                var exchange = LotteryExchange(panels: initial, pool: pool, quotas: quotas, typeProbabilities: problem.typeProbability)
                timer.mark("exchange-setup")
                var repaired = exchange.repair()
                timer.mark("exchange-repair")
                // Where no exchange moves a type, panels composed afresh by a small MIP usually finish
                // in milliseconds; but Beck–Fiala's panels are copies of LEXIMIN's, which may seat
                // several members of a small type together, so that lottery is kept only if its pairs
                // stay near chance after spreading. Otherwise peeling (seconds on small dense pools)
                // starts afresh, and the recomposed lottery is kept in reserve.
                var recomposed: LotteryExchange?
                if !repaired {
                    var candidate = exchange
                    if candidate.repair(recomposing: true) {
                        candidate.spread()
                        if candidate.largestPairRatio <= LotteryRounding.recomposedPairLimit {
                            exchange = candidate
                            repaired = true
                        } else {
                            recomposed = candidate
                        }
                    }
                    timer.mark("exchange-recompose")
                }
                if !repaired, distribution.panels.count <= m,
                   let (peeled, _) = LotteryPeeling.panels(typeProbabilities: problem.typeProbability, pool: pool, quotas: quotas, m: m) {
                    // Peeling starts every type within one seat of its expectation, from where the
                    // exchanges (and recomposing) may bring them into their windows.
                    timer.mark("peeling")
                    var second = LotteryExchange(panels: peeled, pool: pool, quotas: quotas, typeProbabilities: problem.typeProbability)
                    if second.repair() || second.repair(recomposing: true) {
                        exchange = second
                        multiplicities = []
                        repaired = true
                    }
                    timer.mark("exchange-repair-peeled")
                }
                if !repaired, let recomposed {
                    // Everyone within 1/m matters more than pairs: the recomposed lottery after all.
                    exchange = recomposed
                    repaired = true
                }
                if !repaired {
                    // Last: recomposing wherever the exchanges left types outside (e.g. after peeling
                    // more panels than the distribution has).
                    repaired = exchange.repair(recomposing: true)
                    timer.mark("exchange-recompose-last")
                }
                if repaired { bound = 1 }
                exchange.spread()
                timer.mark("exchange-spread")
                exchanged = exchange.typePanels
            } else {
                // Every type already in its window and spread: nothing for the exchanges to do.
                bound = 1
                exchanged = initial
            }
        } else {
            let rounded = problem.beckFiala()
            // Two local searches from the Beck–Fiala rounding; the lottery takes the better one.
            var byMaximum = rounded
            problem.localSearch(&byMaximum)
            var bySquares = rounded
            problem.localSearch(&bySquares, squaresFirst: true)
            problem.localSearch(&bySquares)
            multiplicities = problem.largestDeviation(bySquares) < problem.largestDeviation(byMaximum) ? bySquares : byMaximum
            bound = (problem.released ? 2 * problem.columnWeight : problem.columnWeight) + 1
        }
        var panels = LotteryRealization.people(exchanged ?? problem.expand(multiplicities), pool: pool, seed: seed)
        timer.mark("realization")
        if let quotas, bound > 1 {
            let targets = pool.typeOfPerson.map { Double(m) * problem.typeProbability[$0] }
            LotterySwaps.repair(panels: &panels, targets: targets, pool: pool, quotas: quotas)
            timer.mark("swaps")
        }
        var seatCounts = [Int](repeating: 0, count: pool.count)
        for panel in panels { for person in panel { seatCounts[person] += 1 } }
        var maxDeviation = 0.0
        for person in 0..<pool.count {
            let exact = problem.typeProbability[pool.typeOfPerson[person]]
            maxDeviation = Swift.max(maxDeviation, abs(Double(seatCounts[person]) / Double(m) - exact))
        }
        // Proved: 1/m when every type's seats are in their window; Beck–Fiala's bound otherwise
        // (exchanges and swaps never raise a deviation past it); after peeling off track, nothing
        // beyond what was checked. A checked deviation within 1/m is reported as such.
        timer.mark("count")
        let withinOne = maxDeviation <= (1 + LotteryExchange.tolerance) / Double(m)
        let guaranteed = withinOne ? 1 / Double(m) : bound.isFinite ? bound / Double(m) : maxDeviation
        return Lottery(
            panels: panels, multiplicities: multiplicities, seatCounts: seatCounts, maxDeviation: maxDeviation,
            guaranteedDeviation: guaranteed, stageSeconds: timer.stages)
    }

    /// The shuffle seed when the caller gives none: the pool's ids in order, which the pool digest
    /// commits to before the beacon.
    static func defaultSeed(_ pool: Pool) -> [UInt8] {
        SHA256.hash(pool.ids.joined(separator: "\n"))
    }
}

/// The working state of one rounding: panels by type, the exact target per type, and the flag
/// that records whether the weaker Beck–Fiala bound applies.
struct RoundingProblem {
    let panels: [TypePanel]
    let typeSizes: [Int]
    let m: Int
    /// Exact expected lottery panels per panel, m·p(P).
    let expected: [Double]
    /// Exact probability of each member of each type.
    let typeProbability: [Double]
    /// K: the largest column weight `Σ_t seats(P,t)/members(t)`.
    let columnWeight: Double
    private(set) var released = false

    init(panels: [TypePanel], typeSizes: [Int], probabilities: [Double], m: Int) {
        self.panels = panels
        self.typeSizes = typeSizes
        self.m = m
        expected = probabilities.map { $0 * Double(m) }
        var typeProbability = [Double](repeating: 0, count: typeSizes.count)
        var columnWeight = 0.0
        for (index, panel) in panels.enumerated() {
            var weight = 0.0
            for (type, count) in zip(panel.types, panel.counts) {
                let share = Double(count) / Double(typeSizes[type])
                typeProbability[type] += probabilities[index] * share
                weight += share
            }
            columnWeight = Swift.max(columnWeight, weight)
        }
        self.typeProbability = typeProbability
        self.columnWeight = columnWeight
    }

    /// The lottery panels these copies per panel stand for, in order.
    func expand(_ copies: [Int]) -> [TypePanel] {
        var result: [TypePanel] = []
        result.reserveCapacity(m)
        for (panel, count) in zip(panels, copies) { for _ in 0..<count { result.append(panel) } }
        return result
    }

    /// ⌊m·p(P)⌋ copies per panel, and one more for the panels of largest remainder until there are m:
    /// for distributions with more panels than m, where Beck–Fiala has little to work with (and is slow).
    func largestRemainders() -> [Int] {
        var copies = expected.map { Int(($0 + LotteryRounding.integralityTolerance).rounded(.down)) }
        let order = expected.indices.sorted {
            let a = expected[$0] - Double(copies[$0]), b = expected[$1] - Double(copies[$1])
            return a > b || a == b && $0 < $1
        }
        var missing = m - copies.reduce(0, +)
        for index in order where missing > 0 {
            copies[index] += 1
            missing -= 1
        }
        balance(&copies)
        return copies
    }

    /// Steps 1–2: integral copies per panel summing to m.
    mutating func beckFiala() -> [Int] {
        let tolerance = LotteryRounding.integralityTolerance
        var copies = expected.map { Int(($0 + tolerance).rounded(.down)) }
        var fraction = zip(expected, copies).map { Swift.max(0, $0 - Double($1)) }
        var floating = fraction.indices.filter { fraction[$0] > tolerance && fraction[$0] < 1 - tolerance }
        let floatingSet = Set(floating)
        for index in fraction.indices where !floatingSet.contains(index) { fraction[index] = fraction[index].rounded() }
        var rowWeight = [Double](repeating: 0, count: typeSizes.count)
        for index in floating { addWeight(of: index, to: &rowWeight, sign: 1) }
        var releasedRows = Set<Int>()

        while floating.count > 1 {
            let active = rowWeight.indices.filter {
                rowWeight[$0] > columnWeight + tolerance && !releasedRows.contains($0)
            }
            guard let direction = nullVector(floating: floating, activeRows: active) else {
                // No move keeps every active row and the total exact: release the lightest row.
                if let lightest = active.min(by: { rowWeight[$0] < rowWeight[$1] }) {
                    releasedRows.insert(lightest)
                    released = true
                    continue
                }
                break
            }
            var step = Double.infinity
            for (column, value) in zip(floating, direction) {
                if value > LotteryRounding.pivotTolerance { step = Swift.min(step, (1 - fraction[column]) / value) }
                if value < -LotteryRounding.pivotTolerance { step = Swift.min(step, fraction[column] / -value) }
            }
            guard step.isFinite else { break }
            var stillFloating: [Int] = []
            for (column, value) in zip(floating, direction) {
                fraction[column] = Swift.min(1, Swift.max(0, fraction[column] + step * value))
                if fraction[column] <= tolerance || fraction[column] >= 1 - tolerance {
                    fraction[column] = fraction[column].rounded()
                    addWeight(of: column, to: &rowWeight, sign: -1)
                } else {
                    stillFloating.append(column)
                }
            }
            if stillFloating.count == floating.count,
                let nearest = stillFloating.indices.min(by: {
                    distanceToIntegral(fraction[stillFloating[$0]]) < distanceToIntegral(fraction[stillFloating[$1]])
                })
            {
                // Numerical safety: the column that set the step is integral up to rounding; fix it.
                let column = stillFloating.remove(at: nearest)
                fraction[column] = fraction[column].rounded()
                addWeight(of: column, to: &rowWeight, sign: -1)
            }
            floating = stillFloating
        }
        for column in floating { fraction[column] = fraction[column].rounded() }
        for index in copies.indices { copies[index] += Int(fraction[index]) }
        balance(&copies)
        return copies
    }

    private func distanceToIntegral(_ x: Double) -> Double {
        Swift.min(x, 1 - x)
    }

    private func addWeight(of panel: Int, to rowWeight: inout [Double], sign: Double) {
        for (type, count) in zip(panels[panel].types, panels[panel].counts) {
            rowWeight[type] += sign * Double(count) / Double(typeSizes[type])
        }
    }

    /// A nonzero vector over `floating` (zero outside the columns it uses) that changes neither the
    /// total nor any active row; nil when the rows leave no freedom. Uses only as many leading
    /// columns as needed, so the elimination stays small.
    private func nullVector(floating: [Int], activeRows: [Int]) -> [Double]? {
        let activeSet = Set(activeRows)
        var width = 2
        while true {
            let columns = Array(floating.prefix(width))
            var rows: [Int] = []
            var seen = Set<Int>()
            for column in columns {
                for type in panels[column].types where activeSet.contains(type) && seen.insert(type).inserted {
                    rows.append(type)
                }
            }
            if rows.count + 1 < columns.count || columns.count == floating.count {
                if let vector = solveNull(columns: columns, rows: rows) {
                    return vector + [Double](repeating: 0, count: floating.count - columns.count)
                }
                if columns.count == floating.count { return nil }
            }
            width = Swift.min(floating.count, Swift.max(width + 1, rows.count + 2))
        }
    }

    /// Gaussian elimination on [ones; rows] × columns; returns a null vector or nil if full column rank.
    private func solveNull(columns: [Int], rows: [Int]) -> [Double]? {
        let width = columns.count
        let height = rows.count + 1
        var matrix = [Double](repeating: 0, count: height * width)
        for c in 0..<width { matrix[c] = 1 }
        let rowIndex = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($1, $0 + 1) })
        for (c, column) in columns.enumerated() {
            for (type, count) in zip(panels[column].types, panels[column].counts) {
                if let r = rowIndex[type] { matrix[r * width + c] = Double(count) / Double(typeSizes[type]) }
            }
        }
        var pivotColumns: [Int] = []
        matrix.withUnsafeMutableBufferPointer { a in
            var rank = 0
            for c in 0..<width where rank < height {
                var best = rank
                for r in rank..<height where abs(a[r * width + c]) > abs(a[best * width + c]) { best = r }
                guard abs(a[best * width + c]) > LotteryRounding.pivotTolerance else { continue }
                if best != rank {
                    for k in 0..<width { a.swapAt(rank * width + k, best * width + k) }
                }
                let pivot = a[rank * width + c]
                for k in c..<width { a[rank * width + k] /= pivot }
                for r in 0..<height where r != rank {
                    let factor = a[r * width + c]
                    if factor == 0 { continue }
                    for k in c..<width { a[r * width + k] -= factor * a[rank * width + k] }
                }
                pivotColumns.append(c)
                rank += 1
            }
        }
        let pivotSet = Set(pivotColumns)
        guard let free = (0..<width).first(where: { !pivotSet.contains($0) }) else { return nil }
        var vector = [Double](repeating: 0, count: width)
        vector[free] = 1
        for (r, c) in pivotColumns.enumerated() { vector[c] = -matrix[r * width + free] }
        return vector
    }

    /// Guards against floating-point drift: makes the copies sum to exactly m.
    private func balance(_ copies: inout [Int]) {
        var total = copies.reduce(0, +)
        while total < m, let best = copies.indices.max(by: { expected[$0] - Double(copies[$0]) < expected[$1] - Double(copies[$1]) }) {
            copies[best] += 1
            total += 1
        }
        while total > m, let best = copies.indices.filter({ copies[$0] > 0 })
            .min(by: { expected[$0] - Double(copies[$0]) < expected[$1] - Double(copies[$1]) })
        {
            copies[best] -= 1
            total -= 1
        }
    }

    // MARK: - Local search

    /// The largest deviation in seats of any person for these copies per panel.
    func largestDeviation(_ copies: [Int]) -> Double {
        var seats = [Int](repeating: 0, count: typeSizes.count)
        for (index, panel) in panels.enumerated() where copies[index] > 0 {
            for (type, count) in zip(panel.types, panel.counts) { seats[type] += copies[index] * count }
        }
        return typeSizes.indices.map { deviation(type: $0, seats: seats[$0]) }.max() ?? 0
    }

    /// The largest deviation (in seats) of a member of `type` when the type holds `seats` lottery
    /// seats, given round-robin realization (members get ⌊S/n⌋ or ⌈S/n⌉ seats).
    func deviation(type: Int, seats: Int) -> Double {
        let n = typeSizes[type]
        let target = Double(m) * typeProbability[type]
        let low = seats / n
        let lowDeviation = abs(Double(low) - target)
        return seats % n == 0 ? lowDeviation : Swift.max(lowDeviation, abs(Double(low + 1) - target))
    }

    /// Step 4: moves one copy from one panel to another while that lowers the largest deviation of
    /// any person, or keeps it and lowers the sum of squared deviations; bounded in moves.
    /// With `squaresFirst` it lowers the sum of squares alone (which may raise the maximum; the
    /// caller then runs the ordinary search and keeps whichever result has the lower maximum).
    /// Each move is sought for the worst type only: a copy leaves a panel pushing it the wrong way
    /// (hardest first) and goes to whichever panel scores best; the search stops after
    /// `localSearchEvaluations` candidate moves.
    func localSearch(_ copies: inout [Int], squaresFirst: Bool = false) {
        let tolerance = LotteryRounding.integralityTolerance
        var seats = [Int](repeating: 0, count: typeSizes.count)
        for (index, panel) in panels.enumerated() where copies[index] > 0 {
            for (type, count) in zip(panel.types, panel.counts) { seats[type] += copies[index] * count }
        }
        var devs = typeSizes.indices.map { deviation(type: $0, seats: seats[$0]) }
        var delta = [Int](repeating: 0, count: typeSizes.count)
        var touched: [Int] = []
        var budget = LotteryRounding.localSearchEvaluations
        for _ in 0..<LotteryRounding.maxLocalSearchMoves where budget > 0 {
            let order = devs.indices.sorted { devs[$0] > devs[$1] || devs[$0] == devs[$1] && $0 < $1 }
            guard let worst = order.first, devs[worst] > tolerance else { return }
            let currentMax = devs[worst]
            let currentSquares = devs.reduce(0) { $0 + $1 * $1 }
            let wantMore = Double(seats[worst]) / Double(typeSizes[worst]) < Double(m) * typeProbability[worst]
            // Panels holding copies, those pushing the worst type hardest the wrong way first.
            let sources = panels.indices.filter { copies[$0] > 0 }.sorted {
                let a = panels[$0].count(ofType: worst), b = panels[$1].count(ofType: worst)
                return (wantMore ? a < b : a > b) || a == b && $0 < $1
            }
            var best: (from: Int, to: Int, max: Double, squares: Double)?
            // First only moves that help the worst type; when none does, any move that keeps the
            // largest deviation and lowers the sum of squares (so the search can leave plateaus).
            for focused in [true, false] where best == nil {
                for from in sources where budget > 0 {
                    let fromCount = panels[from].count(ofType: worst)
                    for to in panels.indices where to != from {
                        let toCount = panels[to].count(ofType: worst)
                        if focused, !(wantMore ? toCount > fromCount : toCount < fromCount) { continue }
                        if !focused, toCount == fromCount ? false : (wantMore ? toCount > fromCount : toCount < fromCount) { continue }
                        budget -= 1
                        for (type, count) in zip(panels[from].types, panels[from].counts) {
                            if delta[type] == 0 { touched.append(type) }
                            delta[type] -= count
                        }
                        for (type, count) in zip(panels[to].types, panels[to].counts) {
                            if delta[type] == 0 { touched.append(type) }
                            delta[type] += count
                        }
                        var newMax = 0.0, newSquares = currentSquares
                        for type in touched {
                            let dev = deviation(type: type, seats: seats[type] + delta[type])
                            newMax = Swift.max(newMax, dev)
                            newSquares += dev * dev - devs[type] * devs[type]
                        }
                        if let unchanged = order.first(where: { !touched.contains($0) }) {
                            newMax = Swift.max(newMax, devs[unchanged])
                        }
                        for type in touched { delta[type] = 0 }
                        touched.removeAll(keepingCapacity: true)
                        let better = squaresFirst
                            ? newSquares < currentSquares - tolerance
                            : newMax < currentMax - tolerance
                                || newMax <= currentMax + tolerance && newSquares < currentSquares - tolerance
                        guard better else { continue }
                        if let b = best,
                            squaresFirst ? b.squares <= newSquares : (b.max, b.squares) <= (newMax, newSquares)
                        {
                            continue
                        }
                        best = (from, to, newMax, newSquares)
                    }
                }
            }
            guard let move = best else { return }
            copies[move.from] -= 1
            copies[move.to] += 1
            for (type, count) in zip(panels[move.from].types, panels[move.from].counts) { seats[type] -= count }
            for (type, count) in zip(panels[move.to].types, panels[move.to].counts) { seats[type] += count }
            for type in panels[move.from].types + panels[move.to].types {
                devs[type] = deviation(type: type, seats: seats[type])
            }
        }
    }
}
