import Foundation
import HTTPServer
import Sortition

/// `/console/events/{id}/quotas`: the quota editor. Per value: the census share and its source, the
/// seats derived from it, the eligible count, and min/max to change; joint quotas; and, before any
/// draw, whether some panel meets them all (else the conflicts and the suggested relaxation).
extension Console {
    func quotaPage(_ context: ConsoleRequest) throws -> HTTPResponse {
        let event = try self.event(context)
        return try quotaEditor(context, event: event, form: nil, status: 200, saved: context.request.query("saved") == "1")
    }

    /// The attribute's label and a value's label, in the page's language (age bands by their code).
    func labels(_ attribute: String, _ value: String, _ l: WebLanguage) -> (String, String) {
        guard let found = registry.schema.attribute(named: attribute) else {
            return (attribute == QuotaPlanner.ageAttribute ? (l == .zh ? "年龄" : "Age") : attribute, value)
        }
        return (found.labels.text(l), found.values.first { $0.code == value }?.labels.text(l) ?? value)
    }

    /// `gender=female district=xuhui 1-3`, one joint quota a line.
    static func jointText(_ joint: [JointQuota]) -> String {
        joint.map { "\($0.feature1)=\($0.value1) \($0.feature2)=\($0.value2) \($0.min)-\($0.max)" }.joined(separator: "\n")
    }

    /// Reads the joint quota lines; nil with the bad line when one cannot be read.
    static func parseJoint(_ text: String) -> Result<[JointQuotaInput], LineProblem> {
        var inputs: [JointQuotaInput] = []
        for (number, line) in text.split(whereSeparator: \.isNewline).enumerated() {
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            if parts.isEmpty { continue }
            let first = parts.count == 3 ? parts[0].split(separator: "=", omittingEmptySubsequences: false) : []
            let second = parts.count == 3 ? parts[1].split(separator: "=", omittingEmptySubsequences: false) : []
            let range = parts.count == 3 ? parts[2].split(separator: "-", omittingEmptySubsequences: false) : []
            guard first.count == 2, second.count == 2, range.count == 2, let min = Int(range[0]), let max = Int(range[1])
            else { return .failure(LineProblem(line: number + 1)) }
            inputs.append(
                JointQuotaInput(
                    attribute1: String(first[0]), value1: String(first[1]), attribute2: String(second[0]),
                    value2: String(second[1]), min: min, max: max))
        }
        return .success(inputs)
    }

    struct LineProblem: Error { let line: Int }

