//! The fold over every kind of command, with the engine's snapshots in the loop.
//!
//! Random sequences drive every `Command` variant against a workshop whose agenda has every
//! kind of activity, picking among the participants, notes, actions and cards that exist so that
//! most commands are accepted. After each command:
//!
//! - the state serialised and read back as the engine's snapshots are (`serde_json`) equals the
//!   live state;
//! - a second copy of the workshop, read back from such a snapshot before every command, decides
//!   the same and folds to the same state as the live one: resuming from a snapshot is only ever
//!   a shortcut to the same fold;
//! - at the end, replaying the whole log from scratch gives the live state.
//!
//! The runner then checks that every variant of `Command` was accepted at least once across the
//! cases, so a command the generator stops reaching does not go untested unnoticed.

use crate::support::decide;
use crate::support::*;
use converge_core::outcomes::outcome_limits;
use converge_core::voting::{Ballot, CriterionScores, VoteConfig, VoteMethod};
use converge_core::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::cell::RefCell;
use std::collections::BTreeSet;

/// One step of a scenario: which command (`kind`), and small numbers that pick what it is about.
#[derive(Debug, Clone)]
struct Intent {
    kind: u8,
    a: u8,
    b: u8,
    c: u8,
    text: String,
}

/// How many kinds of command `command` knows; kinds above map to `COMMON`.
const COMMAND_KINDS: u8 = 58;

/// The commands a room sends most, and those that need others before them to be accepted.
const COMMON: [u8; 20] = [19, 19, 19, 19, 27, 27, 28, 29, 30, 32, 33, 10, 0, 13, 20, 21, 34, 23, 24, 22];

fn intent() -> impl Strategy<Value = Intent> {
    let text = prop_oneof![8 => "[a-z]{1,12}( [a-z]{1,8})?", 1 => Just(String::new())];
    (0u8..COMMAND_KINDS + 20, any::<u8>(), any::<u8>(), any::<u8>(), text).prop_map(|(kind, a, b, c, text)| Intent {
        kind,
        a,
        b,
        c,
        text,
    })
}

const DECK: &str = "mine";
const SHA: &str = "ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12";

fn today() -> CalendarDate {
    CalendarDate::new(2023, 11, 20).unwrap()
}

/// A configuration `kind` accepts, with sources among `earlier`.
fn config_for(kind: ActivityKind, earlier: &[ActivityId]) -> ActivityConfig {
    let sources = |n: usize| earlier.iter().copied().take(n).collect::<Vec<_>>();
    match kind {
        ActivityKind::Challenges | ActivityKind::OpinionMap => ActivityConfig { anonymous: true, ..Default::default() },
        ActivityKind::PhotoLanguage => ActivityConfig { deck: Some(DECK.into()), ..Default::default() },
        ActivityKind::Reformulate | ActivityKind::Brainwriting => {
            ActivityConfig { sources: sources(2), ..Default::default() }
        }
        ActivityKind::Categorize => ActivityConfig {
            sources: sources(3),
            categories: vec![Category { id: 1, name: "One".into() }, Category { id: 2, name: "Two".into() }],
            ..Default::default()
        },
        ActivityKind::Assess => ActivityConfig {
            sources: sources(3),
            criteria: vec![
                Criterion { id: "impact".into(), name: "Impact".into(), weight: 2 },
                Criterion { id: "feasibility".into(), name: "Feasibility".into(), weight: 1 },
            ],
            ..Default::default()
        },
        ActivityKind::Vote | ActivityKind::ActionPlan => ActivityConfig { sources: sources(3), ..Default::default() },
        ActivityKind::Swot | ActivityKind::RiskMap => ActivityConfig::default(),
    }
}

/// Every kind of activity, each working on the earlier ones.
fn agenda() -> Vec<ActivitySpec> {
    let mut earlier = Vec::new();
    let mut agenda = Vec::new();
    for (n, kind) in ActivityKind::ALL.into_iter().enumerate() {
        let mut spec = spec(n as u128, kind);
        spec.config = config_for(kind, &earlier);
        earlier.push(spec.activity_id);
        agenda.push(spec);
    }
    agenda
}

