//! The action plan and the risk map through the real server, driven as phones without
//! JavaScript drive them: forms read from the pages and sent back as they stand.
//!
//! A room of four writes ideas in brainwriting, drafts an action card from one of them, edits
//! it from two phones at once (the second writer is shown the conflict, loses nothing, and both
//! changes end up on the card), checks consensus, then posts, rates and mitigates risks; the
//! console shows the heat map, the projection the plan by jurisdiction.

use converge_test_support::*;
use serde_json::{Value, json};
use std::time::Duration;

/// Someone in the room, with a browser holding their participant cookie.
/// A workshop whose brainwriting holds an idea from each of four people seated at one table,
/// with the action plan and the risk map open.
struct Outcomes {
    room: Room,
    plan: String,
    risks: String,
    /// The ideas written in brainwriting: (text, id), in the participants' order.
    ideas: Vec<(String, String)>,
}

impl std::ops::Deref for Outcomes {
    type Target = Room;
    fn deref(&self) -> &Room {
        &self.room
    }
}

impl std::ops::DerefMut for Outcomes {
    fn deref_mut(&mut self) -> &mut Room {
        &mut self.room
    }
}

impl Outcomes {
    async fn new() -> Outcomes {
        let people = [("Alice", "Budget"), ("Bruno", "Mobilité"), ("Chloé", "Santé"), ("David", "Numérique")];
        let room = Room::new("Atelier des suites").people(&people).build().await;
        let mut room = Outcomes { room, plan: String::new(), risks: String::new(), ideas: Vec::new() };
        room.form_tables(4).await;
        let brainwriting = room.add_activity("brainwriting", "Des idées").await;
        room.plan = room.add_activity("action_plan", "Plan d’action").await;
        room.risks = room.add_activity("risk_map", "Carte des risques").await;
        room.act(&brainwriting, "brainwriting-start").await;
        room.act(&brainwriting, "open").await;
        for index in 0..room.people.len() {
            let text = format!("Idée de {} : un guichet pour tout", room.people[index].name);
            let answer = room.post(index, json!({"activity_id": brainwriting, "text": text})).await;
            assert_eq!(answer.status, 201, "{}", answer.body);
            let id = str(&serde_json::from_str::<Value>(&answer.body).unwrap(), "id").to_owned();
            room.ideas.push((text, id));
        }
        room.act(&brainwriting, "close").await;
        let (plan, risks) = (room.plan.clone(), room.risks.clone());
        room.act(&plan, "open").await;
        room.act(&risks, "open").await;
        room
    }

    fn page(&self, activity: &str) -> String {
        format!("/w/{}/a/{activity}", self.workshop)
    }

    async fn add_activity(&mut self, kind: &str, title: &str) -> String {
        self.room.add_activity(kind, title, "").await
    }

    async fn act(&mut self, activity: &str, action: &str) {
        self.room.act(activity, action, &[("back", "activity")]).await;
    }

    async fn get(&mut self, index: usize, path: &str) -> String {
        let page = self.people[index].browser.get(path).await;
        assert_eq!(page.status, 200, "{path}: {}", page.body);
        page.body
    }

    async fn console_page(&mut self, activity: &str) -> String {
        let page = self.room.facilitator.get(&self.room.console(&format!("/activities/{activity}"))).await;
        assert_eq!(page.status, 200, "{}", page.body);
        page.body
    }

    /// Sends a form as the page gave it, with `changes` applied (a field set to a value, or
    /// added when the form has none).
    async fn send(
        &mut self,
        index: usize,
        action: &str,
        mut fields: Vec<(String, String)>,
        changes: &[(&str, &str)],
    ) -> PageAnswer {
        for (name, value) in changes {
            match fields.iter_mut().find(|(field, _)| field == name) {
                Some(field) => field.1 = (*value).to_owned(),
                None => fields.push(((*name).to_owned(), (*value).to_owned())),
            }
        }
        let pairs: Vec<(&str, &str)> = fields.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        let browser = &mut self.people[index].browser;
        let request = browser
            .build(reqwest::Method::POST, action)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(form_encode(&pairs));
        browser.send(request).await
    }
}

