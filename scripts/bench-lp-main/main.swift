// The solver side of scripts/bench-lp: reads one MPS file, solves its LP relaxation and prints
// `name status objective seconds iterations [check]`. Compiled by scripts/bench-lp together
// with Sources/Optimization/*.swift into one optimized binary (no package target needed).
// Usage: bench-lp-solve FILE TIME_LIMIT_SECONDS [EXPECTED_OBJECTIVE]
// Exit status: 0 solved (and matching when an expected value is given), 1 not solved, 2 usage/read error.
import Foundation

/// Relative agreement required with a published optimum (the issue's acceptance criterion).
let relativeTolerance = 1e-6

let arguments = CommandLine.arguments
guard arguments.count == 3 || arguments.count == 4, let timeLimit = Double(arguments[2]) else {
    FileHandle.standardError.write(Data("usage: bench-lp-solve FILE TIME_LIMIT_SECONDS [EXPECTED_OBJECTIVE]\n".utf8))
    exit(2)
}
let url = URL(fileURLWithPath: arguments[1])
// Fields are separated by spaces, so a file name's own spaces become underscores.
let name = url.deletingPathExtension().lastPathComponent.replacingOccurrences(of: " ", with: "_")
let expected = arguments.count == 4 ? Double(arguments[3]) : nil

let problem: MPSProblem
do {
    problem = try MPSReader.parse(bytes: [UInt8](try Data(contentsOf: url)))
} catch {
    print("\(name) read-error - - - \(error)")
    exit(2)
}

let clock = ContinuousClock()
let start = clock.now
let solution = SimplexSolver(model: problem.model, options: SimplexOptions(timeLimit: timeLimit)).solve()
let elapsed = clock.now - start
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18

var check = ""
var solved = solution.status == .optimal
if let expected {
    let error = abs(solution.objective - expected) / max(abs(expected), Double.leastNormalMagnitude)
    if solved && error > relativeTolerance {
        check = " MISMATCH expected \(expected)"
        solved = false
    } else if solved {
        check = " ok"
    }
}
let objective = String(format: "%.10g", solution.objective)
print("\(name) \(solution.status) \(objective) \(String(format: "%.3f", seconds)) \(solution.iterations)\(check)")
exit(solved ? 0 : 1)
