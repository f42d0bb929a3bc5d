import Foundation
import HTTPServer

/// Refuses JSON objects with fields the API does not know, so a typo is an error, not silence.
enum StrictFields {
    static let enrollment: Set<String> = ["name", "phone", "email", "birthYear", "attributes", "consent"]
    static let update: Set<String> = ["name", "phone", "email", "birthYear", "attributes"]

    /// Throws 400 `invalid_json` when the body is not a JSON object or has an unknown top-level field.
    static func check(_ body: [UInt8], allowed: Set<String>) throws(HTTPError) {
        guard !body.isEmpty else { throw APIError.invalidJSON("the request body is empty") }
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) else {
            throw APIError.invalidJSON("the body is not valid JSON")
        }
        guard let fields = object as? [String: Any] else {
            throw APIError.invalidJSON("the body must be a JSON object")
        }
        if let unknown = fields.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw APIError.invalidJSON("unknown field '\(unknown)'")
        }
    }
}