/// Undoes the HTML escaping of a text or an attribute value.
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
}

/// The attributes of a tag as written: `name="value"`, or a bare `name` with an empty value.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = tag.split_once(char::is_whitespace).map_or("", |(_, rest)| rest).trim_end_matches('/');
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return found;
        }
        let end = rest.find(|c: char| c == '=' || c.is_whitespace()).unwrap_or(rest.len());
        let name = rest[..end].to_owned();
        rest = &rest[end..];
        if let Some(quoted) = rest.strip_prefix("=\"") {
            let close = quoted.find('"').expect("a closed attribute value");
            found.push((name, unescape(&quoted[..close])));
            rest = &quoted[close + 1..];
        } else {
            found.push((name, String::new()));
        }
    }
}

/// The form whose `id` or `action` is `key`: its action and the fields it sends as it stands
/// (hidden and text inputs, textareas, the selected options, the ticked boxes and radios).
fn form(html: &str, key: &str) -> (String, Vec<(String, String)>) {
    let at = html
        .find(&format!("id=\"{key}\""))
        .or_else(|| html.find(&format!("action=\"{key}\"")))
        .unwrap_or_else(|| panic!("no form {key} in {html}"));
    let start = html[..at].rfind("<form").expect("the form's start");
    let end = start + html[start..].find("</form>").expect("the form's end");
    let mut action = String::new();
    let mut fields = Vec::new();
    let mut select = String::new();
    for piece in html[start..end].split('<').skip(1) {
        let (tag, text) = piece.split_once('>').unwrap_or((piece, ""));
        let attrs = attributes(tag);
        let attr = |name: &str| attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
        let tag_name = tag.split_whitespace().next().unwrap_or_default();
        match tag_name {
            "form" => action = attr("action").unwrap_or_default(),
            "input" => {
                let (Some(name), kind) = (attr("name"), attr("type").unwrap_or_else(|| "text".into())) else {
                    continue;
                };
                match kind.as_str() {
                    "checkbox" | "radio" if attr("checked").is_none() => {}
                    "submit" | "button" => {}
                    _ => fields.push((name, attr("value").unwrap_or_default())),
                }
            }
            "textarea" => fields.push((attr("name").unwrap_or_default(), unescape(text))),
            "select" => select = attr("name").unwrap_or_default(),
            "option" if attr("selected").is_some() => fields.push((select.clone(), attr("value").unwrap_or_default())),
            _ => {}
        }
    }
    (action, fields)
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields.iter().find(|(n, _)| n == name).map_or_else(|| panic!("no field {name} in {fields:?}"), |(_, v)| v.as_str())
}

fn values<'a>(fields: &'a [(String, String)], name: &str) -> Vec<&'a str> {
    fields.iter().filter(|(n, _)| n == name).map(|(_, v)| v.as_str()).collect()
}

