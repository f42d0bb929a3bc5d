/// Branch and bound for mixed-integer linear programs on top of `SimplexSolver`.
///
/// Nodes are chosen best-bound first, with a depth-first dive below each chosen node until it
/// is pruned; every node's LP is re-solved from the previous basis (dual simplex after the
/// bound changes). Integer bounds are tightened by row-activity propagation and, against
/// the incumbent, by reduced-cost fixing at the root. Early incumbents come from rounding
/// each LP point and from a fractional dive at the root. Branching uses pseudocosts.
///
/// The solver is reusable: `setCost`/`setObjective` then `solve()` starts from the last LP
/// basis and tries the points found by earlier solves as first incumbents, which is what
/// repeated pricing with changing weights needs. Not thread-safe; use one per thread.
public final class MIPSolver {
    /// The model as currently modified (costs change with `setCost`).
    public private(set) var model: LinearModel
    public var options: MIPOptions

    private let lp: SimplexSolver
    private let propagator: ActivityPropagator
    private let integerVariables: [Int]
    private let rounding: RoundingHeuristic
    /// Integer-feasible points of earlier solves, tried first when the objective changes.
    private var pool: [[Double]] = []
    private var pseudocosts: Pseudocosts

    /// Bounds the LP currently has, and which variables differ from the solve's global bounds.
    private var lpLower: [Double]
    private var lpUpper: [Double]
    private var modified: [Int] = []
    private var isModified: [Bool]

    // State of one solve, in internal minimization (objective × sign).
    private var sign = 1.0
    private var globalLower: [Double] = []
    private var globalUpper: [Double] = []
    private var incumbent: [Double]?
    private var incumbentValue = Double.infinity
    private var objectiveIsIntegral = false
    private var root: (objective: Double, values: [Double], reducedCosts: [Double])?
    private var nodes = 0
    private var iterations = 0
    private var deadline: ContinuousClock.Instant?

    /// Most earlier solutions kept for warm starts: enough to cover a round of pricing.
    private static let poolCapacity = 16
    /// Reduced costs smaller than this are treated as zero in reduced-cost fixing.
    private static let reducedCostTolerance = 1e-7
    /// LP solves a root dive may spend, beyond one per fractional variable.
    private static let diveExtraSolves = 10
    /// Upper limit on the LP solves of one root dive.
    private static let diveMaximumSolves = 200

    public init(model: LinearModel, options: MIPOptions = .init()) {
        self.model = model
        self.options = options
        lp = SimplexSolver(model: model, options: options.simplex)
        // The LP ignores out-of-range indices and zero or non-finite coefficients; so do we.
        var rows = model
        for i in rows.constraints.indices {
            let row = rows.constraints[i]
            let kept = row.indices.indices.filter { k in
                row.indices[k] >= 0 && row.indices[k] < model.variables.count
                    && row.coefficients[k] != 0 && row.coefficients[k].isFinite
            }
            rows.constraints[i].indices = kept.map { row.indices[$0] }
            rows.constraints[i].coefficients = kept.map { row.coefficients[$0] }
        }
        let columns = ColumnView(model: rows)
        propagator = ActivityPropagator(model: rows, columns: columns)
        integerVariables = model.variables.indices.filter { model.variables[$0].isInteger }
        rounding = RoundingHeuristic(constraints: rows.constraints, variables: model.variables, columns: columns)
        pseudocosts = Pseudocosts(count: model.variables.count)
        lpLower = model.variables.map(\.lower)
        lpUpper = model.variables.map(\.upper)
        isModified = Array(repeating: false, count: model.variables.count)
    }

    /// Changes the objective coefficient of variable `j` (a valid index) for the next solve.
    public func setCost(_ j: Int, _ cost: Double) {
        guard model.variables[j].cost != cost else { return }
        model.variables[j].cost = cost
        lp.setCost(j, cost)
    }

