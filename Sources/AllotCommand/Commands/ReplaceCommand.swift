import Allot

extension Command {
    /// `allot replace EVENT`: fill vacated seats from the reserves now (allot-replace-v1).
    static let replace = Command(
        ["replace"], abstract: "fill the vacated seats of an event from its reserves now (allot-replace-v1)",
        discussion: """
            Each declined, expired or cancelled seat not yet handled goes, in the order the seats were \
            vacated, to the first reserve of the draw's order whose invitation keeps every quota satisfiable \
            (reserves who can no longer be invited are skipped with the reason). Needed when \
            events.autoReplace is off; otherwise seats are refilled at once. A seat no reserve can take \
            stays open: the log says so, and the quotas left unmet are named.
            """,
        parameters: [.argument("EVENT", help: "the event id")]
    ) { invocation in
        let id = try invocation.invitedEventID()
        let invitations = try invocation.invitationUseCases()
        let entries = try invitations.replace(id, actor: .cli)
        var unmet: [String] = []
        if entries.contains(where: { $0.replacement == nil }) {
            let record = try Events(database: invitations.database, config: try invocation.config()).record(id)
            unmet = OpenSeats.unmetQuotas(record: record, list: try invitations.list(id))
        }
        if invocation.json {
            try invocation.printJSON(ReplaceSummary(entries: entries, unmetQuotas: unmet))
            return
        }
        if entries.isEmpty { invocation.print("no vacated seat waits for a replacement") }
        entries.map(InvitationText.line).forEach(invocation.print)
        if !unmet.isEmpty {
            invocation.print("quotas the held seats leave unmet: " + unmet.joined(separator: ", "))
            invocation.print("a top-up draw among the never-invited may fill the open seats")
        }
    }
}

private struct ReplaceSummary: Encodable {
    let entries: [ReplacementLog.Entry]
    let unmetQuotas: [String]
}