#[tokio::test]
async fn a_card_drafted_from_an_idea_is_edited_from_two_phones_without_losing_either_change() {
    let mut room = Outcomes::new().await;
    let plan = room.plan.clone();
    let (idea_text, idea_id) = room.ideas[0].clone();

    // The plan page offers every idea, with a link that drafts a card from it.
    let page = room.get(0, &room.page(&plan)).await;
    assert!(page.contains("Les idées retenues") && page.contains(&idea_text), "{page}");
    let link = format!("{}/actions/new?source={idea_id}", room.page(&plan));
    assert!(page.contains(&link), "a draft-from-this-idea link: {page}");
    let new_card = room.get(0, &link).await;
    let (action, fields) = form(&new_card, "new-card-form");
    assert_eq!(field(&fields, "title"), idea_text);
    assert_eq!(field(&fields, "description"), idea_text);
    assert_eq!(values(&fields, "source"), vec![idea_id.as_str()], "the idea is ticked as the card's source");
    assert_eq!(field(&fields, "jurisdiction"), "administration");

    // A card without any source is refused, with what was typed kept.
    let mut unsourced = fields.clone();
    unsourced.retain(|(name, _)| name != "source" && name != "action_id");
    let refused = room.send(0, &action, unsourced, &[("title", "Sans source & sans lien")]).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("cite au moins une contribution"), "{}", refused.body);
    assert!(refused.body.contains("value=\"Sans source &amp; sans lien\""), "{}", refused.body);

    let drafted = room
        .send(
            0,
            &action,
            fields.clone(),
            &[("title", "Un guichet unique"), ("jurisdiction", "shared"), ("owner", "SPW")],
        )
        .await;
    assert_eq!(drafted.status, 303, "{}", drafted.body);
    let card = drafted.location.clone().expect("the card's page");
    assert!(card.starts_with(&format!("{}/actions/", room.page(&plan))), "{card}");
    // The same form sent again (a retry) drafts nothing more.
    let again = room
        .send(0, &action, fields, &[("title", "Un guichet unique"), ("jurisdiction", "shared"), ("owner", "SPW")])
        .await;
    assert_eq!((again.status, again.location.as_deref()), (303, Some(card.as_str())), "{}", again.body);
    let page = room.get(3, &room.page(&plan)).await;
    assert_eq!(page.matches("class=\"action-card\"").count(), 1, "one card: {page}");
    assert!(page.contains("Un guichet unique") && page.contains("Partagée") && page.contains("Porteur\u{a0}: SPW"));
    assert!(page.contains("déjà dans 1 fiche"), "the idea says it fed a card: {page}");

    // Bruno and Chloé open the card at revision 1.
    let bruno_page = room.get(1, &card).await;
    let chloe_page = room.get(2, &card).await;
    let (edit_action, bruno_form) = form(&bruno_page, "edit-card-form");
    let (_, chloe_form) = form(&chloe_page, "edit-card-form");
    assert_eq!(field(&bruno_form, "base_revision"), "1");
    assert_eq!(field(&chloe_form, "base_revision"), "1");
    // Bruno retitles the card and saves first.
    let saved = room.send(1, &edit_action, bruno_form, &[("title", "Un guichet unique pour les usagers")]).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    // Chloé, still on revision 1, writes the description and a first step.
    let description = "Un seul point de contact, en ligne et au téléphone";
    let conflict = room
        .send(2, &edit_action, chloe_form, &[("description", description), ("first_steps", "Recenser les guichets")])
        .await;
    assert_eq!(conflict.status, 409, "{}", conflict.body);
    assert!(conflict.body.contains("Quelqu’un d’autre a modifié cette fiche"), "{}", conflict.body);
    let shown_card = conflict.body.split("id=\"card-live\"").nth(1).unwrap_or_default();
    assert!(shown_card.contains("Un guichet unique pour les usagers"), "the card as it now is: {shown_card}");
    let yours = conflict.body.split("class=\"conflict card\"").nth(1).expect("what Chloé typed");
    assert!(yours.contains(description) && yours.contains("Recenser les guichets"), "{yours}");
    // Her form now starts from revision 2 and holds both changes.
    let (_, merged) = form(&conflict.body, "edit-card-form");
    assert_eq!(field(&merged, "base_revision"), "2");
    assert_eq!(field(&merged, "title"), "Un guichet unique pour les usagers");
    assert_eq!(field(&merged, "description"), description);
    assert_eq!(field(&merged, "owner"), "SPW");
    let saved = room.send(2, &edit_action, merged, &[]).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let page = room.get(3, &card).await;
    let shown = page.split("id=\"card-live\"").nth(1).unwrap_or_default();
    assert!(shown.contains("Un guichet unique pour les usagers") && shown.contains(description), "{shown}");
    assert!(shown.contains("Recenser les guichets") && shown.contains("version 3"), "{shown}");

    // The log agrees: three versions, each edit from the one before.
    let export: Value = serde_json::from_str(&room.server.export(&room.data.token, &room.workshop).await).unwrap();
    let revisions: Vec<u64> = export["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|event| event["kind"] == "action_edited")
        .map(|event| event["payload"]["revision"].as_u64().unwrap())
        .collect();
    assert_eq!(revisions, vec![2, 3]);
}

