import Optimization

/// LEXIMIN (Flanigan, Gölz, Gupta, Hennig, Procaccia, Nature 2021): the distribution over panels
/// meeting the quotas that maximizes the smallest selection probability, then the second smallest,
/// and so on. Works on types throughout: members of a type share one probability, panels are type
/// counts.
///
/// Two routes, both exact. First the leximin vector of the LP relaxation (`RelaxedLeximin`), written
/// as a mixture of panels by `PanelDecomposition`: no distribution beats the relaxation, so when the
/// decomposition succeeds the result is the LEXIMIN, certified — this is what makes pools of a whole
/// city fast. When it fails, column generation over panels with a MIP pricing problem (the paper's
/// method) computes it.
public enum Leximin {
    /// Tunables of the column generation.
    public struct Options: Sendable {
        /// Multiplicative-weights rounds that seed the panel set; nil means `min(3 × types, defaultSeedRounds)`.
        public var seedRounds: Int?
        /// Try the relaxation first (`RelaxedLeximin` then `PanelDecomposition`), falling back to
        /// column generation only when its leximin vector is not a mixture of panels.
        public var relaxationFirst: Bool
        /// Node limit of each exact pricing MIP. A step whose pricing stops there is reported in
        /// `Distribution.approximateSteps`; the default is `MIPOptions`' (large enough never to bind
        /// on real pools — tests set a tiny one).
        public var pricingNodeLimit: Int

        public init(seedRounds: Int? = nil, relaxationFirst: Bool = true, pricingNodeLimit: Int = MIPOptions().nodeLimit) {
            self.seedRounds = seedRounds
            self.relaxationFirst = relaxationFirst
            self.pricingNodeLimit = pricingNodeLimit
        }
    }

    /// Seeding cap: enough diverse panels to start column generation well, without spending long
    /// on MIPs that the column generation would make anyway.
    static let defaultSeedRounds = 60
    /// A panel improves the dual when its weight exceeds ŷ by more than this. Weights of the
    /// unfixed types sum to 1, so this bounds the error in the fixed probabilities far below 1e-4.
    static let pricingTolerance = 1e-8
    /// A type whose dual weight exceeds this is fixed at the current optimum (complementary slackness).
    static let fixingThreshold = 1e-9
    /// How much the fixed probabilities give way when rounding makes the dual LP unbounded (as in the reference code).
    static let fixedRelaxationStep = 1e-7
    /// Multiplicative-weights factor for the types on each seeding panel (the reference uses 0.8).
    static let seedDecay = 0.8
    /// Extra panels sought per dual solve (multiple pricing), and how much the weights of types already
    /// seated in this round are damped so that the next pricing looks elsewhere.
    static let extraPanelsPerRound = 4
    static let extraPanelDamping = 0.5
    /// Most relaxation steps before giving up (each gives way by `fixedRelaxationStep`).
    static let relaxationLimit = 1000
    /// Guard against endless column generation from numerical trouble.
    static let panelLimit = 200_000

    /// Computes the LEXIMIN distribution. Throws `.infeasible` with diagnostics when no panel meets the quotas.
    public static func distribution(pool: Pool, quotas: Quotas, options: Options = Options(),
                                    progress: ProgressHandler? = nil) throws(SelectionError) -> Distribution {
        guard pool.features == quotas.features else { throw .invalidInput(.featuresMismatch) }
        progress?(SelectionProgress(stage: .feasibility, fixedShare: 0, panels: 0))
        let report = try FeasibilityCheck.check(pool: pool, quotas: quotas)
        guard report.feasible else { throw .infeasible(report) }
        let quotaModel = QuotaModel(pool: pool, quotas: quotas)
        if options.relaxationFirst, let distribution = relaxed(pool: pool, quotas: quotas, quotaModel: quotaModel, progress: progress) {
            return distribution
        }
        var state = LeximinState(pool: pool, pricer: PanelPricer(quotaModel: quotaModel, exactNodeLimit: options.pricingNodeLimit), progress: progress)
        try state.seed(rounds: options.seedRounds ?? Swift.min(3 * pool.typeCount, defaultSeedRounds), quotas: quotas)
        try state.fixAll()
        return try state.finalDistribution(quotas: quotas)
    }
}

