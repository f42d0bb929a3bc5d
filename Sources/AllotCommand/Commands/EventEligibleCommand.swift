import Allot

extension Command {
    /// `allot event eligible EVENT`: who could be drawn now, before anything is drawn.
    static let eventEligible = Command(
        ["event", "eligible"], abstract: "eligible counts per value beside the quotas, exclusions, feasibility",
        discussion: """
            Counts the volunteers who could be drawn now (active, of age on the event date, inside the filter,
            not in the fresh-faces cooldown and without an open invitation to another event), per attribute
            value beside its seats, the others by reason, and whether some panel meets the quotas; when none
            does, the conflicts and the smallest relaxation that would fix them. Exit 0 either way: this is
            a report (the draw itself refuses infeasible quotas).
            """,
        parameters: [.argument("EVENT", help: "the event id")]
    ) { invocation in
        let report = try invocation.events().eligibility(try invocation.eventID())
        if invocation.json {
            try invocation.printJSON(report)
        } else {
            EventText.lines(report).forEach(invocation.print)
        }
    }
}
