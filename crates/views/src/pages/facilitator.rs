//! The facilitator's pages around the console: the dashboard of workshops (archived ones
//! apart), the confirmation before deleting or archiving one, and the projection screen.

use crate::Lang;
use crate::activities::{self, Draft};
use crate::layout::{EventKinds, Frame, Live, PageContext, csrf_field, form_error, page};
use converge_core::{
    Activity, ActivityStatus, CalendarDate, JoinPanel, Keyring, Language, ParticipantId, Role, Workshop, WorkshopId,
    limits,
};
use converge_i18n::FluentValue;
use maud::{Markup, PreEscaped, html};
use std::collections::HashMap;

/// A workshop in the dashboard's lists.
#[derive(Debug, Clone, Copy)]
pub struct WorkshopLink<'a> {
    pub id: WorkshopId,
    pub title: &'a str,
    pub join_code: &'a str,
}

/// The dashboard of `display_name`: the form that creates a workshop (`title_value` and `error`
/// when it was refused), their workshops and the archived ones.
pub fn dashboard(
    context: &PageContext,
    display_name: &str,
    workshops: &[WorkshopLink],
    archived: &[WorkshopLink],
    templates: &[converge_engine::templates::Template],
    title_value: &str,
    error: Option<&str>,
) -> Markup {
    let lang = context.lang;
    let title = lang.t("dashboard-title");
    page(
        context,
        Frame { title: &title, live: None, body_class: "" },
        html! {
            h1 { (title) }
            p.muted {
                (lang.t_args("dashboard-signed-in-as", &[("name", display_name.into())]))
                " · " a #account-link href="/facilitator/account" { (lang.t("account-link")) }
            }
            section.card {
                h2 { (lang.t("dashboard-create-heading")) }
                (form_error(error))
                form #create-workshop.stack method="post" action="/facilitator/workshops" {
                    (csrf_field(&context.csrf))
                    label for="title" { (lang.t("dashboard-workshop-title-label")) }
                    input #title name="title" value=(title_value) required maxlength=(limits::TITLE_MAX);
                    label for="language" { (lang.t("dashboard-workshop-language-label")) }
                    select #language name="language" {
                        @for language in Language::ALL {
                            option value=(language.as_str()) selected[language == lang.0] {
                                (Lang(language).t("language-name"))
                            }
                        }
                    }
                    label for="template" { (lang.t("dashboard-template-label")) }
                    select #template name="template" {
                        option value="default" selected { (lang.t("template-default-name")) }
                        @for template in templates {
                            option value=(template.id()) { (template.title(lang.0)) }
                        }
                    }
                    button type="submit" { (lang.t("dashboard-create-button")) }
                }
            }
            section {
                h2 { (lang.t("dashboard-list-heading")) }
                @if workshops.is_empty() {
                    p.muted { (lang.t("dashboard-empty")) }
                }
                ul.workshops {
                    @for workshop in workshops {
                        li.card {
                            a data-workshop-link href={ "/facilitator/workshops/" (workshop.id) } { (workshop.title) }
                            span.code { (workshop.join_code) }
                            a.button.danger href={ "/facilitator/workshops/" (workshop.id) "/delete" } {
                                (lang.t("dashboard-delete-button"))
                            }
                        }
                    }
                }
            }
            @if !archived.is_empty() {
                section #archived {
                    h2 { (lang.t("dashboard-archived-heading")) }
                    p.hint { (lang.t("dashboard-archived-hint")) }
                    ul.workshops {
                        @for workshop in archived {
                            li.card data-archived=(workshop.id) {
                                a href={ "/facilitator/workshops/" (workshop.id) } { (workshop.title) }
                                form.inline method="post" action={ "/facilitator/workshops/" (workshop.id) "/restore" } {
                                    (csrf_field(&context.csrf))
                                    button.secondary type="submit" { (lang.t("dashboard-restore-button")) }
                                }
                                a.button.danger href={ "/facilitator/workshops/" (workshop.id) "/delete" } {
                                    (lang.t("dashboard-delete-for-good-button"))
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// What deleting does to this workshop, to confirm. A workshop whose follow-up page is public is
/// archived instead (the page stays up); once archived, this is the second step, which names
/// the page that will go down (under `public_base`, this server's public address) and the
/// actions it follows.
pub fn delete_confirmation(context: &PageContext, workshop: &Workshop, public_base: &str) -> Markup {
    let id = workshop.id;
    let lang = context.lang;
    let workshop_title = || workshop.title.as_str().into();
    let path = format!("/facilitator/workshops/{id}");
    let (title, body) = match &workshop.follow_up_token {
        Some(token) if workshop.archived => {
            let url = format!("{public_base}/follow/{token}");
            let title = lang.t("delete-for-good-title");
            let body = html! {
                p { (lang.t_args("delete-for-good-question", &[("title", workshop_title())])) }
                p { (lang.t_args("delete-for-good-page", &[("url", url.as_str().into())])) }
                p { (lang.t_args("delete-for-good-actions", &[("count", FluentValue::from(workshop.plan().count()))])) }
                form #delete-for-good.actions method="post" action={ (path) "/delete-for-good" } {
                    (csrf_field(&context.csrf))
                    button.danger type="submit" { (lang.t("delete-for-good-confirm-button")) }
                    a.button.secondary href="/facilitator#archived" { (lang.t("delete-cancel")) }
                }
            };
            (title, body)
        }
        Some(_) => {
            let title = lang.t("archive-title");
            let body = html! {
                p { (lang.t_args("archive-question", &[("title", workshop_title())])) }
                p.muted { (lang.t("archive-consequence")) }
                form #archive-workshop.actions method="post" action={ (path) "/delete" } {
                    (csrf_field(&context.csrf))
                    button.danger type="submit" { (lang.t("archive-confirm-button")) }
                    a.button.secondary href="/facilitator" { (lang.t("delete-cancel")) }
                }
            };
            (title, body)
        }
        None => {
            let title = lang.t("delete-title");
            let n_contributions = FluentValue::from(workshop.contributions.len());
            let body = html! {
                p { (lang.t_args("delete-question", &[("title", workshop_title())])) }
                p.muted { (lang.t_args("delete-consequence", &[("count", n_contributions)])) }
                form #delete-workshop.actions method="post" action={ (path) "/delete" } {
                    (csrf_field(&context.csrf))
                    button.danger type="submit" { (lang.t("delete-confirm-button")) }
                    a.button.secondary href="/facilitator" { (lang.t("delete-cancel")) }
                }
            };
            (title, body)
        }
    };
    page(context, Frame { title: &title, live: None, body_class: "" }, html! { h1 { (title) } (body) })
}

/// What the projection screen shows: the workshop as folded, with the join code, the link it
/// opens and its QR code (an SVG from the encoder), and the participants' names.
#[derive(Debug, Clone, Copy)]
pub struct Screen<'a> {
    pub workshop: &'a Workshop,
    pub keyring: &'a Keyring,
    pub seq: u64,
    pub names: &'a HashMap<ParticipantId, &'a str>,
    pub join_code: &'a str,
    pub join_link: &'a str,
    pub qr: &'a str,
    pub now: converge_core::Timestamp,
    /// The token of the screen's address without sign-in, when the page is opened by it: the
    /// page's event stream is followed with it, as the room reads it.
    pub screen_token: Option<&'a str>,
}

impl<'a> Screen<'a> {
    /// An activity as the projection shows it: nobody's viewpoint, no controls.
    fn view_of(&self, lang: Lang, activity: &'a Activity, draft: &'a Draft) -> activities::View<'a> {
        activities::View {
            lang,
            csrf: "",
            workshop: self.workshop,
            activity,
            names: self.names,
            keyring: self.keyring,
            viewer: None,
            role: None,
            now: self.now,
            draft,
        }
    }
}

