//! The facilitator's own account page: the browsers signed in (each can be signed out), the
//! password, and the optional second factor (TOTP).

use crate::Lang;
use crate::layout::{Frame, PageContext, csrf_field, form_error, page};
use converge_engine::accounts::{SessionView, TotpEnrolment};
use converge_i18n::FluentValue;
use maud::{Markup, PreEscaped, html};

/// Where the account page is, and where its forms post.
pub const ACCOUNT_PATH: &str = "/facilitator/account";

/// What a rendering of the page shows besides the account's state.
#[derive(Debug, Default)]
pub struct Shown<'a> {
    pub notice: Option<&'static str>,
    /// An error, and the section (`password`, `totp`) whose form it belongs to.
    pub error: Option<(&'static str, String)>,
    /// The recovery codes just given, shown once.
    pub recovery_codes: Option<&'a [String]>,
}

/// The account page of `display_name` (`email`): its sessions, the password form, and the
/// second factor (`second_factor` is the number of recovery codes left when it is on; an
/// `enrolment` is offered when it is off).
pub fn account_page(
    context: &PageContext,
    display_name: &str,
    email: &str,
    sessions: &[SessionView],
    second_factor: Option<u64>,
    enrolment: Option<&TotpEnrolment>,
    shown: &Shown,
) -> Markup {
    let lang = context.lang;
    let title = lang.t("account-title");
    let error_in = |section: &str| shown.error.as_ref().filter(|(s, _)| *s == section).map(|(_, m)| m.as_str());
    page(
        context,
        Frame { title: &title, live: None, body_class: "" },
        html! {
            p { a href="/facilitator" { (lang.t("account-back")) } }
            h1 { (title) }
            p.muted { (display_name) " · " (email) }
            @if let Some(notice) = shown.notice {
                p.notice role="status" { (lang.t(notice)) }
            }
            @if let Some(codes) = shown.recovery_codes {
                section #recovery-codes.card {
                    h2 { (lang.t("account-recovery-heading")) }
                    p.notice role="status" { (lang.t("account-totp-enabled")) }
                    ul.recovery-codes {
                        @for code in codes { li { code { (code) } } }
                    }
                }
            }
            (sessions_section(context, sessions))
            (password_section(context, error_in("password")))
            (second_factor_section(context, second_factor, enrolment, error_in("totp")))
        },
    )
}

