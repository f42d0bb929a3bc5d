/// The language a message is written in; every template exists in both.
public enum MessageLanguage: String, Codable, Sendable, CaseIterable {
    case zh
    case en
}
