//! Workshops for the report's tests and benchmark, written as event logs with fixed ids and
//! times, so every run folds to the same state and the same report.
#![allow(dead_code)]

use converge_core::outcomes::{ActionCard, ActionStatus, CalendarDate, FateDecision, Stance};
use converge_core::voting::{Ballot, VoteConfig, VoteMethod};
use converge_core::{
    AccountId, ActionId, ActivityConfig, ActivityId, ActivityKind, Category, ContributionId, ContributionKind,
    Criterion, Event, Language, ParticipantId, Role, SheetRef, Subject, TimedEvent, Timestamp, Workshop, WorkshopId,
};
use converge_report::ReportParticipants;
use converge_store::chain::{GENESIS, event_hash};
use converge_core::results::Results;
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;

/// 2026-03-10T08:00:00Z, the first morning.
pub const START: i64 = 1_773_129_600_000;
/// When the scripted report is generated: 2026-09-15T12:00:00Z.
pub const GENERATED_AT: Timestamp = Timestamp(1_789_473_600_000);

/// The service of the participant who writes only anonymously: it must never show beside
/// anything they wrote.
pub const HIDDEN_SERVICE: &str = "Cabinet Zéphyrin";

pub struct Fixture {
    pub workshop: Workshop,
    pub participants: ReportParticipants,
    pub results: BTreeMap<ActivityId, Results>,
    pub head_hash: String,
    pub seq: u64,
    /// The log the workshop folds from.
    pub events: Vec<TimedEvent>,
    /// The participant who writes only in anonymous activities.
    pub anonymous_author: ParticipantId,
    pub everyone: Vec<ParticipantId>,
}

impl Fixture {
    pub fn report(&self) -> converge_report::Report {
        converge_report::build(
            &self.workshop,
            &self.participants,
            &self.results,
            &self.head_hash,
            self.seq,
            GENERATED_AT,
            self.workshop.language,
        )
    }
}

/// Builds a log event by event, with times that advance a little at each.
pub struct Script {
    workshop: WorkshopId,
    events: Vec<TimedEvent>,
    at: i64,
    next_id: u128,
}

impl Script {
    pub fn new(workshop: u128, title: &str, language: Language) -> Script {
        let mut script = Script {
            workshop: WorkshopId::from_uuid(Uuid::from_u128(workshop)),
            events: Vec::new(),
            at: START,
            next_id: 1000,
        };
        script.push(Event::WorkshopCreated {
            title: title.into(),
            language,
            created_by: AccountId::from_uuid(Uuid::from_u128(1)),
        });
        script
    }

    fn id(&mut self) -> Uuid {
        self.next_id += 1;
        Uuid::from_u128((self.workshop.as_uuid().as_u128() << 32) + self.next_id)
    }

    pub fn push(&mut self, event: Event) {
        self.at += 30_000;
        self.events.push(TimedEvent { seq: self.events.len() as u64 + 1, at: Timestamp(self.at), event });
    }

    /// Moves the clock to a later day (`day` 0 is the first), 09:00.
    pub fn day(&mut self, day: i64) {
        self.at = self.at.max(START + day * 86_400_000 + 3_600_000);
    }

    pub fn later(&mut self, ms: i64) {
        self.at += ms;
    }

    pub fn join(&mut self, role: Role) -> ParticipantId {
        let participant_id = ParticipantId::from_uuid(self.id());
        let account = (role == Role::Facilitator).then(|| AccountId::from_uuid(Uuid::from_u128(1)));
        self.push(Event::ParticipantJoined { participant_id, role, profile_commitment: "0".repeat(64), account });
        participant_id
    }

    pub fn activity(&mut self, kind: ActivityKind, title: &str, prompt: &str, config: ActivityConfig) -> ActivityId {
        let activity_id = ActivityId::from_uuid(self.id());
        self.push(Event::ActivityAdded { activity_id, kind, title: title.into(), prompt: prompt.into(), config });
        activity_id
    }

    pub fn open(&mut self, activity_id: ActivityId) {
        self.push(Event::ActivityOpened { activity_id });
    }

    pub fn close(&mut self, activity_id: ActivityId) {
        self.push(Event::ActivityClosed { activity_id });
    }

    pub fn post(
        &mut self,
        activity_id: ActivityId,
        author: ParticipantId,
        kind: ContributionKind,
        text: &str,
    ) -> ContributionId {
        self.post_with(activity_id, author, kind, text, Vec::new(), None, None)
    }

