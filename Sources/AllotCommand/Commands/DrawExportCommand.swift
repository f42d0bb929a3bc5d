import Allot

extension Command {
    /// `allot draw export EVENT FILE.json`: the public draw record of INTERFACE.md §5.
    static let drawExport = Command(
        ["draw", "export"], abstract: "write the public draw record (pids and attribute values only) to a file",
        discussion: """
            The record holds the pool (pids and attribute values, no names or contacts), the lottery, the
            beacon, the seed, the panel and the reserve order; anyone can check it with 'allot verify FILE'.
            The file is written atomically (a temporary file renamed into place).
            """,
        parameters: [
            .argument("EVENT", help: "the event id"),
            .argument("FILE", help: "where to write the record (JSON)"),
        ]
    ) { invocation in
        let id = try invocation.eventID()
        let path = try invocation.required("FILE")
        let record = try invocation.events().record(id)
        try record.write(toFile: path)
        if invocation.json {
            try invocation.printJSON(
                ExportSummary(
                    eventId: id, file: path, poolDigest: record.poolDigest, lotteryDigest: record.lotteryDigest,
                    termsDigest: record.termsDigest, panel: record.panel.count, reserves: record.reserves.count))
        } else {
            invocation.print("wrote the draw record of event \(id) to \(path) (\(record.pool.count) in the pool, panel of \(record.panel.count))")
        }
    }
}

private struct ExportSummary: Encodable {
    let eventId: Int
    let file: String
    let poolDigest: String
    let lotteryDigest: String
    let termsDigest: String?
    let panel: Int
    let reserves: Int
}
