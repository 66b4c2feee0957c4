//! The workshop report, made once here for the server and the command line alike.
//!
//! A closed workshop's report is its record up to the closing (`Engine::state_at_closure`),
//! dated at the closing: the same bytes however often and however late it is made. Asked with
//! the follow-up, it adds what became of the actions since, as of `now`, apart from that record.
//! An open workshop's report is the record as it stands at `now`. The counts it shows are the
//! ones the pages show (`results::readable`).

use crate::{Engine, EngineError};
use converge_core::{CalendarDate, Language, Timestamp, WorkshopId};
use converge_report::{Report, ReportParticipants};

impl Engine {
    /// The report of workshop `id`. `card_title` names a built-in photo-language card in a
    /// language (the deck ships with the server's assets); uploaded cards carry their own title.
    pub async fn report(
        &self,
        id: WorkshopId,
        now: Timestamp,
        with_follow_up: bool,
        card_title: impl Fn(&str, Language) -> Option<String>,
    ) -> Result<Report, EngineError> {
        let current = self.state(id).await?;
        let at_closure = self.state_at_closure(id).await?;
        let (state, made_at) = match (&at_closure, current.workshop.closed_at) {
            (Some(record), Some(closed_at)) => (record, closed_at),
            _ => (&*current, now),
        };
        let profiles = self.profiles(id).await?;
        let participants =
            ReportParticipants::new(profiles.into_iter().map(|(id, profile)| (id, profile.service)));
        let workshop = &state.workshop;
        let mut report = converge_report::build(
            workshop,
            &participants,
            &crate::results::readable(workshop),
            &state.head_hash,
            state.seq,
            made_at,
            workshop.language,
        );
        report.name_cards(|card| card_title(card, workshop.language));
        if with_follow_up && at_closure.is_some() {
            report.add_follow_up(&current.workshop, current.seq, &current.head_hash, CalendarDate::of(now));
        }
        Ok(report)
    }
}