    func quotaEditor(_ c: ConsoleRequest, event: Event, form: FormView?, status: Int, saved: Bool = false) throws
        -> HTTPResponse
    {
        let l = c.language
        let editable = event.status == .draft
        let report = try events.eligibility(event.id)
        let eligible = Dictionary(report.values.map { ("\($0.attribute)=\($0.value)", $0.eligible) }) { a, _ in a }
        var form = form ?? FormView(language: l)
        if form.values.isEmpty {
            for line in event.quotas.values {
                form.values["min.\(line.attribute).\(line.value)"] = String(line.min)
                form.values["max.\(line.attribute).\(line.value)"] = String(line.max)
            }
            for attribute in Set(event.quotas.values.map(\.attribute))
            where event.quotas.values.filter({ $0.attribute == attribute }).allSatisfy({ $0.origin == .unconstrained }) {
                form.values["free.\(attribute)"] = "yes"
            }
            form.values["joint"] = Self.jointText(event.quotas.joint)
        }
        var order: [String] = []
        for line in event.quotas.values where !order.contains(line.attribute) { order.append(line.attribute) }
        let disabled: HTML = editable ? .empty : " disabled"
        let groups = order.map { attribute -> HTML in
            let lines = event.quotas.values.filter { $0.attribute == attribute }
            let rows = lines.map { line -> HTML in
                let key = "\(line.attribute).\(line.value)"
                // The census share, or its bounds where the census gives only those (the age bands).
                let bounds = line.shareRange.flatMap { $0.count == 2 ? ($0[0], $0[1]) : nil }
                    ?? line.share.map { ($0, $0) }
                let share = bounds.map { low, high in
                    low == high
                        ? String(format: "%.1f%%", low * 100) : String(format: "%.1f–%.1f%%", low * 100, high * 100)
                } ?? "—"
                // The seats the share gives (the rule of `derived`), with seats × share before rounding.
                let derived =
                    bounds.map { low, high in
                        let seats = Double(event.seats)
                        let from = Quotas.derivedSeats(panelSize: event.seats, share: low).lowerBound
                        let to = Quotas.derivedSeats(panelSize: event.seats, share: high).upperBound
                        let exact = low == high
                            ? String(format: "%.2f", low * seats) : String(format: "%.2f–%.2f", low * seats, high * seats)
                        return "\(from)–\(to) (\(exact))"
                    } ?? "—"
                let minName = "min.\(key)"
                let maxName = "max.\(key)"
                let invalid = form.errors[minName] ?? form.errors[maxName]
                let error: HTML =
                    invalid.map { "<p class=\"error\" id=\"e-\(minName)\">\(WebText.errorPrefix.text(l))\($0.text(l))</p>" }
                    ?? .empty
                let valueLabel = labels(line.attribute, line.value, l).1
                return """
                    <tr><th scope="row">\(valueLabel)</th><td class="num">\(share)</td>\
                    <td class="num">\(derived)</td><td>\(line.note ?? "")</td>\
                    <td>\(c.text(ConsoleText.origin(line.origin)))</td>\
                    <td class="num">\(eligible["\(line.attribute)=\(line.value)"] ?? 0)</td>\
                    <td><input type="number" min="0" max="\(event.seats)" name="\(minName)" id="f-\(minName)" \
                    aria-label="\(valueLabel) \(c.say("最少", "minimum"))" value="\(form.value(minName))"\(disabled)></td>\
                    <td><input type="number" min="0" max="\(event.seats)" name="\(maxName)" \
                    aria-label="\(valueLabel) \(c.say("最多", "maximum"))" value="\(form.value(maxName))"\(disabled)>\(error)</td></tr>

                    """
            }
            let free: HTML = form.value("free.\(attribute)") == "yes" ? " checked" : .empty
            return """
                <h2>\(labels(attribute, "", l).0)</h2>
                <div class="check"><input type="checkbox" id="f-free.\(attribute)" name="free.\(attribute)" value="yes"\(free)\(disabled)>
                <label for="f-free.\(attribute)">\(c.say("不限制此项", "Leave this attribute unconstrained"))</label></div>
                <div class="table-wrap"><table>
                <thead><tr><th>\(c.say("取值", "Value"))</th><th class="num">\(c.say("人口占比", "Census share"))</th>\
                <th class="num">\(c.say("按占比应得名额", "Seats by share"))</th>\
                <th>\(c.say("来源", "Source"))</th><th>\(c.say("名额来由", "Seats from"))</th>\
                <th class="num">\(c.say("符合条件", "Eligible"))</th><th>\(c.say("最少", "Min"))</th><th>\(c.say("最多", "Max"))</th></tr></thead>
                <tbody>\(rows)</tbody></table></div>

                """
        }
        var feasibility: HTML
        if !report.missingQuotas.isEmpty {
            feasibility = """
                <div class="problem" role="alert"><h2>\(c.say("还缺名额", "Seats still missing"))</h2>
                <p>\(c.say("这些取值没有人口数据，请填写最少、最多名额，或勾选“不限制此项”：", "These values have no census figure: give their min and max, or leave the attribute unconstrained:")) \
                \(report.missingQuotas.joined(separator: ", "))</p></div>

                """
        } else if let infeasible = report.infeasible {
            let lines = infeasible.lines.map { "<li>\($0)</li>" as HTML }
            feasibility = """
                <div class="problem" role="alert"><h2>\(c.say("这些配额无法同时满足", "No panel meets these quotas"))</h2>
                <p>\(c.say("冲突和建议的放宽方式（抽签前请调整）：", "The conflicts and the suggested relaxation (adjust before the draw):"))</p>
                <ul>\(lines)</ul></div>

                """
        } else {
            feasibility = """
                <p class="notice" role="status">\(c.say("可行：符合条件的 \(report.eligible) 人中能选出满足所有配额的 \(event.seats) 人。", "Feasible: among the \(report.eligible) eligible people some panel of \(event.seats) meets every quota."))</p>

                """
        }
        if saved { feasibility = "<p class=\"notice\" role=\"status\">\(c.say("已保存。", "Saved."))</p>\n" + feasibility }
        let jointError: HTML =
            form.errors["joint"].map { "<p class=\"error\" id=\"e-joint\">\(WebText.errorPrefix.text(l))\($0.text(l))</p>" }
            ?? .empty
        let generalError: HTML =
            form.errors["quotas"].map { "<p class=\"summary\" role=\"alert\">\(WebText.errorPrefix.text(l))\($0.text(l))</p>" }
            ?? .empty
        let submit: HTML =
            editable
            ? "<p class=\"actions\"><button type=\"submit\">\(c.say("保存配额", "Save quotas"))</button></p>\n"
            : "<p>\(c.say("抽签已准备，配额不能再修改。", "The draw is prepared: the quotas are fixed."))</p>\n"
        let body: HTML = """
            \(tabs(event, current: "/quotas", c))<p>\(c.say("名额 \(event.seats)；登记在册 \(report.registryActive) 人，符合条件 \(report.eligible) 人。", "\(event.seats) seats; \(report.registryActive) active volunteers, \(report.eligible) eligible."))</p>
            \(feasibility)\(generalError)<form method="post" action="/console/events/\(event.id)/quotas" novalidate>
            \(c.guardField)\(groups)
            <h2>\(c.say("联合配额", "Joint quotas"))</h2>
            <div class="field\(form.errors["joint"] == nil ? HTML.empty : " invalid")">
            <label for="f-joint">\(c.say("每行一条：属性=取值 属性=取值 最少-最多", "One a line: attribute=value attribute=value min-max"))</label>
            <span class="hint" id="h-joint">\(c.say("例如 gender=female district=xuhui 1-3", "e.g. gender=female district=xuhui 1-3"))</span>
            <textarea id="f-joint" name="joint" aria-describedby="h-joint" rows="3"\(disabled)>\(form.value("joint"))</textarea>
            \(jointError)</div>
            \(submit)</form>

            """
        return c.page(status: status, title: title(event, c), body: body, path: "/console/events/\(event.id)/quotas")
    }

