//! Facilitator accounts, their sessions and API tokens, the optional second factor (TOTP), the
//! first-run setup link, and the signed tokens of participants.
//!
//! Secrets are never stored: sessions and tokens are kept as SHA-256 hashes of 256-bit random
//! values, passwords as Argon2id hashes. Hashing a password costs ~20 MiB and tens of
//! milliseconds, so it runs on the blocking pool behind a semaphore: a flood of sign-ins cannot
//! exhaust memory.

use crate::engine::Secret;
use crate::totp;
use crate::{Engine, EngineError, now, random};
use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use converge_core::{AccountId, ParticipantId, WorkshopId};
use converge_store::chain::{hex, sha256_hex};
use converge_store::{Account, NewAccount, Session};
use hmac::{KeyInit, Mac};
use std::sync::LazyLock;
use tokio::sync::Semaphore;
use uuid::Uuid;

pub const PASSWORD_MIN: usize = 8;
pub const PASSWORD_MAX: usize = 128;
/// A facilitator session lasts a working day and a half: a two-day workshop signs in twice.
pub const SESSION_LIFETIME_MS: i64 = 36 * 3600 * 1000;
/// The first-run setup link is valid for a day.
pub const SETUP_LIFETIME_MS: i64 = 24 * 3600 * 1000;
/// Between the password and the code: long enough to find the phone, short enough that a
/// half-signed-in page left open is of no use.
pub const SECOND_FACTOR_LIFETIME_MS: i64 = 5 * 60 * 1000;
/// A session unused this long ends, whatever its lifetime left: long enough for a lunch break
/// or a long activity with the console untouched, short enough that a browser left signed in
/// overnight (a shared laptop at the venue) is signed out by morning.
pub const SESSION_IDLE_LIMIT_MS: i64 = 4 * 3600 * 1000;
/// "Last used" is recorded at most this often per session: a write per request would cost more
/// than the information is worth.
const TOUCH_EVERY_MS: i64 = 5 * 60 * 1000;
/// What is kept of a browser's User-Agent, in characters.
pub const USER_AGENT_MAX: usize = 200;
/// Recovery codes given at enrolment.
pub const RECOVERY_CODE_COUNT: usize = 8;
/// The issuer authenticator apps show beside the account.
const TOTP_ISSUER: &str = "Converge";

static HASHING: LazyLock<Semaphore> = LazyLock::new(|| Semaphore::new(2));
/// How long a password check waits for its turn before the server answers "busy": the queue
/// stays short however many sign-ins arrive.
const HASHING_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

async fn hashing_turn() -> Result<tokio::sync::SemaphorePermit<'static>, EngineError> {
    match tokio::time::timeout(HASHING_WAIT, HASHING.acquire()).await {
        Ok(Ok(permit)) => Ok(permit),
        Ok(Err(_)) => Err(EngineError::ShuttingDown),
        Err(_) => Err(EngineError::Busy),
    }
}

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

impl Engine {
    /// Creates a facilitator account.
    pub async fn add_facilitator(
        &self,
        email: &str,
        display_name: &str,
        password: &str,
    ) -> Result<AccountId, EngineError> {
        let email = parse_email(email)?;
        let display_name = converge_core::DisplayName::parse(display_name)?;
        check_password(password)?;
        let password_hash = hash_password(password.to_owned()).await?;
        let id = Uuid::now_v7();
        let account =
            NewAccount { id, email, display_name: display_name.into_string(), password_hash, created_at: now().0 };
        match self.store.create_account(account).await {
            Ok(()) => Ok(AccountId::from_uuid(id)),
            Err(converge_store::StoreError::Duplicate(_)) => Err(EngineError::EmailTaken),
            Err(error) => Err(error.into()),
        }
    }

    pub async fn has_accounts(&self) -> Result<bool, EngineError> {
        Ok(self.store.count_accounts().await? > 0)
    }

    /// Checks an email and password and opens a session; returns the session token. Only for
    /// accounts without a second factor: one with it is refused as if the password were wrong.
    pub async fn sign_in(&self, email: &str, password: &str) -> Result<(Account, String), EngineError> {
        match self.begin_sign_in(email, password, "").await? {
            SignInStep::SignedIn(account, token) => Ok((account, token)),
            SignInStep::CodeNeeded { .. } => Err(EngineError::InvalidCredentials),
        }
    }

