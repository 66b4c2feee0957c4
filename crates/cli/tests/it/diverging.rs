//! The diverging activities through the real server: photo language, SWOT, challenges and
//! reformulation. The facilitator builds the agenda with the console's forms, participants post
//! through the API (and one through the page's own form), and the tests read the pages as
//! browsers get them: the participant's phone, the facilitator's board and the projection screen.
//!
//! Texts are distinctive so that a simple substring search says where they are shown.

use converge_test_support::*;
use serde_json::{Value, json};

/// The default agenda's workshop (challenges, then SWOT), its facilitator signed in through the
/// forms.
struct Diverging {
    room: Room,
    challenges: String,
    swot: String,
}

impl std::ops::Deref for Diverging {
    type Target = Room;
    fn deref(&self) -> &Room {
        &self.room
    }
}

impl std::ops::DerefMut for Diverging {
    fn deref_mut(&mut self) -> &mut Room {
        &mut self.room
    }
}

impl Diverging {
    async fn new() -> Diverging {
        let room = Room::new("Atelier divergent").build().await;
        let (challenges, swot) = (room.activity_at(0, "challenges"), room.activity_at(1, "swot"));
        Diverging { room, challenges, swot }
    }

    /// Saves an activity's settings with the console's form.
    async fn edit(&mut self, activity: &str, title: &str, extra: &[(&str, &str)]) {
        let mut fields = vec![("title", title), ("prompt", "")];
        fields.extend_from_slice(extra);
        self.room.edit(activity, &fields).await;
    }

    /// A facilitator's action on a contribution (`move`, `merge`) with the board's form.
    async fn act_on(&mut self, contribution: &str, action: &str, fields: &[(&str, &str)]) {
        let path = self.console(&format!("/contributions/{contribution}/{action}"));
        let answer = self.facilitator.post_form(&path, fields).await;
        assert_eq!(answer.status, 303, "{action} {contribution}: {}", answer.body);
    }

    /// Joins a participant through the API; returns their token.
    async fn join(&self, name: &str) -> String {
        str(&self.server.join(&self.join_code, name).await, "token").to_owned()
    }

    /// Posts a contribution through the API (`postContribution`); returns its id.
    async fn post(&self, participant: &str, activity: &str, text: &str, extra: Value) -> String {
        let mut body = json!({"activity_id": activity, "text": text});
        if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
            body.extend(extra.clone());
        }
        let response = self
            .server
            .http
            .post(self.server.url(&format!("/api/v1/workshops/{}/contributions", self.workshop)))
            .bearer_auth(participant)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 201, "posting {text:?}: {}", response.text().await.unwrap());
        let posted: Value = response.json().await.unwrap();
        str(&posted, "id").to_owned()
    }

    /// The activity's page as a participant's phone gets it.
    async fn participant_page(&self, participant: &str, activity: &str) -> String {
        let url = self.server.url(&format!("/w/{}/a/{activity}", self.workshop));
        let response = self.server.http.get(url).bearer_auth(participant).send().await.unwrap();
        assert_eq!(response.status(), 200);
        response.text().await.unwrap()
    }

    /// The facilitator's board of the activity.
    async fn board(&mut self, activity: &str) -> String {
        let path = self.console(&format!("/activities/{activity}"));
        let answer = self.facilitator.get(&path).await;
        assert_eq!(answer.status, 200, "{}", answer.body);
        answer.body
    }

    /// The projection screen, once the facilitator has sent every screen to the activity.
    async fn projection(&mut self, activity: &str) -> String {
        let path = self.console("/focus");
        let answer = self.facilitator.post_form(&path, &[("activity_id", activity)]).await;
        assert_eq!(answer.status, 303, "focusing: {}", answer.body);
        let answer = self.room.facilitator.get(&self.room.console("/screen")).await;
        assert_eq!(answer.status, 200, "{}", answer.body);
        answer.body
    }
}

/// The HTML from `marker` to the end of the element section it is in (`</section>`).
fn section<'a>(html: &'a str, marker: &str) -> &'a str {
    let start = html.find(marker).unwrap_or_else(|| panic!("no {marker:?} in the page"));
    let end = html[start..].find("</section>").map_or(html.len(), |end| start + end);
    &html[start..end]
}

/// The `<li class="note…">` of a contribution, up to the next note.
fn note<'a>(html: &'a str, contribution: &str) -> &'a str {
    let marker = format!("data-contribution=\"{contribution}\"");
    let start = html.find(&marker).unwrap_or_else(|| panic!("no note {contribution} in the page"));
    let end =
        html[start + marker.len()..].find("data-contribution=").map_or(html.len(), |end| start + marker.len() + end);
    &html[start..end]
}

