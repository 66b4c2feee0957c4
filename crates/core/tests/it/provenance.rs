//! Property tests of traceability: random workshops (challenges, reformulations, brainwriting
//! sheets, merges, action cards drafted, edited and withdrawn, fates decided in bulk), built
//! only through `decide` and `apply`, keep every action's provenance inside its own workshop
//! and every contribution's fate consistent with the merges and the plan.

use crate::support::decide;
use crate::support::*;
use converge_core::outcomes::Step;
use converge_core::*;
use proptest::prelude::*;
use std::collections::BTreeSet;

const CHALLENGES: u128 = 0;
const REFORMULATE: u128 = 1;
const BRAINWRITING: u128 = 2;
const PLAN: u128 = 3;
const PEOPLE: u128 = 5;

/// What the random script asks for; indices pick among what exists when the step runs.
#[derive(Debug, Clone)]
enum Intent {
    Challenge {
        who: u8,
        link: Option<u8>,
    },
    Reformulate {
        who: u8,
        challenge: u8,
    },
    Idea {
        who: u8,
        link: Option<u8>,
    },
    NextRound,
    Merge {
        into: u8,
        merged: u8,
    },
    Draft {
        by_facilitator: bool,
        who: u8,
        sources: Vec<u8>,
    },
    Edit {
        action: u8,
        sources: Vec<u8>,
    },
    Withdraw {
        action: u8,
    },
    Decide {
        picks: Vec<u8>,
        decision: u8,
    },
    /// Names a contribution of the other workshop as a source or a link: always refused.
    Foreign {
        how: u8,
        pick: u8,
    },
}

fn intent() -> impl Strategy<Value = Intent> {
    let picks = proptest::collection::vec(any::<u8>(), 0..4);
    prop_oneof![
        4 => (any::<u8>(), proptest::option::of(any::<u8>())).prop_map(|(who, link)| Intent::Challenge { who, link }),
        3 => (any::<u8>(), any::<u8>()).prop_map(|(who, challenge)| Intent::Reformulate { who, challenge }),
        5 => (any::<u8>(), proptest::option::of(any::<u8>())).prop_map(|(who, link)| Intent::Idea { who, link }),
        1 => Just(Intent::NextRound),
        2 => (any::<u8>(), any::<u8>()).prop_map(|(into, merged)| Intent::Merge { into, merged }),
        4 => (any::<bool>(), any::<u8>(), picks.clone())
            .prop_map(|(by_facilitator, who, sources)| Intent::Draft { by_facilitator, who, sources }),
        2 => (any::<u8>(), picks.clone()).prop_map(|(action, sources)| Intent::Edit { action, sources }),
        1 => any::<u8>().prop_map(|action| Intent::Withdraw { action }),
        2 => (picks, 0u8..3).prop_map(|(picks, decision)| Intent::Decide { picks, decision }),
        1 => (0u8..3, any::<u8>()).prop_map(|(how, pick)| Intent::Foreign { how, pick }),
    ]
}

/// A workshop as a log and its fold, with the people who write in it.
struct Scene {
    log: Vec<Event>,
    workshop: Workshop,
    people: Vec<ParticipantId>,
    /// Contribution ids are numbered from here, so two scenes never share one.
    id_base: u128,
    step: u128,
}

impl Scene {
    fn new(number: u128, id_base: u128) -> Scene {
        let mut reformulate = spec(REFORMULATE, ActivityKind::Reformulate);
        reformulate.config.sources = vec![activity(CHALLENGES)];
        let mut brainwriting = spec(BRAINWRITING, ActivityKind::Brainwriting);
        brainwriting.config.sources = vec![activity(REFORMULATE)];
        let mut plan = spec(PLAN, ActivityKind::ActionPlan);
        plan.config.sources = vec![activity(CHALLENGES), activity(REFORMULATE), activity(BRAINWRITING)];
        let agenda = vec![spec(CHALLENGES, ActivityKind::Challenges), reformulate, brainwriting, plan];
        let log = decide_create("Atelier", Language::Fr, account(), facilitator(), "c".into(), agenda).unwrap();
        let workshop = fold(WorkshopId::from_uuid(id(number)), &log);
        let mut scene = Scene { log, workshop, people: Vec::new(), id_base, step: 0 };
        for n in 0..PEOPLE {
            let participant_id = ParticipantId::from_uuid(id(1000 + n));
            scene.run(Actor::Newcomer, Command::Join { participant_id, profile_commitment: format!("c{n}") }).unwrap();
            scene.people.push(participant_id);
        }
        for n in [CHALLENGES, REFORMULATE, BRAINWRITING, PLAN] {
            scene.run(Actor::Account(account()), Command::OpenActivity { activity_id: activity(n) }).unwrap();
        }
        let activity_id = activity(BRAINWRITING);
        scene.run(Actor::Account(account()), Command::StartBrainwriting { activity_id }).unwrap();
        scene
    }

