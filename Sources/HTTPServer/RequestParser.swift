/// The parsed head of one request, validated against RFC 9112 and the server's limits.
struct RequestHead: Sendable {
    var method: String
    var target: RequestTarget
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    var minorVersion: Int
    var headers: HTTPHeaders
    /// The body length from `Content-Length` (0 when absent).
    var contentLength: Int
    /// Whether the client allows the connection to stay open after the reply.
    var keepAlive: Bool
    /// `Expect: 100-continue` was sent.
    var expectsContinue: Bool
}

/// What the parser found at the start of the unread input.
enum ParseOutcome {
    /// More bytes are needed; nothing is wrong so far.
    case incomplete
    /// A complete, valid head; `consumed` bytes (including the blank line) belong to it.
    case head(RequestHead, consumed: Int)
    /// The request is malformed or over a limit: answer with this error and close.
    case failure(HTTPError)
}

/// Incremental request-head parser with hard limits.
///
/// Bytes are scanned line by line as they arrive, so a head sent one byte at a time costs
/// linear work; limits are enforced before the head is complete, so an oversized head is
/// refused as soon as it crosses the limit.
struct RequestParser: Sendable {
    var limits: HTTPLimits

    /// How far a partly received head has been checked; reset for every request.
    /// Offsets are relative to the start of the request, so the buffer may be compacted between reads.
    struct ScanState: Sendable {
        var nextLine: Int?
        var lines = 0
        var headersStart = 0
    }

    /// Empty lines tolerated before a request line (RFC 9112 §2.2 asks to ignore at least one).
    static let maxLeadingEmptyLines = 4
    /// Longest method name; the longest registered method names are under 20 bytes.
    static let maxMethodLength = 24

    /// Parses the head that starts at `start` in `buffer`, resuming the scan recorded in `state`.
    func parseHead(_ buffer: [UInt8], from start: Int, state: inout ScanState) -> ParseOutcome {
        // Skip the empty lines some clients send between pipelined requests.
        var begin = start
        var skipped = 0
        while begin + 1 < buffer.count, buffer[begin] == ASCII.cr, buffer[begin + 1] == ASCII.lf {
            begin += 2
            skipped += 1
            if skipped > Self.maxLeadingEmptyLines {
                return .failure(.badRequest("invalid_request_line", "too many empty lines before the request"))
            }
        }
        if begin < buffer.count, buffer[begin] == ASCII.lf {
            return .failure(.badRequest("invalid_request_line", "line ends must be CRLF"))
        }
        var lineStart = max(state.nextLine.map { $0 + start } ?? begin, begin)
        while true {
            guard let lf = firstLF(buffer, from: lineStart) else {
                if let failure = limitFailure(
                    unterminatedFrom: lineStart, end: buffer.count, start: start, state: state)
                {
                    return failure
                }
                state.nextLine = lineStart - start
                return .incomplete
            }
            guard lf > lineStart, buffer[lf - 1] == ASCII.cr else {
                return .failure(.badRequest("bad_line_ending", "line ends must be CRLF"))
            }
            let lineLength = lf - 1 - lineStart
            if state.lines == 0 {
                if lineLength > limits.maxRequestLineLength {
                    return .failure(Self.uriTooLong)
                }
                state.headersStart = lf + 1 - start
            } else if lineLength == 0 {
                switch parseComplete(buffer[begin..<(lf + 1)]) {
                case .success(let head): return .head(head, consumed: lf + 1 - start)
                case .failure(let error): return .failure(error)
                }
            } else {
                if lf + 1 - start - state.headersStart > limits.maxHeaderBytes || state.lines > limits.maxHeaderCount {
                    return .failure(Self.headersTooLarge)
                }
            }
            state.lines += 1
            lineStart = lf + 1
        }
    }

    private func firstLF(_ buffer: [UInt8], from index: Int) -> Int? {
        var i = index
        while i < buffer.count {
            if buffer[i] == ASCII.lf { return i }
            i += 1
        }
        return nil
    }

    /// Whether a line still without its end has already crossed a limit.
    private func limitFailure(unterminatedFrom lineStart: Int, end: Int, start: Int, state: ScanState) -> ParseOutcome?
    {
        if state.lines == 0 {
            return end - lineStart > limits.maxRequestLineLength + 1 ? .failure(Self.uriTooLong) : nil
        }
        if end - start - state.headersStart > limits.maxHeaderBytes + 2 || state.lines > limits.maxHeaderCount + 1 {
            return .failure(Self.headersTooLarge)
        }
        return nil
    }

    static let uriTooLong = HTTPError(status: 414, code: "uri_too_long", message: "the request line is too long")
    static let headersTooLarge = HTTPError(
        status: 431, code: "headers_too_large", message: "the request header fields are too large or too many")

    /// Validates a complete head (ending with the blank line).
    func parseComplete(_ bytes: ArraySlice<UInt8>) -> Result<RequestHead, HTTPError> {
        let lines = bytes.dropLast(4).split(separator: ASCII.lf, omittingEmptySubsequences: false)
            .map { $0.last == ASCII.cr ? $0.dropLast() : $0 }
        guard let requestLine = lines.first else {
            return .failure(.badRequest("invalid_request_line", "missing request line"))
        }
        do {
            var head = try parseRequestLine(requestLine)
            for line in lines.dropFirst() {
                let (name, value) = try parseField(line)
                head.headers.add(name, value)
            }
            try applySemantics(&head)
            return .success(head)
        } catch {
            return .failure(error)
        }
    }

