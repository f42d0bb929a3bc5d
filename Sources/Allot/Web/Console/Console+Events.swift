import Foundation
import HTTPServer

/// `/console/events…`: the list, the create and edit form, and the tabs of one event.
extension Console {
    func eventList(_ context: ConsoleRequest) throws -> HTTPResponse {
        let c = context
        let rows = try events.list().map { event -> HTML in
            let list = try invitations.list(event.id)
            let accepted = (list.counts["accepted"] ?? 0) + (list.counts["attended"] ?? 0)
            return """
                <tr><td class="num">\(event.id)</td><td><a href="/console/events/\(event.id)">\(title(event, c))</a></td>\
                <td>\(c.text(ConsoleText.status(event.status)))</td><td>\(Invitations.displayTime(event.startsAt))</td>\
                <td class="num">\(event.seats)</td><td class="num">\(list.invitations.count)</td>\
                <td class="num">\(accepted)</td><td class="num">\(list.counts["attended"] ?? 0)</td></tr>

                """
        }
        let table: HTML =
            rows.isEmpty
            ? "<p>\(c.say("还没有活动。", "There are no events yet."))</p>\n"
            : """
                <div class="table-wrap"><table>
                <thead><tr><th class="num">#</th><th>\(c.say("活动", "Event"))</th><th>\(c.say("状态", "Status"))</th>\
                <th>\(c.say("时间", "Starts"))</th><th class="num">\(c.say("名额", "Seats"))</th>\
                <th class="num">\(c.say("已邀请", "Invited"))</th><th class="num">\(c.say("已接受", "Accepted"))</th>\
                <th class="num">\(c.say("已签到", "Checked in"))</th></tr></thead>
                <tbody>\(rows)</tbody></table></div>

                """
        let body: HTML = """
            <p class="actions"><a class="button" href="/console/events/new">\(c.say("新建活动", "New event"))</a></p>
            \(table)
            """
        return c.page(title: c.say("活动", "Events"), body: body, path: "/console/events")
    }

    func title(_ event: Event, _ c: ConsoleRequest) -> String {
        c.language == .en ? (event.titleEn ?? event.title) : event.title
    }

    /// The tabs of one event's pages; `current` is marked.
    func tabs(_ event: Event, current: String, _ c: ConsoleRequest) -> HTML {
        let items: [(String, Labels)] = [
            ("", ConsoleText.t("概况", "Overview")), ("/quotas", ConsoleText.t("配额", "Quotas")),
            ("/draw", ConsoleText.t("抽签", "Draw")), ("/invitations", ConsoleText.t("邀请", "Invitations")),
            ("/checkin", ConsoleText.t("签到", "Check-in")), ("/suggestions", ConsoleText.t("建议", "Suggestions")),
        ]
        let links = items.map { item -> HTML in
            let mark: HTML = item.0 == current ? " aria-current=\"page\"" : .empty
            return "<li><a href=\"/console/events/\(event.id)\(item.0)\"\(mark)>\(c.text(item.1))</a></li>"
        }
        return """
            <p>\(c.text(ConsoleText.status(event.status))) · \(Invitations.displayTime(event.startsAt)) · \(event.place)</p>
            <ul class="tabs">\(links)<li><a href="/console/reports/\(event.id)">\(c.say("报告", "Report"))</a></li></ul>

            """
    }

    // MARK: - The event form

    /// Form field names; eligibility filters are `filter.ATTRIBUTE.VALUE` checkboxes.
    static let eventFields = [
        "title", "title_en", "department", "kind", "starts_at", "place", "seats", "reserves", "deadline", "min_age",
    ]

    func newEvent(_ context: ConsoleRequest) -> HTTPResponse {
        var form = FormView(language: context.language)
        form.values["kind"] = EventKind.openDay.rawValue
        form.values["reserves"] = "0"
        return eventForm(context, form: form, event: nil, status: 200)
    }

