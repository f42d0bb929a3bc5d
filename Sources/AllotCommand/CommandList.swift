/// Every `allot` command, registered in one list.
///
/// How to add a command: create `Commands/NameCommand.swift` declaring
/// `extension Command { static let name = Command(["group", "name"], abstract: "...", parameters: [...]) { invocation in ... } }`
/// (see `Parameter` for `.option`, `.flag`, `.argument`; read values with `invocation.option/flag/argument`,
/// print with `invocation.print` or `invocation.printJSON` when `invocation.json`), then add one line
/// `.name,` to `all` below. Help, usage errors and exit codes come from the framework in `CLI/`.
/// Throw `UsageError` for a bad command line (exit 2); any other error exits 1 with its message.
enum CommandList {
    static let all: [Command] = [
        .initialize,
        .schema,
        .tokenCreate,
        .tokenList,
        .tokenRevoke,
        .poolImport,
        .poolExport,
        .poolStats,
        .personEnroll,
        .personShow,
        .personWithdraw,
        .backup,
        .auditVerify,
        .auditList,
        .serve,
        .select,
        .verify,
        .outboxExport,
        .outboxList,
        .outboxDeliver,
        .outboxRetry,
        .reportEvent,
        .reportSummary,
        .eventCreate,
        .eventList,
        .eventShow,
        .eventUpdate,
        .eventCancel,
        .eventEligible,
        .drawPrepare,
        .drawFinalize,
        .drawExport,
        .drawVerify,
        .invite,
        .invitations,
        .invitationsExpire,
        .invitationSet,
        .replace,
        .replacements,
        .checkin,
        .eventClose,
        .suggestions,
        .suggestionReply,
    ]

    /// One-line descriptions of command groups, shown by `allot --help` and `allot GROUP --help`.
    static let groups: [String: String] = [
        "pool": "the volunteer pool: import, export, statistics",
        "person": "one volunteer: enroll, show, withdraw",
        "token": "API tokens",
        "audit": "the tamper-evident audit log: verify, list",
        "outbox": "messages to citizens: export, list, deliver, retry",
        "report": "evaluation reports for evaluators: one event, or a summary across events",
        "event": "events: create, list, show, update, cancel, eligibility, close",
        "draw": "an event's draw: prepare, finalize, export, verify",
        "invitation": "one invitation: record an answer received by phone",
        "suggestion": "a citizen's suggestion: the public reply",
    ]
}
