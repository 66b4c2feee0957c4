//! Workshop templates as data: a TOML file describes the days of a workshop and the activities
//! of each day, in French and English, and a facilitator creates a workshop from it.
//!
//! The format is documented, with a complete example, in `crates/engine/templates/FORMAT.md`;
//! the templates Converge ships live beside it and are embedded in the binary.
//!
//! [`parse_template`] reads a file and checks everything a workshop created from it needs: the
//! activity kinds, the keys and the links between activities, every text in both languages, and
//! each activity's configuration through [`ActivitySettings::parse`], the same rules the domain
//! applies when the workshop is created or its agenda edited. So a template that parses always
//! gives an agenda that [`crate::Engine::create_workshop`] accepts. Every refusal is a
//! [`TemplateError`] with the line and column of the offending value and a reason in plain
//! English, printed as-is by `converge template check`.

mod defaults;

pub use defaults::{default_agenda, starting_config};

use crate::ActivityDraft;
use converge_core::config_limits::{
    CATEGORIES_MAX, CRITERIA_MAX, DAYS_MAX, IDEAS_PER_ROUND_MAX, MINUTES_MAX, NAME_MAX, ROUND_MINUTES_MAX,
    TABLE_SIZE_MAX, TABLE_SIZE_MIN, WEIGHT_MAX,
};
use converge_core::voting::{VoteConfig, VoteMethod};
use converge_core::{
    ActivityConfig, ActivityId, ActivityKind, ActivitySettings, BrainwritingConfig, Category, Criterion, DomainError,
    Language, Prompt, Take, Title, valid_key,
};
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::sync::LazyLock;
use toml::Spanned;
use uuid::Uuid;

/// The templates Converge ships, as (file name, text), flagship first. Public so that a test can
/// parse each one and fail loudly, where [`shipped`] only logs and skips a broken one.
pub const SHIPPED_SOURCES: &[(&str, &str)] = &[
    ("smarter-democracy-hackathon.toml", include_str!("../templates/smarter-democracy-hackathon.toml")),
    ("half-day-ideation.toml", include_str!("../templates/half-day-ideation.toml")),
    ("lessons-learned-retrospective.toml", include_str!("../templates/lessons-learned-retrospective.toml")),
];

/// A template that has been read and checked: every text exists in both languages and every
/// activity's configuration passes the domain's rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    id: String,
    title: Texts,
    description: Texts,
    days: Vec<Day>,
}

/// One text in each language Converge speaks.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Texts {
    fr: String,
    en: String,
}