/// The projection screen: the join panel, and the focused activity (or else whatever is open).
pub fn screen(context: &PageContext, screen: &Screen) -> Markup {
    let Screen { workshop, seq, join_code, join_link, qr, now, screen_token, .. } = *screen;
    let lang = context.lang;
    let id = workshop.id;
    let draft = Draft::default();
    // The screen follows the facilitator: the focused activity, or else whatever is open.
    let shown: Vec<&Activity> = match workshop.focus.and_then(|focus| workshop.activity(focus)) {
        Some(focused) => vec![focused],
        None => workshop.open_activities().collect(),
    };
    let spotlit =
        workshop.projection.spotlight.and_then(|id| workshop.contribution(id)).filter(|note| note.is_visible());
    // The join panel fills a third of the screen while the room gathers; once there is an
    // activity to show, it shrinks to a corner, for the latecomer; the facilitator may keep it
    // large (a wave of latecomers) or take it off.
    let join = match (workshop.closed_at, workshop.projection.join_panel) {
        (Some(_), _) | (None, JoinPanel::Large) => "full",
        (None, JoinPanel::Hidden) => "hidden",
        (None, JoinPanel::Auto) if shown.is_empty() && spotlit.is_none() => "full",
        (None, JoinPanel::Auto) => "corner",
    };
    page(
        context,
        Frame {
            title: &workshop.title,
            live: Some(screen_live(id, seq, &page_address(context, workshop), screen_token)),
            body_class: crate::layout::SCREEN,
        },
        html! {
            div #stage-live.stage data-join=(join) data-live {
                // Live: a new code or a lock shows at once, so nobody scans a code that stopped.
                @if join != "hidden" { aside #join-live.join-panel {
                    @if let Some(closed_at) = workshop.closed_at {
                        // Nobody joins a closed workshop: no code to scan, a word of thanks.
                        p.closing-thanks { (lang.t("screen-closed-thanks")) }
                        p.muted { (lang.t_args("screen-closed-on", &[("date", lang.date(CalendarDate::of(closed_at)).into())])) }
                    } @else if workshop.joining_locked {
                        p.joining-locked { (lang.t("screen-joining-locked")) }
                    } @else {
                        p.join-prompt { (lang.t("screen-join-prompt")) }
                        div.qr { (PreEscaped(qr)) }
                        p.join-url { (join_link) }
                        p.join-code-label { (lang.t("console-join-code")) }
                        p.code.huge data-join-code { (join_code) }
                    }
                } }
                div #screen-live.screen-main {
                    h1.stage-workshop { (workshop.title) }
                    // The board fits the screen (stage.js): everything in it scales, and its
                    // lists page when even the smallest readable size cannot hold them.
                    div.stage-board data-fit {
                        @if workshop.closed_at.is_some() {
                            (closing_summary(lang, workshop))
                        } @else if let Some(contribution) = spotlit {
                            (spotlight(context, screen, contribution))
                        } @else if shown.is_empty() {
                            p.lead { (lang.t("screen-waiting")) }
                            // Once the room is seated, it finds its tables here while it waits.
                            (crate::seating::tables(lang, workshop, screen.names, None))
                        }
                        @for activity in shown.iter().filter(|_| spotlit.is_none() && workshop.closed_at.is_none()) {
                            section.stage-activity {
                                header.stage-head {
                                    div {
                                        h2 { (activity.title) }
                                        @if !activity.prompt.is_empty() { p.prompt { (activity.prompt) } }
                                    }
                                    (stage_progress(lang, workshop, activity))
                                    (crate::timer::timer(lang, activity, now))
                                }
                                @let view = screen.view_of(lang, activity, &draft);
                                @match workshop.projection.zoom.filter(|zoom| zoom.activity_id == activity.id) {
                                    Some(zoom) => (activities::projection_zoomed(&view, zoom.part)),
                                    None => (activities::projection(&view)),
                                }
                            }
                        }
                    }
                    p.stage-pages data-fit-pages hidden {}
                }
            }
        },
    )
}

