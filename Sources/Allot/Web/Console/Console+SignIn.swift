import Foundation
import HTTPServer

/// `/console`, `/console/login`, `/console/logout`: sessions begin and end here.
extension Console {
    func home(_ context: ConsoleRequest) -> HTTPResponse {
        context.redirect(context.role?.satisfies(.organizer) == true ? "/console/events" : "/console/reports")
    }

    func loginForm(_ context: ConsoleRequest, error: Labels? = nil, status: Int = 200) -> HTTPResponse {
        let c = context
        let problem: HTML =
            error.map {
                "<p class=\"summary\" role=\"alert\" id=\"e-token\">\(WebText.errorPrefix.text(c.language))\($0.text(c.language))</p>\n"
            } ?? .empty
        let described: HTML = error == nil ? " aria-describedby=\"h-token\"" : " aria-describedby=\"h-token e-token\" aria-invalid=\"true\""
        let body: HTML = """
            <p>\(c.say("请粘贴管理员发给您的工作人员令牌。登录后，本浏览器在 \(settings.sessionMinutes / 60) 小时内保持登录；在公用电脑上用完请退出。", "Paste the staff token your administrator gave you. This browser then stays signed in for \(settings.sessionMinutes / 60) hours; sign out when you are done on a shared computer."))</p>
            \(problem)<form method="post" action="/console/login">
            \(c.guardField)<div class="field\(error == nil ? HTML.empty : " invalid")">
            <label for="f-token">\(c.say("工作人员令牌", "Staff token"))</label>
            <span class="hint" id="h-token">\(c.say("64 位十六进制字符", "64 hexadecimal characters"))</span>
            <input id="f-token" name="token" type="password" autocomplete="off" maxlength="200" required\(described)>
            </div>
            <p class="actions"><button type="submit">\(c.say("登录", "Sign in"))</button></p>
            </form>

            """
        return c.page(status: status, title: c.say("工作人员登录", "Staff sign-in"), body: body, path: "/console/login")
    }

    func login(_ context: ConsoleRequest) throws -> HTTPResponse {
        var context = context
        let form: FormData
        switch admit(context) {
        case .failure(let refusal): return refusal.response
        case .success(let posted): form = posted
        }
        let token = (form["token"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { return loginForm(context, error: ConsoleText.tokenMissing, status: 422) }
        guard token.utf8.count <= 200, let principal = try tokens.authenticate(token),
            principal.role != .citizen
        else { return loginForm(context, error: ConsoleText.tokenUnknown, status: 401) }
        // A new id on every sign-in: a session id planted before sign-in is never promoted.
        if let old = WebCookies(context.request).value(ConsoleSessions.cookieName) { sessions.end(old) }
        let id = sessions.start(principal)
        context.extraCookies.append(sessions.cookie(id, secure: isSecure(context.request)))
        return context.redirect(principal.role.satisfies(.organizer) ? "/console/events" : "/console/reports")
    }

    func logoutForm(_ context: ConsoleRequest) -> HTTPResponse {
        let c = context
        guard c.session != nil else {
            return c.message(status: 200, title: ConsoleText.signedOutTitle, text: ConsoleText.signedOutText)
        }
        let body: HTML = """
            <form method="post" action="/console/logout">
            \(c.guardField)<p class="actions"><button type="submit">\(c.say("退出登录", "Sign out"))</button></p>
            </form>

            """
        return c.page(title: c.say("退出登录", "Sign out"), body: body, path: "/console/logout")
    }

    /// Ends the session (when the post is genuine) and clears the cookie.
    func logout(_ context: ConsoleRequest) -> HTTPResponse {
        var context = context
        if case .failure(let refusal) = admit(context) { return refusal.response }
        if let id = WebCookies(context.request).value(ConsoleSessions.cookieName) { sessions.end(id) }
        context.extraCookies.append(ConsoleSessions.clearingCookie(secure: isSecure(context.request)))
        let signedOut = ConsoleRequest(context.request, console: self, session: nil)
        var response = signedOut.message(status: 200, title: ConsoleText.signedOutTitle, text: ConsoleText.signedOutText)
        for cookie in context.extraCookies { response.headers.add("Set-Cookie", cookie) }
        return response
    }
}

extension ConsoleRequest {
    /// A one-off sentence in the page's language.
    func say(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
}