    private func parseRequestLine(_ line: ArraySlice<UInt8>) throws(HTTPError) -> RequestHead {
        let parts = line.split(separator: ASCII.space, maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw .badRequest("invalid_request_line", "the request line must be METHOD TARGET VERSION")
        }
        let methodBytes = parts[0]
        let targetBytes = parts[1]
        let versionBytes = parts[2]
        guard methodBytes.count <= Self.maxMethodLength, methodBytes.allSatisfy(ASCII.isTokenChar) else {
            throw .badRequest("invalid_method", "the method is not a valid token")
        }
        guard targetBytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw .badRequest("invalid_target", "the request target contains a byte that is not visible ASCII")
        }
        let minor: Int
        switch Array(versionBytes) {
        case Array("HTTP/1.1".utf8): minor = 1
        case Array("HTTP/1.0".utf8): minor = 0
        case let v
        where v.count == 8 && v.starts(with: "HTTP/".utf8) && v[5] >= 48 && v[5] <= 57 && v[6] == 46
            && v[7] >= 48 && v[7] <= 57:
            throw HTTPError(
                status: 505, code: "version_not_supported", message: "only HTTP/1.0 and HTTP/1.1 are served")
        default:
            throw .badRequest("invalid_version", "the protocol version is malformed")
        }
        // Any token is a method; the router answers 405 (with Allow) for one it has no route for.
        let method = String(decoding: methodBytes, as: UTF8.self)
        let target = try RequestTarget.parse(targetBytes)
        return RequestHead(
            method: method, target: target, minorVersion: minor, headers: HTTPHeaders(),
            contentLength: 0, keepAlive: minor == 1, expectsContinue: false)
    }

    private func parseField(_ line: ArraySlice<UInt8>) throws(HTTPError) -> (String, String) {
        guard let first = line.first, first != ASCII.space, first != ASCII.tab else {
            throw .badRequest("invalid_header", "folded or empty header lines are not allowed")
        }
        guard let colon = line.firstIndex(of: ASCII.colon), colon > line.startIndex,
            line[line.startIndex..<colon].allSatisfy(ASCII.isTokenChar)
        else {
            throw .badRequest("invalid_header", "a header field name is malformed")
        }
        var value = line[(colon + 1)...]
        while let b = value.first, b == ASCII.space || b == ASCII.tab { value = value.dropFirst() }
        while let b = value.last, b == ASCII.space || b == ASCII.tab { value = value.dropLast() }
        guard value.allSatisfy({ $0 == ASCII.tab || ($0 >= 0x20 && $0 != 0x7F) }) else {
            throw .badRequest("invalid_header", "a header field value contains a control character")
        }
        return (String(decoding: line[line.startIndex..<colon], as: UTF8.self), String(decoding: value, as: UTF8.self))
    }

    /// Longest accepted `Content-Length` text; 15 digits cannot overflow `Int`.
    static let maxContentLengthDigits = 15

    private func applySemantics(_ head: inout RequestHead) throws(HTTPError) {
        let hosts = head.headers.values("Host")
        if hosts.count > 1 || (head.minorVersion == 1 && hosts.isEmpty) {
            throw .badRequest("invalid_host", "HTTP/1.1 requests need exactly one Host header")
        }
        let lengths = head.headers.values("Content-Length")
        let encodings = head.headers.values("Transfer-Encoding")
        if !encodings.isEmpty {
            if !lengths.isEmpty {
                throw .badRequest("invalid_framing", "Content-Length and Transfer-Encoding together are not allowed")
            }
            if head.minorVersion == 0 {
                throw .badRequest("invalid_framing", "Transfer-Encoding is not allowed in HTTP/1.0")
            }
            let codings = encodings.joined(separator: ",").split(separator: ",").map {
                $0.trimmingASCIISpaces().lowercased()
            }
            if codings.last == "chunked" {
                throw HTTPError(
                    status: 411, code: "length_required",
                    message: "chunked bodies are not accepted; send Content-Length")
            }
            throw HTTPError(status: 501, code: "not_implemented", message: "unsupported transfer coding")
        }
        if lengths.count > 1 {
            throw .badRequest("invalid_content_length", "more than one Content-Length header")
        }
        if let text = lengths.first {
            guard !text.isEmpty, text.utf8.count <= Self.maxContentLengthDigits,
                text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let length = Int(text)
            else {
                throw .badRequest("invalid_content_length", "Content-Length must be a decimal number")
            }
            head.contentLength = length
        }
        if let connection = head.headers["Connection"] {
            let options = connection.split(separator: ",").map { $0.trimmingASCIISpaces().lowercased() }
            if options.contains("close") {
                head.keepAlive = false
            } else if head.minorVersion == 0, options.contains("keep-alive") {
                head.keepAlive = true
            }
        }
        if let expect = head.headers["Expect"] {
            guard expect.lowercased() == "100-continue" else {
                throw HTTPError(
                    status: 417, code: "expectation_failed", message: "only Expect: 100-continue is supported")
            }
            head.expectsContinue = head.minorVersion == 1
        }
    }
}

extension Substring {
    func trimmingASCIISpaces() -> Substring {
        var s = self
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return s
    }
}
