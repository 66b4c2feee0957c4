//! Traceability and follow-up through the real server: two participants post challenges (Anne
//! anonymously) and a reformulation, the facilitator drafts two actions from them, decides the
//! fate of the rest in bulk, closes the workshop and follows the actions up: a commitment that
//! is overdue, status updates, the public page and its Atom feed, and a CSV import checked in a
//! dry run and applied all or nothing. Each participant's "my contributions" page shows the fate
//! of theirs, with the path to the action, and nothing of the other's.

use converge_test_support::*;
use serde_json::Value;

const A1: &str = "Les démarches sont trop longues";
const A2: &str = "Les démarches prennent des mois";
const A3: &str = "Le site est illisible";
const A4: &str = "Les horaires du guichet sont trop courts";
const B1: &str = "Personne ne connaît le guichet";
const B2: &str = "Trop de formulaires papier";
const Q1: &str = "Comment raccourcir les démarches ?";
const ACTION_1: &str = "Un guichet unique pour les démarches";
const ACTION_2: &str = "Faire connaître le guichet";
const NOT_RETAINED: &str = "Déjà traité par le plan numérique";

/// The workshop, its facilitator signed in, and Anne and Bruno, who joined with the join form.
struct FollowUp {
    room: Room,
    anne: Browser,
    bruno: Browser,
    plan: String,
}

impl std::ops::Deref for FollowUp {
    type Target = Room;
    fn deref(&self) -> &Room {
        &self.room
    }
}

impl std::ops::DerefMut for FollowUp {
    fn deref_mut(&mut self) -> &mut Room {
        &mut self.room
    }
}

impl FollowUp {
    /// Adds an activity with the console's form, sets it (sources, anonymity) and opens it.
    async fn add_activity(&mut self, kind: &str, title: &str, settings: &[(&str, &str)]) -> String {
        let answer = self
            .room
            .facilitator
            .post_form(&self.room.console("/activities"), &[("kind", kind), ("title", title)])
            .await;
        assert_eq!(answer.status, 303, "adding {kind}: {}", answer.body);
        let id = answer.location.unwrap().rsplit('/').next().unwrap().to_owned();
        self.edit_and_open(&id, title, settings).await;
        id
    }

    async fn edit_and_open(&mut self, activity: &str, title: &str, settings: &[(&str, &str)]) {
        let mut fields = vec![("title", title), ("prompt", "")];
        fields.extend_from_slice(settings);
        let answer =
            self.room.facilitator.post_form(&self.room.console(&format!("/activities/{activity}/edit")), &fields).await;
        assert_eq!(answer.status, 303, "settings of {title}: {}", answer.body);
        let answer = self
            .room
            .facilitator
            .post_form(&self.room.console(&format!("/activities/{activity}/open")), &[("back", "x")])
            .await;
        assert_eq!(answer.status, 303, "opening {title}: {}", answer.body);
    }

    /// The workshop as its facilitator's API sees it.
    async fn view(&self) -> Value {
        self.server.workshop(&self.data.token, &self.workshop).await
    }

    async fn seq(&self) -> u64 {
        log_head(&self.server, &self.data.token, &self.workshop).await.0
    }

    async fn contribution_id(&self, text: &str) -> String {
        let view = self.view().await;
        let found = view["contributions"].as_array().unwrap().iter().find(|c| c["text"] == text);
        str(found.unwrap_or_else(|| panic!("no contribution {text:?} in {view}")), "id").to_owned()
    }

    async fn page(&mut self, path: &str) -> String {
        let answer = self.facilitator.get(path).await;
        assert_eq!(answer.status, 200, "{path}: {}", answer.body);
        answer.body
    }
}

async fn post(browser: &mut Browser, workshop: &str, activity: &str, text: &str, link: Option<&str>) {
    let mut fields = vec![("text", text)];
    fields.extend(link.map(|link| ("link", link)));
    let answer = browser.post_form(&format!("/w/{workshop}/a/{activity}/notes"), &fields).await;
    assert_eq!(answer.status, 303, "posting {text:?}: {}", answer.body);
}

/// A room after the workshop's work: the notes, a merge, and two actions in the plan; on the
/// server in-process.
async fn room() -> FollowUp {
    room_built(Room::new("Simplifier les démarches").build().await).await
}