#[tokio::test]
async fn photo_language_groups_the_picks_of_one_card_in_the_gallery() {
    let mut room = Diverging::new().await;
    let photo = room.add_activity("photo_language", "Vision 2029", "Pourquoi cette image ?").await;
    room.open(&photo).await;
    let anne = room.join("Anne Photolangage").await;
    let bruno = room.join("Bruno Photolangage").await;
    room.post(&anne, &photo, "Le pont relie les services aux citoyens", json!({"card": "bridge"})).await;
    room.post(&bruno, &photo, "Un pont entre deux rives qui se parlent enfin", json!({"card": "bridge"})).await;
    room.post(&bruno, &photo, "Le phare guide la décision publique", json!({"card": "lighthouse"})).await;

    // A third participant picks on the page itself: the deck is a set of radio buttons.
    let mut phone = Browser::open(&room.server, "fr").await;
    let joined = phone.join(&room.join_code, "Chloé Photolangage").await;
    assert!(joined.location.is_some());
    let page = phone.get(&format!("/w/{}/a/{photo}", room.workshop)).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("type=\"radio\" name=\"card\" value=\"bridge\""), "the picker offers the cards");
    assert!(page.body.contains("alt=\"Deux personnes se serrent la main"), "alt text in French");
    assert!(page.body.contains("/01-bridge.svg\""), "the images are static files, cached by the phone");
    // The strict CSP would block inline script and style: the page brings neither.
    assert!(page.body.split("<script").skip(1).all(|tag| tag.starts_with(" src=")), "inline script");
    assert!(!page.body.contains(" style="), "inline style");
    let posted = phone
        .post_form(
            &format!("/w/{}/a/{photo}/notes", room.workshop),
            &[("card", "compass"), ("text", "La boussole des valeurs communes")],
        )
        .await;
    assert_eq!(posted.status, 303, "{}", posted.body);

    for page in [room.participant_page(&anne, &photo).await, room.board(&photo).await, room.projection(&photo).await] {
        assert_eq!(page.matches("data-card=\"bridge\"").count(), 1, "a card picked twice shows once");
        let bridge = section(&page, "data-card=\"bridge\"");
        assert!(bridge.contains("Le pont relie les services aux citoyens"));
        assert!(bridge.contains("Un pont entre deux rives qui se parlent enfin"));
        assert!(bridge.contains("choisie 2 fois"), "the count: {bridge}");
        let lighthouse = section(&page, "data-card=\"lighthouse\"");
        assert!(lighthouse.contains("Le phare guide la décision publique") && lighthouse.contains("choisie une fois"));
        assert!(section(&page, "data-card=\"compass\"").contains("La boussole des valeurs communes"));
        // The most picked card comes first.
        assert!(page.find("data-card=\"bridge\"") < page.find("data-card=\"lighthouse\""));
    }
    let board = room.board(&photo).await;
    assert!(section(&board, "data-card=\"bridge\"").contains("Bruno Photolangage"), "the board names the authors");

    // In English, the same gallery speaks English.
    let mut english = Browser::open(&room.server, "en").await;
    english.sign_in("ann@example.org", PASSWORD).await;
    let board = english.get(&room.console(&format!("/activities/{photo}"))).await.body;
    assert!(board.contains("picked 2 times") && board.contains("The bridge"), "English captions");
}

