//! The participant's forms of the converging activities: a ballot in a vote
//! (`POST /w/{id}/a/{activity_id}/ballot`) and one item's scores in an assessment
//! (`POST /w/{id}/a/{activity_id}/assess`).
//!
//! The fields follow the vote's method: `dots-<item>` (a number of dots), `approve` (repeated,
//! an item id each), `score-<item>`, `grade-<item>` (0 is the lowest grade), `rank-<item>` (1 is
//! best, equal ranks tie, empty leaves the item unranked), or `winner` and `loser` for one
//! pairwise comparison. An assessment posts `item` and `score-<criterion>`. The handlers only
//! turn fields into the core's commands: the core checks the ballot against the vote (budget,
//! cap, scale, items) and refuses it with a stable reason; a refusal shows the page again, with
//! the message in the participant's language and what they had chosen still filled in.
//! CSRF is checked by the middleware before a handler runs; success redirects (post/redirect/get).

use super::activities::{self, Draft};
use super::layout::PageContext;
use super::outcome_forms::execute_form_command;
use super::participant::{activity_page_with, member_again};
use crate::AppState;
use crate::access::Member;
use crate::error::{Failure, PageError};
use crate::extract::{ValidForm, ValidPath};
use crate::i18n::Lang;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use converge_core::voting::{Ballot, CriterionScores, VoteMethod};
use converge_core::{ActivityId, ActivityKind, Actor, Command, ContributionId, DomainError, WorkshopId};
use converge_i18n::FluentValue;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What a field of a ballot or an assessment form is about, read from its name once.
#[derive(Debug, Clone, PartialEq, Eq)]
enum BallotField {
    /// `dots-<item>`: how many dots on an item.
    Dots(ContributionId),
    /// `score-<item>` in a score vote, `score-<criterion>` in an assessment.
    Score(String),
    /// `grade-<item>`: a majority-judgment grade, 0 the lowest.
    Grade(ContributionId),
    /// `rank-<item>`: 1 is best, equal ranks tie.
    Rank(ContributionId),
    /// `approve`, repeated: an approved item each.
    Approve,
    /// `winner` and `loser`: one pairwise comparison.
    Winner,
    Loser,
    /// `item`: the item an assessment scores.
    Item,
}

impl BallotField {
    fn parse(name: &str) -> Option<BallotField> {
        let item = |raw: &str| raw.parse::<ContributionId>().ok();
        match name {
            "approve" => Some(BallotField::Approve),
            "winner" => Some(BallotField::Winner),
            "loser" => Some(BallotField::Loser),
            "item" => Some(BallotField::Item),
            _ => {
                let (prefix, rest) = name.split_once('-')?;
                match prefix {
                    "dots" => item(rest).map(BallotField::Dots),
                    "score" => Some(BallotField::Score(rest.to_owned())),
                    "grade" => item(rest).map(BallotField::Grade),
                    "rank" => item(rest).map(BallotField::Rank),
                    _ => None,
                }
            }
        }
    }
}

/// A ballot or an assessment form: its fields by what they are about, in the order sent (equal
/// ranks keep it); what it does not know (the form token) is left out.
pub struct BallotForm(Vec<(BallotField, String)>);

impl BallotForm {
    fn from_pairs(pairs: Vec<(String, String)>) -> BallotForm {
        BallotForm(pairs.into_iter().filter_map(|(name, value)| Some((BallotField::parse(&name)?, value))).collect())
    }

    /// The values of the fields `about` picks, trimmed, empty ones left out.
    fn values<'a, T>(&'a self, about: impl Fn(&BallotField) -> Option<T> + 'a) -> impl Iterator<Item = (T, &'a str)> {
        self.0.iter().filter_map(move |(field, value)| {
            let value = value.trim();
            (!value.is_empty()).then_some(())?;
            Some((about(field)?, value))
        })
    }

    /// The first value of `field`.
    fn first(&self, field: &BallotField) -> Option<&str> {
        self.0.iter().find(|(known, _)| known == field).map(|(_, value)| value.as_str())
    }
}

impl<S: Send + Sync> axum::extract::FromRequest<S> for BallotForm {
    type Rejection = Response;

    async fn from_request(request: axum::extract::Request, state: &S) -> Result<Self, Self::Rejection> {
        let ValidForm(pairs) = ValidForm::<Vec<(String, String)>>::from_request(request, state).await?;
        Ok(BallotForm::from_pairs(pairs))
    }
}