extension Leximin {
    /// The leximin vector of the relaxation, written as a mixture of panels: the true LEXIMIN
    /// (see `RelaxedLeximin`), or nil when the decomposition fails.
    static func relaxed(pool: Pool, quotas: Quotas, quotaModel: QuotaModel, progress: ProgressHandler?) -> Distribution? {
        progress?(SelectionProgress(stage: .relaxation, fixedShare: 0, panels: 0))
        guard let probabilities = RelaxedLeximin.probabilities(pool: pool, quotaModel: quotaModel, progress: progress) else { return nil }
        let target = zip(probabilities, pool.typeMembers).map { $0 * Double($1.count) }
        let decomposition = PanelDecomposition(pool: pool, quotaModel: quotaModel, panelSize: quotas.panelSize)
        guard let (panels, weights) = decomposition.decompose(target: target, progress: progress) else { return nil }
        var typeProbabilities = [Double](repeating: 0, count: pool.typeCount)
        for (panel, weight) in zip(panels, weights) {
            for (type, count) in zip(panel.types, panel.counts) {
                typeProbabilities[type] += weight * Double(count) / Double(pool.typeMembers[type].count)
            }
        }
        var excluded: [Int: String] = [:]
        for type in 0..<pool.typeCount where typeProbabilities[type] <= fixingThreshold {
            excluded[type] = exclusionReason(type: type, pool: pool, quotas: quotas)
        }
        return Distribution(panels: panels, probabilities: weights, typeProbabilities: typeProbabilities, excluded: excluded)
    }

    /// Why no panel seats a type, in plain words.
    static func exclusionReason(type: Int, pool: Pool, quotas: Quotas) -> String {
        let values = pool.typeValues[type]
        for (f, v) in values.enumerated() where quotas.maximum[f][v] == 0 {
            return "the quota of \(quotas.label(ValueRef(feature: f, value: v))) allows no seats"
        }
        let description = values.enumerated().map { quotas.label(ValueRef(feature: $0.offset, value: $0.element)) }.joined(separator: ", ")
        return "no panel meeting all quotas can include anyone with \(description)"
    }
}

/// The working state of one LEXIMIN run: known panels, fixed probabilities, excluded types.
struct LeximinState {
    let pool: Pool
    let pricer: PanelPricer
    let progress: ProgressHandler?
    var panels: [TypePanel] = []
    var known: Set<TypePanel> = []
    /// Fixed probability per type (nil while unfixed).
    var fixed: [Double?]
    var excluded: [Int: String] = [:]
    /// Steps resting on a pricing MIP stopped at a limit.
    var approximateSteps: [ApproximateStep] = []

    init(pool: Pool, pricer: PanelPricer, progress: ProgressHandler?) {
        self.pool = pool
        self.pricer = pricer
        self.progress = progress
        fixed = Array(repeating: nil, count: pool.typeCount)
    }

    var typeCount: Int { pool.typeCount }

    @discardableResult
    mutating func add(_ panel: TypePanel) -> Bool {
        guard known.insert(panel).inserted else { return false }
        panels.append(panel)
        return true
    }

