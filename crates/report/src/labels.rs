//! The report's own words in French and English.
//!
//! The report is written away from the web server (on the command line, into a PDF), so it
//! cannot use the web's Fluent catalogues; its vocabulary is small and fixed, kept here as two
//! tables the compiler checks for completeness. Where the web says the same thing (activity
//! kinds, vote explanations), the wording follows the web's catalogues.

use converge_core::outcomes::{ActionStatus, Stance};
use converge_core::results::CountMethod;
use converge_core::voting::VoteMethod;
use converge_core::{ActivityKind, ActivityStatus, ContributionKind, Language, Role};
use serde::Serialize;

/// Headings and fixed phrases, one table per language. Serialised into the report so that a
/// template reading the JSON has the same words.
#[derive(Debug, Serialize)]
pub struct Labels {
    pub language: &'static str,
    /// The colon as the language writes it after a label (a space before it in French).
    pub colon: &'static str,
    pub report: &'static str,
    pub contents: &'static str,
    /// Before the page numbers of the printed report ("page 3 / 12").
    pub page: &'static str,
    pub generated_on: &'static str,
    pub workshop_dates: &'static str,
    pub workshop_closed_on: &'static str,
    pub workshop_open: &'static str,
    pub purpose: &'static str,
    pub agenda: &'static str,
    pub day: &'static str,
    pub unscheduled: &'static str,
    pub activity: &'static str,
    pub kind: &'static str,
    pub prompt: &'static str,
    pub status: &'static str,
    pub contributions: &'static str,
    pub participation: &'static str,
    pub participation_intro: &'static str,
    pub role: &'static str,
    pub service: &'static str,
    pub service_not_given: &'static str,
    pub people: &'static str,
    pub total: &'static str,
    pub vision: &'static str,
    pub card: &'static str,
    pub swot: &'static str,
    pub challenges: &'static str,
    pub not_sorted: &'static str,
    pub builds_on: &'static str,
    pub merged_notes: &'static str,
    pub ideas: &'static str,
    pub assessment: &'static str,
    pub rank: &'static str,
    pub item: &'static str,
    pub weighted_score: &'static str,
    pub quadrant: &'static str,
    pub matrix: &'static str,
    pub axis_impact: &'static str,
    pub axis_feasibility: &'static str,
    pub assessors: &'static str,
    pub votes: &'static str,
    pub method: &'static str,
    pub ballots: &'static str,
    pub score: &'static str,
    pub margin: &'static str,
    pub tie: &'static str,
    pub provisional: &'static str,
    pub count_impossible: &'static str,
    pub actions: &'static str,
    pub actions_intro: &'static str,
    pub no_actions: &'static str,
    pub description: &'static str,
    pub rationale: &'static str,
    pub owner: &'static str,
    pub jurisdiction: &'static str,
    pub horizon: &'static str,
    pub first_steps: &'static str,
    pub resources: &'static str,
    pub indicators: &'static str,
    pub consensus: &'static str,
    pub objections: &'static str,
    pub follow_up: &'static str,
    pub answerable: &'static str,
    pub next_update_due: &'static str,
    pub overdue: &'static str,
    pub history: &'static str,
    pub provenance: &'static str,
    pub mitigates: &'static str,
    pub risks: &'static str,
    pub risk: &'static str,
    pub likelihood: &'static str,
    pub impact: &'static str,
    pub spread: &'static str,
    pub raters: &'static str,
    pub mitigated_by: &'static str,
    pub not_rated: &'static str,
    pub heat_map: &'static str,
    pub fairness: &'static str,
    pub fairness_intro: &'static str,
    pub share: &'static str,
    pub anonymous_contributions: &'static str,
    pub contributors: &'static str,
    pub gini: &'static str,
    pub gini_explained: &'static str,
    pub fates: &'static str,
    pub fate_became_action: &'static str,
    pub fate_retained: &'static str,
    pub fate_not_retained: &'static str,
    pub fate_pending: &'static str,
    pub fate_merged: &'static str,
    pub record: &'static str,
    pub workshop_id: &'static str,
    pub head_hash: &'static str,
    pub events: &'static str,
    pub verify_sentence: &'static str,
    pub head_hash_at_closure: &'static str,
    pub closing_event: &'static str,
    pub verify_at_closure_sentence: &'static str,
    pub verify_with_follow_up_sentence: &'static str,
    pub follow_up_as_of: &'static str,
    pub follow_up_apart: &'static str,
    pub follow_up_log: &'static str,
    pub nothing_here: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
}