#[tokio::test]
async fn the_room_checks_consensus_and_only_the_facilitator_reads_the_objections() {
    let mut room = Outcomes::new().await;
    let plan = room.plan.clone();
    // The facilitator renames a default jurisdiction and adds one; cards keep their keys.
    let settings = room.console_page(&plan).await;
    assert!(settings.contains("L’administration elle-même\nLe prochain gouvernement\nPartagée"), "{settings}");
    let lines = "L’administration elle-même\nLe gouvernement wallon\nPartagée\nLes communes";
    let path = room.console(&format!("/activities/{plan}/edit"));
    let answer = room.facilitator.post_form(&path, &[("title", "Plan d’action"), ("jurisdictions", lines)]).await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    let link = format!("{}/actions/new?source={}", room.page(&plan), room.ideas[1].1);
    let new_card = room.get(0, &link).await;
    assert!(new_card.contains("<option value=\"government\">Le gouvernement wallon</option>"), "{new_card}");
    assert!(new_card.contains("<option value=\"les-communes\">Les communes</option>"), "{new_card}");
    let (action, fields) = form(&new_card, "new-card-form");
    let drafted = room.send(0, &action, fields, &[("title", "Un budget pluriannuel")]).await;
    assert_eq!(drafted.status, 303, "{}", drafted.body);
    let card = drafted.location.unwrap();
    let action_id = card.rsplit('/').next().unwrap().to_owned();

    let mut stream = room.server.events(&room.people[3].token, &room.workshop, None).await;
    stream.drain(Duration::from_millis(300)).await;

    // One tap from the plan's list: agree, or can live with it.
    for (index, stance) in [(0, "agree"), (1, "can_live_with"), (3, "agree")] {
        let list = room.get(index, &room.page(&plan)).await;
        let (quick, fields) = form(&list, &format!("{card}/consensus"));
        let answer = room.send(index, &quick, fields, &[("stance", stance)]).await;
        assert_eq!(answer.status, 303, "{}", answer.body);
        assert_eq!(answer.location.as_deref(), Some(format!("{}#action-{action_id}", room.page(&plan)).as_str()));
    }
    // An objection needs a reason; the refusal keeps the stance chosen.
    let page = room.get(2, &card).await;
    let (consensus, fields) = form(&page, "consensus");
    let refused = room.send(2, &consensus, fields.clone(), &[("stance", "object")]).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("une objection ou un abandon s’accompagne d’une raison"), "{}", refused.body);
    let (_, kept) = form(&refused.body, "consensus");
    assert_eq!(field(&kept, "stance"), "object");
    let reason = "Le coût pour les communes n’est pas chiffré";
    let objected = room.send(2, &consensus, fields, &[("stance", "object"), ("reason", reason)]).await;
    assert_eq!(objected.status, 303, "{}", objected.body);

    let list = room.get(3, &room.page(&plan)).await;
    assert!(list.contains("2 d’accord · 1 peut vivre avec · 1 objection"), "{list}");
    assert!(list.contains("Votre avis\u{a0}: D’accord"), "David sees his own stance: {list}");
    assert!(
        !list.contains(reason) && !list.contains("class=\"objections\""),
        "participants see counts, not who objects: {list}"
    );
    let board = room.console_page(&plan).await;
    assert!(board.contains("1 objection") && board.contains(reason), "{board}");
    let objections = &board[board.find("class=\"objections\"").expect("the objections")..];
    let objections = &objections[..objections.find("</div>").unwrap()];
    assert!(!objections.contains("Chloé"), "a stance is given in confidence, even from the facilitator: {objections}");

    // David's stream tells that stances were given, not who gave which, nor the reasons.
    let events = stream.drain(Duration::from_millis(500)).await;
    let stances: Vec<&Value> =
        events.iter().map(|event| &event.data).filter(|data| data["kind"] == "consensus_given").collect();
    assert_eq!(stances.len(), 4, "{events:?}");
    for stance in &stances {
        let fields: Vec<&String> = stance["payload"].as_object().unwrap().keys().collect();
        assert_eq!(fields, ["action_id", "type"], "{stance}");
    }

    // The projection groups the plan by jurisdiction, with the consensus bars.
    let focus = room.console("/focus");
    let answer = room.facilitator.post_form(&focus, &[("activity_id", &plan)]).await;
    assert_eq!(answer.status, 303);
    let screen = room.console("/screen");
    let screen = room.facilitator.get(&screen).await;
    assert!(screen.body.contains("L’administration elle-même") && screen.body.contains("Un budget pluriannuel"));
    assert!(screen.body.contains("svg class=\"consensus-bar\""), "{}", screen.body);

    // Withdrawn, the card leaves the plan and refuses edits.
    let page = room.facilitator.get(&card).await;
    let (withdraw, _) = form(&page.body, &format!("{card}/withdraw"));
    let answer = room.facilitator.post_form(&withdraw, &[]).await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    let list = room.get(0, &room.page(&plan)).await;
    assert!(!list.contains("class=\"action-card\""), "{list}");
    let page = room.get(0, &card).await;
    assert!(page.contains("retirée du plan") && !page.contains("edit-card-form"), "{page}");
    let refused =
        room.people[0].browser.post_form(&format!("{card}/edit"), &[("base_revision", "1"), ("title", "X")]).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
}

