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
}