    /// Diverse initial panels by multiplicative weights, then one panel per still uncovered type;
    /// types no panel can seat get probability 0 with a reason.
    mutating func seed(rounds: Int, quotas: Quotas) throws(SelectionError) {
        progress?(SelectionProgress(stage: .seeding, fixedShare: 0, panels: 0))
        // A fixed, slightly uneven start so ties break the same way on every run.
        var weights = (0..<typeCount).map { 1 + Double(($0 &* 7919) % 101) * 1e-4 }
        var covered = [Bool](repeating: false, count: typeCount)
        for _ in 0..<rounds {
            guard let (panel, _) = try pricer.best(weights: weights, accuracy: .rough) else { throw .solverFailed("no panel found after the feasibility check found one") }
            for (type, count) in zip(panel.types, panel.counts) {
                covered[type] = true
                weights[type] *= 1 - (1 - Leximin.seedDecay) * Double(count) / Double(pool.typeMembers[type].count)
            }
            progress?(SelectionProgress(stage: .seeding, fixedShare: 0, panels: panels.count))
            if !add(panel) {
                let mean = weights.reduce(0, +) / Double(typeCount)
                weights = weights.map { 0.5 * $0 + 0.5 * mean }
            }
            let total = weights.reduce(0, +)
            weights = weights.map { $0 * Double(typeCount) / total }
        }
        var uncovered = (0..<typeCount).filter { !covered[$0] }
        var coverAll = true
        while let target = uncovered.first {
            var weights = [Double](repeating: 0, count: typeCount)
            if coverAll {
                for type in uncovered { weights[type] = 1 / Double(pool.typeMembers[type].count) }
            } else {
                // As many of the target as a panel can seat: zero exactly when no panel seats any.
                weights[target] = 1
            }
            guard let priced = try pricer.priced(weights: weights, accuracy: coverAll ? .rough : .exact) else {
                throw .solverFailed("no panel found after the feasibility check found one")
            }
            let panel = priced.panel
            let newlyCovered = panel.types.filter { !covered[$0] }
            if coverAll {
                // One panel seating as many uncovered types as it can; once that fails, go type by type.
                coverAll = !newlyCovered.isEmpty
            } else if panel.count(ofType: target) == 0 {
                // Seats are whole numbers: a bound below 1 still proves no panel seats the type.
                if let limit = priced.stoppedBy, priced.bound >= 1 - Leximin.pricingTolerance {
                    approximateSteps.append(
                        ApproximateStep(step: 0, stoppedBy: limit, types: [target], fixedProbability: 0, boundGap: priced.bound))
                }
                excluded[target] = exclusionReason(type: target, quotas: quotas)
                fixed[target] = 0
                covered[target] = true
            }
            if !newlyCovered.isEmpty { add(panel) }
            progress?(SelectionProgress(stage: .seeding, fixedShare: 0, panels: panels.count))
            for type in newlyCovered { covered[type] = true }
            uncovered = uncovered.filter { !covered[$0] }
        }
    }

    func exclusionReason(type: Int, quotas: Quotas) -> String {
        Leximin.exclusionReason(type: type, pool: pool, quotas: quotas)
    }

    var fixedShare: Double {
        let people = fixed.indices.reduce(0) { $0 + (fixed[$1] == nil ? 0 : pool.typeMembers[$1].count) }
        return Double(people) / Double(Swift.max(1, pool.count))
    }

    /// The outer loop: maximize the smallest unfixed probability given the fixed ones (dual LP over the
    /// known panels, pricing new panels until none improves), fix the types whose dual weight is positive,
    /// repeat until every type is fixed.
    mutating func fixAll() throws(SelectionError) {
        var dual = LeximinDual(pool: pool, panels: panels)
        var relaxations = 0
        var step = 0
        while fixed.contains(where: { $0 == nil }) {
            step += 1
            progress?(SelectionProgress(stage: .leximin, fixedShare: fixedShare, panels: panels.count))
            dual.setFixed(fixed)
            while true {
                guard panels.count < Leximin.panelLimit else { throw .solverFailed("column generation exceeded \(Leximin.panelLimit) panels") }
                guard let solution = try dual.solve() else {
                    // Rounding left the fixed probabilities slightly out of reach: give way a little.
                    relaxations += 1
                    guard relaxations <= Leximin.relaxationLimit else { throw .solverFailed("fixed probabilities stay out of reach") }
                    fixed = fixed.map { $0.map { Swift.max(0, $0 - Leximin.fixedRelaxationStep) } }
                    dual.setFixed(fixed)
                    continue
                }
                let memberWeights = (0..<typeCount).map { solution.weights[$0] / Double(pool.typeMembers[$0].count) }
                guard let priced = try pricer.priced(weights: memberWeights) else { throw .solverFailed("pricing found no panel") }
                let (panel, value) = (priced.panel, priced.value)
                if value > solution.cap + Leximin.pricingTolerance, add(panel) {
                    dual.add(panel)
                    try addMorePanels(after: panel, weights: memberWeights, cap: solution.cap, dual: dual)
                    continue
                }
                var fixedAny = false
                var newlyFixed: [Int] = []
                for type in 0..<typeCount where fixed[type] == nil && solution.weights[type] > Leximin.fixingThreshold {
                    fixed[type] = Swift.max(0, solution.objective)
                    fixedAny = true
                    newlyFixed.append(type)
                }
                if !fixedAny, let type = (0..<typeCount).filter({ fixed[$0] == nil }).max(by: { solution.weights[$0] < solution.weights[$1] }) {
                    fixed[type] = Swift.max(0, solution.objective)
                    newlyFixed.append(type)
                }
                // Fixing rests on "no panel beats the cap": unproven when the MIP stopped with a bound above it.
                if let limit = priced.stoppedBy, priced.bound > solution.cap + Leximin.pricingTolerance {
                    approximateSteps.append(
                        ApproximateStep(
                            step: step, stoppedBy: limit, types: newlyFixed, fixedProbability: Swift.max(0, solution.objective),
                            boundGap: priced.bound - solution.cap))
                }
                break
            }
        }
    }

