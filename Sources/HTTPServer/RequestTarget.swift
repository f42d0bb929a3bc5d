/// The decoded origin-form request target: path segments and query items.
///
/// Decoding is strict: a malformed percent escape, bytes that are not UTF-8 once decoded,
/// a NUL, an encoded slash or a `.`/`..` segment make the request a 400, so no handler
/// ever sees an ambiguous or traversing path.
public struct RequestTarget: Sendable, Equatable {
    /// The path as sent, still percent-encoded, without the query.
    public var rawPath: String
    /// Decoded path segments (`/a/b%20c` → `["a", "b c"]`; `/` → `[]`).
    public var segments: [String]
    /// Decoded query items in order (`+` is a space).
    public var query: [QueryItem]

    /// One `name=value` pair of the query string.
    public struct QueryItem: Sendable, Equatable {
        public var name: String
        public var value: String
    }

    /// Longest accepted single path segment or query component, decoded.
    static let maxComponentLength = 4096

    /// Parses a request target (the bytes between the method and the version).
    static func parse(_ target: ArraySlice<UInt8>) throws(HTTPError) -> RequestTarget {
        guard target.first == ASCII.slash else {
            throw .badRequest("invalid_target", "the request target must be an absolute path")
        }
        let questionMark = target.firstIndex(of: UInt8(ascii: "?"))
        let pathBytes = target[target.startIndex..<(questionMark ?? target.endIndex)]
        if target.contains(UInt8(ascii: "#")) {
            throw .badRequest("invalid_target", "a fragment is not allowed in a request target")
        }
        var segments: [String] = []
        let parts = pathBytes.dropFirst().split(separator: ASCII.slash, omittingEmptySubsequences: false)
        for part in parts where !(parts.count == 1 && part.isEmpty) {
            let segment = try decodeComponent(part, plusIsSpace: false)
            if segment == "." || segment == ".." {
                throw .badRequest("invalid_path", "dot segments are not allowed in paths")
            }
            if segment.utf8.contains(ASCII.slash) {
                throw .badRequest("invalid_path", "an encoded slash is not allowed in paths")
            }
            segments.append(segment)
        }
        var query: [QueryItem] = []
        if let questionMark {
            let queryBytes = target[(questionMark + 1)...]
            for pair in queryBytes.split(separator: UInt8(ascii: "&")) {
                let equals = pair.firstIndex(of: UInt8(ascii: "="))
                let name = try decodeComponent(pair[pair.startIndex..<(equals ?? pair.endIndex)], plusIsSpace: true)
                var value = ""
                if let equals { value = try decodeComponent(pair[(equals + 1)...], plusIsSpace: true) }
                query.append(QueryItem(name: name, value: value))
            }
        }
        return RequestTarget(rawPath: String(decoding: pathBytes, as: UTF8.self), segments: segments, query: query)
    }

    /// Percent-decodes one component and checks that the result is valid UTF-8 without NUL.
    static func decodeComponent(_ bytes: ArraySlice<UInt8>, plusIsSpace: Bool) throws(HTTPError) -> String {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == ASCII.percent {
                guard index + 2 < bytes.endIndex,
                    let high = ASCII.hexValue(bytes[index + 1]), let low = ASCII.hexValue(bytes[index + 2])
                else {
                    throw .badRequest("invalid_encoding", "malformed percent escape in the request target")
                }
                decoded.append(high << 4 | low)
                index += 3
            } else {
                decoded.append(plusIsSpace && byte == UInt8(ascii: "+") ? ASCII.space : byte)
                index += 1
            }
        }
        if decoded.count > maxComponentLength {
            throw HTTPError(status: 414, code: "uri_too_long", message: "a component of the request target is too long")
        }
        if decoded.contains(0) {
            throw .badRequest("invalid_encoding", "NUL is not allowed in the request target")
        }
        guard let text = String(validating: decoded, as: UTF8.self) else {
            throw .badRequest("invalid_encoding", "the request target is not valid UTF-8 once decoded")
        }
        return text
    }

    /// A raw path segment decoded for matching in the log, or nil when it does not decode.
    static func decodeLogSegment(_ raw: Substring) -> String? {
        try? decodeComponent(ArraySlice(raw.utf8), plusIsSpace: false)
    }
}
