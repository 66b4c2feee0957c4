//! The public follow-up page of a workshop and its Atom feed of status changes: each action of
//! the plan with its status history, who answers for it, when the next update is due (flagged
//! when overdue), the contributions it came from (their texts, never who wrote them) and the
//! risks it mitigates.

use crate::Lang;
use crate::follow_up_badges::{overdue_flag, status_badge, status_label};
use crate::layout::PageContext;
use crate::pages::follow_up::{by_jurisdiction, commitment_line, history};
use converge_core::{CalendarDate, Language, Timestamp, Workshop};
use maud::{DOCTYPE, Markup, html};

/// The public page; `feed` is the address of its Atom feed.
pub fn page(context: &PageContext, workshop: &Workshop, feed: &str, now: Timestamp) -> Markup {
    let lang = context.lang;
    let title = lang.t_args("public-followup-title", &[("title", workshop.title.as_str().into())]);
    let n_actions = workshop.plan().count();
    let body = html! {
        h1 { (workshop.title) }
        p.lead { (lang.t("public-followup-lead")) }
        @if let Some(closed_at) = workshop.closed_at {
            p.muted { (lang.t_args("public-followup-closed-on", &[("date", lang.date(CalendarDate::of(closed_at)).into())])) }
        }
        p { a.button.secondary href=(feed) type="application/atom+xml" { (lang.t("public-followup-feed")) } }
        @if n_actions == 0 {
            p.muted { (lang.t("public-followup-no-actions")) }
        }
        @for (jurisdiction, actions) in by_jurisdiction(lang, workshop) {
            section.jurisdiction {
                h2 { (jurisdiction) }
                @for action in actions {
                    article.card.followup-action #{ "action-" (action.id) } data-action=(action.id) {
                        div.activity-head {
                            h3 { (action.card.title) }
                            span { (status_badge(lang, action.follow_up.status)) " " (overdue_flag(lang, action, now)) }
                        }
                        @if !action.card.description.is_empty() { p.note-text { (action.card.description) } }
                        @if !action.card.owner.is_empty() {
                            p.muted { (lang.t_args("public-followup-owner", &[("owner", action.card.owner.as_str().into())])) }
                        }
                        @if !action.card.horizon.is_empty() {
                            p.muted { (lang.t_args("public-followup-horizon", &[("horizon", action.card.horizon.as_str().into())])) }
                        }
                        (commitment_line(lang, action))
                        h4 { (lang.t("public-followup-history")) }
                        (history(lang, action))
                        (provenance(lang, workshop, action.id))
                        @let risks: Vec<&str> = workshop
                            .risks_mitigated_by(action.id)
                            .filter_map(|risk| workshop.contribution(risk))
                            .map(|risk| risk.text.as_str())
                            .collect();
                        @if !risks.is_empty() {
                            h4 { (lang.t("public-followup-risks")) }
                            ul.risks { @for risk in risks { li { (risk) } } }
                        }
                    }
                }
            }
        }
        p.hint { (lang.t("public-followup-footer")) }
    };
    public_frame(context, &title, feed, body)
}

/// The contributions an action came from, texts only: never who wrote them, whatever the
/// activity's anonymity.
fn provenance(lang: Lang, workshop: &Workshop, action: converge_core::ActionId) -> Markup {
    let sources = workshop.provenance(action);
    html! {
        @if !sources.is_empty() {
            details.provenance {
                summary { (lang.t_args("public-followup-provenance", &[("count", sources.len().into())])) }
                @for activity in &workshop.activities {
                    @let texts: Vec<&str> = workshop
                        .contributions_in(activity.id)
                        .filter(|contribution| sources.contains(&contribution.id))
                        .map(|contribution| contribution.text.as_str())
                        .collect();
                    @if !texts.is_empty() {
                        p.muted { (activity.title) }
                        ul.provenance-notes { @for text in texts { li.note-text { (text) } } }
                    }
                }
            }
        }
    }
}