    /// The first step of signing in: checks the email and password. Without a second factor it
    /// opens a session at once; with one it gives a short-lived signed token for the code step,
    /// which is not a session and grants nothing else.
    pub async fn begin_sign_in(
        &self,
        email: &str,
        password: &str,
        user_agent: &str,
    ) -> Result<SignInStep, EngineError> {
        let account = self.store.account_by_email(email.trim()).await?;
        // Verify against a dummy hash when the account does not exist, so the answer takes
        // as long either way and does not reveal which emails have accounts.
        let stored_hash = account.as_ref().map_or_else(|| DUMMY_HASH.clone(), |account| account.password_hash.clone());
        let matches = verify_password(password.to_owned(), stored_hash).await?;
        let account = match account {
            Some(account) if matches => account,
            _ => return Err(EngineError::InvalidCredentials),
        };
        if self.store.totp(account.id).await?.is_some() {
            let expires_at = now().0 + SECOND_FACTOR_LIFETIME_MS;
            let body = format!("cvt_{}.{expires_at}", account.id.simple());
            let signature = sign(&self.secret, &pending_message(&body, &account.password_hash));
            return Ok(SignInStep::CodeNeeded { pending: format!("{body}.{signature}") });
        }
        let token = self.open_session(account.id, user_agent).await?;
        tracing::info!(account.id = %account.id, "facilitator signed in");
        Ok(SignInStep::SignedIn(account, token))
    }

    /// The account a pending sign-in token was given for, if it is ours, unexpired, and the
    /// password has not changed since (the token is signed with the password's hash).
    pub async fn pending_sign_in_account(&self, pending: &str) -> Result<Option<Account>, EngineError> {
        let Some((body, signature)) = pending.rsplit_once('.') else { return Ok(None) };
        let Some((account, expires_at)) = body.strip_prefix("cvt_").and_then(|rest| rest.split_once('.')) else {
            return Ok(None);
        };
        let (Ok(account), Ok(expires_at)) = (Uuid::try_parse(account), expires_at.parse::<i64>()) else {
            return Ok(None);
        };
        if now().0 >= expires_at {
            return Ok(None);
        }
        let Some(account) = self.store.account(account).await? else { return Ok(None) };
        let expected = sign(&self.secret, &pending_message(body, &account.password_hash));
        Ok(constant_time_eq(expected.as_bytes(), signature.as_bytes()).then_some(account))
    }

    /// The second step of signing in: a code from the authenticator (or a recovery code) for the
    /// account a pending token names. A code is accepted once.
    pub async fn finish_sign_in(
        &self,
        pending: &str,
        code: &str,
        user_agent: &str,
    ) -> Result<SecondFactorOutcome, EngineError> {
        let Some(account) = self.pending_sign_in_account(pending).await? else {
            return Ok(SecondFactorOutcome::Expired);
        };
        match self.check_second_factor(account.id, code).await? {
            CodeCheck::Accepted => {}
            CodeCheck::Wrong => return Ok(SecondFactorOutcome::WrongCode),
            CodeCheck::AlreadyUsed => return Ok(SecondFactorOutcome::CodeAlreadyUsed),
        }
        let token = self.open_session(account.id, user_agent).await?;
        tracing::info!(account.id = %account.id, "facilitator signed in with a second factor");
        Ok(SecondFactorOutcome::SignedIn(account, token))
    }

    /// Checks a TOTP code, or a recovery code, and uses it up.
    async fn check_second_factor(&self, account: Uuid, code: &str) -> Result<CodeCheck, EngineError> {
        let Some(state) = self.store.totp(account).await? else { return Ok(CodeCheck::Wrong) };
        let secret = unhex(&state.secret).unwrap_or_default();
        if let Some(step) = totp::matching_step(&secret, code, now().0) {
            return Ok(if self.store.use_totp_step(account, step).await? {
                CodeCheck::Accepted
            } else {
                CodeCheck::AlreadyUsed
            });
        }
        let normalised = normalise_recovery_code(code);
        if normalised.len() == RECOVERY_CODE_LEN
            && self.store.use_recovery_code(account, &sha256_hex(normalised.as_bytes())).await?
        {
            tracing::info!(account.id = %account, "a recovery code was used");
            return Ok(CodeCheck::Accepted);
        }
        Ok(CodeCheck::Wrong)
    }

