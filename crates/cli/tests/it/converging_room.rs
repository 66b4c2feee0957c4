//! Sorting into categories and brainwriting through the real server, with a scripted room of
//! twelve participants from four services seated at tables of four.
//!
//! The facilitator works with the console's forms (signed in) and participants sort with their
//! page's "move to" forms, as a phone without JavaScript does; ideas are posted through the API.
//! The tests then read the pages as browsers get them: totals on the sorting board, each
//! participant's sheet round after round, and the facilitator's brainwriting board, which must
//! list every idea posted exactly once.
//!
//! Texts are distinctive (no text is a part of another) so a substring count says where they are.

use converge_test_support::*;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};

const SERVICES: [&str; 4] = ["Budget", "Mobilité", "Santé", "Numérique"];
const CATEGORIES: [&str; 4] = ["Culture", "Outils", "Cadre légal", "Coordination"];

/// A workshop with its facilitator signed in, twelve participants seated at tables of four, a
/// challenge from each of them, and the two activities under test added with the console.
struct Sorting {
    room: Room,
    challenges: String,
    categorize: String,
    brainwriting: String,
    /// The challenges' texts and ids, in the participants' order.
    challenge_notes: Vec<(String, String)>,
}

impl std::ops::Deref for Sorting {
    type Target = Room;
    fn deref(&self) -> &Room {
        &self.room
    }
}

impl std::ops::DerefMut for Sorting {
    fn deref_mut(&mut self) -> &mut Room {
        &mut self.room
    }
}

impl Sorting {
    async fn new() -> Sorting {
        let room = Room::new("Atelier convergent").build().await;
        let challenges = room.activity_at(0, "challenges");
        let mut room = Sorting {
            room,
            challenges,
            categorize: String::new(),
            brainwriting: String::new(),
            challenge_notes: Vec::new(),
        };

        room.categorize = room.add_activity("categorize", "Quatre catégories prioritaires").await;
        room.brainwriting = room.add_activity("brainwriting", "Des idées, feuille après feuille").await;
        let categories = CATEGORIES.join("\n");
        let path = room.console(&format!("/activities/{}/edit", room.categorize));
        let challenges = room.challenges.clone();
        let fields = [
            ("title", "Quatre catégories prioritaires"),
            ("prompt", "Rangez chaque défi"),
            ("source", challenges.as_str()),
            ("categories", categories.as_str()),
        ];
        let answer = room.facilitator.post_form(&path, &fields).await;
        assert_eq!(answer.status, 303, "editing the categorize activity: {}", answer.body);

        for number in 1..=3 {
            for service in SERVICES {
                room.join(&format!("{service}-{number}"), service).await;
            }
        }
        room.form_tables(4).await;

        room.facilitator_act(&room.challenges.clone(), "open").await;
        for index in 0..room.people.len() {
            let text = format!("Défi n°{:02} : faire vivre la participation", index + 1);
            let posted = room.post(index, &room.challenges.clone(), &text, &[]).await;
            assert_eq!(posted.status, 201, "{}", posted.body);
            let id = str(&serde_json::from_str::<Value>(&posted.body).unwrap(), "id").to_owned();
            room.challenge_notes.push((text, id));
        }
        room.facilitator_act(&room.challenges.clone(), "close").await;
        room
    }

    /// Adds an activity with the console's form; its id is the end of the redirect.
    async fn add_activity(&mut self, kind: &str, title: &str) -> String {
        self.room.add_activity(kind, title, "").await
    }

    /// A facilitator's button on an activity (`open`, `close`, `brainwriting-start`,
    /// `next-round`), coming back to the activity's page.
    async fn facilitator_act(&mut self, activity: &str, action: &str) {
        let path = self.console(&format!("/activities/{activity}/{action}"));
        let answer = self.facilitator.post_form(&path, &[("back", "activity")]).await;
        assert_eq!(answer.status, 303, "{action} on {activity}: {}", answer.body);
        assert_eq!(answer.location.as_deref(), Some(self.console(&format!("/activities/{activity}")).as_str()));
    }

