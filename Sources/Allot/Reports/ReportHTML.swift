/// The self-contained HTML report: one page with inline CSS and SVG (no script, font or image from
/// elsewhere), printable on A4, in Chinese (default) or English. Every value goes through `HTML`.
struct ReportHTML {
    let language: WebLanguage

    func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
    func label(_ labels: Labels) -> String { language == .zh ? labels.zh : labels.en }
    func percent(_ share: Double?) -> String { share.map { ReportCharts.fixed($0 * 100) + "%" } ?? "—" }
    func number(_ value: Double?, _ decimals: Int = 2) -> String {
        value.map { ReportCharts.fixed($0, decimals) } ?? "—"
    }

    static let style: HTML = """
        <style>
        @page { size: A4; margin: 15mm; }
        body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif;
          color: #1a1a1a; margin: 0 auto; max-width: 720px; padding: 16px; line-height: 1.45; font-size: 14px; }
        h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; border-bottom: 2px solid #4e79a7; padding-bottom: 2px;
          margin-top: 28px; break-after: avoid; } h3 { font-size: 15px; margin: 18px 0 6px; break-after: avoid; }
        .meta { color: #444; margin: 0 0 8px; }
        .note { background: #fff6d5; border-left: 4px solid #e0b000; padding: 6px 10px; margin: 10px 0; }
        table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 12px; break-inside: avoid; }
        th, td { border: 1px solid #ccc; padding: 2px 5px; text-align: right; }
        th:first-child, td:first-child { text-align: left; } td + td { white-space: nowrap; }
        thead th { background: #eef2f7; }
        figure { margin: 10px 0 16px; break-inside: avoid; } figcaption { font-weight: bold; margin-bottom: 4px; }
        svg { max-width: 100%; height: auto; display: block; }
        svg text { font-family: inherit; } .label { font-size: 11px; } .legend { font-size: 11px; }
        .value { font-size: 9px; fill: #333; } .muted { fill: #888; } .tick { font-size: 10px; }
        .axis { stroke: #666; } .funnel-value { font-size: 12px; font-weight: bold; fill: #1a1a1a; }
        dl.figures { display: grid; grid-template-columns: max-content auto; gap: 2px 14px; margin: 6px 0; }
        dl.figures dt { color: #444; } dl.figures dd { margin: 0; font-weight: bold; }
        @media print { body { max-width: none; padding: 0; } a { color: inherit; } }
        </style>
        """

    func page(title: String, body: HTML) -> HTML {
        "<!DOCTYPE html><html lang=\"\(language.htmlTag)\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>\(title)</title>\(Self.style)</head><body>\(body)</body></html>"
    }

    func table(_ header: [String], _ rows: [[String]]) -> HTML {
        let head = HTML(joining: header.map { cell -> HTML in "<th>\(cell)</th>" })
        let body = HTML(
            joining: rows.map { row -> HTML in
                "<tr>\(HTML(joining: row.map { cell -> HTML in "<td>\(cell)</td>" }))</tr>"
            })
        return "<table><thead><tr>\(head)</tr></thead><tbody>\(body)</tbody></table>"
    }

    func figures(_ pairs: [(String, String)]) -> HTML {
        "<dl class=\"figures\">\(HTML(joining: pairs.map { pair -> HTML in "<dt>\(pair.0)</dt><dd>\(pair.1)</dd>" }))</dl>"
    }

    func smallCellNote(_ note: SmallCellNote) -> HTML {
        let text = t(
            "小单元保护：每个分组中 1 至 \(note.threshold - 1) 人的计数显示为“<\(note.threshold)”，基于这些单元的比率、均值和距离不予公布（显示为“—”）。候选池与抽中名单的构成已在公开抽签记录中发布，不作隐藏。",
            "Small-cell protection: per-group counts from 1 to \(note.threshold - 1) are shown as \"<\(note.threshold)\", and rates, means and distances over such cells are withheld (shown as \"—\"). Pool and panel counts are not hidden: the public draw record publishes them."
        )
        return "<p class=\"note\">\(text)</p>"
    }

    func status(_ status: String) -> String {
        switch status {
        case "draft": t("草稿", "draft")
        case "prepared": t("已准备抽签", "prepared")
        case "drawn": t("已抽签", "drawn")
        case "closed": t("已结束", "closed")
        case "cancelled": t("已取消", "cancelled")
        default: status
        }
    }

    func stageName(_ stage: String) -> String {
        switch stage {
        case "registry": t("代表库", "Registry")
        case "pool": t("合格候选池", "Eligible pool")
        case "panel": t("抽中名单", "Panel")
        case "invited": t("已邀请", "Invited")
        case "accepted": t("已接受", "Accepted")
        case "attended": t("已出席", "Attended")
        default: stage
        }
    }
}

