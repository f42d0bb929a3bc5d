import HTTPServer

/// One console page as sent: the citizen pages' style sheet plus the console's, a navigation bar
/// for the signed-in role, and the security headers of every page.
struct ConsolePage {
    var status: Int
    var language: WebLanguage
    var title: String
    var body: HTML
    /// The page the language switch leads to (our own path).
    var switchPath: String
    /// The signed-in role (nil on the sign-in page): decides the navigation links.
    var role: Role?
    var label: String?
    /// The one-time token of the sign-out form in the navigation bar.
    var logoutField: HTML
    /// A running draw refreshes its page (no scripts: the CSP forbids inline ones).
    var refreshSeconds: Int?

    var response: HTTPResponse {
        var response = HTTPResponse(status: status)
        response.headers.add("Content-Type", "text/html; charset=utf-8")
        for (name, value) in WebPage.securityHeaders { response.headers.add(name, value) }
        response.body = document.bytes
        return response
    }

    private var navigation: HTML {
        guard let role else { return .empty }
        let l = language
        var links: [HTML] = []
        if role.satisfies(.organizer) {
            links.append("<li><a href=\"/console/events\">\(ConsoleText.navEvents.text(l))</a></li>")
        }
        links.append("<li><a href=\"/console/reports\">\(ConsoleText.navReports.text(l))</a></li>")
        if role.satisfies(.organizer) {
            links.append("<li><a href=\"/console/audit\">\(ConsoleText.navAudit.text(l))</a></li>")
        }
        if role == .admin {
            links.append("<li><a href=\"/console/tokens\">\(ConsoleText.navTokens.text(l))</a></li>")
        }
        let who = ConsoleText.roleName(role).text(l) + (label.map { " · " + $0 } ?? "")
        return """
            <nav class="console" aria-label="\(ConsoleText.navLabel.text(l))">
            <ul>\(links)</ul>
            <form method="post" action="/console/logout" class="logout">
            \(logoutField)<span class="who">\(who)</span>
            <button type="submit" class="secondary">\(ConsoleText.logout.text(l))</button>
            </form>
            </nav>

            """
    }

    var document: HTML {
        let other = language.other
        let switchHref = switchPath + "?lang=" + other.rawValue
        let refresh: HTML = refreshSeconds.map { "<meta http-equiv=\"refresh\" content=\"\($0)\">\n" } ?? .empty
        return """
            <!DOCTYPE html>
            <html lang="\(language.htmlTag)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            \(refresh)<title>\(title) · \(ConsoleText.siteName.text(language))</title>
            <link rel="stylesheet" href="\(WebStyle.path)">
            <link rel="stylesheet" href="\(ConsoleStyle.path)">
            <link rel="icon" href="\(WebStyle.iconPath)" type="image/svg+xml">
            </head>
            <body class="console">
            <a class="skip" href="#main">\(WebText.skipToContent.text(language))</a>
            <header class="site">
            <a class="brand" href="/console">\(ConsoleText.siteName.text(language))</a>
            <a class="lang" href="\(switchHref)" lang="\(other.htmlTag)" hreflang="\(other.htmlTag)">\(WebText.switchLanguage.text(language))</a>
            </header>
            \(navigation)<main id="main">
            <h1>\(title)</h1>
            \(body)
            </main>
            </body>
            </html>

            """
    }
}

/// The console's additions to the citizen style sheet: navigation, tables that scroll inside their
/// box (no page wider than a 360 px phone), the draw's progress bar and the big check-in targets.
/// Colours are those of `WebStyle` (WCAG AA); the amber answer is #6b4e00 on #fff4d6 (7.0:1).
enum ConsoleStyle {
    static let path = "/static/console.css"