const FR: Labels = Labels {
    language: "fr",
    colon: " : ",
    report: "Rapport d’atelier",
    contents: "Sommaire",
    page: "page",
    generated_on: "Rapport établi le",
    workshop_dates: "Dates de l’atelier",
    workshop_closed_on: "Atelier clôturé le",
    workshop_open: "L’atelier n’est pas encore clôturé : ce rapport en donne l’état provisoire.",
    purpose: "Objet et déroulement",
    agenda: "Programme",
    day: "Jour",
    unscheduled: "Hors programme",
    activity: "Activité",
    kind: "Type",
    prompt: "Consigne",
    status: "État",
    contributions: "Contributions",
    participation: "Qui a participé",
    participation_intro: "Les personnes sont comptées par service et par rôle ; aucun nom ne figure dans ce rapport.",
    role: "Rôle",
    service: "Service",
    service_not_given: "service non renseigné",
    people: "Personnes",
    total: "Total",
    vision: "Galerie des visions",
    card: "Carte",
    swot: "Tableau SWOT",
    challenges: "Défis par catégorie",
    not_sorted: "Non classés",
    builds_on: "S’appuie sur",
    merged_notes: "Notes fusionnées",
    ideas: "Idées et évaluation",
    assessment: "Évaluation multicritère",
    rank: "Rang",
    item: "Idée",
    weighted_score: "Note pondérée",
    quadrant: "Quadrant",
    matrix: "Matrice impact / faisabilité",
    axis_impact: "Impact",
    axis_feasibility: "Faisabilité",
    assessors: "Évaluateurs",
    votes: "Résultats des votes",
    method: "Méthode",
    ballots: "Bulletins",
    score: "Score",
    margin: "Écart",
    tie: "ex aequo",
    provisional: "Décompte provisoire : le vote n’a pas été clôturé.",
    count_impossible: "Le décompte est impossible : les idées ont changé depuis le vote.",
    actions: "Plan d’action",
    actions_intro: "Les actions sont regroupées selon à qui elles reviennent. Chacune indique les contributions dont elle est issue.",
    no_actions: "Aucune action n’a été rédigée.",
    description: "Description",
    rationale: "Justification",
    owner: "Porteur",
    jurisdiction: "Compétence",
    horizon: "Échéance",
    first_steps: "Premières étapes",
    resources: "Ressources",
    indicators: "Indicateurs de réussite",
    consensus: "Consensus",
    objections: "Objections",
    follow_up: "Suivi",
    answerable: "Responsable",
    next_update_due: "Prochaine mise à jour attendue le",
    overdue: "mise à jour en retard",
    history: "Historique",
    provenance: "Issue de",
    mitigates: "Atténue",
    risks: "Risques",
    risk: "Risque",
    likelihood: "Probabilité",
    impact: "Impact",
    spread: "Écart type",
    raters: "Évaluateurs",
    mitigated_by: "Atténué par",
    not_rated: "non évalué",
    heat_map: "Carte de chaleur des risques",
    fairness: "Équité de la participation",
    fairness_intro: "Part des contributions signées par service ; les contributions anonymes ne sont attribuées à aucun service.",
    share: "Part",
    anonymous_contributions: "Contributions anonymes (non attribuées)",
    contributors: "Participants ayant signé une contribution",
    gini: "Coefficient de Gini des contributions signées par participant",
    gini_explained: "0 : chacun a contribué autant ; proche de 1 : quelques personnes ont presque tout écrit. Les participants sans contribution signée comptent pour zéro ; les contributions anonymes ne sont attribuées à personne.",
    fates: "Ce que sont devenues les contributions",
    fate_became_action: "devenues action",
    fate_retained: "retenues",
    fate_not_retained: "non retenues",
    fate_pending: "sans décision",
    fate_merged: "fusionnées dans une autre",
    record: "Registre et vérification",
    workshop_id: "Identifiant de l’atelier",
    head_hash: "Empreinte finale du registre",
    events: "Nombre d’événements",
    verify_sentence: "Tout lecteur peut vérifier ce registre : exportez l’atelier en JSON et lancez « converge verify FICHIER » ; l’empreinte finale affichée doit être celle-ci.",
    head_hash_at_closure: "Empreinte du registre à la clôture",
    closing_event: "Dernier événement de la clôture",
    verify_at_closure_sentence: "Tout lecteur peut vérifier ce registre : exportez le registre à la clôture en JSON (« converge export ATELIER --at-closure ») et lancez « converge verify FICHIER --expect-head EMPREINTE » avec l’empreinte ci-dessus ; il ne répond OK que si le registre se termine exactement par elle. Ce rapport, refait plus tard, est identique octet pour octet.",
    verify_with_follow_up_sentence: "Tout lecteur peut vérifier ce registre : exportez le registre à la clôture en JSON (« converge export ATELIER --at-closure ») et lancez « converge verify FICHIER --expect-head EMPREINTE » avec l’empreinte ci-dessus ; il ne répond OK que si le registre se termine exactement par elle. Le suivi qui suit est daté : il change à chaque mise à jour.",
    follow_up_as_of: "Suivi des actions au",
    follow_up_apart: "Ce suivi a été inscrit après la clôture : il ne fait pas partie du registre de l’atelier scellé ci-dessus, et change à chaque mise à jour.",
    follow_up_log: "Registre complet, suivi compris",
    nothing_here: "Rien à signaler.",
    yes: "oui",
    no: "non",
};

