/// HMAC-SHA256 (RFC 2104): a keyed digest, used e.g. to chain audit entries.
public enum HMAC {
    /// The 32-byte HMAC-SHA256 of `message` under `key`.
    public static func sha256<Key: Sequence, Message: Sequence>(key: Key, message: Message) -> [UInt8]
    where Key.Element == UInt8, Message.Element == UInt8 {
        var keyBlock = Array(key)
        if keyBlock.count > SHA256.blockByteCount {
            keyBlock = SHA256.hash(keyBlock)
        }
        keyBlock.append(contentsOf: repeatElement(0, count: SHA256.blockByteCount - keyBlock.count))
        /// Inner and outer pad bytes fixed by RFC 2104.
        let innerPad: UInt8 = 0x36
        let outerPad: UInt8 = 0x5c
        var inner = SHA256()
        inner.update(keyBlock.map { $0 ^ innerPad })
        inner.update(message)
        var outer = SHA256()
        outer.update(keyBlock.map { $0 ^ outerPad })
        outer.update(inner.finalize())
        return outer.finalize()
    }

    /// HMAC-SHA256 of the UTF-8 bytes of `message` under the UTF-8 bytes of `key`, as lowercase hex.
    public static func sha256Hex(key: String, message: String) -> String {
        Hex.encode(sha256(key: Array(key.utf8), message: Array(message.utf8)))
    }
}
