import Foundation
import HTTPServer

/// `/console/tokens` (admins): staff tokens — create (shown once), list, revoke (ending the sessions
/// signed in with it).
extension Console {
    func tokenPage(_ context: ConsoleRequest) throws -> HTTPResponse {
        try tokenList(context, created: nil, form: FormView(language: context.language), status: 200)
    }

    func tokenList(_ c: ConsoleRequest, created: String?, form: FormView, status: Int) throws -> HTTPResponse {
        let l = c.language
        let rows = try tokens.list().map { token -> HTML in
            let own: HTML = token.id == c.session?.tokenID ? " (\(c.say("当前", "yours")))" : .empty
            return """
                <tr><td class="num">\(Int(token.id))</td><td>\(c.text(ConsoleText.roleName(Role(rawValue: token.role) ?? .evaluator)))</td>\
                <td>\(token.label ?? "")\(own)</td><td>\(token.createdAt)</td>\
                <td><form method="post" action="/console/tokens/revoke">\(c.guardField)\
                <input type="hidden" name="id" value="\(Int(token.id))">\
                <button type="submit" class="danger">\(c.say("吊销", "Revoke"))</button></form></td></tr>

                """
        }
        let shown: HTML =
            created.map {
                """
                <div class="notice" role="status"><p>\(c.say("新令牌只显示这一次，请现在交给使用人：", "The new token is shown this once: hand it over now:"))</p>
                <p class="secret" id="new-token">\($0)</p></div>

                """
            } ?? .empty
        let roles = [Role.organizer, .evaluator, .admin].map { role -> HTML in
            let selected: HTML = form.value("role") == role.rawValue ? " selected" : .empty
            return "<option value=\"\(role.rawValue)\"\(selected)>\(c.text(ConsoleText.roleName(role)))</option>"
        }
        let roleError: HTML =
            form.errors["role"].map { "<p class=\"error\">\(WebText.errorPrefix.text(l))\($0.text(l))</p>" } ?? .empty
        let body: HTML = """
            \(shown)<div class="table-wrap"><table>
            <thead><tr><th class="num">#</th><th>\(c.say("角色", "Role"))</th><th>\(c.say("备注", "Label"))</th>\
            <th>\(c.say("创建时间", "Created"))</th><th></th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            <h2>\(c.say("新建令牌", "New token"))</h2>
            \(form.summary)<form method="post" action="/console/tokens" novalidate>
            \(c.guardField)<div class="field\(form.errors["role"] == nil ? HTML.empty : " invalid")">
            <label for="f-role">\(c.say("角色", "Role"))</label>
            <select id="f-role" name="role">\(roles)</select>\(roleError)</div>
            \(form.input("label", label: ConsoleText.t("备注（谁用，选填）", "Label (who uses it, optional)"), autocomplete: "off", required: false))\
            <p class="actions"><button type="submit">\(c.say("创建", "Create"))</button></p>
            </form>

            """
        return c.page(status: status, title: c.say("工作人员令牌", "Staff tokens"), body: body, path: "/console/tokens")
    }

    func createToken(_ context: ConsoleRequest, _ posted: FormData) throws -> HTTPResponse {
        var form = FormView(language: context.language)
        form.order = ["role", "label"]
        form.values["role"] = posted["role"] ?? ""
        form.values["label"] = (posted["label"] ?? "").trimmingCharacters(in: .whitespaces)
        let role = Role(rawValue: form.value("role")).flatMap { $0 == .citizen ? nil : $0 }
        if role == nil { form.errors["role"] = ConsoleText.chooseRole }
        if form.value("label").count > WebPages.maxFieldLength { form.errors["label"] = WebText.tooLong(WebPages.maxFieldLength) }
        guard form.errors.isEmpty, let role else { return try tokenList(context, created: nil, form: form, status: 422) }
        let label = form.value("label")
        let token = try tokens.create(role: role, label: label.isEmpty ? nil : label, actor: principal(context).actor)
        return try tokenList(context, created: token, form: FormView(language: context.language), status: 201)
    }

    func revokeToken(_ context: ConsoleRequest, _ posted: FormData) throws -> HTTPResponse {
        guard let id = posted["id"].flatMap({ Int64($0) }), try tokens.revoke(id: id, actor: principal(context).actor)
        else {
            return context.message(status: 404, title: ConsoleText.notDoneTitle, text: ConsoleText.noSuchToken)
        }
        sessions.end(tokenID: id)
        return context.redirect(id == context.session?.tokenID ? "/console/login" : "/console/tokens")
    }
}
