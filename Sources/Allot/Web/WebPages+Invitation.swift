import Foundation
import HTTPServer

/// `/i/{token}`: an invitation in plain words — accept or decline, the check-in code and a cancel
/// with a confirm step, then the feedback form and the replies to one's suggestions. The same link
/// works for the invitation and for the feedback request sent at close (`Invitations.show(token:)`).
extension WebPages {
    /// Suggestion slots on the feedback form: a few topic + text pairs without JavaScript; more can be
    /// added by sending the form again.
    static let suggestionSlots = 3

    /// The invitation behind a `/i/{token}` path, or nil for an unknown link.
    func invitation(_ request: HTTPRequest) throws -> (token: String, view: CitizenInvitation)? {
        guard let token = request.pathParameter("token"), !token.isEmpty, token.utf8.count <= 200 else { return nil }
        do {
            return (token, try invitations.show(token: token))
        } catch InvitationError.unknownToken {
            return nil
        }
    }

    func invitationPage(_ request: HTTPRequest) throws -> HTTPResponse {
        let context = WebRequest(request, formGuard: formGuard)
        guard let (token, view) = try invitation(request) else { return context.notFound() }
        return try invitationResponse(context, token: token, view: view)
    }

    /// The page for the invitation's current state; `form` and `notice` when the feedback form is shown again.
    func invitationResponse(
        _ context: WebRequest, token: String, view: CitizenInvitation, form: FormView? = nil, notice: Labels? = nil,
        status: Int = 200
    ) throws -> HTTPResponse {
        let l = context.language
        let path = "/i/" + token
        let facts = invitationFacts(view, l)
        let noticeHTML: HTML = notice.map { "<p class=\"notice\" role=\"status\">\($0.text(l))</p>\n" } ?? .empty
        let eventLink: HTML = "<p><a href=\"/events/\(view.eventId)\">\(WebText.eventPageLink.text(l))</a></p>\n"
        func simple(_ title: Labels, _ text: Labels) -> HTTPResponse {
            context.page(
                status: status, title: title, body: "\(noticeHTML)<p>\(text.text(l))</p>\n\(facts)\(eventLink)",
                path: path)
        }
        switch view.state {
        case .invited:
            if isPast(view.deadline) { return simple(WebText.pastDeadlineTitle, WebText.pastDeadlineText) }
            let deadline: HTML =
                view.deadline == nil ? "<p>\(WebText.invitationNoDeadline.text(l))</p>\n" : .empty
            let body: HTML = """
                \(noticeHTML)<p>\(WebText.invitationIntro.text(l))</p>
                \(facts)\(deadline)<form method="post" action="\(path)">
                \(FormView.guardField(formGuard.token(session: context.session ?? "")))<fieldset>
                <legend>\(WebText.answerLegend.text(l))</legend>
                <p class="actions"><button type="submit" name="response" value="accept">\(WebText.acceptButton.text(l))</button>
                <button type="submit" name="response" value="decline" class="secondary">\(WebText.declineButton.text(l))</button></p>
                <p class="hint">\(WebText.declineNote.text(l))</p>
                </fieldset>
                </form>
                \(eventLink)
                """
            return context.page(status: status, title: WebText.invitationTitle, body: body, path: path)
        case .accepted:
            let cancel: HTML =
                hasStarted(view)
                ? .empty
                : """
                <p>\(WebText.cancelIntro.text(l))</p>
                <p><a href="\(path)/cancel">\(WebText.cancelPlaceLink.text(l))</a></p>

                """
            let body: HTML = """
                \(noticeHTML)\(checkinCode(view, l))\(facts)\(cancel)\(eventLink)
                """
            return context.page(status: status, title: WebText.acceptedTitle, body: body, path: path)
        case .declined: return simple(WebText.declinedTitle, WebText.declinedText)
        case .cancelled: return simple(WebText.cancelledTitle, WebText.cancelledText)
        case .expired: return simple(WebText.expiredTitle, WebText.expiredText)
        case .noShow: return simple(WebText.noShowTitle, WebText.noShowText)
        case .attended:
            let given = try givenFeedback(token)
            var body: HTML = noticeHTML + facts
            if view.feedbackOpen {
                let shown = form ?? given.map { feedbackValues($0, language: l) } ?? FormView(language: l)
                if notice == nil, given != nil { body = body + "<p>\(WebText.feedbackGiven.text(l))</p>\n" }
                body = body + feedbackForm(context, path: path, form: shown, editing: given != nil)
            } else {
                body = body + "<p>\(WebText.feedbackClosed.text(l))</p>\n"
            }
            body = body + ownSuggestions(given?.suggestions ?? [], l) + eventLink
            return context.page(status: status, title: WebText.attendedTitle, body: body, path: path)
        }
    }

