//! Day 2's convergence through the real server: twenty participants assess twelve ideas on three
//! criteria, then vote on them with majority judgment; a dot vote runs beside it for the budget
//! rules.
//!
//! The facilitator works with the console's forms (signed in); participants cast most ballots
//! through the API (`castBallot`) and a few with their page's forms, as a phone without
//! JavaScript does. The test builds the same ballots for the methods crate and checks that the
//! result frozen into the record at close is exactly what the methods compute, that bad ballots
//! are refused with stable codes and leave the ballot box as it was, and that the pages show the
//! results (ranking, explanation, charts).

use converge_methods as methods;
use converge_test_support::*;
use serde_json::{Value, json};
use std::collections::BTreeMap;

const N_PEOPLE: usize = 20;
const N_IDEAS: usize = 12;
/// The criteria as the facilitator types them: id | name | weight.
const CRITERIA: [(&str, &str, u32); 3] =
    [("impact", "Impact", 2), ("feasibility", "Faisabilité", 1), ("cost", "Coût raisonnable", 1)];
/// The participants who use their page's forms instead of the API.
const BY_FORM: [usize; 3] = [3, 11, 17];

/// A workshop whose challenges hold twelve ideas, closed, with its facilitator signed in and
/// twenty people who joined from their phones.
struct Converging {
    room: Room,
    challenges: String,
    /// The ideas' texts and ids, in the order they were posted.
    ideas: Vec<(String, String)>,
}

impl std::ops::Deref for Converging {
    type Target = Room;
    fn deref(&self) -> &Room {
        &self.room
    }
}

impl std::ops::DerefMut for Converging {
    fn deref_mut(&mut self) -> &mut Room {
        &mut self.room
    }
}

impl Converging {
    async fn new() -> Converging {
        let mut room = Room::new("Atelier de convergence").build().await;
        for index in 0..N_PEOPLE {
            room.join(&format!("Personne {index:02}"), "SPW").await;
        }
        let challenges = room.activity_at(0, "challenges");
        let mut room = Converging { room, challenges, ideas: Vec::new() };
        let challenges = room.challenges.clone();
        room.act(&challenges, "open").await;
        for index in 0..N_IDEAS {
            let text = format!("Idée {:02} : un guichet pour le thème {}", index + 1, (b'A' + index as u8) as char);
            let answer =
                room.api(index, "POST", "/contributions", json!({"activity_id": challenges, "text": text})).await;
            assert_eq!(answer.status, 201, "{}", answer.body);
            let id = str(&serde_json::from_str::<Value>(&answer.body).unwrap(), "id").to_owned();
            room.ideas.push((text, id));
        }
        room.act(&challenges, "close").await;
        room
    }

    /// Adds an activity with the console's form, then sets it to work on the challenges with
    /// the settings form; `extra` are the kind's own settings.
    async fn add_activity(&mut self, kind: &str, title: &str, extra: &[(&str, &str)]) -> String {
        let id = self.room.add_activity(kind, title, "").await;
        let challenges = self.challenges.clone();
        let mut fields = vec![("title", title), ("prompt", ""), ("source", challenges.as_str())];
        fields.extend_from_slice(extra);
        self.room.edit(&id, &fields).await;
        id
    }

    /// A facilitator's button on an activity, coming back to its page.
    async fn act(&mut self, activity: &str, action: &str) {
        self.room.act(activity, action, &[("back", "activity")]).await;
    }

    async fn api(&self, index: usize, method: &str, rest: &str, body: Value) -> PageAnswer {
        let url = self.server.url(&format!("/api/v1/workshops/{}{rest}", self.workshop));
        let request = match method {
            "GET" => self.server.http.get(url),
            _ => self.server.http.post(url).json(&body),
        };
        PageAnswer::read(
            request.bearer_auth(&self.people[index].token).header("Accept-Language", "fr").send().await.unwrap(),
        )
        .await
    }

    async fn ballot(&self, index: usize, activity: &str, body: Value) -> PageAnswer {
        self.api(index, "POST", &format!("/activities/{activity}/ballots"), body).await
    }

