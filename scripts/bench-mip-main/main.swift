// The solver side of scripts/bench-mip: LEXIMIN-pricing-shaped integer programs.
// maximize Σ w_t·x_t over integer x_t ∈ [0, count_t], Σ x_t = k, and for every attribute value
// lo_v ≤ Σ_{t has v} x_t ≤ hi_v; solved ROUNDS times with new weights on one reused MIPSolver.
// Usage: bench-mip-solve TYPES ROUNDS [SEED]
import Foundation

/// Deterministic instances (SplitMix64).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Values per attribute (age, gender, occupation, income, district, education): 43 quota rows.
let valuesPerAttribute = [6, 2, 8, 5, 16, 6]
/// Panel size.
let panelSize = 100.0
/// Quota window around each value's pool share.
let quotaSlack = 0.15

let arguments = CommandLine.arguments
guard arguments.count >= 3, let types = Int(arguments[1]), let rounds = Int(arguments[2]), types > 0, rounds > 0 else {
    FileHandle.standardError.write(Data("usage: bench-mip-solve TYPES ROUNDS [SEED]\n".utf8))
    exit(2)
}
var rng = SplitMix64(state: arguments.count > 3 ? UInt64(arguments[3]) ?? 1 : 1)

var model = LinearModel(sense: .maximize)
var members = valuesPerAttribute.map { Array(repeating: [Int](), count: $0) }
var population = valuesPerAttribute.map { Array(repeating: 0.0, count: $0) }
for t in 0..<types {
    let count = Double(Int.random(in: 1...4, using: &rng))
    model.addVariable(Variable(lower: 0, upper: count, cost: 0, isInteger: true, name: "t\(t)"))
    for (a, values) in valuesPerAttribute.enumerated() {
        // Skewed shares, as real registries have.
        let v = min(values - 1, Int(Double(values) * pow(Double.random(in: 0..<1, using: &rng), 1.5)))
        members[a][v].append(t)
        population[a][v] += count
    }
}
let total = population[0].reduce(0, +)
model.addConstraint(Constraint(indices: Array(0..<types), coefficients: Array(repeating: 1, count: types),
                               lower: panelSize, upper: panelSize))
for (a, values) in valuesPerAttribute.enumerated() {
    for v in 0..<values where !members[a][v].isEmpty {
        let share = population[a][v] / total * panelSize
        model.addConstraint(Constraint(indices: members[a][v], coefficients: Array(repeating: 1, count: members[a][v].count),
                                       lower: (share * (1 - quotaSlack)).rounded(.down),
                                       upper: min(population[a][v], (share * (1 + quotaSlack)).rounded(.up))))
    }
}

let clock = ContinuousClock()
func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
// Feasibility first (zero objective), as a draw checks its quotas before optimizing.
let feasibilityStart = clock.now
let feasibility = MIPSolver(model: model, options: MIPOptions(timeLimit: 60)).solve()
let feasibilitySeconds = seconds(clock.now - feasibilityStart)

let solver = MIPSolver(model: model, options: MIPOptions(timeLimit: 60))
var times: [Double] = []
var nodes: [Int] = []
var statuses: [String: Int] = [:]
var weights = (0..<types).map { _ in Double.random(in: 0..<1, using: &rng) }
for round in 0..<rounds {
    if round > 0 {
        // Pricing weights drift between rounds: perturb a fraction of them.
        for _ in 0..<max(1, types / 10) { weights[Int.random(in: 0..<types, using: &rng)] = Double.random(in: 0..<1, using: &rng) }
    }
    solver.setObjective(weights)
    let start = clock.now
    let solution = solver.solve()
    times.append(seconds(clock.now - start))
    nodes.append(solution.nodes)
    statuses["\(solution.status)", default: 0] += 1
}
// The first solve includes the cold root LP; the rest are warm re-solves.
let warm = times.dropFirst().sorted()
let median = warm.isEmpty ? times[0] : warm[warm.count / 2]
let sortedNodes = nodes.sorted()
print("types \(types) rows \(model.constraints.count): feasibility \(feasibility.status) \(String(format: "%.3f", feasibilitySeconds)) s "
      + "\(feasibility.nodes) nodes; rounds \(rounds): first \(String(format: "%.3f", times[0])) s, "
      + "warm median \(String(format: "%.4f", median)) s, max \(String(format: "%.3f", times.max() ?? 0)) s, "
      + "nodes median \(sortedNodes[sortedNodes.count / 2]) max \(sortedNodes.last ?? 0), status \(statuses)")