    /// Event, date, place, organizer, deadline and state as a definition list.
    private func invitationFacts(_ view: CitizenInvitation, _ l: WebLanguage) -> HTML {
        let title = l == .en ? (view.titleEn ?? view.title) : view.title
        let deadline: HTML = view.deadline.map {
            "<dt>\(WebText.eventDeadline.text(l))</dt><dd>\(Self.shownTime($0))</dd>\n"
        } ?? .empty
        return """
            <dl class="record">
            <dt>\(WebText.invitationTitle.text(l))</dt><dd>\(title)</dd>
            <dt>\(WebText.eventDate.text(l))</dt><dd>\(Self.shownTime(view.startsAt))</dd>
            <dt>\(WebText.eventPlace.text(l))</dt><dd>\(view.place)</dd>
            <dt>\(WebText.eventDepartment.text(l))</dt><dd>\(view.department)</dd>
            \(deadline)<dt>\(WebText.yourState.text(l))</dt><dd>\(WebText.invitationState(view.state).text(l))</dd>
            </dl>

            """
    }

    private func checkinCode(_ view: CitizenInvitation, _ l: WebLanguage) -> HTML {
        guard let code = view.checkinCode else { return .empty }
        return """
            <section class="checkin" aria-labelledby="code-title">
            <h2 id="code-title">\(WebText.checkinCodeTitle.text(l))</h2>
            <p class="code" id="checkin-code">\(code)</p>
            <p>\(WebText.checkinCodeText.text(l))</p>
            </section>

            """
    }

    /// Whether a local deadline (`YYYY-MM-DDTHH:MM`, Asia/Shanghai) has passed.
    private func isPast(_ deadline: String?) -> Bool {
        guard let deadline, let date = LocalTime.date(deadline) else { return false }
        return events.clock() > date
    }

    private func hasStarted(_ view: CitizenInvitation) -> Bool {
        guard let start = LocalTime.date(view.startsAt) else { return false }
        return events.clock() >= start
    }

    private func givenFeedback(_ token: String) throws -> FeedbackRecord? {
        do {
            return try feedback.show(token: token)
        } catch FeedbackError.noFeedbackYet {
            return nil
        }
    }

    // MARK: - Accept, decline, cancel

    func answerInvitation(_ request: HTTPRequest) throws -> HTTPResponse {
        let context = WebRequest(request, formGuard: formGuard)
        let posted: FormData
        switch admitPost(context, limiter: invitationLimiter, retryPath: request.path) {
        case .failure(let refusal): return refusal.response
        case .success(let form): posted = form
        }
        guard let (token, _) = try invitation(request) else { return context.notFound() }
        guard let response = posted["response"], response == "accept" || response == "decline" else {
            return context.message(
                status: 400, title: WebText.badFormTitle, text: WebText.badFormText,
                link: (request.path, WebText.backToInvitation))
        }
        return try respond(context, token: token, response: response)
    }