const EN: Labels = Labels {
    language: "en",
    colon: ": ",
    report: "Workshop report",
    contents: "Contents",
    page: "page",
    generated_on: "Report generated on",
    workshop_dates: "Workshop dates",
    workshop_closed_on: "Workshop closed on",
    workshop_open: "The workshop is not closed yet: this report shows where it stands.",
    purpose: "Purpose and course",
    agenda: "Agenda",
    day: "Day",
    unscheduled: "Unscheduled",
    activity: "Activity",
    kind: "Kind",
    prompt: "Prompt",
    status: "Status",
    contributions: "Contributions",
    participation: "Who took part",
    participation_intro: "People are counted by service and by role; no name appears in this report.",
    role: "Role",
    service: "Service",
    service_not_given: "service not given",
    people: "People",
    total: "Total",
    vision: "Vision gallery",
    card: "Card",
    swot: "SWOT board",
    challenges: "Challenges by category",
    not_sorted: "Not sorted",
    builds_on: "Builds on",
    merged_notes: "Merged notes",
    ideas: "Ideas and their assessment",
    assessment: "Multi-criteria assessment",
    rank: "Rank",
    item: "Idea",
    weighted_score: "Weighted score",
    quadrant: "Quadrant",
    matrix: "Impact / feasibility matrix",
    axis_impact: "Impact",
    axis_feasibility: "Feasibility",
    assessors: "Assessors",
    votes: "Vote results",
    method: "Method",
    ballots: "Ballots",
    score: "Score",
    margin: "Margin",
    tie: "tie",
    provisional: "Provisional count: the vote was not closed.",
    count_impossible: "The count is impossible: the ideas changed after the vote.",
    actions: "Action plan",
    actions_intro: "Actions are grouped by whom they fall to. Each one lists the contributions it comes from.",
    no_actions: "No action was drafted.",
    description: "Description",
    rationale: "Rationale",
    owner: "Owner",
    jurisdiction: "Jurisdiction",
    horizon: "Horizon",
    first_steps: "First steps",
    resources: "Resources",
    indicators: "Success indicators",
    consensus: "Consensus",
    objections: "Objections",
    follow_up: "Follow-up",
    answerable: "Answerable",
    next_update_due: "Next update due on",
    overdue: "update overdue",
    history: "History",
    provenance: "Comes from",
    mitigates: "Mitigates",
    risks: "Risks",
    risk: "Risk",
    likelihood: "Likelihood",
    impact: "Impact",
    spread: "Standard deviation",
    raters: "Raters",
    mitigated_by: "Mitigated by",
    not_rated: "not rated",
    heat_map: "Risk heat map",
    fairness: "Fairness of participation",
    fairness_intro: "Share of signed contributions by service; anonymous contributions are attributed to no service.",
    share: "Share",
    anonymous_contributions: "Anonymous contributions (not attributed)",
    contributors: "Participants with a signed contribution",
    gini: "Gini coefficient of signed contributions per participant",
    gini_explained: "0: everyone contributed as much; close to 1: a few people wrote almost everything. Participants with no signed contribution count as zero; anonymous contributions are attributed to nobody.",
    fates: "What became of the contributions",
    fate_became_action: "became actions",
    fate_retained: "retained",
    fate_not_retained: "not retained",
    fate_pending: "no decision yet",
    fate_merged: "merged into another",
    record: "Record and verification",
    workshop_id: "Workshop id",
    head_hash: "Final hash of the record",
    events: "Number of events",
    verify_sentence: "Any reader can check this record: export the workshop as JSON and run “converge verify FILE”; the final hash it prints must be this one.",
    head_hash_at_closure: "Hash of the record at closure",
    closing_event: "Last event of the closing",
    verify_at_closure_sentence: "Any reader can check this record: export the record at closure as JSON (“converge export WORKSHOP --at-closure”) and run “converge verify FILE --expect-head HASH” with the hash above; it answers OK only when the record ends exactly there. This report, made again later, is the same byte for byte.",
    verify_with_follow_up_sentence: "Any reader can check this record: export the record at closure as JSON (“converge export WORKSHOP --at-closure”) and run “converge verify FILE --expect-head HASH” with the hash above; it answers OK only when the record ends exactly there. The follow-up below is dated: it changes with every update.",
    follow_up_as_of: "Follow-up of the actions as of",
    follow_up_apart: "This follow-up was recorded after the closing: it is not part of the workshop’s record sealed above, and changes with every update.",
    follow_up_log: "Whole log, follow-up included",
    nothing_here: "Nothing to report.",
    yes: "yes",
    no: "no",
};

impl Labels {
    pub fn of(language: Language) -> &'static Labels {
        match language {
            Language::Fr => &FR,
            Language::En => &EN,
        }
    }
}

/// The words that depend on a value: kinds, statuses, methods, and the sentences with numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words(pub Language);

