//! What lives beside the logs: the workshop index, accounts, sessions, tokens, personal data and
//! the images of uploaded cards.

use crate::{BoxFuture, StoreError};
use uuid::Uuid;

/// A workshop as the index knows it: enough to find it by its join code and list it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkshopEntry {
    pub id: Uuid,
    /// Upper-case, unique among workshops that are not deleted.
    pub join_code: String,
    pub owner: Uuid,
    pub title: String,
    pub created_at: i64,
    /// Put away by its facilitator: listed apart, its join code kept but opening nothing.
    pub archived: bool,
    pub deleted: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAccount {
    pub id: Uuid,
    /// Compared case-insensitively.
    pub email: String,
    pub display_name: String,
    /// A PHC string (Argon2id).
    pub password_hash: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub created_at: i64,
}

/// A signed-in browser session of a facilitator. Only the token's hash is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub token_hash: String,
    pub account: Uuid,
    pub created_at: i64,
    pub expires_at: i64,
    /// When the session was last seen, to within [`Directory::touch_session`]'s granularity.
    pub last_used_at: i64,
    /// The browser's User-Agent as it signed in, shortened; only shown, never trusted.
    pub user_agent: String,
}

/// An account's second factor: its TOTP secret and the last time step a code was accepted for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TotpState {
    /// Hex of the secret's bytes.
    pub secret: String,
    pub last_step: Option<i64>,
}

/// A participant's personal data, outside the hashed log. The log holds
/// `sha256(salt || "\n" || name || "\n" || service)` as the participant's commitment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParticipantProfile {
    pub workshop: Uuid,
    pub participant: Uuid,
    pub name: String,
    pub service: String,
    /// Hex of 16 random bytes.
    pub salt: String,
}

/// An uploaded card's image as stored: its content type (e.g. `image/png`) and its bytes.
pub type StoredImage = (String, Vec<u8>);

