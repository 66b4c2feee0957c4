//! How the record names someone who acts in confidence.
//!
//! The log is shown to whoever verifies it, and the live stream to everyone in the room, so an
//! event must not name the author of an anonymous note, a voter, an assessor, a rater, who took
//! which stance on an action or who drafted or edited it. Such events carry a [`Pseudonym`]: a
//! keyed hash (HMAC-SHA-256) of the [`Scope`] they act in, under a random key that belongs to
//! the participant and is kept beside the log with their profile, never in it.
//!
//! - Without the key, a pseudonym identifies nobody: hashing every participant id of the room
//!   back into an event gives nothing, because the key is not among the inputs anyone has.
//! - With the key (the server holds it), "is this mine?" is one hash: the server recognises a
//!   participant's own ballot, note or stance for their own pages, and keeps one voice per person.
//! - Erasing the participant's profile erases the key: their pseudonyms then identify nobody,
//!   even to the server, and the chain still verifies.
//! - A person's pseudonyms differ from scope to scope: their ballot, their scores, their stances
//!   and each of their anonymous notes cannot be linked to one another.
//!
//! Events recorded before pseudonyms existed name participants by id ([`Subject::Named`]); they
//! still fold, and a participant who voted under their id keeps that one ballot.

use crate::{ActivityId, ContributionId, ParticipantId};
use hmac::{KeyInit, Mac};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;

/// A participant as one scope of the record knows them: 32 bytes, written as 64 hex digits.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pseudonym([u8; 32]);

impl Pseudonym {
    pub fn to_hex(&self) -> String {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut out = String::with_capacity(64);
        for byte in self.0 {
            out.push(DIGITS[(byte >> 4) as usize] as char);
            out.push(DIGITS[(byte & 0xf) as usize] as char);
        }
        out
    }

    /// Reads 64 hex digits (either case).
    pub fn from_hex(raw: &str) -> Option<Pseudonym> {
        let raw = raw.as_bytes();
        if raw.len() != 64 {
            return None;
        }
        let digit = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
        let mut bytes = [0u8; 32];
        for (i, pair) in raw.chunks(2).enumerate() {
            bytes[i] = digit(pair[0])? << 4 | digit(pair[1])?;
        }
        Some(Pseudonym(bytes))
    }
}

impl fmt::Debug for Pseudonym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pseudonym({})", &self.to_hex()[..12])
    }
}

/// Who acted, as an event records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Subject {
    /// By participant id: signed contributions, and everything recorded before pseudonyms.
    Named(ParticipantId),
    /// By pseudonym: whatever is done in confidence.
    Pseudonym(Pseudonym),
}

impl Subject {
    /// The participant, when the record names them.
    pub fn named(&self) -> Option<ParticipantId> {
        match self {
            Subject::Named(participant) => Some(*participant),
            Subject::Pseudonym(_) => None,
        }
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Named(participant) => participant.fmt(f),
            Subject::Pseudonym(pseudonym) => f.write_str(&pseudonym.to_hex()),
        }
    }
}

/// A subject is written as a string: a participant id (a UUID with hyphens, as events always
/// wrote it) or a pseudonym (64 hex digits), so the two never read as each other.
impl Serialize for Subject {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Subject {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = std::borrow::Cow::<str>::deserialize(deserializer)?;
        if let Some(pseudonym) = Pseudonym::from_hex(&raw) {
            return Ok(Subject::Pseudonym(pseudonym));
        }
        raw.parse::<ParticipantId>()
            .map(Subject::Named)
            .map_err(|_| serde::de::Error::custom("expected a participant id or a pseudonym (64 hex digits)"))
    }
}

/// Where someone acts in confidence. One pseudonym per person and scope: a revote replaces the
/// same voter's ballot, while the same person's ballot and scores stay unlinkable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// One anonymous contribution: each note of a person has a pseudonym of its own.
    Contribution(ContributionId),
    /// The seats of a brainwriting activity.
    Seat(ActivityId),
    /// The ballots of a vote.
    Ballot(ActivityId),
    /// The scores of an assessment.
    Assessment(ActivityId),
    /// The ratings of a risk map.
    Rating(ActivityId),
    /// The stances on the cards of an action plan.
    Stance(ActivityId),
    /// The cards drafted in an action plan.
    Draft(ActivityId),
    /// The edits of the cards of an action plan.
    Edit(ActivityId),
}

impl Scope {
    fn message(&self) -> String {
        let (tag, id) = match self {
            Scope::Contribution(id) => ("contribution", id.as_uuid()),
            Scope::Seat(id) => ("seat", id.as_uuid()),
            Scope::Ballot(id) => ("ballot", id.as_uuid()),
            Scope::Assessment(id) => ("assessment", id.as_uuid()),
            Scope::Rating(id) => ("rating", id.as_uuid()),
            Scope::Stance(id) => ("stance", id.as_uuid()),
            Scope::Draft(id) => ("draft", id.as_uuid()),
            Scope::Edit(id) => ("edit", id.as_uuid()),
        };
        format!("converge-pseudonym-v1\n{tag}\n{id}")
    }
}