    async fn open_session(&self, account: Uuid, user_agent: &str) -> Result<String, EngineError> {
        let token = random::token();
        let created_at = now().0;
        let user_agent: String = user_agent.chars().filter(|c| !c.is_control()).take(USER_AGENT_MAX).collect();
        self.store
            .create_session(Session {
                token_hash: sha256_hex(token.as_bytes()),
                account,
                created_at,
                expires_at: created_at + SESSION_LIFETIME_MS,
                last_used_at: created_at,
                user_agent,
            })
            .await?;
        Ok(token)
    }

    /// The account behind a session token, if the session is live: neither past its lifetime
    /// nor unused for longer than [`SESSION_IDLE_LIMIT_MS`] (an idle session ends there).
    pub async fn session_account(&self, token: &str) -> Result<Option<Account>, EngineError> {
        let token_hash = sha256_hex(token.as_bytes());
        let now = now().0;
        let Some(session) = self.store.session(&token_hash, now).await? else {
            return Ok(None);
        };
        if now - session.last_used_at >= SESSION_IDLE_LIMIT_MS {
            self.store.delete_session(&token_hash).await?;
            return Ok(None);
        }
        // Recording the last use is bookkeeping: when it cannot be written (a full disk), the
        // facilitator still reaches their pages, and the next request tries again.
        if now - session.last_used_at >= TOUCH_EVERY_MS
            && let Err(error) = self.store.touch_session(&token_hash, now).await
        {
            tracing::debug!(%error, "could not record a session's last use");
        }
        Ok(self.store.account(session.account).await?)
    }

    pub async fn sign_out(&self, token: &str) -> Result<(), EngineError> {
        Ok(self.store.delete_session(&sha256_hex(token.as_bytes())).await?)
    }

    /// The account's live sessions, most recently used first, the one of `current_token` marked.
    pub async fn sessions_of(&self, account: AccountId, current_token: &str) -> Result<Vec<SessionView>, EngineError> {
        let current = sha256_hex(current_token.as_bytes());
        let now = now().0;
        let sessions = self.store.sessions_of(account.as_uuid(), now).await?;
        Ok(sessions
            .into_iter()
            // Idle ones are over, though not yet deleted: they end when next presented.
            .filter(|session| now - session.last_used_at < SESSION_IDLE_LIMIT_MS)
            .map(|session| SessionView {
                handle: session_handle(&session.token_hash),
                current: session.token_hash == current,
                created_at: session.created_at,
                last_used_at: session.last_used_at,
                user_agent: session.user_agent,
            })
            .collect())
    }

    /// Ends one of the account's sessions, named by its handle; false when it has none such.
    pub async fn end_session(&self, account: AccountId, handle: &str) -> Result<bool, EngineError> {
        let sessions = self.store.sessions_of(account.as_uuid(), now().0).await?;
        let Some(session) = sessions.into_iter().find(|session| session_handle(&session.token_hash) == handle) else {
            return Ok(false);
        };
        self.store.delete_session(&session.token_hash).await?;
        tracing::info!(account.id = %account, "a facilitator ended one of their sessions");
        Ok(true)
    }

    /// Ends every session of the account, for an operator who fears it is in the wrong hands.
    /// API tokens are not sessions and stay.
    pub async fn end_all_sessions(&self, account: AccountId) -> Result<usize, EngineError> {
        let n_sessions = self.store.sessions_of(account.as_uuid(), now().0).await?.len();
        self.store.delete_sessions_of(account.as_uuid(), None).await?;
        tracing::warn!(account.id = %account, "an operator ended every session of a facilitator");
        Ok(n_sessions)
    }

    /// Ends every session of the account but the one of `current_token`.
    pub async fn end_other_sessions(&self, account: AccountId, current_token: &str) -> Result<(), EngineError> {
        let keep = sha256_hex(current_token.as_bytes());
        self.store.delete_sessions_of(account.as_uuid(), Some(&keep)).await?;
        tracing::info!(account.id = %account, "a facilitator ended their other sessions");
        Ok(())
    }

    /// Changes the password after checking the current one. Every session of the account ends
    /// (the store does it with the password), and the browser that asked gets a new session,
    /// whose token is returned. API tokens stay: they are issued by the operator for scripts,
    /// not by the password.
    pub async fn change_password(
        &self,
        account: AccountId,
        current_password: &str,
        new_password: &str,
        user_agent: &str,
    ) -> Result<String, EngineError> {
        let stored = self.store.account(account.as_uuid()).await?.ok_or(EngineError::InvalidCredentials)?;
        if !verify_password(current_password.to_owned(), stored.password_hash).await? {
            return Err(EngineError::InvalidCredentials);
        }
        check_password(new_password)?;
        let password_hash = hash_password(new_password.to_owned()).await?;
        self.store.set_password_hash(account.as_uuid(), &password_hash).await?;
        let token = self.open_session(account.as_uuid(), user_agent).await?;
        tracing::info!(account.id = %account, "a facilitator changed their password");
        Ok(token)
    }