impl Words {
    fn pick(self, fr: &'static str, en: &'static str) -> &'static str {
        match self.0 {
            Language::Fr => fr,
            Language::En => en,
        }
    }

    pub fn activity_kind(self, kind: ActivityKind) -> &'static str {
        use ActivityKind as K;
        match kind {
            K::PhotoLanguage => self.pick("Photolangage", "Photo language"),
            K::Swot => self.pick("SWOT", "SWOT"),
            K::Challenges => self.pick("Défis", "Challenges"),
            K::Reformulate => self.pick("Reformulation", "Reformulation"),
            K::Categorize => self.pick("Tri en catégories", "Sorting into categories"),
            K::Brainwriting => self.pick("Brainwriting", "Brainwriting"),
            K::Assess => self.pick("Évaluation multicritère", "Multi-criteria assessment"),
            K::Vote => self.pick("Vote", "Vote"),
            K::ActionPlan => self.pick("Plan d’action", "Action plan"),
            K::RiskMap => self.pick("Carte des risques", "Risk map"),
            K::OpinionMap => self.pick("Carte des opinions", "Opinion map"),
        }
    }

    pub fn contribution_kind(self, kind: ContributionKind) -> &'static str {
        use ContributionKind as C;
        match kind {
            C::Vision => self.pick("vision", "vision"),
            C::Strength => self.pick("force", "strength"),
            C::Weakness => self.pick("faiblesse", "weakness"),
            C::Opportunity => self.pick("opportunité", "opportunity"),
            C::Threat => self.pick("menace", "threat"),
            C::Challenge => self.pick("défi", "challenge"),
            C::Question => self.pick("question reformulée", "reframed question"),
            C::Idea => self.pick("idée", "idea"),
            C::Risk => self.pick("risque", "risk"),
            C::Statement => self.pick("affirmation", "statement"),
        }
    }

    /// The SWOT quadrant headings, plural.
    pub fn swot_quadrant(self, kind: ContributionKind) -> &'static str {
        use ContributionKind as C;
        match kind {
            C::Strength => self.pick("Forces", "Strengths"),
            C::Weakness => self.pick("Faiblesses", "Weaknesses"),
            C::Opportunity => self.pick("Opportunités", "Opportunities"),
            C::Threat => self.pick("Menaces", "Threats"),
            other => self.contribution_kind(other),
        }
    }

    pub fn activity_status(self, status: ActivityStatus) -> &'static str {
        match status {
            ActivityStatus::Draft => self.pick("non tenue", "not held"),
            ActivityStatus::Open => self.pick("ouverte", "open"),
            ActivityStatus::Closed => self.pick("clôturée", "closed"),
        }
    }

    pub fn role(self, role: Role) -> &'static str {
        match role {
            Role::Facilitator => self.pick("animation", "facilitation"),
            Role::Expert => self.pick("expert·es", "experts"),
            Role::Participant => self.pick("participant·es", "participants"),
            Role::Observer => self.pick("observateur·rices", "observers"),
        }
    }

    pub fn action_status(self, status: ActionStatus) -> &'static str {
        match status {
            ActionStatus::Planned => self.pick("prévue", "planned"),
            ActionStatus::InProgress => self.pick("en cours", "in progress"),
            ActionStatus::Done => self.pick("réalisée", "done"),
            ActionStatus::Dropped => self.pick("abandonnée", "dropped"),
        }
    }

    pub fn stance(self, stance: Stance) -> &'static str {
        match stance {
            Stance::Agree => self.pick("d’accord", "agree"),
            Stance::CanLiveWith => self.pick("peut s’en accommoder", "can live with it"),
            Stance::Object => self.pick("objection", "object"),
        }
    }

    /// The names of the default jurisdictions; `None` for a key the activity invented.
    pub fn default_jurisdiction(self, key: &str) -> Option<&'static str> {
        Some(match key {
            "administration" => self.pick("L’administration elle-même", "The administration itself"),
            "government" => self.pick("Le prochain gouvernement", "The next government"),
            "shared" => self.pick("Compétence partagée", "Shared"),
            _ => return None,
        })
    }

    pub fn quadrant(self, key: &str) -> &'static str {
        match key {
            "quick_win" => self.pick("Gains rapides", "Quick wins"),
            "big_bet" => self.pick("Paris audacieux", "Big bets"),
            "fill_in" => self.pick("Compléments", "Fill-ins"),
            "money_pit" => self.pick("Gouffres financiers", "Money pits"),
            _ => self.pick("Non évaluée", "Not assessed"),
        }
    }

    pub fn method(self, method: CountMethod) -> &'static str {
        match Wording::of(method, false) {
            Wording::Dots => self.pick("Vote par gommettes", "Dot voting"),
            Wording::Approval => self.pick("Vote par approbation", "Approval voting"),
            Wording::Score | Wording::ScoreMedian => self.pick("Vote par notes", "Score voting"),
            Wording::MajorityJudgment => self.pick("Jugement majoritaire", "Majority judgment"),
            Wording::Plurality => self.pick("Scrutin majoritaire à un tour", "Plurality"),
            Wording::Borda => self.pick("Méthode de Borda", "Borda count"),
            Wording::InstantRunoff => self.pick("Vote alternatif (éliminations successives)", "Instant runoff"),
            Wording::Copeland => self.pick("Méthode de Copeland", "Copeland's method"),
            Wording::Schulze => self.pick("Méthode de Schulze", "Schulze method"),
            Wording::Minimax => self.pick("Minimax", "Minimax"),
            Wording::BradleyTerry => {
                self.pick("Comparaisons par paires (Bradley–Terry)", "Pairwise comparisons (Bradley–Terry)")
            }
            Wording::Assessment => self.pick("Évaluation multicritère", "Multi-criteria assessment"),
        }
    }

    /// The name of a majority-judgment grade, 0 the lowest.
    pub fn grade(self, n_grades: u8, grade: u8) -> String {
        const FR6: [&str; 6] = ["À rejeter", "Insuffisant", "Passable", "Assez bien", "Bien", "Très bien"];
        const EN6: [&str; 6] = ["Reject", "Poor", "Fair", "Good", "Very good", "Excellent"];
        if n_grades == 6 && grade < 6 {
            return self.pick(FR6[usize::from(grade)], EN6[usize::from(grade)]).to_owned();
        }
        match self.0 {
            Language::Fr => format!("Mention {}/{n_grades}", u32::from(grade) + 1),
            Language::En => format!("Grade {}/{n_grades}", u32::from(grade) + 1),
        }
    }

    /// A `YYYY-MM-DD` date written out ("10 mars 2026", "10 March 2026"); anything else as it is.
    pub fn date(self, iso: &str) -> String {
        const FR: [&str; 12] = [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ];
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let Some(date) = converge_core::CalendarDate::parse(iso) else { return iso.to_owned() };
        let text = date.to_string();
        let (year, month, day) =
            (&text[0..4], text[5..7].parse::<usize>().unwrap_or(1), text[8..10].trim_start_matches('0'));
        let month = self.pick(FR[month - 1], EN[month - 1]);
        match self.0 {
            Language::Fr if day == "1" => format!("1er {month} {year}"),
            _ => format!("{day} {month} {year}"),
        }
    }

    /// `YYYY-MM-DD HH:MM UTC` with the date written out.
    pub fn date_time(self, stamp: &str) -> String {
        match stamp.split_once(' ') {
            Some((date, time)) => format!("{}, {time}", self.date(date)),
            None => self.date(stamp),
        }
    }

    /// A text in the language's quotation marks.
    pub fn quoted(self, text: &str) -> String {
        match self.0 {
            Language::Fr => format!("« {text} »"),
            Language::En => format!("“{text}”"),
        }
    }

    /// A number as the language writes it: a decimal comma in French.
    pub fn decimal(self, value: f64, digits: usize) -> String {
        let text = format!("{value:.digits$}");
        match self.0 {
            Language::Fr => text.replace('.', ","),
            Language::En => text,
        }
    }

    /// A share as a percentage with one decimal.
    pub fn percent(self, share: f64) -> String {
        match self.0 {
            Language::Fr => format!("{} %", self.decimal(share * 100.0, 1)),
            Language::En => format!("{}%", self.decimal(share * 100.0, 1)),
        }
    }

    /// What an item scored, in words, for the method.
    pub fn score(self, method: CountMethod, by_median: bool, value: f64, extra: u64) -> String {
        let n = value.round() as i64;
        // French puts 0 and 1 in the singular, English only 1.
        let singular = match self.0 {
            Language::Fr => n.abs() <= 1,
            Language::En => n.abs() == 1,
        };
        let plural = |one: &str, many: &str| if singular { one.to_owned() } else { many.to_owned() };
        match (self.0, Wording::of(method, by_median)) {
            (Language::Fr, Wording::Dots) => format!("{n} {}", plural("gommette", "gommettes")),
            (Language::En, Wording::Dots) => format!("{n} {}", plural("dot", "dots")),
            (Language::Fr, Wording::Approval) => format!("{n} {}", plural("approbation", "approbations")),
            (Language::En, Wording::Approval) => format!("{n} {}", plural("approval", "approvals")),
            (Language::Fr, Wording::Plurality) => format!("{n} {}", plural("premier choix", "premiers choix")),
            (Language::En, Wording::Plurality) => format!("{n} {}", plural("first choice", "first choices")),
            (Language::Fr, Wording::Borda) => format!("{n} {} de Borda", plural("point", "points")),
            (Language::En, Wording::Borda) => format!("{n} Borda points"),
            (Language::Fr, Wording::Copeland) => format!("score de Copeland {n}"),
            (Language::En, Wording::Copeland) => format!("Copeland score {n}"),
            (Language::Fr, Wording::Minimax) => format!("pire défaite : {n} voix d’écart"),
            (Language::En, Wording::Minimax) => format!("worst defeat: by {n} votes"),
            (Language::Fr, Wording::Score) => format!("moyenne {}", self.decimal(value, 2)),
            (Language::En, Wording::Score) => format!("mean {}", self.decimal(value, 2)),
            (Language::Fr, Wording::ScoreMedian) => format!("médiane {}", self.decimal(value, 2)),
            (Language::En, Wording::ScoreMedian) => format!("median {}", self.decimal(value, 2)),
            (Language::Fr, Wording::InstantRunoff) => format!("{n} voix au tour {extra}"),
            (Language::En, Wording::InstantRunoff) => format!("{n} votes in round {extra}"),
            (Language::Fr, Wording::BradleyTerry) => format!("force {}", self.decimal(value, 2)),
            (Language::En, Wording::BradleyTerry) => format!("strength {}", self.decimal(value, 2)),
            // Shown as their grade or not at all; a plain number if ever asked.
            (_, Wording::Assessment | Wording::MajorityJudgment | Wording::Schulze) => self.decimal(value, 2),
        }
    }

    /// How far a tier is ahead of the next one.
    pub fn gap(self, gap: &str) -> String {
        match self.0 {
            Language::Fr => format!("{gap} d’avance sur le rang suivant"),
            Language::En => format!("{gap} ahead of the next rank"),
        }
    }

    pub fn gap_probability(self, percent: f64) -> String {
        match self.0 {
            Language::Fr => format!("l’emporterait sur le rang suivant dans {percent:.0} % des duels"),
            Language::En => format!("would beat the next rank in {percent:.0}% of duels"),
        }
    }

    pub fn ballots(self, n: u64) -> String {
        match (self.0, n) {
            (Language::Fr, 0) => "aucun bulletin".to_owned(),
            (Language::Fr, 1) => "1 bulletin".to_owned(),
            (Language::Fr, n) => format!("{n} bulletins"),
            (Language::En, 0) => "no ballot".to_owned(),
            (Language::En, 1) => "1 ballot".to_owned(),
            (Language::En, n) => format!("{n} ballots"),
        }
    }

    /// The consensus counts in words.
    pub fn consensus(self, agree: usize, can_live_with: usize, object: usize) -> String {
        match self.0 {
            Language::Fr => format!(
                "{agree} d’accord, {can_live_with} {} s’en accommoder, {object} {}",
                if can_live_with > 1 { "peuvent" } else { "peut" },
                if object > 1 { "objections" } else { "objection" }
            ),
            Language::En => format!(
                "{agree} agree, {can_live_with} can live with it, {object} {}",
                if object == 1 { "objection" } else { "objections" }
            ),
        }
    }

    /// One sentence saying how the winner was decided, as the web says it. `winners` are the
    /// winners' texts; `score` the winner's score as written; `grade` the majority grade's name.
    pub fn explanation(
        self,
        method: CountMethod,
        by_median: bool,
        winners: &[String],
        score: &str,
        grade: &str,
        ballots: u64,
    ) -> String {
        if ballots == 0 || winners.is_empty() {
            return self.pick("Aucun bulletin : pas de gagnant.", "No ballot: no winner.").to_owned();
        }
        let quoted: Vec<String> = winners.iter().map(|text| self.quoted(text)).collect();
        let w = quoted.join(", ");
        let one = winners.len() == 1;
        match (self.0, Wording::of(method, by_median), one) {
            (Language::Fr, Wording::Dots, true) => {
                format!("{w} l’emporte : c’est l’idée qui a reçu le plus de gommettes ({score}).")
            }
            (Language::Fr, Wording::Dots, false) => {
                format!("Ex aequo : {w} ont reçu le même nombre de gommettes ({score}), le plus élevé.")
            }
            (Language::Fr, Wording::Approval, true) => {
                format!("{w} l’emporte : c’est l’idée approuvée par le plus de participants ({score}).")
            }
            (Language::Fr, Wording::Approval, false) => {
                format!("Ex aequo : {w} sont approuvées par autant de participants ({score}), le plus grand nombre.")
            }
            (Language::Fr, Wording::Score, true) => {
                format!("{w} l’emporte : c’est l’idée qui a la meilleure note moyenne ({score}).")
            }
            (Language::Fr, Wording::Score, false) => {
                format!("Ex aequo : {w} ont la même note moyenne ({score}), la meilleure.")
            }
            (Language::Fr, Wording::ScoreMedian, true) => format!(
                "{w} l’emporte : c’est l’idée qui a la meilleure note médiane ({score}) ; la moyenne départage les ex aequo."
            ),
            (Language::Fr, Wording::ScoreMedian, false) => {
                format!("Ex aequo : {w} ont la même note médiane ({score}), la meilleure, et la même moyenne.")
            }
            (Language::Fr, Wording::MajorityJudgment, true) => format!(
                "{w} l’emporte au jugement majoritaire : au moins la moitié des votants lui donnent « {grade} » ou mieux, la meilleure mention majoritaire ; les mentions majoritaires égales sont départagées en retirant une à une les mentions médianes (règle de Balinski et Laraki)."
            ),
            (Language::Fr, Wording::MajorityJudgment, false) => format!(
                "Ex aequo au jugement majoritaire : {w} ont la même mention majoritaire, « {grade} », et des répartitions de mentions identiques, que rien ne départage."
            ),
            (Language::Fr, Wording::Plurality, true) => {
                format!("{w} l’emporte : c’est l’idée classée première par le plus de votants ({score}).")
            }
            (Language::Fr, Wording::Plurality, false) => {
                format!("Ex aequo : {w} sont classées premières par autant de votants ({score}).")
            }
            (Language::Fr, Wording::Borda, true) => format!(
                "{w} l’emporte : sur chaque bulletin, une idée gagne un point par idée classée derrière elle et en perd un par idée classée devant, et elle obtient le meilleur total ({score})."
            ),
            (Language::Fr, Wording::Borda, false) => {
                format!("Ex aequo : {w} totalisent autant de points de Borda ({score}), le plus grand nombre.")
            }
            (Language::Fr, Wording::InstantRunoff, true) => format!(
                "{w} l’emporte (tours de dépouillement : {score}) : à chaque tour, l’idée qui a le moins de premiers choix est éliminée et ses bulletins passent au choix suivant."
            ),
            (Language::Fr, Wording::InstantRunoff, false) => {
                format!("Ex aequo : {w} restent à égalité au dernier des {score} tours d’éliminations successives.")
            }
            (Language::Fr, Wording::Copeland, true) => format!(
                "{w} l’emporte : en comparant les idées deux à deux, c’est elle qui gagne le plus de duels moins les duels perdus (score {score})."
            ),
            (Language::Fr, Wording::Copeland, false) => {
                format!("Ex aequo : {w} ont le même bilan de duels gagnés moins perdus (score {score}).")
            }
            (Language::Fr, Wording::Schulze, true) => format!(
                "{w} l’emporte par la méthode de Schulze : face à chaque autre idée, la plus forte chaîne de duels gagnés passe par elle."
            ),
            (Language::Fr, Wording::Schulze, false) => format!(
                "Ex aequo par la méthode de Schulze : {w} ne se départagent pas par les chaînes de duels gagnés."
            ),
            (Language::Fr, Wording::Minimax, true) => {
                format!("{w} l’emporte : sa pire défaite en duel est la moins lourde ({score} voix d’écart).")
            }
            (Language::Fr, Wording::Minimax, false) => {
                format!("Ex aequo : {w} ont une pire défaite en duel aussi légère ({score} voix d’écart).")
            }
            (Language::Fr, Wording::BradleyTerry, true) => format!(
                "{w} l’emporte : d’après les comparaisons par paires de {ballots} participants, c’est l’idée qui a la plus grande force estimée (modèle de Bradley–Terry)."
            ),
            (Language::Fr, Wording::BradleyTerry, false) => format!(
                "Ex aequo : {w} ont la même force estimée d’après les comparaisons par paires (modèle de Bradley–Terry)."
            ),
            (Language::Fr, Wording::Assessment, true) => format!(
                "{w} arrive en tête : c’est l’idée qui a la meilleure note pondérée ({score} sur 5), moyenne de ses notes sur chaque critère selon leur poids."
            ),
            (Language::Fr, Wording::Assessment, false) => {
                format!("Ex aequo : {w} ont la même note pondérée ({score} sur 5), la meilleure.")
            }
            (Language::En, Wording::Dots, true) => format!("{w} wins: it is the idea that received the most dots ({score})."),
            (Language::En, Wording::Dots, false) => {
                format!("Tie: {w} received the same number of dots ({score}), the highest.")
            }
            (Language::En, Wording::Approval, true) => {
                format!("{w} wins: it is the idea approved by the most participants ({score}).")
            }
            (Language::En, Wording::Approval, false) => {
                format!("Tie: {w} are approved by as many participants ({score}), the most.")
            }
            (Language::En, Wording::Score, true) => format!("{w} wins: it is the idea with the best mean score ({score})."),
            (Language::En, Wording::Score, false) => format!("Tie: {w} have the same mean score ({score}), the best."),
            (Language::En, Wording::ScoreMedian, true) => {
                format!("{w} wins: it is the idea with the best median score ({score}); the mean separates ties.")
            }
            (Language::En, Wording::ScoreMedian, false) => {
                format!("Tie: {w} have the same median score ({score}), the best, and the same mean.")
            }
            (Language::En, Wording::MajorityJudgment, true) => format!(
                "{w} wins by majority judgment: at least half of the voters graded it “{grade}” or better, the best majority grade; equal majority grades are separated by removing median grades one at a time (Balinski and Laraki’s rule)."
            ),
            (Language::En, Wording::MajorityJudgment, false) => format!(
                "Tie by majority judgment: {w} have the same majority grade, “{grade}”, and identical grade distributions, which nothing separates."
            ),
            (Language::En, Wording::Plurality, true) => {
                format!("{w} wins: it is the idea ranked first by the most voters ({score}).")
            }
            (Language::En, Wording::Plurality, false) => format!("Tie: {w} are ranked first by as many voters ({score})."),
            (Language::En, Wording::Borda, true) => format!(
                "{w} wins: on each ballot an idea gains a point for every idea ranked below it and loses one for every idea ranked above it, and it has the highest total ({score})."
            ),
            (Language::En, Wording::Borda, false) => format!("Tie: {w} have as many Borda points ({score}), the most."),
            (Language::En, Wording::InstantRunoff, true) => format!(
                "{w} wins (rounds counted: {score}): in each round the idea with the fewest first choices is eliminated and its ballots go to their next choice."
            ),
            (Language::En, Wording::InstantRunoff, false) => {
                format!("Tie: {w} are still level in the last of {score} elimination rounds.")
            }
            (Language::En, Wording::Copeland, true) => format!(
                "{w} wins: comparing the ideas two by two, it has the most duels won minus duels lost (score {score})."
            ),
            (Language::En, Wording::Copeland, false) => {
                format!("Tie: {w} have the same record of duels won minus lost (score {score}).")
            }
            (Language::En, Wording::Schulze, true) => format!(
                "{w} wins by the Schulze method: against every other idea, the strongest chain of won duels runs through it."
            ),
            (Language::En, Wording::Schulze, false) => {
                format!("Tie by the Schulze method: {w} are not separated by the chains of won duels.")
            }
            (Language::En, Wording::Minimax, true) => {
                format!("{w} wins: its worst defeat in a duel is the lightest (by {score} votes).")
            }
            (Language::En, Wording::Minimax, false) => {
                format!("Tie: {w} have equally light worst defeats in a duel (by {score} votes).")
            }
            (Language::En, Wording::BradleyTerry, true) => format!(
                "{w} wins: from the pairwise comparisons of {ballots} participants, it is the idea with the highest estimated strength (Bradley–Terry model)."
            ),
            (Language::En, Wording::BradleyTerry, false) => format!(
                "Tie: {w} have the same estimated strength from the pairwise comparisons (Bradley–Terry model)."
            ),
            (Language::En, Wording::Assessment, true) => format!(
                "{w} comes first: it is the idea with the best weighted score ({score} out of 5), the mean of its scores on each criterion by their weights."
            ),
            (Language::En, Wording::Assessment, false) => {
                format!("Tie: {w} have the same weighted score ({score} out of 5), the best.")
            }
        }
    }
}

