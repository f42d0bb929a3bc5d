import Foundation
import HTTPServer

/// `/enroll`: the enrollment form and its post.
extension WebPages {
    /// Contact fields of both forms, in page order.
    static let contactFields = ["name", "phone", "email"]

    func enrollForm(_ request: HTTPRequest) -> HTTPResponse {
        let context = WebRequest(request, formGuard: formGuard)
        return enrollPage(context, form: FormView(language: context.language), status: 200)
    }

    func enrollPage(_ context: WebRequest, form: FormView, status: Int) -> HTTPResponse {
        let l = context.language
        var form = form
        form.order = Self.contactFields + ["birth_year"] + registry.schema.attributes.map(\.name) + ["consent"]
        let token = formGuard.token(session: context.session ?? "")
        let body: HTML = """
            <p>\(WebText.enrollIntro.text(l))</p>
            \(form.summary)<form method="post" action="/enroll" novalidate>
            \(FormView.guardField(token))<fieldset>
            <legend>\(WebText.contactLegend.text(l))</legend>
            \(contactInputs(form))</fieldset>
            <fieldset>
            <legend>\(WebText.aboutLegend.text(l))</legend>
            \(aboutInputs(form))</fieldset>
            <fieldset>
            <legend>\(WebText.consentLegend.text(l))</legend>
            <div class="consent">
            <p>\(WebText.consentStored.text(l))</p>
            <p>\(WebText.consentWho.text(l))</p>
            <p>\(WebText.consentWithdraw.text(l))</p>
            </div>
            \(form.checkbox("consent", label: WebText.consentBox))</fieldset>
            <p class="actions"><button type="submit">\(WebText.enrollButton.text(l))</button></p>
            </form>

            """
        return context.page(status: status, title: WebText.enrollTitle, body: body, path: "/enroll")
    }

    func contactInputs(_ form: FormView) -> HTML {
        form.input("name", label: WebText.name, autocomplete: "name")
            + form.input(
                "phone", label: WebText.phone, type: "tel", autocomplete: "tel", hint: WebText.phoneHint,
                inputMode: "tel")
            + form.input("email", label: WebText.email, type: "email", autocomplete: "email", required: false)
    }

    func aboutInputs(_ form: FormView) -> HTML {
        form.input(
            "birth_year", label: WebText.birthYear, autocomplete: "bday-year", hint: WebText.birthYearHint,
            inputMode: "numeric")
            + HTML(joining: registry.schema.attributes.map(form.select))
    }

    func enroll(_ request: HTTPRequest) throws -> HTTPResponse {
        let context = WebRequest(request, formGuard: formGuard)
        let posted: FormData
        switch admitPost(context, limiter: enrollLimiter, retryPath: "/enroll") {
        case .failure(let refusal): return refusal.response
        case .success(let form): posted = form
        }
        var form = FormView(language: context.language)
        let names = Self.contactFields + ["birth_year"] + registry.schema.attributes.map(\.name)
        for name in names { form.values[name] = posted[name] ?? "" }
        form.values["consent"] = posted["consent"] == "yes" ? "yes" : ""
        checkLengths(&form, names: names)

        let birthYear = Self.birthYear(form.value("birth_year"))
        if birthYear == nil, form.errors["birth_year"] == nil { form.errors["birth_year"] = WebText.birthYearInvalid }
        var attributes: [String: String] = [:]
        for attribute in registry.schema.attributes where !form.value(attribute.name).isEmpty {
            attributes[attribute.name] = form.value(attribute.name)
        }
        let email = form.value("email")
        let enrollment = Enrollment(
            name: form.value("name"), phone: form.value("phone"), email: email.isEmpty ? nil : email,
            birthYear: birthYear ?? 0, attributes: attributes, consent: form.value("consent") == "yes")
        // Every problem at once, next to its field: the registry's own rules, run before the use case.
        if case .invalid(let problems) = registry.validator(at: registry.clock()).validate(enrollment) {
            for problem in problems { note(problem, in: &form) }
        }
        guard form.errors.isEmpty else { return enrollPage(context, form: form, status: 422) }
        do {
            let receipt = try registry.enroll(enrollment, actor: .anonymous)
            return enrolledPage(context, receipt: receipt)
        } catch let error as RegistryError {
            note(error, in: &form)
            return enrollPage(context, form: form, status: error == .duplicatePhone ? 409 : 422)
        }
    }

    /// Marks fields longer than `maxFieldLength` (checked before anything else reads them).
    func checkLengths(_ form: inout FormView, names: [String]) {
        for name in names where form.value(name).count > Self.maxFieldLength {
            form.errors[name] = WebText.tooLong(Self.maxFieldLength)
        }
    }

    /// A four-digit year, or nil.
    static func birthYear(_ text: String) -> Int? {
        let digits = text.trimmingCharacters(in: .whitespaces)
        guard digits.utf8.count == 4, digits.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
        return Int(digits)
    }

    /// Puts a registry problem next to its field, in the page's language; a field keeps its first problem.
    func note(_ problem: RegistryError, in form: inout FormView) {
        let field: String
        let message: Labels
        switch problem {
        case .invalidField(let name, _):
            // The registry names fields as the API spells them; the form's input is `birth_year`.
            field = name == "birthYear" ? "birth_year" : name
            switch field {
            case "name":
                message =
                    form.value("name").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                    ? WebText.nameRequired : WebText.nameInvalid
            case "phone": message = WebText.phoneInvalid
            case "email": message = WebText.emailInvalid
            case "birth_year": message = WebText.birthYearInvalid
            default: message = WebText.chooseOne
            }
        case .duplicatePhone:
            field = "phone"
            message = WebText.phoneTaken
        case .consentRequired:
            field = "consent"
            message = WebText.consentRequired
        case .tooYoung(let minimum):
            field = "birth_year"
            message = WebText.tooYoung(minimum)
        case .notFound, .alreadyWithdrawn:
            return
        }
        if form.errors[field] == nil { form.errors[field] = message }
    }

    func enrolledPage(_ context: WebRequest, receipt: EnrollmentReceipt) -> HTTPResponse {
        let l = context.language
        let link = "/me/" + receipt.token
        let body: HTML = """
            <p class="notice" role="status">\(WebText.keepLink.text(l))</p>
            <p>\(WebText.enrolledLinkIntro.text(l))</p>
            <p><a class="secret" id="personal-link" href="\(link)">\(context.absolute(link))</a></p>
            <p>\(WebText.enrolledLinkUse.text(l))</p>
            <p>\(WebText.yourNumber.text(l)): <strong>\(receipt.pid)</strong></p>
            <p><a href="/">\(WebText.backHome.text(l))</a></p>

            """
        return context.page(title: WebText.enrolledTitle, body: body, path: "/enroll")
    }
}
