import Foundation

/// The message outbox: every message to a citizen is rendered from a configured template and stored here
/// inside the transaction of the use case that causes it, then leaves by the configured channel
/// (`allot outbox export` for the file channel, `OutboxDelivery` for the webhook).
///
/// Other use cases call `enqueue(_:in:)` inside their own `database.write`, so the message exists exactly
/// when their change does (a missing parameter or an over-long text throws and rolls their change back):
///
/// ```swift
/// try database.write { connection in
///     // … insert the invitation row …
///     _ = try outbox.enqueue(
///         MessageDraft(
///             kind: .invitation, pid: pid, parameters: ["title": title, "date": date, "place": place],
///             linkPath: "/i/\(token)", subject: "invitation:\(id)"),
///         in: connection)
/// }
/// ```
///
/// In `allot serve`, use the one `Outbox` the server creates: its `signal` wakes the delivery worker.
public struct Outbox: Sendable {
    public let database: Database
    public let settings: MessageSettings
    /// Wakes the delivery worker after an enqueue.
    public let signal: OutboxSignal
    let clock: @Sendable () -> Date

    /// `clock` gives enqueue, export and retry times; tests pass one they can move.
    public init(
        database: Database, settings: MessageSettings, signal: OutboxSignal = OutboxSignal(),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.database = database
        self.settings = settings
        self.signal = signal
        self.clock = clock
    }

    /// The outbox with the configuration's `messages` settings (none configured: every enqueue fails
    /// with `noTemplate`).
    public init(
        database: Database, config: AllotConfig, signal: OutboxSignal = OutboxSignal(),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.init(database: database, settings: config.messages ?? .unconfigured, signal: signal, clock: clock)
    }

