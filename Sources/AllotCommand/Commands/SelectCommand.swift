import Allot
import Foundation

extension Command {
    /// `allot select`: stateless selection from Sortition Foundation files (INTERFACE.md §2).
    static let select = Command(
        ["select"],
        abstract: "select a panel from a features file and a people file, no database",
        discussion: """
            Reads the Sortition Foundation formats: features (feature,value,min,max or category,name,min,max,
            optional min_flex,max_flex) and people (header row; id column or row number; one column per feature).
            Computes the LEXIMIN distribution (or runs LEGACY), rounds it to a lottery of equally likely panels
            and draws one with the allot-draw-v1 protocol from the beacon. `allot verify` checks the record.
            """,
        parameters: [
            .option("features", value: "FILE", required: true, help: "features CSV with the quotas"),
            .option("people", value: "FILE", required: true, help: "people CSV"),
            .option("size", value: "K", required: true, help: "panel size"),
            .option("algorithm", value: "NAME", help: "leximin (default) or legacy"),
            .option("lottery-size", value: "M", help: "panels in the lottery (default 1000, at least 100)"),
            .option("beacon", value: "TEXT", help: "public beacon text (default: random: + 32 secure random bytes in hex)"),
            .option("record", value: "FILE", help: "write the draw record (JSON) to FILE"),
            .option("id-column", value: "NAME", help: "id column of the people file (default: id, else the row number)"),
            .option("household-columns", value: "A,B", help: "at most one person per identical combination of these columns"),
            .option("joint-quotas", value: "FILE", help: "CSV feature1,value1,feature2,value2,min,max"),
            .option("event", value: "ID", help: "the event the panel is for, named in the record (eventId)"),
            .flag("progress", help: "show the stages on stderr even when it is not a terminal"),
        ],
        run: runSelect
    )

    private static func runSelect(_ invocation: Invocation) throws {
        let algorithmName = invocation.option("algorithm") ?? SelectionRequest.Algorithm.leximin.rawValue
        guard let algorithm = SelectionRequest.Algorithm(rawValue: algorithmName) else {
            throw UsageError(message: "unknown algorithm '\(algorithmName)': use leximin or legacy", helpTopic: "allot select")
        }
        let request = SelectionRequest(
            featuresPath: try invocation.required("features"), peoplePath: try invocation.required("people"),
            panelSize: try invocation.integer("size", in: 1...1_000_000) ?? 0, algorithm: algorithm,
            lotterySize: try invocation.integer("lottery-size", in: 1...1_000_000) ?? 1000,
            beacon: invocation.option("beacon"), idColumn: invocation.option("id-column"),
            householdColumns: invocation.option("household-columns").map {
                $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            } ?? [],
            jointQuotasPath: invocation.option("joint-quotas"), eventId: invocation.option("event"))
        // Each stage with its wall and CPU seconds (what `scripts/bench-select --select-1m` reads).
        let progress = invocation.stageProgress(prefix: "select", force: invocation.flag("progress"))
        let outcome = Result { () throws(SelectFromFilesError) -> SelectionResult in
            try SelectFromFiles.run(request, progress: progress)
        }
        if case .failure(.infeasible(let diagnostics)) = outcome {
            // The diagnostics go to stdout once; stderr gets one line saying where they are.
            if invocation.json {
                try invocation.printJSON(
                    InfeasibleQuotasDocument(diagnostics))
            } else {
                for line in diagnostics.lines { invocation.print("infeasible: \(line)") }
            }
            throw CommandFailure("no panel meets the quotas: the conflicts and suggestions are printed above")
        }
        let result = try outcome.get()
        if !result.approximateSteps.isEmpty {
            // Never silently: an unproven LEXIMIN step is said on stderr whatever the output format.
            let steps = result.approximateSteps.map { "step \($0.step) (\($0.stoppedBy), bound gap \(format($0.boundGap)))" }
            invocation.diagnostics(
                "warning: the distribution is approximate: \(steps.joined(separator: ", ")) rest on a pricing MIP "
                    + "stopped at its limit, not on a proof; the record lists them as approximateSteps\n")
        }
        if let path = invocation.option("record") {
            progress?("writing the record to \(path)")
            try result.record.write(toFile: path)
        }
        progress?("done")
        if invocation.json {
            try invocation.printJSON(SelectionSummary(result))
        } else {
            printText(result, record: invocation.option("record"), invocation: invocation)
        }
    }

    private static func printText(_ result: SelectionResult, record: String?, invocation: Invocation) {
        let kind = result.estimated ? "estimated by Monte Carlo over the lottery" : "exact"
        if let event = result.record.terms.eventId { invocation.print("event: \(event)") }
        invocation.print("algorithm: \(result.algorithm.rawValue) (probabilities \(kind))")
        invocation.print("pool: \(result.poolSize) people in \(result.types) types; panel size \(result.panelSize)")
        invocation.print("distribution: \(result.distributionSize) panels; lottery of \(result.record.lottery.count) panels")
        if !result.estimated {
            let perM = String(format: "%.2f", result.lotteryDeviation * Double(result.record.lottery.count))
            invocation.print("lottery deviation: \(format(result.lotteryDeviation)) = \(perM)/m (largest gap between share of lottery panels and probability)")
        }
        invocation.print("probability: min \(format(result.minProbability)), max \(format(result.maxProbability))")
        if !result.approximateSteps.isEmpty {
            invocation.print("approximate: \(result.approximateSteps.count) LEXIMIN step(s) not proven (see approximateSteps in the record)")
        }
        invocation.print("pool digest: \(result.record.poolDigest)")
        invocation.print("lottery digest: \(result.record.lotteryDigest)")
        invocation.print("terms digest: \(result.record.termsDigest ?? "none")")
        invocation.print("beacon: \(result.record.beacon)")
        invocation.print("seed: \(result.record.seed)")
        invocation.print("panel (lottery line \(result.record.panelIndex), in the people file's order): \(result.panelInPoolOrder.joined(separator: ", "))")
        if let record { invocation.print("record: \(record)") }
        invocation.print("seconds: \(format(result.seconds))")
    }

    private static func format(_ value: Double) -> String {
        String(format: "%.4f", value)
    }
}

/// The `--json` document of `allot select` (INTERFACE.md §2), exactly these keys.
private struct SelectionSummary: Encodable {
    let algorithm: String
    let panelSize: Int
    let poolSize: Int
    let types: Int
    let feasible: Bool
    let panel: [String]
    let probabilities: [String: Double]
    let estimated: Bool?
    let minProbability: Double
    let maxProbability: Double
    let distributionSize: Int
    let seconds: Double

    init(_ result: SelectionResult) {
        algorithm = result.algorithm.rawValue
        panelSize = result.panelSize
        poolSize = result.poolSize
        types = result.types
        feasible = true
        panel = result.panel
        probabilities = result.probabilities
        estimated = result.estimated ? true : nil
        minProbability = result.minProbability
        maxProbability = result.maxProbability
        distributionSize = result.distributionSize
        seconds = result.seconds
    }
}

