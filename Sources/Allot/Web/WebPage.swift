import HTTPServer

/// One citizen page as sent: the shared layout around a body, with the security headers every
/// page carries.
struct WebPage {
    var status = 200
    var language: WebLanguage
    /// The `<title>` and `<h1>`.
    var title: String
    var body: HTML
    /// The page the language switch leads to (the current page for GETs; our own path, never input).
    var switchPath: String
    /// `Set-Cookie` values.
    var cookies: [String] = []
    /// Extra headers (`Retry-After`).
    var headers: [(String, String)] = []

    /// The security headers of every page. Scripts and styles only from this origin (there are no
    /// inline ones), forms post only here, no framing, no referrer (links carry personal tokens).
    static let securityHeaders: [(String, String)] = [
        (
            "Content-Security-Policy",
            "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; connect-src 'self'; "
                + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        ),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Frame-Options", "DENY"),
        // Pages show personal data and one-time links: never kept in a cache or the back-forward store.
        ("Cache-Control", "no-store"),
    ]

    var response: HTTPResponse {
        var response = HTTPResponse(status: status)
        response.headers.add("Content-Type", "text/html; charset=utf-8")
        for (name, value) in Self.securityHeaders + headers { response.headers.add(name, value) }
        for cookie in cookies { response.headers.add("Set-Cookie", cookie) }
        response.body = document.bytes
        return response
    }

    /// The whole document.
    var document: HTML {
        let other = language.other
        let switchHref = switchPath + "?lang=" + other.rawValue
        return """
            <!DOCTYPE html>
            <html lang="\(language.htmlTag)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            <title>\(title) · \(WebText.siteName.text(language))</title>
            <link rel="stylesheet" href="\(WebStyle.path)">
            <link rel="icon" href="\(WebStyle.iconPath)" type="image/svg+xml">
            </head>
            <body>
            <a class="skip" href="#main">\(WebText.skipToContent.text(language))</a>
            <header class="site">
            <a class="brand" href="/">\(WebText.siteName.text(language))</a>
            <a class="lang" href="\(switchHref)" lang="\(other.htmlTag)" hreflang="\(other.htmlTag)">\(WebText.switchLanguage.text(language))</a>
            </header>
            <main id="main">
            <h1>\(title)</h1>
            \(body)
            </main>
            <footer><p>\(WebText.footer.text(language))</p></footer>
            </body>
            </html>

            """
    }
}
