/// A response read by `HTTPClient`: status, headers and the whole body (de-chunked).
public struct HTTPClientResponse: Sendable, Equatable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: Int, headers: HTTPHeaders, body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The body as UTF-8 text (invalid bytes replaced).
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// Largest response head the client reads; gateways answer with a few hundred bytes.
    static let maxHeadSize = 16 * 1024
    /// Largest body the client keeps; a gateway's answer is an acknowledgement, not a download.
    static let maxBodySize = 1 << 20

    /// The response at the start of `bytes`, or nil when more bytes are needed. `closed` says the peer has
    /// closed (ends a close-delimited body). Interim 1xx responses are skipped.
    static func parse(_ bytes: [UInt8], closed: Bool) throws(HTTPClientError) -> HTTPClientResponse? {
        var start = 0
        while true {
            guard let headEnd = Self.headEnd(bytes, from: start) else {
                if bytes.count - start > maxHeadSize { throw .responseTooLarge }
                if closed { throw .connectionClosed }
                return nil
            }
            guard headEnd - start <= maxHeadSize else { throw .responseTooLarge }
            let (status, headers) = try parseHead(bytes[start..<headEnd])
            let bodyStart = headEnd + 4
            if (100..<200).contains(status) {
                start = bodyStart
                continue
            }
            if status == 204 || status == 304 {
                return HTTPClientResponse(status: status, headers: headers, body: [])
            }
            let body: [UInt8]?
            if let encoding = headers["Transfer-Encoding"] {
                guard encoding.lowercased().split(separator: ",").last?.trimmingASCIISpaces() == "chunked" else {
                    throw .malformedResponse("unsupported transfer coding '\(encoding)'")
                }
                body = try dechunk(bytes, from: bodyStart)
            } else if !headers.values("Content-Length").isEmpty {
                let lengths = Set(
                    headers.values("Content-Length").flatMap { $0.split(separator: ",") }.map {
                        $0.trimmingASCIISpaces()
                    })
                guard lengths.count == 1, let text = lengths.first, text.utf8.allSatisfy({ (48...57).contains($0) }),
                    let length = Int(text)
                else { throw .malformedResponse("bad Content-Length") }
                guard length <= maxBodySize else { throw .responseTooLarge }
                body = bytes.count - bodyStart >= length ? Array(bytes[bodyStart..<(bodyStart + length)]) : nil
            } else {
                guard bytes.count - bodyStart <= maxBodySize else { throw .responseTooLarge }
                body = closed ? Array(bytes[bodyStart...]) : nil
            }
            guard let body else {
                if closed { throw .connectionClosed }
                return nil
            }
            return HTTPClientResponse(status: status, headers: headers, body: body)
        }
    }

    /// The index of the CRLFCRLF that ends a head starting at `start`.
    private static func headEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= start + 4 else { return nil }
        var index = start
        while index + 3 < bytes.count {
            if bytes[index] == ASCII.cr, bytes[index + 1] == ASCII.lf, bytes[index + 2] == ASCII.cr,
                bytes[index + 3] == ASCII.lf
            {
                return index
            }
            index += 1
        }
        return nil
    }

    private static func parseHead(_ head: ArraySlice<UInt8>) throws(HTTPClientError) -> (Int, HTTPHeaders) {
        let lines = head.split(separator: ASCII.lf, omittingEmptySubsequences: false).map { line in
            line.last == ASCII.cr ? line.dropLast() : line
        }
        guard let statusLine = lines.first else { throw .malformedResponse("empty head") }
        // "HTTP/1.1 200 OK": version, a space, three digits, then an optional reason.
        let status = Array(statusLine)
        guard status.count >= 12, status.starts(with: Array("HTTP/1.".utf8)), status[8] == ASCII.space,
            status[9...11].allSatisfy({ (48...57).contains($0) }), status.count == 12 || status[12] == ASCII.space
        else { throw .malformedResponse("bad status line") }
        let code = status[9...11].reduce(0) { $0 * 10 + Int($1 - 48) }
        var headers = HTTPHeaders()
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ASCII.colon), colon > line.startIndex,
                line[line.startIndex..<colon].allSatisfy(ASCII.isTokenChar)
            else { throw .malformedResponse("bad header line") }
            let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self)
            let value = Substring(String(decoding: line[(colon + 1)...], as: UTF8.self)).trimmingASCIISpaces()
            headers.add(name, String(value))
        }
        return (code, headers)
    }

    /// The decoded body of a chunked message starting at `start`, or nil when incomplete.
    private static func dechunk(_ bytes: [UInt8], from start: Int) throws(HTTPClientError) -> [UInt8]? {
        var body: [UInt8] = []
        var index = start
        while true {
            guard let sizeEnd = lineEnd(bytes, from: index) else { return nil }
            var size = 0
            var digits = 0
            for byte in bytes[index..<sizeEnd] {
                if byte == UInt8(ascii: ";") || byte == ASCII.space || byte == ASCII.tab { break }
                guard let value = ASCII.hexValue(byte), digits < 8 else { throw .malformedResponse("bad chunk size") }
                size = size * 16 + Int(value)
                digits += 1
            }
            guard digits > 0 else { throw .malformedResponse("bad chunk size") }
            index = sizeEnd + 2
            if size == 0 {
                // Trailer fields, if any, end with an empty line.
                while true {
                    guard let end = lineEnd(bytes, from: index) else { return nil }
                    let isEmptyLine = end == index
                    index = end + 2
                    if isEmptyLine { return body }
                }
            }
            guard body.count + size <= maxBodySize else { throw .responseTooLarge }
            guard bytes.count >= index + size + 2 else { return nil }
            body.append(contentsOf: bytes[index..<(index + size)])
            guard bytes[index + size] == ASCII.cr, bytes[index + size + 1] == ASCII.lf else {
                throw .malformedResponse("chunk not followed by CRLF")
            }
            index += size + 2
        }
    }

    /// The index of the next CRLF at or after `start`.
    private static func lineEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == ASCII.cr, bytes[index + 1] == ASCII.lf { return index }
            index += 1
        }
        return nil
    }
}
