import Foundation

/// One table of a report as CSV (RFC 4180, CRLF line ends): evaluators get one file per table.
public struct ReportTable: Sendable, Equatable {
    /// The file name without `.csv`, e.g. `composition`.
    public let name: String
    public let header: [String]
    public let rows: [[String]]

    /// The table as CSV text.
    public var csv: String {
        ([header] + rows).map { $0.map(Self.field).joined(separator: ",") + "\r\n" }.joined()
    }

    /// Several tables in one text: each preceded by a `# NAME.csv` line, separated by a blank line
    /// (what `--format csv` prints without `--out`, and what the API sends without `?table=`).
    public static func combined(_ tables: [ReportTable]) -> String {
        tables.map { "# \($0.name).csv\r\n" + $0.csv }.joined(separator: "\r\n")
    }

    /// A quoted field where needed; text that a spreadsheet would run as a formula gets a leading `'`.
    static func field(_ value: String) -> String {
        var value = value
        if let first = value.unicodeScalars.first,
            "=+@\t\r".unicodeScalars.contains(first)
                || (first == "-" && Double(value) == nil)
        {
            value = "'" + value
        }
        let special =
            value.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || value.first == " " || value.last == " "
        return special ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
    }

    /// A number as CSV and HTML show it: up to 6 decimals, no trailing zeros; "" for nil.
    static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        var text = String(format: "%.6f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }
}

extension EventReport {
    /// The report's tables, one CSV file each.
    public var tables: [ReportTable] {
        let n = ReportTable.number
        var info: [[String]] = [
            ["event_id", String(event.id)], ["title", event.title], ["title_en", event.titleEn ?? ""],
            ["department", event.department], ["kind", event.kind], ["starts_at", event.startsAt],
            ["seats", String(event.seats)], ["status", event.status], ["generated_at", generatedAt],
            ["small_cell_threshold", String(smallCells.threshold)], ["small_cell_rule", smallCells.rule],
            ["suggestions_total", String(suggestions.total)], ["suggestions_replied", String(suggestions.replied)],
            ["median_days_to_reply", n(suggestions.medianDaysToReply)],
        ]
        if let fairness {
            info += [
                ["algorithm", fairness.algorithm], ["estimated", String(fairness.estimated)],
                ["pool_size", String(fairness.poolSize)], ["probability_min", n(fairness.minimum)],
                ["probability_max", n(fairness.maximum)], ["probability_median", n(fairness.median)],
                ["probability_gini", n(fairness.gini)], ["zero_chance", String(fairness.zeroChance)],
                ["leximin_minimum", n(fairness.leximinMinimum)],
            ]
        }
        var tables = [
            ReportTable(name: "event", header: ["field", "value"], rows: info),
            ReportTable(
                name: "stages", header: ["stage", "total"], rows: stages.map { [$0.stage, String($0.total)] }),
            ReportTable(
                name: "composition",
                header: [
                    "attribute", "value", "label_zh", "label_en", "target_share", "stage", "count", "share",
                    "deviation_points", "deviation_seats",
                ],
                rows: composition.flatMap { attribute in
                    attribute.values.flatMap { value in
                        value.stages.map { cell in
                            [
                                attribute.attribute, value.value, value.labels.zh, value.labels.en,
                                n(value.targetShare),
                                cell.stage.rawValue, cell.count.shown, n(cell.share), n(cell.deviationPoints),
                                n(cell.deviationSeats),
                            ]
                        }
                    }
                }),
            ReportTable(
                name: "distance", header: ["attribute", "stage", "tvd"],
                rows: composition.flatMap { attribute in
                    attribute.distance.map { [attribute.attribute, $0.stage.rawValue, n($0.tvd)] }
                }),
        ]
        if let fairness {
            tables.append(
                ReportTable(
                    name: "zero_chance", header: ["reason", "values", "count"],
                    rows: fairness.zeroChanceGroups.map {
                        [$0.reason, $0.values.joined(separator: ";"), String($0.count)]
                    }))
            tables.append(
                ReportTable(
                    name: "probability_histogram", header: ["from", "to", "people"],
                    rows: fairness.histogram.map { [n($0.from), n($0.to), String($0.count)] }))
        }
        func counts(_ c: ParticipationCounts) -> [String] {
            [
                c.invited.shown, c.accepted.shown, c.declined.shown, c.expired.shown, c.cancelled.shown, c.open.shown,
                c.replacements.shown, c.attended.shown, c.noShow.shown, n(c.acceptanceRate), n(c.attendanceRate),
            ]
        }
        tables.append(
            ReportTable(
                name: "participation",
                header: [
                    "attribute", "value", "invited", "accepted", "declined", "expired", "cancelled", "open",
                    "replacements", "attended", "no_show", "acceptance_rate", "attendance_rate",
                ],
                rows: [["*", "*"] + counts(participation.total)]
                    + participation.strata.map { [$0.attribute, $0.value] + counts($0.counts) }))
        tables.append(
            ReportTable(
                name: "replacement_effect",
                header: ["attribute", "tvd_without_replacements", "tvd_with_replacements", "restored_points"],
                rows: participation.replacementEffect.map {
                    [$0.attribute, n($0.withoutReplacements), n($0.withReplacements), n($0.restoredPoints)]
                }))
        func scores(_ s: SatisfactionStats) -> [String] {
            [
                s.responses.shown, s.attended.shown, n(s.responseRate), n(s.overall), n(s.information), n(s.heard),
                n(s.again),
            ]
                + s.distribution.map(\.shown)
        }
        tables.append(
            ReportTable(
                name: "satisfaction",
                header: [
                    "attribute", "value", "responses", "attended", "response_rate", "overall", "information", "heard",
                    "again", "score_1", "score_2", "score_3", "score_4", "score_5",
                ],
                rows: [["*", "*"] + scores(satisfaction.total)]
                    + satisfaction.strata.map { [$0.attribute, $0.value] + scores($0.stats) }))
        tables.append(
            ReportTable(
                name: "suggestions", header: ["status", "count"],
                rows: suggestions.byStatus.map { [$0.status, String($0.count)] }))
        return tables
    }
}

extension SummaryReport {
    /// The summary's tables, one CSV file each.
    public var tables: [ReportTable] {
        let n = ReportTable.number
        return [
            ReportTable(
                name: "summary", header: ["field", "value"],
                rows: [
                    ["from", from ?? ""], ["to", to ?? ""], ["generated_at", generatedAt],
                    ["small_cell_threshold", String(smallCells.threshold)], ["small_cell_rule", smallCells.rule],
                    ["events", String(events)], ["seats", String(seats)],
                    ["unique_participants", String(uniqueParticipants)],
                    ["seats_per_participant", n(seatsPerParticipant)],
                    ["familiar_face_window_days", String(familiarFaces.windowDays)],
                    ["familiar_face_seats", String(familiarFaces.seats)],
                    ["familiar_face_share", n(familiarFaces.share)],
                    ["repeat_gini", n(repeatGini)], ["registry_people", String(registry.people)],
                    ["registry_ever_invited", String(registry.everInvited)],
                    ["registry_invited_share", n(registry.share)],
                ]),
            ReportTable(
                name: "events", header: ["event_id", "title", "department", "starts_at", "status"],
                rows: eventList.map { [String($0.id), $0.title, $0.department, $0.startsAt, $0.status] }),
            ReportTable(
                name: "repeat_histogram", header: ["times", "people"],
                rows: repeatHistogram.map { [String($0.times), $0.people.shown] }),
            ReportTable(
                name: "cumulative",
                header: [
                    "attribute", "value", "label_zh", "label_en", "target_share", "participants", "share",
                    "deviation_points",
                ],
                rows: cumulative.flatMap { attribute in
                    attribute.values.map {
                        [
                            attribute.attribute, $0.value, $0.labels.zh, $0.labels.en, n($0.targetShare),
                            $0.participants.shown, n($0.share), n($0.deviationPoints),
                        ]
                    }
                }),
            ReportTable(
                name: "cumulative_distance", header: ["attribute", "tvd"],
                rows: cumulative.map { [$0.attribute, n($0.tvd)] }),
            ReportTable(
                name: "departments",
                header: [
                    "department", "events", "seats", "invited", "accepted", "attended", "unique_participants",
                    "acceptance_rate", "attendance_rate",
                ],
                rows: departments.map {
                    [
                        $0.department, String($0.events), String($0.seats), String($0.invited), String($0.accepted),
                        String($0.attended), String($0.uniqueParticipants), n($0.acceptanceRate), n($0.attendanceRate),
                    ]
                }),
        ]
    }
}
