// Runner for scripts/bench-select: times LEXIMIN (Sortition, release build) on one instance, then the
// rounding of its distribution to a lottery of 1000 panels (or, with `write-files N K DIR`, writes the
// synthetic pool as Sortition Foundation files for the end-to-end `allot select` case), and prints one line: algorithm n k types
// seconds peakRSS(MiB) min max panels method (relaxation certified, or column generation as the
// fallback) lotterySeconds deviation(units of 1/m) bound(units of 1/m: what the rounding proved)
// pairRatio rarePairPanels (co-selection of two people of one type, see `coSelection`). Compiled by the script with swiftc
// against the release build's object files; not part of the package.
import Foundation
import Sortition

/// Shares for the synthetic pools: (population share, volunteer-pool share). Volunteer pools are more
/// educated and more middle-aged than the population (the skew every citizens'-assembly study reports).
let attributes: [(name: String, values: [(String, Double, Double)])] = [
    ("gender", [("female", 0.485, 0.56), ("male", 0.515, 0.44)]),
    ("age", [("18-29", 0.17, 0.10), ("30-39", 0.21, 0.22), ("40-49", 0.17, 0.26), ("50-59", 0.17, 0.22), ("60-69", 0.16, 0.14), ("70+", 0.12, 0.06)]),
    ("education", [("primary", 0.25, 0.08), ("secondary", 0.39, 0.27), ("college", 0.14, 0.25), ("bachelor+", 0.22, 0.40)]),
    // Shanghai 2020 census district shares (shared/data/population/shanghai_districts_2020.csv), pool skewed to the centre.
    ("district", [("pudong", 0.2284, 0.22), ("minhang", 0.1067, 0.10), ("baoshan", 0.0899, 0.08), ("songjiang", 0.0768, 0.06),
                  ("jiading", 0.0738, 0.06), ("qingpu", 0.0511, 0.04), ("yangpu", 0.05, 0.07), ("putuo", 0.0498, 0.06),
                  ("fengxian", 0.0459, 0.03), ("xuhui", 0.0448, 0.07), ("jingan", 0.0392, 0.06), ("jinshan", 0.0331, 0.02),
                  ("hongkou", 0.0305, 0.04), ("changning", 0.0279, 0.04), ("huangpu", 0.0266, 0.04), ("chongming", 0.0255, 0.01)]),
    ("income", [("q1", 0.2, 0.12), ("q2", 0.2, 0.17), ("q3", 0.2, 0.21), ("q4", 0.2, 0.24), ("q5", 0.2, 0.26)]),
    ("occupation", [("worker", 0.25, 0.15), ("service", 0.25, 0.22), ("professional", 0.15, 0.28), ("clerical", 0.1, 0.15), ("retired", 0.2, 0.16), ("other", 0.05, 0.04)]),
]

func synthetic(n: Int, k: Int, slack: Int) throws -> (Pool, Quotas) {
    var random = SeededGenerator(seed: UInt64(n) &* 31 &+ UInt64(k))
    let shares = attributes.flatMap { attribute in attribute.values.map { TargetShare(feature: attribute.name, value: $0.0, share: $0.1) } }
    let quotas = try Quotas.derived(panelSize: k, shares: shares, slack: slack)
    let rows = (0..<n).map { _ in
        attributes.map { attribute -> Int in
            var u = Double(random.next() >> 11) / Double(1 << 53)
            for (index, value) in attribute.values.enumerated() {
                u -= value.2
                if u < 0 { return index }
            }
            return attribute.values.count - 1
        }
    }
    return (try Pool(features: quotas.features, ids: (0..<n).map { "p\($0)" }, valueIndices: rows), quotas)
}

/// Writes the pool `synthetic(n:k:slack:)` builds as Sortition Foundation files, for the end-to-end
/// `allot select` case: DIR/features.csv (`feature,value,min,max`) and DIR/people.csv (`id` and the
/// six attribute columns), streamed in blocks so a million rows need no giant string.
func writeFiles(n: Int, k: Int, slack: Int, directory: String) throws {
    let (pool, quotas) = try synthetic(n: n, k: k, slack: slack)
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    var features = "feature,value,min,max\n"
    for (f, feature) in quotas.features.enumerated() {
        for (v, value) in feature.values.enumerated() {
            features += "\(feature.name),\(value),\(quotas.minimum[f][v]),\(quotas.maximum[f][v])\n"
        }
    }
    try features.write(toFile: directory + "/features.csv", atomically: true, encoding: .utf8)
    guard let out = FileHandle(forWritingAtPath: directory + "/people.csv")
        ?? (FileManager.default.createFile(atPath: directory + "/people.csv", contents: nil)
            ? FileHandle(forWritingAtPath: directory + "/people.csv") : nil)
    else { throw CocoaError(.fileWriteUnknown) }
    try out.truncate(atOffset: 0)
    var block = "id," + pool.features.map(\.name).joined(separator: ",") + "\n"
    for person in 0..<pool.count {
        block += pool.ids[person]
        for (f, v) in pool.valueIndices[person].enumerated() { block += "," + pool.features[f].values[v] }
        block += "\n"
        if block.utf8.count > 1 << 20 { try out.write(contentsOf: Data(block.utf8)); block = "" }
    }
    try out.write(contentsOf: Data(block.utf8))
    try out.close()
}

