//! `converge demo`: a finished replay of the Wallonia "Smarter Democracy Hackathon", so that a
//! newcomer can open a complete workshop, its report and its follow-up page within a minute.
//!
//! The content is data (`demo/wallonia.toml`); this module only plays it. Everything goes
//! through the engine as it would in the room: the demo facilitator account creates the
//! workshop from the flagship template, 25 people join with the join code (their names and
//! services stay outside the log, like anyone's), and each activity is opened, filled by its
//! participants with `Command`s, and closed; then the workshop is closed and followed up. No
//! event is written by hand, so the record verifies like any other.
//!
//! Commands that do not depend on each other are sent together, so the workshop's actor
//! decides them in one batch and one durable write acknowledges all of them: the whole replay
//! takes a few seconds. Scores, ballots, ratings and who happened to be away for a consensus
//! check come from a hash of the names involved, so every run of the demo tells the same story;
//! only ids, timestamps, the password and the follow-up token differ.
//!
//! A data folder holds one demo: the demo account's password is printed once and kept only as
//! a hash, so a second run refuses rather than leave a workshop nobody can sign in to.

use anyhow::{Context, anyhow, bail};
use converge_core::outcomes::{ActionCard, ActionStatus, CalendarDate, FateDecision, Stance, StatusUpdate};
use converge_core::voting::{Ballot, VoteConfig, VoteMethod};
use converge_core::{
    AccountId, ActionId, ActivityId, Actor, Command, ContributionId, ContributionKind, Language, ParticipantId, Role,
    Timestamp, WorkshopId,
};
use converge_engine::{Engine, LiveState, NewWorkshop};
use futures_util::future::join_all;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;
use uuid::Uuid;

/// The script of the replay, in French like the workshop it replays.
const SCRIPT: &str = include_str!("../demo/wallonia.toml");

/// The facilitator account the demo creates. `.local` is reserved for local names: it cannot
/// belong to anyone's real mailbox.
pub const DEMO_EMAIL: &str = "demo@converge.local";

/// People seated per table for brainwriting: 25 people make five tables of five.
const TABLE_SIZE: usize = 5;
/// How many ideas the facilitator shortlists for the assessment: the one each action card grew
/// from, then the most promising others.
const SHORTLIST: usize = 24;
/// The share of ideas (in percent) each person scores in the assessment: nobody scores them all.
const ASSESSED_PERCENT: u64 = 60;
/// The share of people (in percent) away when a given action card was checked for consensus.
const AWAY_PERCENT: u64 = 8;
/// The vote: ten dots each, at most three on one idea, as the flagship template sets it (the
/// demo says so again, so that its ballots hold whatever the template becomes).
const DOTS_BUDGET: u32 = 10;
const DOTS_CAP: u32 = 3;
/// How a voter spends the ten dots: on their five favourite ideas.
const DOTS: [u32; 5] = [3, 2, 2, 2, 1];

const DAY_MS: i64 = 86_400_000;

/// What the demo made, and what a newcomer needs to open it.
#[derive(Debug, Clone)]
pub struct Demo {
    pub workshop: WorkshopId,
    pub title: String,
    pub email: String,
    /// Shown once; the data folder keeps only its hash.
    pub password: String,
    /// The public follow-up page's token; `None` when the demo stops before closing.
    pub follow_up_token: Option<String>,
    pub n_events: u64,
    pub n_participants: usize,
    pub n_contributions: usize,
    pub n_actions: usize,
    pub elapsed: std::time::Duration,
}

impl Demo {
    /// What to do next, for the terminal. `public_url` is where the server will be reached.
    pub fn instructions(&self, data: &Path, public_url: &str) -> String {
        let base = public_url.trim_end_matches('/');
        let data = data.display();
        let id = self.workshop;
        format!(
            "The demo is ready: \"{title}\"\n\
             {participants} people, {contributions} contributions, {actions} actions; {events} events \
             written in {seconds:.1} s to {data}.\n\
             \n\
             1. Start the server:\n   converge serve --data {data}\n\
             2. Sign in at {base}/signin as the demo facilitator (the password is shown only this once):\n   \
             email:    {email}\n   password: {password}\n\
             3. The workshop's console:\n   {base}/facilitator/workshops/{id}\n\
             {follow_up}\
             {report}. The report:\n   converge report {id} --format html --out wallonia-report.html --data {data}\n",
            title = self.title,
            participants = self.n_participants,
            contributions = self.n_contributions,
            actions = self.n_actions,
            events = self.n_events,
            seconds = self.elapsed.as_secs_f64(),
            email = self.email,
            password = self.password,
            follow_up = self
                .follow_up_url(base)
                .map(|url| format!("4. The public follow-up page (no sign-in needed):\n   {url}\n"))
                .unwrap_or_default(),
            report = if self.follow_up_token.is_some() { 5 } else { 4 },
        )
    }

