//! The digests the edge needs, so that it hashes nothing itself and borrows nothing from the
//! store: versions of static content in their URLs, the ids of follow-up feed entries, the hash
//! of an inline stylesheet in a security policy.

use converge_core::WorkshopId;
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// The SHA-256 of `bytes`.
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// A short version of some content for a URL that changes when the content does: the first 12
/// hex digits of its SHA-256, as the log's hashes are written.
pub fn content_version(bytes: &[u8]) -> String {
    let mut hex = converge_store::chain::sha256_hex(bytes);
    hex.truncate(12);
    hex
}

/// A stable, unique id for the status change recorded at `seq` of `workshop`'s log: a
/// name-based UUID (version 8) of both, so a feed reader never sees the same change twice.
pub fn follow_up_entry_id(workshop: WorkshopId, seq: u64) -> Uuid {
    let digest = Sha256::digest(format!("converge follow-up entry\n{workshop}\n{seq}").as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_ids_are_stable_uuids_distinct_per_change() {
        let workshop = WorkshopId::from_uuid(Uuid::from_u128(7));
        let first = follow_up_entry_id(workshop, 12);
        assert_eq!(first, follow_up_entry_id(workshop, 12));
        assert_ne!(first, follow_up_entry_id(workshop, 13));
        assert_eq!(first.get_version_num(), 8);
    }

    #[test]
    fn a_content_version_is_the_start_of_the_hex_sha256() {
        assert_eq!(content_version(b""), "e3b0c44298fc");
        assert_eq!(sha256(b"")[..2], [0xe3, 0xb0]);
    }
}
