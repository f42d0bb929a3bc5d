import Foundation

/// Secrets of an invitation: the personal link token (256 bits, stored hashed) and the short check-in
/// code typed at the door.
enum InvitationCodes {
    /// Letters and digits that cannot be mistaken for each other when read aloud or typed (no 0/O, 1/I/L).
    static let codeAlphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
    /// 6 characters of 31: ~887 million codes, so a guess at the door is hopeless while a code stays short.
    static let codeLength = 6

    /// 128 bits: beyond guessing for a link that lives a few weeks, and short enough (22 characters,
    /// base64url) that an invitation with its link fits two SMS segments.
    static let tokenByteCount = 16

    static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<tokenByteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func code() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<codeLength).map { _ in codeAlphabet[Int.random(in: 0..<codeAlphabet.count, using: &generator)] })
    }
}