    func eventForm(_ context: ConsoleRequest, form: FormView, event: Event?, status: Int, saved: Bool = false)
        -> HTTPResponse
    {
        let c = context
        let l = c.language
        var form = form
        form.order = Self.eventFields + ["filter"]
        let kinds = EventKind.allCases.map { kind -> HTML in
            let selected: HTML = form.value("kind") == kind.rawValue ? " selected" : .empty
            return "<option value=\"\(kind.rawValue)\"\(selected)>\(c.text(ConsoleText.kind(kind)))</option>\n"
        }
        let filters = (registry.schema.attributes.map { ($0.name, $0.labels, $0.values.map { ($0.code, $0.labels) }) })
            .map { attribute -> HTML in
                let boxes = attribute.2.map { value -> HTML in
                    let name = "filter.\(attribute.0).\(value.0)"
                    let checked: HTML = form.value(name) == "yes" ? " checked" : .empty
                    return """
                        <span><input type="checkbox" id="f-\(name)" name="\(name)" value="yes"\(checked)>\
                        <label for="f-\(name)">\(value.1.text(l))</label></span>

                        """
                }
                return """
                    <fieldset><legend>\(attribute.1.text(l))</legend><div class="checks">
                    \(boxes)</div></fieldset>

                    """
            }
        let kindError: HTML =
            form.errors["kind"].map { "<p class=\"error\" id=\"e-kind\">\(WebText.errorPrefix.text(l))\($0.text(l))</p>" } ?? .empty
        let filterError: HTML =
            form.errors["filter"].map { "<p class=\"error\" role=\"alert\" id=\"e-filter\">\(WebText.errorPrefix.text(l))\($0.text(l))</p>" }
            ?? .empty
        let action = event.map { "/console/events/\($0.id)" } ?? "/console/events/new"
        let notice: HTML = saved ? "<p class=\"notice\" role=\"status\">\(c.say("已保存。", "Saved."))</p>\n" : .empty
        let body: HTML = """
            \(notice)\(form.summary)<form method="post" action="\(action)" novalidate>
            \(c.guardField)\(form.input("title", label: ConsoleText.t("标题", "Title"), autocomplete: "off"))\
            \(form.input("title_en", label: ConsoleText.t("英文标题（选填）", "Title in English (optional)"), autocomplete: "off", required: false))\
            \(form.input("department", label: ConsoleText.t("主办部门", "Department"), autocomplete: "off"))\
            <div class="field\(form.errors["kind"] == nil ? HTML.empty : " invalid")">
            <label for="f-kind">\(c.say("类型", "Kind"))</label>
            <select id="f-kind" name="kind">\(kinds)</select>
            \(kindError)</div>
            \(form.input("starts_at", label: ConsoleText.t("开始时间（北京时间）", "Starts (Beijing time)"), type: "datetime-local", autocomplete: "off", hint: ConsoleText.t("例如 2026-12-20T09:30", "e.g. 2026-12-20T09:30")))\
            \(form.input("place", label: ConsoleText.t("地点", "Place"), autocomplete: "off"))\
            \(form.input("seats", label: ConsoleText.t("名额", "Seats"), type: "number", autocomplete: "off", inputMode: "numeric"))\
            \(form.input("reserves", label: ConsoleText.t("候补人数", "Reserves"), type: "number", autocomplete: "off", inputMode: "numeric"))\
            \(form.input("deadline", label: ConsoleText.t("答复截止时间（选填）", "Answer by (optional)"), type: "datetime-local", autocomplete: "off", required: false))\
            <h2>\(c.say("报名条件", "Who may be drawn"))</h2>
            <p>\(c.say("不勾选某一项，即不按该项筛选。", "Leave an attribute unticked to not filter by it."))</p>
            \(filterError)\(filters)\
            \(form.input("min_age", label: ConsoleText.t("最低年龄（选填）", "Minimum age (optional)"), type: "number", autocomplete: "off", inputMode: "numeric", required: false))\
            <p class="actions"><button type="submit">\(c.say("保存", "Save"))</button></p>
            </form>

            """
        let title = event.map { self.title($0, c) } ?? c.say("新建活动", "New event")
        let tabs = event.map { self.tabs($0, current: "", c) } ?? .empty
        return c.page(status: status, title: title, body: tabs + body, path: event.map { "/console/events/\($0.id)" } ?? "/console/events/new")
    }

