//! The frame every page shares, and the small pieces pages are built from.

use crate::Lang;
use converge_core::Language;
use maud::{DOCTYPE, Markup, html};

/// A list of event kinds, as `converge_core::Event::kind` writes them and the event stream sends
/// them: what a page's live region follows (`data-live-kinds`). A test in the web crate checks
/// every list against the core's events, so a renamed event cannot leave a page following
/// nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventKinds(pub &'static [&'static str]);

impl EventKinds {
    /// Every kind: the page follows the whole stream.
    pub const ALL: EventKinds = EventKinds(&[]);
}

/// What every page needs from its request: language, form token, path, and who is signed in.
pub struct PageContext {
    pub lang: Lang,
    pub csrf: String,
    pub path: String,
    /// The query string without any `lang=`, to build the language switch.
    pub query_without_lang: String,
    pub has_session: bool,
}

/// Live updates for a page: the event stream to follow, from the sequence number rendered, and
/// the address that renders the page afresh (not always the current one: a refused form is
/// shown at the address it was posted to).
pub struct Live {
    pub stream: String,
    pub seq: u64,
    pub page: String,
    /// The event kinds that change this page; none for every kind.
    pub kinds: EventKinds,
    /// When set, events about activities other than these leave this page alone: the page's
    /// own activity and those it is linked to (its sources, and the ones working on it).
    pub activity: Option<String>,
    /// When set, the page goes wherever the facilitator sends every screen: this path plus the
    /// focused activity's id (participants' pages).
    pub follow_focus: Option<String>,
}

impl Live {
    /// Kinds that change what participants see of the agenda.
    pub const AGENDA: EventKinds = EventKinds(&[
        "activity_added",
        "activity_updated",
        "activity_removed",
        "activity_restored",
        "activity_moved",
        "activity_opened",
        "activity_closed",
        "focus_changed",
        "tables_formed",
        "participant_seated",
        "workshop_closed",
        "workshop_deleted",
    ]);
    /// Kinds that change an activity's page or the projection.
    pub const ACTIVITY: EventKinds = EventKinds(ACTIVITY_KINDS);
    /// Kinds that change the projection screen: an activity's, how the stage shows it, and who
    /// may join.
    pub const SCREEN: EventKinds = EventKinds(&SCREEN_KINDS);
}

const ACTIVITY_KINDS: &[&str] = &[
    "activity_updated",
    "activity_removed",
    "activity_restored",
    "activity_opened",
    "activity_closed",
    "timer_started",
    "timer_paused",
    "timer_extended",
    "timer_shortened",
    "focus_changed",
    "contribution_posted",
    "contribution_moved",
    "contributions_merged",
    "contribution_categorized",
    "contribution_hidden",
    "contribution_shown",
    "contribution_edited",
    "contribution_removed",
    "contribution_unmerged",
    "brainwriting_started",
    "brainwriting_round_started",
    "participant_left",
    "participant_returned",
    "deck_card_added",
    "deck_card_removed",
    "ballot_cast",
    "item_assessed",
    "results_frozen",
    "selection_recorded",
    "action_drafted",
    "action_edited",
    "action_withdrawn",
    "consensus_given",
    "risk_rated",
    "mitigations_linked",
    "workshop_closed",
    "workshop_deleted",
];

/// What only the projection follows besides an activity's kinds.
const STAGE_KINDS: &[&str] = &[
    "spotlight_changed",
    "projection_zoomed",
    "join_panel_changed",
    "names_on_screen_changed",
    "joining_locked",
    "join_code_renewed",
];

const SCREEN_KINDS: [&str; ACTIVITY_KINDS.len() + STAGE_KINDS.len()] = joined(ACTIVITY_KINDS, STAGE_KINDS);

/// Two lists of kinds as one, at compile time (`N` is the sum of their lengths).
const fn joined<const N: usize>(first: &[&'static str], second: &[&'static str]) -> [&'static str; N] {
    let mut all = [""; N];
    let mut at = 0;
    while at < first.len() {
        all[at] = first[at];
        at += 1;
    }
    while at < N {
        all[at] = second[at - first.len()];
        at += 1;
    }
    all
}

