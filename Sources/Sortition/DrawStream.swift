/// The public random stream of `allot-draw-v1`: block `i` is `SHA-256(seed ‖ i as 8-byte big-endian)`,
/// each block gives four 64-bit big-endian words, used in order.
///
/// Anyone with SHA-256 can recompute it; nothing in it depends on the machine.
public struct DrawStream: Sendable {
    /// Words per 32-byte block.
    static let wordsPerBlock = 4

    private let seed: [UInt8]
    private var blockIndex: UInt64 = 0
    private var words: [UInt64] = []
    private var position = 0

    /// A stream over `seed` (normally the 32-byte draw seed).
    public init(seed: [UInt8]) {
        self.seed = seed
    }

    /// The next 64-bit word of the stream.
    public mutating func nextWord() -> UInt64 {
        if position == words.count {
            refill()
        }
        let word = words[position]
        position += 1
        return word
    }

    /// A uniform integer in `0..<n` by rejection: a word `w` is accepted if `w < 2^64 − (2^64 mod n)`.
    /// Returns nil when `n` is not positive (there is nothing to choose from).
    public mutating func uniform(_ n: Int) -> Int? {
        guard n > 0 else { return nil }
        let bound = UInt64(n)
        // 2^64 mod n, computed without 65-bit arithmetic: (2^64 − n) mod n.
        let remainder = (0 &- bound) % bound
        while true {
            let word = nextWord()
            // remainder == 0: every word is accepted (n divides 2^64).
            if remainder == 0 || word < 0 &- remainder {
                return Int(word % bound)
            }
        }
    }

    private mutating func refill() {
        var hasher = SHA256()
        hasher.update(seed)
        hasher.update((0..<8).map { UInt8(truncatingIfNeeded: blockIndex >> UInt64(56 - 8 * $0)) })
        let block = hasher.finalize()
        blockIndex &+= 1
        words = (0..<DrawStream.wordsPerBlock).map { w in
            (0..<8).reduce(UInt64(0)) { $0 << 8 | UInt64(block[8 * w + $1]) }
        }
        position = 0
    }
}