extension EventReport {
    /// The report as one self-contained HTML page in `language`.
    public func html(language: WebLanguage = .zh) -> HTML {
        let r = ReportHTML(language: language)
        let parts = htmlParts(language: language)
        return r.page(title: parts.title, body: "<h1>\(parts.heading)</h1>" + parts.body)
    }

    /// The report's page title, heading and body without the page around them (the staff console
    /// embeds the body in its own layout and style sheet).
    func htmlParts(language: WebLanguage = .zh) -> (title: String, heading: String, body: HTML) {
        let r = ReportHTML(language: language)
        let title = language == .en ? (event.titleEn ?? event.title) : event.title
        var body: [HTML] = [
            "<p class=\"meta\">\(event.department) · \(event.startsAt) · \(r.t("席位", "seats")) \(event.seats) · \(r.t("状态", "status")) \(r.status(event.status)) · \(r.t("生成于", "generated")) \(generatedAt)</p>",
            r.smallCellNote(smallCells),
            "<h2>\(r.t("各阶段人数", "Stages"))</h2>",
            r.table(stages.map { r.stageName($0.stage) }, [stages.map { String($0.total) }]),
            ReportCharts.figure(
                "funnel", caption: r.t("参与漏斗", "Stage funnel"),
                ReportCharts.funnel(
                    stages: stages.filter { ["panel", "invited", "accepted", "attended"].contains($0.stage) }
                        .map { (r.stageName($0.stage), $0.total) },
                    label: r.t("参与漏斗", "Stage funnel"))),
            "<h2>\(r.t("代表性：各阶段构成与人口普查目标", "Representativeness: composition at every stage vs census targets"))</h2>",
        ]
        for attribute in composition {
            let name = r.label(attribute.labels)
            func share(_ value: ValueComposition, _ stage: ReportStage) -> StageCell? {
                value.stages.first { $0.stage == stage }
            }
            let hasTargets = attribute.values.contains { $0.targetShare != nil }
            let targetSeries: [ReportCharts.Series] =
                hasTargets
                ? [
                    .init(
                        name: r.t("普查目标", "Census target"), color: "#9c9c9c",
                        values: attribute.values.map { $0.targetShare.map { $0 * 100 } },
                        notes: attribute.values.map { $0.targetShare == nil ? r.t("无数据", "no figure") : nil })
                ] : []
            let series: [ReportCharts.Series] =
                targetSeries + [
                    .init(
                        name: r.stageName("pool"), color: "#4e79a7",
                        values: attribute.values.map { share($0, .pool)?.share.map { $0 * 100 } },
                        notes: attribute.values.map { _ in nil }),
                    .init(
                        name: r.stageName("panel"), color: "#f28e2b",
                        values: attribute.values.map { share($0, .panel)?.share.map { $0 * 100 } },
                        notes: attribute.values.map { _ in nil }),
                    .init(
                        name: r.stageName("attended"), color: "#59a14f",
                        values: attribute.values.map { share($0, .attended)?.share.map { $0 * 100 } },
                        notes: attribute.values.map { value in
                            share(value, .attended).flatMap { $0.count.suppressed ? $0.count.shown : nil }
                        }),
                ]
            body.append("<h3>\(name)</h3>")
            body.append(
                ReportCharts.figure(
                    "composition-\(attribute.attribute)",
                    caption: hasTargets
                        ? r.t("\(name)：目标、候选池、抽中名单、出席（占比 %）", "\(name): target, pool, panel, attended (share %)")
                        : r.t(
                            "\(name)：候选池、抽中名单、出席（占比 %；无人口普查数据）",
                            "\(name): pool, panel, attended (share %; no census figure)"),
                    ReportCharts.groupedBars(
                        rows: attribute.values.map { r.label($0.labels) }, series: series,
                        format: { ReportCharts.fixed($0) + "%" }, label: name)))
            let stageList = attribute.values.first?.stages.map(\.stage) ?? []
            let header =
                [r.t("取值", "Value"), r.t("目标", "Target")] + stageList.map { r.stageName($0.rawValue) }
                + [r.t("抽中偏差（席）", "Panel deviation (seats)"), r.t("出席偏差（百分点）", "Attended deviation (points)")]
            let rows = attribute.values.map { value in
                [r.label(value.labels), r.percent(value.targetShare)]
                    + value.stages.map { cell in
                        cell.count.suppressed ? cell.count.shown : "\(cell.count.shown) (\(r.percent(cell.share)))"
                    }
                    + [
                        r.number(share(value, .panel)?.deviationSeats, 1),
                        r.number(share(value, .attended)?.deviationPoints, 1),
                    ]
            }
            let distance =
                [r.t("总变差距离", "Total variation distance"), ""]
                + attribute.distance.map { r.number($0.tvd, 3) } + ["", ""]
            body.append(r.table(header, rows + [distance]))
        }
        if let fairness {
            body.append("<h2>\(r.t("抽签公平性", "Fairness of the draw"))</h2>")
            body.append(
                r.figures([
                    (
                        r.t("算法", "Algorithm"),
                        fairness.algorithm + (fairness.estimated ? r.t("（估计值）", " (estimated)") : "")
                    ),
                    (r.t("候选池人数", "Pool size"), String(fairness.poolSize)),
                    (r.t("最小入选概率", "Minimum probability"), r.number(fairness.minimum, 3)),
                    (r.t("中位数", "Median"), r.number(fairness.median, 3)),
                    (r.t("最大入选概率", "Maximum probability"), r.number(fairness.maximum, 3)),
                    (r.t("基尼系数", "Gini coefficient"), r.number(fairness.gini, 3)),
                    (r.t("零机会人数", "People with zero chance"), String(fairness.zeroChance)),
                    (r.t("LEXIMIN 保证的最低概率", "LEXIMIN minimum reached"), r.number(fairness.leximinMinimum, 3)),
                ]))
            body.append(
                ReportCharts.figure(
                    "probability-histogram", caption: r.t("入选概率分布（人数）", "Selection probabilities (people)"),
                    ReportCharts.columns(
                        values: fairness.histogram.map(\.count),
                        labels: fairness.histogram.map {
                            ReportCharts.fixed($0.from, 3) + "–" + ReportCharts.fixed($0.to, 3)
                        },
                        label: r.t("入选概率分布", "Selection probability histogram"))))
            if !fairness.zeroChanceGroups.isEmpty {
                body.append(
                    r.table(
                        [r.t("原因", "Reason"), r.t("取值", "Values"), r.t("人数", "People")],
                        fairness.zeroChanceGroups.map { group in
                            [
                                group.reason == "quota_zero"
                                    ? r.t("配额上限为 0", "quota allows no seat")
                                    : r.t("没有满足配额的名单包含此组合", "no panel meeting the quotas includes them"),
                                group.values.joined(separator: ", "), String(group.count),
                            ]
                        }))
            }
        }
        body.append("<h2>\(r.t("参与情况", "Participation"))</h2>")
        func participationRow(_ name: String, _ c: ParticipationCounts) -> [String] {
            [
                name, c.invited.shown, c.accepted.shown, c.declined.shown, c.expired.shown, c.cancelled.shown,
                c.replacements.shown, c.attended.shown, c.noShow.shown, r.percent(c.acceptanceRate),
                r.percent(c.attendanceRate),
            ]
        }
        body.append(
            r.table(
                [
                    r.t("分组", "Group"), r.t("邀请", "Invited"), r.t("接受", "Accepted"), r.t("拒绝", "Declined"),
                    r.t("过期", "Expired"), r.t("取消", "Cancelled"), r.t("替补", "Replacements"), r.t("出席", "Attended"),
                    r.t("缺席", "No-show"), r.t("接受率", "Acceptance"), r.t("出席率", "Attendance"),
                ],
                [participationRow(r.t("全部", "All"), participation.total)]
                    + participation.strata.map { stratum in
                        participationRow(
                            "\(r.label(labelsOf(stratum.attribute))) · \(r.label(stratum.labels))", stratum.counts)
                    }))
        if !participation.replacementEffect.isEmpty {
            body.append(
                "<h3>\(r.t("替补对平衡的恢复（与目标的总变差距离）", "How replacements restored the balance (distance from targets)"))</h3>"
            )
            body.append(
                r.table(
                    [
                        r.t("属性", "Attribute"), r.t("无替补", "Without replacements"), r.t("含替补", "With replacements"),
                        r.t("改善（百分点）", "Restored (points)"),
                    ],
                    participation.replacementEffect.map { effect in
                        [
                            r.label(labelsOf(effect.attribute)), r.number(effect.withoutReplacements, 3),
                            r.number(effect.withReplacements, 3), r.number(effect.restoredPoints, 1),
                        ]
                    }))
        }
        body.append("<h2>\(r.t("满意度", "Satisfaction"))</h2>")
        let total = satisfaction.total
        body.append(
            r.figures([
                (r.t("反馈份数", "Responses"), total.responses.shown),
                (r.t("回复率", "Response rate"), r.percent(total.responseRate)),
                (r.t("总体评分（1–5）", "Overall (1–5)"), r.number(total.overall)),
                (r.t("信息充分（1–5）", "Information (1–5)"), r.number(total.information)),
                (r.t("意见被听取（1–5）", "Heard (1–5)"), r.number(total.heard)),
                (r.t("愿意再次参加", "Would take part again"), r.percent(total.again)),
                (r.t("评分分布 1…5", "Scores 1…5"), total.distribution.map(\.shown).joined(separator: " / ")),
            ]))
        for attribute in composition {
            let strata = satisfaction.strata.filter { $0.attribute == attribute.attribute }
            let name = r.label(attribute.labels)
            body.append(
                ReportCharts.figure(
                    "satisfaction-\(attribute.attribute)",
                    caption: r.t("\(name)：总体评分均值（1–5）", "\(name): mean overall score (1–5)"),
                    ReportCharts.groupedBars(
                        rows: strata.map { r.label($0.labels) },
                        series: [
                            .init(
                                name: r.t("总体评分", "Overall"), color: "#76b7b2", values: strata.map(\.stats.overall),
                                notes: strata.map { stratum in
                                    stratum.stats.responses.suppressed
                                        ? r.t("反馈 ", "responses ") + stratum.stats.responses.shown
                                        : (stratum.stats.overall == nil ? "—" : nil)
                                })
                        ], format: { ReportCharts.fixed($0, 2) }, label: name, scaleMax: 5)))
        }
        body.append(
            r.table(
                [
                    r.t("分组", "Group"), r.t("反馈", "Responses"), r.t("出席", "Attended"), r.t("回复率", "Response rate"),
                    r.t("总体", "Overall"),
                    r.t("信息", "Information"), r.t("被听取", "Heard"), r.t("再参加", "Again"), "1", "2", "3", "4", "5",
                ],
                satisfaction.strata.map { stratum in
                    let s = stratum.stats
                    return [
                        "\(r.label(labelsOf(stratum.attribute))) · \(r.label(stratum.labels))", s.responses.shown,
                        s.attended.shown,
                        r.percent(s.responseRate), r.number(s.overall), r.number(s.information), r.number(s.heard),
                        r.percent(s.again),
                    ] + s.distribution.map(\.shown)
                }))
        body.append("<h3>\(r.t("市民建议", "Suggestions"))</h3>")
        body.append(
            r.table(
                [r.t("状态", "Status"), r.t("条数", "Count")],
                suggestions.byStatus.map { [suggestionStatus($0.status, r), String($0.count)] }))
        body.append(
            r.figures([
                (r.t("建议总数", "Suggestions"), String(suggestions.total)),
                (r.t("已答复", "Replied"), String(suggestions.replied)),
                (r.t("答复用时中位数（天）", "Median days to reply"), r.number(suggestions.medianDaysToReply, 1)),
            ]))
        return (
            r.t("活动评估报告", "Event evaluation report") + " — " + title,
            r.t("活动评估报告", "Event evaluation report") + ": " + title, HTML(joining: body)
        )
    }

