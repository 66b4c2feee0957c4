//! Rules of what the room writes: posting, moving, merging and sorting notes, brainwriting's
//! sheets and rounds, and the workshop's own photo-language decks.

use super::{Deciding, MINUTE_MS, acting, require_contributor, require_facilitator, seat_of};
use crate::text::{CardTitle, NoteText};
use crate::{
    ActivityId, ActivityKind, ActivityStatus, ContributionId, ContributionKind, DomainError, Event, ParticipantId,
    Role, Scope, SheetRef, Subject, limits,
};

/// A note as [`Command::PostContribution`](crate::Command::PostContribution) brings it.
pub(super) struct Post {
    pub contribution_id: ContributionId,
    pub activity_id: ActivityId,
    pub kind: Option<ContributionKind>,
    pub text: String,
    pub links: Vec<ContributionId>,
    pub card: Option<String>,
    /// The sheet the writer's page showed, for a brainwriting idea.
    pub written_on: Option<SheetRef>,
}

pub(super) fn post_contribution(cx: &Deciding<'_>, post: Post) -> Result<Vec<Event>, DomainError> {
    let Post { contribution_id, activity_id, kind, text, links, card, written_on } = post;
    let &Deciding { workshop, actor, keyring } = cx;
    let participant = require_contributor(workshop, actor)?;
    if let Some(existing) = workshop.contribution(contribution_id) {
        // The same post sent again (a retry after a lost answer, a resubmitted form) is
        // already recorded, even if the activity has closed since: accept it without
        // recording it twice.
        let same = keyring.is(participant, Scope::Contribution(contribution_id), &existing.author)
            && existing.activity_id == activity_id
            && kind.is_none_or(|kind| kind == existing.kind)
            && NoteText::parse(&text).is_ok_and(|text| text.as_str() == existing.text);
        return if same { Ok(Vec::new()) } else { Err(DomainError::DuplicateContribution(contribution_id)) };
    }
    let activity = workshop.activity(activity_id).ok_or(DomainError::UnknownActivity(activity_id))?;
    if !activity.kind().accepts_contributions() {
        return Err(DomainError::ContributionsNotAccepted { activity: activity.kind() });
    }
    if activity.status != ActivityStatus::Open {
        return Err(DomainError::ActivityNotOpen);
    }
    let kind = match kind {
        Some(kind) if activity.kind().accepted_contributions().contains(&kind) => kind,
        Some(kind) => return Err(DomainError::ContributionKindNotAccepted { activity: activity.kind(), kind }),
        None => activity.kind().default_contribution().ok_or(DomainError::ContributionKindRequired)?,
    };
    let text = NoteText::parse(&text)?;
    if links.len() > limits::LINKS_MAX {
        return Err(DomainError::TooManyLinks { max: limits::LINKS_MAX });
    }
    let mut unique_links = Vec::with_capacity(links.len());
    for link in links {
        if workshop.contribution(link).is_none() {
            return Err(DomainError::UnknownContribution(link));
        }
        if !unique_links.contains(&link) {
            unique_links.push(link);
        }
    }
    let card = match (activity.kind(), card) {
        (ActivityKind::PhotoLanguage, Some(card)) if crate::valid_key(&card) => {
            // An uploaded deck is known here, so its cards are checked; the built-in
            // deck belongs to the edge, which offers only its own cards.
            if workshop.uploaded_deck(activity).is_some_and(|cards| !cards.iter().any(|known| known.id == card)) {
                return Err(DomainError::UnknownCard);
            }
            Some(card)
        }
        (ActivityKind::PhotoLanguage, _) => return Err(DomainError::CardRequired),
        (_, _) => None,
    };
    if activity.kind() == ActivityKind::Reformulate
        && !unique_links
            .iter()
            .filter_map(|link| workshop.contribution(*link))
            .any(|linked| linked.kind == ContributionKind::Challenge)
    {
        return Err(DomainError::SourceChallengeRequired);
    }
    let sheet = match activity.kind() {
        ActivityKind::Brainwriting => {
            let brainwriting = activity.brainwriting.as_ref().ok_or(DomainError::BrainwritingNotStarted)?;
            let sheet = seat_of(keyring, brainwriting, participant, activity_id)
                .and_then(|seat| brainwriting.sheet_of(&seat))
                .ok_or(DomainError::NoSheetThisRound)?;
            if written_on.is_some_and(|written_on| written_on != sheet) {
                return Err(DomainError::SheetPassedOn);
            }
            let max = activity.settings.brainwriting_rules().ideas_per_round;
            // A sheet lies in front of one seat per round: what is on it this round was
            // written from that seat.
            let written = workshop.contributions_in(activity_id).filter(|idea| idea.sheet == Some(sheet)).count();
            if written >= max as usize {
                return Err(DomainError::RoundIdeasSpent { max });
            }
            Some(sheet)
        }
        _ => None,
    };
    let author = if activity.settings.anonymous {
        acting(keyring, participant, Scope::Contribution(contribution_id))?
    } else {
        Subject::Named(participant)
    };
    Ok(vec![Event::ContributionPosted {
        contribution_id,
        activity_id,
        author,
        kind,
        text: text.into_string(),
        links: unique_links,
        card,
        sheet,
    }])
}

