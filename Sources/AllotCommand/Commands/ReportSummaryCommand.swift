import Allot

extension Command {
    static let reportSummary = Command(
        ["report", "summary"],
        abstract: "participation across events: unique participants, 熟面孔 rate, repeats, registry reach, departments",
        discussion: Invocation.reportDiscussion,
        parameters: [
            .option("from", value: "YYYY-MM-DD", help: "first event date included"),
            .option("to", value: "YYYY-MM-DD", help: "last event date included"),
        ] + Invocation.reportParameters
    ) { invocation in
        let report = try invocation.reports().summary(from: invocation.option("from"), to: invocation.option("to"))
        try invocation.writeReport(tables: report.tables) { format, language in
            try report.output(format: format, language: language)
        }
    }
}