    /// Multiple pricing: a warm LP re-solve costs more than a pricing MIP, so after an improving panel,
    /// damp the weights of the types it seats and look for further panels that also violate the current
    /// dual solution (measured with the true weights), adding them in the same round.
    mutating func addMorePanels(after first: TypePanel, weights: [Double], cap: Double, dual: LeximinDual) throws(SelectionError) {
        var damped = weights
        var last = first
        for _ in 0..<Leximin.extraPanelsPerRound {
            for type in last.types { damped[type] *= Leximin.extraPanelDamping }
            guard let (panel, _) = try pricer.best(weights: damped, accuracy: .rough) else { return }
            var value = 0.0
            for (type, count) in zip(panel.types, panel.counts) { value += weights[type] * Double(count) }
            guard value > cap + Leximin.pricingTolerance, add(panel) else { return }
            dual.add(panel)
            last = panel
        }
    }

    /// The final primal: probabilities of the known panels that give every type its fixed probability
    /// (minimizing the largest shortfall, for numerical safety).
    func finalDistribution(quotas: Quotas) throws(SelectionError) -> Distribution {
        progress?(SelectionProgress(stage: .finalDistribution, fixedShare: 1, panels: panels.count))
        var model = LinearModel(sense: .minimize)
        for _ in panels { model.addVariable(Variable(lower: 0)) }
        let shortfall = model.addVariable(Variable(lower: 0, cost: 1))
        model.addConstraint(Constraint(indices: Array(panels.indices), coefficients: Array(repeating: 1, count: panels.count), lower: 1, upper: 1))
        var rows = [(indices: [Int], coefficients: [Double])](repeating: ([], []), count: typeCount)
        for (index, panel) in panels.enumerated() {
            for (type, count) in zip(panel.types, panel.counts) {
                rows[type].indices.append(index)
                rows[type].coefficients.append(Double(count) / Double(pool.typeMembers[type].count))
            }
        }
        for type in 0..<typeCount where excluded[type] == nil {
            model.addConstraint(Constraint(indices: rows[type].indices + [shortfall], coefficients: rows[type].coefficients + [1],
                                           lower: fixed[type] ?? 0))
        }
        let solution = SimplexSolver(model: model, options: SimplexOptions()).solve()
        guard solution.status == .optimal else { throw .solverFailed("final distribution LP ended with status \(solution.status)") }
        var chosen: [TypePanel] = [], probabilities: [Double] = []
        for (index, panel) in panels.enumerated() where solution.values[index] > Leximin.fixingThreshold {
            chosen.append(panel)
            probabilities.append(solution.values[index])
        }
        let total = probabilities.reduce(0, +)
        guard total > 0 else { throw .solverFailed("final distribution is empty") }
        probabilities = probabilities.map { $0 / total }
        var typeProbabilities = [Double](repeating: 0, count: typeCount)
        for (panel, probability) in zip(chosen, probabilities) {
            for (type, count) in zip(panel.types, panel.counts) {
                typeProbabilities[type] += probability * Double(count) / Double(pool.typeMembers[type].count)
            }
        }
        var excluded = excluded
        for type in 0..<typeCount where typeProbabilities[type] <= Leximin.fixingThreshold && excluded[type] == nil {
            // Fixed at zero by the column generation itself: no panel seats this type either.
            excluded[type] = exclusionReason(type: type, quotas: quotas)
        }
        return Distribution(
            panels: chosen, probabilities: probabilities, typeProbabilities: typeProbabilities, excluded: excluded,
            approximateSteps: approximateSteps)
    }
}