pub(super) fn move_contribution(
    cx: &Deciding<'_>,
    contribution_id: ContributionId,
    kind: ContributionKind,
) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    require_facilitator(workshop, actor)?;
    let contribution =
        workshop.contribution(contribution_id).ok_or(DomainError::UnknownContribution(contribution_id))?;
    let activity =
        workshop.activity(contribution.activity_id).ok_or(DomainError::UnknownActivity(contribution.activity_id))?;
    if !activity.kind().accepted_contributions().contains(&kind) {
        return Err(DomainError::ContributionKindNotAccepted { activity: activity.kind(), kind });
    }
    if contribution.kind == kind {
        return Ok(Vec::new());
    }
    Ok(vec![Event::ContributionMoved { contribution_id, kind }])
}

pub(super) fn merge_contributions(
    cx: &Deciding<'_>,
    into: ContributionId,
    merged: Vec<ContributionId>,
) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    require_facilitator(workshop, actor)?;
    let target = workshop.contribution(into).ok_or(DomainError::UnknownContribution(into))?;
    if target.merged_into.is_some() || !target.is_visible() || merged.is_empty() {
        return Err(DomainError::InvalidMerge);
    }
    // Duplicates are found among the notes of one activity; a merge never moves a note
    // into another activity's results.
    if merged
        .iter()
        .filter_map(|id| workshop.contribution(*id))
        .any(|duplicate| duplicate.activity_id != target.activity_id)
    {
        return Err(DomainError::InvalidMerge);
    }
    let mut unique = Vec::new();
    for id in merged {
        let duplicate = workshop.contribution(id).ok_or(DomainError::UnknownContribution(id))?;
        if id == into
            || duplicate.merged_into.is_some()
            || duplicate.removed
            || workshop.contributions.iter().any(|other| other.merged_into == Some(id))
        {
            return Err(DomainError::InvalidMerge);
        }
        if !unique.contains(&id) {
            unique.push(id);
        }
    }
    Ok(vec![Event::ContributionsMerged { into, merged: unique }])
}

pub(super) fn categorize(
    cx: &Deciding<'_>,
    activity_id: ActivityId,
    contribution_id: ContributionId,
    category: Option<u32>,
) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    require_contributor(workshop, actor)?;
    let activity = workshop.activity(activity_id).ok_or(DomainError::UnknownActivity(activity_id))?;
    if activity.kind() != ActivityKind::Categorize {
        return Err(DomainError::WrongActivityKind);
    }
    let is_facilitator = require_facilitator(workshop, actor).is_ok();
    // Participants sort while the activity is open; the facilitator may tidy up after.
    if activity.status != ActivityStatus::Open && !is_facilitator {
        return Err(DomainError::ActivityNotOpen);
    }
    if !workshop.source_contributions(activity).any(|source| source.id == contribution_id) {
        return Err(DomainError::NotASource);
    }
    if let Some(category) = category
        && !activity.settings.categories().iter().any(|known| known.id == category)
    {
        return Err(DomainError::UnknownCategory(category));
    }
    if activity.placements.get(&contribution_id).copied() == category {
        return Ok(Vec::new());
    }
    Ok(vec![Event::ContributionCategorized { activity_id, contribution_id, category }])
}