    func confirmCancel(_ request: HTTPRequest) throws -> HTTPResponse {
        let context = WebRequest(request, formGuard: formGuard)
        guard let (token, view) = try invitation(request) else { return context.notFound() }
        let path = "/i/" + token
        guard view.state == .accepted, !hasStarted(view) else {
            return try invitationResponse(context, token: token, view: view)
        }
        let l = context.language
        let body: HTML = """
            <p>\(WebText.cancelConfirmText.text(l))</p>
            \(invitationFacts(view, l))<form method="post" action="\(path)/cancel">
            \(FormView.guardField(formGuard.token(session: context.session ?? "")))<p class="actions">\
            <button type="submit" class="danger">\(WebText.cancelButton.text(l))</button>
            <a href="\(path)">\(WebText.keepPlace.text(l))</a></p>
            </form>

            """
        return context.page(title: WebText.cancelConfirmTitle, body: body, path: path + "/cancel")
    }

    func cancelInvitation(_ request: HTTPRequest) throws -> HTTPResponse {
        let context = WebRequest(request, formGuard: formGuard)
        switch admitPost(context, limiter: invitationLimiter, retryPath: request.path) {
        case .failure(let refusal): return refusal.response
        case .success: break
        }
        guard let (token, view) = try invitation(request) else { return context.notFound() }
        if view.state == .accepted, hasStarted(view) {
            return context.message(
                status: 409, title: WebText.tooLateToCancelTitle, text: WebText.tooLateToCancelText,
                link: ("/i/" + token, WebText.backToInvitation))
        }
        return try respond(context, token: token, response: "cancel")
    }

    /// Records an answer; a refused one shows the invitation as it stands with what went wrong.
    private func respond(_ context: WebRequest, token: String, response: String) throws -> HTTPResponse {
        do {
            let view = try invitations.respond(token: token, response: response)
            return try invitationResponse(context, token: token, view: view)
        } catch InvitationError.unknownToken {
            return context.notFound()
        } catch InvitationError.pastDeadline {
            return context.message(
                status: 409, title: WebText.pastDeadlineTitle, text: WebText.pastDeadlineText,
                link: ("/i/" + token, WebText.backToInvitation))
        } catch let error as InvitationError {
            // Already answered, or the event has started or been cancelled: show where things stand.
            switch error {
            case .illegalTransition, .eventState: break
            default: throw error
            }
            let view = try invitations.show(token: token)
            return try invitationResponse(context, token: token, view: view, notice: WebText.notNowText, status: 409)
        }
    }

    // MARK: - Feedback

    /// The stored feedback as form values (suggestion slots stay empty: new ones are added).
    private func feedbackValues(_ record: FeedbackRecord, language: WebLanguage) -> FormView {
        var form = FormView(language: language)
        form.values["overall"] = String(record.overall)
        form.values["information"] = String(record.information)
        form.values["heard"] = String(record.heard)
        form.values["again"] = record.again ? "yes" : "no"
        form.values["comment"] = record.comment ?? ""
        return form
    }

    static let scoreFields: [(name: String, label: Labels)] = [
        ("overall", WebText.overall), ("information", WebText.information), ("heard", WebText.heard),
    ]

    static var feedbackFieldOrder: [String] {
        scoreFields.map(\.name) + ["again", "comment"]
            + (1...suggestionSlots).flatMap { ["topic_\($0)", "text_\($0)"] }
    }

    private func feedbackForm(_ context: WebRequest, path: String, form: FormView, editing: Bool) -> HTML {
        let l = context.language
        var form = form
        form.order = Self.feedbackFieldOrder
        let scores = Self.scoreFields.map { field in
            radioGroup(
                form, name: field.name, legend: field.label,
                options: (1...5).map { (String($0), WebText.score($0)) })
        }
        let again = radioGroup(form, name: "again", legend: WebText.again, options: [("yes", WebText.yes), ("no", WebText.no)])
        let slots = (1...Self.suggestionSlots).map { n -> HTML in
            """
            <div class="suggestion">
            \(form.input("topic_\(n)", label: WebText.topic(n), autocomplete: "off", required: false))\
            \(textArea(form, name: "text_\(n)", label: WebText.suggestionText(n), rows: 3))</div>

            """
        }
        let more: HTML = editing ? "<p class=\"hint\">\(WebText.suggestionsMore.text(l))</p>\n" : .empty
        return """
            <h2>\(WebText.feedbackTitle.text(l))</h2>
            <p>\(WebText.feedbackIntro.text(l))</p>
            \(form.summary)<form method="post" action="\(path)/feedback" novalidate>
            \(FormView.guardField(formGuard.token(session: context.session ?? "")))<fieldset>
            <legend>\(WebText.scoresLegend.text(l))</legend>
            \(scores)</fieldset>
            \(again)\(textArea(form, name: "comment", label: WebText.comment, rows: 4))<fieldset>
            <legend>\(WebText.suggestionsLegend.text(l))</legend>
            <p class="hint">\(WebText.suggestionsHint.text(l))</p>
            \(more)\(slots)</fieldset>
            <p class="actions"><button type="submit">\((editing ? WebText.updateFeedback : WebText.sendFeedback).text(l))</button></p>
            </form>

            """
    }

