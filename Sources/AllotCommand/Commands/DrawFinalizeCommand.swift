import Allot

extension Command {
    /// `allot draw finalize EVENT --beacon TEXT`: the beacon fixes the seed, the panel and the reserves.
    static let drawFinalize = Command(
        ["draw", "finalize"], abstract: "derive the seed from the beacon, pick the panel and the reserve order",
        discussion: """
            The beacon is the public number announced at prepare, as text (e.g. the lottery draw's numbers).
            A draw is final: finalizing twice, or before prepare, fails. The event becomes 'drawn'.
            """,
        parameters: [
            .argument("EVENT", help: "the event id"),
            .option("beacon", value: "TEXT", required: true, help: "the beacon's value as published"),
        ]
    ) { invocation in
        let id = try invocation.eventID()
        let draw = try invocation.events().finalize(id, beacon: try invocation.required("beacon"), actor: .cli)
        if invocation.json {
            try invocation.printJSON(draw)
            return
        }
        invocation.print("event \(id) drawn")
        EventText.lines(draw).forEach(invocation.print)
    }
}
