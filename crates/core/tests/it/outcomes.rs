//! The rules of action cards and risk ratings, as `decide` applies them: who may draft, edit,
//! withdraw, give their stance and rate, when, and what a stale edit or a bad rating gets.

use crate::support::decide;
use crate::support::*;
use converge_core::outcomes::{ActionCard, RiskSummary, Stance};
use converge_core::*;

const CHALLENGES: u128 = 0;
const PLAN: u128 = 3;
const RISKS: u128 = 4;

fn action(n: u128) -> ActionId {
    ActionId::from_uuid(id(50_000 + n))
}

fn note(n: u128) -> ContributionId {
    ContributionId::from_uuid(id(10_000 + n))
}

fn card(title: &str) -> ActionCard {
    ActionCard { title: title.into(), jurisdiction: "administration".into(), ..ActionCard::default() }
}

fn draft(n: u128, title: &str, sources: Vec<ContributionId>) -> Command {
    Command::DraftAction { action_id: action(n), activity_id: activity(PLAN), card: card(title), sources }
}

fn edit(n: u128, base_revision: u32, card: ActionCard, sources: Vec<ContributionId>) -> Command {
    Command::EditAction { action_id: action(n), base_revision, card, sources }
}

fn rate(risk: ContributionId, likelihood: u8, impact: u8) -> Command {
    Command::RateRisk { activity_id: activity(RISKS), risk, likelihood, impact }
}

/// Decides and folds; the refusal, if any, comes back.
fn attempt(workshop: &mut Workshop, actor: Actor, command: Command) -> Result<(), DomainError> {
    let events = decide(workshop, actor, command)?;
    apply_all(workshop, 0, &events);
    Ok(())
}

/// The fixture's workshop plus an action plan and a risk map, everything open, two
/// participants, a challenge (note 1) and a risk (note 2).
struct Scene {
    workshop: Workshop,
    ana: ParticipantId,
    ben: ParticipantId,
}

impl Scene {
    fn new() -> Scene {
        let mut workshop = workshop();
        let facilitating = Actor::Account(account());
        run(&mut workshop, facilitating, Command::AddActivity(spec(PLAN, ActivityKind::ActionPlan)));
        run(&mut workshop, facilitating, Command::AddActivity(spec(RISKS, ActivityKind::RiskMap)));
        for n in [CHALLENGES, PLAN, RISKS] {
            run(&mut workshop, facilitating, Command::OpenActivity { activity_id: activity(n) });
        }
        let ana = join(&mut workshop, 1);
        let ben = join(&mut workshop, 2);
        run(&mut workshop, Actor::Participant(ana), post(activity(CHALLENGES), 1, "Les services travaillent en silos"));
        run(&mut workshop, Actor::Participant(ben), post(activity(RISKS), 2, "Le budget est coupé"));
        Scene { workshop, ana, ben }
    }

    fn as_ana(&mut self, command: Command) -> Result<(), DomainError> {
        attempt(&mut self.workshop, Actor::Participant(self.ana), command)
    }

    fn as_ben(&mut self, command: Command) -> Result<(), DomainError> {
        attempt(&mut self.workshop, Actor::Participant(self.ben), command)
    }

    fn as_facilitator(&mut self, command: Command) -> Result<(), DomainError> {
        attempt(&mut self.workshop, Actor::Account(account()), command)
    }
}

