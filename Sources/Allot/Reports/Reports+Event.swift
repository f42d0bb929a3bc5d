import Foundation
import Sortition

/// What an event report is computed from, read in one transaction.
struct EventReportInput {
    struct Invitation {
        var pid: String
        var state: String
        var source: Int
        var values: [String: String]
    }

    struct Feedback {
        var pid: String
        var overall: Int
        var information: Int
        var heard: Int
        var again: Bool
    }

    struct Suggestion {
        var status: String
        var createdAt: String
        var repliedAt: String?
    }

    struct Draw {
        var algorithm: String
        var pool: ReportPool
        /// Selection probability per pool row (exact for LEXIMIN, estimated for LEGACY).
        var probabilities: [Double]
        var estimated: Bool
        var quotas: [String: [String: [Int]]]
        var panel: [String]
    }

    var event: Event
    var registryTotal: Int
    /// "attribute=value" → active volunteers.
    var registry: [String: Int]
    var draw: Draw?
    var invitations: [Invitation]
    var feedback: [Feedback]
    var suggestions: [Suggestion]
}

extension Reports {
    /// Probabilities below this are zero: the LP solver's round-off, far below 1 / lottery size.
    static let zeroProbability = 1e-9
    /// Bins of the probability histogram.
    static let histogramBins = 10
    static let suggestionStatuses = ["received", "under_review", "adopted", "partially_adopted", "not_adopted"]

    /// The report of one event; any status (a draft has no fairness section yet).
    public func event(_ id: Int) throws -> EventReport {
        let input = try database.read { connection in try loadEvent(id, in: connection) }
        return buildEvent(input)
    }

    func loadEvent(_ id: Int, in connection: Connection) throws -> EventReportInput {
        guard let event = try EventStore.find(id, in: connection) else { throw EventError.notFound(id: id) }
        let year = event.year
        var registry: [String: Int] = [:]
        // Identical attribute sets grouped in SQL (a few thousand), decoded once each.
        try connection.prepare("SELECT attributes, count(*) FROM person WHERE status = 'active' GROUP BY attributes")
            .forEachRow { row in
                for (name, value) in AttributesJSON.decodeFlat(row.text(0)) {
                    registry["\(name)=\(value)", default: 0] += row.int(1)
                }
            }
        var registryTotal = 0
        try connection.prepare("SELECT birth_year, count(*) FROM person WHERE status = 'active' GROUP BY birth_year")
            .forEachRow { row in
                registryTotal += row.int(1)
                if let band = schema.age.band(birthYear: row.int(0), in: year) {
                    registry["\(QuotaPlanner.ageAttribute)=\(band)", default: 0] += row.int(1)
                }
            }
        var draw = try connection.prepare(
            """
            SELECT algorithm, pool, json_extract(summary, '$.estimated'), terms, panel FROM draw
            WHERE event_id = ? AND round = 0
            """
        ).firstRow([SQLValue(id)]) { row in
            EventReportInput.Draw(
                algorithm: row.text(0),
                pool: try ReportPool(text: row.text(1), attributes: QuotaPlanner.attributeValues(schema)),
                probabilities: [], estimated: row.int(2) != 0,
                quotas: try EventStore.decode(StoredTerms.self, row.text(3)).quotas,
                panel: row.optionalText(4).map { $0.isEmpty ? [] : $0.split(separator: "\n").map(String.init) } ?? [])
        }
        if draw != nil {
            // SQLite walks the 100,000-entry object in C; JSONDecoder would take seconds.
            // Keys come sorted (the summary is written with sorted keys), as the pool is: align them by
            // walking both; any key out of step falls back to a lookup table.
            let pids = draw?.pool.pids ?? []
            var aligned = [Double](repeating: 0, count: pids.count)
            var others: [String: Double] = [:]
            var position = 0
            try connection.prepare(
                "SELECT j.key, j.value FROM draw d, json_each(d.summary, '$.probabilities') j WHERE d.event_id = ? AND d.round = 0"
            ).forEachRow([SQLValue(id)]) { row in
                let key = row.text(0)
                if position < pids.count, pids[position] == key {
                    aligned[position] = row.double(1)
                    position += 1
                } else {
                    others[key] = row.double(1)
                }
            }
            if !others.isEmpty {
                for (index, pid) in pids.enumerated() where others[pid] != nil { aligned[index] = others[pid] ?? 0 }
            }
            draw?.probabilities = aligned
        }
        let pool = draw?.pool
        let invitations = try connection.prepare(
            """
            SELECT p.pid, i.state, i.source, p.birth_year, p.attributes FROM invitation i JOIN person p ON p.id = i.person_id
            WHERE i.event_id = ? ORDER BY i.id
            """
        ).rows([SQLValue(id)]) { row in
            let pid = row.text(0)
            // The attributes frozen in the draw's pool; a top-up or a later reserve: the registry's.
            let values =
                pool.flatMap { pool in pool.row(of: pid).map { pool.values(row: $0) } }
                ?? self.values(attributesJSON: row.text(4), birthYear: row.int(3), year: year)
            return EventReportInput.Invitation(pid: pid, state: row.text(1), source: row.int(2), values: values)
        }
        let feedback = try connection.prepare(
            """
            SELECT p.pid, f.overall, f.information, f.heard, f.again FROM feedback f
            JOIN invitation i ON i.id = f.invitation_id JOIN person p ON p.id = i.person_id WHERE i.event_id = ?
            """
        ).rows([SQLValue(id)]) { row in
            EventReportInput.Feedback(
                pid: row.text(0), overall: row.int(1), information: row.int(2), heard: row.int(3),
                again: row.int(4) == 1)
        }
        let suggestions = try connection.prepare(
            "SELECT status, created_at, replied_at FROM suggestion WHERE event_id = ?"
        ).rows([SQLValue(id)]) { row in
            EventReportInput.Suggestion(status: row.text(0), createdAt: row.text(1), repliedAt: row.optionalText(2))
        }
        return EventReportInput(
            event: event, registryTotal: registryTotal, registry: registry, draw: draw, invitations: invitations,
            feedback: feedback, suggestions: suggestions)
    }

