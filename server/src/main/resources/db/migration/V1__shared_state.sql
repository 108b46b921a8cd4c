-- The shared state of every ensemu instance on this database (--database).

-- One row: the number of the last write (every write takes it FOR UPDATE, so writes are serial and
-- numbered without gaps) and a counter that moves whenever the faults change.
CREATE TABLE ensemu_version (
    id             integer PRIMARY KEY CHECK (id = 1),
    version        bigint  NOT NULL,
    faults_version bigint  NOT NULL
);
INSERT INTO ensemu_version VALUES (1, 0, 0);

-- What each write changed, for the other instances to replay ('reload' = read every table again).
-- Only the most recent writes are kept; an instance further behind reloads.
CREATE TABLE ensemu_changes (
    version bigint PRIMARY KEY,
    changes text   NOT NULL
);

CREATE TABLE ensemu_accounts (
    id              text    PRIMARY KEY,
    position        integer NOT NULL,
    allowed_actions text    NOT NULL -- JSON array
);

CREATE TABLE ensemu_access_keys (
    id             text    PRIMARY KEY,
    account_id     text    NOT NULL REFERENCES ensemu_accounts (id) ON DELETE CASCADE,
    position       integer NOT NULL,
    secret         text    NOT NULL,
    active         boolean NOT NULL,
    security_token text,
    expiration     timestamptz
);

CREATE TABLE ensemu_images (
    account_id          text        NOT NULL REFERENCES ensemu_accounts (id) ON DELETE CASCADE,
    image_id            text        NOT NULL,
    image_name          text        NOT NULL,
    creation_time       timestamptz NOT NULL,
    architecture        text        NOT NULL,
    platform            text        NOT NULL,
    owner_alias         text        NOT NULL,
    export_status       text        NOT NULL,
    exported_image_url  text,
    PRIMARY KEY (account_id, image_id)
);

CREATE TABLE ensemu_pending_exports (
    account_id   text        NOT NULL,
    image_id     text        NOT NULL,
    completes_at timestamptz NOT NULL,
    outcome      text        NOT NULL,
    PRIMARY KEY (account_id, image_id)
);

-- Injected faults in the order they were set; the fault itself as JSON.
CREATE TABLE ensemu_faults (
    position bigserial PRIMARY KEY,
    fault    text      NOT NULL
);
CREATE SEQUENCE ensemu_fault_numbers;

-- Signature nonces of the replay window. UNLOGGED: no WAL for the hottest table; after a crash of
-- PostgreSQL itself (not a clean restart) it starts empty, and the Timestamp window still holds.
CREATE UNLOGGED TABLE ensemu_nonces (
    nonce      text   PRIMARY KEY,
    expires_at bigint NOT NULL -- epoch milliseconds
);
CREATE INDEX ensemu_nonces_expiry ON ensemu_nonces (expires_at);

-- The journal of every instance, newest = highest id; trimmed to about the configured size.
-- UNLOGGED: it is a diagnostic record written at the call rate; a crash of PostgreSQL empties it.
CREATE UNLOGGED TABLE ensemu_journal (
    id            bigserial PRIMARY KEY,
    access_key_id text,
    code          text NOT NULL,
    entry         text NOT NULL -- JSON, parameters already redacted
);
