//! A scripted workshop for the PDF tests and the benchmark: every section of the report has
//! something in it, written as the events a real room would have recorded.
//!
//! It is small and fixed, the workshop the tests read back, with notes written to trouble a
//! layout (markup, an endless word, scripts the fonts lack). The Wallonia-sized workshop of the
//! large test and the benchmark is the one the report's tests share (`converge_fixtures`).
#![allow(dead_code)]

use converge_core::outcomes::{ActionCard, ActionStatus, FateDecision, Stance};
use converge_core::voting::{Ballot, VoteConfig, VoteMethod};
use converge_core::{
    AccountId, ActionId, ActivityConfig, ActivityId, ActivityKind, Category, ContributionId, ContributionKind,
    Criterion, Event, Language, ParticipantId, Role, Subject, TimedEvent, Timestamp, Workshop, WorkshopId,
};
use converge_report::{Report, ReportParticipants};
use std::collections::BTreeMap;
use uuid::Uuid;

pub const WORKSHOP_TITLE: &str = "Démocratie intelligente : l’administration de demain";

/// A note whose text is typst markup, HTML and a stray bracket: the PDF must print it as is.
pub const HOSTILE_NOTE: &str = r#"#panic("x") $ x $ <script>alert(1)</script> ] [ *gras* = titre"#;

/// A note the fonts cannot all draw and no line can hold: a 1,500-character word, emoji, Arabic,
/// Chinese. It must lay out (overflowing, or with missing glyphs), never fail the report.
pub const UNBREAKABLE_NOTE: &str = concat!(
    "https://exemple.be/",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    " 🙂🏛️ مشاركة المواطنين 公民参与 fin",
);

/// The service of the one person who wrote only in the anonymous activity.
pub const ANONYMOUS_SERVICE: &str = "Cellule Zéphyr";
/// What that person wrote, anonymously.
pub const ANONYMOUS_NOTES: [&str; 3] = [
    "Les décisions se prennent sans consulter le terrain",
    "Personne ne sait qui valide quoi",
    "Les outils numériques changent chaque année",
];

/// Action titles, French with accents; the small workshop drafts the first three.
pub const ACTION_TITLES: [&str; 19] = [
    "Créer un guichet unique pour les démarches",
    "Réformer l’évaluation des politiques publiques",
    "Former les agents à l’écoute citoyenne",
    "Publier les données ouvertes de chaque service",
    "Simplifier les formulaires d’aide à l’énergie",
    "Associer les usagers à la conception des services",
    "Mesurer la satisfaction après chaque démarche",
    "Mutualiser les équipes numériques régionales",
    "Rédiger les courriers en langage clair",
    "Ouvrir des permanences dans les communes rurales",
    "Évaluer chaque réforme après deux ans",
    "Créer un budget participatif régional",
    "Former les cadres au travail en mode projet",
    "Partager un annuaire des compétences internes",
    "Réduire les délais de paiement des subsides",
    "Accueillir des citoyens tirés au sort au conseil",
    "Documenter les décisions et leurs motifs",
    "Tester les nouveaux services avec des usagers",
    "Rendre compte chaque année des engagements",
];

const SERVICES: [&str; 6] =
    ["SPW Mobilité", "SPW Économie", "SPW Fiscalité", "SPW Environnement", "SPW Intérieur", "Cabinet du ministre"];

const WORDS: [&str; 24] = [
    "usagers",
    "procédures",
    "numérique",
    "confiance",
    "délais",
    "transparence",
    "communes",
    "énergie",
    "formulaires",
    "données",
    "agents",
    "évaluation",
    "réforme",
    "accueil",
    "budget",
    "égalité",
    "écoute",
    "coopération",
    "lisibilité",
    "subsides",
    "territoires",
    "compétences",
    "qualité",
    "décisions",
];

pub struct Scripted {
    pub workshop: Workshop,
    pub participants: ReportParticipants,
    pub results: BTreeMap<ActivityId, converge_core::results::Results>,
    pub head_hash: String,
    pub seq: u64,
}

impl Scripted {
    pub fn report(&self) -> Report {
        converge_report::build(
            &self.workshop,
            &self.participants,
            &self.results,
            &self.head_hash,
            self.seq,
            Timestamp(1_782_000_000_000),
            Language::Fr,
        )
    }
}

