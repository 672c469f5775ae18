-- Closed loop: deadlines and feedback on items, overdue marks, the delivery outbox, hotline webhook dedupe.

ALTER TABLE items ADD COLUMN on_site INTEGER NOT NULL DEFAULT 0;   -- needs arrival feedback
ALTER TABLE items ADD COLUMN ack_due TEXT;
ALTER TABLE items ADD COLUMN on_site_due TEXT;
ALTER TABLE items ADD COLUMN resolve_due TEXT;
ALTER TABLE items ADD COLUMN dispatched_at TEXT;
ALTER TABLE items ADD COLUMN acknowledged_at TEXT;
ALTER TABLE items ADD COLUMN on_site_at TEXT;
ALTER TABLE items ADD COLUMN resolved_at TEXT;
ALTER TABLE items ADD COLUMN verified_at TEXT;
ALTER TABLE items ADD COLUMN closed_at TEXT;
ALTER TABLE items ADD COLUMN result TEXT;
ALTER TABLE items ADD COLUMN satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5);
ALTER TABLE items ADD COLUMN overdue_count INTEGER NOT NULL DEFAULT 0;

CREATE INDEX items_open_due ON items (state, ack_due, on_site_due, resolve_due)
    WHERE state NOT IN ('closed', 'returned', 'cancelled');

-- One row per missed deadline: the unique key is what makes "notify once per missed deadline" hold.
CREATE TABLE item_overdue (
    item_id    INTEGER NOT NULL REFERENCES items (id),
    deadline   TEXT    NOT NULL CHECK (deadline IN ('acknowledge', 'on_site', 'resolve')),
    due_at     TEXT    NOT NULL,
    marked_at  TEXT    NOT NULL,
    PRIMARY KEY (item_id, deadline)
);

-- Outbox: written in the same transaction as the decision or transition that causes it.
CREATE TABLE deliveries (
    id               INTEGER PRIMARY KEY,
    delivery_id      TEXT    NOT NULL UNIQUE,      -- X-Fenliu-Delivery: the same on every retry
    call_id          TEXT    NOT NULL REFERENCES calls (call_id),
    item_id          INTEGER REFERENCES items (id),
    destination      TEXT    NOT NULL,             -- 'township:<name>', 'hotline_12345' or 'subscriber:<name>'
    kind             TEXT    NOT NULL CHECK (kind IN ('item', 'cancellation', 'notification')),
    format           TEXT    NOT NULL CHECK (format IN ('json', 'dingtalk', 'wecom')),
    url              TEXT    NOT NULL,
    secret_env       TEXT,
    payload          TEXT    NOT NULL,
    state            TEXT    NOT NULL CHECK (state IN ('pending', 'delivered', 'dead', 'cancelled')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT    NOT NULL,
    last_status      INTEGER,
    last_error       TEXT,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL
);
CREATE INDEX deliveries_due ON deliveries (destination, next_attempt_at, id) WHERE state = 'pending';
CREATE INDEX deliveries_by_item ON deliveries (item_id) WHERE item_id IS NOT NULL;

-- Hotline webhook events already applied: a repeated event_id is answered from here with no second effect.
CREATE TABLE webhook_events (
    event_id       TEXT    PRIMARY KEY,
    type           TEXT    NOT NULL,
    call_id        TEXT,
    received_at    TEXT    NOT NULL,
    status         INTEGER NOT NULL,
    response       TEXT    NOT NULL
);
