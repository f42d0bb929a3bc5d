import Foundation
import HTTPServer

/// Decoding request bodies and encoding replies, with the errors clients should see.
enum JSONBody {
    /// Decodes a JSON body; wrong media type is 415, anything malformed (syntax, invalid UTF-8,
    /// wrong types, missing or unknown fields) is a 400 `invalid_json` naming the field.
    /// With `allowedFields`, a top-level field outside the set is refused too.
    static func decode<T: Decodable>(
        _ type: T.Type, from request: HTTPRequest, allowedFields: Set<String>? = nil
    ) throws(HTTPError) -> T {
        if let contentType = request.headers["Content-Type"],
            !contentType.lowercased().hasPrefix("application/json")
        {
            throw APIError.unsupportedMediaType
        }
        guard !request.body.isEmpty else { throw APIError.invalidJSON("the request body is empty") }
        if let allowedFields { try StrictFields.check(request.body, allowed: allowedFields) }
        do {
            return try JSONDecoder().decode(T.self, from: Data(request.body))
        } catch let DecodingError.keyNotFound(key, context) {
            throw APIError.invalidJSON("missing field '\(path(context.codingPath + [key]))'")
        } catch let DecodingError.typeMismatch(_, context) {
            throw APIError.invalidJSON("wrong type for '\(path(context.codingPath))'")
        } catch let DecodingError.valueNotFound(_, context) {
            throw APIError.invalidJSON("null is not allowed for '\(path(context.codingPath))'")
        } catch {
            throw APIError.invalidJSON("the body is not valid JSON")
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    /// A JSON reply with sorted keys (stable output).
    static func response(_ value: some Encodable, status: Int = 200) -> HTTPResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else {
            return HTTPResponse(error: HTTPError(status: 500, code: "internal_error", message: "internal server error"))
        }
        return .json(Array(data), status: status)
    }
}
