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