/// The same room on the real binary, for the tests that kill and restart it.
async fn room_on_the_binary() -> FollowUp {
    let data = DataFolder::new();
    let server = Server::start(&data);
    room_built(Room::new("Simplifier les démarches").build_on(server, data).await).await
}

async fn room_built(room: Room) -> FollowUp {
    let (workshop, join_code) = (room.workshop.clone(), room.join_code.clone());
    let challenges = room.activities()[0].clone();
    let mut anne = Browser::open(&room.server, "fr").await;
    anne.join(&join_code, "Anne Lambert").await;
    let mut bruno = Browser::open(&room.server, "fr").await;
    bruno.join(&join_code, "Bruno Dupont").await;
    let mut room = FollowUp { room, anne, bruno, plan: String::new() };

    room.edit_and_open(&challenges, "Les défis", &[("anonymous", "on")]).await;
    for text in [A1, A2, A3, A4] {
        post(&mut room.anne, &workshop, &challenges, text, None).await;
    }
    for text in [B1, B2] {
        post(&mut room.bruno, &workshop, &challenges, text, None).await;
    }
    let reformulate = room.add_activity("reformulate", "Reformuler", &[("source", &challenges)]).await;
    let a1 = room.contribution_id(A1).await;
    post(&mut room.bruno, &workshop, &reformulate, Q1, Some(&a1)).await;
    let a2 = room.contribution_id(A2).await;
    let merge = room.console(&format!("/contributions/{a2}/merge"));
    let merged = room.facilitator.post_form(&merge, &[("into", &a1)]).await;
    assert_eq!(merged.status, 303, "merging: {}", merged.body);

    room.plan = room.add_activity("action_plan", "Plan d’action", &[]).await;
    let q1 = room.contribution_id(Q1).await;
    let b1 = room.contribution_id(B1).await;
    for (title, source) in [(ACTION_1, q1), (ACTION_2, b1)] {
        let path = format!("/w/{workshop}/a/{}/actions", room.plan);
        let fields = [("title", title), ("jurisdiction", "administration"), ("source", source.as_str())];
        let answer = room.bruno.post_form(&path, &fields).await;
        assert_eq!(answer.status, 303, "drafting {title}: {}", answer.body);
    }
    room
}

/// The id of the action titled `title`, from the follow-up console's `data-action` attributes.
fn action_id(console: &str, title: &str) -> String {
    console
        .split("data-action=\"")
        .skip(1)
        .find(|card| card.contains(title))
        .map(|card| card.split('"').next().unwrap().to_owned())
        .unwrap_or_else(|| panic!("{title} is not on the follow-up console"))
}

/// One contribution's item of the fates page (`class` `fate-row`) or of "my contributions"
/// (`mine-item`): from its mark to the next item.
fn item<'a>(page: &'a str, id: &str, class: &str) -> &'a str {
    let start = page.find(&format!("data-contribution=\"{id}\"")).unwrap_or_else(|| panic!("{id} is not listed"));
    let rest = &page[start..];
    let end = rest.find(&format!("class=\"{class}")).unwrap_or(rest.len());
    &rest[..end]
}

