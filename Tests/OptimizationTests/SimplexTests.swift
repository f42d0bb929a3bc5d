import Testing
@testable import Optimization

/// Textbook LPs with published optima and duals, and the infeasible/unbounded verdicts.
@Suite struct SimplexTests {
    /// Hillier & Lieberman's Wyndor Glass: max 3x + 5y, optimum 36 at (2, 6), duals (0, 1.5, 1).
    @Test func wyndorGlass() {
        let model = LinearModel(
            sense: .maximize,
            variables: [Variable(cost: 3), Variable(cost: 5)],
            constraints: [
                Constraint(indices: [0], coefficients: [1], upper: 4),
                Constraint(indices: [1], coefficients: [2], upper: 12),
                Constraint(indices: [0, 1], coefficients: [3, 2], upper: 18),
            ])
        let s = model.solveLP()
        #expect(s.status == .optimal)
        #expect(abs(s.objective - 36) < 1e-9)
        #expect(abs(s.values[0] - 2) < 1e-9 && abs(s.values[1] - 6) < 1e-9)
        #expect(abs(s.rowDuals[0]) < 1e-9 && abs(s.rowDuals[1] - 1.5) < 1e-9 && abs(s.rowDuals[2] - 1) < 1e-9)
        #expect(abs(s.reducedCosts[0]) < 1e-9 && abs(s.reducedCosts[1]) < 1e-9)
    }

    /// Beale's example, on which Dantzig's rule with a naive tie-break cycles. Optimum −5/4.
    @Test func bealeCyclingExample() {
        let model = LinearModel(
            variables: [Variable(cost: -0.75), Variable(cost: 20), Variable(upper: 1, cost: -0.5), Variable(cost: 6)],
            constraints: [
                Constraint(indices: [0, 1, 2, 3], coefficients: [0.25, -8, -1, 9], upper: 0),
                Constraint(indices: [0, 1, 2, 3], coefficients: [0.5, -12, -0.5, 3], upper: 0),
            ])
        for scaling in [true, false] {
            let s = model.solveLP(options: SimplexOptions(scaling: scaling))
            #expect(s.status == .optimal)
            #expect(abs(s.objective + 1.25) < 1e-9)
            #expect(kktViolation(model, s) == nil)
        }
    }

    /// Kuhn's cycling example. Optimum −2 (HiGHS agrees).
    @Test func kuhnCyclingExample() {
        let model = LinearModel(
            variables: [Variable(cost: -2), Variable(cost: -3), Variable(cost: 1), Variable(cost: 12)],
            constraints: [
                Constraint(indices: [0, 1, 2, 3], coefficients: [-2, -9, 1, 9], upper: 0),
                Constraint(indices: [0, 1, 2, 3], coefficients: [1.0 / 3, 1, -1.0 / 3, -2], upper: 0),
                Constraint(indices: [0, 1, 2, 3], coefficients: [2, 3, -1, -12], upper: 2),
            ])
        let s = model.solveLP()
        #expect(s.status == .optimal)
        #expect(abs(s.objective + 2) < 1e-9)
        #expect(kktViolation(model, s) == nil)
    }

    @Test func infeasibleRows() {
        let model = LinearModel(
            variables: [Variable(), Variable()],
            constraints: [
                Constraint(indices: [0, 1], coefficients: [1, 1], upper: 1),
                Constraint(indices: [0, 1], coefficients: [1, 1], lower: 3),
            ])
        #expect(model.solveLP().status == .infeasible)
    }

    @Test func infeasibleEqualityWithFreeVariables() {
        // x − y = 1 and x − y = 2 with x, y free.
        let model = LinearModel(
            variables: [Variable(lower: -.infinity, cost: 1), Variable(lower: -.infinity)],
            constraints: [
                Constraint(indices: [0, 1], coefficients: [1, -1], lower: 1, upper: 1),
                Constraint(indices: [0, 1], coefficients: [1, -1], lower: 2, upper: 2),
            ])
        #expect(model.solveLP().status == .infeasible)
    }

    @Test func contradictoryBoundsAreInfeasible() {
        let model = LinearModel(variables: [Variable(lower: 2, upper: 1)])
        #expect(model.solveLP().status == .infeasible)
    }

    @Test func unboundedMaximization() {
        let model = LinearModel(
            sense: .maximize,
            variables: [Variable(cost: 1), Variable(cost: 1)],
            constraints: [Constraint(indices: [0, 1], coefficients: [1, -1], upper: 1)])
        #expect(model.solveLP().status == .unbounded)
    }

