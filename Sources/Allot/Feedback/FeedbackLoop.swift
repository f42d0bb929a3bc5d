import Foundation

/// Feedback and the suggestion loop (闭环): attendees score the event and make suggestions through their
/// link; organizers reply in public; the author is told by a message. Suggestions are public without
/// their authors.
public struct FeedbackLoop: Sendable {
    let invitations: Invitations

    /// Longest comment or suggestion text: a page of writing.
    static let maxTextLength = 2000
    static let maxTopicLength = 100
    /// Suggestions in one submission; more is not feedback but a flood.
    static let maxSuggestions = 20

    public init(invitations: Invitations) {
        self.invitations = invitations
    }

    var database: Database { invitations.database }

    /// Gives feedback (once per attendee, inside the window).
    public func submit(token: String, _ input: FeedbackInput) throws -> FeedbackRecord {
        try save(token: token, input, isEdit: false)
    }

    /// Changes the feedback given before (inside the window); new suggestions are added.
    public func update(token: String, _ input: FeedbackInput) throws -> FeedbackRecord {
        try save(token: token, input, isEdit: true)
    }

    /// The feedback given through this link.
    public func show(token: String) throws -> FeedbackRecord {
        try database.read { connection in
            guard let row = try InvitationStore.byToken(token, in: connection) else { throw InvitationError.unknownToken }
            guard let record = try record(row, in: connection) else { throw FeedbackError.noFeedbackYet }
            return record
        }
    }

    private func save(token: String, _ input: FeedbackInput, isEdit: Bool) throws -> FeedbackRecord {
        let checked = try Self.validate(input)
        return try database.write { connection in
            guard let row = try InvitationStore.byToken(token, in: connection),
                let event = try EventStore.find(row.eventId, in: connection)
            else { throw InvitationError.unknownToken }
            guard row.invitation.state == .attended else { throw FeedbackError.notAttended(state: row.invitation.state) }
            guard invitations.feedbackWindowOpen(event) else { throw FeedbackError.windowClosed }
            let exists = try connection.scalar("SELECT count(*) FROM feedback WHERE invitation_id = ?", [.integer(row.id)]) > 0
            if exists && !isEdit { throw FeedbackError.alreadyGiven }
            if !exists && isEdit { throw FeedbackError.noFeedbackYet }
            let now = Timestamp.string(invitations.clock())
            let values: [SQLValue] = [
                SQLValue(checked.overall), SQLValue(checked.information), SQLValue(checked.heard),
                SQLValue(checked.again ? 1 : 0), SQLValue(checked.comment), .text(now), .integer(row.id),
            ]
            if exists {
                try connection.prepare(
                    "UPDATE feedback SET overall = ?, information = ?, heard = ?, again = ?, comment = ?, updated_at = ? WHERE invitation_id = ?"
                ).run(values)
            } else {
                try connection.prepare(
                    """
                    INSERT INTO feedback (overall, information, heard, again, comment, submitted_at, updated_at, invitation_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """
                ).run(Array(values.prefix(6)) + [.text(now), .integer(row.id)])
            }
            for suggestion in checked.suggestions ?? [] {
                try connection.prepare(
                    "INSERT INTO suggestion (event_id, invitation_id, topic, text, created_at) VALUES (?, ?, ?, ?, ?)"
                ).run([SQLValue(event.id), .integer(row.id), .text(suggestion.topic), .text(suggestion.text), .text(now)])
            }
            var audit = try AuditWriter(connection: connection)
            try audit.append(
                at: invitations.clock(), actor: Actor("citizen:\(row.invitation.pid)"),
                action: exists ? "feedback.update" : "feedback.submit", subject: row.invitation.pid,
                details: ["event": String(event.id), "suggestions": String(checked.suggestions?.count ?? 0)])
            guard let record = try record(row, in: connection) else { throw FeedbackError.noFeedbackYet }
            return record
        }
    }

    /// Scores within 1…5, texts trimmed and bounded, no control characters but line breaks in prose.
    static func validate(_ input: FeedbackInput) throws(FeedbackError) -> FeedbackInput {
        for (name, score) in [("overall", input.overall), ("information", input.information), ("heard", input.heard)]
        where !(1...5).contains(score) {
            throw .invalidField(field: name, reason: "must be a score from 1 to 5, got \(score)")
        }
        var checked = input
        checked.comment = try input.comment.flatMap { text throws(FeedbackError) in
            try prose(text, field: "comment", limit: maxTextLength)
        }
        let suggestions = input.suggestions ?? []
        guard suggestions.count <= maxSuggestions else {
            throw .invalidField(field: "suggestions", reason: "at most \(maxSuggestions) at a time")
        }
        checked.suggestions = try suggestions.enumerated().map { index, suggestion throws(FeedbackError) in
            guard let topic = try prose(suggestion.topic, field: "suggestions[\(index)].topic", limit: maxTopicLength),
                let text = try prose(suggestion.text, field: "suggestions[\(index)].text", limit: maxTextLength)
            else { throw .invalidField(field: "suggestions[\(index)]", reason: "topic and text are required") }
            return SuggestionInput(topic: topic, text: text)
        }
        return checked
    }