/// The public page's own frame: no sign-in, no live updates, not for search engines (the
/// address is meant to be shared, not found), and its feed announced.
fn public_frame(context: &PageContext, title: &str, feed: &str, body: Markup) -> Markup {
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
                meta name="robots" content="noindex";
                title { (title) " · Converge" }
                link rel="stylesheet" href=(crate::assets::path("app.css"));
                link rel="stylesheet" href=(crate::assets::path("followup.css"));
                link rel="alternate" type="application/atom+xml" title=(title) href=(feed);
                link rel="icon" href=(crate::assets::path("icon.svg")) type="image/svg+xml";
            }
            body.public-follow-up {
                header.site {
                    span.brand { "Converge" }
                    nav {
                        a href={ (context.path) "?lang=" (other.code()) } hreflang=(other.code()) lang=(other.code()) {
                            (other.t("language-name"))
                        }
                    }
                }
                main { (body) }
            }
        }
    }
}

/// The Atom document (RFC 4287) of a workshop's status changes; `page` is the public page's
/// absolute address.
pub fn atom(lang: Lang, workshop: &Workshop, page: &str) -> String {
    let mut entries: Vec<(&converge_core::Action, &converge_core::outcomes::StatusEntry)> =
        workshop.plan().flat_map(|action| action.follow_up.history.iter().map(move |entry| (action, entry))).collect();
    entries.sort_by_key(|(_, entry)| std::cmp::Reverse(entry.seq));
    let updated = entries.first().map(|(_, entry)| entry.at).or(workshop.closed_at).unwrap_or(workshop.created_at);
    let title = lang.t_args("public-followup-title", &[("title", workshop.title.as_str().into())]);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n", lang.code()));
    xml.push_str(&format!("  <id>urn:uuid:{}</id>\n", workshop.id));
    xml.push_str(&format!("  <title>{}</title>\n", escape(&title)));
    xml.push_str(&format!("  <updated>{}</updated>\n", rfc3339(updated)));
    xml.push_str(&format!("  <author><name>{}</name></author>\n", escape(&workshop.title)));
    xml.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}/feed.atom\"/>\n",
        escape(page)
    ));
    xml.push_str(&format!("  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", escape(page)));
    for (action, entry) in entries {
        let heading = lang.t_args(
            "public-followup-entry-title",
            &[("action", action.card.title.as_str().into()), ("status", status_label(lang, entry.status).into())],
        );
        xml.push_str("  <entry>\n");
        xml.push_str(&format!(
            "    <id>urn:uuid:{}</id>\n",
            converge_engine::digest::follow_up_entry_id(workshop.id, entry.seq)
        ));
        xml.push_str(&format!("    <title>{}</title>\n", escape(&heading)));
        xml.push_str(&format!("    <updated>{}</updated>\n", rfc3339(entry.at)));
        xml.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}#action-{}\"/>\n",
            escape(page),
            action.id
        ));
        if !entry.note.is_empty() {
            xml.push_str(&format!("    <content type=\"text\">{}</content>\n", escape(&entry.note)));
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

fn rfc3339(at: Timestamp) -> String {
    let nanos = i128::from(at.0) * 1_000_000;
    time::OffsetDateTime::from_unix_timestamp_nanos(nanos)
        .ok()
        .and_then(|moment| moment.format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_owned())
}

/// Text for XML: the five special characters escaped, and the characters XML 1.0 cannot hold
/// dropped (notes and titles never have them; this keeps the feed well-formed regardless).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_is_escaped_and_stripped_of_what_xml_cannot_hold() {
        assert_eq!(escape("a<b>&\"c'\u{1}\u{FFFF}é\n"), "a&lt;b&gt;&amp;&quot;c&apos;é\n");
    }

    #[test]
    fn times_are_written_in_rfc_3339() {
        assert_eq!(rfc3339(Timestamp(1_795_726_106_250)), "2026-11-26T20:48:26.25Z");
        assert_eq!(rfc3339(Timestamp(0)), "1970-01-01T00:00:00Z");
    }
}
