//! Moderation: a hidden or removed note leaves everything the room sees (results included), its
//! author reads why it was hidden; corrections keep the original in the record; authors change
//! only their own notes, and only while the activity is open; a merge is undone note by note.

use crate::support::decide;
use crate::support::*;
use converge_core::voting::{Ballot, VoteConfig, VoteMethod};
use converge_core::*;
use proptest::prelude::*;

fn facilitating() -> Actor {
    Actor::Account(account())
}

/// A room writing challenges (activity 0, anonymous when `anonymous`), with a vote on them
/// (activity 50); three participants posted one note each (notes 0, 1, 2).
fn room(anonymous: bool) -> (Workshop, Vec<ParticipantId>, Vec<ContributionId>) {
    let mut workshop = workshop();
    let current = workshop.activity(activity(0)).unwrap().clone();
    let update = Command::UpdateActivity {
        activity_id: activity(0),
        title: current.title.clone(),
        prompt: String::new(),
        config: ActivityConfig { anonymous, ..current.settings.to_config() },
    };
    run(&mut workshop, facilitating(), update);
    let vote = ActivitySpec {
        activity_id: activity(50),
        kind: ActivityKind::Vote,
        title: Title::parse("Vote").unwrap(),
        prompt: Prompt::parse("").unwrap(),
        config: ActivityConfig {
            sources: vec![activity(0)],
            vote: Some(VoteConfig::new(VoteMethod::Approval)),
            ..ActivityConfig::default()
        },
    };
    run(&mut workshop, facilitating(), Command::AddActivity(vote));
    run(&mut workshop, facilitating(), Command::OpenActivity { activity_id: activity(0) });
    let people: Vec<ParticipantId> = (1..=3).map(|n| join(&mut workshop, n)).collect();
    for (n, person) in people.iter().enumerate() {
        run(&mut workshop, Actor::Participant(*person), post(activity(0), n as u128, &format!("idée {n}")));
    }
    let notes = workshop.contributions.iter().map(|c| c.id).collect();
    (workshop, people, notes)
}

fn hide(note: ContributionId) -> Command {
    Command::HideContribution { contribution_id: note, reason: "Hors sujet".into() }
}

#[test]
fn a_hidden_note_leaves_the_room_and_its_author_reads_why() {
    let (mut workshop, _, notes) = room(false);
    run(&mut workshop, facilitating(), Command::Spotlight { contribution_id: Some(notes[0]) });
    run(&mut workshop, facilitating(), hide(notes[0]));
    assert!(workshop.contributions_in(activity(0)).all(|note| note.id != notes[0]));
    assert_eq!(workshop.projection.spotlight, None, "a hidden note leaves the spotlight");
    let vote = workshop.activity(activity(50)).unwrap();
    assert!(!workshop.items_of(vote).contains(&notes[0]), "a hidden note is not voted on");
    let hidden: Vec<_> = workshop.hidden_in(activity(0)).collect();
    assert_eq!(hidden.len(), 1);
    assert_eq!(hidden[0].hidden.as_deref(), Some("Hors sujet"));
    assert!(workshop.as_the_room_sees_it().contribution(notes[0]).is_none(), "nor is it reported");
    assert_eq!(
        decide(&workshop, facilitating(), Command::Spotlight { contribution_id: Some(notes[0]) }),
        Err(DomainError::ContributionHidden)
    );
    run(&mut workshop, facilitating(), Command::ShowContribution { contribution_id: notes[0] });
    assert!(workshop.contributions_in(activity(0)).any(|note| note.id == notes[0]));
    assert!(workshop.items_of(workshop.activity(activity(50)).unwrap()).contains(&notes[0]));
}

#[test]
fn hiding_takes_a_reason_and_only_the_facilitator_hides() {
    let (workshop, people, notes) = room(false);
    let blank = Command::HideContribution { contribution_id: notes[0], reason: "  ".into() };
    assert_eq!(decide(&workshop, facilitating(), blank), Err(DomainError::HideReasonRequired));
    let long = Command::HideContribution { contribution_id: notes[0], reason: "x".repeat(limits::HIDE_REASON_MAX + 1) };
    assert!(matches!(decide(&workshop, facilitating(), long), Err(DomainError::TextTooLong { .. })));
    assert_eq!(decide(&workshop, Actor::Participant(people[1]), hide(notes[0])), Err(DomainError::FacilitatorOnly));
    assert_eq!(
        decide(&workshop, facilitating(), Command::ShowContribution { contribution_id: notes[0] }),
        Ok(vec![]),
        "showing a note the room sees records nothing"
    );
}