    #[allow(clippy::too_many_arguments)]
    pub fn post_with(
        &mut self,
        activity_id: ActivityId,
        author: ParticipantId,
        kind: ContributionKind,
        text: &str,
        links: Vec<ContributionId>,
        card: Option<&str>,
        sheet: Option<SheetRef>,
    ) -> ContributionId {
        let contribution_id = ContributionId::from_uuid(self.id());
        self.push(Event::ContributionPosted {
            contribution_id,
            activity_id,
            author: Subject::Named(author),
            kind,
            text: text.into(),
            links,
            card: card.map(str::to_owned),
            sheet,
        });
        contribution_id
    }

    pub fn draft(
        &mut self,
        activity_id: ActivityId,
        author: ParticipantId,
        card: ActionCard,
        sources: Vec<ContributionId>,
    ) -> ActionId {
        let action_id = ActionId::from_uuid(self.id());
        self.push(Event::ActionDrafted { action_id, activity_id, author: Subject::Named(author), card, sources });
        action_id
    }

    /// The state so far.
    pub fn state(&self) -> Workshop {
        Workshop::from_events(self.workshop, &self.events).expect("the script starts with WorkshopCreated")
    }

    /// Counts a vote or an assessment as the engine does and records the result.
    pub fn freeze(&mut self, activity_id: ActivityId) {
        let workshop = self.state();
        let activity = workshop.activity(activity_id).expect("the activity exists");
        let result = converge_engine::results::results(&workshop, activity).expect("a vote or an assessment");
        self.push(Event::ResultsFrozen { activity_id, result: result.to_json() });
    }

    /// The folded workshop with the counts of its votes and assessments and the log's head.
    pub fn finish(
        self,
        participants: ReportParticipants,
        anonymous_author: ParticipantId,
        everyone: Vec<ParticipantId>,
    ) -> Fixture {
        let workshop = self.state();
        let mut prev = GENESIS.to_owned();
        for timed in &self.events {
            let payload = serde_json::to_string(&timed.event).expect("events serialise");
            prev = event_hash(self.workshop.as_uuid(), timed.seq, timed.at.0, timed.event.kind(), &prev, &payload);
        }
        let results = results_of(&workshop);
        let seq = self.events.len() as u64;
        Fixture {
            workshop,
            participants,
            results,
            head_hash: prev,
            seq,
            events: self.events,
            anonymous_author,
            everyone,
        }
    }
}

/// For each vote and assessment that may be read: the count the engine shows.
pub fn results_of(workshop: &Workshop) -> BTreeMap<ActivityId, Results> {
    converge_engine::results::readable(workshop)
}

fn config(day: u32) -> ActivityConfig {
    ActivityConfig { day: Some(day), minutes: Some(30), ..ActivityConfig::default() }
}

fn card(title: &str, jurisdiction: &str) -> ActionCard {
    ActionCard { title: title.into(), jurisdiction: jurisdiction.into(), ..ActionCard::default() }
}

