-- Fenliu initial schema: tokens, calls as received, decisions, the per-call event log, and the item queue.
-- Timestamps are RFC 3339 UTC strings with milliseconds ("2026-11-29T01:12:36.123Z"): they sort as text.

CREATE TABLE api_tokens (
    id          INTEGER PRIMARY KEY,
    token_hash  TEXT    NOT NULL UNIQUE,          -- SHA-256 hex of the bearer token; the token itself is never stored
    role        TEXT    NOT NULL CHECK (role IN ('admin', 'desk', 'hotline', 'township')),
    township    TEXT,
    label       TEXT,
    created_at  TEXT    NOT NULL,
    revoked_at  TEXT,
    CHECK ((role = 'township') = (township IS NOT NULL))
);

CREATE TABLE calls (
    id            INTEGER PRIMARY KEY,
    call_id       TEXT    NOT NULL UNIQUE,
    source        TEXT    NOT NULL,
    text          TEXT    NOT NULL,
    address       TEXT,
    address_key   TEXT,                           -- normalised address, for repeat counting
    caller_phone  TEXT,
    lat           REAL,
    lon           REAL,
    received_at   TEXT    NOT NULL,               -- as given by the client, or the intake time
    received_utc  TEXT    NOT NULL,               -- the same instant in UTC, for ordering and windows
    request_hash  TEXT    NOT NULL,               -- SHA-256 of the canonical request: same call_id + same hash = a retry
    created_at    TEXT    NOT NULL,
    CHECK ((lat IS NULL) = (lon IS NULL))
);
CREATE INDEX calls_by_phone   ON calls (caller_phone, received_utc) WHERE caller_phone IS NOT NULL;
CREATE INDEX calls_by_address ON calls (address_key, received_utc) WHERE address_key IS NOT NULL;

CREATE TABLE decisions (
    id               INTEGER PRIMARY KEY,
    decision_id      TEXT    NOT NULL UNIQUE,
    call_id          TEXT    NOT NULL REFERENCES calls (call_id),
    police           INTEGER NOT NULL CHECK (police IN (0, 1)),
    category         TEXT    NOT NULL,
    target           TEXT    NOT NULL CHECK (target IN ('police', 'township', 'hotline_12345', 'none')),
    township         TEXT,
    confidence       REAL    NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
    reasons          TEXT    NOT NULL,            -- JSON array of {rule, matched}
    escalation       INTEGER NOT NULL DEFAULT 0,
    repeat_flag      INTEGER NOT NULL DEFAULT 0,
    risk_flags       TEXT    NOT NULL DEFAULT '[]',
    duplicate_of     TEXT,
    linked_township  TEXT,
    ruleset_version  TEXT    NOT NULL,
    decided_by       TEXT    NOT NULL,            -- 'classifier', or the actor of an override / re-route
    decided_at       TEXT    NOT NULL,
    superseded_at    TEXT,                        -- set when an override or re-route replaces this decision
    CHECK ((target = 'township') = (township IS NOT NULL))
);
CREATE INDEX decisions_by_call ON decisions (call_id, id);
CREATE INDEX decisions_open ON decisions (category, township, id) WHERE superseded_at IS NULL;
CREATE INDEX decisions_by_target ON decisions (target, id);
CREATE INDEX decisions_by_township ON decisions (township, id) WHERE township IS NOT NULL;
CREATE INDEX decisions_by_category ON decisions (category, id);
CREATE INDEX decisions_by_time ON decisions (decided_at, id);

-- Items a township command room or the 12345 hotline must handle; one row a hand-over.
CREATE TABLE items (
    id                 INTEGER PRIMARY KEY,
    call_id            TEXT    NOT NULL REFERENCES calls (call_id),
    decision_id        TEXT    NOT NULL REFERENCES decisions (decision_id),
    kind               TEXT    NOT NULL CHECK (kind IN ('primary', 'follow_up')),
    target             TEXT    NOT NULL CHECK (target IN ('township', 'hotline_12345')),
    township           TEXT,
    state              TEXT    NOT NULL,
    created_at         TEXT    NOT NULL,
    updated_at         TEXT    NOT NULL,
    CHECK ((target = 'township') = (township IS NOT NULL))
);
CREATE INDEX items_queue ON items (target, township, state, id);
CREATE INDEX items_by_call ON items (call_id);

-- Append-only timeline of everything that happened to a call.
CREATE TABLE call_events (
    id        INTEGER PRIMARY KEY,
    call_id   TEXT    NOT NULL REFERENCES calls (call_id),
    kind      TEXT    NOT NULL,
    actor     TEXT    NOT NULL,
    at        TEXT    NOT NULL,
    detail    TEXT    NOT NULL DEFAULT '{}'        -- JSON; never the call text or a phone number
);
CREATE INDEX call_events_by_call ON call_events (call_id, id);

CREATE TRIGGER call_events_no_update BEFORE UPDATE ON call_events
BEGIN SELECT RAISE(ABORT, 'call_events is append-only'); END;
CREATE TRIGGER call_events_no_delete BEFORE DELETE ON call_events
BEGIN SELECT RAISE(ABORT, 'call_events is append-only'); END;