#[test]
fn a_participant_drafts_from_sources_the_facilitator_may_draft_without() {
    let mut scene = Scene::new();
    assert_eq!(scene.as_ana(draft(1, "Un guichet unique", Vec::new())), Err(DomainError::SourcesRequired));
    scene.as_ana(draft(1, "Un guichet unique", vec![note(1)])).unwrap();
    let drafted = scene.workshop.action(action(1)).unwrap();
    let ana = pseudonym(&scene.workshop, scene.ana, Scope::Draft(activity(PLAN)));
    assert_eq!((drafted.revision, drafted.author, drafted.sources.clone()), (1, ana, vec![note(1)]));
    scene.as_facilitator(draft(2, "Une équipe transversale", Vec::new())).unwrap();
    assert_eq!(scene.workshop.plan().count(), 2);
    assert_eq!(
        scene.as_ana(draft(3, "Ailleurs", vec![ContributionId::from_uuid(id(999_999))])),
        Err(DomainError::UnknownContribution(ContributionId::from_uuid(id(999_999))))
    );
    let mut elsewhere = card("Ailleurs");
    elsewhere.jurisdiction = "parliament".into();
    let command = Command::DraftAction {
        action_id: action(4),
        activity_id: activity(PLAN),
        card: elsewhere,
        sources: vec![note(1)],
    };
    assert_eq!(scene.as_ana(command), Err(DomainError::UnknownJurisdiction));
    let wrong_kind = Command::DraftAction {
        action_id: action(5),
        activity_id: activity(RISKS),
        card: card("Ici"),
        sources: vec![note(1)],
    };
    assert_eq!(scene.as_ana(wrong_kind), Err(DomainError::WrongActivityKind));
}

#[test]
fn a_stale_edit_is_a_conflict_and_the_first_edit_stays() {
    let mut scene = Scene::new();
    scene.as_ana(draft(1, "Un guichet unique", vec![note(1)])).unwrap();
    let mut ana_version = card("Un guichet unique pour les citoyens");
    ana_version.owner = "SPW Intérieur".into();
    let mut ben_version = card("Un guichet unique");
    ben_version.description = "Un seul point de contact".into();
    // Both started from revision 1; Ana saves first.
    scene.as_ana(edit(1, 1, ana_version.clone(), vec![note(1)])).unwrap();
    assert_eq!(
        scene.as_ben(edit(1, 1, ben_version.clone(), vec![note(1)])),
        Err(DomainError::EditConflict { current: 2 })
    );
    let kept = scene.workshop.action(action(1)).unwrap();
    let (ana_edits, ben_edits) = (
        pseudonym(&scene.workshop, scene.ana, Scope::Edit(activity(PLAN))),
        pseudonym(&scene.workshop, scene.ben, Scope::Edit(activity(PLAN))),
    );
    assert_eq!((kept.revision, &kept.card, kept.last_editor), (2, &ana_version, ana_edits));
    // Carried over onto revision 2, Ben's change goes in beside Ana's.
    let mut merged = ana_version.clone();
    merged.description = ben_version.description.clone();
    scene.as_ben(edit(1, 2, merged.clone(), vec![note(1)])).unwrap();
    let now = scene.workshop.action(action(1)).unwrap();
    assert_eq!((now.revision, &now.card, now.last_editor), (3, &merged, ben_edits));
    // Saving the same card again records nothing and keeps the revision.
    assert_eq!(
        decide(&scene.workshop, Actor::Participant(scene.ana), edit(1, 3, merged, vec![note(1)])),
        Ok(Vec::new())
    );
}

#[test]
fn a_stance_counts_for_the_text_it_was_given_on() {
    let mut scene = Scene::new();
    scene.as_ana(draft(1, "Former le personnel à l’écoute", vec![note(1)])).unwrap();
    let give = |revision, stance| Command::GiveConsensus {
        action_id: action(1),
        revision: Some(revision),
        stance,
        reason: String::new(),
    };
    scene.as_ana(give(1, Stance::Agree)).unwrap();
    scene.as_ben(give(1, Stance::Agree)).unwrap();
    assert_eq!(scene.workshop.action(action(1)).unwrap().consensus_counts(), [2, 0, 0]);
    // The card is rewritten: the agreement was given to other words.
    scene.as_ana(edit(1, 1, card("Supprimer le panel citoyen"), vec![note(1)])).unwrap();
    let rewritten = scene.workshop.action(action(1)).unwrap();
    assert_eq!(rewritten.consensus_counts(), [0, 0, 0], "stances on the old text do not count for the new one");
    assert_eq!(rewritten.stale_stances(), 2);
    // A stance sent from a page that still showed the old text is refused, not moved.
    assert_eq!(scene.as_ben(give(1, Stance::Agree)), Err(DomainError::CardChanged { current: 2 }));
    scene.as_ben(give(2, Stance::Object)).unwrap_err();
    let object = Command::GiveConsensus {
        action_id: action(1),
        revision: Some(2),
        stance: Stance::Object,
        reason: "Ce n’est plus la même action".into(),
    };
    scene.as_ben(object).unwrap();
    let now = scene.workshop.action(action(1)).unwrap();
    assert_eq!((now.consensus_counts(), now.stale_stances()), ([0, 0, 1], 1));
    assert_eq!(now.objections().collect::<Vec<_>>(), vec!["Ce n’est plus la même action"]);
}