    /// A labelled group of radio buttons: a fieldset with a legend, each option with its own label,
    /// the error tied to the group and marked by text.
    private func radioGroup(_ form: FormView, name: String, legend: Labels, options: [(String, Labels)]) -> HTML {
        let l = form.language
        let error = form.errors[name]
        let describedBy: HTML = error == nil ? .empty : " aria-describedby=\"e-\(name)\""
        let buttons = options.map { value, label -> HTML in
            let checked: HTML = form.value(name) == value ? " checked" : .empty
            return """
                <span class="choice"><input type="radio" id="f-\(name)-\(value)" name="\(name)" value="\(value)"\(checked)>\
                <label for="f-\(name)-\(value)">\(label.text(l))</label></span>

                """
        }
        let errorHTML: HTML =
            error.map { "<p class=\"error\" id=\"e-\(name)\">\(WebText.errorPrefix.text(l))\($0.text(l))</p>\n" }
            ?? .empty
        return """
            <fieldset class="\(error == nil ? "field radios" : "field radios invalid")" id="f-\(name)"\(describedBy)>
            <legend>\(legend.text(l))</legend>
            \(buttons)\(errorHTML)</fieldset>

            """
    }

    private func textArea(_ form: FormView, name: String, label: Labels, rows: Int) -> HTML {
        let l = form.language
        let error = form.errors[name]
        let marks: HTML = error == nil ? .empty : " aria-describedby=\"e-\(name)\" aria-invalid=\"true\""
        let errorHTML: HTML =
            error.map { "<p class=\"error\" id=\"e-\(name)\">\(WebText.errorPrefix.text(l))\($0.text(l))</p>\n" }
            ?? .empty
        return """
            <div class="\(error == nil ? "field" : "field invalid")">
            <label for="f-\(name)">\(label.text(l))</label>
            <textarea id="f-\(name)" name="\(name)" rows="\(rows)" maxlength="\(FeedbackLoop.maxTextLength)"\(marks)>\(form.value(name))</textarea>
            \(errorHTML)</div>

            """
    }

    private func ownSuggestions(_ suggestions: [Suggestion], _ l: WebLanguage) -> HTML {
        guard !suggestions.isEmpty else { return .empty }
        return "<h2>\(WebText.yourSuggestions.text(l))</h2>\n" + suggestionList(suggestions, l)
    }

    /// Suggestions with their status and reply (never their authors).
    func suggestionList(_ suggestions: [Suggestion], _ l: WebLanguage) -> HTML {
        let items = suggestions.map { s -> HTML in
            let reply: HTML =
                s.reply.map { "<p class=\"reply\"><strong>\(WebText.reply.text(l))：</strong>\($0)</p>" }
                ?? "<p class=\"reply\">\(WebText.noReplyYet.text(l))</p>"
            return """
                <li class="suggestion-item">
                <p class="topic"><strong>\(s.topic)</strong></p>
                <p class="status">\(WebText.status.text(l))：\(WebText.suggestionStatus(s.status).text(l))</p>
                <p class="text">\(s.text)</p>
                \(reply)
                </li>

                """
        }
        return "<ul class=\"suggestions\">\n\(items)</ul>\n"
    }

