//! An activity's settings: deciding refuses another kind's options, folding ignores those an
//! older record holds, and settings written back as a configuration come back the same.

use crate::support::decide;
use crate::support::*;
use converge_core::voting::{VoteConfig, VoteMethod};
use converge_core::*;
use proptest::prelude::*;

const NOT_FOR_KIND: DomainError = DomainError::InvalidConfig { reason: "not_for_kind" };

fn categories() -> Vec<Category> {
    vec![Category { id: 0, name: "Culture".into() }, Category { id: 1, name: "Outils".into() }]
}

fn criteria() -> Vec<Criterion> {
    vec![Criterion { id: "impact".into(), name: "Impact".into(), weight: 2 }]
}

fn add(n: u128, kind: ActivityKind, config: ActivityConfig) -> Command {
    Command::AddActivity(ActivitySpec { config, ..spec(n, kind) })
}

fn update(activity_id: ActivityId, config: ActivityConfig) -> Command {
    Command::UpdateActivity { activity_id, title: "Activity".into(), prompt: String::new(), config }
}

fn facilitating() -> Actor {
    Actor::Account(account())
}

#[test]
fn adding_an_activity_with_another_kinds_option_is_refused() {
    let workshop = workshop();
    let on_a_vote = ActivityConfig { categories: categories(), ..ActivityConfig::default() };
    assert_eq!(decide(&workshop, facilitating(), add(10, ActivityKind::Vote, on_a_vote)), Err(NOT_FOR_KIND));
    let on_a_swot = ActivityConfig { vote: Some(VoteConfig::new(VoteMethod::Borda)), ..ActivityConfig::default() };
    assert_eq!(decide(&workshop, facilitating(), add(10, ActivityKind::Swot, on_a_swot)), Err(NOT_FOR_KIND));
    let agenda = vec![ActivitySpec {
        config: ActivityConfig { criteria: criteria(), ..ActivityConfig::default() },
        ..spec(0, ActivityKind::Brainwriting)
    }];
    assert_eq!(decide_create("Atelier", Language::Fr, account(), facilitator(), "c".into(), agenda), Err(NOT_FOR_KIND));
}

#[test]
fn editing_an_activity_keeps_to_its_kinds_options() {
    let workshop = workshop();
    // Activity 2 is a vote, activity 1 a SWOT.
    let criteria_on_a_vote = ActivityConfig { criteria: criteria(), ..ActivityConfig::default() };
    assert_eq!(decide(&workshop, facilitating(), update(activity(2), criteria_on_a_vote)), Err(NOT_FOR_KIND));
    let categories_on_a_swot = ActivityConfig { categories: categories(), ..ActivityConfig::default() };
    assert_eq!(decide(&workshop, facilitating(), update(activity(1), categories_on_a_swot)), Err(NOT_FOR_KIND));
    let borda = ActivityConfig { vote: Some(VoteConfig::new(VoteMethod::Borda)), ..ActivityConfig::default() };
    let events = decide(&workshop, facilitating(), update(activity(2), borda)).unwrap();
    let mut after = workshop.clone();
    apply_all(&mut after, 0, &events);
    let vote = after.activity(activity(2)).unwrap();
    assert_eq!(vote.kind(), ActivityKind::Vote);
    assert_eq!(vote.settings.kind, KindSettings::Vote(VoteConfig::new(VoteMethod::Borda)));
}

#[test]
fn an_edit_from_the_current_settings_changes_nothing() {
    let mut edited = workshop();
    let borda = ActivityConfig {
        vote: Some(VoteConfig::new(VoteMethod::Borda)),
        minutes: Some(20),
        ..ActivityConfig::default()
    };
    let events = decide(&edited, facilitating(), update(activity(2), borda)).unwrap();
    apply_all(&mut edited, 0, &events);
    for activity in &edited.activities {
        let same = Command::UpdateActivity {
            activity_id: activity.id,
            title: activity.title.clone(),
            prompt: activity.prompt.clone(),
            config: activity.settings.to_config(),
        };
        assert_eq!(decide(&edited, facilitating(), same), Ok(Vec::new()), "{:?}", activity.kind());
    }
    // A default spelled out where the record left it unset is no change either.
    let spelled_out =
        ActivityConfig { vote: Some(VoteConfig::new(VoteMethod::MajorityJudgment)), ..ActivityConfig::default() };
    let fresh = workshop();
    let vote = fresh.activity(activity(2)).unwrap();
    let command = Command::UpdateActivity {
        activity_id: vote.id,
        title: vote.title.clone(),
        prompt: vote.prompt.clone(),
        config: spelled_out,
    };
    assert_eq!(decide(&fresh, facilitating(), command), Ok(Vec::new()));
}

/// A log the API could write before another kind's options were refused: a vote added with
/// categories and a deck, then edited with criteria and brainwriting rules.
const OLD_LOG: [&str; 3] = [
    r#"{"type":"workshop_created","title":"Atelier","language":"fr","created_by":"00000000-0000-0000-0000-000000000001"}"#,
    r#"{"type":"activity_added","activity_id":"00000000-0000-0000-0000-000000000064","kind":"vote","title":"Vote","prompt":"","config":{"categories":[{"id":0,"name":"Culture"}],"deck":"builtin","vote":{"method":"borda","dots_budget":5,"dots_cap":3,"score_min":0,"score_max":5,"grades":6}}}"#,
    r#"{"type":"activity_updated","activity_id":"00000000-0000-0000-0000-000000000064","title":"Vote","prompt":"","config":{"criteria":[{"id":"impact","name":"Impact","weight":2}],"brainwriting":{"ideas_per_round":3,"round_minutes":5,"table_size":6},"vote":{"method":"approval","dots_budget":5,"dots_cap":3,"score_min":0,"score_max":5,"grades":6}}}"#,
];

