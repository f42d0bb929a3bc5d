import Allot
import Foundation

extension Command {
    /// `allot replacements EVENT [FILE.json]`: the public replacement log (allot-replace-v1).
    static let replacements = Command(
        ["replacements"], abstract: "export an event's public replacement log (allot-replace-v1)",
        discussion: """
            Writes the log of every vacated seat — who left and how, the reserves skipped with why, who took \
            the seat or that it stayed open — as JSON to FILE (replaced if it exists) or to stdout. Anyone \
            re-checks it against the draw record with 'allot verify RECORD.json --replacements FILE.json'.
            """,
        parameters: [
            .argument("EVENT", help: "the event id"),
            .argument("FILE", required: false, help: "the JSON file to write (default: stdout)"),
        ]
    ) { invocation in
        let id = try invocation.invitedEventID()
        let log = try invocation.invitationUseCases().replacementLog(id)
        let data = try log.jsonData()
        guard let path = invocation.argument("FILE") else {
            invocation.output(String(decoding: data, as: UTF8.self) + "\n")
            return
        }
        do {
            try (data + Data("\n".utf8)).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CommandFailure("cannot write \(path): \(error.localizedDescription)")
        }
        let open = log.entries.count { $0.replacement == nil }
        if invocation.json {
            try invocation.printJSON(["file": path, "entries": String(log.entries.count), "open": String(open)])
        } else {
            invocation.diagnostics("wrote \(log.entries.count) replacement(s), \(open) seat(s) left open, to \(path)\n")
        }
    }
}
