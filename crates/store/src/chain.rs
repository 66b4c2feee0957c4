//! The hash chain: each event's hash covers its workshop, position, time, kind, payload and the
//! hash of the event before it, so changing, removing, reordering or moving any event changes
//! every hash after it.

use sha2::{Digest, Sha256};
use uuid::Uuid;

/// The `prev_hash` of a workshop's first event.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The hex SHA-256 of one event, chained to `prev_hash` (hex).
///
/// The input is a versioned, line-separated preimage; the payload comes last, so no field can
/// run into another.
pub fn event_hash(workshop: Uuid, seq: u64, recorded_at: i64, kind: &str, prev_hash: &str, payload: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(format!("converge-event-v1\n{workshop}\n{seq}\n{recorded_at}\n{kind}\n{prev_hash}\n").as_bytes());
    hasher.update(payload.as_bytes());
    hex(&hasher.finalize())
}

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(DIGITS[(byte >> 4) as usize] as char);
        out.push(DIGITS[(byte & 0xf) as usize] as char);
    }
    out
}

/// The hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_depends_on_every_field() {
        let w = Uuid::from_u128(1);
        let base = event_hash(w, 1, 10, "k", GENESIS, "{}");
        assert_eq!(base.len(), 64);
        assert_ne!(base, event_hash(Uuid::from_u128(2), 1, 10, "k", GENESIS, "{}"));
        assert_ne!(base, event_hash(w, 2, 10, "k", GENESIS, "{}"));
        assert_ne!(base, event_hash(w, 1, 11, "k", GENESIS, "{}"));
        assert_ne!(base, event_hash(w, 1, 10, "j", GENESIS, "{}"));
        assert_ne!(base, event_hash(w, 1, 10, "k", &base, "{}"));
        assert_ne!(base, event_hash(w, 1, 10, "k", GENESIS, "{ }"));
    }

    #[test]
    fn hex_is_lower_case_and_known() {
        assert_eq!(hex(&[0, 0xab, 0xff]), "00abff");
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
