import Foundation

/// The `messages` section of `config/allot.json`: how messages are written (templates, language, link
/// base, length bound) and how they leave (the delivery channel).
public struct MessageSettings: Codable, Sendable, Equatable {
    /// How messages leave the outbox.
    public enum Channel: String, Codable, Sendable {
        /// Messages wait in the outbox until `allot outbox export FILE.csv` hands them to a bulk SMS platform.
        case file
        /// A delivery worker posts each message as JSON to `webhook.url`.
        case webhook
    }

    /// Default bound on a rendered message: 2 segments (134 Chinese characters, 306 GSM ones). One
    /// 70-character segment cannot hold an event title, date, place and a ~45-character personal link;
    /// two keep the cost at two billed SMS and still display as one message on every common phone.
    public static let defaultMaxSegments = 2
    /// Largest bound a city may configure; operators refuse longer concatenations.
    static let maxSegmentsLimit = 10

    public var channel: Channel
    /// Start of every personal link (`{link}` = baseURL + the link path), e.g. `https://allot.example.cn`.
    public var baseURL: String
    /// Language of messages when the use case names none.
    public var language: MessageLanguage
    /// Most SMS segments a rendered message may take (see `SMSLength`).
    public var maxSegments: Int
    /// Templates by message kind, each in zh and en.
    public var templates: [String: LocalizedTemplate]
    /// Required when `channel` is `webhook`.
    public var webhook: WebhookSettings?

    public init(
        channel: Channel = .file, baseURL: String, language: MessageLanguage = .zh,
        maxSegments: Int = MessageSettings.defaultMaxSegments, templates: [String: LocalizedTemplate],
        webhook: WebhookSettings? = nil
    ) {
        self.channel = channel
        self.baseURL = baseURL
        self.language = language
        self.maxSegments = maxSegments
        self.templates = templates
        self.webhook = webhook
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        channel = try container.decodeIfPresent(Channel.self, forKey: .channel) ?? .file
        baseURL = try container.decode(String.self, forKey: .baseURL)
        language = try container.decodeIfPresent(MessageLanguage.self, forKey: .language) ?? .zh
        maxSegments = try container.decodeIfPresent(Int.self, forKey: .maxSegments) ?? Self.defaultMaxSegments
        templates = try container.decode([String: LocalizedTemplate].self, forKey: .templates)
        webhook = try container.decodeIfPresent(WebhookSettings.self, forKey: .webhook)
    }

    /// Settings with no templates and the file channel: what a configuration without `messages` means.
    /// Enqueueing then fails with a clear `noTemplate` error.
    public static let unconfigured = MessageSettings(baseURL: "", templates: [:])

    /// The problems of these settings, as reasons naming the offending key; empty when usable.
    func problems() -> [String] {
        var problems: [String] = []
        if !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://")) || baseURL.contains(where: \.isWhitespace) {
            problems.append("'messages.baseURL' must be an http:// or https:// address")
        }
        if !(1...Self.maxSegmentsLimit).contains(maxSegments) {
            problems.append("'messages.maxSegments' must be from 1 to \(Self.maxSegmentsLimit)")
        }
        for (kind, template) in templates.sorted(by: { $0.key < $1.key }) {
            guard MessageKind.isValidName(kind) else {
                problems.append("'messages.templates.\(kind)': kind names are snake_case")
                continue
            }
            for language in MessageLanguage.allCases {
                let key = "messages.templates.\(kind).\(language.rawValue)"
                let source = template.source(language)
                do throws(MessageTemplateSyntaxError) {
                    let parsed = try MessageTemplate(source)
                    if source.trimmingCharacters(in: .whitespaces).isEmpty {
                        problems.append("'\(key)' is empty")
                    } else if SMSLength(parsed.fixedText).segments > maxSegments {
                        problems.append(
                            "'\(key)' takes more than \(maxSegments) SMS segment(s) before any parameter")
                    }
                } catch {
                    problems.append("'\(key)': \(error.reason)")
                }
            }
        }
        if channel == .webhook && webhook == nil {
            problems.append("'messages.webhook' is required when 'messages.channel' is 'webhook'")
        }
        if let webhook { problems += webhook.problems() }
        return problems
    }
}

/// One message kind's template in each language.
public struct LocalizedTemplate: Codable, Sendable, Equatable {
    public var zh: String
    public var en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    func source(_ language: MessageLanguage) -> String {
        switch language {
        case .zh: zh
        case .en: en
        }
    }
}
