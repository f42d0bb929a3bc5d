/// Mainland China mobile numbers: `1[3-9]` then nine digits, optionally written with `+86`/`0086`,
/// spaces or hyphens. Stored in the 11-digit form, which is what uniqueness is checked on.
enum PhoneNumber {
    static func normalize(_ text: String) -> String? {
        var digits: [UInt8] = []
        digits.reserveCapacity(16)
        for byte in text.utf8 where byte != UInt8(ascii: " ") && byte != UInt8(ascii: "-") && byte != 0x09 {
            digits.append(byte)
            guard digits.count <= 16 else { return nil }
        }
        let plus = UInt8(ascii: "+")
        if digits.first == plus {
            guard digits.starts(with: [plus, UInt8(ascii: "8"), UInt8(ascii: "6")]) else { return nil }
            digits.removeFirst(3)
        } else if digits.starts(with: Array("0086".utf8)) {
            digits.removeFirst(4)
        } else if digits.count == 13, digits.starts(with: Array("86".utf8)) {
            digits.removeFirst(2)
        }
        guard digits.count == 11, digits[0] == UInt8(ascii: "1"),
            (UInt8(ascii: "3")...UInt8(ascii: "9")).contains(digits[1]),
            digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else { return nil }
        return String(decoding: digits, as: UTF8.self)
    }
}
