/// The database schema as ordered, named steps. Step n brings `PRAGMA user_version` from n-1 to n;
/// each runs in its own transaction. Add steps at the end; never edit a step that has shipped.
enum Migrations {
    struct Step: Sendable {
        let name: String
        let sql: String
    }

    static let steps: [Step] = [
        Step(
            name: "registry, contacts, tokens, audit log",
            sql: """
                CREATE TABLE person (
                    id INTEGER PRIMARY KEY,
                    pid TEXT NOT NULL UNIQUE,
                    birth_year INTEGER NOT NULL,
                    attributes TEXT NOT NULL,
                    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
                    enrolled_at TEXT NOT NULL,
                    withdrawn_at TEXT
                );
                CREATE TABLE contact (
                    person_id INTEGER PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    phone TEXT NOT NULL UNIQUE,
                    email TEXT
                );
                CREATE TABLE token (
                    id INTEGER PRIMARY KEY,
                    hash TEXT NOT NULL UNIQUE,
                    role TEXT NOT NULL CHECK (role IN ('admin', 'organizer', 'evaluator', 'citizen')),
                    label TEXT,
                    person_id INTEGER REFERENCES person(id) ON DELETE CASCADE,
                    created_at TEXT NOT NULL
                );
                CREATE INDEX token_person ON token(person_id);
                CREATE TABLE audit_entry (
                    seq INTEGER PRIMARY KEY,
                    at TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    subject TEXT,
                    details TEXT NOT NULL,
                    previous_hash TEXT NOT NULL,
                    hash TEXT NOT NULL
                );
                CREATE TABLE audit_head (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    seq INTEGER NOT NULL,
                    hash TEXT NOT NULL
                );
                """),
        Step(
            name: "events, draws, invitations, replacements, feedback, suggestions",
            sql: """
                CREATE TABLE event (
                    id INTEGER PRIMARY KEY,
                    title TEXT NOT NULL,
                    title_en TEXT,
                    department TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    starts_at TEXT NOT NULL,
                    place TEXT NOT NULL,
                    seats INTEGER NOT NULL CHECK (seats >= 1),
                    reserves INTEGER NOT NULL CHECK (reserves >= 0),
                    response_deadline TEXT,
                    cooldown_days INTEGER NOT NULL CHECK (cooldown_days >= 0),
                    filter TEXT NOT NULL,
                    quotas TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('draft', 'prepared', 'drawn', 'closed', 'cancelled')),
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                );
                CREATE TABLE draw (
                    id INTEGER PRIMARY KEY,
                    event_id INTEGER NOT NULL REFERENCES event(id),
                    round INTEGER NOT NULL DEFAULT 0,
                    algorithm TEXT NOT NULL,
                    beacon_source TEXT NOT NULL,
                    prepared_at TEXT NOT NULL,
                    pool_digest TEXT NOT NULL,
                    lottery_digest TEXT NOT NULL,
                    terms_digest TEXT NOT NULL,
                    terms TEXT NOT NULL,
                    pool TEXT NOT NULL,
                    lottery TEXT NOT NULL,
                    summary TEXT NOT NULL,
                    beacon TEXT,
                    seed TEXT,
                    panel_index INTEGER,
                    panel TEXT,
                    reserves TEXT,
                    finalized_at TEXT,
                    UNIQUE (event_id, round)
                );
                -- A prepared draw never changes; a finalized one never changes again; none is deleted.
                CREATE TRIGGER draw_prepared_immutable BEFORE UPDATE OF
                    event_id, round, algorithm, beacon_source, prepared_at, pool_digest, lottery_digest, terms_digest,
                    terms, pool, lottery, summary ON draw
                BEGIN SELECT RAISE(ABORT, 'a prepared draw is immutable'); END;
                CREATE TRIGGER draw_finalized_immutable BEFORE UPDATE ON draw WHEN OLD.finalized_at IS NOT NULL
                BEGIN SELECT RAISE(ABORT, 'a finalized draw is immutable'); END;
                CREATE TRIGGER draw_kept BEFORE DELETE ON draw
                BEGIN SELECT RAISE(ABORT, 'draws are kept'); END;
                CREATE TABLE invitation (
                    id INTEGER PRIMARY KEY,
                    event_id INTEGER NOT NULL REFERENCES event(id),
                    person_id INTEGER NOT NULL REFERENCES person(id),
                    state TEXT NOT NULL CHECK (state IN (
                        'invited', 'accepted', 'declined', 'expired', 'cancelled', 'attended', 'no_show')),
                    token_hash TEXT UNIQUE,
                    checkin_code TEXT,
                    deadline TEXT,
                    -- 0: drawn onto the panel; 1: a reserve invited in replacement; 2: drawn by a top-up draw
                    source INTEGER NOT NULL DEFAULT 0,
                    created_at TEXT NOT NULL,
                    responded_at TEXT,
                    attended_at TEXT,
                    updated_at TEXT NOT NULL,
                    UNIQUE (event_id, person_id)
                );
                CREATE INDEX invitation_person ON invitation(person_id, state);
                CREATE INDEX invitation_event ON invitation(event_id, state);
                CREATE UNIQUE INDEX invitation_code ON invitation(event_id, checkin_code);
                -- The public replacement log of allot-replace-v1, one row per vacated seat, in order.
                CREATE TABLE replacement (
                    id INTEGER PRIMARY KEY,
                    event_id INTEGER NOT NULL REFERENCES event(id),
                    vacated_pid TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('declined', 'expired', 'cancelled')),
                    skipped TEXT NOT NULL,
                    replacement_pid TEXT,
                    at TEXT NOT NULL,
                    unmet TEXT
                );
                CREATE INDEX replacement_event ON replacement(event_id, id);
                CREATE TABLE feedback (
                    id INTEGER PRIMARY KEY,
                    invitation_id INTEGER NOT NULL UNIQUE REFERENCES invitation(id),
                    overall INTEGER NOT NULL CHECK (overall BETWEEN 1 AND 5),
                    information INTEGER NOT NULL CHECK (information BETWEEN 1 AND 5),
                    heard INTEGER NOT NULL CHECK (heard BETWEEN 1 AND 5),
                    again INTEGER NOT NULL CHECK (again IN (0, 1)),
                    comment TEXT,
                    submitted_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                );
                CREATE TABLE suggestion (
                    id INTEGER PRIMARY KEY,
                    event_id INTEGER NOT NULL REFERENCES event(id),
                    invitation_id INTEGER NOT NULL REFERENCES invitation(id),
                    topic TEXT NOT NULL,
                    text TEXT NOT NULL,
                    status TEXT NOT NULL DEFAULT 'received' CHECK (status IN (
                        'received', 'under_review', 'adopted', 'partially_adopted', 'not_adopted')),
                    reply TEXT,
                    replied_at TEXT,
                    created_at TEXT NOT NULL
                );
                CREATE INDEX suggestion_event ON suggestion(event_id, id);
                """),
        Step(
            name: "message outbox",
            sql: """
                CREATE TABLE outbox (
                    id INTEGER PRIMARY KEY,
                    key TEXT NOT NULL UNIQUE,
                    kind TEXT NOT NULL,
                    person_id INTEGER NOT NULL REFERENCES person(id),
                    language TEXT NOT NULL,
                    body TEXT NOT NULL,
                    subject TEXT,
                    state TEXT NOT NULL DEFAULT 'pending'
                        CHECK (state IN ('pending', 'sent', 'failed', 'cancelled')),
                    attempts INTEGER NOT NULL DEFAULT 0,
                    last_error TEXT,
                    next_attempt_at TEXT,
                    created_at TEXT NOT NULL,
                    sent_at TEXT,
                    channel TEXT
                );
                CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
                CREATE INDEX outbox_person ON outbox(person_id, state);
                """),
    ]

    /// The schema version this program writes.
    static var currentVersion: Int { steps.count }

    /// Applies every step the database has not seen yet.
    static func apply(to connection: Connection) throws {
        let found = try connection.scalar("PRAGMA user_version")
        guard found <= currentVersion else { throw StorageError.newerSchema(found: found, known: currentVersion) }
        for (offset, step) in steps.enumerated() where offset >= found {
            try connection.transaction(immediate: true) { connection in
                try connection.execute(step.sql)
                // The version is a literal from this table, not input.
                try connection.execute("PRAGMA user_version = \(offset + 1)")
            }
        }
    }
}