    private func labelsOf(_ attribute: String) -> Labels {
        composition.first { $0.attribute == attribute }?.labels ?? Labels(zh: attribute, en: attribute)
    }

    private func suggestionStatus(_ status: String, _ r: ReportHTML) -> String {
        switch status {
        case "received": r.t("已收到", "Received")
        case "under_review": r.t("研究中", "Under review")
        case "adopted": r.t("已采纳", "Adopted")
        case "partially_adopted": r.t("部分采纳", "Partially adopted")
        case "not_adopted": r.t("未采纳", "Not adopted")
        default: status
        }
    }
}

extension SummaryReport {
    /// The summary as one self-contained HTML page in `language`.
    public func html(language: WebLanguage = .zh) -> HTML {
        let r = ReportHTML(language: language)
        let parts = htmlParts(language: language)
        return r.page(title: parts.title, body: "<h1>\(parts.heading)</h1>" + parts.body)
    }

    /// The summary's page title, heading and body without the page around them (for the console).
    func htmlParts(language: WebLanguage = .zh) -> (title: String, heading: String, body: HTML) {
        let r = ReportHTML(language: language)
        let range = from == nil && to == nil ? r.t("（全部日期）", "(all dates)") : "\(from ?? "…") – \(to ?? "…")"
        var body: [HTML] = [
            "<p class=\"meta\">\(r.t("生成于", "generated")) \(generatedAt)</p>",
            r.smallCellNote(smallCells),
            r.figures([
                (r.t("活动数", "Events"), String(events)),
                (r.t("出席席次", "Seats attended"), String(seats)),
                (r.t("不重复参与者", "Unique participants"), String(uniqueParticipants)),
                (r.t("人均席次", "Seats per participant"), r.number(seatsPerParticipant)),
                (
                    r.t("熟面孔比例（一年内曾参加）", "Familiar faces (took part within a year before)"),
                    "\(familiarFaces.seats) (\(r.percent(familiarFaces.share)))"
                ),
                (r.t("重复参与基尼系数", "Gini of repeat participation"), r.number(repeatGini, 3)),
                (
                    r.t("代表库中曾受邀比例", "Share of the registry ever invited"),
                    "\(registry.everInvited) / \(registry.people) (\(r.percent(registry.share)))"
                ),
            ]),
            ReportCharts.figure(
                "repeat-histogram", caption: r.t("参与次数分布（人数）", "Repeat participation (people)"),
                ReportCharts.columns(
                    values: repeatHistogram.map { $0.people.value ?? 0 },
                    labels: repeatHistogram.map { bin in
                        r.t("\(bin.times) 次", "\(bin.times)×") + (bin.people.suppressed ? " (\(bin.people.shown))" : "")
                    }, label: r.t("参与次数分布", "Repeat participation"))),
            "<h2>\(r.t("累计参与者与人口普查目标", "Cumulative participants vs census targets"))</h2>",
        ]
        for attribute in cumulative {
            let name = r.label(attribute.labels)
            body.append(
                ReportCharts.figure(
                    "cumulative-\(attribute.attribute)", caption: "\(name) (%)",
                    ReportCharts.groupedBars(
                        rows: attribute.values.map { r.label($0.labels) },
                        series: (attribute.values.contains { $0.targetShare != nil }
                            ? [
                                ReportCharts.Series(
                                    name: r.t("普查目标", "Census target"), color: "#9c9c9c",
                                    values: attribute.values.map { $0.targetShare.map { $0 * 100 } },
                                    notes: attribute.values.map {
                                        $0.targetShare == nil ? r.t("无数据", "no figure") : nil
                                    })
                            ] : []) + [
                                .init(
                                    name: r.t("参与者", "Participants"), color: "#59a14f",
                                    values: attribute.values.map { $0.share.map { $0 * 100 } },
                                    notes: attribute.values.map {
                                        $0.participants.suppressed ? $0.participants.shown : nil
                                    })
                            ], format: { ReportCharts.fixed($0) + "%" }, label: name)))
            body.append(
                r.table(
                    [
                        r.t("取值", "Value"), r.t("目标", "Target"), r.t("参与者", "Participants"),
                        r.t("偏差（百分点）", "Deviation (points)"),
                    ],
                    attribute.values.map { value in
                        [
                            r.label(value.labels), r.percent(value.targetShare),
                            value.participants.suppressed
                                ? value.participants.shown : "\(value.participants.shown) (\(r.percent(value.share)))",
                            r.number(value.deviationPoints, 1),
                        ]
                    } + [[r.t("总变差距离", "Total variation distance"), "", r.number(attribute.tvd, 3), ""]]))
        }
        body.append("<h2>\(r.t("各部门", "Per department"))</h2>")
        let departmentTable = departments
        body.append(
            r.table(
                [
                    r.t("部门", "Department"), r.t("活动", "Events"), r.t("席位", "Seats"), r.t("邀请", "Invited"),
                    r.t("接受", "Accepted"),
                    r.t("出席", "Attended"), r.t("不重复参与者", "Unique participants"), r.t("接受率", "Acceptance"),
                    r.t("出席率", "Attendance"),
                ],
                departmentTable.map { d in
                    [
                        d.department, String(d.events), String(d.seats), String(d.invited), String(d.accepted),
                        String(d.attended),
                        String(d.uniqueParticipants), r.percent(d.acceptanceRate), r.percent(d.attendanceRate),
                    ]
                }))
        body.append("<h2>\(r.t("所含活动", "Events included"))</h2>")
        body.append(
            r.table(
                [
                    r.t("编号", "Id"), r.t("活动", "Event"), r.t("部门", "Department"), r.t("时间", "Starts"),
                    r.t("状态", "Status"),
                ],
                eventList.map { [String($0.id), $0.title, $0.department, $0.startsAt, r.status($0.status)] }))
        return (r.t("跨活动汇总报告", "Summary across events"), r.t("跨活动汇总报告", "Summary across events") + " " + range, HTML(joining: body))
    }
}