    @Test func unboundedFreeVariable() {
        let model = LinearModel(variables: [Variable(lower: -.infinity, cost: 1), Variable(upper: 3, cost: -1)])
        #expect(model.solveLP().status == .unbounded)
    }

    /// Free variable in an equality row: min x₁ + x₂, x₁ − x₂ = 3, x₂ ≥ −1 → x = (2, −1), y = 1, d₂ = 2.
    @Test func freeVariableAndEqualityDuals() {
        let model = LinearModel(
            variables: [Variable(lower: -.infinity, cost: 1), Variable(lower: -1, cost: 1)],
            constraints: [Constraint(indices: [0, 1], coefficients: [1, -1], lower: 3, upper: 3)])
        let s = model.solveLP()
        #expect(s.status == .optimal)
        #expect(abs(s.objective - 1) < 1e-9)
        #expect(abs(s.values[0] - 2) < 1e-9 && abs(s.values[1] + 1) < 1e-9)
        #expect(abs(s.rowDuals[0] - 1) < 1e-9)
        #expect(abs(s.reducedCosts[0]) < 1e-9 && abs(s.reducedCosts[1] - 2) < 1e-9)
    }

    /// Ranged row and fixed variable: max x + 0·z, 1 ≤ x + y + z ≤ 4, y ∈ [1, 2], z fixed at 0.5.
    @Test func rangedRowAndFixedVariable() {
        let model = LinearModel(
            sense: .maximize,
            variables: [Variable(cost: 1), Variable(lower: 1, upper: 2), Variable(lower: 0.5, upper: 0.5)],
            constraints: [Constraint(indices: [0, 1, 2], coefficients: [1, 1, 1], lower: 1, upper: 4)],
            objectiveOffset: 10)
        let s = model.solveLP()
        #expect(s.status == .optimal)
        #expect(abs(s.objective - 12.5) < 1e-9)
        #expect(abs(s.values[0] - 2.5) < 1e-9 && abs(s.values[1] - 1) < 1e-9 && abs(s.values[2] - 0.5) < 1e-9)
        #expect(abs(s.rowDuals[0] - 1) < 1e-9)
        #expect(abs(s.reducedCosts[1] + 1) < 1e-9)
        #expect(kktViolation(model, s) == nil)
    }

    /// A variable with only an upper bound and a row with only a lower bound.
    @Test func oneSidedInfiniteBounds() {
        // min −x + y, x ≤ 3 (x unbounded below), x + y ≥ 1, y ≥ 0 → x = 3, y = 0, objective −3.
        let model = LinearModel(
            variables: [Variable(lower: -.infinity, upper: 3, cost: -1), Variable(cost: 1)],
            constraints: [Constraint(indices: [0, 1], coefficients: [1, 1], lower: 1)])
        let s = model.solveLP()
        #expect(s.status == .optimal)
        #expect(abs(s.objective + 3) < 1e-9)
        #expect(kktViolation(model, s) == nil)
    }

    @Test func iterationLimitIsReported() {
        let model = randomFeasibleModel(n: 40, m: 30, density: 0.4, seed: 7, varied: false)
        let s = model.solveLP(options: SimplexOptions(iterationLimit: 1))
        #expect(s.status == .iterationLimit)
    }

    @Test func emptyModel() {
        let s = LinearModel(objectiveOffset: 4).solveLP()
        #expect(s.status == .optimal)
        #expect(s.objective == 4)
    }

    /// Linearly dependent equality rows (the third is twice the first): still optimal.
    @Test func dependentEqualityRows() {
        // min x + 2y + 3z, x + y + z = 2, x − y = 0, 2x + 2y + 2z = 4 → x = y = 1, z = 0, objective 3.
        let model = LinearModel(
            variables: [Variable(cost: 1), Variable(cost: 2), Variable(cost: 3)],
            constraints: [
                Constraint(indices: [0, 1, 2], coefficients: [1, 1, 1], lower: 2, upper: 2),
                Constraint(indices: [0, 1], coefficients: [1, -1], lower: 0, upper: 0),
                Constraint(indices: [0, 1, 2], coefficients: [2, 2, 2], lower: 4, upper: 4),
            ])
        let s = model.solveLP()
        #expect(s.status == .optimal)
        #expect(abs(s.objective - 3) < 1e-9)
        #expect(kktViolation(model, s) == nil)
    }
}
