-- Archiving a workshop, and finding a published follow-up page by its token without reading
-- every workshop's log.
--
-- This script runs inside the migration transaction together with `pragma user_version = 4`.

-- A workshop its facilitator put away: listed apart, its join code kept (so a restored workshop
-- gets it back) but opening nothing, its follow-up page still up.
alter table workshop add column archived integer not null default 0 check (archived in (0, 1));

-- The hex SHA-256 of the token the workshop's follow-up page is published under; null while it
-- is not published. A hash, as for sessions and API tokens: the index holds no address that
-- opens a page, and a lookup compares hashes, never the secret itself.
alter table workshop add column follow_up_token_hash text;
create unique index workshop_follow_up_token on workshop (follow_up_token_hash)
    where follow_up_token_hash is not null;

-- Whether `follow_up_token_hash` was ever recorded for this workshop. New rows are indexed from
-- the start (a new workshop has no page). Rows from before this version are not: their pages
-- were published in the log only, inside an event's payload, which the store never reads (and
-- SQL could not hash it anyway). The server reads those logs once at start-up and records what
-- they say; the partial index keeps that start-up question cheap once it is answered.
alter table workshop add column follow_up_indexed integer not null default 1 check (follow_up_indexed in (0, 1));
update workshop set follow_up_indexed = 0;
create index workshop_follow_up_unindexed on workshop (workshop_id) where follow_up_indexed = 0;