#[tokio::test]
async fn fates_close_follow_up_public_page_feed_import_and_my_contributions() {
    let mut room = room().await;
    let ids: Vec<String> = {
        let mut ids = Vec::new();
        for text in [A1, A2, A3, A4, B1, B2, Q1] {
            ids.push(room.contribution_id(text).await);
        }
        ids
    };
    let [a1, a2, a3, a4, _b1, b2, q1] = <[String; 7]>::try_from(ids).unwrap();

    // --- Fates, decided in bulk -------------------------------------------------------------
    let fates = room.console("/fates");
    let page = room.page(&fates).await;
    assert!(
        item(&page, &a1, "fate-row").contains(&format!("devenue l’action «\u{a0}{ACTION_1}\u{a0}»")),
        "{}",
        item(&page, &a1, "fate-row")
    );
    assert!(item(&page, &a1, "fate-row").contains(A2), "the merged note is listed under its target");
    assert!(item(&page, &a3, "fate-row").contains("pas encore de décision"));
    assert!(!page.contains("Anne Lambert") && !page.contains("Bruno Dupont"), "the fates page names nobody");

    // "Not retained" without a reason is refused, with the boxes still checked.
    let refused = room
        .facilitator
        .post_form(&fates, &[("contribution", &b2), ("decision", "not_retained"), ("reason", "")])
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("Dites pourquoi"), "{}", refused.body);
    assert!(refused.body.contains(&format!("value=\"{b2}\" checked")), "the box stays checked");

    let decided = room
        .facilitator
        .post_form(
            &fates,
            &[("contribution", &b2), ("contribution", &a4), ("decision", "not_retained"), ("reason", NOT_RETAINED)],
        )
        .await;
    assert_eq!(decided.status, 303, "{}", decided.body);
    assert!(decided.location.as_deref().unwrap().ends_with("decided=2"));
    let decided = room.facilitator.post_form(&fates, &[("contribution", &a3), ("decision", "retained")]).await;
    assert_eq!(decided.status, 303, "{}", decided.body);
    let page = room.page(&fates).await;
    assert!(
        item(&page, &b2, "fate-row").contains(&format!("non retenue\u{a0}: {NOT_RETAINED}")),
        "{}",
        item(&page, &b2, "fate-row")
    );
    assert!(item(&page, &a4, "fate-row").contains(NOT_RETAINED));
    assert!(item(&page, &a3, "fate-row").contains("fate-retained"), "{}", item(&page, &a3, "fate-row"));
    let pending = room.page(&format!("{fates}?pending=1")).await;
    assert!(!pending.contains(A3) && !pending.contains(B2), "decided contributions leave the pending view");

    // --- Closing the workshop ---------------------------------------------------------------
    let confirm = room.page(&room.console("/close")).await;
    assert!(confirm.contains("Oui, clore l’atelier"));
    let console_path = room.console("/close");
    let closed = room.facilitator.post_form(&console_path, &[]).await;
    assert_eq!(closed.status, 303, "{}", closed.body);
    let console = room.page(&room.console("")).await;
    let notice = console.find("Atelier clôturé le").expect("the console says the workshop is closed");
    let notice = &console[notice..notice + console[notice..].find("</p>").unwrap()];
    assert!(notice.contains(&format!("href=\"{}\"", room.console("/follow-up"))), "and points to the follow-up");
    assert!(
        !console.contains(&format!("href=\"{}\"", room.console("/close"))),
        "a closed workshop is not closed again"
    );

    // --- Follow-up: commitment (overdue), updates, refusals ---------------------------------
    let follow_up = room.console("/follow-up");
    let page = room.page(&follow_up).await;
    let (action_1, action_2) = (action_id(&page, ACTION_1), action_id(&page, ACTION_2));
    let commitment = room
        .facilitator
        .post_form(
            &format!("{follow_up}/commitment"),
            &[
                ("action_id", &action_1),
                ("answerable", "Direction de la simplification"),
                ("next_update_due", "2020-01-31"),
            ],
        )
        .await;
    assert_eq!(commitment.status, 303, "{}", commitment.body);
    let dropped_silently = room
        .facilitator
        .post_form(&format!("{follow_up}/status"), &[("action_id", &action_2), ("status", "dropped"), ("note", "")])
        .await;
    assert_eq!(dropped_silently.status, 422, "dropping needs a reason: {}", dropped_silently.body);
    let update = room
        .facilitator
        .post_form(
            &format!("{follow_up}/status"),
            &[("action_id", &action_2), ("status", "in_progress"), ("note", "Campagne d’affichage lancée")],
        )
        .await;
    assert_eq!(update.status, 303, "{}", update.body);
    let page = room.page(&follow_up).await;
    let card_1 = &page[page.find(&format!("data-action=\"{action_1}\"")).unwrap()..];
    assert!(card_1[..card_1.find("</article>").unwrap()].contains("EN RETARD"), "a past due date is flagged");
    // So is every other page that shows the action: the plan on a phone and on the console.
    let (phone_plan, console_plan) =
        (format!("/w/{}/a/{}", room.workshop, room.plan), room.console(&format!("/activities/{}", room.plan)));
    for (who, path) in [(&mut room.anne, phone_plan), (&mut room.room.facilitator, console_plan)] {
        let plan = who.get(&path).await;
        let card = &plan.body[plan.body.find(&format!("id=\"action-{action_1}\"")).unwrap()..];
        let card = &card[..card.find("</li>").unwrap()];
        assert!(card.contains("data-overdue"), "{path} does not flag the overdue action");
    }

    // --- Publishing, the public page and its feed -------------------------------------------
    let published = room.facilitator.post_form(&format!("{follow_up}/publish"), &[("publish", "true")]).await;
    assert_eq!(published.status, 303, "{}", published.body);
    let page = room.page(&follow_up).await;
    let url_start = page.find("/follow/").expect("the public address is shown");
    let token: String =
        page[url_start + "/follow/".len()..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    assert_eq!(token.len(), 32);

    let public =
        PageAnswer::read(room.server.http.get(room.server.url(&format!("/follow/{token}"))).send().await.unwrap())
            .await;
    assert_eq!(public.status, 200, "{}", public.body);
    let body = &public.body;
    for expected in
        [ACTION_1, ACTION_2, "en cours", "prévue", "EN RETARD", "Direction de la simplification", A1, A2, Q1, B1]
    {
        assert!(body.contains(expected), "the public page shows {expected:?}");
    }
    assert!(body.contains("Campagne d’affichage lancée"), "the status history is shown");
    for hidden in ["Anne Lambert", "Bruno Dupont", "Anne", "Bruno"] {
        assert!(!body.contains(hidden), "the public page never names an author ({hidden})");
    }
    assert!(!body.contains(A3) && !body.contains(B2), "only the actions' provenance is shown");
    assert!(body.contains("<meta name=\"robots\" content=\"noindex\">"));
    let alternate = body.find("<link rel=\"alternate\" type=\"application/atom+xml\"").expect("the feed is announced");
    assert!(body[alternate..].split('>').next().unwrap().contains(&format!("href=\"/follow/{token}/feed.atom\"")));
    let unknown = room.server.http.get(room.server.url(&format!("/follow/{}", "0".repeat(32)))).send().await.unwrap();
    assert_eq!(unknown.status(), 404);

    let feed_url = room.server.url(&format!("/follow/{token}/feed.atom"));
    let feed = room.server.http.get(&feed_url).send().await.unwrap();
    assert_eq!(feed.status(), 200);
    assert!(feed.headers()["content-type"].to_str().unwrap().starts_with("application/atom+xml"));
    let feed = feed.text().await.unwrap();
    assert!(
        feed.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"")
    );
    assert_eq!(feed.matches("<entry>").count(), 1, "one entry per status change: {feed}");
    assert!(feed.contains(&format!("<title>{ACTION_2}\u{a0}: en cours</title>")), "{feed}");
    assert!(feed.contains("<content type=\"text\">Campagne d’affichage lancée</content>"));
    assert!(feed.contains("<id>urn:uuid:"));
    assert!(!feed.contains("Anne") && !feed.contains("Bruno"));

    // --- CSV import: a dry run applies nothing; one bad row blocks the whole file -----------
    let import = format!("{follow_up}/import");
    let seq_before = room.seq().await;
    let with_a_bad_row = format!(
        "action_id,status,note,next_update_due\n{action_1},done,Guichet ouvert,\n{},done,,\n{action_2},finished,,\n",
        "00000000-0000-0000-0000-000000000000"
    );
    let dry_run = room.facilitator.post_multipart(&import, &[("text", &with_a_bad_row)], &[]).await;
    assert_eq!(dry_run.status, 200, "{}", dry_run.body);
    assert!(dry_run.body.contains("rien n’a encore été appliqué"));
    assert!(
        dry_run.body.contains(ACTION_1) && dry_run.body.contains("prévue → <strong>réalisée</strong>"),
        "{}",
        dry_run.body
    );
    assert!(dry_run.body.contains("Ligne 3\u{a0}:") && dry_run.body.contains("Aucune action de cet atelier"));
    assert!(dry_run.body.contains("Ligne 4\u{a0}:") && dry_run.body.contains("État inconnu «\u{a0}finished\u{a0}»"));
    assert!(!dry_run.body.contains("import-apply"), "nothing to apply while a row is refused");
    assert_eq!(room.seq().await, seq_before, "a dry run writes nothing");
    let forced = room.facilitator.post_multipart(&format!("{import}/apply"), &[("text", &with_a_bad_row)], &[]).await;
    assert_eq!(forced.status, 422, "applying a file with a bad row is refused: {}", forced.body);
    assert_eq!(room.seq().await, seq_before, "all or nothing: the good row was not applied either");

    let mut latin1 = format!("action_id,status,note\n{action_1},done,March").into_bytes();
    latin1.extend_from_slice(&[0xE9, b'\n']);
    let file = FilePart { field: "file", file_name: "suivi.csv", content_type: "text/csv", bytes: &latin1 };
    let not_utf8 = room.facilitator.post_multipart(&import, &[("text", "")], &[file]).await;
    assert_eq!(not_utf8.status, 200);
    assert!(not_utf8.body.contains("pas en UTF-8") && not_utf8.body.contains("CSV UTF-8"), "{}", not_utf8.body);
    assert!(!not_utf8.body.contains("import-apply"));

    let mut good = b"\xEF\xBB\xBF".to_vec();
    good.extend_from_slice(
        format!(
            "action_id;status;note;next_update_due\r\n{action_1};in_progress;Marché public lancé;2099-06-30\r\n\
             {action_2};done;\"Affiches posées; 12 communes\";\r\n"
        )
        .as_bytes(),
    );
    let file = FilePart { field: "file", file_name: "suivi.csv", content_type: "text/csv", bytes: &good };
    let dry_run = room.facilitator.post_multipart(&import, &[], &[file]).await;
    assert_eq!(dry_run.status, 200, "{}", dry_run.body);
    assert!(
        dry_run.body.contains("2 changements") && dry_run.body.contains("Aucune ligne refusée"),
        "{}",
        dry_run.body
    );
    assert!(dry_run.body.contains("en cours → <strong>réalisée</strong>"));
    assert_eq!(room.seq().await, seq_before);
    // The apply form sends back the very text that was checked.
    let start = dry_run.body.find("name=\"text\" hidden readonly>").expect("the apply form")
        + "name=\"text\" hidden readonly>".len();
    let carried = dry_run.body[start..].split("</textarea>").next().unwrap().trim_start_matches('\n');
    let carried = carried.replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
    let applied = room.facilitator.post_multipart(&format!("{import}/apply"), &[("text", &carried)], &[]).await;
    assert_eq!(applied.status, 303, "{}", applied.body);
    assert!(applied.location.as_deref().unwrap().ends_with("imported=2"));
    assert_eq!(room.seq().await, seq_before + 2, "every row applied, one event each, in one command");
    let page = room.page(&applied.location.unwrap()).await;
    assert!(page.contains("2 mises à jour importées"));
    let card_1 = &page[page.find(&format!("data-action=\"{action_1}\"")).unwrap()..];
    let card_1 = &card_1[..card_1.find("</article>").unwrap()];
    assert!(!card_1.contains("EN RETARD"), "a new due date clears the flag");
    assert!(card_1.contains("prochaine mise à jour attendue le 30 juin 2099"), "{card_1}");

    let feed = room.server.http.get(&feed_url).send().await.unwrap().text().await.unwrap();
    assert_eq!(feed.matches("<entry>").count(), 3);
    let newest = feed.find("Affiches posées; 12 communes").unwrap();
    assert!(newest < feed.find("Campagne d’affichage lancée").unwrap(), "newest first");

    // --- My contributions --------------------------------------------------------------------
    let mine = format!("/w/{}/mine", room.workshop);
    let anne = room.anne.get(&mine).await;
    assert_eq!(anne.status, 200, "{}", anne.body);
    let anne = anne.body;
    let a1_item = item(&anne, &a1, "mine-item");
    assert!(a1_item.contains(&format!("devenue l’action «\u{a0}{ACTION_1}\u{a0}»")), "{a1_item}");
    assert!(a1_item.contains(&format!("votre contribution «\u{a0}{A1}\u{a0}»")), "the path starts at her note");
    assert!(a1_item.contains(&format!("a nourri «\u{a0}{Q1}\u{a0}»")), "through the reformulation that built on it");
    assert!(a1_item.contains(&format!("qui a donné l’action «\u{a0}{ACTION_1}\u{a0}»")), "to the action");
    assert!(a1_item.contains("data-status=\"in_progress\""), "and where the action now stands");
    assert!(item(&anne, &a2, "mine-item").contains(&format!("fusionnée dans «\u{a0}{A1}\u{a0}»")));
    assert!(item(&anne, &a3, "mine-item").contains("fate-retained"));
    assert!(item(&anne, &a4, "mine-item").contains(NOT_RETAINED));
    assert!(!anne.contains(B1) && !anne.contains(B2), "someone else's contributions are not listed");

    let bruno = room.bruno.get(&mine).await.body;
    assert!(item(&bruno, &q1, "mine-item").contains(&format!("qui a donné l’action «\u{a0}{ACTION_1}\u{a0}»")));
    assert!(item(&bruno, &b2, "mine-item").contains(NOT_RETAINED));
    for text in [A1, A2, A3, A4] {
        assert!(!bruno.contains(text), "Anne's anonymous contributions never show on Bruno's page ({text})");
    }
    let home = room.anne.get(&format!("/w/{}", room.workshop)).await.body;
    assert!(home.contains(&mine), "the participant's home links to their contributions");

    // --- Withdrawing the public page ---------------------------------------------------------
    let withdrawn = room.facilitator.post_form(&format!("{follow_up}/publish"), &[("publish", "false")]).await;
    assert_eq!(withdrawn.status, 303);
    let gone = room.server.http.get(room.server.url(&format!("/follow/{token}"))).send().await.unwrap();
    assert_eq!(gone.status(), 404, "an unpublished page is gone");
    let gone = room.server.http.get(&feed_url).send().await.unwrap();
    assert_eq!(gone.status(), 404, "and so is its feed");
}