fn facilitating() -> Actor {
    Actor::Account(account())
}

fn nth<T: Clone>(items: &[T], n: u8) -> Option<T> {
    (!items.is_empty()).then(|| items[n as usize % items.len()].clone())
}

fn activity_of_kind(workshop: &Workshop, kind: ActivityKind) -> ActivityId {
    workshop.activities.iter().find(|activity| activity.kind() == kind).map_or(activity(99), |activity| activity.id)
}

/// A ballot the vote's current method accepts, over its items.
fn ballot(rules: VoteConfig, items: &[ContributionId], intent: &Intent) -> Ballot {
    let first = nth(items, intent.b).unwrap_or(ContributionId::from_uuid(id(7)));
    let second = nth(items, intent.b.wrapping_add(1)).unwrap_or(first);
    match rules.method {
        VoteMethod::Dots => Ballot::Dots { dots: [(first, u32::from(intent.c) % rules.dots_cap + 1)].into() },
        VoteMethod::Approval => Ballot::Approval { approved: [first].into() },
        VoteMethod::Score => Ballot::Scores { scores: [(first, rules.score_max)].into() },
        VoteMethod::MajorityJudgment => {
            Ballot::Grades { grades: items.iter().map(|item| (*item, intent.c % rules.grades)).collect() }
        }
        VoteMethod::BradleyTerry => Ballot::Pairwise { winner: first, loser: second },
        _ => Ballot::Ranking { tiers: vec![vec![first], vec![second]] },
    }
}