    /// Replaces the objective coefficients (one per variable) for the next solve.
    public func setObjective(_ costs: [Double]) {
        for (j, cost) in costs.enumerated() where j < model.variables.count { setCost(j, cost) }
    }

    // MARK: - Solve

    /// Runs branch and bound to optimality or a limit.
    public func solve() -> MIPSolution {
        let answer = search()
        parkAtRoot()
        return answer
    }

    /// Leaves the LP at the optimum of the root relaxation with the model's own bounds, so
    /// the next solve after an objective change starts primal feasible near its root optimum
    /// rather than from the last node of this tree.
    private func parkAtRoot() {
        guard let root = rootBounds else { return }
        for j in modified { isModified[j] = false }
        modified = []
        for j in root.lower.indices { setLPBounds(j, root.lower[j], root.upper[j]) }
        if let seconds = secondsLeft(), seconds == 0 { return }
        _ = lp.solve()
    }

    private func search() -> MIPSolution {
        let clock = ContinuousClock()
        deadline = options.timeLimit.map { clock.now + .seconds($0) }
        lp.options = options.simplex
        if let limit = options.timeLimit { lp.options.timeLimit = min(limit, options.simplex.timeLimit ?? limit) }
        sign = model.sense == .minimize ? 1 : -1
        incumbent = nil
        incumbentValue = .infinity
        root = nil
        nodes = 0
        iterations = 0
        objectiveIsIntegral = computeObjectiveIsIntegral()

        guard setGlobalBounds() else { return result(.infeasible, bound: .infinity) }
        for point in pool { offerIncumbent(point) }

        var queue = NodeQueue()
        var next: BranchNode? = BranchNode(changes: [], bound: -.infinity, depth: 0, branching: nil)
        var stopped: (status: MIPStatus, node: BranchNode)?
        var unsolvedBound = Double.infinity
        var incumbentAtLastPrune = incumbentValue
        while true {
            if next == nil {
                if incumbentValue < incumbentAtLastPrune {
                    queue.prune(keeping: worthExploring)
                    incumbentAtLastPrune = incumbentValue
                }
                next = queue.pop()
            }
            guard let node = next else { break }
            next = nil
            if !worthExploring(node.bound) { continue }
            if nodes >= options.nodeLimit { stopped = (.nodeLimit, node); break }
            if timeIsUp() { stopped = (.timeLimit, node); break }
            switch process(node) {
            case .pruned:
                break
            case .branched(let preferred, let other):
                queue.push(other)
                next = preferred
            case .unbounded:
                return unboundedOrInfeasible()
            case .stopped(let status):
                stopped = (status, node)
            case .unsolved:
                unsolvedBound = min(unsolvedBound, node.bound)
            }
            if stopped != nil { break }
        }

        var bound = min(queue.bestBound, unsolvedBound, incumbentValue)
        if let stopped { bound = min(bound, stopped.node.bound) }
        if gapIsClosed(bound) { return result(incumbent == nil ? .infeasible : .optimal, bound: bound) }
        return result(stopped?.status ?? .nodeLimit, bound: bound)
    }

    private enum NodeOutcome {
        case pruned
        case branched(preferred: BranchNode, other: BranchNode)
        case unbounded
        case stopped(MIPStatus)
        /// The LP hit its iteration limit: the subtree stays unexplored.
        case unsolved
    }

