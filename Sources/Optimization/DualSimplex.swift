/// The dual simplex method with dual steepest-edge pricing and a Harris two-pass ratio test.
/// It keeps the basis dual feasible and drives out primal infeasibility, which is what a warm
/// start after added rows or tightened bounds needs.
extension SimplexEngine {
    /// Runs dual simplex iterations on bounds `l`, `u` with costs `c`; the basis must be dual
    /// feasible for `c`. Ends `.optimal` (primal feasible), `.infeasible` (dual unbounded) or a limit.
    mutating func dualLoop(costs c: inout [Double], lower l: [Double], upper u: [Double]) -> SimplexOutcome {
        var verifiedInfeasible = false
        while true {
            if let stop = limitReached() { return stop }
            if needsRefactor {
                refactor()
                computePrimal()
                _ = computeDual(costs: c)
                let (flipped, bad) = flipToDualFeasible(lower: l, upper: u)
                if bad > 0 { shiftCostsToDualFeasible(costs: &c, lower: l, upper: u) }
                if flipped { computePrimal() }
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
                    if !(weights[k] > 0 && weights[k].isFinite) { weights[k] = 1 }
                    let score = infeas * infeas / weights[k]
                    if score > best || r < 0 { best = score; r = k }
                }
            }
            if r < 0 { return .optimal }
            let leaving = basic[r]
            let toUpper = x[leaving] > u[leaving]
            let target = toUpper ? u[leaving] : l[leaving]
            let sign = toUpper ? 1.0 : -1.0

            let rho = btranUnit(r)
            computePivotRow(rho)

            let slope = toUpper ? x[leaving] - u[leaving] : l[leaving] - x[leaving]
            let (q, flips) = dualRatioTest(sign: sign, slope: slope, lower: l, upper: u)
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
            // Dual step; a slightly wrong-signed d_q is shifted to zero so no cost goes infeasible.
            var theta = d[q] / rowAlpha[q]
            if sign * theta < 0 {
                c[q] -= d[q]
                d[q] = 0
                theta = 0
            }
            for j in rowAlphaIndex { d[j] -= theta * rowAlpha[j] }
            d[q] = 0
            // Bound flips passed by the long step move x_B by −B⁻¹ Σ a_j Δx_j.
            if !flips.isEmpty {
                var delta = [Double](repeating: 0, count: m)
                for j in flips {
                    let toUpperBound = state[j] == .atLower
                    let newValue = toUpperBound ? u[j] : l[j]
                    let change = newValue - x[j]
                    state[j] = toUpperBound ? .atUpper : .atLower
                    x[j] = newValue
                    if j < n {
                        for e in cscStart[j]..<cscStart[j + 1] { delta[cscRow[e]] -= cscVal[e] * change }
                    } else {
                        delta[j - n] += change
                    }
                }
                lu?.ftran(&delta, work: &workM)
                for k in 0..<m where delta[k] != 0 { x[basic[k]] += delta[k] }
            }
            // Primal step.
            let thetaP = (x[leaving] - target) / pivotCol
            for k in 0..<m where alphaQ[k] != 0 { x[basic[k]] -= thetaP * alphaQ[k] }
            x[q] += thetaP
            x[leaving] = target
            // Dual steepest-edge weights, with τ = B⁻¹ρ from the old basis.
            var tau = rho
            lu?.ftran(&tau, work: &workM)
            // The pivotal weight is recomputed exactly from ρ: the recurrence loses accuracy
            // through cancellation, and every other update is scaled by it.
            var wr = 0.0
            for v in rho { wr += v * v }
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

    /// Bound-flipping ratio test with Harris tolerances. Breakpoints `t_j = d_j / a_j` are
    /// passed in increasing order while the dual objective still improves: passing a boxed
    /// variable's breakpoint flips it to its other bound and lowers the slope (initially the
    /// primal infeasibility) by `|a_j|·(u_j − l_j)`. Within each group the largest `|a_j|`
    /// is preferred. Returns the entering variable (−1 if none: dual unbounded) and the
    /// variables to flip.
    mutating func dualRatioTest(sign: Double, slope initialSlope: Double, lower l: [Double], upper u: [Double]) -> (Int, [Int]) {
        let tol = SimplexTolerance.dual
        // (ratio, Harris bound, variable)
        var cands: [(ratio: Double, harris: Double, j: Int)] = []
        for j in rowAlphaIndex where l[j] != u[j] {
            let a = sign * rowAlpha[j]
            if abs(a) < SimplexTolerance.dualPivot { continue }
            switch state[j] {
            case .atLower where a > 0: cands.append((max(d[j], 0) / a, (d[j] + tol) / a, j))
            case .atUpper where a < 0: cands.append((min(d[j], 0) / a, (d[j] - tol) / a, j))
            case .atZero: cands.append((abs(d[j]) / abs(a), (abs(d[j]) + tol) / abs(a), j))
            default: break
            }
        }
        // Walk the breakpoints group by group (usually one or two groups; no full sort).
        var slope = initialSlope
        var flips: [Int] = []
        while !cands.isEmpty {
            var bound = Double.infinity
            for c in cands { bound = min(bound, c.harris) }
            var reduction = 0.0
            var best = -1
            var bestSize = 0.0
            for (k, c) in cands.enumerated() where c.ratio <= bound {
                let size = abs(rowAlpha[c.j])
                reduction += size * (u[c.j] - l[c.j])
                if size > bestSize { bestSize = size; best = k }
            }
            if best < 0 {
                // Only tolerance-infeasible reduced costs: take the smallest ratio.
                best = 0
                for (k, c) in cands.enumerated() where c.ratio < cands[best].ratio { best = k }
                reduction = .infinity
            }
            if slope - reduction <= SimplexTolerance.primal || !reduction.isFinite {
                return (cands[best].j, flips)
            }
            slope -= reduction
            var kept: [(ratio: Double, harris: Double, j: Int)] = []
            for c in cands {
                if c.ratio <= bound { flips.append(c.j) } else { kept.append(c) }
            }
            cands = kept
        }
        // Every breakpoint passed and the row is still infeasible: dual unbounded.
        return (-1, [])
    }

    /// Cost shifting: a nonbasic variable whose reduced cost has the wrong sign and cannot
    /// flip bounds gets its cost moved so that the reduced cost is zero (the shift is undone by
    /// the caller, which then cleans up with the primal simplex).
    mutating func shiftCostsToDualFeasible(costs c: inout [Double], lower l: [Double], upper u: [Double]) {
        let tol = SimplexTolerance.dual
        for j in 0..<total where state[j] != .basic && l[j] != u[j] {
            let dj = d[j]
            let wrong: Bool
            switch state[j] {
            case .atLower: wrong = dj < -tol
            case .atUpper: wrong = dj > tol
            case .atZero: wrong = abs(dj) > tol
            case .basic: wrong = false
            }
            if wrong {
                c[j] -= dj
                d[j] = 0
            }
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
        var shifted = c
        for _ in 0..<Self.maxDriverPasses {
            outcome = dualLoop(costs: &shifted, lower: l, upper: u)
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
