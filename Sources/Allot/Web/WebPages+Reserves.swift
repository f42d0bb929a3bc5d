import Foundation
import HTTPServer

/// The "reserves and suggestions" part of `/events/{id}`: the reserves used, from the public
/// replacement log (pids only), and the public suggestions with their status and replies (never
/// their authors).
extension WebPages {
    func reservesAndSuggestions(_ event: Event, draw: StoredDraw?, _ l: WebLanguage) throws -> HTML {
        let title: HTML = "<h2>\(WebText.laterTitle.text(l))</h2>\n"
        let later = title + "<p class=\"later\">\(WebText.laterText.text(l))</p>\n"
        guard draw?.isFinalized == true else { return later }
        let invited = try !invitations.list(event.id).invitations.isEmpty
        let suggestions = try feedback.suggestions(event.id)
        guard invited || !suggestions.isEmpty else { return later }
        let log = try invitations.replacementLog(event.id)
        var body = title + "<h3>\(WebText.reservesTitle.text(l))</h3>\n"
        if log.entries.isEmpty {
            body = body + "<p>\(WebText.reservesNone.text(l))</p>\n"
        } else {
            let filled = log.entries.count { $0.replacement != nil }
            let rows = log.entries.map { entry -> HTML in
                let by: HTML = entry.replacement.map { "<code>\($0)</code>" } ?? "\(WebText.leftOpen.text(l))"
                return """
                    <tr><td><code>\(entry.vacated)</code></td><td>\(WebText.vacatedReason(entry.state).text(l))</td>\
                    <td>\(by)</td></tr>

                    """
            }
            body = body + """
                <p id="reserves-summary">\(WebText.reservesSummary(vacated: log.entries.count, filled: filled, open: log.entries.count - filled).text(l))</p>
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="reserves-caption">
                <table class="reserves">
                <caption id="reserves-caption">\(WebText.reservesTitle.text(l))</caption>
                <thead><tr><th scope="col">\(WebText.vacatedColumn.text(l))</th><th scope="col">\(WebText.reasonColumn.text(l))</th>\
                <th scope="col">\(WebText.replacementColumn.text(l))</th></tr></thead>
                <tbody>
                \(rows)</tbody>
                </table>
                </div>

                """
        }
        body = body + "<p><a href=\"/api/v1/events/\(event.id)/replacements\">\(WebText.reservesLog.text(l))</a></p>\n"
        body = body + "<h3>\(WebText.suggestionsTitle.text(l))</h3>\n"
        body = body + (suggestions.isEmpty ? "<p>\(WebText.suggestionsNone.text(l))</p>\n" : suggestionList(suggestions, l))
        return body
    }
}