    private func process(_ start: BranchNode) -> NodeOutcome {
        var node = start
        guard applyBounds(node.changes) else { return .pruned }
        if let branching = node.branching {
            guard let tightenings = propagator.propagate(lower: &lpLower, upper: &lpUpper, seeds: [branching.variable])
            else { return .pruned }
            for t in tightenings {
                lp.setBounds(t.variable, lower: t.lower, upper: t.upper)
                markModified(t.variable)
                node.changes.append(.init(variable: t.variable, lower: t.lower, upper: t.upper))
            }
        }
        let solution = solveLP()
        nodes += 1
        switch solution.status {
        case .optimal: break
        case .infeasible: return .pruned
        case .unbounded: return node.depth == 0 ? .unbounded : .unsolved
        case .timeLimit: return .stopped(.timeLimit)
        case .iterationLimit: return .unsolved
        }
        let z = sign * solution.objective
        if let branching = node.branching, node.bound.isFinite {
            pseudocosts.record(branching, gain: max(0, z - node.bound))
        }
        if !worthExploring(z) { return .pruned }
        let fractional = fractionalVariables(solution.values)
        if fractional.isEmpty {
            offerIncumbent(solution.values)
            return .pruned
        }
        if node.depth == 0 {
            root = (z, solution.values, solution.reducedCosts)
            fixByReducedCosts()
        }
        if let rounded = rounding.round(solution.values, fractional: fractional, lower: lpLower, upper: lpUpper) {
            offerIncumbent(rounded)
        }
        if node.depth == 0 && incumbent == nil {
            dive(from: solution, fractional: fractional)
            // Back to this node's bounds, which the children's bounds are derived from.
            guard applyBounds(node.changes) else { return .pruned }
        }
        if !worthExploring(z) { return .pruned }

        let j = pseudocosts.choose(among: fractional, values: solution.values)
        let value = solution.values[j]
        let down = value.rounded(.down)
        let fraction = value - down
        var lowerChild = BranchNode(changes: node.changes, bound: z, depth: node.depth + 1,
                                    branching: .init(variable: j, up: false, distance: fraction))
        lowerChild.changes.append(.init(variable: j, lower: lpLower[j], upper: down))
        var upperChild = BranchNode(changes: node.changes, bound: z, depth: node.depth + 1,
                                    branching: .init(variable: j, up: true, distance: 1 - fraction))
        upperChild.changes.append(.init(variable: j, lower: down + 1, upper: lpUpper[j]))
        return fraction >= 0.5 ? .branched(preferred: upperChild, other: lowerChild)
                               : .branched(preferred: lowerChild, other: upperChild)
    }

    // MARK: - Bounds

    /// Model bounds with integer bounds rounded inward, then propagated over all rows; nil
    /// when they admit no point. They do not depend on the objective, so they are computed once.
    private lazy var rootBounds: (lower: [Double], upper: [Double])? = {
        var lower = model.variables.map(\.lower)
        var upper = model.variables.map(\.upper)
        let tolerance = options.integralityTolerance
        for j in integerVariables {
            lower[j] = (lower[j] - tolerance).rounded(.up)
            upper[j] = (upper[j] + tolerance).rounded(.down)
        }
        for j in lower.indices where lower[j] > upper[j] { return nil }
        guard propagator.propagate(lower: &lower, upper: &upper, seeds: nil) != nil else { return nil }
        return (lower, upper)
    }()

    /// Starts the solve's global bounds (tightened later by reduced-cost fixing) at the root
    /// bounds and puts them into the LP. False when they admit no point.
    private func setGlobalBounds() -> Bool {
        guard let root = rootBounds else { return false }
        globalLower = root.lower
        globalUpper = root.upper
        for j in modified { isModified[j] = false }
        modified = []
        for j in globalLower.indices { setLPBounds(j, globalLower[j], globalUpper[j]) }
        return true
    }

    /// Puts the node's bounds into the LP: global bounds with the changes applied in order.
    /// False when some variable's bounds cross.
    private func applyBounds(_ changes: [BranchNode.BoundChange]) -> Bool {
        var target: [Int: (lower: Double, upper: Double)] = [:]
        for change in changes { target[change.variable] = (change.lower, change.upper) }
        for j in modified where target[j] == nil {
            setLPBounds(j, globalLower[j], globalUpper[j])
            isModified[j] = false
        }
        modified = modified.filter { isModified[$0] }
        for (j, bounds) in target {
            let lower = max(bounds.lower, globalLower[j])
            let upper = min(bounds.upper, globalUpper[j])
            if lower > upper { return false }
            setLPBounds(j, lower, upper)
            markModified(j)
        }
        return true
    }