    func buildEvent(_ input: EventReportInput) -> EventReport {
        let event = input.event
        let cells = cells
        let attributes = QuotaPlanner.attributeValues(schema)
        var targets: [String: [String: Double]] = [:]
        for line in event.quotas.values {
            if let share = line.share { targets[line.attribute, default: [:]][line.value] = share }
        }
        // Counts per stage, keyed "attribute=value".
        var counts: [ReportStage: [String: Int]] = [.registry: input.registry]
        var totals: [ReportStage: Int] = [.registry: input.registryTotal]
        func tally(_ stage: ReportStage, _ people: [[String: String]]) {
            var stageCounts: [String: Int] = [:]
            for values in people {
                for (attribute, value) in values { stageCounts["\(attribute)=\(value)", default: 0] += 1 }
            }
            counts[stage] = stageCounts
            totals[stage] = people.count
        }
        if let draw = input.draw {
            counts[.pool] = draw.pool.counts()
            totals[.pool] = draw.pool.count
            let panelRows = draw.panel.compactMap { draw.pool.row(of: $0) }
            counts[.panel] = draw.pool.counts(rows: panelRows)
            totals[.panel] = draw.panel.count
        }
        let acceptedStates: Set<String> = ["accepted", "attended", "no_show"]
        tally(.accepted, input.invitations.filter { acceptedStates.contains($0.state) }.map(\.values))
        tally(.attended, input.invitations.filter { $0.state == "attended" }.map(\.values))
        // Pool and panel are public in the draw record: shown exactly.
        func isProtected(_ stage: ReportStage) -> Bool { stage != .pool && stage != .panel }
        let stages: [ReportStage] = input.draw == nil ? [.registry, .accepted, .attended] : ReportStage.allCases

        let composition = attributes.map { attribute, codes in
            let attributeTargets = targets[attribute] ?? [:]
            var suppressedStages: Set<ReportStage> = []
            let values = codes.map { code in
                let target = attributeTargets[code]
                let cellsOfValue = stages.map { stage in
                    let exact = counts[stage]?["\(attribute)=\(code)"] ?? 0
                    let total = totals[stage] ?? 0
                    let count = isProtected(stage) ? cells.count(exact) : CellCount(exact, threshold: 0)
                    if count.suppressed { suppressedStages.insert(stage) }
                    let share = count.suppressed || total == 0 ? nil : Double(exact) / Double(total)
                    return StageCell(
                        stage: stage, count: count, share: share,
                        deviationPoints: share.flatMap { share in target.map { (share - $0) * 100 } },
                        deviationSeats: count.suppressed || total == 0
                            ? nil : target.map { Double(exact) - $0 * Double(total) })
                }
                return ValueComposition(
                    value: code, labels: labels(attribute: attribute, value: code), targetShare: target,
                    stages: cellsOfValue)
            }
            let distance = stages.map { stage in
                let prefix = "\(attribute)="
                let stageCounts = (counts[stage] ?? [:]).reduce(into: [String: Int]()) { result, entry in
                    if entry.key.hasPrefix(prefix) { result[String(entry.key.dropFirst(prefix.count))] = entry.value }
                }
                return StageDistance(
                    stage: stage,
                    tvd: Self.distance(
                        codes: codes, counts: stageCounts, total: totals[stage] ?? 0, targets: attributeTargets,
                        suppressed: suppressedStages.contains(stage)))
            }
            return AttributeComposition(
                attribute: attribute, labels: labels(attribute: attribute), values: values, distance: distance)
        }

        let invitedTotal = input.invitations.count
        let stageTotals =
            [StageTotal(stage: ReportStage.registry.rawValue, total: input.registryTotal)]
            + (input.draw == nil
                ? []
                : [
                    StageTotal(stage: ReportStage.pool.rawValue, total: totals[.pool] ?? 0),
                    StageTotal(stage: ReportStage.panel.rawValue, total: totals[.panel] ?? 0),
                ])
            + [
                StageTotal(stage: "invited", total: invitedTotal),
                StageTotal(stage: ReportStage.accepted.rawValue, total: totals[.accepted] ?? 0),
                StageTotal(stage: ReportStage.attended.rawValue, total: totals[.attended] ?? 0),
            ]

        return EventReport(
            event: ReportEvent(
                id: event.id, title: event.title, titleEn: event.titleEn, department: event.department,
                kind: event.kind.rawValue, startsAt: event.startsAt, seats: event.seats, status: event.status.rawValue),
            generatedAt: Timestamp.string(clock()), smallCells: cells.note, stages: stageTotals,
            composition: composition, fairness: input.draw.map(fairness),
            participation: participation(input, attributes: attributes, targets: targets),
            satisfaction: satisfaction(input, attributes: attributes), suggestions: suggestions(input.suggestions))
    }

