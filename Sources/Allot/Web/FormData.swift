import Foundation
import HTTPServer

/// The fields of an `application/x-www-form-urlencoded` body, decoded by hand and strictly.
///
/// `+` is a space and `%XX` a byte; a malformed escape, bytes that are not UTF-8 once decoded, a NUL
/// or a field given twice make the whole form unreadable, so a handler never guesses.
struct FormData: Equatable {
    private(set) var fields: [String: String] = [:]

    /// Why a body is not a form we accept.
    enum Problem: Error, Equatable {
        /// The body is not `application/x-www-form-urlencoded`.
        case notAForm
        /// A malformed escape, invalid UTF-8 or a NUL.
        case badEncoding
        /// A field name appears twice.
        case repeatedField(String)
    }

    init(fields: [String: String]) {
        self.fields = fields
    }

    /// Decodes a request's body; the content type must be a form (a `charset` other than UTF-8 is refused).
    init(request: HTTPRequest) throws(Problem) {
        guard let type = request.headers["Content-Type"] else { throw .notAForm }
        let parts = type.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard parts.first == "application/x-www-form-urlencoded" else { throw .notAForm }
        for parameter in parts.dropFirst() where parameter.hasPrefix("charset=") {
            let charset = parameter.dropFirst("charset=".count).filter { $0 != "\"" }
            guard charset == "utf-8" || charset == "utf8" else { throw .badEncoding }
        }
        try self.init(body: request.body)
    }

    /// Decodes `name=value&name=value`; empty pairs are skipped.
    init(body: [UInt8]) throws(Problem) {
        for pair in body.split(separator: UInt8(ascii: "&")) {
            let equals = pair.firstIndex(of: UInt8(ascii: "="))
            let name = try Self.decode(pair[pair.startIndex..<(equals ?? pair.endIndex)])
            let value = try equals.map { index throws(Problem) in try Self.decode(pair[(index + 1)...]) } ?? ""
            guard fields[name] == nil else { throw .repeatedField(name) }
            fields[name] = value
        }
    }

    subscript(_ name: String) -> String? { fields[name] }

    /// Percent-decodes one component (`+` is a space) and checks it is UTF-8 without NUL.
    static func decode(_ bytes: ArraySlice<UInt8>) throws(Problem) -> String {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.endIndex,
                    let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
                else { throw .badEncoding }
                decoded.append(high << 4 | low)
                index += 3
            } else {
                decoded.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        guard !decoded.contains(0), let text = String(validating: decoded, as: UTF8.self) else {
            throw .badEncoding
        }
        return text
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}

/// Encodes form fields (for links and tests): the inverse of `FormData.decode`.
enum FormEncoding {
    /// Unreserved characters stay, a space becomes `+`, every other byte `%XX`.
    static func encode(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.append(byte)
            case UInt8(ascii: " "): out.append(UInt8(ascii: "+"))
            default: out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func encode(_ fields: [(String, String)]) -> String {
        fields.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
    }
}
