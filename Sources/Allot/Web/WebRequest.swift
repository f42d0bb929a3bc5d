import HTTPServer

/// What a page handler knows about its request: the language, and the cookies the reply must set
/// (the language when chosen by `?lang=`, the form-guard cookie when the browser has none yet).
struct WebRequest {
    let request: HTTPRequest
    let language: WebLanguage
    private(set) var cookies: [String] = []
    /// The browser's form-guard cookie (new ones are added to `cookies`); nil on pages without forms.
    let session: String?

    init(_ request: HTTPRequest, formGuard: FormGuard?) {
        self.request = request
        let (language, fromQuery) = WebLanguage.of(request)
        self.language = language
        if fromQuery { cookies.append(language.cookie) }
        if let formGuard {
            let session = formGuard.session(for: request)
            if session.isNew { cookies.append(FormGuard.cookie(session.value)) }
            self.session = session.value
        } else {
            session = nil
        }
    }

    /// A page in the shared layout.
    func page(
        status: Int = 200, title: Labels, body: HTML, path: String, headers: [(String, String)] = []
    ) -> HTTPResponse {
        WebPage(
            status: status, language: language, title: title.text(language), body: body, switchPath: path,
            cookies: cookies, headers: headers
        ).response
    }

    /// A short page: a title, one paragraph and a link onwards.
    func message(
        status: Int, title: Labels, text: Labels, link: (path: String, label: Labels),
        headers: [(String, String)] = []
    ) -> HTTPResponse {
        let body: HTML = """
            <p>\(text.text(language))</p>
            <p><a href="\(link.path)">\(link.label.text(language))</a></p>

            """
        return page(status: status, title: title, body: body, path: link.path, headers: headers)
    }

    /// The friendly 404 page (unknown or withdrawn personal link).
    func notFound() -> HTTPResponse {
        message(status: 404, title: WebText.notFoundTitle, text: WebText.notFoundText, link: ("/", WebText.backHome))
    }

    /// `path` as a full address to copy, from the `Host` the browser used (and `X-Forwarded-Proto`
    /// behind a TLS proxy); just the path when the host looks wrong. Shown only to the requester.
    func absolute(_ path: String) -> String {
        guard let host = request.headers["Host"], !host.isEmpty, host.utf8.count <= 255,
            host.utf8.allSatisfy({ byte in
                (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
                    || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":")
                    || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
            })
        else { return path }
        let scheme = request.headers["X-Forwarded-Proto"] == "https" ? "https" : "http"
        return scheme + "://" + host + path
    }
}
