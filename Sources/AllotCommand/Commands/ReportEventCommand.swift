import Allot

extension Command {
    static let reportEvent = Command(
        ["report", "event"],
        abstract: "one event's evaluation: composition per stage, fairness, participation, satisfaction",
        discussion: Invocation.reportDiscussion,
        parameters: [.argument("EVENT", help: "the event id")] + Invocation.reportParameters
    ) { invocation in
        let text = try invocation.required("EVENT")
        guard let id = Int(text), id > 0 else {
            throw UsageError(
                message: "EVENT must be an event id, not '\(text)'", helpTopic: invocation.command.displayName)
        }
        let report = try invocation.reports().event(id)
        try invocation.writeReport(tables: report.tables) { format, language in
            try report.output(format: format, language: language)
        }
    }
}
