/// A fragment of HTML that is safe to send: every value in it was escaped on the way in.
///
/// There is no way to make one from a runtime `String` without escaping it. Markup comes only from
/// string *literals* in our source (the literal type is `StaticString`, which no runtime value can
/// become), and interpolated values are escaped by type:
///
///     let page: HTML = "<p class=\"name\">\(userName)</p>"   // userName is escaped
///     let list: HTML = "<ul>\(items)</ul>"                     // items: HTML, inserted as is
///
/// Escaping covers `& < > " '`, so a value is safe both in text and inside a quoted attribute.
/// Attributes in our templates are always quoted; URLs in `href` are built from our own paths.
public struct HTML: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The markup, already safe.
    public private(set) var text: String

    /// The empty fragment.
    public static let empty = HTML(trusted: "")

    /// Markup written in our source. `StaticString` can only come from a literal, so a value cannot
    /// slip in here by mistake.
    public init(trusted literal: StaticString) {
        text = literal.description
    }

    /// Text as HTML: every special character escaped.
    public init(escaping value: String) {
        text = Self.escape(value)
    }

    public init(stringLiteral literal: StaticString) {
        self.init(trusted: literal)
    }

    public init(stringInterpolation: Interpolation) {
        text = stringInterpolation.text
    }

    /// Joins fragments, optionally with a trusted separator.
    public init<Fragments: Sequence>(joining fragments: Fragments, separator: HTML = .empty)
    where Fragments.Element == HTML {
        text = fragments.map(\.text).joined(separator: separator.text)
    }

    public var description: String { text }

    /// Appends another fragment.
    public static func + (lhs: HTML, rhs: HTML) -> HTML {
        var joined = lhs
        joined.text += rhs.text
        return joined
    }

    /// The UTF-8 bytes to send.
    public var bytes: [UInt8] { Array(text.utf8) }

    /// `&`, `<`, `>`, `"` and `'` replaced by character references; everything else kept.
    public static func escape(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Builds an `HTML` from literals (trusted) and interpolated values (escaped unless already `HTML`).
    public struct Interpolation: StringInterpolationProtocol, Sendable {
        var text = ""

        public init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity + 16 * interpolationCount)
        }

        public mutating func appendLiteral(_ literal: StaticString) {
            text += literal.description
        }

        /// A runtime string: escaped.
        public mutating func appendInterpolation(_ value: String) {
            text += HTML.escape(value)
        }

        /// A number: digits only, nothing to escape.
        public mutating func appendInterpolation(_ value: Int) {
            text += String(value)
        }

        /// A fragment that is already safe.
        public mutating func appendInterpolation(_ fragment: HTML) {
            text += fragment.text
        }

        /// Fragments in order, e.g. a list's items.
        public mutating func appendInterpolation(_ fragments: [HTML]) {
            for fragment in fragments { text += fragment.text }
        }
    }
}