pub(super) fn start_brainwriting(cx: &Deciding<'_>, activity_id: ActivityId) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, keyring } = cx;
    require_facilitator(workshop, actor)?;
    let activity = workshop.activity(activity_id).ok_or(DomainError::UnknownActivity(activity_id))?;
    if activity.kind() != ActivityKind::Brainwriting {
        return Err(DomainError::WrongActivityKind);
    }
    // Until the first idea is written, starting again re-seats the room (late arrivals,
    // tables formed after the first start); after that the sheets are the record.
    if activity.brainwriting.is_some() && workshop.recorded_in(activity_id).next().is_some() {
        return Err(DomainError::BrainwritingAlreadyStarted);
    }
    let writes = |participant: &ParticipantId| {
        workshop.participants.get(participant).is_some_and(|p| p.role.may_contribute() && p.role != Role::Facilitator)
    };
    let mut tables: Vec<Vec<ParticipantId>> = workshop
        .tables
        .iter()
        .map(|seats| seats.iter().copied().filter(|participant| writes(participant)).collect::<Vec<_>>())
        .filter(|seats| !seats.is_empty())
        .collect();
    // Those not seated write at tables of the activity's size, like a quick count-off.
    let unseated: Vec<(ParticipantId, Option<&str>)> = workshop
        .participants
        .values()
        .filter(|participant| writes(&participant.id) && workshop.table_of(participant.id).is_none())
        .map(|participant| (participant.id, None))
        .collect();
    let rules = activity.settings.brainwriting_rules();
    let size = std::num::NonZeroUsize::new(rules.table_size as usize).unwrap_or(std::num::NonZeroUsize::MIN);
    tables.extend(crate::tables::assign_tables(&unseated, size));
    // Each seat is a pseudonym, and seats go round the table in the order of their
    // pseudonyms: an order nobody without the keys can tell, so knowing where an idea
    // was written (its sheet and round) tells nobody who wrote it.
    let tables: Vec<Vec<Subject>> = tables
        .into_iter()
        .map(|seats| {
            let mut seats: Vec<Subject> = seats
                .into_iter()
                .filter_map(|participant| keyring.subject(participant, Scope::Seat(activity_id)))
                .collect();
            seats.sort();
            seats
        })
        .filter(|seats| !seats.is_empty())
        .collect();
    let round_ms = u64::from(rules.round_minutes) * MINUTE_MS;
    // Starting the sheets opens the activity too: a room handed its sheets cannot be told the
    // activity is not open yet, and the first round's clock is already running.
    let mut events = Vec::with_capacity(3);
    if activity.status != ActivityStatus::Open {
        events.push(Event::ActivityOpened { activity_id });
    }
    events.push(Event::BrainwritingStarted { activity_id, tables });
    events.push(Event::TimerStarted { activity_id, remaining_ms: round_ms });
    Ok(events)
}

pub(super) fn next_round(cx: &Deciding<'_>, activity_id: ActivityId) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    require_facilitator(workshop, actor)?;
    let activity = workshop.activity(activity_id).ok_or(DomainError::UnknownActivity(activity_id))?;
    let brainwriting = activity.brainwriting.as_ref().ok_or(DomainError::BrainwritingNotStarted)?;
    let round = brainwriting.round + 1;
    // Once every sheet has been round its table, another round would hand people sheets
    // they already wrote on.
    if round as usize >= brainwriting.rounds_per_cycle() {
        return Err(DomainError::BrainwritingComplete);
    }
    let mut events = vec![Event::BrainwritingRoundStarted { activity_id, round }];
    // Each round runs on its own clock.
    let round_ms = u64::from(activity.settings.brainwriting_rules().round_minutes) * MINUTE_MS;
    events.push(Event::TimerStarted { activity_id, remaining_ms: round_ms });
    Ok(events)
}

pub(super) fn add_deck_card(
    cx: &Deciding<'_>,
    deck: String,
    card_id: String,
    title: String,
    image_sha256: String,
    width: u32,
    height: u32,
) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    require_facilitator(workshop, actor)?;
    if !crate::valid_key(&deck) || deck == crate::BUILTIN_DECK {
        return Err(DomainError::InvalidDeckName);
    }
    if !crate::valid_key(&card_id) {
        return Err(DomainError::InvalidCardId);
    }
    let title = CardTitle::parse(&title)?;
    // Contributions record a card by its id alone, so ids are unique across decks.
    if workshop.deck_card(&card_id).is_some() {
        return Err(DomainError::DuplicateCard);
    }
    if workshop.decks.get(&deck).is_some_and(|cards| cards.len() >= crate::DECK_CARDS_MAX) {
        return Err(DomainError::DeckFull { max: crate::DECK_CARDS_MAX });
    }
    Ok(vec![Event::DeckCardAdded { deck, card_id, title: title.into_string(), image_sha256, width, height }])
}

pub(super) fn remove_deck_card(cx: &Deciding<'_>, deck: String, card_id: String) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    require_facilitator(workshop, actor)?;
    if !workshop.decks.get(&deck).is_some_and(|cards| cards.iter().any(|card| card.id == card_id)) {
        return Err(DomainError::UnknownCard);
    }
    // Like an activity with contributions, a card someone wrote about stays.
    if workshop.contributions.iter().any(|contribution| contribution.card.as_deref() == Some(card_id.as_str())) {
        return Err(DomainError::CardPicked);
    }
    Ok(vec![Event::DeckCardRemoved { deck, card_id }])
}