    /// The values a stored event shows in the form.
    func formValues(_ event: Event, language: WebLanguage) -> FormView {
        var form = FormView(language: language)
        form.values = [
            "title": event.title, "title_en": event.titleEn ?? "", "department": event.department,
            "kind": event.kind.rawValue, "starts_at": event.startsAt, "place": event.place,
            "seats": String(event.seats), "reserves": String(event.reserves), "deadline": event.responseDeadline ?? "",
            "min_age": event.eligibility.minimumAge.map(String.init) ?? "",
        ]
        for (attribute, values) in event.eligibility.attributes {
            for value in values { form.values["filter.\(attribute).\(value)"] = "yes" }
        }
        return form
    }

    /// The posted fields, checked for what the page can check (numbers, lengths); the use case checks the rest.
    struct PostedEvent {
        var form: FormView
        var seats: Int?
        var reserves: Int?
        var minimumAge: Int?
        var filter: EligibilityFilter
    }

    func readEvent(_ posted: FormData, language: WebLanguage) -> PostedEvent {
        var form = FormView(language: language)
        for name in Self.eventFields { form.values[name] = (posted[name] ?? "").trimmingCharacters(in: .whitespaces) }
        var attributes: [String: [String]] = [:]
        for attribute in registry.schema.attributes {
            for value in attribute.values where posted["filter.\(attribute.name).\(value.code)"] == "yes" {
                form.values["filter.\(attribute.name).\(value.code)"] = "yes"
                attributes[attribute.name, default: []].append(value.code)
            }
        }
        for name in Self.eventFields where form.value(name).count > Self.maxFieldLength {
            form.errors[name] = WebText.tooLong(Self.maxFieldLength)
        }
        func number(_ name: String, required: Bool) -> Int? {
            let text = form.value(name)
            if text.isEmpty {
                if required { form.errors[name] = ConsoleText.numberRequired }
                return nil
            }
            guard text.utf8.count <= 9, text.utf8.allSatisfy({ (48...57).contains($0) }), let value = Int(text) else {
                form.errors[name] = ConsoleText.numberRequired
                return nil
            }
            return value
        }
        let seats = number("seats", required: true)
        let reserves = number("reserves", required: false)
        let minimumAge = number("min_age", required: false)
        for name in ["title", "department", "place", "starts_at"] where form.value(name).isEmpty {
            form.errors[name] = ConsoleText.required
        }
        if EventKind(rawValue: form.value("kind")) == nil { form.errors["kind"] = ConsoleText.chooseKind }
        return PostedEvent(
            form: form, seats: seats, reserves: reserves, minimumAge: minimumAge,
            filter: EligibilityFilter(attributes: attributes, minimumAge: minimumAge))
    }

    /// Puts a use-case refusal next to its field.
    func note(_ error: EventError, in form: inout FormView) {
        let fields = [
            "title": "title", "titleEn": "title_en", "department": "department", "kind": "kind", "startsAt": "starts_at",
            "place": "place", "seats": "seats", "reserves": "reserves", "responseDeadline": "deadline",
            "eligibility": "filter", "minimumAge": "min_age",
        ]
        let message = Labels(zh: ConsoleText.refusedPrefix.zh + error.message, en: error.message)
        switch error {
        case .invalidField(let field, _):
            form.errors[fields[field] ?? "filter"] = message
        default:
            form.errors["filter"] = message
        }
    }