    /// Decides and, when accepted, folds the events as the log's next entries.
    fn run(&mut self, actor: Actor, command: Command) -> Result<(), DomainError> {
        let events = decide(&self.workshop, actor, command)?;
        apply_all(&mut self.workshop, self.log.len(), &events);
        self.log.extend(events);
        Ok(())
    }

    fn next_contribution_id(&mut self) -> ContributionId {
        self.step += 1;
        ContributionId::from_uuid(id(self.id_base + self.step))
    }

    fn next_action_id(&mut self) -> ActionId {
        self.step += 1;
        ActionId::from_uuid(id(self.id_base + 250_000 + self.step))
    }

    fn person(&self, who: u8) -> ParticipantId {
        self.people[who as usize % self.people.len()]
    }

    fn pick_contribution(&self, n: u8, kind: Option<ContributionKind>) -> Option<ContributionId> {
        let candidates: Vec<ContributionId> = self
            .workshop
            .contributions
            .iter()
            .filter(|contribution| kind.is_none_or(|kind| contribution.kind == kind))
            .map(|contribution| contribution.id)
            .collect();
        (!candidates.is_empty()).then(|| candidates[n as usize % candidates.len()])
    }

    fn pick_action(&self, n: u8) -> Option<ActionId> {
        let actions = &self.workshop.actions;
        (!actions.is_empty()).then(|| actions[n as usize % actions.len()].id)
    }

    fn post(&mut self, who: ParticipantId, activity_n: u128, links: Vec<ContributionId>) -> Result<(), DomainError> {
        let contribution_id = self.next_contribution_id();
        let text = format!("note {}", self.step);
        let command = Command::PostContribution {
            contribution_id,
            activity_id: activity(activity_n),
            kind: None,
            text,
            links,
            card: None,
            sheet: None,
        };
        self.run(Actor::Participant(who), command)
    }

    fn sources(&self, picks: &[u8]) -> Vec<ContributionId> {
        picks.iter().filter_map(|pick| self.pick_contribution(*pick, None)).collect()
    }

    fn card(&self, title: &str) -> ActionCard {
        ActionCard { title: title.into(), jurisdiction: "shared".into(), ..ActionCard::default() }
    }

    /// Plays one intent; refusals are part of the game (a full sheet, a merge of a merged
    /// note), but a refusal must leave the workshop as it was.
    fn play(&mut self, intent: &Intent, other: &Scene) -> Result<(), TestCaseError> {
        let before = self.workshop.clone();
        let outcome = match intent {
            Intent::Challenge { who, link } => {
                let links = link.and_then(|n| self.pick_contribution(n, None)).into_iter().collect();
                self.post(self.person(*who), CHALLENGES, links)
            }
            Intent::Reformulate { who, challenge } => {
                let links = self.pick_contribution(*challenge, Some(ContributionKind::Challenge)).into_iter().collect();
                self.post(self.person(*who), REFORMULATE, links)
            }
            Intent::Idea { who, link } => {
                let links = link.and_then(|n| self.pick_contribution(n, None)).into_iter().collect();
                self.post(self.person(*who), BRAINWRITING, links)
            }
            Intent::NextRound => {
                self.run(Actor::Account(account()), Command::NextRound { activity_id: activity(BRAINWRITING) })
            }
            Intent::Merge { into, merged } => {
                match (self.pick_contribution(*into, None), self.pick_contribution(*merged, None)) {
                    (Some(into), Some(merged)) => {
                        self.run(Actor::Account(account()), Command::MergeContributions { into, merged: vec![merged] })
                    }
                    _ => Ok(()),
                }
            }
            Intent::Draft { by_facilitator, who, sources } => {
                let actor =
                    if *by_facilitator { Actor::Account(account()) } else { Actor::Participant(self.person(*who)) };
                let command = Command::DraftAction {
                    action_id: self.next_action_id(),
                    activity_id: activity(PLAN),
                    card: self.card(&format!("Action {}", self.step)),
                    sources: self.sources(sources),
                };
                self.run(actor, command)
            }
            Intent::Edit { action, sources } => match self.pick_action(*action) {
                Some(action_id) => {
                    let current = self.workshop.action(action_id).unwrap();
                    let command = Command::EditAction {
                        action_id,
                        base_revision: current.revision,
                        card: current.card.clone(),
                        sources: self.sources(sources),
                    };
                    self.run(Actor::Participant(self.person(0)), command)
                }
                None => Ok(()),
            },
            Intent::Withdraw { action } => match self.pick_action(*action) {
                Some(action_id) => self.run(Actor::Account(account()), Command::WithdrawAction { action_id }),
                None => Ok(()),
            },
            Intent::Decide { picks, decision } => {
                let decision = match decision {
                    0 => FateDecision::Retained,
                    1 => FateDecision::NotRetained { reason: "hors du champ de l’atelier".into() },
                    _ => FateDecision::Undecided,
                };
                let contributions = self.sources(picks);
                self.run(Actor::Account(account()), Command::DecideFates { contributions, decision })
            }
            Intent::Foreign { how, pick } => return self.try_foreign(*how, *pick, other),
        };
        if outcome.is_err() {
            prop_assert_eq!(&self.workshop, &before, "a refused command changed the workshop");
        }
        Ok(())
    }