/// The participants' keys of one workshop, as the server holds them (beside the log).
#[derive(Clone, Default)]
pub struct Keyring {
    keys: BTreeMap<ParticipantId, Vec<u8>>,
}

impl fmt::Debug for Keyring {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Keyring({} keys)", self.keys.len())
    }
}

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

impl Keyring {
    pub fn new() -> Keyring {
        Keyring::default()
    }

    /// Adds (or replaces) a participant's key: random bytes, kept outside the log.
    pub fn insert(&mut self, participant: ParticipantId, key: Vec<u8>) {
        self.keys.insert(participant, key);
    }

    pub fn contains(&self, participant: ParticipantId) -> bool {
        self.keys.contains_key(&participant)
    }

    /// The participant's pseudonym in `scope`; `None` without their key (never given, or erased).
    pub fn pseudonym(&self, participant: ParticipantId, scope: Scope) -> Option<Pseudonym> {
        let key = self.keys.get(&participant)?;
        #[allow(clippy::expect_used, reason = "HMAC takes keys of any length")]
        let mut mac = HmacSha256::new_from_slice(key).expect("HMAC takes keys of any length");
        mac.update(scope.message().as_bytes());
        Some(Pseudonym(mac.finalize().into_bytes().into()))
    }

    /// True when `subject`, acting in `scope`, is `participant`: by id on older or signed
    /// records, by pseudonym otherwise.
    pub fn is(&self, participant: ParticipantId, scope: Scope, subject: &Subject) -> bool {
        match subject {
            Subject::Named(named) => *named == participant,
            Subject::Pseudonym(pseudonym) => self.pseudonym(participant, scope).as_ref() == Some(pseudonym),
        }
    }

    /// How `participant` is known in `scope`, as a subject.
    pub fn subject(&self, participant: ParticipantId, scope: Scope) -> Option<Subject> {
        self.pseudonym(participant, scope).map(Subject::Pseudonym)
    }

    /// The entry of `participant` in a map by subject: under their pseudonym for `scope`, or
    /// under their id when the record named them before pseudonyms existed.
    pub fn find<'m, T>(
        &self,
        map: &'m BTreeMap<Subject, T>,
        participant: ParticipantId,
        scope: Scope,
    ) -> Option<&'m T> {
        map.get(&Subject::Named(participant))
            .or_else(|| self.subject(participant, scope).and_then(|subject| map.get(&subject)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn participant(n: u128) -> ParticipantId {
        ParticipantId::from_uuid(Uuid::from_u128(n))
    }

    #[test]
    fn pseudonyms_depend_on_the_key_and_the_scope() {
        let (alice, bob) = (participant(1), participant(2));
        let activity = ActivityId::from_uuid(Uuid::from_u128(10));
        let mut keyring = Keyring::new();
        keyring.insert(alice, vec![1; 16]);
        keyring.insert(bob, vec![2; 16]);
        let ballot = keyring.pseudonym(alice, Scope::Ballot(activity)).unwrap();
        assert_eq!(Some(ballot), keyring.pseudonym(alice, Scope::Ballot(activity)));
        assert_ne!(Some(ballot), keyring.pseudonym(bob, Scope::Ballot(activity)));
        assert_ne!(Some(ballot), keyring.pseudonym(alice, Scope::Assessment(activity)));
        assert_ne!(Some(ballot), keyring.pseudonym(alice, Scope::Ballot(ActivityId::from_uuid(Uuid::from_u128(11)))));
        assert!(keyring.is(alice, Scope::Ballot(activity), &Subject::Pseudonym(ballot)));
        assert!(!keyring.is(bob, Scope::Ballot(activity), &Subject::Pseudonym(ballot)));
        assert!(keyring.is(bob, Scope::Ballot(activity), &Subject::Named(bob)));
        assert_eq!(keyring.pseudonym(participant(3), Scope::Ballot(activity)), None);
    }

    #[test]
    fn subjects_read_back_as_they_were_written() {
        let named = Subject::Named(participant(7));
        let pseudonym = Subject::Pseudonym(Pseudonym([0xab; 32]));
        for subject in [named, pseudonym] {
            let json = serde_json::to_string(&subject).unwrap();
            assert_eq!(serde_json::from_str::<Subject>(&json).unwrap(), subject);
        }
        assert_eq!(serde_json::to_string(&pseudonym).unwrap(), format!("\"{}\"", "ab".repeat(32)));
        assert_eq!(serde_json::to_string(&named).unwrap(), format!("\"{}\"", Uuid::from_u128(7)));
        assert!(serde_json::from_str::<Subject>("\"not a subject\"").is_err());
        assert!(serde_json::from_str::<Subject>(&format!("\"{}\"", "g".repeat(64))).is_err());
    }
}
