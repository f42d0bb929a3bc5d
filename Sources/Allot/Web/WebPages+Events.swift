import Foundation
import HTTPServer

/// The public event pages: `/events` (the list), `/events/{id}` (details, the draw's commitment and
/// result) and `/events/{id}/verify` (the draw checked in the browser by `WebVerifyScript`).
/// Only pseudonymous pids appear, never names or contact data. Reads only; no forms that write.
extension WebPages {
    /// Whether the public sees an event: every prepared, drawn or closed one, drafts that have not
    /// started yet, and cancelled ones whose draw had been prepared (what was published stays).
    func isPublic(_ event: Event, hasDraw: () throws -> Bool) rethrows -> Bool {
        switch event.status {
        case .prepared, .drawn, .closed: return true
        case .draft:
            guard let start = LocalTime.date(event.startsAt) else { return false }
            return start >= events.clock()
        case .cancelled: return try hasDraw()
        }
    }

    /// The event's draw, or nil while none is prepared.
    func publishedDraw(_ id: Int) throws -> StoredDraw? {
        do {
            return try events.draw(id)
        } catch EventError.notPrepared {
            return nil
        }
    }

    /// The event of an `/events/{id}…` path when the public may see it, with its draw.
    func publicEvent(_ request: HTTPRequest) throws -> (event: Event, draw: StoredDraw?)? {
        guard let text = request.pathParameter("id"), let id = Int(text), id > 0, String(id) == text else { return nil }
        let event: Event
        do {
            event = try events.show(id)
        } catch EventError.notFound {
            return nil
        }
        let draw = try publishedDraw(id)
        guard isPublic(event, hasDraw: { draw != nil }) else { return nil }
        return (event, draw)
    }

    // MARK: - /events

    func eventList(_ request: HTTPRequest) throws -> HTTPResponse {
        let context = WebRequest(request, formGuard: nil)
        let l = context.language
        let shown = try events.list().filter { event in
            try isPublic(event, hasDraw: { try publishedDraw(event.id) != nil })
        }
        let items = shown.map { event -> HTML in
            """
            <li class="event">
            <h2><a href="/events/\(event.id)">\(title(event, l))</a></h2>
            <p class="status">\(WebText.statusLine(event.status).text(l))</p>
            <dl class="facts">
            <dt>\(WebText.eventDate.text(l))</dt><dd>\(Self.shownTime(event.startsAt))</dd>
            <dt>\(WebText.eventPlace.text(l))</dt><dd>\(event.place)</dd>
            <dt>\(WebText.eventSeats.text(l))</dt><dd>\(WebText.seatsCount(event.seats).text(l))</dd>
            </dl>
            </li>

            """
        }
        let list: HTML =
            items.isEmpty
            ? "<p>\(WebText.eventsNone.text(l))</p>\n"
            : "<ul class=\"events\">\n\(items)</ul>\n"
        let body: HTML = """
            <p>\(WebText.eventsIntro.text(l))</p>
            \(list)
            """
        return context.page(title: WebText.eventsTitle, body: body, path: "/events")
    }

    // MARK: - /events/{id}