/// A small two-day workshop in French that touches every section of the report: a vision
/// gallery, a SWOT board with a merged duplicate, anonymous challenges sorted into categories
/// and reformulated, brainwriting ideas assessed on impact and feasibility and then ranked by
/// Borda, three actions (one withdrawn) with their sources, consensus and follow-up, two risks
/// (one rated, mitigated by an action), fates, and the close.
pub fn scripted() -> Fixture {
    let mut s = Script::new(0x5c21, "Simplifier l’administration wallonne", Language::Fr);
    let facilitator = s.join(Role::Facilitator);
    let ana = s.join(Role::Participant);
    let bruno = s.join(Role::Participant);
    let hidden = s.join(Role::Participant);
    let expert = s.join(Role::Expert);
    let silent = s.join(Role::Participant);
    let observer = s.join(Role::Observer);

    let vision = s.activity(
        ActivityKind::PhotoLanguage,
        "Photolangage",
        "Quelle image pour l’administration de 2030 ?",
        config(1),
    );
    let swot =
        s.activity(ActivityKind::Swot, "Diagnostic SWOT", "Forces, faiblesses, opportunités, menaces", config(1));
    let challenges =
        s.activity(ActivityKind::Challenges, "Défis", "Quels défis ?", ActivityConfig { anonymous: true, ..config(1) });
    let reformulate = s.activity(
        ActivityKind::Reformulate,
        "Reformulation",
        "Comment pourrions-nous… ?",
        ActivityConfig { sources: vec![challenges], ..config(1) },
    );
    let sorting = s.activity(
        ActivityKind::Categorize,
        "Tri des défis",
        "Classez les défis",
        ActivityConfig {
            sources: vec![challenges, reformulate],
            categories: vec![Category { id: 1, name: "Gouvernance".into() }, Category { id: 2, name: "Moyens".into() }],
            ..config(1)
        },
    );
    let brainwriting = s.activity(
        ActivityKind::Brainwriting,
        "Brainwriting 6-3-5",
        "Des idées pour chaque question",
        ActivityConfig { sources: vec![reformulate], ..config(2) },
    );
    let assess = s.activity(
        ActivityKind::Assess,
        "Évaluation des idées",
        "Notez chaque idée",
        ActivityConfig {
            sources: vec![brainwriting],
            criteria: vec![
                Criterion { id: "impact".into(), name: "Impact".into(), weight: 2 },
                Criterion { id: "feasibility".into(), name: "Faisabilité".into(), weight: 1 },
            ],
            ..config(2)
        },
    );
    let vote = s.activity(
        ActivityKind::Vote,
        "Vote des priorités",
        "Classez les idées",
        ActivityConfig { sources: vec![brainwriting], vote: Some(VoteConfig::new(VoteMethod::Borda)), ..config(2) },
    );
    let plan = s.activity(ActivityKind::ActionPlan, "Plan d’action", "Rédigez les fiches", config(2));
    let risk_map = s.activity(ActivityKind::RiskMap, "Carte des risques", "Quels risques ?", config(2));
    // An activity planned and never held.
    s.activity(ActivityKind::OpinionMap, "Carte des opinions", "Pour ou contre ?", config(2));

    s.open(vision);
    s.post_with(
        vision,
        ana,
        ContributionKind::Vision,
        "Une administration qui répond en une semaine",
        vec![],
        Some("bridge"),
        None,
    );
    s.post_with(
        vision,
        expert,
        ContributionKind::Vision,
        "Des guichets ouverts le soir",
        vec![],
        Some("lantern"),
        None,
    );
    s.close(vision);

    s.open(swot);
    let strength = s.post(swot, ana, ContributionKind::Strength, "Des agents motivés");
    let duplicate = s.post(swot, bruno, ContributionKind::Strength, "Agents très motivés");
    s.post(swot, bruno, ContributionKind::Weakness, "Des outils informatiques vieillissants");
    s.post(swot, expert, ContributionKind::Opportunity, "Le plan de relance européen");
    let threat =
        s.post(swot, ana, ContributionKind::Threat, "<script>alert('menace')</script> & départs à la retraite");
    s.push(Event::ContributionsMerged { into: strength, merged: vec![duplicate] });
    s.close(swot);

    s.open(challenges);
    let slow = s.post(challenges, hidden, ContributionKind::Challenge, "Les délais de traitement sont trop longs");
    let silo = s.post(challenges, hidden, ContributionKind::Challenge, "Les services travaillent en silo");
    let budget = s.post(challenges, ana, ContributionKind::Challenge, "=SOMME(A1:A9) budgets morcelés");
    s.close(challenges);

    s.open(reformulate);
    let question = s.post_with(
        reformulate,
        bruno,
        ContributionKind::Question,
        "Comment réduire les délais de moitié ?",
        vec![slow],
        None,
        None,
    );
    s.close(reformulate);

    s.open(sorting);
    for (note, category) in [(slow, 2), (silo, 1), (question, 2)] {
        s.push(Event::ContributionCategorized {
            activity_id: sorting,
            contribution_id: note,
            category: Some(category),
        });
    }
    let _ = budget;
    s.close(sorting);

    s.day(1);
    s.open(brainwriting);
    let sheet = |round| Some(SheetRef { table: 0, sheet: 0, round });
    let portal = s.post_with(
        brainwriting,
        ana,
        ContributionKind::Idea,
        "Un guichet numérique unique",
        vec![question],
        None,
        sheet(0),
    );
    let tracker =
        s.post_with(brainwriting, bruno, ContributionKind::Idea, "Suivi des dossiers en ligne", vec![], None, sheet(1));
    let pool = s.post(brainwriting, expert, ContributionKind::Idea, "Un pool d’agents volants entre services");
    s.close(brainwriting);

    s.open(assess);
    for (assessor, scores) in [
        (ana, [(portal, 5, 3), (tracker, 4, 4), (pool, 2, 2)]),
        (bruno, [(portal, 4, 2), (tracker, 4, 5), (pool, 3, 1)]),
        (expert, [(portal, 5, 2), (tracker, 3, 4), (pool, 2, 3)]),
    ] {
        for (item, impact, feasibility) in scores {
            s.push(Event::ItemAssessed {
                activity_id: assess,
                assessor: Subject::Named(assessor),
                item,
                scores: BTreeMap::from([("impact".to_owned(), impact), ("feasibility".to_owned(), feasibility)]),
            });
        }
    }
    s.close(assess);
    s.freeze(assess);

    s.open(vote);
    for (voter, order) in [
        (ana, [portal, tracker, pool]),
        (bruno, [tracker, portal, pool]),
        (hidden, [portal, pool, tracker]),
        (expert, [portal, tracker, pool]),
    ] {
        s.push(Event::BallotCast {
            activity_id: vote,
            voter: Subject::Named(voter),
            ballot: Ballot::Ranking { tiers: order.iter().map(|item| vec![*item]).collect() },
        });
    }
    s.close(vote);
    s.freeze(vote);

    s.open(plan);
    let one_stop = s.draft(
        plan,
        ana,
        ActionCard {
            title: "Créer un guichet numérique unique".into(),
            description: "Un seul point d’entrée en ligne pour toutes les démarches.\nAccessible aussi par téléphone."
                .into(),
            rationale: "Les citoyens ne savent pas à quel service s’adresser.".into(),
            owner: "SPW Digital".into(),
            jurisdiction: "government".into(),
            horizon: "2027".into(),
            first_steps: "Inventorier les démarches existantes".into(),
            resources: "Deux équivalents temps plein".into(),
            indicators: "Part des démarches faites en ligne".into(),
        },
        vec![portal],
    );
    let deadlines = s.draft(
        plan,
        bruno,
        ActionCard {
            owner: "Secrétariat général".into(),
            horizon: "2026-12-31".into(),
            ..card("Publier les délais de traitement", "administration")
        },
        vec![slow, tracker],
    );
    let withdrawn = s.draft(plan, expert, card("Une idée retirée", "shared"), vec![pool]);
    s.push(Event::ActionWithdrawn { action_id: withdrawn });
    for (participant, stance, reason) in [
        (ana, Stance::Agree, ""),
        (bruno, Stance::CanLiveWith, ""),
        (expert, Stance::Object, "Le coût informatique est sous-estimé"),
    ] {
        s.push(Event::ConsensusGiven {
            action_id: one_stop,
            participant: Subject::Named(participant),
            stance,
            reason: reason.into(),
        });
    }
    s.push(Event::ConsensusGiven {
        action_id: deadlines,
        participant: Subject::Named(hidden),
        stance: Stance::Agree,
        reason: String::new(),
    });
    s.close(plan);

    s.open(risk_map);
    let resistance = s.post(risk_map, bruno, ContributionKind::Risk, "Résistance au changement");
    s.post(risk_map, expert, ContributionKind::Risk, "Cyberattaque sur le guichet");
    for (rater, likelihood, impact) in [(ana, 4, 3), (bruno, 3, 4), (expert, 5, 4)] {
        s.push(Event::RiskRated {
            activity_id: risk_map,
            rater: Subject::Named(rater),
            risk: resistance,
            likelihood,
            impact,
        });
    }
    s.push(Event::MitigationsLinked { risk: resistance, actions: vec![one_stop, withdrawn] });
    s.close(risk_map);

    s.push(Event::FatesDecided {
        contributions: vec![threat],
        decision: FateDecision::NotRetained { reason: "Hors du périmètre de l’atelier".into() },
    });
    s.push(Event::FatesDecided { contributions: vec![silo], decision: FateDecision::Retained });
    s.push(Event::WorkshopClosed);
    s.later(30 * 86_400_000);
    s.push(Event::CommitmentSet {
        action_id: one_stop,
        answerable: "Direction du SPW Digital".into(),
        next_update_due: CalendarDate::parse("2026-06-30"),
    });
    s.push(Event::ActionStatusUpdated {
        action_id: one_stop,
        status: ActionStatus::InProgress,
        note: "Marché public lancé".into(),
        next_update_due: None,
        effective_on: None,
    });
    s.push(Event::ActionStatusUpdated {
        action_id: deadlines,
        status: ActionStatus::Done,
        note: String::new(),
        next_update_due: None,
        effective_on: None,
    });

    let participants = ReportParticipants::new([
        (ana, "SPW Mobilité".to_owned()),
        (bruno, "spw mobilité".to_owned()),
        (hidden, HIDDEN_SERVICE.to_owned()),
        (expert, "Université de Liège".to_owned()),
        (silent, "SPW Finances".to_owned()),
        (observer, "Presse".to_owned()),
    ]);
    let everyone = vec![facilitator, ana, bruno, hidden, expert, silent, observer];
    s.finish(participants, hidden, everyone)
}