fn sessions_section(context: &PageContext, sessions: &[SessionView]) -> Markup {
    let lang = context.lang;
    let n_others = sessions.iter().filter(|session| !session.current).count();
    html! {
        section #sessions.card {
            h2 { (lang.t("account-sessions-heading")) }
            p { (lang.t("account-sessions-lead")) }
            table.sessions {
                thead {
                    tr {
                        th scope="col" { (lang.t("account-session-browser")) }
                        th scope="col" { (lang.t("account-session-began")) }
                        th scope="col" { (lang.t("account-session-last-used")) }
                        th scope="col" { span.visually-hidden { (lang.t("account-session-end")) } }
                    }
                }
                tbody {
                    @for session in sessions {
                        tr data-session=(session.handle) data-current[session.current] {
                            td title=(session.user_agent) {
                                (browser_summary(lang, &session.user_agent))
                                @if session.current {
                                    " " strong.this-session { (lang.t("account-session-this")) }
                                }
                            }
                            td { (utc_minute(session.created_at)) }
                            td { (utc_minute(session.last_used_at)) }
                            td {
                                @if !session.current {
                                    form.inline method="post" action={ (ACCOUNT_PATH) "/sessions/end" } {
                                        (csrf_field(&context.csrf))
                                        input type="hidden" name="session" value=(session.handle);
                                        button.secondary type="submit" { (lang.t("account-session-end")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if n_others > 0 {
                form #end-others method="post" action={ (ACCOUNT_PATH) "/sessions/end-others" } {
                    (csrf_field(&context.csrf))
                    button.danger type="submit" { (lang.t("account-sessions-end-others")) }
                }
            }
        }
    }
}

fn password_section(context: &PageContext, error: Option<&str>) -> Markup {
    let lang = context.lang;
    html! {
        section #password.card {
            h2 { (lang.t("account-password-heading")) }
            (form_error(error))
            form #password-form.stack method="post" action={ (ACCOUNT_PATH) "/password" } {
                (csrf_field(&context.csrf))
                label for="current_password" { (lang.t("account-password-current")) }
                input #current_password type="password" name="current_password" required autocomplete="current-password";
                label for="new_password" { (lang.t("account-password-new")) }
                input #new_password type="password" name="new_password" required minlength="8" maxlength="128"
                    autocomplete="new-password";
                p.hint { (lang.t("account-password-hint")) }
                button type="submit" { (lang.t("account-password-button")) }
            }
        }
    }
}

/// The second factor: how to turn it off when it is on, else the enrolment (a new key, drawn by
/// the handler) to turn it on.
fn second_factor_section(
    context: &PageContext,
    recovery_codes_left: Option<u64>,
    enrolment: Option<&TotpEnrolment>,
    error: Option<&str>,
) -> Markup {
    let lang = context.lang;
    html! {
        section #totp.card {
            h2 { (lang.t("account-totp-heading")) }
            (form_error(error))
            @if let Some(left) = recovery_codes_left {
                p #totp-status data-totp="on" {
                    (lang.t_args("account-totp-on", &[("count", FluentValue::from(left))]))
                }
                p { (lang.t("account-totp-disable-lead")) }
                form #totp-disable.stack method="post" action={ (ACCOUNT_PATH) "/totp/disable" } {
                    (csrf_field(&context.csrf))
                    label for="disable_password" { (lang.t("account-password-current")) }
                    input #disable_password type="password" name="password" required autocomplete="current-password";
                    label for="disable_code" { (lang.t("account-totp-code")) }
                    input #disable_code name="code" required autocomplete="one-time-code" maxlength="16";
                    button.danger type="submit" { (lang.t("account-totp-disable")) }
                }
            } @else {
                p #totp-status data-totp="off" { (lang.t("account-totp-off")) }
                @if let Some(enrolment) = enrolment {
                    (enrolment_form(context, enrolment))
                }
            }
        }
    }
}

fn enrolment_form(context: &PageContext, enrolment: &TotpEnrolment) -> Markup {
    let lang = context.lang;
    html! {
        p { (lang.t("account-totp-scan")) }
        // The encoder turns the address into modules only, so the markup is the encoder's.
        div.qr role="img" aria-label=(lang.t("account-totp-qr-label")) { (PreEscaped(qr_svg(&enrolment.uri))) }
        p { (lang.t("account-totp-key")) " " code #totp-secret { (spaced(&enrolment.secret_base32)) } }
        form #totp-enable.stack method="post" action={ (ACCOUNT_PATH) "/totp" } {
            (csrf_field(&context.csrf))
            input type="hidden" name="secret" value=(enrolment.secret_base32);
            input type="hidden" name="proof" value=(enrolment.proof);
            label for="enable_code" { (lang.t("account-totp-code")) }
            input #enable_code name="code" required autocomplete="one-time-code" inputmode="numeric" maxlength="7";
            button type="submit" { (lang.t("account-totp-enable")) }
        }
    }
}

/// The key in groups of four, as apps that take it typed expect to see it.
fn spaced(secret: &str) -> String {
    secret.as_bytes().chunks(4).map(|chunk| String::from_utf8_lossy(chunk).into_owned()).collect::<Vec<_>>().join(" ")
}

fn qr_svg(text: &str) -> String {
    match qrcode::QrCode::new(text.as_bytes()) {
        Ok(code) => code.render::<qrcode::render::svg::Color<'_>>().min_dimensions(200, 200).quiet_zone(true).build(),
        Err(_) => String::new(),
    }
}

/// A minute in UTC, e.g. `2026-11-26 23:45 UTC`: the server cannot know the reader's zone.
fn utc_minute(unix_ms: i64) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    time::OffsetDateTime::from_unix_timestamp_nanos(unix_ms as i128 * 1_000_000)
        .ok()
        .and_then(|moment| moment.format(&format).ok())
        .unwrap_or_default()
}

/// A few words for a User-Agent: the browser and the system, e.g. "Firefox · Linux". Only a
/// hint for the facilitator to tell sessions apart; the full text is in the cell's title.
pub fn browser_summary(lang: Lang, user_agent: &str) -> String {
    // Order matters: Edge and Opera also say Chrome, Chrome also says Safari.
    const BROWSERS: [(&str, &str); 7] = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
        ("curl/", "curl"),
        ("reqwest", "reqwest"),
    ];
    const SYSTEMS: [(&str, &str); 7] = [
        ("Android", "Android"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("CrOS", "ChromeOS"),
        ("Linux", "Linux"),
    ];
    let browser = BROWSERS.iter().find(|(marker, _)| user_agent.contains(marker)).map(|(_, name)| *name);
    let system = SYSTEMS.iter().find(|(marker, _)| user_agent.contains(marker)).map(|(_, name)| *name);
    match (browser, system) {
        (Some(browser), Some(system)) => format!("{browser} · {system}"),
        (Some(name), None) | (None, Some(name)) => name.to_owned(),
        (None, None) if user_agent.trim().is_empty() => lang.t("account-session-unknown-browser"),
        (None, None) => {
            let short: String = user_agent.chars().take(40).collect();
            if short.len() < user_agent.len() { format!("{short}…") } else { short }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use converge_core::Language;

    #[test]
    fn a_user_agent_is_summed_up_in_a_few_words() {
        let lang = Lang(Language::En);
        let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
        assert_eq!(browser_summary(lang, firefox), "Firefox · Linux");
        let edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) \
                    Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0";
        assert_eq!(browser_summary(lang, edge), "Edge · Windows");
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) \
                      Version/18.1 Mobile/15E148 Safari/604.1";
        assert_eq!(browser_summary(lang, iphone), "Safari · iOS");
        assert_eq!(browser_summary(lang, ""), lang.t("account-session-unknown-browser"));
        let odd = "x".repeat(300);
        assert_eq!(browser_summary(lang, &odd).chars().count(), 41, "cut to 40 characters and an ellipsis");
    }
}