    /// Whether the account signs in with a second factor, and how many recovery codes it has left.
    pub async fn second_factor(&self, account: AccountId) -> Result<Option<u64>, EngineError> {
        if self.store.totp(account.as_uuid()).await?.is_none() {
            return Ok(None);
        }
        Ok(Some(self.store.count_recovery_codes(account.as_uuid()).await?))
    }

    /// A fresh secret to enrol, with what the page needs to show and later confirm it.
    pub fn new_totp_enrolment(&self, account: &Account) -> TotpEnrolment {
        let secret = random::bytes::<{ totp::SECRET_BYTES }>();
        let secret_base32 = totp::base32_encode(&secret);
        TotpEnrolment {
            uri: totp::provisioning_uri(TOTP_ISSUER, &account.email, &secret),
            proof: sign(&self.secret, &enrolment_message(account.id, &secret_base32)),
            secret_base32,
        }
    }

    /// Turns the second factor on once a code from the new secret shows the app has it. The
    /// secret must be one this server gave (`proof`). Returns the recovery codes, shown once.
    pub async fn enable_totp(
        &self,
        account: AccountId,
        secret_base32: &str,
        proof: &str,
        code: &str,
    ) -> Result<Option<Vec<String>>, EngineError> {
        let expected = sign(&self.secret, &enrolment_message(account.as_uuid(), secret_base32));
        let secret = totp::base32_decode(secret_base32).unwrap_or_default();
        if !constant_time_eq(expected.as_bytes(), proof.as_bytes()) || secret.len() != totp::SECRET_BYTES {
            return Ok(None);
        }
        let Some(step) = totp::matching_step(&secret, code, now().0) else { return Ok(None) };
        self.store.set_totp(account.as_uuid(), Some(&hex(&secret))).await?;
        // The confirming code is used up, like any other.
        self.store.use_totp_step(account.as_uuid(), step).await?;
        let codes: Vec<String> = (0..RECOVERY_CODE_COUNT).map(|_| new_recovery_code()).collect();
        let hashes = codes.iter().map(|code| sha256_hex(normalise_recovery_code(code).as_bytes())).collect();
        self.store.add_recovery_codes(account.as_uuid(), hashes).await?;
        tracing::info!(account.id = %account, "a facilitator turned on their second factor");
        Ok(Some(codes))
    }

    /// Turns the second factor off; needs the password and a current code (or a recovery code).
    pub async fn disable_totp(
        &self,
        account: AccountId,
        password: &str,
        code: &str,
    ) -> Result<SecondFactorOutcome, EngineError> {
        let stored = self.store.account(account.as_uuid()).await?.ok_or(EngineError::InvalidCredentials)?;
        if !verify_password(password.to_owned(), stored.password_hash).await? {
            return Err(EngineError::InvalidCredentials);
        }
        match self.check_second_factor(account.as_uuid(), code).await? {
            CodeCheck::Accepted => {}
            CodeCheck::Wrong => return Ok(SecondFactorOutcome::WrongCode),
            CodeCheck::AlreadyUsed => return Ok(SecondFactorOutcome::CodeAlreadyUsed),
        }
        self.store.set_totp(account.as_uuid(), None).await?;
        tracing::info!(account.id = %account, "a facilitator turned off their second factor");
        Ok(SecondFactorOutcome::Done)
    }

    /// Removes an account's second factor, for an operator helping a facilitator who lost their
    /// phone and recovery codes. False when the account had none.
    pub async fn reset_totp(&self, account: AccountId) -> Result<bool, EngineError> {
        if self.store.totp(account.as_uuid()).await?.is_none() {
            return Ok(false);
        }
        self.store.set_totp(account.as_uuid(), None).await?;
        tracing::warn!(account.id = %account, "an operator removed a facilitator's second factor");
        Ok(true)
    }

    /// A new API token acting for `account`. Shown once; only its hash is kept.
    pub async fn create_api_token(&self, account: AccountId) -> Result<String, EngineError> {
        let token = format!("cvf_{}", random::token());
        self.store.create_api_token(&sha256_hex(token.as_bytes()), account.as_uuid(), now().0).await?;
        Ok(token)
    }

