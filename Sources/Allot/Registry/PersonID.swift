import Foundation

/// Public pseudonyms: 8 characters of Crockford's base32 (no I, L, O, U), from the system's secure
/// random generator — 40 bits, not derived from anything about the person. Collisions are caught by the
/// unique index and retried.
enum PersonID {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)
    static let length = 8
    /// Attempts before giving up on a fresh pid; with 2^40 values a second collision in a row is
    /// practically impossible unless the generator is broken.
    static let attempts = 5

    /// The format in words, for error messages.
    static let format = "8 characters of 0-9 and A-Z without I, L, O, U"

    /// Whether `text` is spelled as pids are (the alphabet and length above).
    static func isValid(_ text: String) -> Bool {
        text.utf8.count == length && text.utf8.allSatisfy(alphabet.contains)
    }

    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return make(from: generator.next())
    }

    /// The pid spelled by the low 40 bits of `bits`.
    static func make(from bits: UInt64) -> String {
        var bits = bits
        var bytes: [UInt8] = []
        bytes.reserveCapacity(length)
        for _ in 0..<length {
            bytes.append(alphabet[Int(bits & 31)])
            bits >>= 5
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Random 64-bit words for pids, read from the kernel's secure generator (/dev/urandom) a page at a
/// time: a few system calls per 512 pids instead of one per pid, which matters when importing a million people.
final class PersonIDSource {
    /// Words fetched per system call.
    static let wordsPerRefill = 512

    private var words: [UInt64] = []

    func next() -> String {
        if words.isEmpty { refill() }
        return PersonID.make(from: words.removeLast())
    }

    private func refill() {
        var fresh = [UInt64](repeating: 0, count: Self.wordsPerRefill)
        let filled = fresh.withUnsafeMutableBytes { buffer -> Bool in
            guard let base = buffer.baseAddress, let device = fopen("/dev/urandom", "rb") else { return false }
            defer { fclose(device) }
            return fread(base, 1, buffer.count, device) == buffer.count
        }
        if !filled {
            // Without /dev/urandom (odd environments), fall back to the stdlib's generator.
            var generator = SystemRandomNumberGenerator()
            fresh = (0..<Self.wordsPerRefill).map { _ in generator.next() }
        }
        words = fresh
    }
}