#[tokio::test]
async fn risks_are_rated_by_the_room_linked_to_actions_and_mapped() {
    let mut room = Outcomes::new().await;
    let (plan, risks) = (room.plan.clone(), room.risks.clone());
    // A card to mitigate with, drafted by the facilitator without a source.
    let new_action = format!("{}/actions/new", room.page(&plan));
    let page = room.facilitator.get(&new_action).await;
    let (action, mut fields) = form(&page.body, "new-card-form");
    fields.retain(|(name, _)| name != "source");
    let pairs: Vec<(&str, &str)> =
        fields.iter().map(|(n, v)| (n.as_str(), v.as_str())).filter(|(n, _)| *n != "_csrf").collect();
    let mut pairs = pairs;
    pairs.retain(|(name, _)| *name != "title");
    pairs.push(("title", "Une réserve budgétaire"));
    let drafted = room.facilitator.post_form(&action, &pairs).await;
    assert_eq!(drafted.status, 303, "{}", drafted.body);
    let action_id = drafted.location.unwrap().rsplit('/').next().unwrap().to_owned();

    // Risks are posted with the page's note form.
    let mut risk_ids = Vec::new();
    for text in ["Le budget est coupé", "Les équipes changent"] {
        let page = room.get(0, &room.page(&risks)).await;
        let (post, fields) = form(&page, "note-form");
        let answer = room.send(0, &post, fields, &[("text", text)]).await;
        assert_eq!(answer.status, 303, "{}", answer.body);
        let page = room.get(0, &room.page(&risks)).await;
        let at = page.find(text).expect("the risk is listed");
        let id_at = page[..at].rfind("id=\"risk-").unwrap() + "id=\"risk-".len();
        risk_ids.push(page[id_at..id_at + 36].to_owned());
    }
    let budget = risk_ids[0].clone();
    let rating = format!("{}/risks/{budget}/rating", room.page(&risks));

    // Everyone rates the budget risk with the radio buttons of its form; Alice changes her mind.
    for (index, likelihood, impact) in [(0, "5", "5"), (1, "4", "5"), (2, "3", "4"), (3, "3", "2"), (0, "2", "5")] {
        let page = room.get(index, &room.page(&risks)).await;
        let (action, fields) = form(&page, &rating);
        assert_eq!(action, rating);
        let answer = room.send(index, &action, fields, &[("likelihood", likelihood), ("impact", impact)]).await;
        assert_eq!(answer.status, 303, "{}", answer.body);
        assert_eq!(answer.location.as_deref(), Some(format!("{}#risk-{budget}", room.page(&risks)).as_str()));
    }
    // Likelihood 2, 4, 3, 3: mean 3.0, spread √0.5; impact 5, 5, 4, 2: mean 4.0, spread √1.5.
    let page = room.get(1, &room.page(&risks)).await;
    assert!(page.contains("Probabilité 3,0 (± 0,7) · impact 4,0 (± 1,2) · 4 avis"), "{page}");
    assert!(page.contains("Pas encore noté"), "the other risk: {page}");
    // Bruno's form shows his own rating.
    let (_, fields) = form(&page, &rating);
    assert_eq!((field(&fields, "likelihood"), field(&fields, "impact")), ("4", "5"));
    let refused = room.send(1, &rating, fields, &[("likelihood", "6")]).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("se notent de 1 à 5"), "{}", refused.body);

    // Chloé links the reserve as a mitigation of the budget risk.
    let mitigations = format!("{}/risks/{budget}/mitigations", room.page(&risks));
    let page = room.get(2, &room.page(&risks)).await;
    let (action, fields) = form(&page, &mitigations);
    let answer = room.send(2, &action, fields, &[("action", &action_id)]).await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    let page = room.get(3, &room.page(&risks)).await;
    let item = page.split(&format!("id=\"risk-{budget}\"")).nth(1).unwrap().split("</li>").next().unwrap();
    assert!(item.contains("Atténué par") && item.contains("Une réserve budgétaire"), "{item}");
    let card = room.get(3, &format!("{}/actions/{action_id}", room.page(&plan))).await;
    assert!(card.contains("Risques qu’elle atténue") && card.contains("Le budget est coupé"), "{card}");

    // The console shows the heat map with the budget risk in cell (3, 4), numbered 1.
    let board = room.console_page(&risks).await;
    assert!(board.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"heat-map\""), "{board}");
    let mark = board.split("data-likelihood=\"3\" data-impact=\"4\"").nth(1).expect("a mark in (3, 4)");
    assert!(mark.split("</g>").next().unwrap().contains(">1</text>"), "{mark}");
    assert_eq!(board.matches("class=\"heat-map-risk\"").count(), 1, "the unrated risk is not on the map");
}