    /// Trimmed text or nil when empty; refused when too long or holding control characters.
    static func prose(_ text: String, field: String, limit: Int) throws(FeedbackError) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        guard trimmed.count <= limit else { throw .invalidField(field: field, reason: "is longer than \(limit) characters") }
        let allowed: Set<Unicode.Scalar> = ["\n", "\r", "\t"]
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !allowed.contains($0) })
        else { throw .invalidField(field: field, reason: "contains control characters") }
        return trimmed
    }

    private func record(_ row: InvitationStore.Row, in connection: Connection) throws -> FeedbackRecord? {
        try connection.prepare(
            "SELECT overall, information, heard, again, comment, submitted_at, updated_at FROM feedback WHERE invitation_id = ?"
        ).firstRow([.integer(row.id)]) { r in
            FeedbackRecord(
                eventId: row.eventId, overall: r.int(0), information: r.int(1), heard: r.int(2), again: r.int(3) == 1,
                comment: r.optionalText(4),
                suggestions: try Self.suggestions(where: "invitation_id = ?", [.integer(row.id)], in: connection),
                submittedAt: r.text(5), updatedAt: r.text(6))
        }
    }

    static func suggestions(where condition: String, _ values: [SQLValue], in connection: Connection) throws -> [Suggestion] {
        try connection.prepare(
            "SELECT id, event_id, topic, text, status, reply, replied_at, created_at FROM suggestion WHERE \(condition) ORDER BY id"
        ).rows(values) { r in
            Suggestion(
                id: r.int(0), eventId: r.int(1), topic: r.text(2), text: r.text(3),
                status: SuggestionStatus(rawValue: r.text(4)) ?? .received, reply: r.optionalText(5),
                repliedAt: r.optionalText(6), createdAt: r.text(7))
        }
    }

    /// The suggestions of an event with their status and replies, never their authors (public).
    public func suggestions(_ eventId: Int) throws -> [Suggestion] {
        try database.read { connection in
            guard try EventStore.find(eventId, in: connection) != nil else { throw EventError.notFound(id: eventId) }
            return try Self.suggestions(where: "event_id = ?", [SQLValue(eventId)], in: connection)
        }
    }

    /// An organizer's follow-up: a status and a public reply; the author is told by a message.
    public func reply(_ id: Int, status: String, reply: String, actor: Actor) throws -> Suggestion {
        guard let status = SuggestionStatus(rawValue: status) else {
            throw FeedbackError.invalidField(
                field: "status", reason: "must be one of \(SuggestionStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let text = try Self.prose(reply, field: "reply", limit: Self.maxTextLength) else {
            throw FeedbackError.invalidField(field: "reply", reason: "is required")
        }
        return try database.write { connection in
            guard
                let found = try connection.prepare(
                    """
                    SELECT s.event_id, p.pid, e.title FROM suggestion s JOIN invitation i ON i.id = s.invitation_id
                    JOIN person p ON p.id = i.person_id JOIN event e ON e.id = s.event_id WHERE s.id = ?
                    """
                ).firstRow([SQLValue(id)], { ($0.int(0), $0.text(1), $0.text(2)) })
            else { throw FeedbackError.suggestionNotFound(id: id) }
            let now = Timestamp.string(invitations.clock())
            try connection.prepare("UPDATE suggestion SET status = ?, reply = ?, replied_at = ? WHERE id = ?").run([
                .text(status.rawValue), .text(text), .text(now), SQLValue(id),
            ])
            _ = try invitations.outbox.enqueue(
                MessageDraft(
                    kind: .suggestionReply, pid: found.1, parameters: ["title": found.2],
                    linkPath: "/events/\(found.0)", subject: "suggestion:\(id)"),
                in: connection)
            var audit = try AuditWriter(connection: connection)
            try audit.append(
                at: invitations.clock(), actor: actor, action: "suggestion.reply", subject: "suggestion:\(id)",
                details: ["status": status.rawValue, "event": String(found.0)])
            guard let suggestion = try Self.suggestions(where: "id = ?", [SQLValue(id)], in: connection).first else {
                throw FeedbackError.suggestionNotFound(id: id)
            }
            return suggestion
        }
    }
}
