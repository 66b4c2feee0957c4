//! Pages anyone can open: the landing page, joining a workshop (and resuming one's place),
//! the personal link's page, signing in (with its code step when the account has a second
//! factor), first-run setup.

use crate::layout::{Frame, PageContext, csrf_field, form_error, page};
use converge_core::limits;
use maud::{Markup, html};

/// The landing page: joining a workshop, or signing in to facilitate.
pub fn landing(context: &PageContext) -> Markup {
    let lang = context.lang;
    let title = lang.t("landing-title");
    page(
        context,
        Frame { title: &title, live: None, body_class: "" },
        html! {
            section.hero {
                h1 { (title) }
                p.lead { (lang.t("landing-lead")) }
            }
            section.card {
                h2 { (lang.t("landing-join-heading")) }
                form.stack method="get" action="/join" {
                    label for="code" { (lang.t("join-code-label")) }
                    input #code name="code" required autocomplete="off" autocapitalize="characters"
                        inputmode="text" maxlength="16" class="code-input";
                    button type="submit" { (lang.t("landing-join-button")) }
                }
            }
            section.card {
                h2 { (lang.t("landing-facilitator-heading")) }
                p { (lang.t("landing-facilitator-text")) }
                p { a.button.secondary href="/signin" { (lang.t("nav-sign-in")) } }
            }
        },
    )
}

/// What the join page offers besides joining.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JoinMode {
    /// Joining, with resuming folded away.
    Fresh,
    /// Someone already joined under the name given: resuming first, joining as another second.
    SameName,
    /// The workshop is closed: only resuming, to read one's contributions.
    Closed,
}

/// What the join form held, to show it again.
#[derive(Debug, Clone, Copy)]
pub struct JoinFields<'a> {
    pub join_code: &'a str,
    pub name: &'a str,
    pub service: &'a str,
}

/// The join form, and the way back in for someone who already joined: their personal code.
/// `same_name` says someone already joined under the name given, which is most often the same
/// person on another phone: resuming is offered first, joining as someone else second.
pub fn render_join(context: &PageContext, form: &JoinFields, error: Option<&str>, mode: JoinMode) -> Markup {
    let lang = context.lang;
    let same_name = mode == JoinMode::SameName;
    let title = lang.t("join-title");
    page(
        context,
        Frame { title: &title, live: None, body_class: "" },
        html! {
            h1 { (title) }
            (form_error(error))
            // A refused personal code comes back here too, with no name to speak of.
            @if same_name && !form.name.trim().is_empty() {
                p.notice role="status" { (lang.t_args("join-same-name", &[("name", form.name.trim().into())])) }
            }
            @let resume = html! {
                form #resume-form.stack.card method="post" action="/resume" {
                    (csrf_field(&context.csrf))
                    h2 { (lang.t("resume-heading")) }
                    p.hint { (lang.t("resume-hint")) }
                    label for="resume_join_code" { (lang.t("join-code-label")) }
                    input #resume_join_code name="join_code" value=(form.join_code) required autocomplete="off"
                        autocapitalize="characters" maxlength="16" class="code-input";
                    label for="resume_code" { (lang.t("resume-code-label")) }
                    input #resume_code name="resume_code" required autocomplete="off" autocapitalize="characters"
                        maxlength="16" class="code-input" placeholder="XXXX-XXXX";
                    button type="submit" { (lang.t("resume-button")) }
                }
            };
            @if mode == JoinMode::Closed {
                p.notice role="status" { (lang.t("join-workshop-closed")) }
            }
            @if mode != JoinMode::Fresh { (resume) }
            @if mode != JoinMode::Closed { form #join-form.stack.card method="post" action="/join" {
                (csrf_field(&context.csrf))
                @if same_name {
                    h2 { (lang.t("join-as-another-heading")) }
                    input type="hidden" name="another_person" value="1";
                }
                label for="join_code" { (lang.t("join-code-label")) }
                input #join_code name="join_code" value=(form.join_code) required autocomplete="off"
                    autocapitalize="characters" maxlength="16" class="code-input";
                label for="name" { (lang.t("join-name-label")) }
                input #name name="name" value=(form.name) required maxlength=(limits::NAME_MAX) autocomplete="nickname";
                @if same_name { p.hint { (lang.t("join-as-another-hint")) } }
                label for="service" { (lang.t("join-service-label")) }
                input #service name="service" value=(form.service) maxlength=(limits::SERVICE_MAX) autocomplete="organization";
                p.hint { (lang.t("join-service-hint")) }
                button type="submit" { (lang.t(if same_name { "join-as-another-button" } else { "join-button" })) }
            } }
            @if mode == JoinMode::Fresh {
                details.resume-details {
                    summary { (lang.t("resume-summary")) }
                    (resume)
                }
            }
        },
    )
}

