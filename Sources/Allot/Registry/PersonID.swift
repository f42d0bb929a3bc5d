/// Public pseudonyms: 8 characters of Crockford's base32 (no I, L, O, U), from the system's secure
/// random generator — 40 bits, not derived from anything about the person. Collisions are caught by the
/// unique index and retried.
enum PersonID {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)
    static let length = 8
    /// Attempts before giving up on a fresh pid; with 2^40 values a second collision in a row is
    /// practically impossible unless the generator is broken.
    static let attempts = 5

    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        var bits = generator.next()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(length)
        for _ in 0..<length {
            bytes.append(alphabet[Int(bits & 31)])
            bits >>= 5
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