    /// The count once the activity closed, the same for the facilitator and the room; while it
    /// runs, nobody reads it.
    async fn results(&self, activity: &str) -> Value {
        let url = self.server.url(&format!("/api/v1/workshops/{}/activities/{activity}/results", self.workshop));
        let answer =
            PageAnswer::read(self.server.http.get(url).bearer_auth(&self.data.token).send().await.unwrap()).await;
        assert_eq!(answer.status, 200, "{}", answer.body);
        let room = self.api(0, "GET", &format!("/activities/{activity}/results"), Value::Null).await;
        let document: Value = serde_json::from_str(&answer.body).unwrap();
        assert_eq!(serde_json::from_str::<Value>(&room.body).unwrap(), document, "the room reads the same count");
        document
    }

    /// The head of the log: refusals leave it where it was.
    async fn head(&self) -> (u64, String) {
        log_head(&self.server, &self.data.token, &self.workshop).await
    }

    /// While the activity runs, the count is nobody's, the facilitator's included.
    async fn assert_no_count_yet(&self, activity: &str) {
        let url = self.server.url(&format!("/api/v1/workshops/{}/activities/{activity}/results", self.workshop));
        let answer =
            PageAnswer::read(self.server.http.get(url).bearer_auth(&self.data.token).send().await.unwrap()).await;
        assert_eq!((answer.status, answer.error_code()), (422, "activity_still_open".to_owned()), "{}", answer.body);
    }

    async fn page(&mut self, index: usize, activity: &str) -> String {
        let path = format!("/w/{}/a/{activity}", self.workshop);
        let page = self.people[index].browser.get(&path).await;
        assert_eq!(page.status, 200, "{}", page.body);
        page.body
    }

    async fn board(&mut self, activity: &str) -> String {
        let page = self.room.facilitator.get(&self.room.console(&format!("/activities/{activity}"))).await;
        assert_eq!(page.status, 200, "{}", page.body);
        page.body
    }

    /// The ideas' ids in the order of a results document's `items`, checked to be the ideas.
    fn order(&self, document: &Value) -> Vec<String> {
        let items: Vec<String> =
            document["items"].as_array().unwrap().iter().map(|id| id.as_str().unwrap().to_owned()).collect();
        let mut sorted = items.clone();
        sorted.sort();
        let mut ours: Vec<String> = self.ideas.iter().map(|(_, id)| id.clone()).collect();
        ours.sort();
        assert_eq!(sorted, ours, "the items are the twelve ideas");
        items
    }
}

/// The scores participant `person` gives idea `idea`: each idea has its own level on each
/// criterion (so the ideas land in different quadrants), people differ by a point either way,
/// and some leave the cost unscored (a criterion may be left empty).
fn assessment(person: usize, idea: usize) -> BTreeMap<&'static str, u8> {
    let around = |level: usize, salt: usize| (level + (person * 7 + idea * 3 + salt) % 3).clamp(2, 6) as u8 - 1;
    let mut scores = BTreeMap::new();
    scores.insert("impact", around(1 + idea % 5, 0));
    scores.insert("feasibility", around(1 + (idea * 3 + 2) % 5, 1));
    if !(person + idea).is_multiple_of(7) {
        scores.insert("cost", around(1 + (idea * 2) % 5, 2));
    }
    scores
}

/// The grade participant `person` gives idea `idea` (0 = to reject … 5 = excellent): earlier
/// ideas fare a little better, with enough variation to make the count interesting.
fn grade(person: usize, idea: usize) -> u8 {
    let base = (person * 7 + idea * 3 + person * idea) % 6;
    let bias = if idea < 4 { 1 } else { 0 };
    (base + bias).min(5) as u8
}

/// Checks that a result read back from the server is the methods' result: the same structure,
/// the same integers and strings, and the same floats up to their last bit or so. Exact float
/// equality would fail: the frozen result is stored as JSON text and serde_json, without its
/// `float_roundtrip` feature, may read a float back one unit in the last place away (1.4 written
/// as `1.4000000000000001` reads as `1.4`).
fn assert_same_json(actual: &Value, expected: &Value, at: &str) {
    match (actual, expected) {
        (Value::Number(a), Value::Number(b)) if a.is_f64() || b.is_f64() => {
            let (a, b) = (a.as_f64().unwrap(), b.as_f64().unwrap());
            assert!((a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1.0), "{at}: {a} ≠ {b}");
        }
        (Value::Array(a), Value::Array(b)) => {
            assert_eq!(a.len(), b.len(), "{at}: lengths");
            for (index, (a, b)) in a.iter().zip(b).enumerate() {
                assert_same_json(a, b, &format!("{at}[{index}]"));
            }
        }
        (Value::Object(a), Value::Object(b)) => {
            assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>(), "{at}: keys");
            for (key, value) in a {
                assert_same_json(value, &b[key], &format!("{at}.{key}"));
            }
        }
        _ => assert_eq!(actual, expected, "{at}"),
    }
}