struct Script {
    next: u128,
    events: Vec<Event>,
    /// A small deterministic generator, so every run writes the same workshop.
    state: u64,
}

impl Script {
    fn id(&mut self) -> Uuid {
        self.next += 1;
        Uuid::from_u128(0x5c21_0000_0000_0000_0000_0000_0000_0000 + self.next)
    }

    fn random(&mut self, below: usize) -> usize {
        self.state = self.state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((self.state >> 33) % below as u64) as usize
    }

    fn sentence(&mut self, prefix: &str) -> String {
        let a = WORDS[self.random(WORDS.len())];
        let b = WORDS[self.random(WORDS.len())];
        let c = WORDS[self.random(WORDS.len())];
        format!("{prefix} {a}, {b} et {c}")
    }

    fn activity(&mut self, kind: ActivityKind, title: &str, day: u32, config: ActivityConfig) -> ActivityId {
        let activity_id = ActivityId::from_uuid(self.id());
        self.events.push(Event::ActivityAdded {
            activity_id,
            kind,
            title: title.to_owned(),
            prompt: format!("Consigne : {}", title.to_lowercase()),
            config: ActivityConfig { day: Some(day), minutes: Some(45), ..config },
        });
        self.events.push(Event::ActivityOpened { activity_id });
        activity_id
    }

    fn post(
        &mut self,
        activity_id: ActivityId,
        author: ParticipantId,
        kind: ContributionKind,
        text: String,
        links: Vec<ContributionId>,
    ) -> ContributionId {
        let contribution_id = ContributionId::from_uuid(self.id());
        let card = (kind == ContributionKind::Vision).then(|| format!("card-{:02}", self.random(28) + 1));
        self.events.push(Event::ContributionPosted {
            contribution_id,
            activity_id,
            author: Subject::Named(author),
            kind,
            text,
            links,
            card,
            sheet: None,
        });
        contribution_id
    }
}