/// Turns an intent into a command, picking among what exists.
fn command(workshop: &Workshop, intent: &Intent, step: u128) -> (Actor, Command) {
    let Intent { a, b, c, .. } = *intent;
    let text = intent.text.clone();
    let participants: Vec<ParticipantId> =
        workshop.participants.keys().chain(workshop.removed.keys()).copied().collect();
    let participant = nth(&participants, a).unwrap_or(facilitator());
    let someone = Actor::Participant(participant);
    let activities: Vec<ActivityId> = workshop.activities.iter().map(|activity| activity.id).collect();
    let any_activity = nth(&activities, b).unwrap_or(activity(99));
    let contributions: Vec<&Contribution> = workshop.contributions.iter().collect();
    let contribution = nth(&contributions, b);
    let contribution_id = contribution.map_or(ContributionId::from_uuid(id(8)), |contribution| contribution.id);
    let actions: Vec<&Action> = workshop.actions.iter().collect();
    let action = nth(&actions, b);
    let action_id = action.map_or(ActionId::from_uuid(id(9)), |action| action.id);
    let cards: Vec<String> = workshop.decks.values().flatten().map(|card| card.id.clone()).collect();
    let kind = if intent.kind < COMMAND_KINDS {
        intent.kind
    } else {
        COMMON[usize::from(intent.kind - COMMAND_KINDS) % COMMON.len()]
    };
    // Ending or deleting the workshop stops most of what follows: rarely.
    let kind = if matches!(kind, 36 | 40) && a % 4 != 0 { 10 } else { kind };
    match kind {
        0 => (
            Actor::Newcomer,
            Command::Join {
                participant_id: ParticipantId::from_uuid(id(50_000 + step)),
                profile_commitment: format!("c{step}"),
            },
        ),
        1 => (
            facilitating(),
            Command::ChangeRole {
                participant_id: participant,
                role: [Role::Expert, Role::Participant, Role::Observer, Role::Participant][b as usize % 4],
            },
        ),
        2 => (facilitating(), Command::RemoveParticipant { participant_id: participant }),
        3 => (
            facilitating(),
            Command::MergeParticipant { duplicate: participant, into: nth(&participants, b).unwrap_or(participant) },
        ),
        4 => (facilitating(), Command::LockJoining { locked: a % 3 == 0 }),
        5 => (facilitating(), Command::RenewJoinCode),
        6 => {
            let kind = ActivityKind::ALL[a as usize % ActivityKind::ALL.len()];
            let mut spec = spec(1000 + step, kind);
            spec.config = config_for(kind, &activities);
            // Most assessments and votes added later take a hand shortlist of their sources.
            if matches!(kind, ActivityKind::Assess | ActivityKind::Vote) && c % 4 != 0 {
                spec.config.take = Some(Take::Shortlist);
            }
            (facilitating(), Command::AddActivity(spec))
        }
        7 => {
            let edited = workshop.activity(any_activity);
            let current = edited.map(|activity| activity.settings.to_config()).unwrap_or_default();
            // A new set-up only for a vote: another kind's options are refused.
            let is_vote = edited.is_some_and(|activity| activity.kind() == ActivityKind::Vote);
            let vote =
                (is_vote && c % 3 == 0).then(|| VoteConfig::new(VoteMethod::ALL[a as usize % VoteMethod::ALL.len()]));
            let config = ActivityConfig {
                anonymous: current.anonymous != (c % 5 == 0),
                minutes: Some(u32::from(c % 30) + 1),
                vote: vote.or(current.vote),
                ..current
            };
            let title = if text.is_empty() { format!("Activity {step}") } else { text };
            (
                facilitating(),
                Command::UpdateActivity { activity_id: any_activity, title, prompt: "Why?".into(), config },
            )
        }
        8 => (facilitating(), Command::RemoveActivity { activity_id: any_activity }),
        9 => (facilitating(), Command::MoveActivity { activity_id: any_activity, position: u32::from(c) % 12 }),
        10 => (facilitating(), Command::OpenActivity { activity_id: any_activity }),
        11 => (facilitating(), Command::CloseActivity { activity_id: any_activity }),
        12 => (
            facilitating(),
            Command::StartTimer {
                activity_id: any_activity,
                minutes: (c % 2 == 0).then_some(u32::from(c % 20) + 1),
                lock_at_zero: (c % 3 == 0).then_some(c % 2 == 0),
            },
        ),
        13 => {
            let running =
                workshop.activities.iter().find(|activity| matches!(activity.timer, Some(Timer::Running { .. })));
            (facilitating(), Command::PauseTimer { activity_id: running.map_or(any_activity, |activity| activity.id) })
        }
        14 => (facilitating(), Command::ExtendTimer { activity_id: any_activity, minutes: u32::from(c % 10) + 1 }),
        15 => (facilitating(), Command::SetFocus { activity_id: (c % 4 != 0).then_some(any_activity) }),
        16 => {
            let size = usize::from(a % 3) + 2;
            let everyone: Vec<ParticipantId> = workshop.participants.keys().copied().collect();
            (facilitating(), Command::FormTables { tables: everyone.chunks(size).map(<[_]>::to_vec).collect() })
        }
        17 => (
            facilitating(),
            Command::SeatParticipant {
                participant_id: participant,
                table: (c % 4 != 0).then_some(u32::from(b) % (workshop.tables.len() as u32 + 1)),
            },
        ),
        18 => (someone, Command::SetPresence { participant_id: participant, present: c % 3 != 0 }),
        19 => {
            let writable: Vec<&Activity> =
                workshop.activities.iter().filter(|activity| activity.kind().accepts_contributions()).collect();
            let Some(target) = nth(&writable, b) else { return (facilitating(), Command::RenewJoinCode) };
            let accepted = target.kind().accepted_contributions();
            let challenges: Vec<ContributionId> = workshop
                .contributions
                .iter()
                .filter(|contribution| contribution.kind == ContributionKind::Challenge)
                .map(|contribution| contribution.id)
                .collect();
            let links = match target.kind() {
                ActivityKind::Reformulate => nth(&challenges, c).into_iter().collect(),
                _ => (c % 5 == 0).then_some(contribution_id).into_iter().collect(),
            };
            let card = (target.kind() == ActivityKind::PhotoLanguage)
                .then(|| nth(&cards, c).unwrap_or_else(|| "builtin-card".into()));
            let text = if text.is_empty() { "a note".into() } else { text };
            (
                someone,
                Command::PostContribution {
                    contribution_id: ContributionId::from_uuid(id(90_000 + step)),
                    activity_id: target.id,
                    kind: Some(accepted[c as usize % accepted.len()]),
                    text,
                    links,
                    card,
                    sheet: None,
                },
            )
        }
        20 => {
            let in_swot: Vec<&Contribution> = contributions
                .iter()
                .copied()
                .filter(|contribution| ActivityKind::Swot.accepted_contributions().contains(&contribution.kind))
                .collect();
            let contribution = nth(&in_swot, b).or(contribution);
            let contribution_id = contribution.map_or(contribution_id, |contribution| contribution.id);
            let accepted = contribution
                .and_then(|contribution| workshop.activity(contribution.activity_id))
                .map_or(&[][..], |activity| activity.kind().accepted_contributions());
            let kind = nth(accepted, c).unwrap_or(ContributionKind::Idea);
            (facilitating(), Command::MoveContribution { contribution_id, kind })
        }
        21 => {
            let standing: Vec<&Contribution> =
                contributions.iter().copied().filter(|contribution| contribution.merged_into.is_none()).collect();
            let into = nth(&standing, b);
            let alongside: Vec<ContributionId> = standing
                .iter()
                .filter(|other| into.is_some_and(|into| into.activity_id == other.activity_id && into.id != other.id))
                .map(|other| other.id)
                .collect();
            let contribution_id = into.map_or(contribution_id, |into| into.id);
            let merged = nth(&alongside, c).unwrap_or(contribution_id);
            (facilitating(), Command::MergeContributions { into: contribution_id, merged: vec![merged] })
        }
        22 => {
            let activity_id = activity_of_kind(workshop, ActivityKind::Categorize);
            let sources: Vec<ContributionId> = workshop
                .activity(activity_id)
                .map(|activity| workshop.source_contributions(activity).map(|source| source.id).collect())
                .unwrap_or_default();
            let contribution_id = nth(&sources, b).unwrap_or(contribution_id);
            let actor = if c % 3 == 0 { facilitating() } else { someone };
            let category = (c % 4 != 0).then_some(u32::from(c % 3));
            (actor, Command::Categorize { activity_id, contribution_id, category })
        }
        23 => (
            facilitating(),
            Command::StartBrainwriting { activity_id: activity_of_kind(workshop, ActivityKind::Brainwriting) },
        ),
        24 => {
            (facilitating(), Command::NextRound { activity_id: activity_of_kind(workshop, ActivityKind::Brainwriting) })
        }
        25 => (
            facilitating(),
            Command::AddDeckCard {
                deck: DECK.into(),
                card_id: format!("card-{step}"),
                title: if text.is_empty() { "A card".into() } else { text },
                image_sha256: SHA.into(),
                width: 40,
                height: 30,
            },
        ),
        26 => (
            facilitating(),
            Command::RemoveDeckCard { deck: DECK.into(), card_id: nth(&cards, c).unwrap_or_else(|| "none".into()) },
        ),
        27 => {
            let activity_id = activity_of_kind(workshop, ActivityKind::Vote);
            let (rules, items) = workshop.activity(activity_id).map_or_else(
                || (VoteConfig::new(VoteMethod::Dots), Vec::new()),
                |vote| (vote.settings.vote_rules(), workshop.items_of(vote).into_iter().collect()),
            );
            (someone, Command::CastBallot { activity_id, ballot: ballot(rules, &items, intent) })
        }
        28 => {
            let activity_id = activity_of_kind(workshop, ActivityKind::Assess);
            let items: Vec<ContributionId> = workshop
                .activity(activity_id)
                .map(|assess| workshop.items_of(assess).into_iter().collect())
                .unwrap_or_default();
            let scores: CriterionScores =
                [("impact".to_owned(), c % 5 + 1), ("feasibility".to_owned(), b % 5 + 1)].into();
            (someone, Command::AssessItem { activity_id, item: nth(&items, b).unwrap_or(contribution_id), scores })
        }
        29 => {
            let actor = if c % 4 == 0 { facilitating() } else { someone };
            (
                actor,
                Command::DraftAction {
                    action_id: ActionId::from_uuid(id(70_000 + step)),
                    activity_id: activity_of_kind(workshop, ActivityKind::ActionPlan),
                    card: card(&text, c),
                    sources: contribution.map(|contribution| contribution.id).into_iter().collect(),
                },
            )
        }
        30 => {
            let revision = action.map_or(1, |action| action.revision) - u32::from(c % 5 == 0);
            let sources = action.map(|action| action.sources.clone()).unwrap_or_default();
            (someone, Command::EditAction { action_id, base_revision: revision, card: card(&text, c), sources })
        }
        31 => (facilitating(), Command::WithdrawAction { action_id }),
        32 => {
            let stance = Stance::ALL[c as usize % Stance::ALL.len()];
            let revision = (c % 2 == 0).then(|| action.map_or(1, |action| action.revision));
            (someone, Command::GiveConsensus { action_id, revision, stance, reason: text })
        }
        33 => {
            let activity_id = activity_of_kind(workshop, ActivityKind::RiskMap);
            let risks: Vec<ContributionId> = workshop
                .contributions
                .iter()
                .filter(|contribution| contribution.kind == ContributionKind::Risk)
                .map(|contribution| contribution.id)
                .collect();
            let risk = nth(&risks, b).unwrap_or(contribution_id);
            let on_scale = |n: u8| n % outcome_limits::RATING_MAX + 1;
            (someone, Command::RateRisk { activity_id, risk, likelihood: on_scale(c), impact: on_scale(b) })
        }
        34 => {
            let risks: Vec<ContributionId> = workshop
                .contributions
                .iter()
                .filter(|contribution| contribution.kind == ContributionKind::Risk)
                .map(|contribution| contribution.id)
                .collect();
            let live: Vec<ActionId> =
                workshop.actions.iter().filter(|action| !action.withdrawn).map(|action| action.id).collect();
            let actor = if c % 2 == 0 { facilitating() } else { someone };
            let actions = if c % 5 == 0 { Vec::new() } else { nth(&live, c).into_iter().collect() };
            (actor, Command::LinkMitigations { risk: nth(&risks, b).unwrap_or(contribution_id), actions })
        }
        35 => {
            let decision = match c % 3 {
                0 => FateDecision::Retained,
                1 => FateDecision::NotRetained { reason: if text.is_empty() { "why".into() } else { text } },
                _ => FateDecision::Undecided,
            };
            (facilitating(), Command::DecideFates { contributions: vec![contribution_id], decision })
        }
        36 => (facilitating(), Command::CloseWorkshop),
        37 => {
            let status = ActionStatus::ALL[c as usize % ActionStatus::ALL.len()];
            let next_update_due = (b % 2 == 0).then(|| CalendarDate::new(2023, 12, 1 + b % 28).unwrap());
            let update = StatusUpdate {
                action_id,
                status,
                note: if status == ActionStatus::Dropped && text.is_empty() { "dropped".into() } else { text },
                next_update_due,
                effective_on: (c % 3 == 0).then(|| CalendarDate::new(2023, 11, 15).unwrap()),
            };
            (facilitating(), Command::UpdateActionStatuses { updates: vec![update], today: today() })
        }
        38 => (
            facilitating(),
            Command::SetCommitment {
                action_id,
                answerable: text,
                next_update_due: (c % 2 == 0).then(|| CalendarDate::new(2024, 1, 1 + c % 28).unwrap()),
            },
        ),
        39 => (
            facilitating(),
            Command::PublishFollowUp { token: (c % 3 != 0).then(|| format!("follow-up-token-{}", c % 4)) },
        ),
        40 => (facilitating(), Command::DeleteWorkshop),
        41 => (facilitating(), Command::ArchiveWorkshop),
        42 => (facilitating(), Command::Spotlight { contribution_id: (a % 3 != 0).then_some(contribution_id) }),
        43 => (facilitating(), Command::SetJoinPanel { panel: JoinPanel::ALL[usize::from(a) % JoinPanel::ALL.len()] }),
        44 => (facilitating(), Command::HideNamesOnScreen { hidden: a % 2 == 0 }),
        45 => {
            let next = workshop.next_activity().map(|next| next.id);
            (facilitating(), Command::NextStep { to: if c % 2 == 0 { next } else { None }, round: None })
        }
        46 => (facilitating(), Command::IssueScreenLink { renew: c % 2 == 0 }),
        47 => (facilitating(), Command::RevokeScreenLink),
        48 => (facilitating(), Command::HideContribution { contribution_id, reason: text }),
        49 => (facilitating(), Command::ShowContribution { contribution_id }),
        50 => {
            // The facilitator corrects any note; the first writer their own while it is open.
            let actor =
                if c % 2 == 0 { facilitating() } else { Actor::Participant(ParticipantId::from_uuid(id(40_000))) };
            let text = if text.is_empty() { "corrected".into() } else { text };
            (actor, Command::EditContribution { contribution_id, text })
        }
        51 => {
            let actor =
                if c % 2 == 0 { facilitating() } else { Actor::Participant(ParticipantId::from_uuid(id(40_000))) };
            (actor, Command::RemoveContribution { contribution_id })
        }
        52 => {
            let merged: Vec<&Contribution> =
                contributions.iter().copied().filter(|contribution| contribution.merged_into.is_some()).collect();
            let contribution_id = nth(&merged, c).map_or(contribution_id, |merged| merged.id);
            (facilitating(), Command::UnmergeContribution { contribution_id })
        }
        53 => {
            let part = match a % 3 {
                0 => BoardPart::Category { category: u32::from(b % 3) },
                1 => BoardPart::Quadrant {
                    quadrant: Quadrant::SWOT
                        .into_iter()
                        .chain(Quadrant::MATRIX)
                        .nth(usize::from(b % 8))
                        .unwrap_or(Quadrant::Strength),
                },
                _ => BoardPart::Table { table: u32::from(b % 3) },
            };
            (
                facilitating(),
                Command::ZoomProjection { zoom: (c % 4 != 0).then_some(Zoom { activity_id: any_activity, part }) },
            )
        }
        54 => (facilitating(), Command::ShortenTimer { activity_id: any_activity, minutes: u32::from(c % 10) + 1 }),
        55 => {
            let moves = &workshop.recent_moves;
            let seq = if moves.is_empty() { u64::from(c) } else { moves[usize::from(a) % moves.len()].seq };
            (facilitating(), Command::Undo { seq })
        }
        56 => {
            let drafts: Vec<&Activity> = workshop
                .activities
                .iter()
                .filter(|activity| activity.settings.take == Some(Take::Shortlist) && activity.times_opened == 0)
                .collect();
            let target = nth(&drafts, b);
            let pool: Vec<ContributionId> = target
                .map(|target| workshop.source_pool(target).iter().map(|item| item.id).collect())
                .unwrap_or_default();
            let items = pool.iter().enumerate().filter(|(n, _)| (c >> (n % 8)) & 1 == 1).map(|(_, id)| *id).collect();
            let activity_id = target.map_or(any_activity, |target| target.id);
            (facilitating(), Command::SetShortlist { activity_id, items })
        }
        _ => (facilitating(), Command::RestoreWorkshop),
    }
}