#[test]
fn an_objection_needs_a_reason_and_stances_replace_each_other() {
    let mut scene = Scene::new();
    scene.as_ana(draft(1, "Un guichet unique", vec![note(1)])).unwrap();
    let give = |stance, reason: &str| Command::GiveConsensus {
        action_id: action(1),
        revision: Some(1),
        stance,
        reason: reason.into(),
    };
    assert_eq!(scene.as_ben(give(Stance::Object, "   ")), Err(DomainError::ReasonRequired));
    scene.as_ben(give(Stance::Object, "Trop coûteux")).unwrap();
    scene.as_ana(give(Stance::Agree, "")).unwrap();
    let counted = scene.workshop.action(action(1)).unwrap();
    assert_eq!(counted.consensus_counts(), [1, 0, 1]);
    assert_eq!(counted.objections().collect::<Vec<_>>(), vec!["Trop coûteux"]);
    let ben = pseudonym(&scene.workshop, scene.ben, Scope::Stance(activity(PLAN)));
    assert_eq!(counted.consensus[&ben].reason, "Trop coûteux", "who objected is a pseudonym");
    assert!(!counted.consensus.contains_key(&Subject::Named(scene.ben)));
    scene.as_ben(give(Stance::CanLiveWith, "")).unwrap();
    let counted = scene.workshop.action(action(1)).unwrap();
    assert_eq!(counted.consensus_counts(), [1, 1, 0], "a new stance replaces the earlier one");
    assert_eq!(counted.objections().count(), 0);
}

#[test]
fn ratings_are_one_to_five_and_aggregate_across_raters() {
    let mut scene = Scene::new();
    for (likelihood, impact) in [(0, 3), (3, 0), (6, 3), (3, 6)] {
        assert_eq!(scene.as_ana(rate(note(2), likelihood, impact)), Err(DomainError::InvalidRating));
    }
    scene.as_ana(rate(note(2), 2, 5)).unwrap();
    scene.as_ben(rate(note(2), 4, 5)).unwrap();
    scene.as_ben(rate(note(2), 5, 4)).unwrap();
    let ratings = &scene.workshop.activity(activity(RISKS)).unwrap().risk_ratings[&note(2)];
    assert_eq!(ratings.len(), 2, "a new rating replaces the rater's earlier one");
    let summary = RiskSummary::of(ratings.values().copied()).unwrap();
    assert_eq!(summary.raters, 2);
    assert!((summary.likelihood_mean - 3.5).abs() < 1e-9 && (summary.likelihood_spread - 1.5).abs() < 1e-9);
    assert!((summary.impact_mean - 4.5).abs() < 1e-9 && (summary.impact_spread - 0.5).abs() < 1e-9);
    assert_eq!(summary.cell(), (4, 5));
}

#[test]
fn only_a_risk_of_the_activity_is_rated() {
    let mut scene = Scene::new();
    assert_eq!(scene.as_ana(rate(note(1), 3, 3)), Err(DomainError::NotARisk), "a challenge is not a risk");
    assert_eq!(scene.as_ana(rate(ContributionId::from_uuid(id(424_242)), 3, 3)), Err(DomainError::NotARisk));
    // A risk merged into another is rated through the one it was merged into.
    run(&mut scene.workshop, Actor::Participant(scene.ana), post(activity(RISKS), 3, "Les budgets baissent"));
    scene.as_facilitator(Command::MergeContributions { into: note(2), merged: vec![note(3)] }).unwrap();
    assert_eq!(scene.as_ana(rate(note(3), 3, 3)), Err(DomainError::NotARisk));
    let elsewhere = Command::RateRisk { activity_id: activity(PLAN), risk: note(2), likelihood: 3, impact: 3 };
    assert_eq!(scene.as_ana(elsewhere), Err(DomainError::WrongActivityKind));
}