/// A workshop the size of the Wallonia hackathon: 25 people, about 600 contributions over
/// the flagship agenda, 19 actions and 10 rated risks.
pub fn wallonia_sized() -> Fixture {
    let mut s = Script::new(0xa11, "Hackathon Smarter Democracy — Wallonie", Language::Fr);
    s.join(Role::Facilitator);
    let people: Vec<ParticipantId> =
        (0..25).map(|n| s.join(if n < 5 { Role::Expert } else { Role::Participant })).collect();
    let services = ["SPW Mobilité", "SPW Finances", "SPW Digital", "SPW Intérieur", "Cabinet", "Université"];
    let author = |n: usize| people[(n * 7 + n / 3) % people.len()];

    let vision = s.activity(ActivityKind::PhotoLanguage, "Photolangage", "Votre vision", config(1));
    let swot = s.activity(ActivityKind::Swot, "SWOT", "Diagnostic", config(1));
    let challenges =
        s.activity(ActivityKind::Challenges, "Défis", "Défis", ActivityConfig { anonymous: true, ..config(1) });
    let reformulate = s.activity(
        ActivityKind::Reformulate,
        "Reformulation",
        "Comment pourrions-nous… ?",
        ActivityConfig { sources: vec![challenges], ..config(1) },
    );
    let categories: Vec<Category> = (1..=8).map(|id| Category { id, name: format!("Catégorie {id}") }).collect();
    let sorting = s.activity(
        ActivityKind::Categorize,
        "Tri",
        "Classez",
        ActivityConfig { sources: vec![challenges, reformulate], categories, ..config(1) },
    );
    let brainwriting = s.activity(
        ActivityKind::Brainwriting,
        "Brainwriting",
        "Idées",
        ActivityConfig { sources: vec![reformulate], ..config(2) },
    );
    let assess = s.activity(
        ActivityKind::Assess,
        "Évaluation",
        "Notez",
        ActivityConfig {
            sources: vec![brainwriting],
            criteria: vec![
                Criterion { id: "impact".into(), name: "Impact".into(), weight: 2 },
                Criterion { id: "feasibility".into(), name: "Faisabilité".into(), weight: 1 },
                Criterion { id: "cost".into(), name: "Coût raisonnable".into(), weight: 1 },
            ],
            ..config(2)
        },
    );
    let vote = s.activity(
        ActivityKind::Vote,
        "Vote",
        "Jugement majoritaire",
        ActivityConfig { sources: vec![brainwriting], ..config(2) },
    );
    let plan = s.activity(ActivityKind::ActionPlan, "Plan d’action", "Fiches", config(2));
    let risk_map = s.activity(ActivityKind::RiskMap, "Risques", "Risques", config(2));

    let mut n = 0;
    let mut next = |s: &mut Script, activity, kind, text: String, links: Vec<ContributionId>| {
        n += 1;
        s.post_with(activity, author(n), kind, &text, links, None, None)
    };
    for i in 0..25 {
        let _ = next(
            &mut s,
            vision,
            ContributionKind::Vision,
            format!("Vision {i} : une administration proche des gens"),
            vec![],
        );
    }
    let quadrants = [
        ContributionKind::Strength,
        ContributionKind::Weakness,
        ContributionKind::Opportunity,
        ContributionKind::Threat,
    ];
    for i in 0..120 {
        let _ = next(&mut s, swot, quadrants[i % 4], format!("Note SWOT {i} sur l’organisation des services"), vec![]);
    }
    let mut challenge_ids = Vec::new();
    for i in 0..80 {
        challenge_ids.push(next(
            &mut s,
            challenges,
            ContributionKind::Challenge,
            format!("Défi {i} : les délais et les silos"),
            vec![],
        ));
    }
    let mut questions = Vec::new();
    for (i, challenge) in challenge_ids.iter().take(60).enumerate() {
        let link = vec![*challenge];
        questions.push(next(
            &mut s,
            reformulate,
            ContributionKind::Question,
            format!("Comment pourrions-nous résoudre le défi {i} ?"),
            link,
        ));
    }
    for (index, note) in challenge_ids.iter().chain(&questions).enumerate() {
        if index % 5 != 4 {
            s.push(Event::ContributionCategorized {
                activity_id: sorting,
                contribution_id: *note,
                category: Some(index as u32 % 8 + 1),
            });
        }
    }
    let mut ideas = Vec::new();
    for i in 0..290 {
        let link = vec![questions[i % questions.len()]];
        ideas.push(next(
            &mut s,
            brainwriting,
            ContributionKind::Idea,
            format!("Idée {i} : simplifier une démarche"),
            link,
        ));
    }
    // Duplicates merged, as a facilitator does after brainwriting.
    for pair in ideas.chunks(2).take(20) {
        s.push(Event::ContributionsMerged { into: pair[0], merged: vec![pair[1]] });
    }
    let workshop = s.state();
    let items: Vec<ContributionId> =
        workshop.items_of(workshop.activity(assess).expect("assess exists")).into_iter().take(40).collect();
    for (p, assessor) in people.iter().enumerate() {
        for (i, item) in items.iter().enumerate() {
            let score = |salt: usize| ((p * 3 + i * 7 + salt) % 5 + 1) as u8;
            s.push(Event::ItemAssessed {
                activity_id: assess,
                assessor: Subject::Named(*assessor),
                item: *item,
                scores: BTreeMap::from([
                    ("impact".to_owned(), score(1)),
                    ("feasibility".to_owned(), score(2)),
                    ("cost".to_owned(), score(4)),
                ]),
            });
        }
    }
    s.freeze(assess);
    let vote_items: BTreeSet<ContributionId> = workshop.items_of(workshop.activity(vote).expect("vote exists"));
    for (p, voter) in people.iter().enumerate() {
        let grades = vote_items.iter().enumerate().map(|(i, item)| (*item, ((p + i * 5) % 6) as u8)).collect();
        s.push(Event::BallotCast {
            activity_id: vote,
            voter: Subject::Named(*voter),
            ballot: Ballot::Grades { grades },
        });
    }
    s.freeze(vote);
    let jurisdictions = ["administration", "government", "shared"];
    let mut actions = Vec::new();
    for i in 0..19 {
        let action = s.draft(
            plan,
            author(i),
            ActionCard {
                title: format!("Action {i} : réformer une procédure"),
                description: "Décrire la réforme, ses étapes et qui s’en charge.".into(),
                rationale: "Issue des défis et des idées les mieux évaluées.".into(),
                owner: services[i % services.len()].into(),
                jurisdiction: jurisdictions[i % 3].into(),
                horizon: "2027".into(),
                first_steps: "Réunir les services concernés".into(),
                resources: "À chiffrer".into(),
                indicators: "Délai moyen de traitement".into(),
            },
            vec![ideas[i * 10], ideas[i * 10 + 1], challenge_ids[i]],
        );
        for (p, participant) in people.iter().enumerate() {
            let stance = [Stance::Agree, Stance::Agree, Stance::CanLiveWith, Stance::Object][(p + i) % 4];
            let reason = if stance == Stance::Object { "Le calendrier est trop serré" } else { "" };
            s.push(Event::ConsensusGiven {
                action_id: action,
                participant: Subject::Named(*participant),
                stance,
                reason: reason.into(),
            });
        }
        actions.push(action);
    }
    for i in 0..10 {
        let risk = next(&mut s, risk_map, ContributionKind::Risk, format!("Risque {i} : manque de moyens"), vec![]);
        for (p, rater) in people.iter().enumerate() {
            let rating = |salt: usize| ((p + i * salt) % 5 + 1) as u8;
            s.push(Event::RiskRated {
                activity_id: risk_map,
                rater: Subject::Named(*rater),
                risk,
                likelihood: rating(2),
                impact: rating(3),
            });
        }
        s.push(Event::MitigationsLinked { risk, actions: vec![actions[i], actions[i + 9]] });
    }
    s.push(Event::WorkshopClosed);
    let participants = ReportParticipants::new(
        people.iter().enumerate().map(|(p, id)| (*id, services[p % services.len()].to_owned())),
    );
    let anonymous_author = people[0];
    s.finish(participants, anonymous_author, people)
}
