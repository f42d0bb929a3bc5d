/// How many SMS segments a text needs, as a mobile network counts them (3GPP TS 23.038 / 23.040).
///
/// A text made only of the GSM 7-bit alphabet takes 160 characters in one SMS, or 153 per segment when
/// it is split (the rest of each segment carries the reassembly header); characters of the extension
/// table (`^{}\[~]|€`) count twice. Any other character — every Chinese one — switches the whole text to
/// UCS-2: 70 UTF-16 units in one SMS, 67 per segment when split. Operators bill per segment, and some
/// phones show long concatenations badly, so `messages.maxSegments` bounds every rendered message.
public struct SMSLength: Sendable, Equatable {
    /// GSM 7-bit septets in one unsplit SMS.
    public static let gsmSingle = 160
    /// GSM 7-bit septets per segment of a split SMS.
    public static let gsmPerSegment = 153
    /// UCS-2 units in one unsplit SMS.
    public static let ucs2Single = 70
    /// UCS-2 units per segment of a split SMS.
    public static let ucs2PerSegment = 67

    /// Whether the text fits the GSM 7-bit alphabet (else it is sent as UCS-2).
    public let isGSM: Bool
    /// Length in the encoding's units: septets for GSM, UTF-16 units for UCS-2.
    public let units: Int
    /// Segments the text is sent in (at least 1).
    public let segments: Int

    public init(_ text: String) {
        var septets = 0
        var gsm = true
        for scalar in text.unicodeScalars {
            if Self.basic.contains(scalar) {
                septets += 1
            } else if Self.extended.contains(scalar) {
                septets += 2
            } else {
                gsm = false
                break
            }
        }
        isGSM = gsm
        units = gsm ? septets : text.utf16.count
        let (single, perSegment) = gsm ? (Self.gsmSingle, Self.gsmPerSegment) : (Self.ucs2Single, Self.ucs2PerSegment)
        segments = units <= single ? 1 : (units + perSegment - 1) / perSegment
    }

    /// The GSM 03.38 default alphabet (without the escape character).
    private static let basic = Set(
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
            .unicodeScalars)
    /// The extension table, sent as an escape plus a character: two septets each.
    private static let extended = Set("^{}\\[~]|€\u{0C}".unicodeScalars)
}