#[test]
fn mitigations_name_live_actions_of_the_plan() {
    let mut scene = Scene::new();
    scene.as_ana(draft(1, "Un guichet unique", vec![note(1)])).unwrap();
    scene.as_ana(draft(2, "Un budget pluriannuel", vec![note(1)])).unwrap();
    let link = |actions: Vec<ActionId>| Command::LinkMitigations { risk: note(2), actions };
    scene.as_ben(link(vec![action(2), action(1), action(2)])).unwrap();
    assert_eq!(scene.workshop.mitigations_of(note(2)), [action(2), action(1)]);
    assert_eq!(scene.workshop.risks_mitigated_by(action(1)).collect::<Vec<_>>(), vec![note(2)]);
    assert_eq!(scene.as_ben(link(vec![action(9)])), Err(DomainError::UnknownAction(action(9))));
    assert_eq!(
        scene.as_ben(Command::LinkMitigations { risk: note(1), actions: vec![action(1)] }),
        Err(DomainError::NotARisk)
    );
    scene.as_ben(link(Vec::new())).unwrap();
    assert!(scene.workshop.mitigations_of(note(2)).is_empty());
}

#[test]
fn a_withdrawn_action_refuses_edits_and_stances() {
    let mut scene = Scene::new();
    scene.as_ana(draft(1, "Un guichet unique", vec![note(1)])).unwrap();
    assert_eq!(scene.as_ana(Command::WithdrawAction { action_id: action(1) }), Err(DomainError::FacilitatorOnly));
    scene.as_facilitator(Command::WithdrawAction { action_id: action(1) }).unwrap();
    assert_eq!(scene.workshop.plan().count(), 0, "out of the plan");
    assert!(scene.workshop.action(action(1)).is_some_and(|action| action.withdrawn), "still on the record");
    assert_eq!(scene.as_ana(edit(1, 1, card("Encore"), vec![note(1)])), Err(DomainError::ActionWithdrawn));
    assert_eq!(scene.as_facilitator(edit(1, 1, card("Encore"), vec![note(1)])), Err(DomainError::ActionWithdrawn));
    let agree =
        Command::GiveConsensus { action_id: action(1), revision: None, stance: Stance::Agree, reason: String::new() };
    assert_eq!(scene.as_ben(agree), Err(DomainError::ActionWithdrawn));
    let link = Command::LinkMitigations { risk: note(2), actions: vec![action(1)] };
    assert_eq!(scene.as_ben(link), Err(DomainError::ActionWithdrawn));
}

#[test]
fn observers_watch_without_drafting_rating_or_taking_a_stance() {
    let mut scene = Scene::new();
    scene.as_ana(draft(1, "Un guichet unique", vec![note(1)])).unwrap();
    let observer = join(&mut scene.workshop, 3);
    scene.as_facilitator(Command::ChangeRole { participant_id: observer, role: Role::Observer }).unwrap();
    let as_observer = |workshop: &mut Workshop, command| attempt(workshop, Actor::Participant(observer), command);
    assert_eq!(
        as_observer(&mut scene.workshop, draft(2, "Vu de loin", vec![note(1)])),
        Err(DomainError::ObserverCannotContribute)
    );
    assert_eq!(
        as_observer(&mut scene.workshop, edit(1, 1, card("Vu de loin"), vec![note(1)])),
        Err(DomainError::ObserverCannotContribute)
    );
    let agree =
        Command::GiveConsensus { action_id: action(1), revision: None, stance: Stance::Agree, reason: String::new() };
    assert_eq!(as_observer(&mut scene.workshop, agree), Err(DomainError::ObserverCannotContribute));
    assert_eq!(as_observer(&mut scene.workshop, rate(note(2), 3, 3)), Err(DomainError::ObserverCannotContribute));
    assert!(DomainError::ObserverCannotContribute.is_forbidden());
}