    func saveQuotas(_ context: ConsoleRequest, _ posted: FormData) throws -> HTTPResponse {
        let event = try self.event(context)
        var form = FormView(language: context.language)
        for (name, value) in posted.fields where name != FormGuard.fieldName { form.values[name] = value }
        var unconstrained: [String] = []
        var freeNow: Set<String> = []
        for attribute in Set(event.quotas.values.map(\.attribute)) where posted["free.\(attribute)"] == "yes" {
            freeNow.insert(attribute)
            let already = event.quotas.values.filter { $0.attribute == attribute }.allSatisfy { $0.origin == .unconstrained }
            if !already { unconstrained.append(attribute) }
        }
        var edits: [QuotaEdit] = []
        for line in event.quotas.values where !freeNow.contains(line.attribute) {
            let key = "\(line.attribute).\(line.value)"
            let minText = (posted["min.\(key)"] ?? "").trimmingCharacters(in: .whitespaces)
            let maxText = (posted["max.\(key)"] ?? "").trimmingCharacters(in: .whitespaces)
            guard let min = Self.count(minText), let max = Self.count(maxText) else {
                form.errors["min.\(key)"] = ConsoleText.numberRequired
                continue
            }
            guard min <= max, max <= event.seats else {
                form.errors["min.\(key)"] = ConsoleText.range(seats: event.seats)
                continue
            }
            if min != line.min || max != line.max || line.origin == .missing || line.origin == .unconstrained {
                edits.append(QuotaEdit(attribute: line.attribute, value: line.value, min: min, max: max))
            }
        }
        var joint: [JointQuotaInput] = []
        switch Self.parseJoint(posted["joint"] ?? "") {
        case .success(let inputs): joint = inputs
        case .failure(let problem): form.errors["joint"] = ConsoleText.jointLine(problem.line)
        }
        guard form.errors.isEmpty else { return try quotaEditor(context, event: event, form: form, status: 422) }
        do {
            _ = try events.update(
                event.id, EventChanges(quotas: edits, unconstrained: unconstrained, joint: joint),
                actor: principal(context).actor)
        } catch let error as EventError {
            form.errors["quotas"] = Labels(zh: ConsoleText.refusedPrefix.zh + error.message, en: error.message)
            return try quotaEditor(context, event: event, form: form, status: error.category == .conflict ? 409 : 422)
        }
        return context.redirect("/console/events/\(event.id)/quotas?saved=1")
    }

    /// A small non-negative whole number typed in a field, or nil.
    static func count(_ text: String) -> Int? {
        guard !text.isEmpty, text.utf8.count <= 6, text.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
        return Int(text)
    }
}