    private func setLPBounds(_ j: Int, _ lower: Double, _ upper: Double) {
        if lpLower[j] == lower && lpUpper[j] == upper { return }
        lpLower[j] = lower
        lpUpper[j] = upper
        lp.setBounds(j, lower: lower, upper: upper)
    }

    private func markModified(_ j: Int) {
        if !isModified[j] {
            isModified[j] = true
            modified.append(j)
        }
    }

    /// Tightens global bounds with the root LP's reduced costs: moving a nonbasic integer
    /// variable by t away from its bound costs at least |d_j|·t, which must stay below the
    /// incumbent's advantage over the root bound.
    private func fixByReducedCosts() {
        guard let root, incumbentValue.isFinite else { return }
        let room = incumbentValue - root.objective
        for j in integerVariables {
            let d = sign * root.reducedCosts[j]
            let x = root.values[j]
            if d > Self.reducedCostTolerance {
                let limit = (x + room / d + options.integralityTolerance).rounded(.down)
                if limit < globalUpper[j] { tightenGlobal(j, lower: globalLower[j], upper: max(limit, globalLower[j])) }
            } else if d < -Self.reducedCostTolerance {
                let limit = (x - room / -d - options.integralityTolerance).rounded(.up)
                if limit > globalLower[j] { tightenGlobal(j, lower: min(limit, globalUpper[j]), upper: globalUpper[j]) }
            }
        }
    }

    private func tightenGlobal(_ j: Int, lower: Double, upper: Double) {
        globalLower[j] = lower
        globalUpper[j] = upper
        if !isModified[j] { setLPBounds(j, lower, upper) }
    }

    // MARK: - LP and incumbents

    private func solveLP() -> LPSolution {
        if let seconds = secondsLeft() {
            lp.options.timeLimit = min(seconds, options.simplex.timeLimit ?? seconds)
        }
        let solution = lp.solve()
        iterations += solution.iterations
        return solution
    }

    private func fractionalVariables(_ values: [Double]) -> [Int] {
        integerVariables.filter { abs(values[$0] - values[$0].rounded()) > options.integralityTolerance }
    }

    /// Takes `values` as incumbent if feasible and better: with integer variables rounded
    /// exactly, or else (when rounding 1e-7 away breaks a row with large coefficients) as
    /// they are, integral within the integrality tolerance.
    private func offerIncumbent(_ values: [Double]) {
        var point = values
        for j in integerVariables { point[j] = point[j].rounded() + 0 }  // + 0 turns −0 into 0
        if !rounding.isFeasible(point, integralityTolerance: 0) {
            point = values
            guard rounding.isFeasible(point, integralityTolerance: options.integralityTolerance) else { return }
        }
        var objective = model.objectiveOffset
        for (j, variable) in model.variables.enumerated() { objective += variable.cost * point[j] }
        let value = sign * objective
        guard value < incumbentValue else { return }
        incumbent = point
        incumbentValue = value
        if !pool.contains(point) {
            pool.append(point)
            if pool.count > Self.poolCapacity { pool.removeFirst() }
        }
        fixByReducedCosts()
    }

    /// Fractional diving: round the least fractional variable's bound, re-solve, repeat,
    /// until the LP point is integral, rounds to a feasible point, or fails.
    private func dive(from start: LPSolution, fractional startFractional: [Int]) {
        var solution = start
        var fractional = startFractional
        let budget = min(Self.diveMaximumSolves, startFractional.count + Self.diveExtraSolves)
        for _ in 0..<budget {
            guard let j = fractional.min(by: { distanceToInteger(solution.values[$0]) < distanceToInteger(solution.values[$1]) })
            else { break }
            let value = solution.values[j]
            if value - value.rounded(.down) < 0.5 {
                setLPBounds(j, lpLower[j], value.rounded(.down))
            } else {
                setLPBounds(j, value.rounded(.up), lpUpper[j])
            }
            markModified(j)
            solution = solveLP()
            if solution.status != .optimal || !worthExploring(sign * solution.objective) || timeIsUp() { return }
            fractional = fractionalVariables(solution.values)
            if fractional.isEmpty {
                offerIncumbent(solution.values)
                return
            }
            if let rounded = rounding.round(solution.values, fractional: fractional, lower: lpLower, upper: lpUpper) {
                offerIncumbent(rounded)
                return
            }
        }
    }

