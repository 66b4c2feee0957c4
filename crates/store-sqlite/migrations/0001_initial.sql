-- The first schema of the embedded store.
--
-- Conventions: singular table names; uuids as hyphenated lower-case text (readable with the
-- sqlite3 shell, and the same spelling as in exports); times as integer milliseconds since the
-- Unix epoch; booleans as 0/1 with a check, since SQLite has no boolean type.
--
-- This script runs inside the migration transaction together with `pragma user_version = 1`,
-- so a crash halfway leaves the file exactly as it was.

-- One row per event: the source of truth of every workshop, everything else is derived or beside.
-- The primary key (workshop_id, seq) is the last line of defence of optimistic concurrency: even
-- if two writers computed the same next seq, only one of their inserts can succeed.
-- WITHOUT ROWID keeps the rows clustered in key order, so reading a log from a sequence number
-- and finding a workshop's head are range scans of the one b-tree, with no second index to keep.
-- There is no foreign key to `workshop`: the log stands on its own (`append` works on a workshop
-- without an index entry), so the file's one source of truth never depends on a derived table.
create table event (
    workshop_id text    not null,
    seq         integer not null check (seq >= 1),
    kind        text    not null,
    payload     text    not null, -- JSON exactly as hashed and exported; the store never reads into it
    recorded_at integer not null,
    hash        text    not null, -- hex SHA-256 chained to the previous event, see converge_store::chain
    primary key (workshop_id, seq)
) without rowid;

-- The log is append-only; the database refuses changes so that not even a hand-typed statement
-- or a future bug can rewrite history without it showing up as an error first. (The hash chain
-- would expose such a rewrite anyway; this makes it fail loudly at the source.)
create trigger event_is_append_only_on_update before update on event
begin
    select raise(abort, 'the event log is append-only');
end;
create trigger event_is_append_only_on_delete before delete on event
begin
    select raise(abort, 'the event log is append-only');
end;

-- The workshop index: what is needed to find a workshop by its join code and list it, without
-- folding its log.
-- The owner is not a foreign key to `account`: an imported workshop may name an owner this
-- installation has never seen, and the index must still list it.
create table workshop (
    workshop_id text    not null primary key,
    join_code   text    not null collate nocase, -- participants type codes in any case
    owner_id    text    not null,
    title       text    not null,
    created_at  integer not null,
    deleted     integer not null default 0 check (deleted in (0, 1))
);

-- A join code points at one live workshop; a deleted workshop frees its code for reuse, hence
-- the partial index. The column's nocase collation makes the uniqueness case-insensitive too.
create unique index workshop_join_code on workshop (join_code) where deleted = 0;

-- "My workshops", newest first, is the facilitator's home page.
create index workshop_owner on workshop (owner_id, created_at desc) where deleted = 0;

-- Facilitator accounts. Emails are unique whatever their case (nocase folds ASCII letters only,
-- which is also what people type in practice).
create table account (
    account_id    text    not null primary key,
    email         text    not null unique collate nocase,
    display_name  text    not null,
    password_hash text    not null, -- a PHC string (Argon2id); never the password
    created_at    integer not null
);

-- Signed-in browser sessions. Only the token's hash is kept, so a copy of this file does not
-- let anyone sign in. Deleting an account ends its sessions (on delete cascade).
create table session (
    token_hash text    not null primary key,
    account_id text    not null references account (account_id) on delete cascade,
    created_at integer not null,
    expires_at integer not null
);
-- Without it, deleting an account would scan every session to enforce the foreign key.
create index session_account on session (account_id);

-- API tokens (scripts, the CLI), hashed like sessions, and ended with their account.
create table api_token (
    token_hash text    not null primary key,
    account_id text    not null references account (account_id) on delete cascade,
    created_at integer not null
);
create index api_token_account on api_token (account_id);

-- One-time links to create the first facilitator account. A used token is kept with the time it
-- was used, rather than deleted, so an operator can see when the installation was claimed.
create table setup_token (
    token_hash text    not null primary key,
    expires_at integer not null,
    used_at    integer -- null while unused
);

-- Participants' personal data, deliberately outside the hashed log so that it can really be
-- erased (the row is deleted) while the log keeps only a salted commitment to it.
-- No foreign key to `workshop`, for the same reason as `event`.
create table participant_profile (
    workshop_id    text not null,
    participant_id text not null,
    name           text not null,
    service        text not null,
    salt           text not null, -- hex of 16 random bytes
    primary key (workshop_id, participant_id)
);

-- The latest fold of each workshop, to make restarts fast. Only a shortcut: it can be deleted
-- at any time and is rebuilt from the log. `hash` is the hash of event `seq`, so a snapshot is
-- never paired with a log it was not folded from.
create table snapshot (
    workshop_id text    not null primary key,
    seq         integer not null check (seq >= 0),
    hash        text    not null,
    state       blob    not null
);