fn card(text: &str, c: u8) -> ActionCard {
    ActionCard {
        title: if text.is_empty() { "An action".into() } else { text.to_owned() },
        description: String::new(),
        rationale: String::new(),
        owner: String::new(),
        jurisdiction: outcomes::DEFAULT_JURISDICTIONS[c as usize % 3].into(),
        horizon: String::new(),
        first_steps: String::new(),
        resources: String::new(),
        indicators: String::new(),
    }
}

/// The variant's name, e.g. `PostContribution`.
fn variant(command: &Command) -> String {
    let debug = format!("{command:?}");
    debug.split([' ', '(', '{']).next().unwrap_or_default().to_owned()
}

/// The state as the engine's snapshot stores it and reads it back.
fn snapshot_round_trip(workshop: &Workshop) -> Result<Workshop, TestCaseError> {
    let bytes = serde_json::to_vec(workshop).map_err(|error| TestCaseError::fail(error.to_string()))?;
    serde_json::from_slice(&bytes).map_err(|error| TestCaseError::fail(format!("a snapshot does not read: {error}")))
}

/// Runs one scenario; returns the variants that were accepted.
fn run_scenario(intents: &[Intent]) -> Result<BTreeSet<String>, TestCaseError> {
    let workshop_id = WorkshopId::from_uuid(id(0));
    let mut log = decide_create("Atelier", Language::Fr, account(), facilitator(), "c".into(), agenda()).unwrap();
    let mut live = fold(workshop_id, &log);
    // A room has gathered, the day has begun and a first note is up in each activity, so that
    // most commands find what they act on.
    for n in 0..4 {
        let participant_id = ParticipantId::from_uuid(id(40_000 + n));
        let join = Command::Join { participant_id, profile_commitment: format!("c{n}") };
        let events = decide(&live, Actor::Newcomer, join).unwrap();
        apply_all(&mut live, log.len(), &events);
        log.extend(events);
    }
    for activity_id in live.activities.iter().map(|activity| activity.id).collect::<Vec<_>>() {
        let events = decide(&live, facilitating(), Command::OpenActivity { activity_id }).unwrap();
        apply_all(&mut live, log.len(), &events);
        log.extend(events);
    }
    let writer = Actor::Participant(ParticipantId::from_uuid(id(40_000)));
    for (n, activity) in live.activities.clone().iter().enumerate() {
        let Some(kind) = activity.kind().accepted_contributions().first() else { continue };
        let post = Command::PostContribution {
            contribution_id: ContributionId::from_uuid(id(80_000 + n as u128)),
            activity_id: activity.id,
            kind: Some(*kind),
            text: format!("note {n}"),
            links: live.contributions.iter().map(|challenge| challenge.id).take(1).collect(),
            card: (activity.kind() == ActivityKind::PhotoLanguage).then(|| "builtin-card".into()),
            sheet: None,
        };
        let Ok(events) = decide(&live, writer, post) else { continue };
        apply_all(&mut live, log.len(), &events);
        log.extend(events);
    }
    // And one assessment still in draft takes a hand shortlist of what the first activities
    // produced, so that setting a shortlist finds an activity to act on.
    let mut shortlisted = spec(999, ActivityKind::Assess);
    let earlier: Vec<ActivityId> = live.activities.iter().map(|activity| activity.id).collect();
    shortlisted.config = config_for(ActivityKind::Assess, &earlier);
    shortlisted.config.take = Some(Take::Shortlist);
    if let Ok(events) = decide(&live, facilitating(), Command::AddActivity(shortlisted)) {
        apply_all(&mut live, log.len(), &events);
        log.extend(events);
    }
    let mut resumed = live.clone();
    let mut accepted = BTreeSet::new();
    for (step, intent) in intents.iter().enumerate() {
        let (actor, command) = command(&live, intent, step as u128);
        resumed = snapshot_round_trip(&resumed)?;
        let decided = decide(&live, actor, command.clone());
        let decided_on_resumed = decide(&resumed, actor, command.clone());
        prop_assert_eq!(&decided_on_resumed, &decided, "a workshop resumed from a snapshot decides otherwise");
        if let Ok(events) = decided {
            if !events.is_empty() {
                accepted.insert(variant(&command));
            }
            apply_all(&mut live, log.len(), &events);
            apply_all(&mut resumed, log.len(), &events);
            log.extend(events);
        }
        prop_assert_eq!(&snapshot_round_trip(&live)?, &live, "the snapshot after {:?} differs", command);
        prop_assert_eq!(&resumed, &live, "resuming from a snapshot folds otherwise, after {:?}", command);
    }
    prop_assert_eq!(&fold(workshop_id, &log), &live, "a full replay differs from the live state");
    Ok(accepted)
}

