/// Mainland China mobile numbers: `1[3-9]` then nine digits, optionally written with `+86`/`0086`,
/// spaces or hyphens. Stored in the 11-digit form, which is what uniqueness is checked on.
enum PhoneNumber {
    static func normalize(_ text: String) -> String? {
        var digits = text.unicodeScalars.filter { $0 != " " && $0 != "-" }.map(Character.init)
        if digits.first == "+" {
            guard digits.starts(with: ["+", "8", "6"]) else { return nil }
            digits.removeFirst(3)
        } else if digits.starts(with: ["0", "0", "8", "6"]) {
            digits.removeFirst(4)
        } else if digits.count == 13, digits.starts(with: ["8", "6"]) {
            digits.removeFirst(2)
        }
        guard digits.count == 11, digits[0] == "1", ("3"..."9").contains(digits[1]),
            digits.allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        return String(digits)
    }
}