    /// Another workshop's contribution as a source of a new card, an edited card, or a link:
    /// each is refused as unknown here.
    fn try_foreign(&mut self, how: u8, pick: u8, other: &Scene) -> Result<(), TestCaseError> {
        let Some(foreign) = other.pick_contribution(pick, None) else { return Ok(()) };
        let before = self.workshop.clone();
        let mut sources: Vec<ContributionId> = self.pick_contribution(pick, None).into_iter().collect();
        sources.push(foreign);
        let refused = match how {
            0 => {
                let command = Command::DraftAction {
                    action_id: self.next_action_id(),
                    activity_id: activity(PLAN),
                    card: self.card("Venue d’ailleurs"),
                    sources,
                };
                self.run(Actor::Account(account()), command)
            }
            1 => {
                let live = self.workshop.plan().next().map(|action| (action.id, action.revision, action.card.clone()));
                let Some((action_id, base_revision, card)) = live else { return Ok(()) };
                self.run(Actor::Account(account()), Command::EditAction { action_id, base_revision, card, sources })
            }
            _ => self.post(self.person(pick), CHALLENGES, vec![foreign]),
        };
        prop_assert_eq!(refused, Err(DomainError::UnknownContribution(foreign)));
        prop_assert_eq!(&self.workshop, &before);
        Ok(())
    }
}

/// Every traceability property of one workshop; `foreign` are the other workshop's contributions.
fn assert_traceable(workshop: &Workshop, foreign: &BTreeSet<ContributionId>) -> Result<(), TestCaseError> {
    let own: BTreeSet<ContributionId> = workshop.contributions.iter().map(|contribution| contribution.id).collect();
    let fed = workshop.actions_fed();
    for action in &workshop.actions {
        let provenance = workshop.provenance(action.id);
        prop_assert!(provenance.is_subset(&own), "a provenance reaches outside its workshop");
        prop_assert!(provenance.is_disjoint(foreign));
        for source in &action.sources {
            prop_assert!(provenance.contains(source), "an action's own sources are in its provenance");
        }
        for contribution in &provenance {
            let path = workshop.path_to_action(*contribution, action.id);
            prop_assert!(path.is_some(), "no path from a contribution of the provenance");
            let path = path.unwrap();
            prop_assert_eq!(path.first(), Some(&Step::Contribution(*contribution)));
            prop_assert_eq!(path.last(), Some(&Step::Action(action.id)));
            let steps: Vec<ContributionId> = path[..path.len() - 1]
                .iter()
                .map(|step| match step {
                    Step::Contribution(id) => Ok(*id),
                    Step::Action(_) => Err(TestCaseError::fail("an action in the middle of a path")),
                })
                .collect::<Result<_, _>>()?;
            for pair in steps.windows(2) {
                let (earlier, later) = (pair[0], pair[1]);
                // A step is a builds-on edge, or a merged note's way into its target.
                let builds_on = workshop.builds_on(later).contains(&earlier);
                let absorbed = workshop.merge_root(later) == earlier && earlier != later;
                prop_assert!(builds_on || absorbed, "a step of a path that is not an edge: {} → {}", earlier, later);
            }
            prop_assert!(action.sources.contains(steps.last().unwrap()), "a path reaches the action by a source");
            if !action.withdrawn {
                match workshop.fate(*contribution).outcome {
                    Outcome::BecameAction(actions) => prop_assert!(actions.contains(&action.id)),
                    other => prop_assert!(false, "a contribution that fed an action has the fate {:?}", other),
                }
            }
        }
        if action.withdrawn {
            prop_assert!(fed.values().all(|actions| !actions.contains(&action.id)), "a withdrawn action feeds");
        }
    }
    for contribution in &workshop.contributions {
        let fate = workshop.fate(contribution.id);
        prop_assert_eq!(&workshop.fate_with(contribution.id, &fed), &fate);
        match contribution.merged_into {
            Some(_) => {
                let target = workshop.merge_root(contribution.id);
                prop_assert_ne!(target, contribution.id);
                prop_assert_eq!(fate.merged_into, Some(target));
                prop_assert_eq!(&fate.outcome, &workshop.fate(target).outcome, "a merged note's fate is its target's");
            }
            None => prop_assert_eq!(fate.merged_into, None),
        }
        if let Outcome::BecameAction(actions) = &fate.outcome {
            for action in actions {
                let action = workshop.action(*action).unwrap();
                prop_assert!(!action.withdrawn, "a withdrawn action in a fate");
                let root = workshop.merge_root(contribution.id);
                prop_assert!(workshop.provenance(action.id).contains(&root), "a fate names an action not fed");
            }
        }
    }
    Ok(())
}

