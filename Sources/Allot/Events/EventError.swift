/// Why an event or draw use case refused; each case carries what the organizer needs to act.
public enum EventError: AllotError, Equatable {
    case notFound(id: Int)
    /// A field of an event is missing or wrong.
    case invalidField(field: String, reason: String)
    /// The event is past its draft stage; its terms are fixed.
    case notEditable(id: Int, status: EventStatus)
    /// The action does not apply in the event's current state.
    case wrongState(id: Int, status: EventStatus, action: String)
    /// Values without seats (no census figure); they must be given before preparing.
    case quotasIncomplete([String])
    /// Quota lines that contradict each other or the schema.
    case invalidQuotas(String)
    /// The targets file cannot be read or has an unknown shape.
    case targets(path: String, reason: String)
    /// The draw pipeline refused (infeasible quotas keep their typed diagnostics).
    case draw(DrawPipelineError)
    /// No draw has been prepared for this event.
    case notPrepared(id: Int)
    /// The draw was finalized already; a draw is final.
    case alreadyFinalized(id: Int)

    public var code: String {
        switch self {
        case .notFound: "event_not_found"
        case .invalidField: "invalid_field"
        case .notEditable: "event_not_editable"
        case .wrongState: "wrong_event_state"
        case .quotasIncomplete: "quotas_incomplete"
        case .invalidQuotas: "invalid_quotas"
        case .targets: "targets_unreadable"
        case .draw(let error): error.code
        case .notPrepared: "draw_not_prepared"
        case .alreadyFinalized: "draw_already_finalized"
        }
    }

    public var message: String {
        switch self {
        case .notFound(let id): "no event with id \(id)"
        case .invalidField(let field, let reason): "\(field): \(reason)"
        case .notEditable(let id, let status):
            "event \(id) is \(status.rawValue): its terms are fixed once a draw is prepared"
        case .wrongState(let id, let status, let action): "cannot \(action) event \(id): it is \(status.rawValue)"
        case .quotasIncomplete(let values):
            "no census figure for \(values.joined(separator: ", ")): give their seats "
                + "(e.g. --quota age=18-29:2-4) or leave the attribute unconstrained (--unconstrained age)"
        case .invalidQuotas(let reason): "invalid quotas: \(reason)"
        case .targets(let path, let reason): "targets file \(path): \(reason)"
        case .draw(let error): error.message
        case .notPrepared(let id): "event \(id) has no prepared draw: run draw prepare first"
        case .alreadyFinalized(let id): "the draw of event \(id) is finalized already; a draw is final"
        }
    }

    public var category: ErrorCategory {
        switch self {
        case .notFound: .notFound
        case .invalidField, .quotasIncomplete, .invalidQuotas, .targets, .draw: .invalidInput
        case .notEditable, .wrongState, .notPrepared, .alreadyFinalized: .conflict
        }
    }
}
