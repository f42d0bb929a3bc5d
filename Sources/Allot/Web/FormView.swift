/// The values and field errors of a form being shown again, and how its fields are drawn:
/// every input has a `<label for>`, hints and errors are tied to it by `aria-describedby`, and an
/// error is marked by text ("Error:") and a thicker border, never by colour alone.
struct FormView {
    var language: WebLanguage
    /// Field name → value as typed (or as stored, for the record page).
    var values: [String: String] = [:]
    /// Field name → what is wrong, in both languages.
    var errors: [String: Labels] = [:]
    /// Field names in page order, so the error summary lists them as they appear.
    var order: [String] = []

    func value(_ name: String) -> String { values[name] ?? "" }

    /// `<p class="summary">` when there are errors.
    var summary: HTML {
        guard !errors.isEmpty else { return .empty }
        let first = order.first { errors[$0] != nil } ?? ""
        return """
            <p class="summary" role="alert">\(WebText.errorPrefix.text(language))\
            <a href="#f-\(first)">\(WebText.problemCount(errors.count).text(language))</a></p>

            """
    }

    /// The error line of a field and the ids that describe it.
    private func annotations(_ name: String, hint: Labels?) -> (describedBy: String, hint: HTML, error: HTML) {
        var ids: [String] = []
        var hintHTML = HTML.empty
        var errorHTML = HTML.empty
        if let hint {
            ids.append("h-\(name)")
            hintHTML = "<span class=\"hint\" id=\"h-\(name)\">\(hint.text(language))</span>"
        }
        if let error = errors[name] {
            ids.append("e-\(name)")
            errorHTML =
                "<p class=\"error\" id=\"e-\(name)\">\(WebText.errorPrefix.text(language))\(error.text(language))</p>"
        }
        return (ids.joined(separator: " "), hintHTML, errorHTML)
    }

    private func invalidMarks(_ name: String, describedBy: String) -> HTML {
        var marks = HTML.empty
        if !describedBy.isEmpty { marks = marks + " aria-describedby=\"\(describedBy)\"" }
        if errors[name] != nil { marks = marks + " aria-invalid=\"true\"" }
        return marks
    }

    private func fieldClass(_ name: String) -> HTML {
        errors[name] == nil ? "field" : "field invalid"
    }

    /// A one-line input. `type` and `autocomplete` are our own constants.
    func input(
        _ name: String, label: Labels, type: StaticString = "text", autocomplete: StaticString,
        hint: Labels? = nil, inputMode: StaticString? = nil, required: Bool = true
    ) -> HTML {
        let notes = annotations(name, hint: hint)
        let mode: HTML = inputMode.map { "inputmode=\"\(HTML(trusted: $0))\" " } ?? .empty
        let requiredMark: HTML = required ? " required" : .empty
        return """
            <div class="\(fieldClass(name))">
            <label for="f-\(name)">\(label.text(language))</label>\(notes.hint)
            <input id="f-\(name)" name="\(name)" type="\(HTML(trusted: type))" \(mode)autocomplete="\(HTML(trusted: autocomplete))" \
            maxlength="\(WebPages.maxFieldLength)" value="\(value(name))"\(requiredMark)\(invalidMarks(name, describedBy: notes.describedBy))>
            \(notes.error)</div>

            """
    }

    /// A choice among an attribute's values, labelled in the page's language.
    func select(_ attribute: Attribute) -> HTML {
        let name = attribute.name
        let notes = annotations(name, hint: nil)
        let current = value(name)
        let options = attribute.values.map { option -> HTML in
            let selected: HTML = option.code == current ? " selected" : .empty
            return "<option value=\"\(option.code)\"\(selected)>\(option.labels.text(language))</option>\n"
        }
        return """
            <div class="\(fieldClass(name))">
            <label for="f-\(name)">\(attribute.labels.text(language))</label>
            <select id="f-\(name)" name="\(name)" required\(invalidMarks(name, describedBy: notes.describedBy))>
            <option value="">\(WebText.choose.text(language))</option>
            \(options)</select>
            \(notes.error)</div>

            """
    }

    /// A checkbox whose label follows it.
    func checkbox(_ name: String, label: Labels) -> HTML {
        let notes = annotations(name, hint: nil)
        let checked: HTML = value(name) == "yes" ? " checked" : .empty
        return """
            <div class="\(fieldClass(name))">
            <div class="check"><input id="f-\(name)" name="\(name)" type="checkbox" value="yes"\(checked) required\
            \(invalidMarks(name, describedBy: notes.describedBy))>
            <label for="f-\(name)">\(label.text(language))</label></div>
            \(notes.error)</div>

            """
    }

    /// The hidden anti-forgery token.
    static func guardField(_ token: String) -> HTML {
        "<input type=\"hidden\" name=\"\(FormGuard.fieldName)\" value=\"\(token)\">\n"
    }
}