/// A page published before the server started (the demo does that from the command line) is
/// found after a restart, without being published again; an address nobody published is a 404,
/// before and after.
#[tokio::test]
async fn a_published_page_is_found_after_a_restart_and_an_unknown_one_is_a_404() {
    let mut room = room_on_the_binary().await;
    let token = publish(&mut room).await;
    let unknown = format!("{}{}", &token[..16], "0".repeat(16));
    assert_eq!(public_page(&room, &unknown).await.status, 404);
    let FollowUp { room: Room { server, data, .. }, .. } = room;
    server.kill();
    let server = Server::start(&data);
    let public = server.http.get(server.url(&format!("/follow/{token}"))).send().await.unwrap();
    assert_eq!(public.status(), 200);
    assert!(public.text().await.unwrap().contains(ACTION_1));
    let feed = server.http.get(server.url(&format!("/follow/{token}/feed.atom"))).send().await.unwrap();
    assert_eq!(feed.status(), 200);
    for path in
        [format!("/follow/{unknown}"), "/follow/not-even-a-token".to_owned(), format!("/follow/{unknown}/feed.atom")]
    {
        let answer = server.http.get(server.url(&path)).send().await.unwrap();
        assert_eq!(answer.status(), 404, "{path}");
    }
}

/// The day `days` from today (UTC), as forms write it.
fn day_from_today(days: i64) -> converge_core::CalendarDate {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap();
    converge_core::CalendarDate::of(converge_core::Timestamp(now.as_millis() as i64)).plus_days(days)
}

