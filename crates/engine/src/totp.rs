//! Time-based one-time passwords (RFC 6238) as authenticator apps compute them: HMAC-SHA-1,
//! six digits, thirty-second steps. Secrets travel as base32 (RFC 4648), the form apps accept
//! in a QR code or typed by hand.

use hmac::{KeyInit, Mac};

/// Seconds per time step.
pub const STEP_SECONDS: i64 = 30;
/// Digits of a code.
pub const DIGITS: u32 = 6;
/// The secret's length: 160 bits, the size of an HMAC-SHA-1 output, as RFC 4226 recommends.
pub const SECRET_BYTES: usize = 20;
/// How many steps either side of now a code may come from: a phone's clock a little off, or a
/// code typed just as it changed, still works.
const ALLOWED_DRIFT: i64 = 1;

type HmacSha1 = hmac::Hmac<sha1::Sha1>;

/// The step a Unix time (in milliseconds) falls in.
pub fn step_at(unix_ms: i64) -> i64 {
    unix_ms.div_euclid(1000).div_euclid(STEP_SECONDS)
}

/// The HOTP value (RFC 4226) of `counter`, with `digits` digits.
pub fn hotp(secret: &[u8], counter: u64, digits: u32) -> u32 {
    #[allow(clippy::expect_used, reason = "HMAC takes keys of any length")]
    let mut mac = HmacSha1::new_from_slice(secret).expect("HMAC takes keys of any length");
    mac.update(&counter.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    // Dynamic truncation: the low nibble of the last byte picks four bytes.
    let offset = (digest[digest.len() - 1] & 0x0f) as usize;
    let value = u32::from_be_bytes([digest[offset] & 0x7f, digest[offset + 1], digest[offset + 2], digest[offset + 3]]);
    value % 10u32.pow(digits)
}

/// The code of `step`, zero-padded, as an app shows it.
pub fn code_at_step(secret: &[u8], step: i64) -> String {
    format!("{:0width$}", hotp(secret, step.max(0) as u64, DIGITS), width = DIGITS as usize)
}

/// The step whose code `typed` is, within the allowed drift around `unix_ms`; spaces are ignored
/// ("123 456"). The comparison does not stop at the first differing digit.
pub fn matching_step(secret: &[u8], typed: &str, unix_ms: i64) -> Option<i64> {
    let typed: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if typed.len() != DIGITS as usize || !typed.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let now = step_at(unix_ms);
    // Every candidate is computed whatever matches, so timing does not tell which step did.
    let mut found = None;
    for step in now - ALLOWED_DRIFT..=now + ALLOWED_DRIFT {
        if constant_time_eq(code_at_step(secret, step).as_bytes(), typed.as_bytes()) && found.is_none() {
            found = Some(step);
        }
    }
    found
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |difference, (x, y)| difference | (x ^ y)) == 0
}

const BASE32_ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// RFC 4648 base32, without the `=` padding (apps do not need it and it reads badly).
pub fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    for chunk in bytes.chunks(5) {
        let mut buffer = [0u8; 5];
        buffer[..chunk.len()].copy_from_slice(chunk);
        let bits = u64::from_be_bytes([0, 0, 0, buffer[0], buffer[1], buffer[2], buffer[3], buffer[4]]);
        // Each input byte gives 8 bits; a partial chunk yields only the symbols that carry them.
        let n_symbols = (chunk.len() * 8).div_ceil(5);
        for index in 0..n_symbols {
            let symbol = (bits >> (35 - 5 * index)) & 31;
            out.push(BASE32_ALPHABET[symbol as usize] as char);
        }
    }
    out
}

/// Decodes RFC 4648 base32, accepting lower case, spaces and padding as people type them.
pub fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 5 / 8);
    let (mut buffer, mut n_bits) = (0u32, 0u32);
    for c in text.chars().filter(|c| !c.is_whitespace() && *c != '=') {
        let value = BASE32_ALPHABET.iter().position(|&symbol| symbol as char == c.to_ascii_uppercase())? as u32;
        buffer = (buffer << 5) | value;
        n_bits += 5;
        if n_bits >= 8 {
            n_bits -= 8;
            out.push((buffer >> n_bits) as u8);
            buffer &= (1 << n_bits) - 1;
        }
    }
    Some(out)
}

