import Foundation
import Glibc
import HTTPServer
import Testing

@testable import Allot

/// The citizen pages over real sockets with a real SQLite file: escaping, languages, security
/// headers, the enroll → record → update → withdraw flow, and hostile posts that must store nothing.
@Suite("Web pages")
struct WebPagesTests {
    /// A server running only the web pages, with an access log written to a file.
    final class Harness {
        let directory: TestDirectory
        let registry: Registry
        let server: HTTPServer
        let logPath: String
        let logFD: Int32

        init(rateLimit: Int = 0) throws {
            directory = try TestDirectory()
            registry = try Fixtures.registry(in: directory)
            logPath = directory.path("access.log")
            logFD = open(logPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            var router = HTTPRouter()
            WebPages(
                registry: registry, tokens: TokenStore(database: registry.database),
                events: Events(database: registry.database, config: try Fixtures.config()), rateLimitPerMinute: rateLimit
            ).register(into: &router)
            var configuration = HTTPServerConfiguration()
            configuration.port = 0
            configuration.accessLogDescriptor = logFD
            server = HTTPServer(configuration: configuration, router: router)
            try server.start()
        }

        deinit {
            stop()
            close(logFD)
        }

        func stop() {
            server.shutdown()
            server.wait()
        }

        /// Every person stored, active or withdrawn.
        func stored() throws -> Int {
            let stats = try registry.stats()
            return stats.active + stats.withdrawn
        }

        func browser() -> Browser { Browser(port: server.port) }

        func accessLog() -> String {
            (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        }
    }

    /// A tiny browser: keeps cookies, remembers the last page's form token.
    struct Browser {
        let port: Int
        var cookies: [String: String] = [:]
        var lastToken: String?

        init(port: Int) { self.port = port }

        mutating func get(_ path: String) throws -> WebReply {
            try send("GET", path)
        }

        /// Posts fields as a form, adding the last page's token unless `token` overrides it.
        mutating func post(
            _ path: String, _ fields: [(String, String)], token: String? = nil, headers: [(String, String)] = []
        ) throws -> WebReply {
            let all = fields + [(FormGuard.fieldName, token ?? lastToken ?? "")]
            return try send(
                "POST", path, body: Array(FormEncoding.encode(all).utf8),
                headers: [("Content-Type", "application/x-www-form-urlencoded")] + headers)
        }

        mutating func send(
            _ method: String, _ path: String, body: [UInt8]? = nil, headers: [(String, String)] = []
        ) throws -> WebReply {
            var all = headers
            if !cookies.isEmpty {
                all.append(("Cookie", cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")))
            }
            let reply = try WebReply.fetch(port: port, method: method, path: path, headers: all, body: body)
            for header in reply.values("set-cookie") {
                let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
                if pair.count == 2 { cookies[String(pair[0])] = String(pair[1]) }
            }
            if let token = reply.hiddenToken { lastToken = token }
            return reply
        }
    }

    static let valid: [(String, String)] = [
        ("name", "李华"), ("phone", "139 1234 5678"), ("email", "lh@example.cn"), ("birth_year", "1990"),
        ("gender", "female"), ("occupation", "professional"), ("income", "q2"), ("district", "pudong"),
        ("education", "tertiary"), ("consent", "yes"),
    ]

    static func replacing(_ fields: [(String, String)], _ name: String, with value: String) -> [(String, String)] {
        fields.map { $0.0 == name ? ($0.0, value) : $0 }
    }

    // MARK: - Foundation

    /// An escaper written independently of `HTML.escape`, character by character.
    static func reference(_ text: String) -> String {
        let table: [Character: String] = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"]
        return text.map { table[$0] ?? String($0) }.joined()
    }

    static let hostile = [
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "' onmouseover='x", "&lt;already&gt;",
        "</textarea></title><svg/onload=alert(1)>", "javascript:alert(1)", "中文 & <b>粗</b>", "\u{0}\u{1F600}",
        String(repeating: "<", count: 1000),
    ]

    @Test func htmlEscapesEveryInterpolatedValue() {
        for value in Self.hostile {
            let page: HTML = "<p title=\"\(value)\">\(value)</p>"
            let escaped = Self.reference(value)
            #expect(page.text == "<p title=\"" + escaped + "\">" + escaped + "</p>")
            // The only markup left is ours: one tag open, one close, two quotes.
            #expect(page.text.filter { $0 == "<" }.count == 2)
            #expect(page.text.filter { $0 == "\"" }.count == 2)
            #expect(HTML(escaping: value).text == escaped)
            // Escaping loses nothing: undoing the references gives the value back.
            let undone = escaped.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&amp;", with: "&")
            #expect(undone == value)
        }
        let inner: HTML = "<b>\("<i>")</b>"
        let outer: HTML = "<p>\(inner)\([inner, inner])\(42)</p>"
        #expect(outer.text == "<p><b>&lt;i&gt;</b><b>&lt;i&gt;</b><b>&lt;i&gt;</b>42</p>")
    }

    @Test func formBodiesDecodeStrictly() throws {
        let form = try FormData(body: Array("a=x+y%2B1&b=%E4%B8%AD%E6%96%87&c=&d&e=%3Cscript%3E".utf8))
        #expect(form.fields == ["a": "x y+1", "b": "中文", "c": "", "d": "", "e": "<script>"])
        for bad in ["a=%FF", "a=%E4%B8", "a=%G1", "a=%4", "a=%00", "a=1&a=2", "a=\u{E9}"] {
            let bytes = bad == "a=\u{E9}" ? [UInt8(ascii: "a"), UInt8(ascii: "="), 0xE9] : Array(bad.utf8)
            #expect(throws: FormData.Problem.self, "\(bad)") { try FormData(body: bytes) }
        }
        // Round trip through our encoder, including every ASCII byte and some CJK.
        let text = String(decoding: (1...127).map { UInt8($0) }, as: UTF8.self) + "市民 抽签"
        #expect(try FormData(body: Array(FormEncoding.encode([("k", text)]).utf8))["k"] == text)
    }

    // MARK: - Pages

    @Test func everyPageHasSecurityHeadersLanguageAndSwitch() throws {
        let harness = try Harness()
        var browser = harness.browser()
        for path in ["/", "/enroll", "/me/0123abcd"] {
            let reply = try browser.get(path)
            #expect(reply.status == (path.hasPrefix("/me") ? 404 : 200), "\(path)")
            #expect(reply.value("content-security-policy")?.contains("frame-ancestors 'none'") == true)
            #expect(reply.value("content-security-policy")?.contains("unsafe-inline") == false)
            #expect(reply.value("x-content-type-options") == "nosniff")
            #expect(reply.value("referrer-policy") == "no-referrer")
            #expect(reply.value("x-frame-options") == "DENY")
            #expect(reply.text.contains("<html lang=\"zh-CN\">"))
            #expect(reply.text.contains("?lang=en\""))
            #expect(!reply.text.contains("<script"))
            #expect(!reply.text.contains("style="))
        }
        let english = try browser.get("/enroll?lang=en")
        #expect(english.text.contains("<html lang=\"en\">"))
        #expect(english.text.contains("Enroll as a volunteer"))
        // Remembered by the cookie on the next page without `?lang=`.
        let remembered = try browser.get("/")
        #expect(remembered.text.contains("<html lang=\"en\">"))
        #expect(remembered.text.contains("Fresh faces"))
        #expect(try browser.get("/?lang=zh").text.contains("新面孔"))
        let css = try browser.get(WebStyle.path)
        #expect(css.status == 200 && css.value("content-type") == "text/css; charset=utf-8")
        #expect(css.text.contains(":focus-visible"))
    }

    @Test func enrollFormHasALabelForEveryInputAndEveryAttribute() throws {
        let harness = try Harness()
        var browser = harness.browser()
        let page = try browser.get("/enroll").text
        let ids = page.matches(of: /<(?:input|select) id="([^"]+)"/).map { String($0.1) }
        let labelled = Set(page.matches(of: /<label for="([^"]+)"/).map { String($0.1) })
        #expect(ids.count == 4 + harness.registry.schema.attributes.count + 1)
        #expect(Set(ids) == labelled)
        for attribute in harness.registry.schema.attributes {
            #expect(page.contains(attribute.labels.zh))
            for value in attribute.values { #expect(page.contains("<option value=\"\(value.code)\">\(value.labels.zh)</option>")) }
        }
        #expect(page.contains(WebText.consentWithdraw.zh))
    }

    @Test func enrollThenRecordThenUpdateThenWithdraw() throws {
        let harness = try Harness()
        var browser = harness.browser()
        _ = try browser.get("/enroll")
        let enrolled = try browser.post("/enroll", Self.valid)
        #expect(enrolled.status == 200)
        let link = try #require(enrolled.text.firstMatch(of: /href="(\/me\/[0-9a-f]{64})"/)).1
        let token = String(link.dropFirst(4))
        #expect(try harness.stored() == 1)

        let record = try browser.get(String(link))
        #expect(record.status == 200)
        #expect(record.text.contains("李华") && record.text.contains("13912345678") && record.text.contains("浦东新区"))
        let pid = try #require(harness.registry.list(PeopleQuery()).people.first?.pid)
        #expect(record.text.contains(pid))

        let changed = try browser.post(
            String(link),
            Self.replacing(Self.replacing(Self.valid, "district", with: "xuhui"), "email", with: ""))
        #expect(changed.status == 200)
        #expect(changed.text.contains(WebText.saved.zh))
        let after = try harness.registry.show(pid: pid, includeContact: true)
        #expect(after.attributes["district"] == "xuhui")
        #expect(after.contact?.email == nil)
        #expect(after.contact?.phone == "13912345678")

        let unchanged = try browser.post(String(link), Self.replacing(Self.valid, "district", with: "xuhui").filter { $0.0 != "email" })
        #expect(unchanged.text.contains(WebText.nothingChanged.zh))

        let confirm = try browser.get(link + "/withdraw")
        #expect(confirm.status == 200 && confirm.text.contains(WebText.confirmButton.zh))
        #expect(try harness.registry.show(pid: pid, includeContact: false).status == "active")
        let withdrawn = try browser.post(link + "/withdraw", [])
        #expect(withdrawn.status == 200)
        #expect(withdrawn.text.contains(WebText.withdrawnText.zh))
        let gone = try harness.registry.show(pid: pid, includeContact: true)
        #expect(gone.status == "withdrawn" && gone.contact == nil)
        #expect(try browser.get(String(link)).status == 404)

        harness.stop()
        let log = harness.accessLog()
        #expect(log.contains("POST /me/{token}/withdraw 200"))
        #expect(!log.contains(token))
    }

    @Test func updateErrorsStayNextToTheirFieldsInEnglish() throws {
        let harness = try Harness()
        let receipt = try harness.registry.enroll(Fixtures.enrollment(), actor: .cli)
        _ = try harness.registry.enroll(Fixtures.enrollment(phone: "13700000000"), actor: .cli)
        var browser = harness.browser()
        _ = try browser.get("/me/\(receipt.token)?lang=en")
        var fields = Self.valid
        fields = Self.replacing(fields, "phone", with: "13700000000")
        fields = Self.replacing(fields, "birth_year", with: "19x0")
        let reply = try browser.post("/me/\(receipt.token)", fields)
        #expect(reply.status == 422)
        #expect(reply.text.contains("id=\"e-birth_year\">Error: \(WebText.birthYearInvalid.en)"))
        #expect(reply.text.contains("value=\"19x0\""))
        #expect(try harness.registry.show(pid: receipt.pid, includeContact: true).contact?.name == "王小明")
        let duplicate = try browser.post("/me/\(receipt.token)", Self.replacing(Self.valid, "phone", with: "13700000000"))
        #expect(duplicate.status == 409)
        #expect(duplicate.text.contains("id=\"e-phone\">Error: \(WebText.phoneTaken.en)"))
        #expect(try harness.registry.show(pid: receipt.pid, includeContact: true).contact?.phone == "13800138000")
    }

    // MARK: - Hostile input

    @Test func hostileFieldsGetAnErrorPageAndStoreNothing() throws {
        let harness = try Harness()
        var browser = harness.browser()
        _ = try browser.get("/enroll")
        let script = "<script>alert('x')</script>"
        // Script tags in every field.
        let scripted = Self.valid.map { ($0.0, $0.0 == "consent" ? "yes" : script) }
        let first = try browser.post("/enroll", scripted)
        #expect(first.status == 422)
        #expect(!first.text.contains("<script"))
        #expect(first.text.contains("value=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\""))
        #expect(first.text.contains("id=\"e-phone\""))
        #expect(first.text.contains("id=\"e-gender\""))
        // A very long field.
        let long = try browser.post("/enroll", Self.replacing(Self.valid, "name", with: String(repeating: "长", count: 3000)))
        #expect(long.status == 422)
        #expect(long.text.contains("id=\"e-name\">错误：" + WebText.tooLong(WebPages.maxFieldLength).zh))
        // Missing fields: only the token.
        let missing = try browser.post("/enroll", [])
        #expect(missing.status == 422)
        let required = 3 + harness.registry.schema.attributes.count + 1
        #expect(missing.text.matches(of: /<p class="error" id="e-/).count == required)
        #expect(missing.text.contains(WebText.problemCount(required).zh))
        // Too young, and no consent.
        let young = try browser.post(
            "/enroll", Self.replacing(Self.replacing(Self.valid, "birth_year", with: "2015"), "consent", with: "no"))
        #expect(young.text.contains(WebText.tooYoung(18).zh) && young.text.contains(WebText.consentRequired.zh))
        #expect(try harness.stored() == 0)
    }

    @Test func badEncodingsAreRefusedWithAPage() throws {
        let harness = try Harness()
        var browser = harness.browser()
        let form = [("Content-Type", "application/x-www-form-urlencoded")]
        let cases: [(body: [UInt8], headers: [(String, String)], status: Int)] = [
            (Array("name=%FF%FE&phone=13912345678".utf8), form, 400),
            ([UInt8(ascii: "n"), UInt8(ascii: "="), 0xC0, 0xAF], form, 400),
            (Array("name=%E4%B8".utf8), form, 400),
            (Array("name=%zz".utf8), form, 400),
            (Array("name=a%00b".utf8), form, 400),
            (Array("name=a&name=b".utf8), form, 400),
            (Array("name=a".utf8), [("Content-Type", "application/x-www-form-urlencoded; charset=gbk")], 400),
            (Array("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--".utf8),
             [("Content-Type", "multipart/form-data; boundary=x")], 415),
            (Array("{\"name\":\"x\"}".utf8), [("Content-Type", "application/json")], 415),
        ]
        for item in cases {
            _ = try browser.get("/enroll")
            let token = try #require(browser.lastToken)
            var body = item.body
            body += Array("&csrf=\(token)".utf8)
            let reply = try browser.send("POST", "/enroll", body: body, headers: item.headers)
            #expect(reply.status == item.status, "\(String(decoding: item.body, as: UTF8.self))")
            #expect(reply.value("content-type") == "text/html; charset=utf-8")
            #expect(reply.text.contains(WebText.badFormTitle.zh))
        }
        #expect(try harness.stored() == 0)
    }

    @Test func forgedCrossSiteAndReplayedPostsStoreNothing() throws {
        let harness = try Harness()
        var browser = harness.browser()
        _ = try browser.get("/enroll")
        let token = try #require(browser.lastToken)
        // No token, a forged token, a token from another browser's cookie.
        #expect(try browser.post("/enroll", Self.valid, token: "").status == 403)
        #expect(try browser.post("/enroll", Self.valid, token: "1.2.3").status == 403)
        var stranger = harness.browser()
        _ = try stranger.get("/enroll")
        #expect(try stranger.post("/enroll", Self.valid, token: token).status == 403)
        // Sent from another site.
        #expect(try browser.post("/enroll", Self.valid, token: token, headers: [("Origin", "https://evil.example")]).status == 403)
        #expect(try browser.post("/enroll", Self.valid, token: token, headers: [("Sec-Fetch-Site", "cross-site")]).status == 403)
        #expect(
            try browser.post(
                "/enroll", Self.valid, token: token, headers: [("Sec-Fetch-Site", "same-site"), ("Origin", "null")]
            ).status == 403)
        #expect(try harness.stored() == 0)
        // The real post works once (same-origin headers as a browser sends them) …
        // (`Origin: null` is what Chromium sends from a no-referrer page.)
        let origin = [("Origin", "null"), ("Sec-Fetch-Site", "same-origin")]
        let ok = try browser.post("/enroll", Self.valid, token: token, headers: origin)
        #expect(ok.status == 200)
        // … and its replay, even with another phone number, is refused.
        let replay = try browser.post("/enroll", Self.replacing(Self.valid, "phone", with: "13800000009"), token: token)
        #expect(replay.status == 409)
        #expect(replay.text.contains(WebText.replayedTitle.zh))
        #expect(try harness.stored() == 1)
        // A second real enrollment with the same phone gets the field error, not a second record.
        _ = try browser.get("/enroll")
        let duplicate = try browser.post("/enroll", Self.valid)
        #expect(duplicate.status == 409 && duplicate.text.contains(WebText.phoneTaken.zh))
        #expect(duplicate.text.contains("value=\"李华\""))
        #expect(try harness.stored() == 1)
    }

    @Test func writingFormsAreRateLimitedPerAddress() throws {
        let harness = try Harness(rateLimit: 2)
        var browser = harness.browser()
        for _ in 0..<2 {
            _ = try browser.get("/enroll")
            #expect(try browser.post("/enroll", []).status == 422)
        }
        _ = try browser.get("/enroll")
        let limited = try browser.post("/enroll", Self.valid)
        #expect(limited.status == 429)
        #expect(Int(limited.value("retry-after") ?? "") ?? 0 > 0)
        #expect(limited.text.contains(WebText.tooManyTitle.zh))
        #expect(try harness.stored() == 0)
    }

    /// What `allot serve` runs: the API and the pages on one server (guards the wiring in `APIServer`).
    @Test func apiServerServesThePagesBesideTheAPI() throws {
        let directory = try TestDirectory()
        let registry = try Fixtures.registry(in: directory)
        let server = APIServer(
            registry: registry, tokens: TokenStore(database: registry.database),
            events: Events(database: registry.database, config: try Fixtures.config()), host: "127.0.0.1", port: 0,
            rateLimitPerMinute: 0)
        let port = try server.start()
        defer {
            server.stop()
            server.wait()
        }
        var browser = Browser(port: port)
        #expect(try browser.get("/").text.contains(WebText.homeTitle.zh))
        #expect(try browser.get("/enroll").status == 200)
        #expect(try browser.get("/healthz").text == #"{"status":"ok"}"#)
    }

    @Test func accessLogHidesTokensOnEveryPath() throws {
        let harness = try Harness()
        let receipt = try harness.registry.enroll(Fixtures.enrollment(), actor: .cli)
        var browser = harness.browser()
        let secret = receipt.token
        _ = try browser.get("/me/\(secret)")
        _ = try browser.get("/me/\(secret)/withdraw")
        _ = try browser.get("/me/\(secret)/unknown/deeper")  // 404: no route
        _ = try browser.send("DELETE", "/me/\(secret)")  // 405
        _ = try browser.get("/i/\(secret)")  // not an invitation link: the friendly 404
        _ = try browser.get("/%6De/\(secret)")  // an encoded prefix
        let big = [UInt8](repeating: UInt8(ascii: "a"), count: WebPages.maxFormBodySize + 1)
        let tooLarge = try browser.send(
            "POST", "/me/\(secret)", body: big, headers: [("Content-Type", "application/x-www-form-urlencoded")])
        #expect(tooLarge.status == 413)
        harness.stop()
        let log = harness.accessLog()
        #expect(log.split(separator: "\n").count == 7)
        #expect(!log.contains(secret), "\(log)")
        #expect(log.contains("GET /me/{token} 200"))
        #expect(log.contains("GET /me/{secret}/unknown/deeper 404"))
        #expect(log.contains("DELETE /me/{secret} 405"))
        #expect(log.contains("GET /i/{token} 404"))
        #expect(log.contains("POST /me/{secret} 413"))
        #expect(try harness.registry.show(pid: receipt.pid, includeContact: false).status == "active")
    }
}

/// One HTTP reply with every header kept (several `Set-Cookie`s).
struct WebReply {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }

    func value(_ name: String) -> String? { values(name).first }
    func values(_ name: String) -> [String] { headers.filter { $0.name == name }.map(\.value) }

    /// The form token of the page, if it has a form.
    var hiddenToken: String? {
        text.firstMatch(of: /name="csrf" value="([^"]*)"/).map { String($0.1) }
    }

    /// One request on its own connection (`Connection: close`), read to the end.
    static func fetch(
        port: Int, method: String, path: String, headers: [(String, String)], body: [UInt8]?
    ) throws -> WebReply {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        if let body { head += "Content-Length: \(body.count)\r\n" }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw APIClientError(reason: "connect failed: \(errno)") }
        let request = Array((head + "\r\n").utf8) + (body ?? [])
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received.append(contentsOf: chunk[0..<count])
        }
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = (0..<max(0, received.count - 3)).first(where: { Array(received[$0..<($0 + 4)]) == separator })
        else { throw APIClientError(reason: "no response") }
        var lines = String(decoding: received[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(lines.removeFirst().split(separator: " ")[1]) ?? 0
        let fields = lines.compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (line[..<colon].lowercased(), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return WebReply(status: status, headers: fields, body: Array(received[(end + 4)...]))
    }
}