    func createEvent(_ context: ConsoleRequest, _ posted: FormData) throws -> HTTPResponse {
        var input = readEvent(posted, language: context.language)
        guard input.form.errors.isEmpty, let seats = input.seats else {
            return eventForm(context, form: input.form, event: nil, status: 422)
        }
        let form = input.form
        let draft = EventDraft(
            title: form.value("title"), titleEn: form.value("title_en").isEmpty ? nil : form.value("title_en"),
            department: form.value("department"), kind: form.value("kind"), startsAt: form.value("starts_at"),
            place: form.value("place"), seats: seats, reserves: input.reserves,
            responseDeadline: form.value("deadline").isEmpty ? nil : form.value("deadline"),
            eligibility: input.filter, targets: events.targetsPath ?? "")
        do {
            let event = try events.create(draft, actor: principal(context).actor)
            return context.redirect("/console/events/\(event.id)/quotas")
        } catch let error as EventError {
            note(error, in: &input.form)
            return eventForm(context, form: input.form, event: nil, status: 422)
        }
    }

    func eventPage(_ context: ConsoleRequest) throws -> HTTPResponse {
        let event = try self.event(context)
        let saved = context.request.query("saved") == "1"
        guard event.status == .draft else { return eventFacts(context, event) }
        return eventForm(context, form: formValues(event, language: context.language), event: event, status: 200, saved: saved)
    }

    /// A prepared or later event: its terms are fixed, shown as facts.
    func eventFacts(_ c: ConsoleRequest, _ event: Event) -> HTTPResponse {
        let filter = event.eligibility.attributes.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.joined(separator: ", "))" }
        let body: HTML = """
            \(tabs(event, current: "", c))<p>\(c.say("抽签已准备，活动条件不能再修改。", "The draw is prepared: the event's terms are fixed."))</p>
            <dl class="facts">
            <dt>\(c.say("主办部门", "Department"))</dt><dd>\(event.department)</dd>
            <dt>\(c.say("类型", "Kind"))</dt><dd>\(c.text(ConsoleText.kind(event.kind)))</dd>
            <dt>\(c.say("名额", "Seats"))</dt><dd>\(event.seats)</dd>
            <dt>\(c.say("候补人数", "Reserves"))</dt><dd>\(event.reserves)</dd>
            <dt>\(c.say("答复截止", "Answer by"))</dt><dd>\(event.responseDeadline.map(Invitations.displayTime) ?? "—")</dd>
            <dt>\(c.say("报名条件", "Who may be drawn"))</dt><dd>\(filter.isEmpty ? "—" : filter.joined(separator: "; "))</dd>
            </dl>

            """
        return c.page(title: title(event, c), body: body, path: "/console/events/\(event.id)")
    }

    func updateEvent(_ context: ConsoleRequest, _ posted: FormData) throws -> HTTPResponse {
        let event = try self.event(context)
        var input = readEvent(posted, language: context.language)
        guard input.form.errors.isEmpty, let seats = input.seats else {
            return eventForm(context, form: input.form, event: event, status: 422)
        }
        let form = input.form
        let changes = EventChanges(
            title: form.value("title"), titleEn: form.value("title_en"), department: form.value("department"),
            kind: form.value("kind"), startsAt: form.value("starts_at"), place: form.value("place"),
            seats: seats == event.seats ? nil : seats, reserves: input.reserves ?? 0,
            responseDeadline: form.value("deadline"), eligibility: input.filter)
        do {
            _ = try events.update(event.id, changes, actor: principal(context).actor)
            return context.redirect("/console/events/\(event.id)?saved=1")
        } catch let error as EventError {
            note(error, in: &input.form)
            return eventForm(context, form: input.form, event: event, status: error.category == .conflict ? 409 : 422)
        }
    }

    /// The actor of audit entries for the signed-in staff member (their token's id and role).
    func principal(_ context: ConsoleRequest) -> Principal {
        Principal(
            tokenID: context.session?.tokenID ?? 0, role: context.session?.role ?? .evaluator, pid: nil,
            label: context.session?.label)
    }
}
