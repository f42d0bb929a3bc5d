import Testing

@testable import Allot

@Suite struct TextRulesTests {
    @Test(
        arguments: [
            ([0x41, 0x42], true), ([0xE7, 0x8E, 0x8B], true), ([0xF0, 0x9F, 0x98, 0x80], true),
            ([0xC0, 0xAF], false),  // overlong '/'
            ([0xE0, 0x80, 0xAF], false),  // overlong, three bytes
            ([0xED, 0xA0, 0x80], false),  // UTF-16 surrogate
            ([0xF4, 0x90, 0x80, 0x80], false),  // past U+10FFFF
            ([0xE7, 0x8E], false),  // truncated
            ([0x80], false),  // lone continuation byte
            ([0xE7, 0x41, 0x8B], false),  // bad continuation
        ] as [([UInt8], Bool)])
    func utf8ValidationMatchesTheStandardLibrary(bytes: [UInt8], valid: Bool) {
        #expect(bytes.withUnsafeBufferPointer(TextRules.isValidUTF8) == valid)
        #expect((String(validating: bytes, as: UTF8.self) != nil) == valid)
    }

    @Test func trimsUnicodeWhitespaceOnly() {
        #expect(TextRules.trimmed("  王小明\t") == "王小明")
        #expect(TextRules.trimmed("\u{3000}浦东新区\u{3000}") == "浦东新区")
        #expect(TextRules.trimmed("a b") == "a b")
        #expect(TextRules.trimmed("   ") == "")
        #expect(TextRules.trimmed("") == "")
    }
}
