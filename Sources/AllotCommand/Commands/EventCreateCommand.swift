import Allot

extension Command {
    /// `allot event create`: a draft event, its seats derived from the census targets.
    static let eventCreate = Command(
        ["event", "create"], abstract: "create a draft event; seats come from the census targets",
        discussion: """
            Seats per attribute value are derived from the targets file's census shares for the panel size
            (floor and ceiling of seats × share; for the age bands, whose share of adults the census bounds,
            floor of seats × the lower bound through ceiling of seats × the upper). Values without a census
            figure (today: occupation, whose figures are placeholders) are listed as needing seats: give them
            with --quota or leave the attribute out with --unconstrained before 'allot draw prepare'. Department and place default
            to 待定 (to be decided) so an event can be created from title, date and seats alone; set them
            with 'allot event update' before the draw. Prints the event (--json: the event document).
            """,
        parameters: EventOptions.parameters(creating: true)
    ) { invocation in
        let event = try invocation.events().create(try EventOptions.draft(invocation), actor: .cli)
        if invocation.json {
            try invocation.printJSON(event)
        } else {
            EventText.lines(event).forEach(invocation.print)
        }
    }
}