/// What a refused form showed, to fill it in again.
enum Refused<'a> {
    Ballot(Option<&'a Ballot>),
    Assessment(ContributionId, &'a CriterionScores),
}

/// A ballot in a vote.
pub async fn cast_ballot(
    State(app): State<AppState>,
    context: PageContext,
    ValidPath((id, activity_id)): ValidPath<(WorkshopId, ActivityId)>,
    member: Member,
    fields: BallotForm,
) -> Result<Response, PageError> {
    let activity = member.state.workshop.activity(activity_id).ok_or(PageError::from(Failure::NotFound))?;
    let method = activity.settings.vote_rules().method;
    let ballot = match ballot_from(method, &fields) {
        Ok(ballot) => ballot,
        // A field that is not a number never reaches the core; it is refused here alike.
        Err(error) => return refuse(&app, &context, &member, activity_id, error, Refused::Ballot(None)).await,
    };
    let command = Command::CastBallot { activity_id, ballot: ballot.clone() };
    match execute_form_command(&app, &member, command).await? {
        Ok(()) => Ok(Redirect::to(&format!("/w/{id}/a/{activity_id}#ballot")).into_response()),
        Err(error) => refuse(&app, &context, &member, activity_id, error, Refused::Ballot(Some(&ballot))).await,
    }
}

/// One item's scores in an assessment; on success, on to the next item not assessed yet.
pub async fn assess_item(
    State(app): State<AppState>,
    context: PageContext,
    ValidPath((id, activity_id)): ValidPath<(WorkshopId, ActivityId)>,
    member: Member,
    fields: BallotForm,
) -> Result<Response, PageError> {
    let item = fields
        .first(&BallotField::Item)
        .and_then(|raw| raw.trim().parse::<ContributionId>().ok())
        .ok_or(PageError::from(Failure::BadRequest("item".into())))?;
    let scores = match assessment_from(&fields) {
        Ok(scores) => scores,
        Err(error) => {
            let empty = CriterionScores::new();
            return refuse(&app, &context, &member, activity_id, error, Refused::Assessment(item, &empty)).await;
        }
    };
    let command = Command::AssessItem { activity_id, item, scores: scores.clone() };
    match execute_form_command(&app, &member, command).await? {
        Ok(()) => {
            let fresh = member_again(&app, &member, id).await?;
            let (names, draft) = (HashMap::new(), Draft::default());
            let next = fresh.state.workshop.activity(activity_id).and_then(|activity| {
                let view = view_for(&context, &fresh, activity, &names, &draft);
                activities::assess::next_unassessed(&view, item)
            });
            let anchor = next.map_or_else(|| "assess-done".to_owned(), |next| format!("item-{next}"));
            Ok(Redirect::to(&format!("/w/{id}/a/{activity_id}#{anchor}")).into_response())
        }
        Err(error) => refuse(&app, &context, &member, activity_id, error, Refused::Assessment(item, &scores)).await,
    }
}

fn number<T: std::str::FromStr>(raw: &str) -> Result<T, DomainError> {
    raw.parse().map_err(|_| DomainError::InvalidBallot { reason: "not_a_number" })
}

/// The ballot the form describes, shaped by the vote's method.
fn ballot_from(method: VoteMethod, form: &BallotForm) -> Result<Ballot, DomainError> {
    Ok(match method {
        VoteMethod::Dots => {
            let mut dots = BTreeMap::new();
            for (item, raw) in form.values(|field| match field {
                BallotField::Dots(item) => Some(*item),
                _ => None,
            }) {
                let count: u32 = number(raw)?;
                // An item left at zero is simply not on the ballot.
                if count > 0 {
                    dots.insert(item, count);
                }
            }
            Ballot::Dots { dots }
        }
        VoteMethod::Approval => Ballot::Approval {
            approved: form
                .0
                .iter()
                .filter(|(field, _)| *field == BallotField::Approve)
                .map(|(_, raw)| raw.trim().parse::<ContributionId>())
                .collect::<Result<BTreeSet<_>, _>>()
                .map_err(|_| DomainError::InvalidBallot { reason: "unknown_item" })?,
        },
        VoteMethod::Score => Ballot::Scores {
            scores: form
                .values(|field| match field {
                    BallotField::Score(item) => item.parse::<ContributionId>().ok(),
                    _ => None,
                })
                .map(|(item, raw)| Ok((item, number(raw)?)))
                .collect::<Result<_, _>>()?,
        },
        VoteMethod::MajorityJudgment => Ballot::Grades {
            grades: form
                .values(|field| match field {
                    BallotField::Grade(item) => Some(*item),
                    _ => None,
                })
                .map(|(item, raw)| Ok((item, number(raw)?)))
                .collect::<Result<_, _>>()?,
        },
        VoteMethod::BradleyTerry => {
            let id = |field: BallotField| {
                form.first(&field)
                    .and_then(|raw| raw.trim().parse::<ContributionId>().ok())
                    .ok_or(DomainError::InvalidBallot { reason: "unknown_item" })
            };
            Ballot::Pairwise { winner: id(BallotField::Winner)?, loser: id(BallotField::Loser)? }
        }
        _ => {
            // Equal ranks share a tier; gaps in the numbers do not matter, only their order.
            let mut by_rank: BTreeMap<u32, Vec<ContributionId>> = BTreeMap::new();
            for (item, raw) in form.values(|field| match field {
                BallotField::Rank(item) => Some(*item),
                _ => None,
            }) {
                by_rank.entry(number(raw)?).or_default().push(item);
            }
            Ballot::Ranking { tiers: by_rank.into_values().collect() }
        }
    })
}

/// One item's scores by criterion; criteria left empty are left out.
fn assessment_from(form: &BallotForm) -> Result<CriterionScores, DomainError> {
    let mut scores = CriterionScores::new();
    for (criterion, raw) in form.values(|field| match field {
        BallotField::Score(criterion) => Some(criterion.clone()),
        _ => None,
    }) {
        scores.insert(criterion, number(raw)?);
    }
    Ok(scores)
}

fn view_for<'a>(
    context: &'a PageContext,
    member: &'a Member,
    activity: &'a converge_core::Activity,
    names: &'a HashMap<converge_core::ParticipantId, &'a str>,
    draft: &'a Draft,
) -> activities::View<'a> {
    let workshop = &member.state.workshop;
    let viewer = match member.actor {
        Actor::Participant(participant) => Some(participant),
        Actor::Account(account) => workshop.facilitator_for(account).map(|participant| participant.id),
        Actor::Newcomer => None,
    };
    activities::View {
        lang: context.lang,
        csrf: &context.csrf,
        workshop,
        activity,
        names,
        viewer,
        keyring: &member.state.keyring,
        role: Some(member.role),
        now: converge_engine::now(),
        draft,
    }
}