/// How far the room is, beside the timer while the activity runs: "14 sur 20 ont fini ce tour".
/// Counts only, never who (`Workshop::progress`), so it reads the same in an anonymous activity.
fn stage_progress(lang: Lang, workshop: &Workshop, activity: &Activity) -> Markup {
    let Some(progress) = workshop.progress(activity).filter(|_| activity.status == ActivityStatus::Open) else {
        return html! {};
    };
    html! {
        p.stage-progress data-progress=(progress.kind.as_str()) {
            (lang.t_args(&format!("console-progress-{}", progress.kind.as_str()), &[
                ("done", FluentValue::from(progress.done)),
                ("present", FluentValue::from(progress.present)),
            ]))
            meter min="0" max=(progress.present.max(1)) value=(progress.done) aria-hidden="true" {}
        }
    }
}

/// One contribution full screen: its text as large as the screen takes it, where it comes
/// from, and its author where the room may see it.
fn spotlight(context: &PageContext, screen: &Screen, contribution: &converge_core::Contribution) -> Markup {
    let Screen { workshop, now, .. } = *screen;
    let lang = context.lang;
    let Some(activity) = workshop.activity(contribution.activity_id) else { return html! {} };
    let draft = Draft::default();
    let view = screen.view_of(lang, activity, &draft);
    html! {
        section.stage-activity.stage-spotlight data-spotlight=(contribution.id) {
            header.stage-head {
                div { h2 { (activity.title) } }
                (crate::timer::timer(lang, activity, now))
            }
            blockquote.spotlight-text {
                p { (contribution.text) }
                @if let Some(author) = view.author_of(contribution) {
                    footer.spotlight-author { (author) }
                }
            }
        }
    }
}