pub trait Directory: Send + Sync + 'static {
    /// The workshop this join code opens: one neither deleted nor archived.
    fn workshop_by_join_code(&self, join_code: &str) -> BoxFuture<'_, Result<Option<WorkshopEntry>, StoreError>>;
    fn workshop_entry(&self, id: Uuid) -> BoxFuture<'_, Result<Option<WorkshopEntry>, StoreError>>;
    /// The workshops `owner` created that are not deleted, archived ones included, newest first.
    fn workshops_of(&self, owner: Uuid) -> BoxFuture<'_, Result<Vec<WorkshopEntry>, StoreError>>;
    fn mark_workshop_deleted(&self, id: Uuid) -> BoxFuture<'_, Result<(), StoreError>>;
    /// Archives a workshop (`true`) or restores it. An archived workshop keeps its join code, so
    /// it gets it back when restored, but the code opens nothing meanwhile.
    fn set_workshop_archived(&self, id: Uuid, archived: bool) -> BoxFuture<'_, Result<(), StoreError>>;

    /// The workshop whose follow-up page is published under the token whose SHA-256 (hex) is
    /// `token_hash`; never a deleted one.
    fn workshop_by_follow_up_token(&self, token_hash: &str) -> BoxFuture<'_, Result<Option<Uuid>, StoreError>>;
    /// Records the hash of the token `workshop`'s follow-up page is published under, or that it
    /// is not published (`None`), in place of what was recorded; the workshop then counts as
    /// indexed. Fails with [`StoreError::Duplicate`] (`"follow-up token"`) when another
    /// workshop's page has this hash.
    fn set_follow_up_token(&self, workshop: Uuid, token_hash: Option<&str>) -> BoxFuture<'_, Result<(), StoreError>>;
    /// The workshops, deleted ones left out, whose follow-up page was never recorded either way:
    /// those listed before the index existed, whose token only their log knows. A workshop made
    /// with `create_workshop` is indexed from the start (it has no page yet).
    fn workshops_without_follow_up_index(&self) -> BoxFuture<'_, Result<Vec<Uuid>, StoreError>>;
    /// Gives a workshop a new join code; the old one joins nothing any more. Fails with
    /// [`StoreError::JoinCodeTaken`] when another live workshop holds the code.
    fn set_join_code(&self, id: Uuid, join_code: &str) -> BoxFuture<'_, Result<(), StoreError>>;

    /// Fails with [`StoreError::Duplicate`] when the email is taken.
    fn create_account(&self, account: NewAccount) -> BoxFuture<'_, Result<(), StoreError>>;
    fn account_by_email(&self, email: &str) -> BoxFuture<'_, Result<Option<Account>, StoreError>>;
    fn account(&self, id: Uuid) -> BoxFuture<'_, Result<Option<Account>, StoreError>>;
    fn count_accounts(&self) -> BoxFuture<'_, Result<u64, StoreError>>;
    /// Every account, oldest first.
    fn accounts(&self) -> BoxFuture<'_, Result<Vec<Account>, StoreError>>;

    fn create_session(&self, session: Session) -> BoxFuture<'_, Result<(), StoreError>>;
    /// The session with this token hash, if it exists and has not expired at `now`.
    fn session(&self, token_hash: &str, now: i64) -> BoxFuture<'_, Result<Option<Session>, StoreError>>;
    fn delete_session(&self, token_hash: &str) -> BoxFuture<'_, Result<(), StoreError>>;
    /// Records that the session was used at `now`.
    fn touch_session(&self, token_hash: &str, now: i64) -> BoxFuture<'_, Result<(), StoreError>>;
    /// The account's sessions that have not expired at `now`, most recently used first.
    fn sessions_of(&self, account: Uuid, now: i64) -> BoxFuture<'_, Result<Vec<Session>, StoreError>>;
    /// Ends every session of the account but the one with `keep` as its hash, if given.
    fn delete_sessions_of(&self, account: Uuid, keep: Option<&str>) -> BoxFuture<'_, Result<(), StoreError>>;
    /// Replaces the account's password hash. Every session of the account ends with it.
    fn set_password_hash(&self, account: Uuid, password_hash: &str) -> BoxFuture<'_, Result<(), StoreError>>;

    /// The account's second factor, when it has one.
    fn totp(&self, account: Uuid) -> BoxFuture<'_, Result<Option<TotpState>, StoreError>>;
    /// Turns the second factor on with `secret` (hex), or off with `None`. Either way the
    /// account's recovery codes are dropped.
    fn set_totp(&self, account: Uuid, secret: Option<&str>) -> BoxFuture<'_, Result<(), StoreError>>;
    /// Records that a code of time step `step` was accepted, in one atomic check: true only when
    /// `step` is later than every step accepted before, so no code is accepted twice.
    fn use_totp_step(&self, account: Uuid, step: i64) -> BoxFuture<'_, Result<bool, StoreError>>;
    /// Adds one-time recovery codes, given as hashes.
    fn add_recovery_codes(&self, account: Uuid, code_hashes: Vec<String>) -> BoxFuture<'_, Result<(), StoreError>>;
    /// Uses a recovery code up; true when the account had it.
    fn use_recovery_code(&self, account: Uuid, code_hash: &str) -> BoxFuture<'_, Result<bool, StoreError>>;
    fn count_recovery_codes(&self, account: Uuid) -> BoxFuture<'_, Result<u64, StoreError>>;

    fn create_api_token(
        &self,
        token_hash: &str,
        account: Uuid,
        created_at: i64,
    ) -> BoxFuture<'_, Result<(), StoreError>>;
    /// The account an API token acts for.
    fn api_token_account(&self, token_hash: &str) -> BoxFuture<'_, Result<Option<Uuid>, StoreError>>;

    /// A one-time link to create the first facilitator account.
    fn create_setup_token(&self, token_hash: &str, expires_at: i64) -> BoxFuture<'_, Result<(), StoreError>>;
    /// True when the token is valid at `now`, without using it up.
    fn setup_token_valid(&self, token_hash: &str, now: i64) -> BoxFuture<'_, Result<bool, StoreError>>;
    /// Uses the token up; true when it was valid at `now`.
    fn consume_setup_token(&self, token_hash: &str, now: i64) -> BoxFuture<'_, Result<bool, StoreError>>;

    fn put_profile(&self, profile: ParticipantProfile) -> BoxFuture<'_, Result<(), StoreError>>;
    fn profiles(&self, workshop: Uuid) -> BoxFuture<'_, Result<Vec<ParticipantProfile>, StoreError>>;
    /// Erases a participant's personal data; their commitment in the log stays valid.
    fn erase_profile(&self, workshop: Uuid, participant: Uuid) -> BoxFuture<'_, Result<(), StoreError>>;

    /// Keeps the image of an uploaded card, outside the log (a log of megabytes would be slow to
    /// fold, export and verify; the log records the image's SHA-256 instead). Putting the same
    /// card again replaces its image.
    fn put_card_image(
        &self,
        workshop: Uuid,
        card_id: &str,
        sha256: &str,
        bytes: Vec<u8>,
        content_type: &str,
    ) -> BoxFuture<'_, Result<(), StoreError>>;
    /// A card's image, exactly as put.
    fn card_image(&self, workshop: Uuid, card_id: &str) -> BoxFuture<'_, Result<Option<StoredImage>, StoreError>>;
}