fn contribution_ids(workshop: &Workshop) -> BTreeSet<ContributionId> {
    workshop.contributions.iter().map(|contribution| contribution.id).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(192))]

    #[test]
    fn provenance_stays_in_its_workshop_and_fates_follow_merges_and_the_plan(
        ours in proptest::collection::vec(intent(), 1..70),
        theirs in proptest::collection::vec(intent(), 1..30),
    ) {
        let mut other = Scene::new(1, 500_000);
        let empty = Scene::new(2, 900_000);
        for intent in &theirs {
            other.play(intent, &empty)?;
        }
        let mut scene = Scene::new(0, 10_000);
        let foreign = contribution_ids(&other.workshop);
        for intent in &ours {
            scene.play(intent, &other)?;
            assert_traceable(&scene.workshop, &foreign)?;
        }
        assert_traceable(&other.workshop, &contribution_ids(&scene.workshop))?;
        prop_assert_eq!(&fold(scene.workshop.id, &scene.log), &scene.workshop, "the state is the fold of its log");
    }
}

/// The smallest case of the rule that ties merges and provenance together: a reformulation
/// builds on a challenge that is later merged into a duplicate; the action drafted from the
/// reformulation fed both challenges, and both say so.
#[test]
fn an_action_fed_through_a_merged_note_feeds_the_note_it_was_merged_into() {
    let mut scene = Scene::new(0, 10_000);
    let anne = scene.person(0);
    scene.post(anne, CHALLENGES, vec![]).unwrap();
    scene.post(anne, CHALLENGES, vec![]).unwrap();
    let (kept, duplicate) = (scene.workshop.contributions[0].id, scene.workshop.contributions[1].id);
    scene.post(anne, REFORMULATE, vec![duplicate]).unwrap();
    let question = scene.workshop.contributions[2].id;
    let merge = Command::MergeContributions { into: kept, merged: vec![duplicate] };
    scene.run(Actor::Account(account()), merge).unwrap();
    let action_id = scene.next_action_id();
    let draft = Command::DraftAction {
        action_id,
        activity_id: activity(PLAN),
        card: scene.card("Un guichet unique"),
        sources: vec![question],
    };
    scene.run(Actor::Participant(anne), draft).unwrap();
    let workshop = &scene.workshop;
    assert_eq!(workshop.fate(duplicate).merged_into, Some(kept));
    assert_eq!(workshop.fate(kept).outcome, Outcome::BecameAction(vec![action_id]));
    assert_eq!(workshop.fate(duplicate).outcome, Outcome::BecameAction(vec![action_id]));
    assert_eq!(
        workshop.path_to_action(duplicate, action_id),
        Some(vec![Step::Contribution(duplicate), Step::Contribution(question), Step::Action(action_id)])
    );
    assert_eq!(
        workshop.path_to_action(kept, action_id),
        Some(vec![
            Step::Contribution(kept),
            Step::Contribution(duplicate),
            Step::Contribution(question),
            Step::Action(action_id)
        ])
    );
    assert_traceable(workshop, &BTreeSet::new()).unwrap();
}