#[test]
fn an_old_record_with_another_kinds_options_replays_with_the_kinds_own() {
    let events: Vec<Event> = OLD_LOG.iter().map(|json| serde_json::from_str(json).unwrap()).collect();
    // The record reads and writes back byte for byte: its hashes do not change.
    for (event, json) in events.iter().zip(OLD_LOG) {
        assert_eq!(serde_json::to_string(event).unwrap(), json);
    }
    let added = fold(WorkshopId::from_uuid(id(0)), &events[..2]);
    let vote = &added.activities[0];
    assert_eq!(vote.kind(), ActivityKind::Vote);
    assert_eq!(vote.settings.kind, KindSettings::Vote(VoteConfig::new(VoteMethod::Borda)));
    assert!(vote.settings.categories().is_empty());
    assert_eq!(vote.settings.deck(), None);

    let updated = fold(WorkshopId::from_uuid(id(0)), &events);
    let vote = &updated.activities[0];
    assert_eq!(vote.settings.kind, KindSettings::Vote(VoteConfig::new(VoteMethod::Approval)));
    assert!(vote.settings.criteria().is_empty());
    assert!(vote.settings.to_config().option_of_another_kind(ActivityKind::Vote).is_none());
}

/// A configuration with any of the kind-specific options set, each valid for its own kind.
fn any_config() -> impl Strategy<Value = ActivityConfig> {
    let rules = BrainwritingConfig { ideas_per_round: 2, round_minutes: 4, table_size: 5 };
    (any::<[bool; 8]>(), 0usize..VoteMethod::ALL.len(), any::<bool>()).prop_map(move |(set, method, anonymous)| {
        ActivityConfig {
            anonymous,
            minutes: Some(15),
            categories: if set[0] { categories() } else { Vec::new() },
            criteria: if set[1] { criteria() } else { Vec::new() },
            impact_threshold_tenths: set[2].then_some(30),
            feasibility_threshold_tenths: set[3].then_some(25),
            brainwriting: set[4].then_some(rules),
            deck: set[5].then(|| "builtin".to_owned()),
            vote: set[6].then(|| VoteConfig::new(VoteMethod::ALL[method])),
            jurisdictions: if set[7] {
                vec![Jurisdiction { key: "city".into(), name: "The city".into() }]
            } else {
                Vec::new()
            },
            ..ActivityConfig::default()
        }
    })
}

fn any_kind() -> impl Strategy<Value = ActivityKind> {
    (0..ActivityKind::ALL.len()).prop_map(|index| ActivityKind::ALL[index])
}

proptest! {
    /// Deciding refuses exactly the configurations that carry another kind's option; what it
    /// accepts folds to settings that write back as the configuration sent, up to defaults.
    #[test]
    fn deciding_is_strict(kind in any_kind(), config in any_config()) {
        let workshop = workshop();
        let foreign = config.option_of_another_kind(kind).is_some();
        // An assessment needs criteria and a sorting board categories: those refusals are not
        // about kinds.
        let incomplete = (kind == ActivityKind::Assess && config.criteria.is_empty())
            || (kind == ActivityKind::Categorize && config.categories.is_empty());
        match decide(&workshop, facilitating(), add(10, kind, config.clone())) {
            Err(error) if foreign => prop_assert_eq!(error, NOT_FOR_KIND),
            Err(error) => prop_assert!(incomplete, "{:?} refused {:?}: {:?}", kind, config, error),
            Ok(events) => {
                prop_assert!(!foreign && !incomplete);
                let mut after = workshop.clone();
                apply_all(&mut after, 0, &events);
                let added = after.activity(activity(10)).unwrap();
                prop_assert_eq!(added.kind(), kind);
                let written = added.settings.to_config();
                prop_assert_eq!(
                    ActivitySettings::parse(kind, &written, activity(10), &[]),
                    Ok(added.settings.clone())
                );
                // Only a default spelled out may differ from what was sent.
                let defaults_spelled = ActivityConfig { vote: config.vote.or(written.vote), brainwriting: config.brainwriting.or(written.brainwriting), ..config.clone() };
                prop_assert_eq!(written, defaults_spelled);
            }
        }
    }

    /// Folding takes any recorded configuration for any kind: the activity has that kind and
    /// only its options, and an edit with any configuration keeps the kind.
    #[test]
    fn folding_is_lenient(kind in any_kind(), added in any_config(), updated in any_config()) {
        let events = vec![
            Event::WorkshopCreated { title: "Atelier".into(), language: Language::Fr, created_by: account() },
            Event::ActivityAdded {
                activity_id: activity(0),
                kind,
                title: "A".into(),
                prompt: String::new(),
                config: added.clone(),
            },
        ];
        let mut workshop = fold(WorkshopId::from_uuid(id(0)), &events);
        prop_assert_eq!(&workshop.activities[0].settings, &ActivitySettings::from_record(kind, &added));
        let edit = Event::ActivityUpdated {
            activity_id: activity(0),
            title: "A".into(),
            prompt: String::new(),
            config: updated.clone(),
        };
        apply_all(&mut workshop, events.len(), &[edit]);
        let activity = &workshop.activities[0];
        prop_assert_eq!(activity.kind(), kind);
        prop_assert_eq!(&activity.settings, &ActivitySettings::from_record(kind, &updated));
        prop_assert_eq!(activity.settings.to_config().option_of_another_kind(kind), None);
        prop_assert_eq!(activity.settings.anonymous, updated.anonymous);
    }
}