    private func distanceToInteger(_ value: Double) -> Double { abs(value - value.rounded()) }

    // MARK: - Pruning and results

    private func computeObjectiveIsIntegral() -> Bool {
        !integerVariables.isEmpty && model.variables.allSatisfy { variable in
            variable.cost == 0 || (variable.isInteger && variable.cost == variable.cost.rounded())
        }
    }

    /// Whether a subtree with this lower bound may hold a point better than the incumbent by more than the gap.
    private func worthExploring(_ bound: Double) -> Bool {
        guard incumbentValue.isFinite else { return true }
        var bound = bound
        if objectiveIsIntegral {
            // Every point's objective is offset + an integer: round the bound up to the next such value.
            let offset = sign * model.objectiveOffset
            bound = (bound - offset - options.integralityTolerance).rounded(.up) + offset
        }
        return bound < incumbentValue - allowedGap()
    }

    private func allowedGap() -> Double {
        max(options.absoluteGap, options.relativeGap * abs(incumbentValue))
    }

    private func gapIsClosed(_ bound: Double) -> Bool {
        if incumbent == nil { return bound == .infinity }
        return !worthExploring(bound)
    }

    private func timeIsUp() -> Bool {
        guard let deadline else { return false }
        return ContinuousClock.now >= deadline
    }

    /// Seconds until the time limit (never negative), nil without one.
    private func secondsLeft() -> Double? {
        guard let deadline else { return nil }
        let remaining = (deadline - ContinuousClock.now).components
        return max(0, Double(remaining.seconds) + Double(remaining.attoseconds) * 1e-18)
    }

    /// The answer in the model's sense; `bound` is the internal (minimization) lower bound.
    private func result(_ status: MIPStatus, bound: Double) -> MIPSolution {
        let gap: Double
        if status == .infeasible || incumbentValue == bound {
            gap = 0
        } else if incumbentValue.isFinite && bound.isFinite {
            gap = abs(incumbentValue - bound) / max(abs(incumbentValue), .leastNormalMagnitude)
        } else {
            gap = .infinity
        }
        return MIPSolution(status: status, objective: sign * incumbentValue, bestBound: sign * bound, gap: gap,
                           values: incumbent, nodes: nodes, lpIterations: iterations)
    }

    /// The root LP is unbounded: the model is unbounded when it has any integer-feasible
    /// point (rational data), so look for one with a zero objective.
    private func unboundedOrInfeasible() -> MIPSolution {
        var feasibility = model
        for j in feasibility.variables.indices { feasibility.variables[j].cost = 0 }
        feasibility.objectiveOffset = 0
        guard feasibility != model else { return result(.nodeLimit, bound: -.infinity) }
        var subOptions = options
        subOptions.timeLimit = secondsLeft()
        let search = MIPSolver(model: feasibility, options: subOptions).solve()
        nodes += search.nodes
        iterations += search.lpIterations
        switch search.status {
        case .optimal:
            return MIPSolution(status: .unbounded, objective: -sign * .infinity, bestBound: -sign * .infinity, gap: 0,
                               values: search.values, nodes: nodes, lpIterations: iterations)
        case .infeasible:
            return result(.infeasible, bound: .infinity)
        case .unbounded, .nodeLimit, .timeLimit:
            return result(search.status == .unbounded ? .nodeLimit : search.status, bound: -.infinity)
        }
    }
}
