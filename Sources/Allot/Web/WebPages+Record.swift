import Foundation
import HTTPServer

/// `/me/{token}`: a citizen's own record, its update form, and withdrawal with a confirm step.
extension WebPages {
    func record(_ request: HTTPRequest) throws -> HTTPResponse {
        let context = WebRequest(request, formGuard: formGuard)
        guard let citizen = try citizen(request) else { return context.notFound() }
        let person = try registry.show(pid: citizen.pid, includeContact: true)
        return recordPage(context, token: citizen.token, person: person, form: storedValues(person, context))
    }

    /// The update form filled with what is stored.
    func storedValues(_ person: PersonRecord, _ context: WebRequest) -> FormView {
        var form = FormView(language: context.language)
        form.values = person.attributes
        form.values["name"] = person.contact?.name ?? ""
        form.values["phone"] = person.contact?.phone ?? ""
        form.values["email"] = person.contact?.email ?? ""
        form.values["birth_year"] = String(person.birthYear)
        return form
    }

    func recordPage(
        _ context: WebRequest, token: String, person: PersonRecord, form: FormView, notice: Labels? = nil,
        status: Int = 200
    ) -> HTTPResponse {
        let l = context.language
        var form = form
        form.order = Self.contactFields + ["birth_year"] + registry.schema.attributes.map(\.name)
        let path = "/me/" + token
        let noticeHTML: HTML = notice.map { "<p class=\"notice\" role=\"status\">\($0.text(l))</p>\n" } ?? .empty
        let body: HTML = """
            \(noticeHTML)\(form.summary)<dl class="record">
            <dt>\(WebText.yourNumber.text(l))</dt><dd>\(person.pid)</dd>
            <dt>\(WebText.status.text(l))</dt><dd>\(WebText.statusActive.text(l))</dd>
            <dt>\(WebText.enrolledAt.text(l))</dt><dd>\(String(person.enrolledAt.prefix(10)))</dd>
            \(recordRows(person, l))</dl>
            <h2>\(WebText.updateTitle.text(l))</h2>
            <form method="post" action="\(path)" novalidate>
            \(FormView.guardField(formGuard.token(session: context.session ?? "")))<fieldset>
            <legend>\(WebText.contactLegend.text(l))</legend>
            \(contactInputs(form))</fieldset>
            <fieldset>
            <legend>\(WebText.aboutLegend.text(l))</legend>
            \(aboutInputs(form))</fieldset>
            <p class="actions"><button type="submit">\(WebText.saveButton.text(l))</button></p>
            </form>
            <h2>\(WebText.withdrawTitle.text(l))</h2>
            <p>\(WebText.withdrawIntro.text(l))</p>
            <p><a href="\(path)/withdraw">\(WebText.withdrawLink.text(l))</a></p>

            """
        return context.page(status: status, title: WebText.meTitle, body: body, path: path)
    }

    /// The stored contact data, birth year, age band and attributes as label/value rows.
    func recordRows(_ person: PersonRecord, _ l: WebLanguage) -> HTML {
        var rows: [HTML] = []
        func row(_ label: String, _ value: String) {
            rows.append("<dt>\(label)</dt><dd>\(value)</dd>\n")
        }
        if let contact = person.contact {
            row(WebText.name.text(l), contact.name)
            row(WebText.phone.text(l), contact.phone)
            if let email = contact.email { row(WebText.emailShown.text(l), email) }
        }
        row(WebText.birthYear.text(l), String(person.birthYear))
        if let band = person.ageBand { row(WebText.ageBand.text(l), band) }
        for attribute in registry.schema.attributes {
            let code = person.attributes[attribute.name] ?? ""
            let label = attribute.values.first { $0.code == code }?.labels.text(l) ?? code
            row(attribute.labels.text(l), label)
        }
        return HTML(joining: rows)
    }