    func eventPage(_ request: HTTPRequest) throws -> HTTPResponse {
        let context = WebRequest(request, formGuard: nil)
        guard let found = try publicEvent(request) else { return context.notFound() }
        let (event, draw) = found
        let l = context.language
        let path = "/events/\(event.id)"
        let deadline: HTML = event.responseDeadline.map {
            "<dt>\(WebText.eventDeadline.text(l))</dt><dd>\(Self.shownTime($0))</dd>\n"
        } ?? .empty
        var body: HTML = """
            <p class="status">\(WebText.statusLine(event.status).text(l))</p>
            <dl class="record">
            <dt>\(WebText.eventDate.text(l))</dt><dd>\(Self.shownTime(event.startsAt))</dd>
            <dt>\(WebText.eventPlace.text(l))</dt><dd>\(event.place)</dd>
            <dt>\(WebText.eventDepartment.text(l))</dt><dd>\(event.department)</dd>
            <dt>\(WebText.eventKind.text(l))</dt><dd>\(WebText.kind(event.kind).text(l))</dd>
            <dt>\(WebText.eventSeats.text(l))</dt><dd>\(WebText.seatsCount(event.seats).text(l))</dd>
            <dt>\(WebText.eventReserves.text(l))</dt><dd>\(WebText.seatsCount(event.reserves).text(l))</dd>
            \(deadline)</dl>
            <h2>\(WebText.nextTitle.text(l))</h2>
            <p>\(WebText.next(event.status, beaconSource: draw?.beaconSource ?? "").text(l))</p>

            """
        if let draw {
            body = body + commitment(draw, l)
            if draw.isFinalized { body = body + outcome(draw, eventID: event.id, l) }
        } else {
            body = body + "<h2>\(WebText.commitmentTitle.text(l))</h2>\n<p>\(WebText.notPrepared.text(l))</p>\n"
        }
        body = body + (try reservesAndSuggestions(event, draw: draw, l)) + """
            <p><a href="/events">\(WebText.backToEvents.text(l))</a></p>

            """
        return context.page(title: Labels(zh: event.title, en: event.titleEn ?? event.title), body: body, path: path)
    }

    private func commitment(_ draw: StoredDraw, _ l: WebLanguage) -> HTML {
        let source = draw.beaconSource.isEmpty ? WebText.beaconSourceNone.text(l) : draw.beaconSource
        return """
            <h2>\(WebText.commitmentTitle.text(l))</h2>
            <p>\(WebText.commitmentIntro.text(l))</p>
            <dl class="record digests">
            <dt>\(WebText.poolDigest.text(l))</dt><dd><code class="digest" id="pool-digest">\(draw.poolDigest)</code></dd>
            <dt>\(WebText.lotteryDigest.text(l))</dt><dd><code class="digest" id="lottery-digest">\(draw.lotteryDigest)</code></dd>
            <dt>\(WebText.termsDigest.text(l))</dt><dd><code class="digest" id="terms-digest">\(draw.termsDigest)</code></dd>
            <dt>\(WebText.beaconSource.text(l))</dt><dd>\(source)</dd>
            <dt>\(WebText.poolSize.text(l))</dt><dd>\(draw.poolSize)</dd>
            <dt>\(WebText.lotterySize.text(l))</dt><dd>\(draw.lotterySize)</dd>
            <dt>\(WebText.algorithm.text(l))</dt><dd>\(draw.algorithm)</dd>
            <dt>\(WebText.preparedAt.text(l))</dt><dd>\(draw.preparedAt)</dd>
            </dl>

            """
    }

    private func outcome(_ draw: StoredDraw, eventID: Int, _ l: WebLanguage) -> HTML {
        let panel = (draw.panel ?? []).map { pid -> HTML in "<li><code>\(pid)</code></li>" }
        return """
            <h2>\(WebText.outcomeTitle.text(l))</h2>
            <dl class="record digests">
            <dt>\(WebText.beacon.text(l))</dt><dd><code class="digest" id="beacon">\(draw.beacon ?? "")</code></dd>
            <dt>\(WebText.seed.text(l))</dt><dd><code class="digest" id="seed">\(draw.seed ?? "")</code></dd>
            <dt>\(WebText.panelIndex.text(l))</dt><dd id="panel-index">\(draw.panelIndex.map(String.init) ?? "")</dd>
            <dt>\(WebText.reserveCount.text(l))</dt><dd>\(draw.reserveCount ?? 0)</dd>
            <dt>\(WebText.finalizedAt.text(l))</dt><dd>\(draw.finalizedAt ?? "")</dd>
            </dl>
            <h3>\(WebText.panelTitle.text(l))</h3>
            <ul class="pids" id="panel">\(panel)</ul>
            <p class="actions">
            <a class="button" href="/events/\(eventID)/verify">\(WebText.verifyLink.text(l))</a>
            <a href="\(Self.recordPath(eventID))" download="allot-draw-event-\(eventID).json">\(WebText.recordDownload.text(l))</a>
            </p>

            """
    }

    // MARK: - /events/{id}/verify