    /// The text `draft` would be sent with; throws `MessageError` for a missing template or parameter,
    /// or a text over `messages.maxSegments` SMS segments.
    public func render(_ draft: MessageDraft) throws(MessageError) -> RenderedMessage {
        let kind = draft.kind.rawValue
        guard let localized = settings.templates[kind] else { throw .noTemplate(kind: kind) }
        let language = draft.language ?? settings.language
        let template: MessageTemplate
        do throws(MessageTemplateSyntaxError) {
            template = try MessageTemplate(localized.source(language))
        } catch {
            throw .badTemplate(kind: kind, language: language.rawValue, reason: error.reason)
        }
        // Values are one line each: a line break in an event title must not split the SMS or the CSV row.
        var parameters = draft.parameters.mapValues { value in
            String(value.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
        }
        if let path = draft.linkPath {
            let base = settings.baseURL.hasSuffix("/") ? String(settings.baseURL.dropLast()) : settings.baseURL
            parameters["link"] = base + (path.hasPrefix("/") ? path : "/" + path)
        }
        let text: String
        switch template.render(parameters) {
        case .success(let rendered): text = rendered
        case .failure(let missing):
            throw .missingParameter(kind: kind, language: language.rawValue, name: missing.name)
        }
        let length = SMSLength(text)
        guard length.segments <= settings.maxSegments else {
            throw .tooLong(
                kind: kind, language: language.rawValue, units: length.units, segments: length.segments,
                maxSegments: settings.maxSegments)
        }
        return RenderedMessage(text: text, language: language, length: length)
    }

    /// Renders and stores `draft` inside the caller's write transaction. A withdrawn recipient's message
    /// is stored already `cancelled` (never sent) rather than failing the caller's whole use case.
    func enqueue(_ draft: MessageDraft, in connection: Connection) throws -> OutboxMessage {
        let rendered = try render(draft)
        let person = try connection.prepare("SELECT id, status FROM person WHERE pid = ?").firstRow([
            .text(draft.pid)
        ]) { row in (id: row.int64(0), withdrawn: row.text(1) == "withdrawn") }
        guard let person else { throw MessageError.unknownRecipient(pid: draft.pid) }
        let now = Timestamp.string(clock())
        try connection.prepare(
            """
            INSERT INTO outbox (key, kind, person_id, language, body, subject, state, last_error, next_attempt_at,
                                created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        ).run([
            .text(Self.newKey()), .text(draft.kind.rawValue), .integer(person.id), .text(rendered.language.rawValue),
            .text(rendered.text), SQLValue(draft.subject),
            .text(person.withdrawn ? OutboxState.cancelled.rawValue : OutboxState.pending.rawValue),
            SQLValue(person.withdrawn ? OutboxStore.withdrawnReason : nil), SQLValue(person.withdrawn ? nil : now),
            .text(now),
        ])
        let id = connection.lastInsertRowID
        // The worker's next claim needs the writer connection, so it runs after this transaction ends.
        if !person.withdrawn { signal.notify() }
        guard let message = try OutboxStore.message(id: id, in: connection) else {
            throw MessageError.unknownMessage(id: id)
        }
        return message
    }

    /// Renders and stores messages in one transaction of their own: all or none.
    public func enqueue(_ drafts: [MessageDraft]) throws -> [OutboxMessage] {
        try database.write { connection in try drafts.map { try enqueue($0, in: connection) } }
    }

    /// Renders and stores one message in a transaction of its own.
    public func enqueue(_ draft: MessageDraft) throws -> OutboxMessage {
        try database.write { connection in try enqueue(draft, in: connection) }
    }

    /// Messages, newest first, optionally of one state and kind, at most `limit`.
    public func list(state: OutboxState? = nil, kind: String? = nil, limit: Int = 100) throws -> [OutboxMessage] {
        try database.read { connection in
            try OutboxStore.list(state: state, kind: kind, limit: limit, in: connection)
        }
    }

    /// One message by id.
    public func message(id: Int64) throws -> OutboxMessage {
        let message = try database.read { connection in try OutboxStore.message(id: id, in: connection) }
        guard let message else { throw MessageError.unknownMessage(id: id) }
        return message
    }

    /// How many messages are in each state.
    public func counts() throws -> OutboxCounts {
        try database.read { connection in try OutboxStore.counts(in: connection) }
    }

    /// Puts a failed message back to pending, due now, with its attempts reset (same idempotency key, so a
    /// gateway that did receive it does not send it twice). Audited.
    public func retry(id: Int64, actor: Actor) throws -> OutboxMessage {
        let time = clock()
        let message = try database.write { connection in
            guard let current = try OutboxStore.message(id: id, in: connection) else {
                throw MessageError.unknownMessage(id: id)
            }
            guard current.state == .failed else {
                throw MessageError.notFailed(id: id, state: current.state.rawValue)
            }
            try connection.prepare(
                "UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ? WHERE id = ?"
            ).run([.text(Timestamp.string(time)), .integer(id)])
            var audit = try AuditWriter(connection: connection)
            try audit.append(
                at: time, actor: actor, action: "outbox.retry", subject: current.pid, details: ["message": "\(id)"])
            guard let updated = try OutboxStore.message(id: id, in: connection) else {
                throw MessageError.unknownMessage(id: id)
            }
            return updated
        }
        signal.notify()
        return message
    }

    /// Cancels the pending messages of a person (on withdrawal), inside the caller's transaction;
    /// returns how many.
    static func cancelPending(personID: Int64, in connection: Connection) throws -> Int {
        try connection.prepare(
            """
            UPDATE outbox SET state = 'cancelled', last_error = ?, next_attempt_at = NULL
            WHERE person_id = ? AND state = 'pending'
            """
        ).run([.text(OutboxStore.withdrawnReason), .integer(personID)])
        return try connection.scalar("SELECT changes()")
    }

    /// 128 random bits as 32 hex digits: unique without coordination, stable once stored.
    static func newKey() -> String {
        var generator = SystemRandomNumberGenerator()
        let words = [generator.next(), generator.next()] as [UInt64]
        return words.map { word in
            let hex = String(word, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }
}