#[test]
fn every_command_folds_the_same_from_a_snapshot_as_live() {
    let accepted = RefCell::new(BTreeSet::new());
    let mut runner = TestRunner::new(Config { cases: 160, ..Config::default() });
    let result = runner.run(&proptest::collection::vec(intent(), 1..120), |intents| {
        accepted.borrow_mut().extend(run_scenario(&intents)?);
        Ok(())
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
    let never: Vec<&str> = ALL_VARIANTS.iter().copied().filter(|name| !accepted.borrow().contains(*name)).collect();
    assert!(never.is_empty(), "no scenario had these commands accepted: {never:?}");
}

/// Every variant of `Command`. A new variant fails to compile in `exhaustive` below until it is
/// listed here and the generator makes it.
const ALL_VARIANTS: [&str; 58] = [
    "Join",
    "ChangeRole",
    "RemoveParticipant",
    "MergeParticipant",
    "LockJoining",
    "RenewJoinCode",
    "Spotlight",
    "ZoomProjection",
    "SetJoinPanel",
    "HideNamesOnScreen",
    "AddActivity",
    "UpdateActivity",
    "RemoveActivity",
    "MoveActivity",
    "OpenActivity",
    "SetShortlist",
    "CloseActivity",
    "StartTimer",
    "PauseTimer",
    "ExtendTimer",
    "SetFocus",
    "FormTables",
    "SeatParticipant",
    "SetPresence",
    "PostContribution",
    "MoveContribution",
    "MergeContributions",
    "Categorize",
    "HideContribution",
    "ShowContribution",
    "EditContribution",
    "RemoveContribution",
    "UnmergeContribution",
    "StartBrainwriting",
    "NextRound",
    "AddDeckCard",
    "RemoveDeckCard",
    "CastBallot",
    "AssessItem",
    "DraftAction",
    "EditAction",
    "WithdrawAction",
    "GiveConsensus",
    "RateRisk",
    "LinkMitigations",
    "DecideFates",
    "CloseWorkshop",
    "UpdateActionStatuses",
    "SetCommitment",
    "PublishFollowUp",
    "DeleteWorkshop",
    "ArchiveWorkshop",
    "RestoreWorkshop",
    "NextStep",
    "IssueScreenLink",
    "RevokeScreenLink",
    "ShortenTimer",
    "Undo",
];

/// Fails to compile when `Command` gains a variant, pointing here: list it in `ALL_VARIANTS`
/// and teach `command` to make it.
#[allow(dead_code)]
fn exhaustive(command: &Command) {
    match command {
        Command::Join { .. }
        | Command::ChangeRole { .. }
        | Command::RemoveParticipant { .. }
        | Command::MergeParticipant { .. }
        | Command::LockJoining { .. }
        | Command::RenewJoinCode
        | Command::Spotlight { .. }
        | Command::ZoomProjection { .. }
        | Command::SetJoinPanel { .. }
        | Command::HideNamesOnScreen { .. }
        | Command::AddActivity(_)
        | Command::UpdateActivity { .. }
        | Command::RemoveActivity { .. }
        | Command::MoveActivity { .. }
        | Command::OpenActivity { .. }
        | Command::SetShortlist { .. }
        | Command::CloseActivity { .. }
        | Command::StartTimer { .. }
        | Command::PauseTimer { .. }
        | Command::ExtendTimer { .. }
        | Command::SetFocus { .. }
        | Command::FormTables { .. }
        | Command::SeatParticipant { .. }
        | Command::SetPresence { .. }
        | Command::PostContribution { .. }
        | Command::MoveContribution { .. }
        | Command::MergeContributions { .. }
        | Command::Categorize { .. }
        | Command::HideContribution { .. }
        | Command::ShowContribution { .. }
        | Command::EditContribution { .. }
        | Command::RemoveContribution { .. }
        | Command::UnmergeContribution { .. }
        | Command::StartBrainwriting { .. }
        | Command::NextRound { .. }
        | Command::AddDeckCard { .. }
        | Command::RemoveDeckCard { .. }
        | Command::CastBallot { .. }
        | Command::AssessItem { .. }
        | Command::DraftAction { .. }
        | Command::EditAction { .. }
        | Command::WithdrawAction { .. }
        | Command::GiveConsensus { .. }
        | Command::RateRisk { .. }
        | Command::LinkMitigations { .. }
        | Command::DecideFates { .. }
        | Command::CloseWorkshop
        | Command::UpdateActionStatuses { .. }
        | Command::SetCommitment { .. }
        | Command::PublishFollowUp { .. }
        | Command::DeleteWorkshop
        | Command::ArchiveWorkshop
        | Command::RestoreWorkshop
        | Command::NextStep { .. }
        | Command::IssueScreenLink { .. }
        | Command::RevokeScreenLink
        | Command::ShortenTimer { .. }
        | Command::Undo { .. } => {}
    }
}