#[test]
fn a_correction_keeps_the_original_in_the_record() {
    let (mut workshop, _, notes) = room(false);
    let edit = Command::EditContribution { contribution_id: notes[0], text: "idée zéro".into() };
    let events = decide(&workshop, facilitating(), edit).unwrap();
    assert_eq!(
        events,
        vec![Event::ContributionEdited { contribution_id: notes[0], text: "idée zéro".into(), author: None }]
    );
    apply_all(&mut workshop, 0, &events);
    let note = workshop.contribution(notes[0]).unwrap();
    assert_eq!(note.text, "idée zéro");
    assert!(note.edited);
}

#[test]
fn a_participant_changes_only_their_own_note_and_only_while_it_is_open() {
    let (mut workshop, people, notes) = room(false);
    let edit = |note, text: &str| Command::EditContribution { contribution_id: note, text: text.into() };
    assert_eq!(
        decide(&workshop, Actor::Participant(people[1]), edit(notes[0], "pas la mienne")),
        Err(DomainError::NotYourContribution)
    );
    assert_eq!(
        decide(&workshop, Actor::Participant(people[1]), Command::RemoveContribution { contribution_id: notes[0] }),
        Err(DomainError::NotYourContribution)
    );
    run(&mut workshop, Actor::Participant(people[0]), edit(notes[0], "la mienne, corrigée"));
    assert_eq!(workshop.contribution(notes[0]).unwrap().text, "la mienne, corrigée");
    run(&mut workshop, facilitating(), Command::CloseActivity { activity_id: activity(0) });
    assert_eq!(
        decide(&workshop, Actor::Participant(people[0]), edit(notes[0], "trop tard")),
        Err(DomainError::ActivityNotOpenForChanges)
    );
    assert_eq!(
        decide(&workshop, Actor::Participant(people[0]), Command::RemoveContribution { contribution_id: notes[0] }),
        Err(DomainError::ActivityNotOpenForChanges)
    );
    // The facilitator still corrects a typo after the activity closed.
    run(&mut workshop, facilitating(), edit(notes[0], "la mienne, recorrigée"));
}

#[test]
fn an_author_changing_an_anonymous_note_is_named_as_the_post_named_them() {
    let (mut workshop, people, notes) = room(true);
    let posted_as = workshop.contribution(notes[0]).unwrap().author;
    assert!(matches!(posted_as, Subject::Pseudonym(_)));
    let edit = Command::EditContribution { contribution_id: notes[0], text: "corrigée".into() };
    let events = decide(&workshop, Actor::Participant(people[0]), edit).unwrap();
    assert_eq!(
        events,
        vec![Event::ContributionEdited {
            contribution_id: notes[0], text: "corrigée".into(), author: Some(posted_as)
        }]
    );
    apply_all(&mut workshop, 0, &events);
    let events =
        decide(&workshop, Actor::Participant(people[0]), Command::RemoveContribution { contribution_id: notes[0] })
            .unwrap();
    assert_eq!(events, vec![Event::ContributionRemoved { contribution_id: notes[0], author: Some(posted_as) }]);
    for event in &events {
        let json = serde_json::to_string(event).unwrap();
        assert!(!json.contains(&people[0].to_string()), "the record names nobody: {json}");
        assert_eq!(
            event.disclosure(&workshop, Audience::Room),
            Disclosure::Only(&["contribution_id"]),
            "the room reads only which note went"
        );
    }
}

#[test]
fn a_removed_note_is_gone_everywhere_and_stays_gone() {
    let (mut workshop, people, notes) = room(false);
    run(&mut workshop, facilitating(), Command::RemoveContribution { contribution_id: notes[1] });
    assert!(workshop.contributions_in(activity(0)).all(|note| note.id != notes[1]));
    assert!(workshop.hidden_in(activity(0)).all(|note| note.id != notes[1]));
    assert!(workshop.recorded_in(activity(0)).any(|note| note.id == notes[1]), "the record keeps it");
    assert_eq!(decide(&workshop, facilitating(), hide(notes[1])), Err(DomainError::ContributionGone));
    // The same post sent again is not recorded anew.
    assert_eq!(decide(&workshop, Actor::Participant(people[1]), post(activity(0), 1, "idée 1")), Ok(vec![]));
    assert_eq!(
        decide(&workshop, facilitating(), Command::MergeContributions { into: notes[0], merged: vec![notes[1]] }),
        Err(DomainError::InvalidMerge)
    );
}

