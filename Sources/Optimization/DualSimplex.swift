/// The dual simplex method with dual steepest-edge pricing and a Harris two-pass ratio test.
/// It keeps the basis dual feasible and drives out primal infeasibility, which is what a warm
/// start after added rows or tightened bounds needs.
extension SimplexEngine {
    /// Runs dual simplex iterations on bounds `l`, `u` with costs `c`; the basis must be dual
    /// feasible for `c`. Ends `.optimal` (primal feasible), `.infeasible` (dual unbounded) or a limit.
    mutating func dualLoop(costs c: [Double], lower l: [Double], upper u: [Double]) -> SimplexOutcome {
        var verifiedInfeasible = false
        while true {
            if let stop = limitReached() { return stop }
            if needsRefactor {
                refactor()
                computePrimal()
                _ = computeDual(costs: c)
                let (flipped, bad) = flipToDualFeasible(lower: l, upper: u)
                if flipped { computePrimal() }
                if bad > 0 { return .restart }
            }
            // Pricing: the most infeasible row relative to its steepest-edge weight.
            var r = -1
            var best = 0.0
            for k in 0..<m {
                let j = basic[k]
                let v = x[j]
                var infeas = 0.0
                if v < l[j] - SimplexTolerance.primal { infeas = l[j] - v } else if v > u[j] + SimplexTolerance.primal { infeas = v - u[j] }
                if infeas > 0 {
                    let score = infeas * infeas / weights[k]
                    if score > best { best = score; r = k }
                }
            }
            if r < 0 { return .optimal }
            let leaving = basic[r]
            let toUpper = x[leaving] > u[leaving]
            let target = toUpper ? u[leaving] : l[leaving]
            let sign = toUpper ? 1.0 : -1.0

            let rho = btranUnit(r)
            computePivotRow(rho)

            // Harris pass 1: largest step keeping every reduced cost within tolerance.
            let tol = SimplexTolerance.dual
            var bound = Double.infinity
            for j in rowAlphaIndex where l[j] != u[j] {
                let a = sign * rowAlpha[j]
                if abs(a) < SimplexTolerance.dualPivot { continue }
                switch state[j] {
                case .atLower where a > 0: bound = min(bound, (d[j] + tol) / a)
                case .atUpper where a < 0: bound = min(bound, (d[j] - tol) / a)
                case .atZero: bound = min(bound, (abs(d[j]) + tol) / abs(a))
                default: break
                }
            }
            // Pass 2: among steps within that bound, the largest pivot.
            var q = -1
            var qSize = 0.0
            if bound < .infinity {
                for j in rowAlphaIndex where l[j] != u[j] {
                    let a = sign * rowAlpha[j]
                    if abs(a) < SimplexTolerance.dualPivot { continue }
                    let ratio: Double
                    switch state[j] {
                    case .atLower where a > 0: ratio = max(d[j], 0) / a
                    case .atUpper where a < 0: ratio = min(d[j], 0) / a
                    case .atZero: ratio = abs(d[j]) / abs(a)
                    default: continue
                    }
                    if ratio <= bound && abs(a) > qSize { qSize = abs(a); q = j }
                }
            }
            if q < 0 {
                // Dual unbounded: the row proves primal infeasibility, unless the factors are stale.
                if verifiedInfeasible || (lu?.updateCount ?? 0) == 0 { return .infeasible }
                verifiedInfeasible = true
                lu = nil
                continue
            }
            verifiedInfeasible = false

            let alphaQ = ftranColumn(q)
            let pivotRow = rowAlpha[q]
            let pivotCol = alphaQ[r]
            if abs(pivotCol - pivotRow) > SimplexTolerance.pivotAgreement * (1 + abs(pivotRow)) || abs(pivotCol) < SimplexTolerance.dualPivot {
                // Row and column disagree: the factorization has drifted.
                if (lu?.updateCount ?? 0) > 0 { lu = nil; continue }
            }
            // Dual step.
            var theta = d[q] / rowAlpha[q]
            if sign * theta < 0 { theta = 0 }
            for j in rowAlphaIndex { d[j] -= theta * rowAlpha[j] }
            d[q] = 0
            // Primal step.
            let thetaP = (x[leaving] - target) / pivotCol
            for k in 0..<m where alphaQ[k] != 0 { x[basic[k]] -= thetaP * alphaQ[k] }
            x[q] += thetaP
            x[leaving] = target
            // Dual steepest-edge weights, with τ = B⁻¹ρ from the old basis.
            var tau = rho
            lu?.ftran(&tau, work: &workM)
            let wr = weights[r]
            for k in 0..<m where alphaQ[k] != 0 && k != r {
                let kappa = alphaQ[k] / pivotCol
                weights[k] = max(weights[k] + kappa * (kappa * wr - 2 * tau[k]), 1e-4)
            }
            weights[r] = max(wr / (pivotCol * pivotCol), 1e-4)

            pivotBasis(position: r, entering: q, alpha: alphaQ, leavingState: toUpper ? .atUpper : .atLower)
            d[leaving] = -theta
            if l[leaving] == u[leaving] { state[leaving] = .atLower }
            iterations += 1
        }
    }

    /// Dual phase 1 (the subproblem of Fourer and Koberstein): solve, on the same basis, the
    /// problem whose bounds are boxes of width one that measure dual infeasibility. At its
    /// optimum the basis is dual feasible for the real bounds if the problem is dual feasible.
    /// Returns false when dual infeasibility remains (then the primal is infeasible or unbounded).
    mutating func dualPhaseOne(costs c: [Double]) -> SimplexOutcome {
        var l = lower
        var u = upper
        for j in 0..<total {
            switch (lower[j].isFinite, upper[j].isFinite) {
            case (false, false): l[j] = -Self.phaseOneFreeBox; u[j] = Self.phaseOneFreeBox
            case (true, false): l[j] = 0; u[j] = 1
            case (false, true): l[j] = -1; u[j] = 0
            case (true, true): l[j] = 0; u[j] = 0
            }
        }
        for j in 0..<total where state[j] != .basic {
            state[j] = d[j] >= 0 ? .atLower : .atUpper
            if l[j] == u[j] { state[j] = .atLower }
            x[j] = state[j] == .atLower ? l[j] : u[j]
        }
        computePrimal()
        var outcome = SimplexOutcome.restart
        for _ in 0..<Self.maxDriverPasses {
            outcome = dualLoop(costs: c, lower: l, upper: u)
            if outcome != .restart { break }
            // Lost dual feasibility in the box problem only through rounding: re-place nonbasics.
            for j in 0..<total where state[j] != .basic && l[j] != u[j] {
                state[j] = d[j] >= 0 ? .atLower : .atUpper
                x[j] = state[j] == .atLower ? l[j] : u[j]
            }
            computePrimal()
        }
        // Back to the real bounds: each nonbasic to the bound its reduced cost prefers.
        for j in 0..<total where state[j] != .basic {
            var s = nonbasicState(lower: lower[j], upper: upper[j])
            if lower[j].isFinite && upper[j].isFinite { s = d[j] >= 0 ? .atLower : .atUpper }
            state[j] = s
            x[j] = nonbasicValue(s, lower: lower[j], upper: upper[j])
        }
        computePrimal()
        return outcome
    }
}
