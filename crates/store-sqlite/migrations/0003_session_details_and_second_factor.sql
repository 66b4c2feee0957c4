-- What a facilitator needs to manage their own sign-ins: when each session was last used and
-- from which browser, and an optional second factor (TOTP) with its one-time recovery codes.
--
-- This script runs inside the migration transaction together with `pragma user_version = 3`.

-- Sessions from before this version were never seen since; their creation time stands in for
-- their last use, and their browser is unknown (empty).
alter table session add column last_used_at integer not null default 0;
update session set last_used_at = created_at;
-- The browser's User-Agent, cut to a short length: shown to the facilitator so they can tell
-- their sessions apart, never trusted for anything.
alter table session add column user_agent text not null default '';

-- The TOTP secret (hex of its bytes), null while the second factor is off. It cannot be hashed:
-- the server computes codes from it.
alter table account add column totp_secret text;
-- The last 30-second step a code was accepted for: a code is accepted only for a later step, so
-- a code seen over someone's shoulder cannot be used again.
alter table account add column totp_last_step integer;

-- A new password ends every session of the account, whoever changes it (the account page, an
-- operator): a stolen session does not outlive the password it was opened with. The one
-- session that changed the password gets a fresh one from the server.
create trigger account_password_change_ends_sessions after update of password_hash on account
when old.password_hash is not new.password_hash
begin
    delete from session where account_id = new.account_id;
end;

-- One-time recovery codes, for a facilitator who lost their authenticator. Kept as SHA-256
-- hashes (the codes are random and long, so a plain hash is enough); a used code is deleted.
create table recovery_code (
    account_id text not null references account (account_id) on delete cascade,
    code_hash  text not null,
    primary key (account_id, code_hash)
) without rowid;

-- Codes belong to one enrolment: turning the second factor on again or off drops them.
create trigger account_totp_change_drops_recovery_codes after update of totp_secret on account
when old.totp_secret is not new.totp_secret
begin
    delete from recovery_code where account_id = new.account_id;
end;
