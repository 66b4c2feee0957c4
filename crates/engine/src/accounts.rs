//! Facilitator accounts, their sessions and API tokens, the first-run setup link, and the
//! signed tokens of participants.
//!
//! Secrets are never stored: sessions and tokens are kept as SHA-256 hashes of 256-bit random
//! values, passwords as Argon2id hashes. Hashing a password costs ~20 MiB and tens of
//! milliseconds, so it runs on the blocking pool behind a semaphore: a flood of sign-ins cannot
//! exhaust memory.

use crate::engine::Secret;
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

    /// Checks an email and password and opens a session; returns the session token.
    pub async fn sign_in(&self, email: &str, password: &str) -> Result<(Account, String), EngineError> {
        let account = self.store.account_by_email(email.trim()).await?;
        // Verify against a dummy hash when the account does not exist, so the answer takes
        // as long either way and does not reveal which emails have accounts.
        let stored_hash = account.as_ref().map_or_else(|| DUMMY_HASH.clone(), |account| account.password_hash.clone());
        let matches = verify_password(password.to_owned(), stored_hash).await?;
        let account = match account {
            Some(account) if matches => account,
            _ => return Err(EngineError::InvalidCredentials),
        };
        let token = random::token();
        let created_at = now().0;
        self.store
            .create_session(Session {
                token_hash: sha256_hex(token.as_bytes()),
                account: account.id,
                created_at,
                expires_at: created_at + SESSION_LIFETIME_MS,
            })
            .await?;
        tracing::info!(account.id = %account.id, "facilitator signed in");
        Ok((account, token))
    }

    /// The account behind a session token, if the session is live.
    pub async fn session_account(&self, token: &str) -> Result<Option<Account>, EngineError> {
        let Some(session) = self.store.session(&sha256_hex(token.as_bytes()), now().0).await? else {
            return Ok(None);
        };
        Ok(self.store.account(session.account).await?)
    }

    pub async fn sign_out(&self, token: &str) -> Result<(), EngineError> {
        Ok(self.store.delete_session(&sha256_hex(token.as_bytes())).await?)
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

fn sign(secret: &Secret, value: &str) -> String {
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