func csv(_ path: String) throws -> [[String]] {
    try String(contentsOfFile: path, encoding: .utf8).split(whereSeparator: \.isNewline)
        .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
}

func shared(_ directory: String, k: Int) throws -> (Pool, Quotas) {
    let fixture = FileManager.default.fileExists(atPath: directory + "/features.csv")
    let lines = try csv(directory + (fixture ? "/features.csv" : "/categories.csv")).dropFirst().map {
        ValueQuota(feature: $0[0], value: $0[1], min: Int($0[2]) ?? -1, max: Int($0[3]) ?? -1)
    }
    let quotas = try Quotas(panelSize: k, quotas: lines)
    let people = ["/candidates.csv", "/respondents.csv", "/people.csv"].first { FileManager.default.fileExists(atPath: directory + $0) } ?? ""
    let rows = try csv(directory + people)
    let header = rows[0]
    let candidates = rows.dropFirst().enumerated().map { number, row in
        Candidate(id: String(number), values: Dictionary(uniqueKeysWithValues: zip(header, row)))
    }
    return (try Pool(features: quotas.features, candidates: candidates), quotas)
}

/// A pool of `n` people drawn (seeded) from census_biased_2500 (sampled from a census extract the
/// way volunteer pools are skewed), with its quotas scaled from k = 150 to `k` (floor of the
/// minimums, ceiling of the maximums), like the 1,500-person pool of issue 15.
func censusSample(_ directory: String, n: Int, k: Int, seed: UInt64) throws -> (Pool, Quotas) {
    let lines = try csv(directory + "/features.csv").dropFirst().map { line -> ValueQuota in
        let scale = Double(k) / 150
        return ValueQuota(feature: line[0], value: line[1], min: Int((Double(Int(line[2]) ?? 0) * scale).rounded(.down)),
                          max: Int((Double(Int(line[3]) ?? 0) * scale).rounded(.up)))
    }
    let quotas = try Quotas(panelSize: k, quotas: lines)
    var rows = try csv(directory + "/people.csv")
    let header = rows.removeFirst()
    var random = SeededGenerator(seed: seed)
    rows.shuffle(using: &random)
    let candidates = rows.prefix(n).enumerated().map { number, row in
        Candidate(id: String(number), values: Dictionary(uniqueKeysWithValues: zip(header, row)))
    }
    return (try Pool(features: quotas.features, candidates: candidates), quotas)
}

/// A city volunteer pool as the Sortition tests make it (`RelaxedLeximinTests.cityPool`): six
/// features, sixteen districts (half of them over-represented), skewed against the shares the quotas
/// are derived from (slack 1). Issue 15's 1,500-person pool with k = 40 (seed 5) ended at 1.56/m.
func cityPool(people: Int, panelSize: Int, seed: UInt64) throws -> (Pool, Quotas) {
    let features: [(String, [(Double, Double)])] = [
        ("gender", [(0.49, 0.56), (0.51, 0.44)]),
        ("age", [(0.17, 0.10), (0.21, 0.22), (0.17, 0.26), (0.17, 0.22), (0.16, 0.14), (0.12, 0.06)]),
        ("education", [(0.25, 0.08), (0.39, 0.27), (0.14, 0.25), (0.22, 0.40)]),
        ("district", (0..<16).map { (1.0 / 16, $0 < 8 ? 0.09 : 0.035) }),
        ("income", [(0.2, 0.12), (0.2, 0.17), (0.2, 0.21), (0.2, 0.24), (0.2, 0.26)]),
        ("occupation", [(0.25, 0.15), (0.25, 0.22), (0.15, 0.28), (0.1, 0.15), (0.2, 0.16), (0.05, 0.04)]),
    ]
    let shares = features.flatMap { name, values in
        values.enumerated().map { TargetShare(feature: name, value: "v\($0.offset)", share: $0.element.0) }
    }
    let quotas = try Quotas.derived(panelSize: panelSize, shares: shares, slack: 1)
    var random = SeededGenerator(seed: seed)
    let rows = (0..<people).map { _ in
        features.map { _, values -> Int in
            var u = Double(random.next() >> 11) / Double(1 << 53)
            for (index, value) in values.enumerated() {
                u -= value.1
                if u < 0 { return index }
            }
            return values.count - 1
        }
    }
    return (try Pool(features: quotas.features, ids: (0..<people).map { "p\($0)" }, valueIndices: rows), quotas)
}