    /// The address of the public follow-up page under `base`.
    pub fn follow_up_url(&self, base: &str) -> Option<String> {
        let token = self.follow_up_token.as_ref()?;
        Some(format!("{}/follow/{}", base.trim_end_matches('/'), token))
    }
}

/// How far the replay goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// Both days, the fates of the actions, closing and a year of follow-up.
    FollowedUp,
    /// Both days with every activity done, the workshop left open: to rehearse the room (the
    /// console, the projection, the phones) on a full workshop.
    BeforeClosing,
}

/// Plays the whole script into the engine's data folder. Refuses when the folder already holds
/// the demo.
pub async fn create(engine: &Engine, ending: Ending) -> anyhow::Result<Demo> {
    let started = std::time::Instant::now();
    let script = script()?;
    if engine.account_by_email(DEMO_EMAIL).await?.is_some() {
        bail!(
            "this data folder already holds the demo (the account {DEMO_EMAIL}, whose password was printed when \
             it was created); start the server to open it, or make a fresh demo in another folder with \
             `converge demo --data converge-demo`"
        );
    }
    let password = readable_secret();
    let account = engine
        .add_facilitator(DEMO_EMAIL, &script.facilitator, &password)
        .await
        .context("cannot create the demo facilitator account")?;
    let mut room = Room::open(engine, account, &script).await?;
    room.day_one(&script).await?;
    room.day_two(&script).await?;
    let follow_up_token = match ending {
        Ending::FollowedUp => {
            room.fates(&script.fate).await?;
            room.run(room.facilitator(), Command::CloseWorkshop).await?;
            Some(room.follow_up(&script).await?)
        }
        Ending::BeforeClosing => None,
    };
    let state = room.state().await?;
    Ok(Demo {
        workshop: room.workshop,
        title: state.workshop.title.clone(),
        email: DEMO_EMAIL.to_owned(),
        password,
        follow_up_token,
        n_events: state.seq,
        n_participants: state.workshop.participants.len(),
        n_contributions: state.workshop.contributions.len(),
        n_actions: state.workshop.plan().count(),
        elapsed: started.elapsed(),
    })
}

fn script() -> anyhow::Result<Script> {
    toml::from_str(SCRIPT).context("the demo script does not parse")
}

/// 20 characters of Crockford's base 32 (100 bits) in groups of five: easy to copy by hand.
fn readable_secret() -> String {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let bytes = converge_engine::random::bytes::<20>();
    let chars: Vec<char> = bytes.iter().map(|byte| ALPHABET[usize::from(byte & 31)] as char).collect();
    chars.chunks(5).map(|group| group.iter().collect::<String>()).collect::<Vec<_>>().join("-")
}

/// A number that looks random but depends only on `parts`, so every run of the demo gives the
/// same scores and ballots (FNV-1a, then the SplitMix64 finaliser to spread close inputs).
fn noise(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash ^= hash >> 30;
    hash = hash.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    hash ^= hash >> 27;
    hash = hash.wrapping_mul(0x94d0_49bb_1331_11eb);
    hash ^ (hash >> 31)
}

/// A score near `base`: one lower, the same (twice as likely) or one higher, within 1..=5.
fn near(base: u8, parts: &[&str]) -> u8 {
    let offset = [-1i16, 0, 0, 1][(noise(parts) % 4) as usize];
    (i16::from(base) + offset).clamp(1, 5) as u8
}

fn new_contribution_id() -> ContributionId {
    ContributionId::from_uuid(Uuid::now_v7())
}

/// The day `days` from today (UTC); negative days are in the past.
fn day_from_today(days: i64) -> CalendarDate {
    CalendarDate::of(Timestamp(converge_engine::now().0 + days * DAY_MS))
}

