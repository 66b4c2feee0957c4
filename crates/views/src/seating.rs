//! Who sits at which table, for the projection once the room is seated: each table's number,
//! how many sit there, and their names where the screen may show names (alphabetical: which
//! table someone sits at is no secret in the room, the order of the seats is).

use crate::Lang;
use converge_core::{ParticipantId, Workshop};
use maud::{Markup, html};
use std::collections::HashMap;

/// The room's tables (`only`: one of them, zoomed on). Nothing when the room is not seated.
pub fn tables(lang: Lang, workshop: &Workshop, names: &HashMap<ParticipantId, &str>, only: Option<u32>) -> Markup {
    let with_names = !workshop.projection.names_hidden;
    html! {
        @if !workshop.tables.is_empty() {
            section.seating data-seating {
                h3 { (lang.t("screen-tables-heading")) }
                ul.seating-tables {
                    @for (table, members) in workshop.tables.iter().enumerate() {
                        @if only.is_none_or(|only| usize::try_from(only).is_ok_and(|only| only == table)) {
                            @let seated = present_names(workshop, names, members);
                            li.seating-table data-table=(table) {
                                h4 {
                                    (lang.t_args("bw-table", &[("table", (table + 1).into())]))
                                    " "
                                    span.badge { (lang.t_args("screen-table-count", &[("count", seated.len().into())])) }
                                }
                                @if with_names && !seated.is_empty() {
                                    p.seating-names {
                                        @for (n, name) in seated.iter().enumerate() {
                                            @if n > 0 { ", " }
                                            span.seating-name { (name) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The names of a table's members in the room, alphabetical.
fn present_names<'a>(
    workshop: &Workshop,
    names: &HashMap<ParticipantId, &'a str>,
    members: &[ParticipantId],
) -> Vec<&'a str> {
    let mut seated: Vec<&str> = members
        .iter()
        .filter(|member| workshop.participants.get(member).is_some_and(|member| member.present))
        .map(|member| names.get(member).copied().unwrap_or("?"))
        .collect();
    seated.sort_unstable();
    seated
}