    func fairness(_ draw: EventReportInput.Draw) -> Fairness {
        let pool = draw.pool
        let probabilities = draw.probabilities
        var groups: [String: (reason: String, values: [String], count: Int)] = [:]
        for (row, probability) in probabilities.enumerated() where probability < Self.zeroProbability {
            let entry = pool.values(row: row).sorted { $0.key < $1.key }
            let zero = entry.compactMap { attribute, value in
                draw.quotas[attribute]?[value].flatMap { $0.count == 2 && $0[1] == 0 ? "\(attribute)=\(value)" : nil }
            }
            let reason = zero.isEmpty ? "no_feasible_panel" : "quota_zero"
            let values = zero.isEmpty ? entry.map { "\($0.key)=\($0.value)" } : zero
            let key = reason + "|" + values.joined(separator: ",")
            groups[key, default: (reason, values, 0)].count += 1
        }
        let maximum = probabilities.max() ?? 0
        let width = maximum > 0 ? maximum / Double(Self.histogramBins) : 1
        var bins = [Int](repeating: 0, count: Self.histogramBins)
        for probability in probabilities {
            bins[min(Self.histogramBins - 1, max(0, Int(probability / width)))] += 1
        }
        return Fairness(
            algorithm: draw.algorithm, estimated: draw.estimated, poolSize: pool.count,
            minimum: probabilities.min() ?? 0, maximum: maximum, median: FairnessMetrics.median(probabilities) ?? 0,
            gini: FairnessMetrics.gini(probabilities),
            zeroChance: probabilities.filter { $0 < Self.zeroProbability }.count,
            zeroChanceGroups: groups.values.sorted { ($0.count, $1.values.joined()) > ($1.count, $0.values.joined()) }
                .map { ZeroChanceGroup(reason: $0.reason, values: $0.values, count: $0.count) },
            leximinMinimum: draw.algorithm == "leximin"
                ? probabilities.filter { $0 >= Self.zeroProbability }.min() ?? 0 : nil,
            legacyComparison: nil,
            histogram: bins.enumerated().map { index, count in
                HistogramBin(from: Double(index) * width, to: Double(index + 1) * width, count: count)
            })
    }