#[tokio::test]
async fn swot_notes_sit_in_their_quadrant_and_the_facilitator_moves_them() {
    let mut room = Diverging::new().await;
    let swot = room.swot.clone();
    room.open(&swot).await;
    let anne = room.join("Anne Swot").await;
    let strength = room.post(&anne, &swot, "Des agents motivés et formés", json!({"kind": "strength"})).await;
    room.post(&anne, &swot, "Peu de moyens dédiés", json!({"kind": "weakness"})).await;
    room.post(&anne, &swot, "Le nouveau décret participation", json!({"kind": "opportunity"})).await;
    let misplaced = room.post(&anne, &swot, "La lassitude des citoyens sollicités", json!({"kind": "strength"})).await;

    let board = room.board(&swot).await;
    assert!(section(&board, "quadrant-strength").contains("Des agents motivés et formés"));
    assert!(section(&board, "quadrant-weakness").contains("Peu de moyens dédiés"));
    assert!(section(&board, "quadrant-opportunity").contains("Le nouveau décret participation"));
    assert!(section(&board, "quadrant-strength").contains("La lassitude des citoyens sollicités"));
    assert!(section(&board, "quadrant-threat").contains("Aucune note ici"));
    let control = note(&board, &misplaced);
    assert!(control.contains(&format!("/contributions/{misplaced}/move\"")), "a move control on each note");
    assert!(control.contains("<option value=\"threat\">Menaces</option>"));

    room.act_on(&misplaced, "move", &[("kind", "threat")]).await;
    let pages = [room.board(&swot).await, room.participant_page(&anne, &swot).await, room.projection(&swot).await];
    for page in pages {
        assert!(section(&page, "quadrant-threat").contains("La lassitude des citoyens sollicités"), "moved");
        assert!(!section(&page, "quadrant-strength").contains("La lassitude des citoyens sollicités"));
        assert!(section(&page, "quadrant-strength").contains("Des agents motivés et formés"));
        assert!(section(&page, "quadrant-threat").contains("<h3"), "each quadrant has a heading");
    }
    let phone = room.participant_page(&anne, &swot).await;
    assert!(!phone.contains("/move\""), "participants get no move control");
    assert!(note(&room.board(&swot).await, &strength).contains("Des agents motivés et formés"));
}

#[tokio::test]
async fn a_note_sent_from_the_form_comes_back_to_it_said_sent_with_its_quadrant_kept() {
    let mut room = Diverging::new().await;
    let swot = room.swot.clone();
    room.open(&swot).await;
    let mut phone = Browser::open(&room.server, "fr").await;
    phone.join(&room.join_code, "Chloé Swot").await;
    let page = format!("/w/{}/a/{swot}", room.workshop);
    let before = phone.get(&page).await.body;
    assert!(!before.contains("data-note-sent"), "nothing was sent yet");

    let posted = phone.post_form(&format!("{page}/notes"), &[("kind", "threat"), ("text", "Des élus pressés")]).await;
    assert_eq!(posted.status, 303, "{}", posted.body);
    let back = posted.location.expect("a redirect");
    assert_eq!(back, format!("{page}?sent=1&kind=threat#text"), "back to the form, not the top of the page");
    let after = phone.get(back.split('#').next().unwrap_or_default()).await;
    assert_eq!(after.status, 200);
    let sent = section(&after.body, "data-note-sent");
    assert!(sent.contains("Note envoyée."), "{sent}");
    assert!(after.body.contains("<option value=\"threat\" selected>"), "the quadrant is kept for the next note");
    assert!(section(&after.body, "id=\"note-form\"").contains("data-note-sent"), "said in the form itself");
    assert!(section(&after.body, "quadrant-threat").contains("Des élus pressés"));

    // The address alone says nothing was sent; a kind that is none is ignored.
    let plain = phone.get(&format!("{page}?kind=banana")).await;
    assert_eq!(plain.status, 200);
    assert!(!plain.body.contains("data-note-sent") && !plain.body.contains(" selected>"), "{}", plain.body);
}

