import HTTPServer

/// The language of a page: Chinese (simplified, the default) or English.
///
/// Chosen by `?lang=zh|en` on any page, remembered in a cookie; without either, Chinese.
public enum WebLanguage: String, Sendable, CaseIterable {
    case zh
    case en

    /// The cookie that remembers the choice.
    static let cookieName = "allot_lang"
    /// A year: long enough that a citizen does not have to choose again.
    static let cookieMaxAge = 365 * 24 * 3600

    /// The value of `<html lang>`.
    var htmlTag: String {
        switch self {
        case .zh: "zh-CN"
        case .en: "en"
        }
    }

    /// The other language, which the switch link offers.
    var other: WebLanguage { self == .zh ? .en : .zh }

    /// The language a request asks for, and whether it asked in the query (then the cookie is set).
    static func of(_ request: HTTPRequest) -> (language: WebLanguage, fromQuery: Bool) {
        if let asked = request.query("lang").flatMap(WebLanguage.init(rawValue:)) { return (asked, true) }
        if let remembered = WebCookies(request).value(cookieName).flatMap(WebLanguage.init(rawValue:)) {
            return (remembered, false)
        }
        return (.zh, false)
    }

    /// `Set-Cookie` value remembering this language.
    var cookie: String {
        "\(Self.cookieName)=\(rawValue); Path=/; Max-Age=\(Self.cookieMaxAge); SameSite=Lax"
    }
}

extension Labels {
    /// The text in `language`.
    func text(_ language: WebLanguage) -> String {
        switch language {
        case .zh: zh
        case .en: en
        }
    }
}

/// The cookies a request sent (`Cookie: a=1; b=2`).
struct WebCookies {
    private var values: [String: String] = [:]

    init(_ request: HTTPRequest) {
        for header in request.headers.values("Cookie") {
            for pair in header.split(separator: ";") {
                guard let equals = pair.firstIndex(of: "=") else { continue }
                let name = pair[..<equals].trimmedSpaces()
                let value = pair[pair.index(after: equals)...].trimmedSpaces()
                // The first cookie of a name wins: browsers send the most specific path first.
                if values[name] == nil { values[name] = value }
            }
        }
    }

    func value(_ name: String) -> String? { values[name] }
}

extension Substring {
    fileprivate func trimmedSpaces() -> String {
        var text = self
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