/// The message for a refused ballot: the reason's own sentence when there is one, else the
/// domain error's message.
fn refusal_message(lang: Lang, error: DomainError) -> String {
    match error {
        DomainError::InvalidBallot { reason } => {
            let key = format!("votes-refused-{reason}");
            let message = lang.t(&key);
            if message == key { Failure::from(error).message(lang) } else { message }
        }
        other => Failure::from(other).message(lang),
    }
}

/// Shows the activity page again with the refusal, 422, as the notes form does, with what the
/// participant had chosen.
async fn refuse(
    app: &AppState,
    context: &PageContext,
    member: &Member,
    activity_id: ActivityId,
    error: DomainError,
    refused: Refused<'_>,
) -> Result<Response, PageError> {
    let lang = context.lang;
    let fresh = member_again(app, member, member.state.workshop.id).await?;
    let rules = fresh.state.workshop.activity(activity_id).map(|activity| activity.settings.vote_rules());
    let message = match (&error, &refused, rules) {
        // Too many dots: say how many, as the ballot's counter does.
        (
            DomainError::InvalidBallot { reason: "over_budget" },
            Refused::Ballot(Some(Ballot::Dots { dots })),
            Some(rules),
        ) => {
            let spent: u64 = dots.values().map(|n| u64::from(*n)).sum();
            let over = spent.saturating_sub(u64::from(rules.dots_budget));
            lang.t_args(
                "votes-dots-over",
                &[
                    ("over", FluentValue::from(over)),
                    ("shown", FluentValue::from(over)),
                    ("budget", FluentValue::from(rules.dots_budget)),
                ],
            )
        }
        _ => refusal_message(lang, error),
    };
    let draft = Draft::default();
    activity_page_with(app, context, &fresh, activity_id, &draft, Some(&message), |view| {
        // The form shown is the one for the activity as it is, whatever was posted to it.
        match (view.activity.kind(), refused) {
            (ActivityKind::Vote, Refused::Ballot(ballot)) => activities::vote::participant_with(view, ballot),
            (ActivityKind::Assess, Refused::Assessment(item, scores)) => {
                activities::assess::participant_with(view, Some((item, scores)))
            }
            _ => activities::participant(view),
        }
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use converge_core::Language;

    fn fields(pairs: &[(&str, &str)]) -> BallotForm {
        BallotForm::from_pairs(pairs.iter().map(|(key, value)| ((*key).to_owned(), (*value).to_owned())).collect())
    }

    const A: &str = "0190a0b0-0000-7000-8000-000000000001";
    const B: &str = "0190a0b0-0000-7000-8000-000000000002";
    const C: &str = "0190a0b0-0000-7000-8000-000000000003";

    fn id(raw: &str) -> ContributionId {
        raw.parse().unwrap()
    }

    #[test]
    fn ranks_become_tiers_with_ties_and_unranked_items_left_out() {
        let form = fields(&[
            ("_csrf", "x"),
            (&format!("rank-{A}"), "2"),
            (&format!("rank-{B}"), "1"),
            (&format!("rank-{C}"), "2"),
        ]);
        let ballot = ballot_from(VoteMethod::Schulze, &form).unwrap();
        assert_eq!(ballot, Ballot::Ranking { tiers: vec![vec![id(B)], vec![id(A), id(C)]] });
        let partial = fields(&[(&format!("rank-{A}"), ""), (&format!("rank-{B}"), "3")]);
        assert_eq!(ballot_from(VoteMethod::Borda, &partial).unwrap(), Ballot::Ranking { tiers: vec![vec![id(B)]] });
    }

    #[test]
    fn each_method_reads_its_own_fields() {
        let dots = fields(&[(&format!("dots-{A}"), "2"), (&format!("dots-{B}"), "0"), (&format!("dots-{C}"), "")]);
        assert_eq!(ballot_from(VoteMethod::Dots, &dots).unwrap(), Ballot::Dots { dots: [(id(A), 2)].into() });
        let approve = fields(&[("approve", A), ("approve", C)]);
        assert_eq!(
            ballot_from(VoteMethod::Approval, &approve).unwrap(),
            Ballot::Approval { approved: [id(A), id(C)].into() }
        );
        let grades = fields(&[(&format!("grade-{A}"), "5"), (&format!("grade-{B}"), "0")]);
        assert_eq!(
            ballot_from(VoteMethod::MajorityJudgment, &grades).unwrap(),
            Ballot::Grades { grades: [(id(A), 5), (id(B), 0)].into() }
        );
        let pair = fields(&[("winner", B), ("loser", A)]);
        assert_eq!(
            ballot_from(VoteMethod::BradleyTerry, &pair).unwrap(),
            Ballot::Pairwise { winner: id(B), loser: id(A) }
        );
        let bad = fields(&[(&format!("dots-{A}"), "beaucoup")]);
        assert_eq!(ballot_from(VoteMethod::Dots, &bad), Err(DomainError::InvalidBallot { reason: "not_a_number" }));
        let negative = fields(&[(&format!("grade-{A}"), "-1")]);
        assert!(ballot_from(VoteMethod::MajorityJudgment, &negative).is_err());
    }

    #[test]
    fn assessments_keep_the_scored_criteria() {
        let form = fields(&[("item", A), ("score-impact", "4"), ("score-cost", ""), ("_csrf", "x")]);
        assert_eq!(assessment_from(&form).unwrap(), [("impact".to_owned(), 4)].into());
    }

    /// Every key these pages use exists in both languages (the catalogue test in `i18n` reads a
    /// fixed list of files; these modules check their own).
    #[test]
    fn every_key_of_the_vote_pages_exists() {
        let sources = [
            include_str!("ballots.rs"),
            include_str!("../../../views/src/activities/vote.rs"),
            include_str!("../../../views/src/activities/assess.rs"),
        ];
        let mut keys: Vec<String> = Vec::new();
        for source in sources {
            for fragment in source.split(".t(\"").skip(1).chain(source.split(".t_args(\"").skip(1)) {
                keys.push(fragment.split('"').next().unwrap_or_default().to_owned());
            }
        }
        // Keys built at run time.
        keys.extend(VoteMethod::ALL.iter().map(|method| format!("vote-method-{}", method.as_str())));
        keys.extend(VoteMethod::ALL.iter().map(|method| format!("votes-explain-{}", method.as_str())));
        keys.push("votes-explain-assessment".into());
        keys.extend((0..6).map(|grade| format!("votes-grade6-{grade}")));
        keys.extend(
            ["quick_win", "big_bet", "fill_in", "money_pit", "not_assessed"]
                .map(|key| format!("assess-quadrant-{key}")),
        );
        keys.extend(
            [
                "unknown_item",
                "over_cap",
                "over_budget",
                "out_of_range",
                "incomplete",
                "duplicate_rank",
                "empty",
                "same_item",
            ]
            .map(|reason| format!("votes-refused-{reason}")),
        );
        keys.extend(["votes-refused-not_a_number", "votes-refused-unknown_criterion"].map(str::to_owned));
        for language in [Language::Fr, Language::En] {
            for key in &keys {
                assert_ne!(&Lang(language).t(key), key, "{key} is missing in {}", language.as_str());
            }
        }
    }
}
