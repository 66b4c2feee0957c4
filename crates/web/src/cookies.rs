//! Reading and writing the few cookies Converge sets. Values are opaque tokens, so no
//! encoding is needed beyond refusing anything that is not a plain token.
//!
//! Behind HTTPS every cookie's name carries the `__Host-` prefix: browsers then accept it only
//! with `Secure`, `Path=/` and no `Domain`, so a neighbouring site on a sibling domain cannot set
//! or overwrite it (no planted session or form token).

use axum::http::HeaderMap;
use axum::http::header::COOKIE;

/// A facilitator's session token.
pub const SESSION: &str = "cv_session";
/// The random value CSRF tokens are derived from.
pub const CSRF: &str = "cv_csrf";
/// The chosen language.
pub const LANG: &str = "lang";
/// A participant's token in one workshop; the workshop id follows this prefix.
pub const PARTICIPANT_PREFIX: &str = "cv_p_";
/// A participant stays in for a week: a two-day workshop and its follow-up days.
pub const PARTICIPANT_MAX_AGE: i64 = 7 * 24 * 3600;

/// A browser that signed in to an account before: lets it through that account's backoff.
pub const DEVICE: &str = "cv_device";
/// A device cookie lasts half a year.
pub const DEVICE_MAX_AGE: i64 = 183 * 24 * 3600;

/// The prefix of every cookie name behind HTTPS.
const HOST_PREFIX: &str = "__Host-";

/// The value of cookie `name`, if the request carries it: under its `__Host-` name (behind
/// HTTPS), else its plain name (plain HTTP, where browsers refuse the prefix).
pub fn get(headers: &HeaderMap, name: &str) -> Option<String> {
    named(headers, &format!("{HOST_PREFIX}{name}")).or_else(|| named(headers, name))
}

fn named(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|header| header.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.trim_matches('"').to_owned())
        .filter(|value| value.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b)))
}

/// How cookies are marked. Behind HTTPS they are `Secure`; on a plain-HTTP venue network
/// browsers would refuse `Secure` cookies, so they are not.
#[derive(Debug, Clone, Copy)]
pub struct CookiePolicy {
    pub secure: bool,
}

impl CookiePolicy {
    /// A `Set-Cookie` value: HttpOnly, SameSite=Lax, whole site, for `max_age` seconds; behind
    /// HTTPS, Secure and named with the `__Host-` prefix.
    pub fn set(self, name: &str, value: &str, max_age: i64) -> String {
        if self.secure {
            format!("{HOST_PREFIX}{name}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax; Secure")
        } else {
            format!("{name}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax")
        }
    }

    pub fn clear(self, name: &str) -> String {
        self.set(name, "", 0)
    }

    /// Adds the cookie to `response`.
    pub fn add(self, response: &mut axum::response::Response, name: &str, value: &str, max_age: i64) {
        append(response, &self.set(name, value, max_age));
    }

    /// Tells the browser to forget the cookie.
    pub fn remove(self, response: &mut axum::response::Response, name: &str) {
        append(response, &self.clear(name));
    }
}

fn append(response: &mut axum::response::Response, set_cookie: &str) {
    // Cookie values are our own tokens and codes, always valid in a header.
    if let Ok(value) = axum::http::HeaderValue::from_str(set_cookie) {
        response.headers_mut().append(axum::http::header::SET_COOKIE, value);
    }
}

/// The participant cookie's name for a workshop.
pub fn participant(workshop: uuid::Uuid) -> String {
    format!("{PARTICIPANT_PREFIX}{}", workshop.simple())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn reads_a_cookie_among_several_and_refuses_odd_values() {
        let mut headers = HeaderMap::new();
        headers.insert(COOKIE, HeaderValue::from_static("a=1; cv_session=abc_DEF.9; b=<x>"));
        assert_eq!(get(&headers, SESSION).as_deref(), Some("abc_DEF.9"));
        assert_eq!(get(&headers, "b"), None);
        assert_eq!(get(&headers, "missing"), None);
    }

    #[test]
    fn secure_and_host_prefixed_only_when_asked() {
        assert_eq!(CookiePolicy { secure: false }.set("a", "b", 1), "a=b; Path=/; Max-Age=1; HttpOnly; SameSite=Lax");
        assert_eq!(
            CookiePolicy { secure: true }.set("a", "b", 1),
            "__Host-a=b; Path=/; Max-Age=1; HttpOnly; SameSite=Lax; Secure"
        );
    }

    #[test]
    fn the_host_prefixed_cookie_wins_over_a_plain_one() {
        let mut headers = HeaderMap::new();
        headers.insert(COOKIE, HeaderValue::from_static("cv_session=planted; __Host-cv_session=ours"));
        assert_eq!(get(&headers, SESSION).as_deref(), Some("ours"));
        headers.insert(COOKIE, HeaderValue::from_static("cv_session=plain"));
        assert_eq!(get(&headers, SESSION).as_deref(), Some("plain"), "plain HTTP has no prefix");
    }
}
