// libFuzzer entry for the HTTP request parser (built by scripts/fuzz-http together with the
// parser's source files; not part of the SwiftPM package).
//
// Properties checked on every input, besides "no crash, no sanitizer report":
// - a head never claims more bytes than were given;
// - parsing in two pieces (resuming the scan state) gives the same outcome as in one piece;
// - errors carry a 4xx/5xx status and a non-empty snake_case code, and their JSON body is valid.

import Foundation

/// Small limits so the limit paths are reachable with short inputs.
private let fuzzLimits: HTTPLimits = {
    var limits = HTTPLimits()
    limits.maxRequestLineLength = 200
    limits.maxHeaderBytes = 600
    limits.maxHeaderCount = 8
    return limits
}()

private func describe(_ outcome: ParseOutcome) -> String {
    switch outcome {
    case .incomplete: return "incomplete"
    case .failure(let error): return "failure \(error.status) \(error.code)"
    case .head(let head, let consumed):
        let headers = head.headers.fields.map { "\($0.name)=\($0.value)" }.joined(separator: "|")
        return
            "head \(consumed) \(head.method) \(head.target.segments) \(head.target.query.map { "\($0.name)=\($0.value)" })"
            + " \(head.minorVersion) \(headers) \(head.contentLength) \(head.keepAlive) \(head.expectsContinue)"
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let parser = RequestParser(limits: fuzzLimits)

    var fresh = RequestParser.ScanState()
    let whole = parser.parseHead(bytes, from: 0, state: &fresh)
    if case .head(_, let consumed) = whole, consumed > bytes.count || consumed <= 0 {
        fatalError("consumed \(consumed) of \(bytes.count)")
    }
    if case .failure(let error) = whole {
        guard (400...599).contains(error.status), !error.code.isEmpty,
            error.code.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || $0 == 95 })
        else { fatalError("bad error \(error)") }
        let body = HTTPResponse(error: error).body
        guard (try? JSONSerialization.jsonObject(with: Data(body))) != nil else { fatalError("invalid error JSON") }
    }

    // Same input in two pieces, with a prefix of up to 8 leading junk bytes treated as consumed.
    if bytes.count > 1 {
        let split = Int(bytes[0]) % bytes.count
        var state = RequestParser.ScanState()
        let first = parser.parseHead(Array(bytes[0..<split]), from: 0, state: &state)
        if case .incomplete = first {
            let second = parser.parseHead(bytes, from: 0, state: &state)
            let a = describe(second)
            let b = describe(whole)
            if a != b { fatalError("split at \(split): \(a) != \(b)") }
        }
    }

    // The target decoder alone, on the raw bytes.
    _ = try? RequestTarget.parse(bytes[...])
    return 0
}