    async fn facilitator_page(&mut self, activity: &str) -> String {
        let page = self.room.facilitator.get(&self.room.console(&format!("/activities/{activity}"))).await;
        assert_eq!(page.status, 200, "{}", page.body);
        page.body
    }

    async fn participant_page(&mut self, index: usize, activity: &str) -> String {
        let path = format!("/w/{}/a/{activity}", self.workshop);
        let page = self.people[index].browser.get(&path).await;
        assert_eq!(page.status, 200, "{}", page.body);
        page.body
    }

    /// Posts a contribution through the API, as participant `index`.
    async fn post(&self, index: usize, activity: &str, text: &str, links: &[&str]) -> PageAnswer {
        let response = self
            .server
            .http
            .post(self.server.url(&format!("/api/v1/workshops/{}/contributions", self.workshop)))
            .bearer_auth(&self.people[index].token)
            .json(&json!({"activity_id": activity, "text": text, "links": links}))
            .send()
            .await
            .unwrap();
        PageAnswer::read(response).await
    }

    /// Participant `index` sorts a challenge with the "move to" form of their page.
    async fn sort(&mut self, index: usize, challenge: usize, category: &str) -> PageAnswer {
        let path = format!("/w/{}/a/{}/sort", self.workshop, self.categorize);
        let note = self.challenge_notes[challenge].1.clone();
        self.people[index].browser.post_form(&path, &[("contribution_id", &note), ("category", category)]).await
    }

    fn name(&self, index: usize) -> &str {
        &self.people[index].name
    }
}

/// The columns of a sorting board as rendered: category value ("" for unsorted) → (the total
/// the column shows, the HTML of the column).
fn board_columns(html: &str) -> BTreeMap<String, (usize, String)> {
    let mut columns = BTreeMap::new();
    for chunk in html.split("data-sort-column").skip(1) {
        let attribute = |name: &str| {
            let start =
                chunk.find(&format!("{name}=\"")).unwrap_or_else(|| panic!("no {name} in {chunk}")) + name.len() + 2;
            chunk[start..start + chunk[start..].find('"').unwrap()].to_owned()
        };
        let count: usize = attribute("data-count").parse().unwrap();
        // The column ends where the next begins, or where the board ends.
        let body = chunk.split("</section>").next().unwrap_or_default().to_owned();
        columns.insert(attribute("data-category"), (count, body));
    }
    columns
}

/// Checks the board's totals and which challenge is in which column; `expected` gives, per
/// category value, the challenges (by index) it holds.
fn assert_board(room: &Sorting, html: &str, expected: &[(&str, &[usize])]) {
    let columns = board_columns(html);
    assert_eq!(columns.len(), expected.len(), "one column per category plus unsorted: {columns:?}");
    for (category, challenges) in expected {
        let (count, body) = columns.get(*category).unwrap_or_else(|| panic!("no column {category:?}"));
        assert_eq!(*count, challenges.len(), "the total of column {category:?}");
        assert!(body.contains(&format!(">{} notes<", challenges.len())) || challenges.len() < 2, "{body}");
        for (index, (text, _)) in room.challenge_notes.iter().enumerate() {
            assert_eq!(body.contains(text.as_str()), challenges.contains(&index), "{text} in column {category:?}");
        }
    }
}