    func giveFeedback(_ request: HTTPRequest) throws -> HTTPResponse {
        let context = WebRequest(request, formGuard: formGuard)
        let posted: FormData
        switch admitPost(context, limiter: invitationLimiter, retryPath: request.path) {
        case .failure(let refusal): return refusal.response
        case .success(let form): posted = form
        }
        guard let (token, view) = try invitation(request) else { return context.notFound() }
        guard view.state == .attended, view.feedbackOpen else {
            return try invitationResponse(context, token: token, view: view, notice: WebText.notNowText, status: 409)
        }
        var form = FormView(language: context.language)
        for name in Self.feedbackFieldOrder { form.values[name] = posted[name] ?? "" }
        var scores: [String: Int] = [:]
        for field in Self.scoreFields {
            if let score = Int(form.value(field.name)), (1...5).contains(score) {
                scores[field.name] = score
            } else {
                form.errors[field.name] = WebText.chooseScore
            }
        }
        let again = form.value("again")
        if again != "yes" && again != "no" { form.errors["again"] = WebText.chooseYesNo }
        if form.value("comment").count > FeedbackLoop.maxTextLength {
            form.errors["comment"] = WebText.tooLong(FeedbackLoop.maxTextLength)
        }
        var suggestions: [SuggestionInput] = []
        var slots: [Int] = []  // the form slot of each suggestion sent
        for n in 1...Self.suggestionSlots {
            let topic = form.value("topic_\(n)").trimmingCharacters(in: .whitespacesAndNewlines)
            let text = form.value("text_\(n)").trimmingCharacters(in: .whitespacesAndNewlines)
            if topic.count > FeedbackLoop.maxTopicLength {
                form.errors["topic_\(n)"] = WebText.tooLong(FeedbackLoop.maxTopicLength)
            }
            if text.count > FeedbackLoop.maxTextLength {
                form.errors["text_\(n)"] = WebText.tooLong(FeedbackLoop.maxTextLength)
            }
            if topic.isEmpty != text.isEmpty {
                form.errors[topic.isEmpty ? "topic_\(n)" : "text_\(n)"] = WebText.topicNeedsText
            }
            if !topic.isEmpty, !text.isEmpty {
                suggestions.append(SuggestionInput(topic: topic, text: text))
                slots.append(n)
            }
        }
        let given = try givenFeedback(token)
        guard form.errors.isEmpty, let overall = scores["overall"], let information = scores["information"],
            let heard = scores["heard"]
        else {
            return try invitationResponse(context, token: token, view: view, form: form, status: 422)
        }
        let input = FeedbackInput(
            overall: overall, information: information, heard: heard, again: again == "yes",
            comment: form.value("comment"), suggestions: suggestions)
        do {
            _ = given == nil ? try feedback.submit(token: token, input) : try feedback.update(token: token, input)
        } catch FeedbackError.invalidField(let field, _) {
            form.errors[Self.formField(field, slots: slots)] = WebText.controlCharacters
            return try invitationResponse(context, token: token, view: view, form: form, status: 422)
        } catch FeedbackError.windowClosed, FeedbackError.alreadyGiven, FeedbackError.noFeedbackYet {
            // The window closed or another tab sent the form meanwhile: show where things stand.
            let now = try invitations.show(token: token)
            return try invitationResponse(context, token: token, view: now, notice: WebText.notNowText, status: 409)
        }
        return try invitationResponse(
            context, token: token, view: try invitations.show(token: token), notice: WebText.feedbackSaved)
    }

    /// The form field of a use-case field name (`suggestions[1].topic` → `topic_N`, N the slot it came from).
    static func formField(_ field: String, slots: [Int]) -> String {
        guard field.hasPrefix("suggestions["), let close = field.firstIndex(of: "]"),
            let index = Int(field[field.index(field.startIndex, offsetBy: 12)..<close]), slots.indices.contains(index)
        else { return field == "comment" ? "comment" : "overall" }
        return (field.hasSuffix(".text") ? "text_" : "topic_") + String(slots[index])
    }
}