impl Texts {
    fn get(&self, language: Language) -> &str {
        match language {
            Language::Fr => &self.fr,
            Language::En => &self.en,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Day {
    title: Texts,
    activities: Vec<Activity>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Activity {
    key: String,
    kind: ActivityKind,
    title: Texts,
    prompt: Texts,
    minutes: Option<u32>,
    anonymous: bool,
    sources: Vec<String>,
    /// Which of the sources' outputs it takes; all of them when unset.
    take: Option<Take>,
    categories: Vec<Texts>,
    criteria: Vec<TemplateCriterion>,
    brainwriting: Option<BrainwritingConfig>,
    deck: Option<String>,
    /// How a `vote` is cast and counted; majority judgment when unset.
    vote: Option<VoteConfig>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct TemplateCriterion {
    id: String,
    weight: u32,
    name: Texts,
}

impl Activity {
    /// The configuration this activity gets in `language` on day `day`; `sources` stays empty
    /// because only the engine knows the ids of the activities the keys name.
    fn config(&self, day: u32, language: Language) -> ActivityConfig {
        ActivityConfig {
            day: Some(day),
            minutes: self.minutes,
            anonymous: self.anonymous,
            lock_at_zero: false,
            sources: Vec::new(),
            take: self.take,
            categories: self
                .categories
                .iter()
                .zip(0..)
                .map(|(name, id)| Category { id, name: name.get(language).to_owned() })
                .collect(),
            criteria: self
                .criteria
                .iter()
                .map(|criterion| Criterion {
                    id: criterion.id.clone(),
                    name: criterion.name.get(language).to_owned(),
                    weight: criterion.weight,
                })
                .collect(),
            brainwriting: self.brainwriting,
            deck: self.deck.clone(),
            // A vote without `vote` settings starts with majority judgment; the matrix splits at
            // the middle of the scale; the facilitator adjusts both in the console.
            vote: self.vote,
            impact_threshold_tenths: None,
            feasibility_threshold_tenths: None,
            // Actions fall to the administration, the next government or both unless the
            // facilitator names other authorities.
            jurisdictions: Vec::new(),
        }
    }
}

impl Template {
    /// The template's key, e.g. `smarter-democracy-hackathon`.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The template's title, which also becomes the new workshop's title.
    pub fn title(&self, language: Language) -> &str {
        self.title.get(language)
    }

    pub fn description(&self, language: Language) -> &str {
        self.description.get(language)
    }

    pub fn n_days(&self) -> u32 {
        u32::try_from(self.days.len()).unwrap_or(u32::MAX)
    }

    pub fn n_activities(&self) -> usize {
        self.days.iter().map(|day| day.activities.len()).sum()
    }

    /// The title of day `day` (1 for the first), if the template has that day.
    pub fn day_title(&self, day: u32, language: Language) -> Option<&str> {
        let index = usize::try_from(day.checked_sub(1)?).ok()?;
        self.days.get(index).map(|day| day.title.get(language))
    }

    /// The agenda of a workshop created from this template in `language`, in order; each
    /// activity's day is in `config.day`, and the activities it works on are in `source_keys`.
    pub fn agenda(&self, language: Language) -> Vec<ActivityDraft> {
        let mut agenda = Vec::with_capacity(self.n_activities());
        for (day, number) in self.days.iter().zip(1..) {
            for activity in &day.activities {
                agenda.push(ActivityDraft {
                    key: Some(activity.key.clone()),
                    kind: activity.kind,
                    title: activity.title.get(language).to_owned(),
                    prompt: activity.prompt.get(language).to_owned(),
                    config: activity.config(number, language),
                    source_keys: activity.sources.clone(),
                });
            }
        }
        agenda
    }

    /// The template written back in the format [`parse_template`] reads: parsing the result gives
    /// a template equal to this one.
    pub fn to_toml(&self) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail; the results are ignored for that reason only.
        let _ = writeln!(out, "id = {}", quote(&self.id));
        let _ = writeln!(out, "\n[title]\nfr = {}\nen = {}", quote(&self.title.fr), quote(&self.title.en));
        let _ = writeln!(
            out,
            "\n[description]\nfr = {}\nen = {}",
            quote(&self.description.fr),
            quote(&self.description.en)
        );
        for day in &self.days {
            let _ =
                writeln!(out, "\n[[day]]\ntitle.fr = {}\ntitle.en = {}", quote(&day.title.fr), quote(&day.title.en));
            for activity in &day.activities {
                write_activity(&mut out, activity);
            }
        }
        out
    }
}

fn write_activity(out: &mut String, activity: &Activity) {
    let _ = writeln!(out, "\n[[day.activity]]");
    let _ = writeln!(out, "key = {}", quote(&activity.key));
    let _ = writeln!(out, "kind = {}", quote(activity.kind.as_str()));
    let _ = writeln!(out, "title.fr = {}\ntitle.en = {}", quote(&activity.title.fr), quote(&activity.title.en));
    let _ = writeln!(out, "prompt.fr = {}\nprompt.en = {}", quote(&activity.prompt.fr), quote(&activity.prompt.en));
    if let Some(minutes) = activity.minutes {
        let _ = writeln!(out, "minutes = {minutes}");
    }
    if activity.anonymous {
        let _ = writeln!(out, "anonymous = true");
    }
    if !activity.sources.is_empty() {
        let sources: Vec<String> = activity.sources.iter().map(|source| quote(source)).collect();
        let _ = writeln!(out, "sources = [{}]", sources.join(", "));
    }
    if let Some(take) = activity.take {
        let _ = writeln!(out, "take = {}", quote(&take.to_text()));
    }
    if let Some(deck) = &activity.deck {
        let _ = writeln!(out, "deck = {}", quote(deck));
    }
    if let Some(vote) = &activity.vote {
        let _ = writeln!(out, "vote = {}", vote_table(vote));
    }
    if !activity.categories.is_empty() {
        let _ = writeln!(out, "categories = [");
        for name in &activity.categories {
            let _ = writeln!(out, "  {{ fr = {}, en = {} }},", quote(&name.fr), quote(&name.en));
        }
        let _ = writeln!(out, "]");
    }
    if !activity.criteria.is_empty() {
        let _ = writeln!(out, "criteria = [");
        for criterion in &activity.criteria {
            let _ = writeln!(
                out,
                "  {{ id = {}, weight = {}, fr = {}, en = {} }},",
                quote(&criterion.id),
                criterion.weight,
                quote(&criterion.name.fr),
                quote(&criterion.name.en)
            );
        }
        let _ = writeln!(out, "]");
    }
    // A sub-table ends the activity's own keys, so it comes last.
    if let Some(rules) = activity.brainwriting {
        let _ = writeln!(
            out,
            "\n[day.activity.brainwriting]\nideas_per_round = {}\nround_minutes = {}\ntable_size = {}",
            rules.ideas_per_round, rules.round_minutes, rules.table_size
        );
    }
}

/// A vote's settings as the inline table a template writes: the method and the numbers that
/// method reads.
fn vote_table(vote: &VoteConfig) -> String {
    let mut fields = vec![format!("method = {}", quote(vote.method.as_str()))];
    match vote.method {
        VoteMethod::Dots => {
            fields.push(format!("dots = {}", vote.dots_budget));
            fields.push(format!("dots_per_item = {}", vote.dots_cap));
        }
        VoteMethod::Score => {
            fields.push(format!("score_min = {}", vote.score_min));
            fields.push(format!("score_max = {}", vote.score_max));
            if vote.rank_by_median {
                fields.push("rank_by_median = true".to_owned());
            }
        }
        VoteMethod::MajorityJudgment => fields.push(format!("grades = {}", vote.grades)),
        _ => {}
    }
    format!("{{ {} }}", fields.join(", "))
}

/// A TOML basic string: one line, with every character that needs it escaped, so any text
/// (line breaks in prompts included) comes back exactly as it was.
fn quote(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\t' => quoted.push_str("\\t"),
            '\r' => quoted.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(quoted, "\\u{:04X}", u32::from(c));
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// Why a template was refused, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {reason}")]
pub struct TemplateError {
    /// 1-based line of the offending value (or of the activity or table it belongs to).
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// A stable machine code for the kind of problem, for pages to translate: `syntax`,
    /// `unknown_field`, `missing_field`, `invalid_value`, `no_days`, `empty_day`, `invalid_key`,
    /// `duplicate_key`, `unknown_kind`, `unknown_source`, `source_not_earlier`,
    /// `missing_translation`, `invalid_text`, `invalid_config`, `not_utf8`.
    pub code: &'static str,
    /// What is wrong, in English, for the person who wrote the file.
    pub reason: String,
}

/// Reads a template from raw bytes (an uploaded or local file): UTF-8 is required.
pub fn parse_template_bytes(bytes: &[u8]) -> Result<Template, TemplateError> {
    match std::str::from_utf8(bytes) {
        Ok(source) => parse_template(source),
        Err(error) => {
            let valid = &bytes[..error.valid_up_to()];
            // The prefix is valid UTF-8 by definition, so this never loses the position.
            let prefix = std::str::from_utf8(valid).unwrap_or_default();
            let (line, column) = line_column(prefix, prefix.len());
            Err(TemplateError {
                line,
                column,
                code: "not_utf8",
                reason: "the file is not UTF-8 text; save it as UTF-8".to_owned(),
            })
        }
    }
}

/// Reads and checks a template. See `crates/engine/templates/FORMAT.md` for the format.
pub fn parse_template(source: &str) -> Result<Template, TemplateError> {
    // Read as plain TOML first, so that a syntax error is told apart from a structural one
    // (unknown field, wrong type) without guessing from toml's message.
    if let Err(error) = toml::from_str::<toml::Table>(source) {
        let at = error.span().map_or(0, |span| span.start);
        return Err(Checker { source }.error(at..at, "syntax", format!("TOML syntax error: {}", error.message())));
    }
    let raw: RawTemplate = match toml::from_str(source) {
        Ok(raw) => raw,
        Err(error) => {
            let message = error.message();
            let code = if message.starts_with("unknown field") {
                "unknown_field"
            } else if message.starts_with("missing field") {
                "missing_field"
            } else {
                "invalid_value"
            };
            let span = error.span().unwrap_or(0..0);
            // serde names Rust types; a person writing a template knows numbers.
            let reason = message.replace("expected u32", "expected a whole number (0 or more)");
            return Err(Checker { source }.error(span, code, reason));
        }
    };
    Checker { source }.template(raw)
}

/// The templates Converge ships, parsed once. A shipped template that does not parse is logged
/// and left out rather than stopping the server; the test suite fails on it.
pub fn shipped() -> &'static [Template] {
    static SHIPPED: LazyLock<Vec<Template>> = LazyLock::new(|| {
        SHIPPED_SOURCES
            .iter()
            .filter_map(|(file, source)| match parse_template(source) {
                Ok(template) => Some(template),
                Err(error) => {
                    tracing::error!("the shipped template {file} is invalid and left out: {error}");
                    None
                }
            })
            .collect()
    });
    &SHIPPED
}

/// Why a folder of templates was refused: the file, and what is wrong where.
#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    #[error("cannot read the templates folder {}: {error}", folder.display())]
    Unreadable { folder: std::path::PathBuf, error: std::io::Error },
    #[error("{}:{}:{}: {}", file.display(), error.line, error.column, error.reason)]
    Invalid { file: std::path::PathBuf, error: TemplateError },
    #[error("{}:1:1: the template id `{id}` is already taken by {taken_by}; ids must be unique", file.display())]
    DuplicateId { file: std::path::PathBuf, id: String, taken_by: String },
}

/// The templates a server offers: the shipped ones, then every `*.toml` of `folder` in file-name
/// order, each checked like `converge template check`. The first bad file refuses the whole
/// folder, naming the file and the line, and so does an id already taken.
pub fn with_folder(folder: &std::path::Path) -> Result<Vec<Template>, FolderError> {
    let unreadable = |error| FolderError::Unreadable { folder: folder.to_owned(), error };
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(folder)
        .map_err(unreadable)?
        .map(|entry| entry.map(|entry| entry.path()))
        .collect::<Result<_, _>>()
        .map_err(unreadable)?;
    files.retain(|file| file.is_file() && file.extension().is_some_and(|extension| extension == "toml"));
    files.sort();
    let mut templates: Vec<Template> = shipped().to_vec();
    let mut origin: Vec<String> = templates.iter().map(|_| "a template shipped with Converge".to_owned()).collect();
    for file in files {
        let bytes = std::fs::read(&file).map_err(|error| FolderError::Unreadable { folder: file.clone(), error })?;
        let template =
            parse_template_bytes(&bytes).map_err(|error| FolderError::Invalid { file: file.clone(), error })?;
        if let Some(position) = templates.iter().position(|known| known.id == template.id) {
            let taken_by = origin.get(position).cloned().unwrap_or_default();
            return Err(FolderError::DuplicateId { file, id: template.id, taken_by });
        }
        origin.push(file.display().to_string());
        templates.push(template);
    }
    Ok(templates)
}

/// The shipped template with this id.
pub fn shipped_template(id: &str) -> Option<&'static Template> {
    shipped().iter().find(|template| template.id == id)
}

// The file as it is written, with the position of every value kept for error messages. Unknown
// fields are refused so that a misspelt `minute = 30` is an error, not a silent default.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTemplate {
    id: Spanned<String>,
    title: Spanned<RawTexts>,
    description: Spanned<RawTexts>,
    #[serde(default, rename = "day")]
    days: Vec<Spanned<RawDay>>,
}

/// Both languages are optional here so that a missing one is reported as a missing translation
/// naming the field, rather than as toml's bare "missing field `en`".
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTexts {
    fr: Option<Spanned<String>>,
    en: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDay {
    title: Spanned<RawTexts>,
    #[serde(default, rename = "activity")]
    activities: Vec<Spanned<RawActivity>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawActivity {
    key: Spanned<String>,
    kind: Spanned<String>,
    title: Spanned<RawTexts>,
    prompt: Spanned<RawTexts>,
    minutes: Option<Spanned<u32>>,
    #[serde(default)]
    anonymous: bool,
    #[serde(default)]
    sources: Vec<Spanned<String>>,
    take: Option<Spanned<String>>,
    categories: Option<Spanned<Vec<Spanned<RawTexts>>>>,
    criteria: Option<Spanned<Vec<Spanned<RawCriterion>>>>,
    brainwriting: Option<Spanned<RawBrainwriting>>,
    deck: Option<Spanned<String>>,
    vote: Option<Spanned<RawVote>>,
}

/// A vote's settings: the method, and the numbers of that method (the domain's defaults when
/// left out).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVote {
    method: Spanned<String>,
    /// The dots each person spends (`dots`).
    dots: Option<Spanned<u32>>,
    /// The most dots one person puts on one item (`dots`).
    dots_per_item: Option<Spanned<u32>>,
    /// The score range (`score`).
    score_min: Option<Spanned<i32>>,
    score_max: Option<Spanned<i32>>,
    /// Ranks a score vote by the median rather than the mean (`score`).
    rank_by_median: Option<Spanned<bool>>,
    /// How many grades (`majority_judgment`).
    grades: Option<Spanned<u32>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCriterion {
    id: Spanned<String>,
    /// 1 when absent, as in the domain's `Criterion`.
    weight: Option<Spanned<u32>>,
    fr: Option<Spanned<String>>,
    en: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBrainwriting {
    ideas_per_round: Spanned<u32>,
    round_minutes: Spanned<u32>,
    table_size: Spanned<u32>,
}

/// Which kind of text is checked, for the length rules and the messages.
#[derive(Clone, Copy)]
enum TextRule {
    /// One line, 1 to 120 characters (`Title`).
    Title,
    /// Line breaks allowed, up to 2,000 characters (`Prompt`).
    Prompt,
    /// A category or criterion name: checked with the configuration, kept as written here.
    Name,
}

fn language_name(language: Language) -> &'static str {
    match language {
        Language::Fr => "French",
        Language::En => "English",
    }
}

/// An id standing for the activity at `index` while its configuration is checked; the engine
/// gives the real ones.
fn stand_in_id(index: usize) -> ActivityId {
    ActivityId::from_uuid(Uuid::from_u128(index as u128 + 1))
}

struct Checker<'a> {
    source: &'a str,
}

impl Checker<'_> {
    fn error(&self, span: Range<usize>, code: &'static str, reason: String) -> TemplateError {
        let (line, column) = line_column(self.source, span.start);
        TemplateError { line, column, code, reason }
    }

    fn template(&self, raw: RawTemplate) -> Result<Template, TemplateError> {
        let id = raw.id.get_ref();
        if !valid_key(id) {
            return Err(self.error(
                raw.id.span(),
                "invalid_key",
                format!("the template id {id:?} is not a key: use 1 to 40 lower-case letters, digits, `-` or `_`"),
            ));
        }
        let title = self.texts(&raw.title, "the template's `title`", TextRule::Title)?;
        let description = self.texts(&raw.description, "the template's `description`", TextRule::Prompt)?;
        if raw.days.is_empty() {
            return Err(self.error(
                0..0,
                "no_days",
                "the template has no day: add a `[[day]]` table with its `[[day.activity]]` tables".to_owned(),
            ));
        }
        // Every key seen so far with its position on the agenda, so a source can be told to be
        // unknown or not earlier.
        let mut keys: HashMap<String, usize> = HashMap::new();
        // The kind of each of them, so a `take` rule can be checked against its sources.
        let mut kinds: HashMap<String, ActivityKind> = HashMap::new();
        let all_keys: Vec<&str> = raw
            .days
            .iter()
            .flat_map(|day| day.get_ref().activities.iter().map(|a| a.get_ref().key.get_ref().as_str()))
            .collect();
        let mut days = Vec::with_capacity(raw.days.len());
        let mut index = 0;
        for (raw_day, number) in raw.days.iter().zip(1u32..) {
            let day_title =
                self.texts(&raw_day.get_ref().title, &format!("the `title` of day {number}"), TextRule::Title)?;
            if raw_day.get_ref().activities.is_empty() {
                return Err(self.error(
                    raw_day.span(),
                    "empty_day",
                    format!("day {number} has no activity: add `[[day.activity]]` tables after its `[[day]]`"),
                ));
            }
            let mut activities = Vec::with_capacity(raw_day.get_ref().activities.len());
            for raw_activity in &raw_day.get_ref().activities {
                let activity = self.activity(raw_activity, raw_day, number, index, &keys, &all_keys)?;
                self.check_take(raw_activity, &activity, &kinds)?;
                keys.insert(activity.key.clone(), index);
                kinds.insert(activity.key.clone(), activity.kind);
                activities.push(activity);
                index += 1;
            }
            days.push(Day { title: day_title, activities });
        }
        Ok(Template { id: id.clone(), title, description, days })
    }

    fn activity(
        &self,
        spanned: &Spanned<RawActivity>,
        day: &Spanned<RawDay>,
        number: u32,
        index: usize,
        earlier: &HashMap<String, usize>,
        all_keys: &[&str],
    ) -> Result<Activity, TemplateError> {
        let raw = spanned.get_ref();
        let key = raw.key.get_ref();
        if !valid_key(key) {
            return Err(self.error(
                raw.key.span(),
                "invalid_key",
                format!("the activity key {key:?} is not a key: use 1 to 40 lower-case letters, digits, `-` or `_`"),
            ));
        }
        if earlier.contains_key(key) {
            return Err(self.error(
                raw.key.span(),
                "duplicate_key",
                format!("duplicate key `{key}`: another activity already has it; keys must be unique in a template"),
            ));
        }
        let Some(kind) = ActivityKind::parse(raw.kind.get_ref()) else {
            let known: Vec<&str> = ActivityKind::ALL.iter().map(|kind| kind.as_str()).collect();
            return Err(self.error(
                raw.kind.span(),
                "unknown_kind",
                format!("unknown activity kind {:?}; expected one of: {}", raw.kind.get_ref(), known.join(", ")),
            ));
        };
        let what = |field: &str| format!("the `{field}` of activity `{key}`");
        let title = self.texts(&raw.title, &what("title"), TextRule::Title)?;
        let prompt = self.texts(&raw.prompt, &what("prompt"), TextRule::Prompt)?;
        let mut sources = Vec::with_capacity(raw.sources.len());
        for source in &raw.sources {
            let name = source.get_ref();
            if !earlier.contains_key(name) {
                let (code, reason) = if all_keys.contains(&name.as_str()) {
                    (
                        "source_not_earlier",
                        format!(
                            "source `{name}` of activity `{key}` is not an earlier activity: an activity can only work \
                             on what the activities before it produced"
                        ),
                    )
                } else {
                    ("unknown_source", format!("source `{name}` of activity `{key}` is not the key of any activity"))
                };
                return Err(self.error(source.span(), code, reason));
            }
            sources.push(name.clone());
        }
        let mut categories = Vec::new();
        if let Some(raw_categories) = &raw.categories {
            for (category, n) in raw_categories.get_ref().iter().zip(1..) {
                let name = category.get_ref();
                categories.push(self.texts_at(
                    category.span(),
                    &name.fr,
                    &name.en,
                    &format!("the name of category {n} of activity `{key}`"),
                    TextRule::Name,
                )?);
            }
        }
        let mut criteria = Vec::new();
        if let Some(raw_criteria) = &raw.criteria {
            for criterion in raw_criteria.get_ref() {
                let c = criterion.get_ref();
                let name = self.texts_at(
                    criterion.span(),
                    &c.fr,
                    &c.en,
                    &format!("the name of criterion `{}` of activity `{key}`", c.id.get_ref()),
                    TextRule::Name,
                )?;
                let weight = c.weight.as_ref().map_or(1, |weight| *weight.get_ref());
                criteria.push(TemplateCriterion { id: c.id.get_ref().clone(), weight, name });
            }
        }
        let take = match &raw.take {
            None => None,
            Some(text) => Some(Take::from_text(text.get_ref()).ok_or_else(|| {
                self.error(
                    text.span(),
                    "invalid_value",
                    format!(
                        "the `take` of activity `{key}` is {:?}; expected \"all\", \"categories\", \"shortlist\", \
                         \"top N\" or \"dots K\" (N and K whole numbers)",
                        text.get_ref()
                    ),
                )
            })?),
        };
        let vote = match &raw.vote {
            None => None,
            Some(vote) => Some(self.vote(vote, kind, key)?),
        };
        let brainwriting = raw.brainwriting.as_ref().map(|rules| BrainwritingConfig {
            ideas_per_round: *rules.get_ref().ideas_per_round.get_ref(),
            round_minutes: *rules.get_ref().round_minutes.get_ref(),
            table_size: *rules.get_ref().table_size.get_ref(),
        });
        let activity = Activity {
            key: key.clone(),
            kind,
            title,
            prompt,
            minutes: raw.minutes.as_ref().map(|minutes| *minutes.get_ref()),
            anonymous: raw.anonymous,
            sources,
            take,
            categories,
            criteria,
            brainwriting,
            deck: raw.deck.as_ref().map(|deck| deck.get_ref().clone()),
            vote,
        };
        // The domain's own rules decide; this only finds where to point and what to say.
        let earlier_ids: Vec<ActivityId> = (0..index).map(stand_in_id).collect();
        for language in Language::ALL {
            let mut config = activity.config(number, language);
            config.sources =
                activity.sources.iter().filter_map(|source| earlier.get(source)).map(|&i| stand_in_id(i)).collect();
            if let Err(error) = ActivitySettings::parse(kind, &config, stand_in_id(index), &earlier_ids) {
                return Err(match (&error, config.option_of_another_kind(kind)) {
                    (DomainError::InvalidConfig { reason: "not_for_kind" }, Some(option)) => {
                        self.explain_option_of_another_kind(spanned, kind, option)
                    }
                    _ => self.explain_config(&error, spanned, day, number, &config, language),
                });
            }
        }
        Ok(activity)
    }

    /// A `vote = { … }` table read and checked field by field, so that a refusal points at the
    /// number at fault; the limits are the domain's (`VoteConfig::check`).
    fn vote(&self, spanned: &Spanned<RawVote>, kind: ActivityKind, key: &str) -> Result<VoteConfig, TemplateError> {
        let invalid = |span: Range<usize>, reason: String| self.error(span, "invalid_config", reason);
        if kind != ActivityKind::Vote {
            return Err(invalid(
                spanned.span(),
                format!("`vote` is not a setting of a `{}` activity: remove it from activity `{key}`", kind.as_str()),
            ));
        }
        let raw = spanned.get_ref();
        let method_name = raw.method.get_ref();
        let Some(method) = VoteMethod::parse(method_name) else {
            let known: Vec<&str> = VoteMethod::ALL.iter().map(|method| method.as_str()).collect();
            return Err(invalid(
                raw.method.span(),
                format!(
                    "unknown vote method {method_name:?} for activity `{key}`; expected one of: {}",
                    known.join(", ")
                ),
            ));
        };
        // A number of another method would be silently ignored: refused, naming the method it is for.
        let belongs = [
            ("dots", raw.dots.as_ref().map(Spanned::span), VoteMethod::Dots),
            ("dots_per_item", raw.dots_per_item.as_ref().map(Spanned::span), VoteMethod::Dots),
            ("score_min", raw.score_min.as_ref().map(Spanned::span), VoteMethod::Score),
            ("score_max", raw.score_max.as_ref().map(Spanned::span), VoteMethod::Score),
            ("rank_by_median", raw.rank_by_median.as_ref().map(Spanned::span), VoteMethod::Score),
            ("grades", raw.grades.as_ref().map(Spanned::span), VoteMethod::MajorityJudgment),
        ];
        for (field, span, of) in belongs {
            if let Some(span) = span
                && of != method
            {
                return Err(invalid(
                    span,
                    format!(
                        "`{field}` is a setting of a `{}` vote; activity `{key}` votes by `{}`: remove it",
                        of.as_str(),
                        method.as_str()
                    ),
                ));
            }
        }
        let defaults = VoteConfig::new(method);
        let mut vote = defaults;
        // Each number is checked alone against the defaults, then the two that depend on each
        // other together, so the message names the one at fault.
        let alone = |config: VoteConfig| config.check().is_ok();
        if let Some(dots) = &raw.dots {
            vote.dots_budget = *dots.get_ref();
            if !alone(VoteConfig { dots_budget: vote.dots_budget, dots_cap: 1, ..defaults }) {
                return Err(invalid(
                    dots.span(),
                    format!("the `dots` of the vote `{key}` must be between 1 and 100, not {}", vote.dots_budget),
                ));
            }
        }
        vote.dots_cap = match &raw.dots_per_item {
            Some(cap) => *cap.get_ref(),
            // Left out, the cap is the domain's, and never more than the dots.
            None => defaults.dots_cap.min(vote.dots_budget),
        };
        if !alone(vote) && method == VoteMethod::Dots {
            let span = raw.dots_per_item.as_ref().map_or(spanned.span(), Spanned::span);
            return Err(invalid(
                span,
                format!(
                    "the `dots_per_item` of the vote `{key}` must be between 1 and its `dots` ({}), not {}",
                    vote.dots_budget, vote.dots_cap
                ),
            ));
        }
        if let Some(min) = &raw.score_min {
            vote.score_min = *min.get_ref();
        }
        if let Some(max) = &raw.score_max {
            vote.score_max = *max.get_ref();
        }
        if method == VoteMethod::Score && !alone(vote) {
            let span = raw.score_max.as_ref().or(raw.score_min.as_ref()).map_or(spanned.span(), Spanned::span);
            return Err(invalid(
                span,
                format!(
                    "the scores of the vote `{key}` must run from `score_min` to a greater `score_max`, at most 100                      apart, not {} to {}",
                    vote.score_min, vote.score_max
                ),
            ));
        }
        vote.rank_by_median = raw.rank_by_median.as_ref().is_some_and(|median| *median.get_ref());
        if let Some(grades) = &raw.grades {
            let n = *grades.get_ref();
            vote.grades = u8::try_from(n).unwrap_or(u8::MAX);
            if !alone(vote) {
                return Err(invalid(
                    grades.span(),
                    format!("the `grades` of the vote `{key}` must be between 2 and 10, not {n}"),
                ));
            }
        }
        Ok(vote)
    }

    /// A `take` rule needs a source that can feed it, as the domain checks on the agenda.
    fn check_take(
        &self,
        spanned: &Spanned<RawActivity>,
        activity: &Activity,
        kinds: &HashMap<String, ActivityKind>,
    ) -> Result<(), TemplateError> {
        let Some(take) = activity.take else { return Ok(()) };
        let raw = spanned.get_ref();
        let span = raw.take.as_ref().map_or(spanned.span(), Spanned::span);
        let key = &activity.key;
        let source_kinds: Vec<ActivityKind> =
            activity.sources.iter().filter_map(|source| kinds.get(source)).copied().collect();
        let has = |wanted: &[ActivityKind]| source_kinds.iter().any(|kind| wanted.contains(kind));
        let reason = match take {
            Take::All | Take::Shortlist => return Ok(()),
            Take::Categories if activity.kind != ActivityKind::Brainwriting => {
                format!("`take = \"categories\"` is for a brainwriting; activity `{key}` is not one")
            }
            Take::Categories if !has(&[ActivityKind::Categorize]) => {
                format!("`take = \"categories\"` of activity `{key}` needs a categorize activity among its `sources`")
            }
            Take::Top { .. } if !has(&[ActivityKind::Vote, ActivityKind::Assess]) => {
                format!("a top N of activity `{key}` needs a vote or an assess activity among its `sources`")
            }
            // Whether the vote counts dots is the vote's own setting, which the facilitator may
            // still change in the console: the domain checks it when the workshop runs.
            Take::MinDots { .. } if !has(&[ActivityKind::Vote]) => {
                format!("`take = \"dots K\"` of activity `{key}` needs a vote among its `sources`")
            }
            _ => return Ok(()),
        };
        Err(self.error(span, "invalid_config", reason))
    }

    /// Turns the domain's refusal of a configuration into a message pointing at the field.
    fn explain_config(
        &self,
        error: &DomainError,
        spanned: &Spanned<RawActivity>,
        day: &Spanned<RawDay>,
        number: u32,
        config: &ActivityConfig,
        language: Language,
    ) -> TemplateError {
        let raw = spanned.get_ref();
        let key = raw.key.get_ref();
        let kind = raw.kind.get_ref();
        let invalid = |span: Range<usize>, reason: String| self.error(span, "invalid_config", reason);
        let reason = match error {
            DomainError::InvalidConfig { reason } => *reason,
            other => return invalid(spanned.span(), format!("activity `{key}`: {other}")),
        };
        match reason {
            "minutes" => {
                let span = raw.minutes.as_ref().map_or(spanned.span(), Spanned::span);
                invalid(
                    span,
                    format!(
                        "the `minutes` of activity `{key}` must be between 1 and {MINUTES_MAX}, not {:?}",
                        config.minutes.unwrap_or(0)
                    ),
                )
            }
            "take" => {
                let span = raw.take.as_ref().map_or(spanned.span(), Spanned::span);
                invalid(
                    span,
                    format!(
                        "the `take` of activity `{key}` needs `sources`, and a top N or a dots K between 1 and {}",
                        converge_core::selection::TAKE_MAX
                    ),
                )
            }
            "day" => {
                invalid(day.span(), format!("day {number} is one too many: a template has at most {DAYS_MAX} days"))
            }
            "categories" => self.explain_categories(raw, spanned, config, language),
            "criteria" => self.explain_criteria(raw, spanned, config, language),
            "brainwriting" => {
                let Some(rules) = &raw.brainwriting else {
                    return invalid(
                        spanned.span(),
                        format!("the brainwriting rules of activity `{key}` are not valid"),
                    );
                };
                let rules = rules.get_ref();
                // Each number is tried alone with the classic 6-3-5 for the others, so the
                // domain's check says which one is out of range.
                let alone = |rules: BrainwritingConfig| {
                    let config = ActivityConfig { brainwriting: Some(rules), ..ActivityConfig::default() };
                    ActivitySettings::parse(ActivityKind::Brainwriting, &config, stand_in_id(0), &[])
                };
                let classic = BrainwritingConfig::default();
                let ideas = *rules.ideas_per_round.get_ref();
                let minutes = *rules.round_minutes.get_ref();
                let size = *rules.table_size.get_ref();
                if alone(BrainwritingConfig { ideas_per_round: ideas, ..classic }).is_err() {
                    invalid(
                        rules.ideas_per_round.span(),
                        format!(
                            "brainwriting `ideas_per_round` must be between 1 and {IDEAS_PER_ROUND_MAX}, not {ideas}"
                        ),
                    )
                } else if alone(BrainwritingConfig { round_minutes: minutes, ..classic }).is_err() {
                    invalid(
                        rules.round_minutes.span(),
                        format!(
                            "brainwriting `round_minutes` must be between 1 and {ROUND_MINUTES_MAX}, not {minutes}"
                        ),
                    )
                } else {
                    invalid(
                        rules.table_size.span(),
                        format!(
                            "brainwriting `table_size` must be between {TABLE_SIZE_MIN} and {TABLE_SIZE_MAX} people, \
                             not {size}: sheets rotate between the members of a table"
                        ),
                    )
                }
            }
            "deck" => {
                let span = raw.deck.as_ref().map_or(spanned.span(), Spanned::span);
                invalid(
                    span,
                    format!(
                        "the `deck` of activity `{key}` must be \"builtin\" or the key of an uploaded deck \
                         (lower-case letters, digits, `-` and `_`)"
                    ),
                )
            }
            other => invalid(spanned.span(), format!("the {other} setting of `{kind}` activity `{key}` is not valid")),
        }
    }

    /// Points at an option that belongs to another kind of activity: of those, a template can
    /// only write categories, criteria, a deck and brainwriting rules.
    fn explain_option_of_another_kind(
        &self,
        spanned: &Spanned<RawActivity>,
        kind: ActivityKind,
        option: &str,
    ) -> TemplateError {
        let raw = spanned.get_ref();
        let span = match option {
            "categories" => raw.categories.as_ref().map(Spanned::span),
            "criteria" => raw.criteria.as_ref().map(Spanned::span),
            "deck" => raw.deck.as_ref().map(Spanned::span),
            "brainwriting" => raw.brainwriting.as_ref().map(Spanned::span),
            _ => None,
        };
        let reason = format!(
            "`{option}` is not a setting of a `{}` activity: remove it from activity `{}`",
            kind.as_str(),
            raw.key.get_ref()
        );
        self.error(span.unwrap_or(spanned.span()), "invalid_config", reason)
    }

    fn explain_categories(
        &self,
        raw: &RawActivity,
        spanned: &Spanned<RawActivity>,
        config: &ActivityConfig,
        language: Language,
    ) -> TemplateError {
        let key = raw.key.get_ref();
        let invalid = |span: Range<usize>, reason: String| self.error(span, "invalid_config", reason);
        let Some(list) = &raw.categories else {
            return invalid(
                raw.kind.span(),
                format!(
                    "the categorize activity `{key}` has no categories: \
                     add `categories = [{{ fr = \"…\", en = \"…\" }}, …]`"
                ),
            );
        };
        if config.categories.is_empty() {
            return invalid(list.span(), format!("the categorize activity `{key}` needs at least one category"));
        }
        if config.categories.len() > CATEGORIES_MAX {
            return invalid(
                list.span(),
                format!("activity `{key}` has {} categories; the limit is {CATEGORIES_MAX}", config.categories.len()),
            );
        }
        // Ids are assigned in order, so only a name can be wrong: find which by checking each alone.
        for ((category, spanned_category), n) in config.categories.iter().zip(list.get_ref()).zip(1..) {
            let alone = ActivityConfig { categories: vec![category.clone()], ..ActivityConfig::default() };
            if ActivitySettings::parse(ActivityKind::Categorize, &alone, stand_in_id(0), &[]).is_err() {
                return invalid(
                    spanned_category.span(),
                    format!(
                        "the {} name of category {n} of activity `{key}` must have 1 to {NAME_MAX} characters \
                         on one line",
                        language_name(language)
                    ),
                );
            }
        }
        invalid(spanned.span(), format!("the categories of activity `{key}` are not valid"))
    }

    fn explain_criteria(
        &self,
        raw: &RawActivity,
        spanned: &Spanned<RawActivity>,
        config: &ActivityConfig,
        language: Language,
    ) -> TemplateError {
        let key = raw.key.get_ref();
        let invalid = |span: Range<usize>, reason: String| self.error(span, "invalid_config", reason);
        let Some(list) = &raw.criteria else {
            return invalid(
                raw.kind.span(),
                format!(
                    "the assess activity `{key}` has no criteria: add \
                     `criteria = [{{ id = \"impact\", weight = 2, fr = \"…\", en = \"…\" }}, …]`"
                ),
            );
        };
        if config.criteria.is_empty() {
            return invalid(list.span(), format!("the assess activity `{key}` needs at least one criterion"));
        }
        if config.criteria.len() > CRITERIA_MAX {
            return invalid(
                list.span(),
                format!("activity `{key}` has {} criteria; the limit is {CRITERIA_MAX}", config.criteria.len()),
            );
        }
        // Each criterion is checked alone, then each of its parts alone beside harmless values,
        // so the domain's check says which part is wrong.
        let alone = |criterion: Criterion| {
            let config = ActivityConfig { criteria: vec![criterion], ..ActivityConfig::default() };
            ActivitySettings::parse(ActivityKind::Assess, &config, stand_in_id(0), &[])
        };
        let harmless = Criterion { id: "criterion".to_owned(), name: "Criterion".to_owned(), weight: 1 };
        for (criterion, raw_criterion) in config.criteria.iter().zip(list.get_ref()) {
            if alone(criterion.clone()).is_ok() {
                continue;
            }
            let part = raw_criterion.get_ref();
            let id = &criterion.id;
            if alone(Criterion { id: id.clone(), ..harmless.clone() }).is_err() {
                return invalid(
                    part.id.span(),
                    format!("criterion id {id:?} is not a key: use 1 to 40 lower-case letters, digits, `-` or `_`"),
                );
            }
            if alone(Criterion { weight: criterion.weight, ..harmless.clone() }).is_err() {
                let span = part.weight.as_ref().map_or(raw_criterion.span(), Spanned::span);
                return invalid(
                    span,
                    format!(
                        "the weight of criterion `{id}` must be between 1 and {WEIGHT_MAX}, not {}",
                        criterion.weight
                    ),
                );
            }
            return invalid(
                raw_criterion.span(),
                format!(
                    "the {} name of criterion `{id}` must have 1 to {NAME_MAX} characters on one line",
                    language_name(language)
                ),
            );
        }
        // Every criterion is fine alone, so two share an id.
        for (n, raw_criterion) in list.get_ref().iter().enumerate() {
            let id = raw_criterion.get_ref().id.get_ref();
            if list.get_ref()[..n].iter().any(|other| other.get_ref().id.get_ref() == id) {
                return invalid(
                    raw_criterion.get_ref().id.span(),
                    format!("criterion id `{id}` appears twice in activity `{key}`; ids must be unique"),
                );
            }
        }
        invalid(spanned.span(), format!("the criteria of activity `{key}` are not valid"))
    }

    /// Both translations of a `{ fr = …, en = … }` table, present and valid.
    fn texts(&self, texts: &Spanned<RawTexts>, what: &str, rule: TextRule) -> Result<Texts, TemplateError> {
        let raw = texts.get_ref();
        self.texts_at(texts.span(), &raw.fr, &raw.en, what, rule)
    }

    fn texts_at(
        &self,
        span: Range<usize>,
        fr: &Option<Spanned<String>>,
        en: &Option<Spanned<String>>,
        what: &str,
        rule: TextRule,
    ) -> Result<Texts, TemplateError> {
        let one = |text: &Option<Spanned<String>>, language: Language| -> Result<String, TemplateError> {
            let Some(text) = text else {
                return Err(self.error(
                    span.clone(),
                    "missing_translation",
                    format!(
                        "missing {} text: {what} has no `{}`; templates ship in French and English",
                        language_name(language),
                        language.as_str()
                    ),
                ));
            };
            let checked = match rule {
                TextRule::Title => Title::parse(text.get_ref()).map(Title::into_string),
                TextRule::Prompt => Prompt::parse(text.get_ref()).map(Prompt::into_string),
                TextRule::Name => Ok(text.get_ref().trim().to_owned()),
            };
            checked.map_err(|error| {
                let problem = match error {
                    DomainError::TextEmpty { .. } => "is empty".to_owned(),
                    DomainError::TextTooLong { max, actual, .. } => {
                        format!("has {actual} characters; the limit is {max}")
                    }
                    DomainError::ControlCharacters { .. } => match rule {
                        TextRule::Title => "must be on one line, without control characters".to_owned(),
                        _ => "contains control characters".to_owned(),
                    },
                    other => format!("is not valid: {other}"),
                };
                self.error(
                    text.span(),
                    "invalid_text",
                    format!("the {} text of {what} {problem}", language_name(language)),
                )
            })
        };
        Ok(Texts { fr: one(fr, Language::Fr)?, en: one(en, Language::En)? })
    }
}

/// 1-based line and column (in characters) of byte `offset` in `source`.
fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    // A span from toml always falls on a character boundary; this is only a guard.
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}
