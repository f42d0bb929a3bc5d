import Foundation
import HTTPServer

/// What a console handler knows about its request: the language, the form-guard cookie, the
/// signed-in staff member (if any), and how to answer in the console's layout.
struct ConsoleRequest {
    let web: WebRequest
    let console: Console
    let session: ConsoleSessions.Session?
    /// Cookies the reply must set beyond the language and form-guard ones (sign-in, sign-out).
    var extraCookies: [String] = []

    init(_ request: HTTPRequest, console: Console, session: ConsoleSessions.Session?) {
        self.web = WebRequest(request, formGuard: console.formGuard)
        self.console = console
        self.session = session
    }

    var request: HTTPRequest { web.request }
    var language: WebLanguage { web.language }
    var role: Role? { session?.role }

    /// Text in the page's language.
    func text(_ labels: Labels) -> String { labels.text(language) }

    /// The hidden one-time token for a form on this page.
    var guardField: HTML { FormView.guardField(console.formGuard.token(session: web.session ?? "")) }

    /// A page in the console layout.
    func page(
        status: Int = 200, title: String, body: HTML, path: String, refreshSeconds: Int? = nil,
        headers: [(String, String)] = []
    ) -> HTTPResponse {
        let page = ConsolePage(
            status: status, language: language, title: title, body: body, switchPath: path, role: role,
            label: session?.label, logoutField: session == nil ? .empty : guardField, refreshSeconds: refreshSeconds)
        var response = page.response
        for (name, value) in headers { response.headers.add(name, value) }
        for cookie in web.cookies + extraCookies { response.headers.add("Set-Cookie", cookie) }
        return response
    }

    /// A short page: a title, one paragraph, and a link back to the console.
    func message(status: Int, title: Labels, text: Labels, link: (String, Labels)? = nil) -> HTTPResponse {
        let (path, label) = link ?? (session == nil ? "/console/login" : "/console", ConsoleText.backToConsole)
        let role: HTML = status >= 400 ? " role=\"alert\"" : .empty
        let body: HTML = """
            <p\(role)>\(text.text(language))</p>
            <p><a href="\(path)">\(label.text(language))</a></p>

            """
        return page(status: status, title: title.text(language), body: body, path: request.path)
    }

    /// 303 to another console page (after a post: reloading does not post again).
    func redirect(_ path: String) -> HTTPResponse {
        var response = HTTPResponse(status: 303)
        response.headers.add("Location", path)
        for (name, value) in WebPage.securityHeaders { response.headers.add(name, value) }
        for cookie in web.cookies + extraCookies { response.headers.add("Set-Cookie", cookie) }
        return response
    }

    /// Not signed in (or the session ended): to the sign-in page.
    func signInFirst() -> HTTPResponse {
        if request.method == "GET" { return redirect("/console/login") }
        return message(status: 401, title: ConsoleText.signInTitle, text: ConsoleText.signInFirst)
    }

    /// The 403 page: signed in, but this role may not open this page.
    func forbidden() -> HTTPResponse {
        message(status: 403, title: ConsoleText.forbiddenTitle, text: ConsoleText.forbiddenText)
    }

    /// A use case refused or something failed: the refusal in words (Allot's own errors), or a generic 500.
    func failure(_ error: any Error) -> HTTPResponse {
        if let error = error as? any AllotError {
            let status =
                switch error.category {
                case .notFound: 404
                case .conflict: 409
                default: 422
                }
            let text = Labels(zh: ConsoleText.refusedPrefix.zh + error.message, en: error.message)
            return message(status: status, title: ConsoleText.notDoneTitle, text: text)
        }
        let id = APIContext.newRequestID()
        console.log("error request_id=\(id) \(request.method) \(request.target.rawPath): \(String(reflecting: error))\n")
        var response = message(status: 500, title: WebText.failedTitle, text: ConsoleText.failedText)
        response.headers.add("X-Request-Id", id)
        return response
    }
}
