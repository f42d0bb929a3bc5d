import Testing
import Optimization

/// Netlib LPs solved to their published optimum (1e-6 relative). These are the problems that
/// finish quickly in a debug build; `scripts/bench-lp ../shared/data/netlib` runs all of them.
@Suite struct NetlibTests {
    /// Relative agreement with the published optimum required by the issue.
    static let relativeTolerance = 1e-6

    static let quickProblems = [
        "afiro", "sc50a", "sc50b", "kb2", "adlittle", "blend", "sc105", "recipe", "share2b", "stocfor1",
        "share1b", "scagr7", "grow7", "scsd1", "beaconfd", "sc205", "bore3d", "agg", "agg2", "agg3",
        "sctap1", "fit1d", "standata", "standgub", "standmps", "finnis", "etamacro", "scsd6", "tuff", "scagr25",
    ]

    @Test(arguments: quickProblems)
    func solvesToThePublishedOptimum(name: String) throws {
        let entry = try #require(try NetlibData.entries().first { $0.name == name })
        let problem = try NetlibData.problem(name)
        let solution = SimplexSolver(model: problem.model).solve()
        #expect(solution.status == .optimal)
        let error = abs(solution.objective - entry.optimalObjective) / abs(entry.optimalObjective)
        #expect(error <= Self.relativeTolerance, "\(name): \(solution.objective) vs \(entry.optimalObjective)")
    }

    @Test func coversAtLeastTwentyFiveProblems() throws {
        let names = Set(try NetlibData.entries().map(\.name))
        #expect(Set(Self.quickProblems).isSubset(of: names))
        #expect(Set(Self.quickProblems).count >= 25)
    }
}