#[test]
fn an_unmerge_gives_the_note_its_place_back() {
    let (mut workshop, _, notes) = room(false);
    assert_eq!(
        decide(&workshop, facilitating(), Command::UnmergeContribution { contribution_id: notes[1] }),
        Err(DomainError::NotMerged)
    );
    run(
        &mut workshop,
        facilitating(),
        Command::MergeContributions { into: notes[0], merged: vec![notes[1], notes[2]] },
    );
    assert_eq!(workshop.merged_into(notes[0]).count(), 2);
    run(&mut workshop, facilitating(), Command::UnmergeContribution { contribution_id: notes[1] });
    assert_eq!(workshop.merged_into(notes[0]).map(|note| note.id).collect::<Vec<_>>(), vec![notes[2]]);
    let vote = workshop.activity(activity(50)).unwrap();
    assert!(workshop.items_of(vote).contains(&notes[1]), "an unmerged note is an item again");
}

/// What the moderation commands may be, picked by numbers.
fn moderation(kind: u8, note: ContributionId, by: Actor) -> (Actor, Command) {
    match kind % 6 {
        0 => (facilitating(), hide(note)),
        1 => (facilitating(), Command::ShowContribution { contribution_id: note }),
        2 => (by, Command::EditContribution { contribution_id: note, text: "corrigée".into() }),
        3 => (by, Command::RemoveContribution { contribution_id: note }),
        4 => (facilitating(), Command::UnmergeContribution { contribution_id: note }),
        _ => (facilitating(), Command::MergeContributions { into: note, merged: vec![] }),
    }
}

proptest! {
    /// Whatever moderation happens, in whatever order: a note the room does not see (hidden,
    /// removed, or merged into one of those) never reaches the board, the vote's items, the
    /// count, or the report.
    #[test]
    fn an_unseen_note_never_reaches_results_or_the_room(
        steps in proptest::collection::vec((any::<u8>(), 0usize..3, 0usize..3, any::<bool>()), 1..30),
        merges in proptest::collection::vec((0usize..3, 0usize..3), 0..3),
    ) {
        let (mut workshop, people, notes) = room(false);
        for (into, merged) in merges {
            if let Ok(events) = decide(&workshop, facilitating(), Command::MergeContributions { into: notes[into], merged: vec![notes[merged]] }) {
                apply_all(&mut workshop, 0, &events);
            }
        }
        for (kind, note, who, close) in steps {
            let (actor, command) = moderation(kind, notes[note], Actor::Participant(people[who]));
            if let Ok(events) = decide(&workshop, actor, command) {
                apply_all(&mut workshop, 0, &events);
            }
            if close && kind % 7 == 0 {
                let _ = decide(&workshop, facilitating(), Command::CloseActivity { activity_id: activity(0) })
                    .map(|events| apply_all(&mut workshop, 0, &events));
            }
        }
        run(&mut workshop, facilitating(), Command::OpenActivity { activity_id: activity(50) });
        for person in &people {
            let items: std::collections::BTreeSet<ContributionId> = workshop.items_of(workshop.activity(activity(50)).unwrap());
            if let Ok(events) = decide(&workshop, Actor::Participant(*person), Command::CastBallot {
                activity_id: activity(50),
                ballot: Ballot::Approval { approved: items },
            }) {
                apply_all(&mut workshop, 0, &events);
            }
        }
        let seen = workshop.as_the_room_sees_it();
        for note in &workshop.contributions {
            let unseen = !note.is_visible();
            let vote = workshop.activity(activity(50)).unwrap();
            if unseen {
                prop_assert!(workshop.contributions_in(activity(0)).all(|shown| shown.id != note.id));
                prop_assert!(!workshop.items_of(vote).contains(&note.id));
                prop_assert!(seen.contribution(note.id).is_none());
                prop_assert_ne!(workshop.projection.spotlight, Some(note.id));
            }
            if note.removed {
                prop_assert!(workshop.hidden_in(activity(0)).all(|hidden| hidden.id != note.id));
            }
        }
        for note in &seen.contributions {
            prop_assert!(note.merged_into.is_none_or(|into| seen.contribution(into).is_some()));
        }
    }
}
