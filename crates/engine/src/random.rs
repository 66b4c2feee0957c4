//! Secrets and codes from the operating system's CSPRNG.

use converge_store::chain::hex;

/// 32 random bytes, hex-encoded: 256 bits, for tokens that authenticate.
pub fn token() -> String {
    hex(&bytes::<32>())
}

pub fn bytes<const N: usize>() -> [u8; N] {
    let mut buffer = [0u8; N];
    // Without an OS random source no secret can be made safely; there is nothing to fall back to.
    #[allow(
        clippy::expect_used,
        reason = "no secret can be made without the OS random source: stopping is the only safe answer"
    )]
    getrandom::fill(&mut buffer).expect("the operating system's random source is unavailable");
    buffer
}

/// Crockford's base-32 alphabet: no I, L, O or U, so a code read aloud or off a screen is not
/// mistaken for another.
const JOIN_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The length of a join code: 32^6 ≈ one billion codes.
pub const JOIN_CODE_LEN: usize = 6;

/// A new join code. Codes are "may join", not authentication, so 30 bits is enough when
/// attempts are rate-limited.
pub fn join_code() -> String {
    bytes::<JOIN_CODE_LEN>().iter().map(|byte| JOIN_ALPHABET[(byte & 31) as usize] as char).collect()
}

/// Normalises what someone typed as a join code: upper case, without spaces or dashes, and the
/// letters Crockford's alphabet leaves out read as the digits they resemble.
pub fn normalise_join_code(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_codes_use_only_the_unambiguous_alphabet() {
        for _ in 0..100 {
            let code = join_code();
            assert_eq!(code.len(), JOIN_CODE_LEN);
            assert!(code.bytes().all(|b| JOIN_ALPHABET.contains(&b)), "{code}");
        }
    }

    #[test]
    fn a_typed_code_is_normalised() {
        assert_eq!(normalise_join_code(" ab-c 1o "), "ABC10");
        assert_eq!(normalise_join_code("il"), "11");
    }

    #[test]
    fn tokens_are_256_bits_of_hex() {
        let token = token();
        assert_eq!(token.len(), 64);
        assert_ne!(token, super::token());
    }
}