    /// Tallies of invitation outcomes.
    struct Outcomes {
        var invited = 0, accepted = 0, declined = 0, expired = 0, cancelled = 0, open = 0, replacements = 0
        var attended = 0, noShow = 0

        mutating func add(_ invitation: EventReportInput.Invitation) {
            invited += 1
            if invitation.source != 0 { replacements += 1 }
            switch invitation.state {
            case "accepted": accepted += 1
            case "attended":
                accepted += 1
                attended += 1
            case "no_show":
                accepted += 1
                noShow += 1
            case "declined": declined += 1
            case "expired": expired += 1
            case "cancelled": cancelled += 1
            default: open += 1
            }
        }

        func counts(_ cells: SmallCells) -> ParticipationCounts {
            let invited = cells.count(self.invited)
            let accepted = cells.count(self.accepted)
            let attended = cells.count(self.attended)
            return ParticipationCounts(
                invited: invited, accepted: accepted, declined: cells.count(declined), expired: cells.count(expired),
                cancelled: cells.count(cancelled), open: cells.count(open), replacements: cells.count(replacements),
                attended: attended, noShow: cells.count(noShow), acceptanceRate: cells.rate(accepted, invited),
                attendanceRate: cells.rate(attended, accepted))
        }
    }

    func participation(
        _ input: EventReportInput, attributes: [(String, [String])], targets: [String: [String: Double]]
    ) -> Participation {
        var total = Outcomes()
        var strata: [String: Outcomes] = [:]
        var acceptedPanel: [String: Int] = [:]
        var acceptedAll: [String: Int] = [:]
        var acceptedPanelTotal = 0
        var acceptedAllTotal = 0
        for invitation in input.invitations {
            total.add(invitation)
            let accepted = ["accepted", "attended", "no_show"].contains(invitation.state)
            if accepted {
                acceptedAllTotal += 1
                if invitation.source == 0 { acceptedPanelTotal += 1 }
            }
            for (attribute, value) in invitation.values {
                let key = "\(attribute)=\(value)"
                strata[key, default: Outcomes()].add(invitation)
                if accepted {
                    acceptedAll[key, default: 0] += 1
                    if invitation.source == 0 { acceptedPanel[key, default: 0] += 1 }
                }
            }
        }
        let cells = cells
        var rows: [StratumParticipation] = []
        var effects: [ReplacementEffect] = []
        for (attribute, codes) in attributes {
            for code in codes {
                rows.append(
                    StratumParticipation(
                        attribute: attribute, value: code, labels: labels(attribute: attribute, value: code),
                        counts: (strata["\(attribute)=\(code)"] ?? Outcomes()).counts(cells)))
            }
            guard let attributeTargets = targets[attribute] else { continue }
            func tvd(_ counts: [String: Int], _ total: Int) -> Double? {
                let byCode = Dictionary(uniqueKeysWithValues: codes.map { ($0, counts["\(attribute)=\($0)"] ?? 0) })
                return Self.distance(
                    codes: codes, counts: byCode, total: total, targets: attributeTargets,
                    suppressed: byCode.values.contains { cells.count($0).suppressed })
            }
            let without = tvd(acceptedPanel, acceptedPanelTotal)
            let with = tvd(acceptedAll, acceptedAllTotal)
            effects.append(
                ReplacementEffect(
                    attribute: attribute, withoutReplacements: without, withReplacements: with,
                    restoredPoints: without.flatMap { without in with.map { (without - $0) * 100 } }))
        }
        let exact = SmallCells(threshold: 0)
        return Participation(total: total.counts(exact), strata: rows, replacementEffect: effects)
    }

