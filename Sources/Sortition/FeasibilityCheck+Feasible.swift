import Optimization

extension FeasibilityCheck {
    /// Whether some panel meets `quotas` from `pool`: the yes/no of `check` without the diagnosis of
    /// an infeasible case (conflicts and the smallest relaxation cost further solves, which a caller
    /// asking many yes/no questions, such as the replacement rule, does not read).
    public static func isFeasible(pool: Pool, quotas: Quotas) throws(SelectionError) -> Bool {
        guard pool.features == quotas.features else { throw .invalidInput(.featuresMismatch) }
        let solution = MIPSolver(model: QuotaModel(pool: pool, quotas: quotas).model).solve()
        if solution.values != nil { return true }
        guard solution.status == .infeasible else { throw .solverFailed("feasibility check ended with status \(solution.status)") }
        return false
    }
}