pub fn render_personal_link(
    context: &PageContext,
    workshop: &converge_core::Workshop,
    code: &str,
    error: Option<&str>,
) -> Markup {
    let lang = context.lang;
    let title = lang.t("resume-heading");
    page(
        context,
        Frame { title: &title, live: None, body_class: "" },
        html! {
            h1 { (workshop.title) }
            (form_error(error))
            form #resume-form.stack.card method="post" action={ "/w/" (workshop.id) "/resume" } {
                (csrf_field(&context.csrf))
                h2 { (title) }
                p.hint { (lang.t("resume-link-hint")) }
                label for="resume_code" { (lang.t("resume-code-label")) }
                input #resume_code name="resume_code" value=(code) required autocomplete="off"
                    autocapitalize="characters" maxlength="16" class="code-input";
                button type="submit" { (lang.t("resume-button")) }
            }
        },
    )
}

pub fn render_sign_in(context: &PageContext, email: &str, error: Option<&str>) -> Markup {
    let lang = context.lang;
    let title = lang.t("signin-title");
    page(
        context,
        Frame { title: &title, live: None, body_class: "" },
        html! {
            h1 { (title) }
            (form_error(error))
            form #signin-form.stack.card method="post" action="/signin" {
                (csrf_field(&context.csrf))
                label for="email" { (lang.t("signin-email-label")) }
                input #email type="email" name="email" value=(email) required autocomplete="username";
                label for="password" { (lang.t("signin-password-label")) }
                input #password type="password" name="password" required autocomplete="current-password";
                button type="submit" { (lang.t("nav-sign-in")) }
            }
        },
    )
}

pub fn render_code_step(context: &PageContext, pending: &str, error: Option<&str>) -> Markup {
    let lang = context.lang;
    let title = lang.t("signin-code-title");
    page(
        context,
        Frame { title: &title, live: None, body_class: "" },
        html! {
            h1 { (title) }
            p { (lang.t("signin-code-lead")) }
            (form_error(error))
            form #signin-code-form.stack.card method="post" action="/signin/code" {
                (csrf_field(&context.csrf))
                input type="hidden" name="pending" value=(pending);
                label for="code" { (lang.t("signin-code-label")) }
                input #code name="code" required autofocus autocomplete="one-time-code" inputmode="numeric"
                    maxlength="16";
                button type="submit" { (lang.t("signin-code-button")) }
            }
            p { a href="/signin" { (lang.t("signin-code-restart")) } }
        },
    )
}

pub fn render_setup(context: &PageContext, token: &str, email: &str, name: &str, error: Option<&str>) -> Markup {
    let lang = context.lang;
    let title = lang.t("setup-title");
    page(
        context,
        Frame { title: &title, live: None, body_class: "" },
        html! {
            h1 { (title) }
            p { (lang.t("setup-lead")) }
            (form_error(error))
            form #setup-form.stack.card method="post" action={ "/setup/" (token) } {
                (csrf_field(&context.csrf))
                label for="email" { (lang.t("signin-email-label")) }
                input #email type="email" name="email" value=(email) required autocomplete="username";
                label for="name" { (lang.t("setup-name-label")) }
                input #name name="name" value=(name) required maxlength=(limits::NAME_MAX);
                label for="password" { (lang.t("signin-password-label")) }
                input #password type="password" name="password" required minlength="8" autocomplete="new-password";
                p.hint { (lang.t("setup-password-hint")) }
                button type="submit" { (lang.t("setup-button")) }
            }
        },
    )
}
