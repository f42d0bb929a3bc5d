import Foundation
import HTTPServer

/// `/console/events/{id}/suggestions`: attendees' suggestions with their status and a public reply
/// form each (the author is told by a message; suggestions never show who made them).
extension Console {
    func suggestionPage(_ context: ConsoleRequest) throws -> HTTPResponse {
        try suggestions(context, event: try self.event(context), form: nil, status: 200)
    }

    func suggestions(_ c: ConsoleRequest, event: Event, form: (id: Int, view: FormView)?, status: Int) throws -> HTTPResponse {
        let l = c.language
        let list = try feedback.suggestions(event.id)
        let items = list.map { suggestion -> HTML in
            let view = form?.id == suggestion.id ? form?.view : nil
            let current = view?.value("status") ?? suggestion.status.rawValue
            let options = SuggestionStatus.allCases.map { status -> HTML in
                let selected: HTML = status.rawValue == current ? " selected" : .empty
                return "<option value=\"\(status.rawValue)\"\(selected)>\(c.text(WebText.suggestionStatus(status)))</option>"
            }
            let error: HTML =
                view?.errors["reply"].map {
                    "<p class=\"error\" role=\"alert\" id=\"e-reply-\(suggestion.id)\">\(WebText.errorPrefix.text(l))\($0.text(l))</p>"
                } ?? .empty
            let reply: HTML =
                suggestion.reply.map {
                    "<p><strong>\(c.say("已公开答复", "Public reply")):</strong> \($0)</p>"
                } ?? .empty
            return """
                <article class="suggestion">
                <h2>\(suggestion.topic)</h2>
                <p>\(suggestion.text)</p>
                <p>\(c.say("状态", "Status")): \(c.text(WebText.suggestionStatus(suggestion.status)))</p>
                \(reply)<form method="post" action="/console/events/\(event.id)/suggestions" novalidate>
                \(c.guardField)<input type="hidden" name="id" value="\(suggestion.id)">
                <div class="field"><label for="f-status-\(suggestion.id)">\(c.say("处理状态", "Status"))</label>
                <select id="f-status-\(suggestion.id)" name="status">\(options)</select></div>
                <div class="field\(error == .empty ? HTML.empty : " invalid")"><label for="f-reply-\(suggestion.id)">\(c.say("公开答复", "Public reply"))</label>
                <textarea id="f-reply-\(suggestion.id)" name="reply" maxlength="2000" rows="3">\(view?.value("reply") ?? suggestion.reply ?? "")</textarea>
                \(error)</div>
                <p class="actions"><button type="submit">\(c.say("发布答复", "Publish the reply"))</button></p>
                </form>
                </article>

                """
        }
        var body = tabs(event, current: "/suggestions", c)
        if c.request.query("saved") == "1" {
            body = body + "<p class=\"notice\" role=\"status\">\(c.say("答复已发布，并已通知提出人。", "The reply is published and its author is told."))</p>\n"
        }
        body = body + (items.isEmpty ? "<p>\(c.say("还没有建议。", "No suggestions yet."))</p>\n" : HTML(joining: items))
        return c.page(status: status, title: title(event, c), body: body, path: "/console/events/\(event.id)/suggestions")
    }

    func replySuggestion(_ context: ConsoleRequest, _ posted: FormData) throws -> HTTPResponse {
        let event = try self.event(context)
        guard let id = posted["id"].flatMap({ Int($0) }), try feedback.suggestions(event.id).contains(where: { $0.id == id })
        else { throw FeedbackError.suggestionNotFound(id: 0) }
        var view = FormView(language: context.language)
        view.values["status"] = posted["status"] ?? ""
        view.values["reply"] = posted["reply"] ?? ""
        if SuggestionStatus(rawValue: view.value("status")) == nil { view.errors["reply"] = ConsoleText.chooseStatus }
        if view.value("reply").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            view.errors["reply"] = ConsoleText.required
        }
        if view.value("reply").count > 2000 { view.errors["reply"] = WebText.tooLong(2000) }
        guard view.errors.isEmpty else { return try suggestions(context, event: event, form: (id, view), status: 422) }
        do {
            _ = try feedback.reply(id, status: view.value("status"), reply: view.value("reply"), actor: principal(context).actor)
        } catch let error as FeedbackError {
            view.errors["reply"] = Labels(zh: ConsoleText.refusedPrefix.zh + error.message, en: error.message)
            return try suggestions(context, event: event, form: (id, view), status: 422)
        }
        return context.redirect("/console/events/\(event.id)/suggestions?saved=1")
    }
}