/// Co-selection of two people of one type on the lottery: the largest ratio of the share of panels
/// they sit on together to its value for independent people (πi·πj), over pairs for whom that value
/// is at least one panel in m (below it, one shared panel already makes a large ratio: for those the
/// largest number of panels a pair shares is given instead).
func coSelection(_ lottery: Lottery, pool: Pool, probabilities: [Double]) -> (ratio: Double, rareTogether: Int) {
    let m = Double(lottery.size)
    var together: [Int: Int] = [:]
    for panel in lottery.panels {
        var byType: [Int: [Int]] = [:]
        for person in panel { byType[pool.typeOfPerson[person], default: []].append(person) }
        for people in byType.values where people.count > 1 {
            for a in people.indices { for b in people.indices where b > a { together[people[a] * pool.count + people[b], default: 0] += 1 } }
        }
    }
    var ratio = 0.0, rare = 0
    for (pair, count) in together {
        let independent = probabilities[pair / pool.count] * probabilities[pair % pool.count]
        if independent * m >= 1 { ratio = max(ratio, Double(count) / m / independent) } else { rare = max(rare, count) }
    }
    return (ratio, rare)
}

func peakRSSMiB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kb = Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") else { return -1 }
    return kb / 1024
}

let arguments = CommandLine.arguments
if arguments.count >= 5, arguments[1] == "write-files", let n = Int(arguments[2]), let k = Int(arguments[3]) {
    do {
        try writeFiles(n: n, k: k, slack: arguments.count > 5 ? Int(arguments[5]) ?? 1 : 1, directory: arguments[4])
        exit(0)
    } catch {
        print("error: \(error)")
        exit(1)
    }
}
guard arguments.count >= 4, let k = Int(arguments[3]) else {
    FileHandle.standardError.write("usage: runner shared DIR K | runner census-sample N K [SEED] | runner city N K [SEED] | runner synthetic N K [SLACK] | runner write-files N K DIR [SLACK]\n".data(using: .utf8) ?? Data())
    exit(2)
}
do {
    let census = "../shared/data/instances/census_biased_2500"
    let (pool, quotas) = switch arguments[1] {
    case "shared": try shared(arguments[2], k: k)
    case "census-sample": try censusSample(census, n: Int(arguments[2]) ?? 0, k: k, seed: arguments.count > 4 ? UInt64(arguments[4]) ?? 1 : 1)
    case "city": try cityPool(people: Int(arguments[2]) ?? 0, panelSize: k, seed: arguments.count > 4 ? UInt64(arguments[4]) ?? 1 : 1)
    default: try synthetic(n: Int(arguments[2]) ?? 0, k: k, slack: arguments.count > 4 ? Int(arguments[4]) ?? 1 : 1)
    }
    let verbose = ProcessInfo.processInfo.environment["BENCH_PROGRESS"] != nil
    let start = ContinuousClock.now
    // Column generation runs (and reports its seeding stage) only when the relaxation is not certified.
    final class Flag: @unchecked Sendable { var columnGeneration = false }
    let flag = Flag()
    let report: ProgressHandler = { progress in
        if progress.stage == .seeding { flag.columnGeneration = true }
        guard verbose else { return }
        let line = "\(progress.stage.rawValue) fixed \(progress.fixedShare) panels \(progress.panels) at \(ContinuousClock.now - start)\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
    let distribution = try Leximin.distribution(pool: pool, quotas: quotas, progress: report)
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    // The lottery the draw pipeline makes from it (m = 1000), timed apart.
    let m = DrawProtocol.defaultLotterySize
    let lotteryStart = ContinuousClock.now
    let lottery = try LotteryRounding.round(distribution, pool: pool, quotas: quotas, size: m)
    let lotteryElapsed = ContinuousClock.now - lotteryStart
    let lotterySeconds = Double(lotteryElapsed.components.seconds) + Double(lotteryElapsed.components.attoseconds) * 1e-18
    if verbose {
        // The floor of any rounding: writing m panels of k people (a copy of the lottery's).
        let copyStart = ContinuousClock.now
        var copies: [[Int]] = []
        copies.reserveCapacity(m)
        for panel in lottery.panels {
            copies.append(panel.withUnsafeBufferPointer { source in
                [Int](unsafeUninitializedCapacity: source.count) { target, count in
                    count = target.initialize(fromContentsOf: source)
                }
            })
        }
        let copyElapsed = ContinuousClock.now - copyStart
        FileHandle.standardError.write(Data("copying \(copies.count) panels of \(copies.first?.count ?? 0): \(copyElapsed)\n".utf8))
        let stages = lottery.stageSeconds.map { String(format: "%@ %.4f", $0.stage, $0.seconds) }.joined(separator: ", ")
        FileHandle.standardError.write(Data("lottery stages: \(stages)\n".utf8))
    }
    let pairs = coSelection(lottery, pool: pool, probabilities: distribution.personProbabilities(in: pool))
    print(String(format: "leximin %d %d %d %.4f %.1f %.6f %.6f %d %@ %.4f %.3f %.3f %.2f %d", pool.count, k, pool.typeCount, seconds, peakRSSMiB(),
                 distribution.minimumProbability, distribution.maximumProbability, distribution.panels.count,
                 flag.columnGeneration ? "column-generation" : "relaxation",
                 lotterySeconds, lottery.maxDeviation * Double(m), lottery.guaranteedDeviation * Double(m),
                 pairs.ratio, pairs.rareTogether))
} catch {
    print("error: \(error)")
    exit(1)
}