#[tokio::test]
async fn merged_challenges_show_as_one_and_reformulations_link_both_ways() {
    let mut room = Diverging::new().await;
    let challenges = room.challenges.clone();
    room.open(&challenges).await;
    let anne = room.join("Anne Défis").await;
    let bruno = room.join("Bruno Défis").await;
    let kept = room.post(&anne, &challenges, "Le manque de coordination entre services", json!({})).await;
    let duplicate = room.post(&bruno, &challenges, "Les services travaillent en silos", json!({})).await;
    let other = room.post(&bruno, &challenges, "Le désintérêt politique pour la participation", json!({})).await;

    let board = room.board(&challenges).await;
    let control = note(&board, &duplicate);
    assert!(control.contains(&format!("/contributions/{duplicate}/merge\"")), "a merge control on each note");
    assert!(control.contains(&format!("<option value=\"{kept}\">")), "the other notes are offered");
    room.act_on(&duplicate, "merge", &[("into", &kept)]).await;

    for page in [room.board(&challenges).await, room.participant_page(&bruno, &challenges).await] {
        assert!(
            !page.contains(&format!("data-contribution=\"{duplicate}\"")),
            "the duplicate is not a note of its own"
        );
        let merged = note(&page, &kept);
        assert!(merged.contains("1 note fusionnée dans celle-ci"), "the count of the notes merged into it: {merged}");
        assert!(merged.contains("Le manque de coordination entre services"));
        assert!(merged.contains("Les services travaillent en silos"));
    }
    assert!(
        !note(&room.board(&challenges).await, &kept).contains("/merge\""),
        "a note holding duplicates is not merged"
    );

    // Reformulation works on the challenges activity.
    let reformulate = room.add_activity("reformulate", "Reformuler", "Comment pourrions-nous… ?").await;
    room.edit(&reformulate, "Reformuler", &[("source", &challenges)]).await;
    room.open(&reformulate).await;
    let picker = room.participant_page(&anne, &reformulate).await;
    assert!(picker.contains(&format!("type=\"radio\" name=\"link\" value=\"{kept}\"")), "the challenges to pick");
    assert!(picker.contains(&format!("name=\"link\" value=\"{other}\"")));
    assert!(!picker.contains(&format!("name=\"link\" value=\"{duplicate}\"")), "merged notes read as one");

    let question = "Comment pourrions-nous faire travailler les services ensemble dès 2026";
    room.post(&anne, &reformulate, question, json!({"links": [kept]})).await;
    for page in [
        room.participant_page(&bruno, &reformulate).await,
        room.board(&reformulate).await,
        room.projection(&reformulate).await,
    ] {
        let group = section(&page, "class=\"reformulation-group\"");
        assert!(group.contains("Le manque de coordination entre services"), "the source challenge: {group}");
        assert!(group.contains(question));
        assert!(group.contains("Défi d’origine"));
        assert_eq!(page.matches("class=\"reformulation-group\"").count(), 1, "only challenges reformulated");
    }
    for page in [room.board(&challenges).await, room.participant_page(&bruno, &challenges).await] {
        let challenge = note(&page, &kept);
        assert!(challenge.contains("Reformulé en") && challenge.contains(question), "the link back: {challenge}");
        assert!(!note(&page, &other).contains("Reformulé en"));
    }

    // A reformulation must name its challenge.
    let refused = room
        .server
        .http
        .post(room.server.url(&format!("/api/v1/workshops/{}/contributions", room.workshop)))
        .bearer_auth(&anne)
        .json(&json!({"activity_id": reformulate, "text": "Sans source"}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
}

#[tokio::test]
async fn anonymous_activities_hide_authors_from_everyone_but_themselves() {
    let mut room = Diverging::new().await;
    let challenges = room.challenges.clone();
    room.edit(&challenges, "Défis anonymes", &[("anonymous", "on")]).await;
    room.open(&challenges).await;
    let author = room.join("Zéphyrine Quastelbaum").await;
    let reader = room.join("Octave Lecteur").await;
    let first = room.post(&author, &challenges, "Un cadre légal insuffisant", json!({})).await;
    let second = room.post(&author, &challenges, "Un cadre légal trop flou", json!({})).await;
    room.act_on(&second, "merge", &[("into", &first)]).await;

    let seen_by_reader = room.participant_page(&reader, &challenges).await;
    assert!(
        seen_by_reader.contains("Un cadre légal insuffisant") && seen_by_reader.contains("Un cadre légal trop flou")
    );
    assert!(!seen_by_reader.contains("Quastelbaum"), "another participant never sees the author");
    assert!(seen_by_reader.contains("anonyme"));
    let projected = room.projection(&challenges).await;
    assert!(projected.contains("Un cadre légal insuffisant"));
    assert!(!projected.contains("Quastelbaum"), "the projection never shows the author");
    let board = room.board(&challenges).await;
    assert!(note(&board, &first).contains("Un cadre légal insuffisant"), "the facilitator moderates the note");
    assert!(!board.contains("Quastelbaum"), "and not the person: anonymous means the facilitator too");
    assert!(
        room.participant_page(&author, &challenges).await.contains("Zéphyrine Quastelbaum"),
        "authors see their own"
    );

    // The same holds for a photo-language gallery.
    let photo = room.add_activity("photo_language", "Vision anonyme", "").await;
    room.edit(&photo, "Vision anonyme", &[("anonymous", "on")]).await;
    room.open(&photo).await;
    room.post(&author, &photo, "Les racines communes", json!({"card": "roots"})).await;
    let gallery = room.participant_page(&reader, &photo).await;
    assert!(gallery.contains("Les racines communes") && !gallery.contains("Quastelbaum"));
    assert!(!room.projection(&photo).await.contains("Quastelbaum"));
    let board = room.board(&photo).await;
    assert!(board.contains("Les racines communes") && !board.contains("Quastelbaum"));
}