#[test]
fn a_closed_activity_refuses_participants_but_not_the_facilitator() {
    let mut scene = Scene::new();
    scene.as_ana(draft(1, "Un guichet unique", vec![note(1)])).unwrap();
    scene.as_facilitator(Command::CloseActivity { activity_id: activity(PLAN) }).unwrap();
    scene.as_facilitator(Command::CloseActivity { activity_id: activity(RISKS) }).unwrap();
    assert_eq!(scene.as_ana(draft(2, "Trop tard", vec![note(1)])), Err(DomainError::ActivityNotOpen));
    assert_eq!(scene.as_ana(edit(1, 1, card("Trop tard"), vec![note(1)])), Err(DomainError::ActivityNotOpen));
    let agree =
        Command::GiveConsensus { action_id: action(1), revision: None, stance: Stance::Agree, reason: String::new() };
    assert_eq!(scene.as_ben(agree), Err(DomainError::ActivityNotOpen));
    assert_eq!(scene.as_ben(rate(note(2), 3, 3)), Err(DomainError::ActivityNotOpen));
    let link = Command::LinkMitigations { risk: note(2), actions: vec![action(1)] };
    assert_eq!(scene.as_ben(link.clone()), Err(DomainError::ActivityNotOpen));
    // The facilitator tidies the plan after the session.
    scene.as_facilitator(edit(1, 1, card("Un guichet unique, relu"), vec![note(1)])).unwrap();
    scene.as_facilitator(draft(3, "Ajoutée après coup", Vec::new())).unwrap();
    scene.as_facilitator(link).unwrap();
    assert_eq!(scene.workshop.action(action(1)).unwrap().revision, 2);
}

/// The pages offer a form when `may_work_on` or `may_give_a_view` says so: for every role and
/// every state of the activity, `decide` accepts exactly then.
#[test]
fn decide_accepts_exactly_what_the_permission_rules_let_the_pages_offer() {
    for close_plan in [false, true] {
        for role in [Role::Facilitator, Role::Expert, Role::Participant, Role::Observer] {
            let mut scene = Scene::new();
            scene.as_ana(draft(1, "Un guichet unique", vec![note(1)])).unwrap();
            let someone = join(&mut scene.workshop, 3);
            let actor = if role == Role::Facilitator {
                Actor::Account(account())
            } else {
                scene.as_facilitator(Command::ChangeRole { participant_id: someone, role }).unwrap();
                Actor::Participant(someone)
            };
            if close_plan {
                for n in [PLAN, RISKS] {
                    scene.as_facilitator(Command::CloseActivity { activity_id: activity(n) }).unwrap();
                }
            }
            let workshop = &scene.workshop;
            let plan = workshop.activity(activity(PLAN)).unwrap();
            let risks = workshop.activity(activity(RISKS)).unwrap();
            let work = |command| decide(workshop, actor, command).is_ok();
            let may_work = workshop.may_work_on(plan, role).is_ok();
            let may_speak = workshop.may_give_a_view(plan, role).is_ok();
            assert_eq!(work(draft(2, "Une autre", vec![note(1)])), may_work, "draft, {role:?}, closed {close_plan}");
            assert_eq!(work(edit(1, 1, card("Relue"), vec![note(1)])), may_work, "edit, {role:?}");
            let link = Command::LinkMitigations { risk: note(2), actions: vec![action(1)] };
            assert_eq!(work(link), workshop.may_work_on(risks, role).is_ok(), "link, {role:?}");
            let agree = Command::GiveConsensus {
                action_id: action(1),
                revision: None,
                stance: Stance::Agree,
                reason: String::new(),
            };
            assert_eq!(work(agree), may_speak, "stance, {role:?}, closed {close_plan}");
            assert_eq!(work(rate(note(2), 3, 3)), workshop.may_give_a_view(risks, role).is_ok(), "rate, {role:?}");
        }
    }
}