    pub async fn api_token_account(&self, token: &str) -> Result<Option<Account>, EngineError> {
        let Some(account) = self.store.api_token_account(&sha256_hex(token.as_bytes())).await? else {
            return Ok(None);
        };
        Ok(self.store.account(account).await?)
    }

    /// The account, when there is exactly one.
    pub async fn only_account(&self) -> Result<Option<Account>, EngineError> {
        let mut accounts = self.store.accounts().await?;
        Ok(if accounts.len() == 1 { accounts.pop() } else { None })
    }

    pub async fn account_by_email(&self, email: &str) -> Result<Option<Account>, EngineError> {
        Ok(self.store.account_by_email(email.trim()).await?)
    }

    /// A one-time setup token for creating the first facilitator account.
    pub async fn create_setup_token(&self) -> Result<String, EngineError> {
        let token = random::token();
        self.store.create_setup_token(&sha256_hex(token.as_bytes()), now().0 + SETUP_LIFETIME_MS).await?;
        Ok(token)
    }

    pub async fn setup_token_valid(&self, token: &str) -> Result<bool, EngineError> {
        Ok(self.store.setup_token_valid(&sha256_hex(token.as_bytes()), now().0).await?)
    }

    /// Creates the first facilitator with a setup token, which is used up.
    pub async fn complete_setup(
        &self,
        token: &str,
        email: &str,
        name: &str,
        password: &str,
    ) -> Result<AccountId, EngineError> {
        parse_email(email)?;
        converge_core::DisplayName::parse(name)?;
        check_password(password)?;
        // Checked before the token is used up, so a taken email does not waste the link.
        if self.store.account_by_email(email.trim()).await?.is_some() {
            return Err(EngineError::EmailTaken);
        }
        if !self.store.consume_setup_token(&sha256_hex(token.as_bytes()), now().0).await? {
            return Err(EngineError::SetupTokenInvalid);
        }
        self.add_facilitator(email, name, password).await
    }

    /// The token a participant presents (as a cookie or a bearer token): their workshop and id,
    /// signed with the server's secret.
    pub fn participant_token(&self, workshop: WorkshopId, participant: ParticipantId) -> String {
        let body = format!("cvp_{}.{}", workshop.as_uuid().simple(), participant.as_uuid().simple());
        let signature = sign(&self.secret, &body);
        format!("{body}.{signature}")
    }

    /// The workshop and participant a token names, if its signature is ours.
    pub fn verify_participant_token(&self, token: &str) -> Option<(WorkshopId, ParticipantId)> {
        let (body, signature) = token.rsplit_once('.')?;
        let (workshop, participant) = body.strip_prefix("cvp_")?.split_once('.')?;
        let mut mac = HmacSha256::new_from_slice(&self.secret.0).ok()?;
        mac.update(body.as_bytes());
        let signature = unhex(signature)?;
        mac.verify_slice(&signature).ok()?;
        Some((
            WorkshopId::from_uuid(Uuid::try_parse(workshop).ok()?),
            ParticipantId::from_uuid(Uuid::try_parse(participant).ok()?),
        ))
    }

    /// A keyed hash of `value` for the edge's own signed values (e.g. CSRF tokens).
    pub fn sign(&self, value: &str) -> String {
        sign(&self.secret, value)
    }
}

/// What the first step of signing in leads to.
#[derive(Debug)]
pub enum SignInStep {
    SignedIn(Account, String),
    /// The account has a second factor: the code step, with this pending token, comes next.
    CodeNeeded {
        pending: String,
    },
}

/// What a second-factor code led to.
#[derive(Debug)]
pub enum SecondFactorOutcome {
    SignedIn(Account, String),
    /// The change asked for was made.
    Done,
    WrongCode,
    /// A right code, but already accepted once (or an earlier one than the last accepted).
    CodeAlreadyUsed,
    /// The pending sign-in is unknown, expired, or from before a password change: start again.
    Expired,
}

enum CodeCheck {
    Accepted,
    Wrong,
    AlreadyUsed,
}

/// A session as its owner sees it on their account page.
#[derive(Debug, Clone)]
pub struct SessionView {
    /// Names the session in forms; derived from the token's hash, useless to sign in with.
    pub handle: String,
    /// The session of the browser asking.
    pub current: bool,
    pub created_at: i64,
    pub last_used_at: i64,
    pub user_agent: String,
}