/// The scripted workshop, folded from its events.
pub fn scripted() -> Scripted {
    let mut script = Script { next: 0, events: Vec::new(), state: 2026 };
    script.events.push(Event::WorkshopCreated {
        title: WORKSHOP_TITLE.to_owned(),
        language: Language::Fr,
        created_by: AccountId::from_uuid(Uuid::from_u128(1)),
    });

    // People: civil servants from several services, experts, and one person who writes only
    // anonymously and is alone in their service.
    let (n_servants, n_experts) = (4, 1);
    let mut people: Vec<(ParticipantId, Role, String)> = Vec::new();
    for index in 0..n_servants + n_experts {
        let role = if index < n_servants { Role::Participant } else { Role::Expert };
        let service =
            if index < n_servants { SERVICES[index % SERVICES.len()].to_owned() } else { "Expertise".to_owned() };
        people.push((ParticipantId::from_uuid(script.id()), role, service));
    }
    let secret = ParticipantId::from_uuid(script.id());
    people.push((secret, Role::Participant, ANONYMOUS_SERVICE.to_owned()));
    for (participant_id, role, _) in &people {
        script.events.push(Event::ParticipantJoined {
            participant_id: *participant_id,
            role: *role,
            profile_commitment: "0".repeat(64),
            account: None,
        });
    }
    let writers: Vec<ParticipantId> = people.iter().map(|(id, _, _)| *id).filter(|id| *id != secret).collect();
    let per_person = 1;
    let writer = |script: &mut Script| writers[script.random(writers.len())];

    // Day 1: vision, SWOT, anonymous challenges sorted into categories, ideas, assessment, vote.
    let vision = script.activity(
        ActivityKind::PhotoLanguage,
        "Photolangage : l’administration rêvée",
        1,
        ActivityConfig::default(),
    );
    for _ in 0..writers.len() * per_person / 2 + 2 {
        let author = writer(&mut script);
        let text = script.sentence("Une administration qui place au centre");
        script.post(vision, author, ContributionKind::Vision, text, Vec::new());
    }

    let swot =
        script.activity(ActivityKind::Swot, "Forces, faiblesses, opportunités, menaces", 1, ActivityConfig::default());
    let quadrants = [
        ContributionKind::Strength,
        ContributionKind::Weakness,
        ContributionKind::Opportunity,
        ContributionKind::Threat,
    ];
    let mut swot_notes = Vec::new();
    for index in 0..writers.len() * per_person * 2 + 4 {
        let author = writer(&mut script);
        let text = script.sentence("Nous avons");
        swot_notes.push(script.post(swot, author, quadrants[index % 4], text, Vec::new()));
    }

    let challenges = script.activity(
        ActivityKind::Challenges,
        "Défis",
        1,
        ActivityConfig { anonymous: true, ..ActivityConfig::default() },
    );
    let mut challenge_notes = Vec::new();
    for text in ANONYMOUS_NOTES {
        challenge_notes.push(script.post(challenges, secret, ContributionKind::Challenge, text.to_owned(), Vec::new()));
    }
    for _ in 0..writers.len() * per_person * 2 {
        let author = writer(&mut script);
        let text = script.sentence("Comment améliorer");
        challenge_notes.push(script.post(challenges, author, ContributionKind::Challenge, text, Vec::new()));
    }
    let duplicate = challenge_notes[challenge_notes.len() - 1];
    script.events.push(Event::ContributionsMerged { into: challenge_notes[3], merged: vec![duplicate] });

    let categories: Vec<Category> = ["Simplification", "Participation", "Organisation interne"]
        .iter()
        .enumerate()
        .map(|(id, name)| Category { id: id as u32, name: (*name).to_owned() })
        .collect();
    let sorting = script.activity(
        ActivityKind::Categorize,
        "Tri des défis",
        1,
        ActivityConfig { sources: vec![challenges], categories, ..ActivityConfig::default() },
    );
    for (index, note) in challenge_notes.iter().take(challenge_notes.len() - 2).enumerate() {
        script.events.push(Event::ContributionCategorized {
            activity_id: sorting,
            contribution_id: *note,
            category: Some((index % 3) as u32),
        });
    }

    let ideas = script.activity(ActivityKind::Brainwriting, "Idées", 1, ActivityConfig::default());
    let mut idea_notes = Vec::new();
    let n_ideas = 6;
    for index in 0..n_ideas {
        let author = writer(&mut script);
        let text = match index {
            1 => HOSTILE_NOTE.to_owned(),
            2 => UNBREAKABLE_NOTE.to_owned(),
            _ => script.sentence("Idée : miser sur"),
        };
        let source = challenge_notes[index % challenge_notes.len()];
        idea_notes.push(script.post(ideas, author, ContributionKind::Idea, text, vec![source]));
    }

    let criteria = vec![
        Criterion { id: "impact".into(), name: "Impact".into(), weight: 2 },
        Criterion { id: "feasibility".into(), name: "Faisabilité".into(), weight: 1 },
    ];
    let assess = script.activity(
        ActivityKind::Assess,
        "Évaluation des idées",
        1,
        ActivityConfig { sources: vec![ideas], criteria, ..ActivityConfig::default() },
    );
    let vote = script.activity(
        ActivityKind::Vote,
        "Vote par gommettes",
        1,
        ActivityConfig {
            sources: vec![ideas],
            vote: Some(VoteConfig {
                method: VoteMethod::Dots,
                dots_budget: 5,
                dots_cap: 3,
                score_min: 0,
                score_max: 5,
                grades: 5,
                rank_by_median: false,
            }),
            ..ActivityConfig::default()
        },
    );
    for assessor in writers.clone() {
        for item in idea_notes.clone() {
            let impact = 1 + script.random(5) as u8;
            let feasibility = 1 + script.random(5) as u8;
            script.events.push(Event::ItemAssessed {
                activity_id: assess,
                assessor: Subject::Named(assessor),
                item,
                scores: BTreeMap::from([("impact".to_owned(), impact), ("feasibility".to_owned(), feasibility)]),
            });
        }
        let mut dots = BTreeMap::new();
        for _ in 0..5 {
            let item = idea_notes[script.random(idea_notes.len().min(12))];
            let count: &mut u32 = dots.entry(item).or_default();
            if *count < 3 {
                *count += 1;
            }
        }
        script.events.push(Event::BallotCast {
            activity_id: vote,
            voter: Subject::Named(assessor),
            ballot: Ballot::Dots { dots },
        });
    }
    for activity_id in [vision, swot, challenges, sorting, ideas, assess, vote] {
        script.events.push(Event::ActivityClosed { activity_id });
    }

    // Day 2: the action plan and the risk map.
    let plan = script.activity(ActivityKind::ActionPlan, "Plan d’action", 2, ActivityConfig::default());
    let n_actions = 3;
    let jurisdictions = ["administration", "government", "shared"];
    let mut actions = Vec::new();
    for (index, title) in ACTION_TITLES.iter().take(n_actions).enumerate() {
        let action_id = ActionId::from_uuid(script.id());
        let author = writer(&mut script);
        let description = script.sentence("Mettre en place une démarche qui renforce");
        let sources = vec![idea_notes[index % idea_notes.len()], swot_notes[index % swot_notes.len()]];
        script.events.push(Event::ActionDrafted {
            action_id,
            activity_id: plan,
            author: Subject::Named(author),
            card: ActionCard {
                title: (*title).to_owned(),
                description,
                rationale: "Les participants l’ont retenue parmi les idées les mieux évaluées.".into(),
                owner: SERVICES[index % SERVICES.len()].into(),
                jurisdiction: jurisdictions[index % 3].into(),
                horizon: "2027".into(),
                first_steps: "Réunir un groupe de travail ; rédiger une note au gouvernement.".into(),
                resources: "Deux équivalents temps plein pendant un an.".into(),
                indicators: "Délai moyen de traitement ; satisfaction des usagers.".into(),
            },
            sources,
        });
        for (position, participant) in writers.iter().enumerate() {
            let stance = match (index + position) % 7 {
                0 => Stance::Object,
                1 | 2 => Stance::CanLiveWith,
                _ => Stance::Agree,
            };
            let reason =
                if stance == Stance::Object { "Le coût n’est pas chiffré.".to_owned() } else { String::new() };
            script.events.push(Event::ConsensusGiven {
                action_id,
                participant: Subject::Named(*participant),
                stance,
                reason,
            });
        }
        actions.push(action_id);
    }

    let risk_map = script.activity(ActivityKind::RiskMap, "Carte des risques", 2, ActivityConfig::default());
    let n_risks = 3;
    for index in 0..n_risks {
        let author = writer(&mut script);
        let text = script.sentence("Risque : résistance liée aux");
        let risk = script.post(risk_map, author, ContributionKind::Risk, text, Vec::new());
        for rater in writers.clone() {
            let likelihood = 1 + script.random(5) as u8;
            let impact = 1 + script.random(5) as u8;
            script.events.push(Event::RiskRated {
                activity_id: risk_map,
                rater: Subject::Named(rater),
                risk,
                likelihood,
                impact,
            });
        }
        script.events.push(Event::MitigationsLinked { risk, actions: vec![actions[index % actions.len()]] });
    }
    script.events.push(Event::FatesDecided {
        contributions: vec![challenge_notes[0]],
        decision: FateDecision::NotRetained { reason: "Hors du champ de l’atelier".into() },
    });
    script.events.push(Event::WorkshopClosed);
    script.events.push(Event::ActionStatusUpdated {
        action_id: actions[0],
        status: ActionStatus::InProgress,
        note: "Le groupe de travail s’est réuni.".into(),
        next_update_due: None,
        effective_on: None,
    });

    // The counts are frozen into the record, as closing a vote does.
    let counted = fold(&script.events);
    for activity in &counted.activities {
        if let Some(result) = converge_engine::results::results(&counted, activity) {
            script.events.push(Event::ResultsFrozen { activity_id: activity.id, result: result.to_json() });
        }
    }
    let seq = script.events.len() as u64;
    let workshop = fold(&script.events);
    let results = converge_engine::results::readable(&workshop);
    let participants = ReportParticipants::new(people.into_iter().map(|(id, _, service)| (id, service)));
    Scripted {
        workshop,
        participants,
        results,
        head_hash: "9f2c4e1a7b3d5f608192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8".to_owned(),
        seq,
    }
}

fn fold(events: &[Event]) -> Workshop {
    let timed: Vec<TimedEvent> = events
        .iter()
        .enumerate()
        .map(|(index, event)| TimedEvent {
            seq: index as u64 + 1,
            at: Timestamp(1_781_000_000_000 + index as i64 * 1_000),
            event: event.clone(),
        })
        .collect();
    Workshop::from_events(WorkshopId::from_uuid(Uuid::from_u128(2)), &timed).expect("a workshop")
}