// --- The script ------------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Script {
    title: String,
    template: String,
    facilitator: String,
    person: Vec<Person>,
    vision: Vec<Vision>,
    swot: Vec<Note>,
    challenge: Vec<Note>,
    question: Vec<Question>,
    sheet: Vec<Sheet>,
    action: Vec<ScriptedAction>,
    risk: Vec<Risk>,
    fate: Vec<ScriptedFate>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Person {
    key: String,
    name: String,
    service: String,
    #[serde(default)]
    expert: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Vision {
    by: String,
    card: String,
    text: String,
}

/// A SWOT note (with its `kind`) or a challenge.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Note {
    #[serde(default)]
    key: Option<String>,
    by: String,
    #[serde(default)]
    kind: Option<ContributionKind>,
    #[serde(default)]
    duplicate_of: Option<String>,
    text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Question {
    key: String,
    by: String,
    challenge: String,
    /// The position of its category in the template's list; duplicates are merged instead.
    #[serde(default)]
    category: Option<usize>,
    #[serde(default)]
    duplicate_of: Option<String>,
    text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Sheet {
    question: String,
    idea: Vec<Idea>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Idea {
    key: String,
    #[serde(default = "middle")]
    impact: u8,
    #[serde(default = "middle")]
    feasibility: u8,
    #[serde(default)]
    duplicate_of: Option<String>,
    text: String,
}

fn middle() -> u8 {
    3
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScriptedAction {
    key: String,
    by: String,
    jurisdiction: String,
    title: String,
    description: String,
    rationale: String,
    owner: String,
    horizon: String,
    first_steps: String,
    resources: String,
    indicators: String,
    sources: Vec<String>,
    answerable: String,
    next_update_in_days: i64,
    #[serde(default)]
    revision: Option<Revision>,
    #[serde(default)]
    stance: Vec<ScriptedStance>,
    #[serde(default)]
    status: Vec<ScriptedStatus>,
}

/// A second hand on a card: new first steps, drafted over the first version.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Revision {
    by: String,
    first_steps: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScriptedStance {
    by: String,
    stance: Stance,
    #[serde(default)]
    reason: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScriptedStatus {
    round: u32,
    status: ActionStatus,
    note: String,
    #[serde(default)]
    next_update_in_days: Option<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Risk {
    key: String,
    by: String,
    #[serde(default = "middle")]
    likelihood: u8,
    #[serde(default = "middle")]
    impact: u8,
    #[serde(default)]
    mitigated_by: Vec<String>,
    #[serde(default)]
    duplicate_of: Option<String>,
    text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScriptedFate {
    decision: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    notes: Vec<String>,
    /// Every contribution of these activities (the template's keys) that fed no action and has
    /// no decision yet.
    #[serde(default)]
    others_in: Vec<String>,
}

// --- The room --------------------------------------------------------------------------------

/// The workshop being played, and what the script's keys stand for in it.
struct Room<'a> {
    engine: &'a Engine,
    workshop: WorkshopId,
    account: AccountId,
    /// By the template's activity keys.
    activities: BTreeMap<String, ActivityId>,
    /// Everyone but the facilitator, in the script's order.
    people: Vec<(String, ParticipantId)>,
    notes: BTreeMap<String, ContributionId>,
    actions: BTreeMap<String, ActionId>,
    /// Every idea with its scripted appeal: (key, id, impact, feasibility).
    ideas: Vec<(String, ContributionId, u8, u8)>,
}

impl<'a> Room<'a> {
    /// Creates the workshop from the template and lets everyone in.
    async fn open(engine: &'a Engine, account: AccountId, script: &Script) -> anyhow::Result<Room<'a>> {
        let template = converge_engine::templates::shipped_template(&script.template)
            .with_context(|| format!("the demo needs the shipped template {}", script.template))?;
        let agenda = template.agenda(Language::Fr);
        let keys: Vec<Option<String>> = agenda.iter().map(|activity| activity.key.clone()).collect();
        let entry = engine
            .create_workshop(account, NewWorkshop { title: script.title.clone(), language: Language::Fr, agenda })
            .await
            .context("cannot create the demo workshop")?;
        let workshop = WorkshopId::from_uuid(entry.id);
        let state = engine.state(workshop).await?;
        let activities = keys
            .into_iter()
            .zip(&state.workshop.activities)
            .filter_map(|(key, activity)| Some((key?, activity.id)))
            .collect();
        let mut room = Room {
            engine,
            workshop,
            account,
            activities,
            people: Vec::new(),
            notes: BTreeMap::new(),
            actions: BTreeMap::new(),
            ideas: Vec::new(),
        };
        // One after the other, so the log lists people in the script's order.
        for person in &script.person {
            let joined = engine
                .join(&entry.join_code, &person.name, &person.service)
                .await
                .with_context(|| format!("{} cannot join the demo workshop", person.name))?;
            room.people.push((person.key.clone(), joined.participant));
        }
        let mut experts = Vec::new();
        for person in script.person.iter().filter(|person| person.expert) {
            let participant_id = room.participant(&person.key)?;
            experts.push((room.facilitator(), Command::ChangeRole { participant_id, role: Role::Expert }));
        }
        room.run_all(experts).await?;
        Ok(room)
    }

    async fn day_one(&mut self, script: &Script) -> anyhow::Result<()> {
        let vision = self.activity("vision")?;
        self.start(vision).await?;
        let mut posts = Vec::new();
        for picked in &script.vision {
            let command = self.post(vision, None, &picked.text, Vec::new(), Some(picked.card.clone()));
            posts.push((self.person(&picked.by)?, command));
        }
        self.run_all(posts).await?;
        self.finish(vision).await?;

        let swot = self.activity("swot")?;
        self.start(swot).await?;
        self.post_notes(swot, &script.swot).await?;
        self.finish(swot).await?;

        let challenges = self.activity("challenges")?;
        self.start(challenges).await?;
        self.post_notes(challenges, &script.challenge).await?;
        let duplicates =
            script.challenge.iter().filter_map(|note| Some((note.key.as_deref()?, note.duplicate_of.as_deref()?)));
        self.merge(duplicates).await?;
        self.finish(challenges).await?;

        let reformulation = self.activity("reformulation")?;
        self.start(reformulation).await?;
        let mut posts = Vec::new();
        for question in &script.question {
            let id = self.remember(&question.key)?;
            let command =
                self.post_as(id, reformulation, None, &question.text, vec![self.note(&question.challenge)?], None);
            posts.push((self.person(&question.by)?, command));
        }
        self.run_all(posts).await?;
        let duplicates = script
            .question
            .iter()
            .filter_map(|question| Some((question.key.as_str(), question.duplicate_of.as_deref()?)));
        self.merge(duplicates).await?;
        self.finish(reformulation).await?;

        // The template's four categories are the four priority categories of the hackathon.
        let priorities = self.activity("priorities")?;
        self.start(priorities).await?;
        let state = self.state().await?;
        let categories = state.workshop.activity(priorities).context("the categorize activity")?.settings.categories();
        let mut placements = Vec::new();
        for question in &script.question {
            let Some(position) = question.category else { continue };
            let category = categories.get(position).with_context(|| format!("no category {position}"))?;
            let command = Command::Categorize {
                activity_id: priorities,
                contribution_id: self.note(&question.key)?,
                category: Some(category.id),
            };
            placements.push((self.person(&question.by)?, command));
        }
        self.run_all(placements).await?;
        self.finish(priorities).await?;

        self.brainwriting(&script.sheet).await
    }

    /// Five tables of five, one sheet each, three rounds: in every round each person writes
    /// the next idea of the sheet in front of them, building on the one before.
    async fn brainwriting(&mut self, sheets: &[Sheet]) -> anyhow::Result<()> {
        let ideas = self.activity("ideas")?;
        self.start(ideas).await?;
        self.engine.seat_room(self.workshop, self.account, TABLE_SIZE).await?;
        self.run(self.facilitator(), Command::StartBrainwriting { activity_id: ideas }).await?;
        let rounds = sheets.iter().map(|sheet| sheet.idea.len()).max().unwrap_or(0);
        for round in 0..rounds {
            if round > 0 {
                self.run(self.facilitator(), Command::NextRound { activity_id: ideas }).await?;
            }
            let state = self.state().await?;
            let brainwriting = state
                .workshop
                .activity(ideas)
                .and_then(|activity| activity.brainwriting.as_ref())
                .context("brainwriting has started")?;
            // The room's sheets in order, table by table, are the script's sheets in order.
            let mut first_sheet_of_table = Vec::new();
            let mut n_sheets = 0;
            for rotation in &brainwriting.tables {
                first_sheet_of_table.push(n_sheets);
                n_sheets += rotation.n_sheets();
            }
            let mut posts = Vec::new();
            for (_, participant) in self.people.clone() {
                let Some(seat) = state.keyring.subject(participant, converge_core::Scope::Seat(ideas)) else {
                    continue;
                };
                let Some(held) = brainwriting.sheet_of(&seat) else { continue };
                let index = first_sheet_of_table[held.table as usize] + held.sheet as usize;
                let Some(sheet) = sheets.get(index) else { continue };
                let Some(idea) = sheet.idea.get(round) else { continue };
                let builds_on = match round {
                    0 => self.note(&sheet.question)?,
                    _ => self.note(&sheet.idea[round - 1].key)?,
                };
                let id = self.remember(&idea.key)?;
                self.ideas.push((idea.key.clone(), id, idea.impact, idea.feasibility));
                let command = self.post_as(id, ideas, None, &idea.text, vec![builds_on], None);
                posts.push((Actor::Participant(participant), command));
            }
            self.run_all(posts).await?;
        }
        let duplicates = sheets
            .iter()
            .flat_map(|sheet| &sheet.idea)
            .filter_map(|idea| Some((idea.key.as_str(), idea.duplicate_of.as_deref()?)));
        self.merge(duplicates).await?;
        self.finish(ideas).await
    }

    async fn day_two(&mut self, script: &Script) -> anyhow::Result<()> {
        let state = self.state().await?;
        let live_ideas: Vec<(String, ContributionId, u8, u8)> = self
            .ideas
            .iter()
            .filter(|(_, id, _, _)| state.workshop.contribution(*id).is_some_and(|idea| idea.merged_into.is_none()))
            .cloned()
            .collect();

        // The facilitator shortlists by hand what the room will assess: the ideas the action
        // cards grew from, then the most promising of the others. The template's flow carries
        // the shortlist to the assessment, its top ten to the vote, the vote's top to the plan.
        let assessment = self.activity("assessment")?;
        let mut shortlist: Vec<ContributionId> = Vec::new();
        for action in &script.action {
            // The idea each card grew from: its first source that is an idea.
            let grew_from = action.sources.iter().find_map(|source| live_ideas.iter().find(|(key, ..)| key == source));
            if let Some((_, id, ..)) = grew_from
                && !shortlist.contains(id)
            {
                shortlist.push(*id);
            }
        }
        let mut promising: Vec<(u64, ContributionId)> = live_ideas
            .iter()
            .map(|(idea, id, impact, feasibility)| {
                (3 * u64::from(*impact) + 2 * u64::from(*feasibility), noise(&[idea, "shortlist"]) % 100, *id)
            })
            .map(|(appeal, noise, id)| (appeal * 100 + noise, id))
            .collect();
        promising.sort_by(|a, b| b.cmp(a));
        for (_, id) in promising {
            if shortlist.len() >= SHORTLIST {
                break;
            }
            if !shortlist.contains(&id) {
                shortlist.push(id);
            }
        }
        self.run(self.facilitator(), Command::SetShortlist { activity_id: assessment, items: shortlist }).await?;
        self.start(assessment).await?;
        let selected = self.selection(assessment).await?;
        let live_ideas: Vec<(String, ContributionId, u8, u8)> =
            live_ideas.into_iter().filter(|(_, id, ..)| selected.contains(id)).collect();
        let mut scores = Vec::new();
        for (person, participant) in &self.people {
            for (idea, id, impact, feasibility) in &live_ideas {
                if noise(&[person, idea, "assessed"]) % 100 >= ASSESSED_PERCENT {
                    continue;
                }
                let scored = BTreeMap::from([
                    ("impact".to_owned(), near(*impact, &[person, idea, "impact"])),
                    ("feasibility".to_owned(), near(*feasibility, &[person, idea, "feasibility"])),
                    ("cost".to_owned(), near(*feasibility, &[person, idea, "cost"])),
                    ("speed".to_owned(), near(feasibility.saturating_sub(1).max(1), &[person, idea, "speed"])),
                ]);
                let command = Command::AssessItem { activity_id: assessment, item: *id, scores: scored };
                scores.push((Actor::Participant(*participant), command));
            }
        }
        self.run_all(scores).await?;
        self.finish(assessment).await?;

        let vote = self.activity("vote")?;
        let activity = state.workshop.activity(vote).context("the vote activity")?;
        let mut config = activity.settings.to_config();
        config.vote =
            Some(VoteConfig { dots_budget: DOTS_BUDGET, dots_cap: DOTS_CAP, ..VoteConfig::new(VoteMethod::Dots) });
        let update = Command::UpdateActivity {
            activity_id: vote,
            title: activity.title.clone(),
            prompt: activity.prompt.clone(),
            config,
        };
        self.run(self.facilitator(), update).await?;
        self.start(vote).await?;
        let selected = self.selection(vote).await?;
        let live_ideas: Vec<(String, ContributionId, u8, u8)> =
            live_ideas.into_iter().filter(|(_, id, ..)| selected.contains(id)).collect();
        let mut ballots = Vec::new();
        for (person, participant) in &self.people {
            let mut favourites: Vec<(u64, ContributionId)> = live_ideas
                .iter()
                .map(|(idea, id, impact, feasibility)| {
                    let appeal = 3 * u64::from(*impact) + 2 * u64::from(*feasibility);
                    (appeal * 10 + noise(&[person, idea, "vote"]) % 90, *id)
                })
                .collect();
            favourites.sort_by(|a, b| b.cmp(a));
            let dots = favourites.iter().zip(DOTS).map(|((_, id), dots)| (*id, dots)).collect();
            ballots.push((
                Actor::Participant(*participant),
                Command::CastBallot { activity_id: vote, ballot: Ballot::Dots { dots } },
            ));
        }
        self.run_all(ballots).await?;
        self.finish(vote).await?;

        self.action_plan(&script.action).await?;
        self.risk_map(&script.risk).await
    }

    async fn action_plan(&mut self, actions: &[ScriptedAction]) -> anyhow::Result<()> {
        let plan = self.activity("action-plan")?;
        self.start(plan).await?;
        let mut drafts = Vec::new();
        for action in actions {
            let action_id = ActionId::from_uuid(Uuid::now_v7());
            if self.actions.insert(action.key.clone(), action_id).is_some() {
                bail!("the demo script has two actions {}", action.key);
            }
            let command = Command::DraftAction {
                action_id,
                activity_id: plan,
                card: card(action),
                sources: self.notes_of(&action.sources)?,
            };
            drafts.push((self.person(&action.by)?, command));
        }
        self.run_all(drafts).await?;

        let mut revisions = Vec::new();
        for action in actions {
            let Some(revision) = &action.revision else { continue };
            let command = Command::EditAction {
                action_id: self.action(&action.key)?,
                base_revision: 1,
                card: ActionCard { first_steps: revision.first_steps.clone(), ..card(action) },
                sources: self.notes_of(&action.sources)?,
            };
            revisions.push((self.person(&revision.by)?, command));
        }
        self.run_all(revisions).await?;

        let mut stances = Vec::new();
        for action in actions {
            let action_id = self.action(&action.key)?;
            for (person, participant) in &self.people {
                let scripted = action.stance.iter().find(|stance| &stance.by == person);
                let (stance, reason) = match scripted {
                    Some(scripted) => (scripted.stance, scripted.reason.clone()),
                    None if noise(&[person, &action.key, "away"]) % 100 < AWAY_PERCENT => continue,
                    None => (Stance::Agree, String::new()),
                };
                stances.push((
                    Actor::Participant(*participant),
                    Command::GiveConsensus { action_id, revision: None, stance, reason },
                ));
            }
        }
        self.run_all(stances).await?;
        self.finish(plan).await
    }

    async fn risk_map(&mut self, risks: &[Risk]) -> anyhow::Result<()> {
        let map = self.activity("risks")?;
        self.start(map).await?;
        let mut posts = Vec::new();
        for risk in risks {
            let id = self.remember(&risk.key)?;
            posts.push((self.person(&risk.by)?, self.post_as(id, map, None, &risk.text, Vec::new(), None)));
        }
        self.run_all(posts).await?;
        let duplicates = risks.iter().filter_map(|risk| Some((risk.key.as_str(), risk.duplicate_of.as_deref()?)));
        self.merge(duplicates).await?;

        let mut ratings = Vec::new();
        for risk in risks.iter().filter(|risk| risk.duplicate_of.is_none()) {
            let id = self.note(&risk.key)?;
            for (person, participant) in &self.people {
                let command = Command::RateRisk {
                    activity_id: map,
                    risk: id,
                    likelihood: near(risk.likelihood, &[person, &risk.key, "likelihood"]),
                    impact: near(risk.impact, &[person, &risk.key, "impact"]),
                };
                ratings.push((Actor::Participant(*participant), command));
            }
        }
        self.run_all(ratings).await?;

        let mut links = Vec::new();
        for risk in risks.iter().filter(|risk| !risk.mitigated_by.is_empty()) {
            let actions = risk.mitigated_by.iter().map(|key| self.action(key)).collect::<anyhow::Result<_>>()?;
            links.push((self.facilitator(), Command::LinkMitigations { risk: self.note(&risk.key)?, actions }));
        }
        self.run_all(links).await?;
        self.finish(map).await
    }

    async fn fates(&self, fates: &[ScriptedFate]) -> anyhow::Result<()> {
        for fate in fates {
            let decision = match fate.decision.as_str() {
                "retained" => FateDecision::Retained,
                "not_retained" => FateDecision::NotRetained { reason: fate.reason.clone() },
                other => bail!("the demo script has an unknown fate {other:?}"),
            };
            let mut contributions = self.notes_of(&fate.notes)?;
            if !fate.others_in.is_empty() {
                let activities: Vec<ActivityId> =
                    fate.others_in.iter().map(|key| self.activity(key)).collect::<anyhow::Result<_>>()?;
                let state = self.state().await?;
                let workshop = &state.workshop;
                let fed = workshop.actions_fed();
                contributions.extend(
                    workshop
                        .contributions
                        .iter()
                        .filter(|note| activities.contains(&note.activity_id) && note.merged_into.is_none())
                        .filter(|note| !fed.contains_key(&note.id) && !workshop.fate_decisions.contains_key(&note.id))
                        .map(|note| note.id),
                );
            }
            self.run(self.facilitator(), Command::DecideFates { contributions, decision }).await?;
        }
        Ok(())
    }

    /// After the workshop: a public commitment for every action, status updates in rounds, and
    /// the follow-up page published. Returns the page's token.
    async fn follow_up(&self, script: &Script) -> anyhow::Result<String> {
        // A status update may not leave an action overdue, so a commitment whose date has
        // already passed (the story's overdue action) is recorded after the updates: its
        // update came, then the promised next one did not.
        let mut commitments = Vec::new();
        let mut overdue_commitments = Vec::new();
        for action in &script.action {
            let command = Command::SetCommitment {
                action_id: self.action(&action.key)?,
                answerable: action.answerable.clone(),
                next_update_due: Some(day_from_today(action.next_update_in_days)),
            };
            let batch = if action.next_update_in_days < 0 { &mut overdue_commitments } else { &mut commitments };
            batch.push((self.facilitator(), command));
        }
        self.run_all(commitments).await?;

        let rounds: BTreeSet<u32> = script.action.iter().flat_map(|action| &action.status).map(|s| s.round).collect();
        for round in rounds {
            let mut updates = Vec::new();
            for action in &script.action {
                for status in action.status.iter().filter(|status| status.round == round) {
                    updates.push(StatusUpdate {
                        action_id: self.action(&action.key)?,
                        status: status.status,
                        note: status.note.clone(),
                        next_update_due: status.next_update_in_days.map(day_from_today),
                        effective_on: None,
                    });
                }
            }
            let command = Command::UpdateActionStatuses { updates, today: converge_engine::today() };
            self.run(self.facilitator(), command).await?;
        }
        self.run_all(overdue_commitments).await?;

        // 128 bits in hex: a link that cannot be guessed, within the 16 to 64 characters allowed.
        let token = converge_store::chain::hex(&converge_engine::random::bytes::<16>());
        self.run(self.facilitator(), Command::PublishFollowUp { token: Some(token.clone()) }).await?;
        Ok(token)
    }

    // --- Helpers -----------------------------------------------------------------------------

    fn facilitator(&self) -> Actor {
        Actor::Account(self.account)
    }

    fn participant(&self, key: &str) -> anyhow::Result<ParticipantId> {
        self.people
            .iter()
            .find(|(known, _)| known == key)
            .map(|(_, id)| *id)
            .ok_or_else(|| anyhow!("the demo script names no person {key:?}"))
    }

    fn person(&self, key: &str) -> anyhow::Result<Actor> {
        Ok(Actor::Participant(self.participant(key)?))
    }

    fn activity(&self, key: &str) -> anyhow::Result<ActivityId> {
        self.activities.get(key).copied().ok_or_else(|| anyhow!("the template has no activity {key:?}"))
    }

    fn note(&self, key: &str) -> anyhow::Result<ContributionId> {
        self.notes.get(key).copied().ok_or_else(|| anyhow!("the demo script names no earlier note {key:?}"))
    }

    fn notes_of(&self, keys: &[String]) -> anyhow::Result<Vec<ContributionId>> {
        keys.iter().map(|key| self.note(key)).collect()
    }

    fn action(&self, key: &str) -> anyhow::Result<ActionId> {
        self.actions.get(key).copied().ok_or_else(|| anyhow!("the demo script names no action {key:?}"))
    }

    /// A new contribution id under `key`, which must be new.
    fn remember(&mut self, key: &str) -> anyhow::Result<ContributionId> {
        let id = new_contribution_id();
        if self.notes.insert(key.to_owned(), id).is_some() {
            bail!("the demo script uses the key {key:?} twice");
        }
        Ok(id)
    }

    fn post(
        &self,
        activity_id: ActivityId,
        kind: Option<ContributionKind>,
        text: &str,
        links: Vec<ContributionId>,
        card: Option<String>,
    ) -> Command {
        self.post_as(new_contribution_id(), activity_id, kind, text, links, card)
    }

    fn post_as(
        &self,
        contribution_id: ContributionId,
        activity_id: ActivityId,
        kind: Option<ContributionKind>,
        text: &str,
        links: Vec<ContributionId>,
        card: Option<String>,
    ) -> Command {
        Command::PostContribution {
            contribution_id,
            activity_id,
            kind,
            text: text.to_owned(),
            links,
            card,
            sheet: None,
        }
    }

    /// Posts SWOT notes or challenges, remembering those with a key.
    async fn post_notes(&mut self, activity_id: ActivityId, notes: &[Note]) -> anyhow::Result<()> {
        let mut posts = Vec::new();
        for note in notes {
            let id = match &note.key {
                Some(key) => self.remember(key)?,
                None => new_contribution_id(),
            };
            posts
                .push((self.person(&note.by)?, self.post_as(id, activity_id, note.kind, &note.text, Vec::new(), None)));
        }
        self.run_all(posts).await
    }

    /// Merges each `(duplicate, original)` pair, one merge per original.
    async fn merge<'k>(&self, duplicates: impl Iterator<Item = (&'k str, &'k str)>) -> anyhow::Result<()> {
        let mut by_original: BTreeMap<&str, Vec<ContributionId>> = BTreeMap::new();
        for (duplicate, original) in duplicates {
            by_original.entry(original).or_default().push(self.note(duplicate)?);
        }
        let mut merges = Vec::new();
        for (original, merged) in by_original {
            merges.push((self.facilitator(), Command::MergeContributions { into: self.note(original)?, merged }));
        }
        self.run_all(merges).await
    }

    /// Opens an activity and sends every screen to it, as the facilitator does in the room.
    async fn start(&self, activity_id: ActivityId) -> anyhow::Result<()> {
        self.run(self.facilitator(), Command::OpenActivity { activity_id }).await?;
        self.run(self.facilitator(), Command::SetFocus { activity_id: Some(activity_id) }).await
    }

    /// What an activity took from its sources when it opened, as its record says.
    async fn selection(&self, activity_id: ActivityId) -> anyhow::Result<BTreeSet<ContributionId>> {
        let state = self.state().await?;
        let activity = state.workshop.activity(activity_id).context("an activity of the template")?;
        Ok(activity.selection.iter().flatten().copied().collect())
    }

    async fn finish(&self, activity_id: ActivityId) -> anyhow::Result<()> {
        self.run(self.facilitator(), Command::CloseActivity { activity_id }).await
    }

    async fn state(&self) -> anyhow::Result<Arc<LiveState>> {
        Ok(self.engine.state(self.workshop).await?)
    }

    async fn run(&self, actor: Actor, command: Command) -> anyhow::Result<()> {
        let described = format!("{command:?}");
        self.engine
            .execute(self.workshop, actor, command)
            .await
            .with_context(|| format!("the demo's command was refused: {described}"))?;
        Ok(())
    }

    /// Sends commands that do not depend on one another all at once: they reach the actor's
    /// queue in this order and are written in a few batches.
    async fn run_all(&self, commands: Vec<(Actor, Command)>) -> anyhow::Result<()> {
        let results = join_all(commands.into_iter().map(|(actor, command)| self.run(actor, command))).await;
        results.into_iter().collect()
    }
}

fn card(action: &ScriptedAction) -> ActionCard {
    ActionCard {
        title: action.title.clone(),
        description: action.description.clone(),
        rationale: action.rationale.clone(),
        owner: action.owner.clone(),
        jurisdiction: action.jurisdiction.clone(),
        horizon: action.horizon.clone(),
        first_steps: action.first_steps.clone(),
        resources: action.resources.clone(),
        indicators: action.indicators.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_parses_and_holds_the_hackathon() {
        let script = script().unwrap();
        assert_eq!(script.person.iter().filter(|person| !person.expert).count(), 20);
        assert_eq!(script.person.iter().filter(|person| person.expert).count(), 5);
        assert_eq!(script.action.len(), 19);
        for jurisdiction in converge_core::outcomes::DEFAULT_JURISDICTIONS {
            assert!(script.action.iter().any(|action| action.jurisdiction == jurisdiction), "{jurisdiction}");
        }
        assert_eq!(script.sheet.len(), 25, "one sheet for each of the 25 people at the tables");
        assert_eq!(script.vision.len(), 25);
    }

    #[test]
    fn the_follow_up_shows_every_kind_of_progress() {
        let script = script().unwrap();
        let last = |action: &ScriptedAction| action.status.iter().max_by_key(|status| status.round).map(|s| s.status);
        assert!(script.action.iter().any(|action| last(action) == Some(ActionStatus::Done)));
        assert!(script.action.iter().any(|action| last(action) == Some(ActionStatus::Dropped)));
        let overdue = script.action.iter().any(|action| {
            action.next_update_in_days < 0
                && action.status.iter().all(|status| status.next_update_in_days.is_none())
                && !last(action).is_some_and(ActionStatus::is_final)
        });
        assert!(overdue, "one action is overdue");
        let objections = script.action.iter().flat_map(|action| &action.stance).filter(|s| s.stance == Stance::Object);
        assert_eq!(objections.count(), 1);
    }

    #[test]
    fn ballots_spend_the_dots_within_the_rules() {
        assert!(DOTS.iter().sum::<u32>() <= DOTS_BUDGET);
        assert!(DOTS.iter().all(|dots| *dots <= DOTS_CAP));
    }

    #[test]
    fn noise_is_stable_and_scores_stay_on_the_scale() {
        assert_eq!(noise(&["a", "b"]), noise(&["a", "b"]));
        assert_ne!(noise(&["a", "b"]), noise(&["ab"]));
        for base in 1..=5 {
            for n in 0..50 {
                assert!((1..=5).contains(&near(base, &[&n.to_string()])));
            }
        }
    }

    #[test]
    fn the_password_is_long_and_easy_to_copy() {
        let password = readable_secret();
        assert_eq!(password.len(), 23);
        assert!(password.chars().all(|c| c == '-' || c.is_ascii_digit() || c.is_ascii_uppercase()));
        assert_ne!(password, readable_secret());
    }
}