pub struct Frame<'a> {
    pub title: &'a str,
    pub live: Option<Live>,
    /// A class on `<body>` for page-wide styling, e.g. the projection screen.
    pub body_class: &'static str,
}

/// The body class of the projection screen, which alone loads the stage's fitting.
pub const SCREEN: &str = "screen";

pub fn page(context: &PageContext, frame: Frame<'_>, content: Markup) -> Markup {
    let lang = context.lang;
    let other = match lang.0 {
        Language::Fr => Lang(Language::En),
        Language::En => Lang(Language::Fr),
    };
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (frame.title) " · Converge" }
                link rel="stylesheet" href=(crate::assets::path("app.css"));
                link rel="stylesheet" href=(crate::assets::path("boards.css"));
                link rel="stylesheet" href=(crate::assets::path("sorting.css"));
                link rel="stylesheet" href=(crate::assets::path("votes.css"));
                link rel="stylesheet" href=(crate::assets::path("actions.css"));
                link rel="stylesheet" href=(crate::assets::path("followup.css"));
                @if frame.body_class == SCREEN {
                    link rel="stylesheet" href=(crate::assets::path("stage.css"));
                    script src=(crate::assets::path("stage.js")) defer {}
                }
                link rel="icon" href=(crate::assets::path("icon.svg")) type="image/svg+xml";
                script src=(crate::assets::path("app.js")) defer {}
                script src=(crate::assets::path("sort.js")) defer {}
                script src=(crate::assets::path("ballot.js")) defer {}
            }
            body class=(frame.body_class)
                data-stream=[frame.live.as_ref().map(|live| live.stream.as_str())]
                data-seq=[frame.live.as_ref().map(|live| live.seq)]
                data-page=[frame.live.as_ref().map(|live| live.page.as_str())]
                data-live-kinds=[frame.live.as_ref().map(|live| live.kinds.0.join(" ")).filter(|kinds| !kinds.is_empty())]
                data-live-activity=[frame.live.as_ref().and_then(|live| live.activity.as_deref())]
                data-follow-focus=[frame.live.as_ref().and_then(|live| live.follow_focus.as_deref())]
                data-now=[frame.live.as_ref().map(|_| converge_engine::now().0)] {
                header.site {
                    a.brand href="/" { "Converge" }
                    nav {
                        a href={ (context.path) "?" (context.query_without_lang) "lang=" (other.code()) } hreflang=(other.code()) lang=(other.code()) {
                            (other.t("language-name"))
                        }
                        @if context.has_session {
                            form.inline method="post" action="/signout" {
                                (csrf_field(&context.csrf))
                                button.link type="submit" { (lang.t("nav-sign-out")) }
                            }
                        }
                    }
                }
                main { (content) }
                p.live-status hidden aria-live="polite" data-live-status {
                    (lang.t("live-reconnecting"))
                }
            }
        }
    }
}

/// The hidden field that carries the form token.
pub fn csrf_field(token: &str) -> Markup {
    html! { input type="hidden" name="_csrf" value=(token); }
}

/// An error message above a form.
pub fn form_error(message: Option<&str>) -> Markup {
    html! {
        @if let Some(message) = message {
            p.error role="alert" { (message) }
        }
    }
}

/// A page for a failed request, with a way back.
pub fn error_page(lang: Lang, status: u16, message: &str) -> Markup {
    let context = PageContext {
        lang,
        csrf: String::new(),
        path: "/".into(),
        query_without_lang: String::new(),
        has_session: false,
    };
    let title = lang.t("error-title");
    page(
        &context,
        Frame { title: &title, live: None, body_class: "" },
        html! {
            h1 { (title) }
            p.error role="alert" { (message) }
            p.muted { (status) }
            p { a href="/" { (lang.t("error-back-home")) } }
        },
    )
}