/// A day as the French pages write it out.
fn in_french(day: converge_core::CalendarDate) -> String {
    const MONTHS: [&str; 12] = [
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
    let number = if day.day() == 1 { "1er".to_owned() } else { day.day().to_string() };
    format!("{number} {} {}", MONTHS[usize::from(day.month()) - 1], day.year())
}

/// The `value` of the form field with this `id` on a page.
fn field_value(page: &str, id: &str) -> String {
    let start = page.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("no field {id}"));
    let tag = &page[start..start + page[start..].find('>').unwrap()];
    let value = tag.split("value=\"").nth(1).unwrap_or_else(|| panic!("{id} has no value: {tag}"));
    value.split('"').next().unwrap().to_owned()
}

/// The article of the action `id` on a follow-up page.
fn action_card<'a>(page: &'a str, id: &str) -> &'a str {
    let card = &page[page.find(&format!("data-action=\"{id}\"")).unwrap_or_else(|| panic!("no action {id}"))..];
    &card[..card.find("</article>").unwrap()]
}

/// Publishes the room's follow-up page and returns its token.
async fn publish(room: &mut FollowUp) -> String {
    let follow_up = room.console("/follow-up");
    let published = room.facilitator.post_form(&format!("{follow_up}/publish"), &[("publish", "true")]).await;
    assert_eq!(published.status, 303, "{}", published.body);
    let page = room.page(&follow_up).await;
    let url_start = page.find("/follow/").expect("the public address is shown");
    page[url_start + "/follow/".len()..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect()
}

async fn public_page(room: &FollowUp, token: &str) -> PageAnswer {
    let response = room.server.http.get(room.server.url(&format!("/follow/{token}"))).header("accept-language", "fr");
    PageAnswer::read(response.send().await.unwrap()).await
}

/// The follow-up dates tell the truth: the form proposes a next date to come, an update dated
/// the day its progress happened clears the overdue flag at once on the public page, and an
/// update that would leave the action overdue is refused with the reason.
#[tokio::test]
async fn an_update_with_a_date_to_come_clears_the_overdue_flag_on_the_public_page() {
    let mut room = room().await;
    let follow_up = room.console("/follow-up");
    let page = room.page(&follow_up).await;
    let action_1 = action_id(&page, ACTION_1);
    let past_due = day_from_today(-21);
    let commitment = room
        .facilitator
        .post_form(
            &format!("{follow_up}/commitment"),
            &[
                ("action_id", &action_1),
                ("answerable", "Cellule d’évaluation"),
                ("next_update_due", &past_due.to_string()),
            ],
        )
        .await;
    assert_eq!(commitment.status, 303, "{}", commitment.body);
    let token = publish(&mut room).await;
    let public = public_page(&room, &token).await;
    assert_eq!(public.status, 200);
    let card = action_card(&public.body, &action_1);
    assert!(card.contains("EN RETARD"), "{card}");
    assert!(
        card.contains(&format!("prochaine mise à jour attendue le {}", in_french(past_due))),
        "dates are written out: {card}"
    );

    // The form proposes a date to come, never the one that has passed, and today's progress.
    let page = room.page(&follow_up).await;
    let proposed = field_value(&page, &format!("due-{action_1}"));
    assert!(proposed > day_from_today(0).to_string(), "{proposed} is not after today");
    assert_eq!(field_value(&page, &format!("effective-{action_1}")), day_from_today(0).to_string());

    // An update that would leave the action overdue is refused, saying why.
    let status = format!("{follow_up}/status");
    let (yesterday, tomorrow) = (day_from_today(-1).to_string(), day_from_today(1).to_string());
    for (due, effective, reason) in [
        (yesterday.as_str(), "", "ne peut pas être attendue avant aujourd’hui"),
        ("", "", "indiquez quand la prochaine est attendue"),
        (proposed.as_str(), tomorrow.as_str(), "aujourd’hui au plus tard"),
        // The workshop was created today.
        (proposed.as_str(), yesterday.as_str(), "précède l’atelier lui-même"),
        ("16/11/2026", "", "AAAA-MM-JJ"),
    ] {
        let fields = [
            ("action_id", action_1.as_str()),
            ("status", "in_progress"),
            ("note", "Tests lancés"),
            ("next_update_due", due),
            ("effective_on", effective),
        ];
        let refused = room.facilitator.post_form(&status, &fields).await;
        assert_eq!(refused.status, 422, "{due:?} {effective:?}: {}", refused.body);
        assert!(refused.body.contains(reason), "{reason}: {}", refused.body);
        assert!(refused.body.contains("Tests lancés"), "what was typed is kept");
    }
    assert!(public_page(&room, &token).await.body.contains("EN RETARD"), "nothing was recorded");

    // The progress happened today (the workshop began today too), with the next date to come.
    let (happened, next) = (day_from_today(0), day_from_today(30));
    let fields = [
        ("action_id", action_1.as_str()),
        ("status", "in_progress"),
        ("note", "Tests lancés sur deux démarches"),
        ("next_update_due", &next.to_string()),
        ("effective_on", &happened.to_string()),
    ];
    let update = room.facilitator.post_form(&status, &fields).await;
    assert_eq!(update.status, 303, "{}", update.body);
    let public = public_page(&room, &token).await;
    let card = action_card(&public.body, &action_1);
    assert!(!card.contains("EN RETARD") && !card.contains("data-overdue"), "the flag is gone at once: {card}");
    assert!(card.contains(&format!("prochaine mise à jour attendue le {}", in_french(next))), "{card}");
    assert!(card.contains(&format!("<time datetime=\"{happened}\">{}</time>", in_french(happened))), "{card}");
    assert!(!card.contains("enregistrée le"), "recorded the day it happened: {card}");
    let console = room.page(&follow_up).await;
    assert!(!action_card(&console, &action_1).contains("data-overdue"));
}

/// Deleting a workshop whose follow-up page is public archives it: the page stays up, the
/// workshop waits among the archived ones and can be restored, and deleting it for good is a
/// second step on a page that names the address that will stop working.
#[tokio::test]
async fn deleting_a_workshop_with_a_public_page_archives_it_until_it_is_deleted_for_good() {
    let mut room = room().await;
    let token = publish(&mut room).await;
    let join_code = str(&room.view().await, "join_code").to_owned();
    let delete = room.console("/delete");
    let listed = format!("data-workshop-link href=\"/facilitator/workshops/{}\"", room.workshop);
    let archived = format!("data-archived=\"{}\"", room.workshop);

    let confirm = room.page(&delete).await;
    assert!(confirm.contains("Oui, archiver") && confirm.contains("reste en ligne"), "{confirm}");
    let answer = room.facilitator.post_form(&delete, &[]).await;
    assert_eq!((answer.status, answer.location.as_deref()), (303, Some("/facilitator#archived")), "{}", answer.body);
    assert_eq!(public_page(&room, &token).await.status, 200, "the public page stays up");
    let dashboard = room.page("/facilitator").await;
    assert!(!dashboard.contains(&listed) && dashboard.contains(&archived), "listed apart: {dashboard}");
    let join = room.server.http.post(room.server.url("/api/v1/join"));
    let join = join.json(&serde_json::json!({"join_code": join_code, "name": "Chloé"})).send().await.unwrap();
    assert_eq!(join.status(), 404, "nobody joins an archived workshop");

    // Sent again, the same form never goes further than archiving.
    let again = room.facilitator.post_form(&delete, &[]).await;
    assert_eq!(again.status, 303);
    assert_eq!(public_page(&room, &token).await.status, 200);

    let console_path = room.console("/restore");
    let restored = room.facilitator.post_form(&console_path, &[]).await;
    assert_eq!(restored.status, 303, "{}", restored.body);
    let dashboard = room.page("/facilitator").await;
    assert!(dashboard.contains(&listed) && !dashboard.contains(&archived), "back in the list");
    let console_path = room.console("/delete-for-good");
    let not_from_the_list = room.facilitator.post_form(&console_path, &[]).await;
    assert_eq!(not_from_the_list.status, 409, "a public page goes down only from the archive");
    assert!(not_from_the_list.body.contains("archivez-le d’abord"), "{}", not_from_the_list.body);

    let answer = room.facilitator.post_form(&delete, &[]).await;
    assert_eq!(answer.status, 303);
    let last_step = room.page(&delete).await;
    for names in [
        format!("/follow/{token}"),
        "Le suivi de 2 actions ne sera plus public".to_owned(),
        format!("action=\"{}\"", room.console("/delete-for-good")),
    ] {
        assert!(last_step.contains(&names), "the last step names {names}: {last_step}");
    }
    let console_path = room.console("/delete-for-good");
    let deleted = room.facilitator.post_form(&console_path, &[]).await;
    assert_eq!((deleted.status, deleted.location.as_deref()), (303, Some("/facilitator")), "{}", deleted.body);
    assert_eq!(public_page(&room, &token).await.status, 404, "deleted for good, the page is gone");
    let feed = room.server.http.get(room.server.url(&format!("/follow/{token}/feed.atom"))).send().await.unwrap();
    assert_eq!(feed.status(), 404);
    let dashboard = room.page("/facilitator").await;
    assert!(!dashboard.contains(&room.workshop), "no trace left in the lists");
    let console_path = room.console("");
    assert_eq!(room.facilitator.get(&console_path).await.status, 404);
}