fn indices(candidates: &[methods::CandidateIdx]) -> Vec<usize> {
    candidates.iter().map(|candidate| candidate.0).collect()
}

/// Checks a document's `winners` and `ranking` (contribution ids) against the methods' indices.
fn assert_winners_and_ranking(document: &Value, items: &[String], winners: &[usize], ranking: &[Vec<usize>]) {
    let ids = |tier: &[usize]| tier.iter().map(|index| json!(items[*index])).collect::<Vec<_>>();
    assert_eq!(document["winners"], Value::Array(ids(winners)), "winners");
    let tiers: Vec<Value> = ranking.iter().map(|tier| Value::Array(ids(tier))).collect();
    assert_eq!(document["ranking"], Value::Array(tiers), "ranking");
}

#[tokio::test]
async fn twenty_people_assess_twelve_ideas_then_vote_with_majority_judgment() {
    let mut room = Converging::new().await;
    let criteria_lines = CRITERIA.map(|(id, name, weight)| format!("{id} | {name} | {weight}")).join("\n");
    let assess = room.add_activity("assess", "Évaluer les idées", &[("criteria", &criteria_lines)]).await;
    let vote = room.add_activity("vote", "Prioriser", &[]).await;

    // ---- Assessment -------------------------------------------------------------------------
    room.act(&assess, "open").await;
    let page = room.page(BY_FORM[0], &assess).await;
    assert!(page.contains("0/12 idées évaluées"), "{page}");
    assert!(page.contains("Coût raisonnable") && page.contains("name=\"score-feasibility\""), "{page}");
    for (text, _) in &room.ideas {
        assert!(page.contains(text.as_str()), "{text} on the sheet");
    }

    for person in 0..N_PEOPLE {
        for idea in 0..N_IDEAS {
            let scores = assessment(person, idea);
            let item = room.ideas[idea].1.clone();
            if BY_FORM.contains(&person) {
                let score_fields: Vec<(String, String)> =
                    scores.iter().map(|(criterion, score)| (format!("score-{criterion}"), score.to_string())).collect();
                let mut fields: Vec<(&str, &str)> = vec![("item", &item)];
                fields.extend(score_fields.iter().map(|(name, value)| (name.as_str(), value.as_str())));
                let path = format!("/w/{}/a/{assess}/assess", room.workshop);
                let answer = room.people[person].browser.post_form(&path, &fields).await;
                assert_eq!(answer.status, 303, "{}", answer.body);
                // On to the next idea not assessed yet, or to the end of the sheet.
                let expected = match room.ideas.get(idea + 1) {
                    Some((_, next)) => format!("#item-{next}"),
                    None => "#assess-done".to_owned(),
                };
                assert!(answer.location.as_deref().is_some_and(|to| to.ends_with(&expected)), "{:?}", answer.location);
            } else {
                let answer =
                    room.ballot(person, &assess, json!({"type": "assessment", "item": item, "scores": scores})).await;
                assert_eq!(answer.status, 201, "{}", answer.body);
            }
        }
    }
    // A revision replaces the earlier scores of that item.
    let revised = BTreeMap::from([("impact", 5u8), ("feasibility", 5u8), ("cost", 5u8)]);
    let item_0 = room.ideas[0].1.clone();
    let answer = room.ballot(0, &assess, json!({"type": "assessment", "item": item_0, "scores": revised})).await;
    assert_eq!(answer.status, 201, "{}", answer.body);

    // Bad assessments are refused with a stable code and change nothing.
    room.assert_no_count_yet(&assess).await;
    let before = room.head().await;
    for bad in [
        json!({"type": "assessment", "item": item_0, "scores": {"impact": 6}}),
        json!({"type": "assessment", "item": item_0, "scores": {"charm": 3}}),
        json!({"type": "assessment", "item": item_0, "scores": {}}),
    ] {
        let answer = room.ballot(1, &assess, bad).await;
        assert_eq!((answer.status, answer.error_code()), (422, "invalid_ballot".to_owned()), "{}", answer.body);
    }
    let path = format!("/w/{}/a/{assess}/assess", room.workshop);
    let refused = room.people[BY_FORM[0]].browser.post_form(&path, &[("item", &item_0), ("score-impact", "9")]).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("Une note est en dehors de l’échelle proposée."), "{}", refused.body);
    assert_eq!(room.head().await, before, "refusals leave the box as it was");
    let page = room.page(BY_FORM[0], &assess).await;
    assert!(page.contains("12/12 idées évaluées") && page.contains("id=\"assess-done\""), "{page}");

    room.act(&assess, "close").await;
    let late = room.ballot(2, &assess, json!({"type": "assessment", "item": item_0, "scores": {"impact": 1}})).await;
    assert_eq!((late.status, late.error_code()), (422, "activity_not_open".to_owned()), "{}", late.body);

    // The frozen result is what the methods crate computes on the same scores.
    let document = room.results(&assess).await;
    assert_eq!(document["frozen"], true, "{document}");
    assert_eq!(document["n_ballots"], N_PEOPLE);
    let items = room.order(&document);
    let ideas = room.ideas.clone();
    let idea_of = |id: &String| ideas.iter().position(|(_, idea)| idea == id).unwrap();
    let scale = methods::ScoreScale::new(1, 5).unwrap();
    let config = methods::AssessmentConfig::new(
        scale,
        CRITERIA
            .iter()
            .map(|(_, _, weight)| methods::AssessmentCriterion { weight: f64::from(*weight), higher_is_better: true })
            .collect(),
    )
    .unwrap();
    let sheets: Vec<methods::AssessmentSheet> = (0..N_PEOPLE)
        .map(|person| {
            let rows = items
                .iter()
                .map(|id| {
                    let idea = idea_of(id);
                    let scores = if person == 0 && idea == 0 { revised.clone() } else { assessment(person, idea) };
                    CRITERIA
                        .iter()
                        .map(|(criterion, _, _)| scores.get(criterion).map(|score| i32::from(*score)))
                        .collect()
                })
                .collect();
            methods::AssessmentSheet::new(&config, items.len(), rows).unwrap()
        })
        .collect();
    let expected = methods::assess(&config, items.len(), &sheets).unwrap();
    let matrix =
        methods::classify_impact_feasibility(&config, &expected, 0, 1, methods::MatrixThresholds::middle_of(scale))
            .unwrap();
    assert_same_json(&document["result"]["assessment"], &serde_json::to_value(&expected).unwrap(), "assessment");
    assert_same_json(&document["result"]["matrix"], &serde_json::to_value(&matrix).unwrap(), "matrix");
    let ranking: Vec<Vec<usize>> = expected.ranking.tiers().iter().map(|tier| indices(tier)).collect();
    assert_winners_and_ranking(&document, &items, &indices(&expected.winners), &ranking);

    // The board shows the ranking, the sentence and the matrix with its quadrants.
    let board = room.board(&assess).await;
    assert!(board.contains("Enregistré à la clôture") && board.contains("data-explanation"), "{board}");
    assert!(board.contains("note pondérée") && board.contains("class=\"matrix-chart\""), "{board}");
    for quadrant in ["Gains rapides", "Paris audacieux", "Compléments", "Gouffres financiers"] {
        assert!(board.contains(quadrant), "{quadrant} on the matrix");
    }
    for winner in &expected.winners {
        assert!(board.contains(ideas[idea_of(&items[winner.0])].0.as_str()));
    }
    // Participants see the results once closed.
    let page = room.page(5, &assess).await;
    assert!(page.contains("class=\"matrix-chart\"") && !page.contains("name=\"score-impact\""), "{page}");

    // ---- Majority judgment ------------------------------------------------------------------
    room.act(&vote, "open").await;
    let page = room.page(BY_FORM[0], &vote).await;
    assert!(
        page.contains("Jugement majoritaire") && page.contains(">À rejeter<") && page.contains(">Très bien<"),
        "{page}"
    );
    let mut ballots: BTreeMap<usize, BTreeMap<String, u8>> = BTreeMap::new();
    for person in 0..N_PEOPLE {
        let grades: BTreeMap<String, u8> =
            (0..N_IDEAS).map(|idea| (room.ideas[idea].1.clone(), grade(person, idea))).collect();
        if BY_FORM.contains(&person) {
            let fields: Vec<(String, String)> =
                grades.iter().map(|(item, grade)| (format!("grade-{item}"), grade.to_string())).collect();
            let pairs: Vec<(&str, &str)> = fields.iter().map(|(name, value)| (name.as_str(), value.as_str())).collect();
            let path = format!("/w/{}/a/{vote}/ballot", room.workshop);
            let answer = room.people[person].browser.post_form(&path, &pairs).await;
            assert_eq!(answer.status, 303, "{}", answer.body);
        } else {
            let answer = room.ballot(person, &vote, json!({"type": "grades", "grades": grades})).await;
            assert_eq!(answer.status, 201, "{}", answer.body);
        }
        ballots.insert(person, grades);
    }
    // A revote replaces the ballot; the page shows the current one checked.
    let mut again = ballots[&4].clone();
    again.insert(room.ideas[11].1.clone(), 5);
    let answer = room.ballot(4, &vote, json!({"type": "grades", "grades": again})).await;
    assert_eq!(answer.status, 201, "{}", answer.body);
    ballots.insert(4, again);
    let page = room.page(BY_FORM[1], &vote).await;
    let first = room.ideas[0].1.clone();
    let checked = format!("name=\"grade-{first}\" value=\"{}\" required checked", grade(BY_FORM[1], 0));
    assert!(page.contains(&checked) && page.contains("Votre bulletin est enregistré"), "{checked} in {page}");

    // Bad ballots: a grade out of range, an incomplete ballot, another method's ballot.
    room.assert_no_count_yet(&vote).await;
    let before = room.head().await;
    let mut too_high = ballots[&1].clone();
    too_high.insert(room.ideas[2].1.clone(), 6);
    let mut incomplete = ballots[&1].clone();
    incomplete.remove(&room.ideas[5].1);
    for bad in [
        json!({"type": "grades", "grades": too_high}),
        json!({"type": "grades", "grades": incomplete}),
        json!({"type": "dots", "dots": {room.ideas[0].1.clone(): 1}}),
    ] {
        let answer = room.ballot(1, &vote, bad).await;
        assert_eq!((answer.status, answer.error_code()), (422, "invalid_ballot".to_owned()), "{}", answer.body);
    }
    let path = format!("/w/{}/a/{vote}/ballot", room.workshop);
    let refused = room.people[BY_FORM[2]].browser.post_form(&path, &[(&format!("grade-{first}"), "9")]).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("role=\"alert\""), "{}", refused.body);
    assert_eq!(room.head().await, before, "refusals leave the box as it was");

    room.act(&vote, "close").await;
    let late = room.ballot(2, &vote, json!({"type": "grades", "grades": ballots[&2]})).await;
    assert_eq!((late.status, late.error_code()), (422, "activity_not_open".to_owned()), "{}", late.body);

    let document = room.results(&vote).await;
    assert_eq!(document["frozen"], true, "{document}");
    assert_eq!(document["method"], "majority_judgment");
    assert_eq!(document["n_ballots"], N_PEOPLE);
    let items = room.order(&document);
    let scale = methods::GradeScale::new(6).unwrap();
    let parsed: Vec<methods::GradeBallot> = ballots
        .values()
        .map(|grades| {
            methods::GradeBallot::new(scale, items.len(), items.iter().map(|id| grades[id]).collect()).unwrap()
        })
        .collect();
    let expected = methods::majority_judgment(scale, items.len(), &parsed).unwrap();
    assert_same_json(&document["result"], &serde_json::to_value(&expected).unwrap(), "result");
    let ranking: Vec<Vec<usize>> = expected.ranking.tiers().iter().map(|tier| indices(tier)).collect();
    assert_winners_and_ranking(&document, &items, &indices(&expected.winners), &ranking);

    // The board: each winner, the sentence saying how it won, the grade bars.
    let board = room.board(&vote).await;
    for winner in &expected.winners {
        assert!(board.contains(ideas[idea_of(&items[winner.0])].0.as_str()), "the winner on the board");
    }
    let sentence = if expected.winners.len() == 1 {
        "l’emporte au jugement majoritaire"
    } else {
        "Ex aequo au jugement majoritaire"
    };
    assert!(board.contains(sentence) && board.contains("Enregistré à la clôture"), "{board}");
    assert!(board.contains("class=\"grade-bar\""), "{board}");
    // The projection, once the facilitator focuses the vote, shows the chart.
    let focus = room.console("/focus");
    let answer = room.facilitator.post_form(&focus, &[("activity_id", &vote)]).await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    let screen = room.console("/screen");
    let screen = room.facilitator.get(&screen).await;
    assert_eq!(screen.status, 200);
    assert!(screen.body.contains("<svg class=\"grade-bar\"") && screen.body.contains(sentence), "{}", screen.body);
    assert!(!screen.body.contains("<form id=\"ballot\""), "no ballot on the projection");
    // And the participants see the results.
    let page = room.page(7, &vote).await;
    assert!(page.contains(sentence) && !page.contains("id=\"ballot\""), "{page}");
}