    static let css = """
        body.console main{max-width:72rem}
        nav.console{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:.5rem;\
        padding:.4rem 1rem;background:#f3f6f9;border-bottom:1px solid #ccc}
        nav.console ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;padding:0}
        nav.console a{display:inline-block;padding:.5rem 0;font-weight:600}
        nav.console .logout{display:flex;align-items:center;gap:.5rem;margin:0}
        nav.console .who{color:#4a4a4a;font-size:.9rem}
        button.secondary{background:#fff;color:#0b4f8a;padding:.4rem .8rem;min-height:2.5rem}
        button.secondary:hover{background:#e8eef5;color:#062f54}
        .tabs{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;padding:0;margin:0 0 1rem;\
        border-bottom:2px solid #ccc}
        .tabs a{display:inline-block;padding:.5rem 0}
        .tabs a[aria-current]{font-weight:700;text-decoration:none;border-bottom:4px solid #0b4f8a}
        .table-wrap{overflow-x:auto;margin:.5rem 0 1rem;border:1px solid #ccc;border-radius:6px}
        table{border-collapse:collapse;width:100%;font-size:.95rem}
        th,td{text-align:left;padding:.45rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}
        th{background:#f3f6f9;white-space:nowrap}
        td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
        td input[type=number]{width:5rem;min-height:2.5rem;font:inherit;padding:.3rem;border:2px solid #767676;border-radius:4px}
        td form{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center;margin:0}
        td select{width:auto;min-height:2.5rem}
        td button{padding:.35rem .8rem;min-height:2.5rem}
        .mono{font-family:ui-monospace,monospace;word-break:break-all}
        textarea{width:100%;font:inherit;padding:.6rem;border:2px solid #767676;border-radius:4px;min-height:6rem}
        input[type=datetime-local],input[type=password]{width:100%;font:inherit;padding:.6rem;border:2px solid #767676;\
        border-radius:4px;min-height:2.75rem}
        .invalid input[type=datetime-local],.invalid input[type=password]{border-color:#a4001d;border-width:3px}
        body.console form .field{max-width:40rem}
        .checks{display:flex;flex-wrap:wrap;gap:.3rem 1.2rem}
        ul.checks{list-style:none;padding:0;margin:.5rem 0}
        table.board td{white-space:nowrap}
        td.mono{word-break:normal;white-space:nowrap}
        .checks span,.checks li{display:flex;gap:.4rem;align-items:center}
        .checks label{font-weight:400;margin:0}
        .checks input{width:1.2rem;height:1.2rem}
        .problem{border:3px solid #a4001d;border-radius:6px;padding:.6rem 1rem;margin:1rem 0}
        .problem h2{margin-top:0;color:#a4001d}
        progress{width:100%;height:1.5rem}
        dl.facts{display:grid;grid-template-columns:1fr;gap:.1rem .75rem}
        dl.facts dt{font-weight:700;margin-top:.4rem}
        dl.facts dd{margin:0;word-break:break-word}
        .answer{border-radius:8px;padding:1rem;margin:1rem 0;font-size:1.25rem;font-weight:700}
        .answer .big{display:block;font-size:1.75rem}
        .answer.ok{background:#e6f4ea;border:4px solid #1d6b32;color:#144d24}
        .answer.again{background:#fff4d6;border:4px solid #6b4e00;color:#6b4e00}
        .answer.no{background:#fde8eb;border:4px solid #a4001d;color:#a4001d}
        form.checkin input{font-size:1.6rem;min-height:3.5rem;text-align:center;letter-spacing:.1em}
        form.checkin button{width:100%;font-size:1.4rem;min-height:3.5rem;margin-top:.75rem}
        .pager{display:flex;gap:1rem;margin:1rem 0}
        .report .meta{color:#4a4a4a}
        .report .note{background:#fff6d5;border-left:4px solid #6b4e00;padding:.4rem .8rem;margin:.75rem 0}
        .report table{display:block;overflow-x:auto;font-size:.9rem;margin:.4rem 0 1rem}
        .report th,.report td{border:1px solid #ccc;text-align:right;white-space:nowrap}
        .report th:first-child,.report td:first-child{text-align:left;white-space:normal;min-width:7em}
        .report figure{margin:.6rem 0 1rem} .report figcaption{font-weight:700;margin-bottom:.25rem}
        .report svg{max-width:100%;height:auto;display:block}
        .report .label,.report .legend{font-size:11px} .report .value{font-size:9px;fill:#333}
        .report .muted{fill:#767676} .report .tick{font-size:10px} .report .axis{stroke:#666}
        .report .funnel-value{font-size:12px;font-weight:700;fill:#1a1a1a}
        .report dl.figures{display:grid;grid-template-columns:minmax(0,1fr);gap:.1rem .9rem;margin:.4rem 0}
        .report dl.figures dt{color:#4a4a4a} .report dl.figures dd{margin:0 0 .3rem;font-weight:700;overflow-wrap:anywhere}
        form.range{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end}
        form.range .field{margin:0} form.range .error{flex-basis:100%}
        input[type=date]{font:inherit;padding:.5rem;border:2px solid #767676;border-radius:4px;min-height:2.75rem}
        .invalid input[type=date]{border-color:#a4001d;border-width:3px}
        @media (min-width:40em){
        nav.console,body.console header.site{padding-left:2rem;padding-right:2rem}
        dl.facts{grid-template-columns:minmax(0,1fr) minmax(0,3fr)}
        dl.facts dt{margin-top:0}
        .report dl.figures{grid-template-columns:minmax(0,max-content) minmax(0,1fr)}
        .report dl.figures dd{margin:0}
        }
        """

    static let bytes = Array(css.utf8)
}