/// What the room did, for the projection once the workshop is closed: a few figures, large.
fn closing_summary(lang: Lang, workshop: &Workshop) -> Markup {
    let people = workshop.participants.values().filter(|participant| participant.role != Role::Facilitator).count();
    let figures = [
        ("screen-closed-people", people),
        ("screen-closed-contributions", workshop.contributions.iter().filter(|note| note.is_visible()).count()),
        ("screen-closed-actions", workshop.plan().count()),
    ];
    html! {
        section.closing {
            p.lead { (lang.t("screen-closed-lead")) }
            ul.closing-figures {
                @for (key, n) in figures {
                    li { strong { (n) } " " (lang.t_args(key, &[("count", FluentValue::from(n))])) }
                }
            }
        }
    }
}

pub fn live(id: WorkshopId, seq: u64, page: &str, kinds: EventKinds) -> Live {
    Live {
        stream: format!("/api/v1/workshops/{id}/events"),
        seq,
        page: page.to_owned(),
        kinds,
        activity: None,
        follow_focus: None,
    }
}

/// The projection's live updates: the workshop's stream, followed with the screen's token when
/// the page was opened by its address without sign-in (a token is lower-case base 32: nothing to
/// escape), and the page's own address to fetch again.
fn screen_live(id: WorkshopId, seq: u64, page: &str, screen_token: Option<&str>) -> Live {
    let mut live = live(id, seq, page, Live::SCREEN);
    if let Some(token) = screen_token {
        live.stream = format!("{}?screen={token}", live.stream);
    }
    live
}

/// The address the projection fetches again to refresh: its own, in the language it is shown in.
/// It speaks the workshop's language unless `?lang=` chose the other, which the refreshes keep
/// asking for, or they would come back in the workshop's.
fn page_address(context: &PageContext, workshop: &Workshop) -> String {
    if context.lang.0 == workshop.language {
        context.path.clone()
    } else {
        format!("{}?lang={}", context.path, context.lang.code())
    }
}