    /// Sums of feedback scores.
    struct Scores {
        var responses = 0, overall = 0, information = 0, heard = 0, again = 0
        var distribution = [Int](repeating: 0, count: 5)

        mutating func add(_ feedback: EventReportInput.Feedback) {
            responses += 1
            overall += feedback.overall
            information += feedback.information
            heard += feedback.heard
            if feedback.again { again += 1 }
            if (1...5).contains(feedback.overall) { distribution[feedback.overall - 1] += 1 }
        }

        func stats(attended: Int, _ cells: SmallCells) -> SatisfactionStats {
            let responses = cells.count(self.responses)
            let shown = !responses.suppressed && self.responses > 0
            func mean(_ sum: Int) -> Double? { shown ? Double(sum) / Double(self.responses) : nil }
            return SatisfactionStats(
                responses: responses, attended: cells.count(attended),
                responseRate: cells.rate(responses, cells.count(attended)), overall: mean(overall),
                information: mean(information), heard: mean(heard), again: mean(again),
                distribution: distribution.map { cells.count($0) })
        }
    }

    func satisfaction(_ input: EventReportInput, attributes: [(String, [String])]) -> Satisfaction {
        let valuesByPid = Dictionary(
            input.invitations.map { ($0.pid, $0.values) }, uniquingKeysWith: { first, _ in first })
        var attended: [String: Int] = [:]
        for invitation in input.invitations where invitation.state == "attended" {
            for (attribute, value) in invitation.values { attended["\(attribute)=\(value)", default: 0] += 1 }
        }
        var total = Scores()
        var strata: [String: Scores] = [:]
        for feedback in input.feedback {
            total.add(feedback)
            for (attribute, value) in valuesByPid[feedback.pid] ?? [:] {
                strata["\(attribute)=\(value)", default: Scores()].add(feedback)
            }
        }
        let cells = cells
        let rows = attributes.flatMap { attribute, codes in
            codes.map { code in
                let key = "\(attribute)=\(code)"
                return StratumSatisfaction(
                    attribute: attribute, value: code, labels: labels(attribute: attribute, value: code),
                    stats: (strata[key] ?? Scores()).stats(attended: attended[key] ?? 0, cells))
            }
        }
        let attendedTotal = input.invitations.filter { $0.state == "attended" }.count
        return Satisfaction(total: total.stats(attended: attendedTotal, SmallCells(threshold: 0)), strata: rows)
    }

    func suggestions(_ suggestions: [EventReportInput.Suggestion]) -> SuggestionStats {
        var byStatus: [String: Int] = [:]
        var days: [Double] = []
        for suggestion in suggestions {
            byStatus[suggestion.status, default: 0] += 1
            if let replied = suggestion.repliedAt.flatMap(Self.date), let created = Self.date(suggestion.createdAt) {
                days.append(replied.timeIntervalSince(created) / 86_400)
            }
        }
        return SuggestionStats(
            total: suggestions.count,
            byStatus: Self.suggestionStatuses.map { .init(status: $0, count: byStatus[$0] ?? 0) }, replied: days.count,
            medianDaysToReply: FairnessMetrics.median(days))
    }

    /// A stored UTC timestamp.
    static func date(_ text: String) -> Date? {
        try? Date(text, strategy: Date.ISO8601FormatStyle())
    }
}