#[tokio::test]
async fn a_room_sorts_challenges_into_four_categories_and_the_totals_follow() {
    let mut room = Sorting::new().await;
    let categorize = room.categorize.clone();

    // Before it opens, the activity is not there for participants: it is still being prepared.
    let path = format!("/w/{}/a/{categorize}", room.workshop);
    assert_eq!(room.people[0].browser.get(&path).await.status, 404);
    room.facilitator_act(&categorize, "open").await;

    // Each phone shows every challenge with a labelled "move to" control.
    let page = room.participant_page(0, &categorize).await;
    let first = &room.challenge_notes[0].1;
    assert!(page.contains(&format!("<label for=\"move-{first}\">Déplacer vers</label>")), "{page}");
    assert!(page.contains(&format!("aria-describedby=\"note-text-{first}\"")), "{page}");
    for category in CATEGORIES {
        assert!(page.contains(&format!(">{category}</option>")), "{category} offered: {page}");
    }
    assert!(page.contains("id=\"sort-board-live\"") && page.contains("data-live"), "the board is live");

    // Participants 0 to 9 each sort their own challenge into category (index mod 4).
    for index in 0..10 {
        let category = (index % 4).to_string();
        let answer = room.sort(index, index, &category).await;
        assert_eq!(answer.status, 303, "{}", answer.body);
        let note = &room.challenge_notes[index].1;
        assert_eq!(answer.location, Some(format!("/w/{}/a/{categorize}#note-{note}", room.workshop)));
    }
    // Participant 10 sorts theirs, then thinks better of it; challenge 11 is never touched.
    assert_eq!(room.sort(10, 10, "1").await.status, 303);
    assert_eq!(room.sort(10, 10, "").await.status, 303);
    // Someone else may move anyone's note: the board is shared.
    assert_eq!(room.sort(11, 2, "2").await.status, 303);
    // A category that does not exist is refused and changes nothing.
    let refused = room.sort(11, 11, "9").await;
    assert!(refused.status >= 400 && refused.status < 500, "status {}", refused.status);

    // The facilitator moves challenge 0 from Culture to Coordination with the board's form.
    let challenge_0 = room.challenge_notes[0].1.clone();
    let path = room.console(&format!("/contributions/{challenge_0}/categorize"));
    let answer = room.facilitator.post_form(&path, &[("activity_id", &categorize), ("category", "3")]).await;
    assert_eq!(answer.status, 303, "{}", answer.body);

    let expected: [(&str, &[usize]); 5] =
        [("", &[10, 11]), ("0", &[4, 8]), ("1", &[1, 5, 9]), ("2", &[2, 6]), ("3", &[0, 3, 7])];
    let board = room.facilitator_page(&categorize).await;
    assert_board(&room, &board, &expected);
    assert!(board.contains(&format!(
        "action=\"/facilitator/workshops/{}/contributions/{challenge_0}/categorize\"",
        room.workshop
    )));
    let phone = room.participant_page(5, &categorize).await;
    assert_board(&room, &phone, &expected);
    // The projection shows the same board, large and without controls.
    let screen = room.console("/screen");
    let screen = room.facilitator.get(&screen).await;
    assert_eq!(screen.status, 200);
    assert_board(&room, &screen.body, &expected);
    assert!(!screen.body.contains("data-sort-form"), "no controls on the projection");

    // Once closed, participants can no longer sort; the facilitator still tidies up.
    room.facilitator_act(&categorize, "close").await;
    let late = room.sort(11, 11, "0").await;
    assert_eq!(late.status, 422, "{}", late.body);
    let challenge_11 = room.challenge_notes[11].1.clone();
    let path = room.console(&format!("/contributions/{challenge_11}/categorize"));
    let answer = room.facilitator.post_form(&path, &[("activity_id", &categorize), ("category", "0")]).await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    let board = room.facilitator_page(&categorize).await;
    assert_board(
        &room,
        &board,
        &[("", &[10]), ("0", &[4, 8, 11]), ("1", &[1, 5, 9]), ("2", &[2, 6]), ("3", &[0, 3, 7])],
    );
    let phone = room.participant_page(0, &categorize).await;
    assert!(!phone.contains("data-sort-form"), "no controls once closed");
}

/// The name in "Tour N — votre feuille (commencée par X)" on a participant's page.
fn sheet_starter(page: &str) -> Option<String> {
    let start = page.find("votre feuille (commencée par ")? + "votre feuille (commencée par ".len();
    Some(page[start..start + page[start..].find(')')?].to_owned())
}

