//! One person, one identity: a participant's personal resume code gives them back their place
//! (their contributions, ballots and stances) on another device, and for years after the
//! workshop, without an account.
//!
//! The code is not stored: it is derived from the server secret, the workshop and the
//! participant (HMAC-SHA-256, 8 characters of an alphabet without look-alikes, about 39 bits),
//! so it never changes, works as long as the data folder keeps its secret, and stops working
//! when the participant is removed or their profile erased. Finding whose code it is means
//! deriving everyone's in the workshop, a few microseconds each; the edge bounds attempts per
//! client, as it does for join codes, so guessing one is hopeless.

use crate::engine::Secret;
use crate::{Engine, EngineError, Joined};
use converge_core::{ParticipantId, Role, WorkshopId};
use hmac::{KeyInit, Mac};

/// No 0/O, 1/I/L or U/V look-alikes: read aloud or copied from a photo without doubt.
const ALPHABET: &[u8; 29] = b"23456789ABCDEFGHJKMNPQRSTWXYZ";
const LENGTH: usize = 8;

impl Engine {
    /// The participant's personal resume code, as shown to them: `K7QM-4RZP`.
    pub fn resume_code(&self, workshop: WorkshopId, participant: ParticipantId) -> String {
        let code = derive(&self.secret, workshop, participant);
        format!("{}-{}", &code[..LENGTH / 2], &code[LENGTH / 2..])
    }

    /// Gives back their place to whoever holds a participant's resume code for `workshop`
    /// (dashes, spaces and case do not matter). A removed participant, an erased profile or a
    /// facilitator (who signs in) has none that works.
    pub async fn resume(&self, workshop: WorkshopId, code: &str) -> Result<Joined, EngineError> {
        let typed: String = code.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect();
        if typed.len() != LENGTH {
            return Err(EngineError::UnknownResumeCode);
        }
        let state = self.state(workshop).await?;
        let profiles = self.profiles(workshop).await?;
        let participant = state
            .workshop
            .participants
            .values()
            .filter(|participant| participant.role != Role::Facilitator && profiles.contains_key(&participant.id))
            .map(|participant| participant.id)
            .find(|participant| {
                crate::accounts::constant_time_eq(
                    derive(&self.secret, workshop, *participant).as_bytes(),
                    typed.as_bytes(),
                )
            })
            .or_else(|| {
                // A merged duplicate's code still opens the place of the person they are.
                state.workshop.merged.iter().find_map(|(duplicate, into)| {
                    let matches = crate::accounts::constant_time_eq(
                        derive(&self.secret, workshop, *duplicate).as_bytes(),
                        typed.as_bytes(),
                    );
                    (matches && state.workshop.participants.contains_key(into)).then_some(*into)
                })
            })
            .ok_or(EngineError::UnknownResumeCode)?;
        Ok(Joined { workshop, participant, token: self.participant_token(workshop, participant) })
    }

    /// True when someone in `workshop` joined under `name` (case and spacing aside):
    /// joining again under it is probably the same person on another device, who should resume.
    pub async fn name_taken(&self, workshop: WorkshopId, name: &str) -> Result<bool, EngineError> {
        let wanted = comparable(name);
        let state = self.state(workshop).await?;
        let profiles = self.profiles(workshop).await?;
        Ok(state
            .workshop
            .participants
            .keys()
            .filter_map(|participant| profiles.get(participant))
            .any(|profile| comparable(&profile.name) == wanted))
    }
}

fn derive(secret: &Secret, workshop: WorkshopId, participant: ParticipantId) -> String {
    #[allow(clippy::expect_used, reason = "HMAC takes keys of any length")]
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(&secret.0).expect("HMAC takes keys of any length");
    mac.update(format!("resume\n{}\n{}", workshop.as_uuid(), participant.as_uuid()).as_bytes());
    let digest = mac.finalize().into_bytes();
    #[allow(clippy::expect_used, reason = "a SHA-256 digest has 32 bytes")]
    let mut n = u64::from_be_bytes(digest[..8].try_into().expect("a SHA-256 digest has 32 bytes"));
    (0..LENGTH)
        .map(|_| {
            let digit = ALPHABET[(n % ALPHABET.len() as u64) as usize] as char;
            n /= ALPHABET.len() as u64;
            digit
        })
        .collect()
}

/// A name as two people would compare it: case and runs of spaces aside.
fn comparable(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_use_the_unambiguous_alphabet_and_differ_between_people_and_workshops() {
        let secret = Secret([7; 32]);
        let (w1, w2) =
            (WorkshopId::from_uuid(uuid::Uuid::from_u128(1)), WorkshopId::from_uuid(uuid::Uuid::from_u128(2)));
        let people: Vec<ParticipantId> = (0..200).map(|n| ParticipantId::from_uuid(uuid::Uuid::from_u128(n))).collect();
        let codes: std::collections::BTreeSet<String> = people.iter().map(|p| derive(&secret, w1, *p)).collect();
        assert_eq!(codes.len(), people.len());
        for code in &codes {
            assert_eq!(code.len(), LENGTH);
            assert!(code.bytes().all(|b| ALPHABET.contains(&b)), "{code}");
        }
        assert_ne!(derive(&secret, w1, people[0]), derive(&secret, w2, people[0]));
        assert_ne!(derive(&secret, w1, people[0]), derive(&Secret([8; 32]), w1, people[0]));
    }

    #[test]
    fn names_compare_without_case_or_extra_spaces() {
        assert_eq!(comparable("  Anne   Dupont "), comparable("anne dupont"));
        assert_ne!(comparable("Anne"), comparable("Anne D."));
    }
}
