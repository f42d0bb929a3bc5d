/// Chooses between the dual and primal phases until the basis is optimal or a verdict is reached.
extension SimplexEngine {
    mutating func run() -> SimplexOutcome {
        rebuildMatrixIfNeeded()
        if lu == nil || needsRefactor { refactor() }
        computePrimal()
        var lastOutcome = SimplexOutcome.restart
        var triedPhaseOne = false
        for _ in 0..<Self.maxDriverPasses {
            _ = computeDual(costs: cost)
            let primalOK = isPrimalFeasible(lower: lower, upper: upper)
            let dualBadNow = dualInfeasibleCount()
            if dualBadNow == 0 && primalOK { return .optimal }
            if primalOK {
                // Primal feasible (e.g. after the perturbed dual, new columns or new costs).
                lastOutcome = primalLoop(costs: cost)
                switch lastOutcome {
                case .unbounded, .iterationLimit, .timeLimit, .infeasible: return lastOutcome
                default: continue
                }
            }
            let (flipped, dualBad) = flipToDualFeasible(lower: lower, upper: upper)
            if flipped { computePrimal() }
            if dualBad > 0 && !triedPhaseOne {
                triedPhaseOne = true
                lastOutcome = dualPhaseOne(costs: cost)
                switch lastOutcome {
                case .iterationLimit, .timeLimit: return lastOutcome
                default: continue
                }
            }
            // Dual simplex on perturbed costs (anti-degeneracy); costs of the few variables still
            // dual infeasible after phase 1 are shifted. The next pass removes both with the primal.
            var perturbed = perturbedCosts()
            _ = computeDual(costs: perturbed)
            let (flip2, bad2) = flipToDualFeasible(lower: lower, upper: upper)
            if bad2 > 0 { shiftCostsToDualFeasible(costs: &perturbed, lower: lower, upper: upper) }
            if flip2 { computePrimal() }
            lastOutcome = dualLoop(costs: &perturbed, lower: lower, upper: upper)
            switch lastOutcome {
            case .infeasible, .iterationLimit, .timeLimit: return lastOutcome
            default: continue
            }
        }
        return .iterationLimit
    }

    /// Nonbasic variables whose reduced cost has the wrong sign for the bound they sit at.
    func dualInfeasibleCount() -> Int {
        var bad = 0
        let tol = SimplexTolerance.dual
        for j in 0..<total where state[j] != .basic && lower[j] != upper[j] {
            switch state[j] {
            case .atLower where d[j] < -tol: bad += 1
            case .atUpper where d[j] > tol: bad += 1
            case .atZero where abs(d[j]) > tol: bad += 1
            default: break
            }
        }
        return bad
    }

    /// Costs nudged so that every nonbasic reduced cost moves away from zero in its feasible
    /// direction; removes the ties that make degenerate problems stall or cycle.
    mutating func perturbedCosts() -> [Double] {
        var c = cost
        for j in 0..<total where state[j] != .basic && lower[j] != upper[j] {
            let size = Self.perturbationScale * (1 + abs(cost[j])) * (0.5 + nextRandom())
            switch state[j] {
            case .atLower: c[j] += size
            case .atUpper: c[j] -= size
            default: break
            }
        }
        return c
    }
}