    func update(_ request: HTTPRequest) throws -> HTTPResponse {
        let context = WebRequest(request, formGuard: formGuard)
        let posted: FormData
        switch admitPost(context, limiter: recordLimiter, retryPath: request.path) {
        case .failure(let refusal): return refusal.response
        case .success(let form): posted = form
        }
        guard let citizen = try citizen(request) else { return context.notFound() }
        let person = try registry.show(pid: citizen.pid, includeContact: true)
        let stored = storedValues(person, context)
        var form = FormView(language: context.language)
        let names = Self.contactFields + ["birth_year"] + registry.schema.attributes.map(\.name)
        for name in names { form.values[name] = posted[name] ?? "" }
        checkLengths(&form, names: names)

        // Only what differs from the stored record is sent, so the audit log names real changes.
        var changes = PersonUpdate()
        let validator = registry.validator(at: registry.clock())
        var problems: [RegistryError] = []
        if form.value("name") != stored.value("name") {
            changes.name = form.value("name")
            _ = validator.checkName(form.value("name"), into: &problems)
        }
        if PhoneNumber.normalize(form.value("phone")) != person.contact?.phone {
            changes.phone = form.value("phone")
            _ = validator.checkPhone(form.value("phone"), into: &problems)
        }
        let email = form.value("email").trimmingCharacters(in: .whitespaces)
        if email != stored.value("email") {
            changes.email = email
            _ = validator.checkEmail(email, into: &problems)
        }
        if let year = Self.birthYear(form.value("birth_year")) {
            if year != person.birthYear {
                changes.birthYear = year
                validator.checkBirthYear(year, into: &problems)
            }
        } else if form.errors["birth_year"] == nil {
            form.errors["birth_year"] = WebText.birthYearInvalid
        }
        var attributes: [String: String] = [:]
        for attribute in registry.schema.attributes where form.value(attribute.name) != stored.value(attribute.name) {
            attributes[attribute.name] = form.value(attribute.name)
        }
        if !attributes.isEmpty {
            changes.attributes = attributes
            _ = validator.checkAttributes(attributes, into: &problems)
        }
        for problem in problems { note(problem, in: &form) }
        guard form.errors.isEmpty else {
            return recordPage(context, token: citizen.token, person: person, form: form, status: 422)
        }
        guard changes != PersonUpdate() else {
            return recordPage(
                context, token: citizen.token, person: person, form: stored, notice: WebText.nothingChanged)
        }
        do {
            let updated = try registry.update(pid: citizen.pid, changes: changes, actor: citizen.principal.actor)
            return recordPage(
                context, token: citizen.token, person: updated, form: storedValues(updated, context),
                notice: WebText.saved)
        } catch let error as RegistryError {
            if case .alreadyWithdrawn = error { return context.notFound() }
            if case .notFound = error { return context.notFound() }
            note(error, in: &form)
            return recordPage(
                context, token: citizen.token, person: person, form: form,
                status: error == .duplicatePhone ? 409 : 422)
        }
    }

    func confirmWithdrawal(_ request: HTTPRequest) throws -> HTTPResponse {
        let context = WebRequest(request, formGuard: formGuard)
        guard let citizen = try citizen(request) else { return context.notFound() }
        let l = context.language
        let path = "/me/" + citizen.token
        let body: HTML = """
            <p>\(WebText.confirmText.text(l))</p>
            <form method="post" action="\(path)/withdraw">
            \(FormView.guardField(formGuard.token(session: context.session ?? "")))\
            <p class="actions"><button type="submit" class="danger">\(WebText.confirmButton.text(l))</button>
            <a href="\(path)">\(WebText.cancelLink.text(l))</a></p>
            </form>

            """
        return context.page(title: WebText.confirmTitle, body: body, path: path + "/withdraw")
    }

    func withdraw(_ request: HTTPRequest) throws -> HTTPResponse {
        let context = WebRequest(request, formGuard: formGuard)
        switch admitPost(context, limiter: recordLimiter, retryPath: request.path) {
        case .failure(let refusal): return refusal.response
        case .success: break
        }
        guard let citizen = try citizen(request) else { return context.notFound() }
        do {
            try registry.withdraw(pid: citizen.pid, actor: citizen.principal.actor)
        } catch RegistryError.alreadyWithdrawn, RegistryError.notFound {
            return context.notFound()
        }
        return context.message(
            status: 200, title: WebText.withdrawnTitle, text: WebText.withdrawnText, link: ("/", WebText.backHome))
    }
}