/// The `otpauth://` address an authenticator app reads from a QR code.
pub fn provisioning_uri(issuer: &str, account_name: &str, secret: &[u8]) -> String {
    let label = format!("{}:{}", percent_encode(issuer), percent_encode(account_name));
    format!(
        "otpauth://totp/{label}?secret={}&issuer={}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}",
        base32_encode(secret),
        percent_encode(issuer)
    )
}

fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'@' => (byte as char).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base32_matches_the_rfc_4648_vectors() {
        // RFC 4648 section 10, without the padding this encoder leaves out.
        let vectors = [
            ("", ""),
            ("f", "MY"),
            ("fo", "MZXQ"),
            ("foo", "MZXW6"),
            ("foob", "MZXW6YQ"),
            ("fooba", "MZXW6YTB"),
            ("foobar", "MZXW6YTBOI"),
        ];
        for (plain, encoded) in vectors {
            assert_eq!(base32_encode(plain.as_bytes()), encoded, "{plain}");
            assert_eq!(base32_decode(encoded).unwrap(), plain.as_bytes(), "{encoded}");
        }
        assert_eq!(base32_decode("mzxw 6ytb oi======").unwrap(), b"foobar", "as typed: spaces, case, padding");
        assert_eq!(base32_decode("MZ1W"), None, "1 is not base32");
    }

    #[test]
    fn base32_round_trips_a_secret() {
        let secret: Vec<u8> = (0..=255).step_by(13).collect();
        assert_eq!(base32_decode(&base32_encode(&secret)).unwrap(), secret);
    }

    /// RFC 6238 appendix B, the SHA-1 rows: the ASCII secret "12345678901234567890", eight digits.
    const RFC_6238_SHA1: [(i64, u32); 6] = [
        (59, 94287082),
        (1111111109, 7081804),
        (1111111111, 14050471),
        (1234567890, 89005924),
        (2000000000, 69279037),
        (20000000000, 65353130),
    ];

    #[test]
    fn codes_match_the_rfc_6238_vectors() {
        let secret = b"12345678901234567890";
        for (unix_seconds, expected) in RFC_6238_SHA1 {
            let step = step_at(unix_seconds * 1000);
            assert_eq!(hotp(secret, step as u64, 8), expected, "T = {unix_seconds}");
            // Six digits are the last six of the eight.
            assert_eq!(code_at_step(secret, step), format!("{:06}", expected % 1_000_000), "T = {unix_seconds}");
        }
    }

    #[test]
    fn a_code_matches_its_step_and_the_neighbours_only() {
        let secret = b"12345678901234567890";
        let at = 1_111_111_111_000;
        let now = step_at(at);
        for drift in [-1, 0, 1] {
            let code = code_at_step(secret, now + drift);
            assert_eq!(matching_step(secret, &code, at), Some(now + drift), "drift {drift}");
        }
        for drift in [-2, 2] {
            let code = code_at_step(secret, now + drift);
            // A code two steps away may collide with a neighbour's by chance; it must not match as itself.
            assert_ne!(matching_step(secret, &code, at), Some(now + drift), "drift {drift}");
        }
        let code = code_at_step(secret, now);
        assert_eq!(matching_step(secret, &format!("{} {}", &code[..3], &code[3..]), at), Some(now));
        for bad in ["", "12345", "1234567", "abcdef", "12345é"] {
            assert_eq!(matching_step(secret, bad, at), None, "{bad}");
        }
    }

    #[test]
    fn the_provisioning_uri_names_the_issuer_and_account() {
        let uri = provisioning_uri("Converge", "ann@example.org", b"foobar");
        assert_eq!(
            uri,
            "otpauth://totp/Converge:ann@example.org?secret=MZXW6YTBOI&issuer=Converge&algorithm=SHA1&digits=6&period=30"
        );
    }
}