fn idea_text(name: &str, round: usize, number: usize) -> String {
    // Rounds are counted from 0 in the log and from 1 on screen, as here.
    format!("Idée de {name}, tour {}, n°{number}", round + 1)
}

#[tokio::test]
async fn brainwriting_rotates_sheets_at_every_table_and_loses_no_idea() {
    let mut room = Sorting::new().await;
    let activity = room.brainwriting.clone();
    let n_people = room.people.len();
    let mut posted: Vec<String> = Vec::new();
    // Each idea's id by its text, to follow it in the log.
    let mut ids: BTreeMap<String, String> = BTreeMap::new();

    let board = room.facilitator_page(&activity).await;
    assert!(board.contains("Lancer le brainwriting") && board.contains("3 tables formées"), "{board}");
    room.facilitator_act(&activity, "open").await;
    let page = room.participant_page(0, &activity).await;
    assert!(page.contains("Le brainwriting va commencer"), "{page}");
    room.facilitator_act(&activity, "brainwriting-start").await;

    // The room's tables of four, each mixing the four services.
    let board = room.facilitator_page(&activity).await;
    assert!(board.contains("Tour 1") && board.contains("Table 3") && !board.contains("Table 4"), "{board}");
    for table in board.split("class=\"bw-table\"").skip(1) {
        let members = table.split("bw-sheets").next().unwrap_or_default();
        let services: BTreeSet<&str> =
            SERVICES.iter().copied().filter(|service| members.contains(&format!("{service}-"))).collect();
        assert_eq!(services.len(), 4, "a table mixes the services: {members}");
    }

    // Round 1 (round 0 in the log): everyone writes three ideas on their own sheet; a fourth is refused.
    for index in 0..n_people {
        let page = room.participant_page(index, &activity).await;
        assert!(page.contains("Tour 1 — votre propre feuille"), "{page}");
        assert!(page.contains("Il vous reste 3 idées"), "{page}");
        for number in 1..=3 {
            let text = idea_text(room.name(index), 0, number);
            let answer = room.post(index, &activity, &text, &[]).await;
            assert_eq!(answer.status, 201, "{}", answer.body);
            ids.insert(text.clone(), str(&serde_json::from_str::<Value>(&answer.body).unwrap(), "id").to_owned());
            posted.push(text);
        }
        let answer = room.post(index, &activity, &format!("Une idée de trop de {}", room.name(index)), &[]).await;
        assert_eq!(answer.status, 422, "{}", answer.body);
        assert_eq!(answer.error_code(), "round_ideas_spent");
        let page = room.participant_page(index, &activity).await;
        assert!(
            page.contains("Vous avez écrit vos idées pour ce tour") && !page.contains("id=\"note-form\""),
            "{page}"
        );
    }

    // Round 2: every sheet has passed on; each participant holds another member's sheet, with
    // that member's ideas on it to build on.
    room.facilitator_act(&activity, "next-round").await;
    let mut starters_round_1: Vec<String> = Vec::new();
    for index in 0..n_people {
        let page = room.participant_page(index, &activity).await;
        let starter = sheet_starter(&page).unwrap_or_else(|| panic!("no sheet heading: {page}"));
        assert!(page.contains("Tour 2 — votre feuille"), "{page}");
        assert_ne!(starter, room.name(index));
        for number in 1..=3 {
            let earlier = idea_text(&starter, 0, number);
            assert!(page.contains(&earlier), "{earlier} on the sheet: {page}");
            assert!(page.contains(&format!("name=\"link\" value=\"{}\"", ids[&earlier])), "a box to build on it");
        }
        starters_round_1.push(starter);
    }
    let distinct: BTreeSet<&String> = starters_round_1.iter().collect();
    assert_eq!(distinct.len(), n_people, "every sheet is held by one person: {starters_round_1:?}");

    for index in 0..n_people {
        let builds_on = ids[&idea_text(&starters_round_1[index], 0, 1)].clone();
        for number in 1..=2 {
            let text = idea_text(room.name(index), 1, number);
            let links: Vec<&str> = if number == 2 { vec![builds_on.as_str()] } else { Vec::new() };
            let answer = room.post(index, &activity, &text, &links).await;
            assert_eq!(answer.status, 201, "{}", answer.body);
            ids.insert(text.clone(), str(&serde_json::from_str::<Value>(&answer.body).unwrap(), "id").to_owned());
            posted.push(text);
        }
        let page = room.participant_page(index, &activity).await;
        assert!(page.contains("Il vous reste une idée"), "{page}");
    }

    // The log says where each idea was written: round-2 ideas on the sheet their author held,
    // which is the sheet its starter wrote on in round 1.
    let export: Value = serde_json::from_str(&room.server.export(&room.data.token, &room.workshop).await).unwrap();
    let sheets: BTreeMap<String, Value> = export["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|event| event["kind"] == "contribution_posted")
        .map(|event| (str(&event["payload"], "text").to_owned(), event["payload"]["sheet"].clone()))
        .collect();
    for index in 0..n_people {
        let own = &sheets[&idea_text(&starters_round_1[index], 0, 1)];
        let written = &sheets[&idea_text(room.name(index), 1, 1)];
        assert_eq!(written["round"], 1, "{written}");
        assert_eq!((&written["table"], &written["sheet"]), (&own["table"], &own["sheet"]), "{}", room.name(index));
        assert_eq!(own["round"], 0);
    }

    // One participant steps out; the next round still gives every member a sheet, and the
    // leaver's waits at their empty seat, as on paper: who is away tells nothing of who holds what.
    let leaver = 5;
    let presence = format!("/w/{}/presence", room.workshop);
    let answer = room.people[leaver].browser.post_form(&presence, &[("present", "false")]).await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    room.facilitator_act(&activity, "next-round").await;
    for (index, starter_round_1) in starters_round_1.iter().enumerate() {
        let page = room.participant_page(index, &activity).await;
        if index == leaver {
            assert!(page.contains("votre feuille vous attend") && page.contains("Je suis de retour"), "{page}");
            continue;
        }
        assert!(page.contains("Tour 3 — votre feuille"), "{page}");
        let starter = sheet_starter(&page).unwrap_or_else(|| panic!("no sheet heading: {page}"));
        assert_ne!(starter, room.name(index), "not back to their own sheet");
        assert_ne!(&starter, starter_round_1, "not the sheet of the last round");
        let text = idea_text(room.name(index), 2, 1);
        let answer = room.post(index, &activity, &text, &[]).await;
        assert_eq!(answer.status, 201, "{}", answer.body);
        posted.push(text);
    }

    // No idea lost, none shown twice: the facilitator's board lists each exactly once, and
    // shows what builds on what by number.
    let board = room.facilitator_page(&activity).await;
    assert_eq!(posted.len(), n_people * 5 + (n_people - 1));
    for text in &posted {
        // Once as an idea on its sheet (its moderation controls say it again, to correct it).
        let idea = format!("<p class=\"note-text\">{text}</p>");
        assert_eq!(board.matches(idea.as_str()).count(), 1, "{text} on the board");
    }
    assert!(!board.contains("Une idée de trop"));
    assert!(board.matches("s’appuie sur 1").count() >= n_people, "builds-on links shown");
    assert!(board.contains("Tour 3") && board.contains("attend à une place vide"), "{board}");

    // The projection shows the round and, at busy tables, the ideas newest first.
    let screen = room.console("/screen");
    let screen = room.facilitator.get(&screen).await;
    assert!(screen.body.contains("Tour 3") && screen.body.contains("bw-latest"), "{}", screen.body);
    let newest = screen.body.find(posted[posted.len() - 1].as_str());
    assert!(newest.is_some(), "the newest idea on the screen");
    for text in &posted {
        assert_eq!(screen.body.matches(text.as_str()).count(), 1, "{text} on the screen once");
    }
}