#[tokio::test]
async fn a_dot_vote_refuses_overspent_ballots_and_keeps_the_box() {
    let mut room = Converging::new().await;
    let dots = room
        .add_activity("vote", "Gommettes", &[("vote_method", "dots"), ("dots_budget", "5"), ("dots_cap", "3")])
        .await;
    room.act(&dots, "open").await;
    let page = room.page(0, &dots).await;
    assert!(page.contains("Il vous reste 5 gommettes sur 5."), "{page}");
    assert!(page.contains(&format!("name=\"dots-{}\" min=\"0\" max=\"3\"", room.ideas[0].1)), "{page}");

    let (a, b, c) = (room.ideas[0].1.clone(), room.ideas[1].1.clone(), room.ideas[2].1.clone());
    let answer = room.ballot(0, &dots, json!({"type": "dots", "dots": {a.clone(): 3, b.clone(): 2}})).await;
    assert_eq!(answer.status, 201, "{}", answer.body);
    // With the form: an idea left at 0 is left out.
    let path = format!("/w/{}/a/{dots}/ballot", room.workshop);
    let (field_a, field_c) = (format!("dots-{a}"), format!("dots-{c}"));
    let answer =
        room.people[1].browser.post_form(&path, &[(&field_a, "1"), (&field_c, "3"), (&format!("dots-{b}"), "0")]).await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    let page = room.page(1, &dots).await;
    assert!(page.contains("Il vous reste 1 gommette sur 5"), "{page}");

    room.assert_no_count_yet(&dots).await;
    let before = room.head().await;
    for (bad, reason) in [
        (json!({"type": "dots", "dots": {a.clone(): 3, b.clone(): 3}}), "over_budget"),
        (json!({"type": "dots", "dots": {a.clone(): 4}}), "over_cap"),
    ] {
        let answer = room.ballot(0, &dots, bad).await;
        assert_eq!(
            (answer.status, answer.error_code()),
            (422, "invalid_ballot".to_owned()),
            "{reason}: {}",
            answer.body
        );
    }
    let refused = room.people[1].browser.post_form(&path, &[(&field_a, "3"), (&field_c, "3")]).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    // 6 dots for a budget of 5: the refusal says how many too many, as the counter does.
    assert!(
        refused.body.contains("Vous avez placé 1 gommette de plus que vos 5\u{a0}: retirez-la avant d’envoyer."),
        "{}",
        refused.body
    );
    // The refused ballot is shown again as typed, to fix rather than retype.
    assert!(
        refused
            .body
            .contains(&format!("name=\"{field_c}\" min=\"0\" max=\"3\" step=\"1\" inputmode=\"numeric\" value=\"3\""))
    );
    let typo = room.people[1].browser.post_form(&path, &[(&field_a, "deux")]).await;
    assert_eq!(typo.status, 422, "{}", typo.body);
    assert!(typo.body.contains("Saisissez des nombres entiers."), "{}", typo.body);
    assert_eq!(room.head().await, before, "refusals leave the box as it was");

    // Dots counted: idea A has 3 + 1, C has 3, B has 2.
    room.act(&dots, "close").await;
    let document = room.results(&dots).await;
    assert_eq!(document["frozen"], true);
    let items = room.order(&document);
    let position = |id: &str| items.iter().position(|item| item == id).unwrap();
    assert_eq!(document["result"]["dots"][position(&a)], 4);
    assert_eq!(document["winners"], json!([a]));
    let board = room.board(&dots).await;
    assert!(board.contains("c’est l’idée qui a reçu le plus de gommettes (4)"), "{board}");
}
