/// The primal simplex method: phase 1 minimizes the sum of bound violations of basic
/// variables, phase 2 the objective. Used after added columns or changed costs (the basis
/// stays primal feasible), to clean up after the perturbed dual, and to tell infeasible
/// from unbounded when the dual phase 1 fails.
extension SimplexEngine {
    /// Iterations without objective progress before switching to Bland's rule (anti-cycling).
    static let stallLimit = 200

    mutating func primalLoop(costs c: [Double]) -> SimplexOutcome {
        var phaseCost = [Double](repeating: 0, count: total)
        var stalled = 0
        var lastObjective = Double.infinity
        var verifiedOptimal = false
        var unblockedRetries = 0
        // Phase-2 reduced costs are updated from the pivot row; recomputed after refactoring.
        var dualsFresh = false
        while true {
            if let stop = limitReached() { return stop }
            if needsRefactor {
                refactor()
                computePrimal()
                dualsFresh = false
            }
            // Phase costs: ±1 on violated basics in phase 1, the real costs in phase 2.
            var infeasible = false
            for j in basic where primalInfeasibility(j, lower: lower, upper: upper) > 0 { infeasible = true; break }
            var objective = 0.0
            if infeasible {
                for j in 0..<total { phaseCost[j] = 0 }
                for j in basic {
                    if x[j] < lower[j] - SimplexTolerance.primal { phaseCost[j] = -1; objective += lower[j] - x[j] }
                    else if x[j] > upper[j] + SimplexTolerance.primal { phaseCost[j] = 1; objective += x[j] - upper[j] }
                }
            } else {
                for j in 0..<total { phaseCost[j] = c[j]; objective += c[j] * x[j] }
            }
            if objective < lastObjective - 1e-12 * (1 + abs(objective)) { stalled = 0 } else { stalled += 1 }
            lastObjective = min(lastObjective, objective)
            let bland = stalled > Self.stallLimit
            if infeasible || !dualsFresh {
                _ = computeDual(costs: phaseCost)
                dualsFresh = !infeasible
            }

            // Pricing: largest improving reduced cost (smallest index under Bland's rule).
            var q = -1
            var best = 0.0
            for j in 0..<total where state[j] != .basic && lower[j] != upper[j] {
                let dj = d[j]
                var gain = 0.0
                switch state[j] {
                case .atLower: if dj < -SimplexTolerance.dual { gain = -dj }
                case .atUpper: if dj > SimplexTolerance.dual { gain = dj }
                case .atZero: if abs(dj) > SimplexTolerance.dual { gain = abs(dj) }
                case .basic: break
                }
                if gain > best {
                    best = gain
                    q = j
                    if bland { break }
                }
            }
            if q < 0 {
                if !verifiedOptimal && (lu?.updateCount ?? 0) > 0 {
                    verifiedOptimal = true
                    lu = nil
                    dualsFresh = false
                    continue
                }
                return infeasible ? .infeasible : .optimal
            }
            verifiedOptimal = false
            let direction = d[q] < 0 ? 1.0 : -1.0
            let alpha = ftranColumn(q)

            // Harris pass 1 over basic variables; x_B moves by −direction·t·alpha.
            var bound = Double.infinity
            let tol = SimplexTolerance.primal
            for k in 0..<m where abs(alpha[k]) > SimplexTolerance.primalPivot {
                let j = basic[k]
                let rate = -direction * alpha[k]
                if let room = room(j, rate: rate, infeasiblePhase: infeasible) {
                    bound = min(bound, (room + tol) / abs(rate))
                }
            }
            var r = -1
            var rSize = 0.0
            var step = Double.infinity
            if bound < .infinity {
                for k in 0..<m where abs(alpha[k]) > SimplexTolerance.primalPivot {
                    let j = basic[k]
                    let rate = -direction * alpha[k]
                    guard let room = room(j, rate: rate, infeasiblePhase: infeasible) else { continue }
                    let ratio = max(room, 0) / abs(rate)
                    if ratio <= bound && (bland ? (r < 0 || j < basic[r]) : abs(alpha[k]) > rSize) {
                        rSize = abs(alpha[k]); r = k; step = ratio
                    }
                }
            }
            // The entering variable may reach its own other bound first: a bound flip.
            let span = upper[q] - lower[q]
            if span.isFinite && span <= step {
                for k in 0..<m where alpha[k] != 0 { x[basic[k]] -= direction * span * alpha[k] }
                state[q] = state[q] == .atLower ? .atUpper : .atLower
                x[q] = state[q] == .atLower ? lower[q] : upper[q]
                iterations += 1
                continue
            }
            if r < 0 {
                // Phase 1 cannot be unbounded; a fresh factorization usually explains it.
                if infeasible {
                    unblockedRetries += 1
                    if unblockedRetries > 2 { return .restart }
                    lu = nil
                    continue
                }
                return .unbounded
            }
            unblockedRetries = 0
            let leaving = basic[r]
            let rate = -direction * alpha[r]
            let leavingState: VariableState
            let target: Double
            if rate < 0 {
                let toUpper = infeasible && x[leaving] > upper[leaving] + tol
                leavingState = toUpper ? .atUpper : .atLower
                target = toUpper ? upper[leaving] : lower[leaving]
            } else {
                let toLower = infeasible && x[leaving] < lower[leaving] - tol
                leavingState = toLower ? .atLower : .atUpper
                target = toLower ? lower[leaving] : upper[leaving]
            }
            let t = (x[leaving] - target) / (-rate)
            for k in 0..<m where alpha[k] != 0 { x[basic[k]] -= direction * t * alpha[k] }
            x[q] += direction * t
            x[leaving] = target
            if !infeasible {
                // d_j −= θ·(ρ_r a_j) with θ = d_q / α_rq, from the old basis.
                let rho = btranUnit(r)
                computePivotRow(rho)
                let thetaD = d[q] / alpha[r]
                for j in rowAlphaIndex { d[j] -= thetaD * rowAlpha[j] }
                d[leaving] = -thetaD
            }
            pivotBasis(position: r, entering: q, alpha: alpha, leavingState: leavingState)
            if lower[leaving] == upper[leaving] { state[leaving] = .atLower }
            weights[r] = 1
            iterations += 1
        }
    }

    /// Distance basic variable `j` may move at `rate` before blocking, or nil if it never blocks.
    /// In phase 1 a violated variable blocks where it becomes feasible.
    private func room(_ j: Int, rate: Double, infeasiblePhase: Bool) -> Double? {
        let tol = SimplexTolerance.primal
        if rate < 0 {
            if infeasiblePhase && x[j] < lower[j] - tol { return nil }
            if infeasiblePhase && x[j] > upper[j] + tol { return x[j] - upper[j] }
            return lower[j].isFinite ? x[j] - lower[j] : nil
        } else {
            if infeasiblePhase && x[j] > upper[j] + tol { return nil }
            if infeasiblePhase && x[j] < lower[j] - tol { return lower[j] - x[j] }
            return upper[j].isFinite ? upper[j] - x[j] : nil
        }
    }
}