/// A second factor being enrolled: the secret as text, the address for the QR code, and the
/// server's signature that the secret is one it gave.
#[derive(Debug, Clone)]
pub struct TotpEnrolment {
    pub secret_base32: String,
    pub uri: String,
    pub proof: String,
}

fn pending_message(body: &str, password_hash: &str) -> String {
    format!("second-factor\n{body}\n{password_hash}")
}

fn enrolment_message(account: Uuid, secret_base32: &str) -> String {
    format!("totp-enrolment\n{account}\n{secret_base32}")
}

fn session_handle(token_hash: &str) -> String {
    sha256_hex(format!("session-handle\n{token_hash}").as_bytes())[..16].to_owned()
}

/// Recovery codes: 10 characters of Crockford base32 (50 bits), shown as two groups of five.
const RECOVERY_CODE_LEN: usize = 10;

fn new_recovery_code() -> String {
    let code: String = random::bytes::<RECOVERY_CODE_LEN>()
        .iter()
        .map(|byte| b"0123456789ABCDEFGHJKMNPQRSTVWXYZ"[(byte & 31) as usize] as char)
        .collect();
    format!("{}-{}", &code[..5], &code[5..])
}

/// A recovery code as typed: case, spaces and dashes do not matter.
fn normalise_recovery_code(typed: &str) -> String {
    typed.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect()
}

pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |difference, (x, y)| difference | (x ^ y)) == 0
}

fn sign(secret: &Secret, value: &str) -> String {
    #[allow(clippy::expect_used, reason = "HMAC takes keys of any length")]
    let mut mac = HmacSha256::new_from_slice(&secret.0).expect("HMAC takes keys of any length");
    mac.update(value.as_bytes());
    hex(&mac.finalize().into_bytes())
}

fn unhex(raw: &str) -> Option<Vec<u8>> {
    if !raw.len().is_multiple_of(2) || !raw.is_ascii() {
        return None;
    }
    (0..raw.len()).step_by(2).map(|i| u8::from_str_radix(&raw[i..i + 2], 16).ok()).collect()
}

fn parse_email(raw: &str) -> Result<String, EngineError> {
    let email = raw.trim();
    let valid = email.len() <= 254
        && email.split_once('@').is_some_and(|(local, domain)| !local.is_empty() && !domain.is_empty())
        && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    if valid { Ok(email.to_owned()) } else { Err(EngineError::InvalidEmail) }
}

fn check_password(password: &str) -> Result<(), EngineError> {
    // Counted in characters and checked exactly as typed: no trimming, no case folding.
    let n_chars = password.chars().count();
    if (PASSWORD_MIN..=PASSWORD_MAX).contains(&n_chars) {
        Ok(())
    } else {
        Err(EngineError::PasswordLength { min: PASSWORD_MIN, max: PASSWORD_MAX })
    }
}

static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    Argon2::default().hash_password(random::token().as_bytes()).map(|hash| hash.to_string()).unwrap_or_default()
});

async fn hash_password(password: String) -> Result<String, EngineError> {
    let _permit = hashing_turn().await?;
    tokio::task::spawn_blocking(move || {
        Argon2::default().hash_password(password.as_bytes()).map(|hash| hash.to_string())
    })
    .await
    .map_err(|_| EngineError::ShuttingDown)?
    .map_err(|error| {
        EngineError::Store(converge_store::StoreError::Unavailable(format!("password hashing failed: {error}")))
    })
}

async fn verify_password(password: String, hash: String) -> Result<bool, EngineError> {
    let _permit = hashing_turn().await?;
    tokio::task::spawn_blocking(move || Argon2::default().verify_password(password.as_bytes(), hash.as_str()).is_ok())
        .await
        .map_err(|_| EngineError::ShuttingDown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_need_an_at_sign_between_two_parts() {
        assert!(parse_email(" ann@example.org ").is_ok());
        for bad in ["", "ann", "@example.org", "ann@", "a nn@example.org"] {
            assert!(parse_email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn passwords_are_counted_in_characters_as_typed() {
        assert!(check_password("short").is_err());
        assert!(check_password("éééééééé").is_ok());
        assert!(check_password(&"x".repeat(PASSWORD_MAX + 1)).is_err());
    }

    #[test]
    fn unhex_refuses_odd_and_non_hex_input() {
        assert_eq!(unhex("0aff"), Some(vec![10, 255]));
        assert_eq!(unhex("0af"), None);
        assert_eq!(unhex("zz"), None);
        assert_eq!(unhex("éé"), None);
    }
}