    func verifyPage(_ request: HTTPRequest) throws -> HTTPResponse {
        let context = WebRequest(request, formGuard: nil)
        guard let found = try publicEvent(request) else { return context.notFound() }
        let (event, draw) = found
        let l = context.language
        let path = "/events/\(event.id)/verify"
        // What this site published: the script compares a record with it (the "published" check).
        var published: HTML = " data-event-id=\"\(event.id)\""
        if let draw {
            published = published + """
                 data-published-pool="\(draw.poolDigest)" data-published-lottery="\(draw.lotteryDigest)" \
                data-published-terms="\(draw.termsDigest)"
                """
            if let beacon = draw.beacon, let seed = draw.seed, let index = draw.panelIndex {
                published = published + """
                     data-published-beacon="\(beacon)" data-published-seed="\(seed)" \
                    data-published-index="\(index)" data-record-url="\(Self.recordPath(event.id))"
                    """
            }
        }
        let texts = WebText.verifyScriptTexts.map { entry -> HTML in
            " data-t-\(HTML(trusted: entry.key))=\"\(entry.text.text(l))\""
        }
        let checks = WebText.verifyChecks.map { check -> HTML in
            """
            <li class="step pending" id="check-\(HTML(trusted: check.id))">\
            <span class="badge">\(WebText.checkPending.text(l))</span> \
            <span class="what">\(check.label.text(l))</span>\
            <span class="detail"></span></li>

            """
        }
        let notDrawn: HTML =
            draw?.isFinalized == true ? .empty : "<p class=\"notice-plain\">\(WebText.verifyNotDrawn.text(l))</p>\n"
        let body: HTML = """
            <p><a href="/events/\(event.id)">\(title(event, l))</a></p>
            <p>\(WebText.verifyIntro.text(l))</p>
            <noscript><p class="summary-plain">\(WebText.verifyNoScript.text(l))</p></noscript>
            \(notDrawn)<div id="verify"\(published)\(texts)>
            <p id="verify-summary" class="verdict" role="status" aria-live="polite"></p>
            <h2>\(WebText.checksTitle.text(l))</h2>
            <ol class="checks">
            \(checks)</ol>
            <h2 id="quota-title">\(WebText.quotaTableTitle.text(l))</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="quota-title">
            <table class="quotas" id="quota-table">
            <thead><tr><th scope="col">\(WebText.quotaColumn.text(l))</th><th scope="col">\(WebText.quotaBounds.text(l))</th>\
            <th scope="col">\(WebText.quotaRange.text(l))</th><th scope="col">\(WebText.quotaPanel.text(l))</th>\
            <th scope="col">\(WebText.quotaStatus.text(l))</th></tr></thead>
            <tbody></tbody>
            </table>
            </div>
            <section id="own-record" hidden>
            <h2>\(WebText.ownTitle.text(l))</h2>
            <p>\(WebText.ownIntro.text(l))</p>
            <div class="field">
            <label for="record-file">\(WebText.ownFile.text(l))</label>
            <input id="record-file" type="file" accept="application/json,.json">
            </div>
            <div class="field">
            <label for="record-text">\(WebText.ownText.text(l))</label>
            <textarea id="record-text" rows="6" spellcheck="false" autocomplete="off"></textarea>
            </div>
            <p class="actions"><button type="button" id="check-own">\(WebText.ownButton.text(l))</button></p>
            </section>
            </div>
            <script src="\(WebVerifyScript.path)" defer></script>

            """
        return context.page(title: WebText.verifyTitle, body: body, path: path)
    }

    // MARK: - Helpers

    /// The public record's JSON route.
    static func recordPath(_ id: Int) -> String { "/api/v1/events/\(id)/draw/record" }

    /// The title in the page's language (the Chinese one when there is no English title).
    func title(_ event: Event, _ l: WebLanguage) -> String {
        l == .en ? (event.titleEn ?? event.title) : event.title
    }

    /// `YYYY-MM-DDTHH:MM` shown as `YYYY-MM-DD HH:MM`.
    static func shownTime(_ text: String) -> String {
        text.replacingOccurrences(of: "T", with: " ")
    }
}