#[tokio::test]
async fn the_api_answers_a_stale_edit_with_the_card_as_it_now_is() {
    let room = Outcomes::new().await;
    let url = |rest: &str| room.server.url(&format!("/api/v1/workshops/{}{rest}", room.workshop));
    let post = |token: &str, path: &str, body: Value| {
        room.server.http.post(url(path)).bearer_auth(token.to_owned()).json(&body).send()
    };
    let (alice, bruno) = (room.people[0].token.clone(), room.people[1].token.clone());
    let draft = json!({
        "id": "0190a0b0-0000-7000-8000-00000000a001",
        "activity_id": room.plan,
        "card": {"title": "Un guichet unique", "jurisdiction": "government"},
        "sources": [room.ideas[0].1],
    });
    let created = post(&alice, "/actions", draft.clone()).await.unwrap();
    assert_eq!(created.status(), 201);
    let created: Value = created.json().await.unwrap();
    assert_eq!((created["revision"].as_u64(), created["card"]["jurisdiction"].as_str()), (Some(1), Some("government")));
    // A retry is answered with the card, and drafts nothing more; another author's id is taken.
    assert_eq!(post(&alice, "/actions", draft.clone()).await.unwrap().status(), 200);
    assert_eq!(post(&bruno, "/actions", draft).await.unwrap().status(), 409);

    let path = "/actions/0190a0b0-0000-7000-8000-00000000a001";
    let edit = |title: &str, description: &str, base: u64| {
        json!({
            "base_revision": base,
            "card": {"title": title, "description": description, "jurisdiction": "government"},
            "sources": [room.ideas[0].1],
        })
    };
    let saved = post(&alice, path, edit("Un guichet unique et proche", "", 1)).await.unwrap();
    assert_eq!(saved.status(), 200);
    let stale = post(&bruno, path, edit("Un guichet unique", "Un seul point de contact", 1)).await.unwrap();
    assert_eq!(stale.status(), 409);
    let conflict: Value = stale.json().await.unwrap();
    assert_eq!(conflict["error"]["code"], "edit_conflict");
    assert_eq!(conflict["current"]["revision"], 2);
    assert_eq!(conflict["current"]["card"]["title"], "Un guichet unique et proche");
    let merged = edit("Un guichet unique et proche", "Un seul point de contact", 2);
    let saved: Value = post(&bruno, path, merged).await.unwrap().json().await.unwrap();
    assert_eq!(saved["revision"], 3);
    assert_eq!(saved["card"]["title"], "Un guichet unique et proche");
    assert_eq!(saved["card"]["description"], "Un seul point de contact");
    assert!(saved.get("author").is_none(), "the API does not say who wrote a card");
}