/// How a count is worded: its method, with a score vote ranked by its median apart (its figures
/// are medians, not means).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wording {
    Dots,
    Approval,
    Score,
    ScoreMedian,
    MajorityJudgment,
    Plurality,
    Borda,
    InstantRunoff,
    Copeland,
    Schulze,
    Minimax,
    BradleyTerry,
    Assessment,
}

impl Wording {
    fn of(method: CountMethod, by_median: bool) -> Wording {
        match method {
            CountMethod::Vote(VoteMethod::Dots) => Wording::Dots,
            CountMethod::Vote(VoteMethod::Approval) => Wording::Approval,
            CountMethod::Vote(VoteMethod::Score) if by_median => Wording::ScoreMedian,
            CountMethod::Vote(VoteMethod::Score) => Wording::Score,
            CountMethod::Vote(VoteMethod::MajorityJudgment) => Wording::MajorityJudgment,
            CountMethod::Vote(VoteMethod::Plurality) => Wording::Plurality,
            CountMethod::Vote(VoteMethod::Borda) => Wording::Borda,
            CountMethod::Vote(VoteMethod::InstantRunoff) => Wording::InstantRunoff,
            CountMethod::Vote(VoteMethod::Copeland) => Wording::Copeland,
            CountMethod::Vote(VoteMethod::Schulze) => Wording::Schulze,
            CountMethod::Vote(VoteMethod::Minimax) => Wording::Minimax,
            CountMethod::Vote(VoteMethod::BradleyTerry) => Wording::BradleyTerry,
            CountMethod::Assessment => Wording::Assessment,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_define_every_label() {
        let fr = serde_json::to_value(Labels::of(Language::Fr)).unwrap();
        let en = serde_json::to_value(Labels::of(Language::En)).unwrap();
        let (fr, en) = (fr.as_object().unwrap(), en.as_object().unwrap());
        assert_eq!(fr.keys().collect::<Vec<_>>(), en.keys().collect::<Vec<_>>());
        for (key, value) in fr.iter().chain(en) {
            assert!(value.as_str().is_some_and(|text| !text.trim().is_empty()), "label {key} is empty");
        }
        // A label left untranslated would read the same in both; only a few words legitimately do.
        let same: Vec<&String> = fr.keys().filter(|key| fr[*key] == en[*key]).collect();
        const SAME_WORD: [&str; 11] = [
            "axis_impact",
            "consensus",
            "contributions",
            "description",
            "impact",
            "objections",
            "page",
            "quadrant",
            "score",
            "service",
            "total",
        ];
        assert!(same.iter().all(|key| SAME_WORD.contains(&key.as_str())), "{same:?}");
    }

    #[test]
    fn both_languages_name_every_value() {
        for language in Language::ALL {
            let words = Words(language);
            for kind in ActivityKind::ALL {
                assert!(!words.activity_kind(kind).is_empty());
            }
            for kind in ContributionKind::ALL {
                assert!(!words.contribution_kind(kind).is_empty());
                assert!(!words.swot_quadrant(kind).is_empty());
            }
            for role in Role::ALL {
                assert!(!words.role(role).is_empty());
            }
            for status in ActionStatus::ALL {
                assert!(!words.action_status(status).is_empty());
            }
            for stance in Stance::ALL {
                assert!(!words.stance(stance).is_empty());
            }
            for key in converge_core::outcomes::DEFAULT_JURISDICTIONS {
                assert!(words.default_jurisdiction(key).is_some());
            }
            for method in converge_core::voting::VoteMethod::ALL {
                let method = CountMethod::Vote(method);
                assert!(!words.method(method).is_empty(), "{method:?}");
                let sentence = words.explanation(method, false, &["A".into()], "3", "Bien", 4);
                assert!(sentence.contains('A') && !sentence.starts_with("En tête") && !sentence.starts_with("First"));
            }
        }
    }

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(Words(Language::Fr).decimal(2.5, 2), "2,50");
        assert_eq!(Words(Language::En).decimal(2.5, 2), "2.50");
        assert_eq!(Words(Language::Fr).percent(0.125), "12,5 %");
        assert_eq!(Words(Language::Fr).grade(6, 4), "Bien");
        assert_eq!(Words(Language::En).grade(4, 0), "Grade 1/4");
        assert_eq!(Words(Language::Fr).date("2026-03-01"), "1er mars 2026");
        assert_eq!(Words(Language::En).date("2026-12-31"), "31 December 2026");
        assert_eq!(Words(Language::Fr).date_time("2026-08-10 09:05 UTC"), "10 août 2026, 09:05 UTC");
        assert_eq!(Words(Language::Fr).date("bientôt"), "bientôt");
        assert_eq!(Words(Language::Fr).score(CountMethod::Vote(VoteMethod::Borda), false, 0.0, 0), "0 point de Borda");
        assert_eq!(Words(Language::En).score(CountMethod::Vote(VoteMethod::Dots), false, 1.0, 0), "1 dot");
    }
}
