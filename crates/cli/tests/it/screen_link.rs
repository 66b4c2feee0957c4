//! The projection screen by its address without sign-in: the facilitator creates it in the
//! console, a browser that never signed in opens the very projection and follows it live as the
//! room reads it, and renewing or revoking the address ends it, the streams already open too.

use converge_test_support::*;
use serde_json::{Value, json};
use std::time::Duration;

/// The screen's address as the console shows it, if any.
fn screen_url_on(console: &str) -> Option<String> {
    let at = console.find("data-screen-url=\"")? + "data-screen-url=\"".len();
    Some(console[at..at + console[at..].find('"')?].to_owned())
}

/// The path of an address (`/screen/{id}/{token}`) and its token.
fn path_and_token(url: &str) -> (String, String) {
    let at = url.find("/screen/").expect("a screen address");
    let path = url[at..].to_owned();
    let token = path.rsplit('/').next().unwrap().to_owned();
    (path, token)
}

/// The facilitator presses one of the console's screen-link buttons; the address it leaves.
async fn press(room: &mut Room, control: &str) -> Option<String> {
    let answer = room.facilitator.post_form(&room.console(&format!("/screen-link/{control}")), &[]).await;
    assert_eq!(answer.status, 303, "{control}: {}", answer.body);
    assert_eq!(answer.location.as_deref(), Some(&*room.console("#screen-link")));
    let console = room.facilitator.get(&room.console("")).await;
    assert_eq!(console.status, 200);
    screen_url_on(&console.body)
}

/// A GET with no cookie at all, as a venue TV's browser sends it.
async fn signed_out(server: &Server, path: &str, accept_language: &str) -> PageAnswer {
    let request = server.http.get(server.url(path)).header("Accept-Language", accept_language);
    PageAnswer::read(request.send().await.unwrap()).await
}

/// The stage of a projection page: what the room sees, without the page's frame.
fn stage(page: &str) -> &str {
    let start = page.find("id=\"stage-live\"").expect("the projection's stage");
    &page[start..page[start..].find("</main>").map_or(page.len(), |end| start + end)]
}

/// The stream a screen opened by its address follows, without credentials.
async fn screen_stream(server: &Server, workshop: &str, token: &str) -> reqwest::Response {
    let url = server.url(&format!("/api/v1/workshops/{workshop}/events?screen={token}"));
    server.http.get(url).send().await.unwrap()
}

#[tokio::test]
async fn the_link_shows_the_projection_to_a_browser_that_never_signed_in() {
    let mut room = Room::new("Atelier projeté").people(&[("Ana", "Budget")]).build().await;
    let challenges = room.activity("challenges");
    room.open(&challenges).await;
    room.post_note(0, &challenges, "Des formulaires plus courts").await;
    let console = room.facilitator.get(&room.console("")).await;
    assert!(console.body.contains("id=\"screen-link\""), "the console has the screen link's section");
    assert_eq!(screen_url_on(&console.body), None, "no address before the facilitator asks for one");

    let url = press(&mut room, "create").await.expect("the console shows the address");
    assert!(url.starts_with("http://127.0.0.1:") && url.contains(&format!("/screen/{}/", room.workshop)), "{url}");
    assert_eq!(press(&mut room, "create").await.as_deref(), Some(&*url), "a second click keeps the same address");
    let (path, token) = path_and_token(&url);

    let page = signed_out(&room.server, &path, "en").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.set_cookies.iter().all(|(name, _)| !name.contains("session") && !name.starts_with("cv_p_")),
        "no session is made: {:?}",
        page.set_cookies
    );
    assert!(page.body.contains("<html lang=\"fr\">"), "the workshop's language, whatever the browser prefers");
    assert!(page.body.contains("Des formulaires plus courts"));
    assert!(page.body.contains(&format!("data-stream=\"/api/v1/workshops/{}/events?screen={token}\"", room.workshop)));
    assert!(page.body.contains(&format!("data-page=\"{path}\"")), "refreshes fetch the link's own address");
    let projection = room.facilitator.get(&room.console("/screen")).await;
    assert_eq!(stage(&page.body), stage(&projection.body), "exactly the facilitator's projection");
    let english = signed_out(&room.server, &format!("{path}?lang=en"), "fr").await;
    assert!(english.body.contains("<html lang=\"en\">"), "`?lang=` still chooses");
    assert!(english.body.contains(&format!("data-page=\"{path}?lang=en\"")), "and its refreshes keep the choice");

    // Anything but the current address is the same 404, whether the workshop exists or not.
    let not_found = signed_out(&room.server, "/screen/0190a5e4-0000-7000-8000-000000000000/abc", "fr").await;
    assert_eq!(not_found.status, 404);
    let other = room.server.create_workshop(room.token(), "Un autre atelier").await;
    for wrong in [
        format!("/screen/{}/{}", room.workshop, token.to_uppercase()),
        format!("/screen/{}/{}", room.workshop, &token[1..]),
        format!("/screen/{}/{token}", str(&other, "id")),
        format!("/screen/not-a-workshop/{token}"),
        format!("/screen/0190a5e4-0000-7000-8000-000000000000/{token}"),
    ] {
        let answer = signed_out(&room.server, &wrong, "fr").await;
        assert_eq!((answer.status, &answer.body), (404, &not_found.body), "{wrong}");
    }
    assert_eq!(screen_stream(&room.server, &room.workshop, &token[1..]).await.status(), 404);
    assert_eq!(screen_stream(&room.server, str(&other, "id"), &token).await.status(), 404);
}

#[tokio::test]
async fn renewing_ends_the_old_address_and_its_open_stream_and_revoking_the_new_one() {
    let mut room = Room::new("Atelier projeté").build().await;
    let first = press(&mut room, "create").await.unwrap();
    let (first_path, first_token) = path_and_token(&first);
    let stream = screen_stream(&room.server, &room.workshop, &first_token).await;
    assert_eq!(stream.status(), 200);
    assert!(stream.headers()["content-type"].to_str().unwrap().starts_with("text/event-stream"));

    let second = press(&mut room, "renew").await.unwrap();
    assert_ne!(second, first);
    // The open stream tells the screen, then ends: its page, fetched again, is gone.
    let told = tokio::time::timeout(Duration::from_secs(5), stream.text()).await.expect("the old stream ended");
    assert!(told.unwrap().contains("screen_link_issued"));
    assert_eq!(signed_out(&room.server, &first_path, "fr").await.status, 404);
    assert_eq!(screen_stream(&room.server, &room.workshop, &first_token).await.status(), 404);

    let (second_path, second_token) = path_and_token(&second);
    assert_eq!(signed_out(&room.server, &second_path, "fr").await.status, 200);
    let mut following = EventStream::new(screen_stream(&room.server, &room.workshop, &second_token).await);
    // What came before the address stays readable: the stream starts with the whole log.
    assert_eq!(following.next_within(Duration::from_secs(2)).await.unwrap().data["kind"], "workshop_created");
    let stream = screen_stream(&room.server, &room.workshop, &second_token).await;
    assert_eq!(press(&mut room, "revoke").await, None, "the console offers to create one again");
    let told = tokio::time::timeout(Duration::from_secs(5), stream.text()).await.expect("the stream ended");
    assert!(told.unwrap().contains("screen_link_revoked"));
    assert_eq!(signed_out(&room.server, &second_path, "fr").await.status, 404);

    let third = press(&mut room, "create").await.unwrap();
    assert!(third != first && third != second, "a revoked address never comes back");
}

#[tokio::test]
async fn the_api_gives_the_address_to_the_facilitator_alone() {
    let room = Room::new("Atelier projeté").people(&[("Ana", "Budget")]).build().await;
    let api = |path: &str| room.server.url(&format!("/api/v1/workshops/{}{path}", room.workshop));
    let call = |path: &str, token: &str| room.server.http.post(api(path)).bearer_auth(token.to_owned()).send();
    assert!(room.view().await["screen_url"].is_null());

    let participant = &room.people[0].token;
    let refused = PageAnswer::read(call("/screen-link", participant).await.unwrap()).await;
    assert_eq!((refused.status, refused.error_code()), (403, "facilitator_only".to_owned()));
    let refused = PageAnswer::read(call("/screen-link/revoke", participant).await.unwrap()).await;
    assert_eq!((refused.status, refused.error_code()), (403, "facilitator_only".to_owned()));

    let issued: Value = call("/screen-link", room.token()).await.unwrap().json().await.unwrap();
    let url = str(&issued, "screen_url").to_owned();
    assert_eq!(room.view().await["screen_url"], json!(url));
    let theirs = room.server.workshop(participant, &room.workshop).await;
    assert!(theirs.get("screen_url").is_some_and(Value::is_null), "participants never get it: {theirs}");
    let (path, _) = path_and_token(&url);
    assert_eq!(signed_out(&room.server, &path, "fr").await.status, 200);

    let renewed: Value = call("/screen-link", room.token()).await.unwrap().json().await.unwrap();
    assert_ne!(str(&renewed, "screen_url"), url, "issuing again renews");
    assert_eq!(signed_out(&room.server, &path, "fr").await.status, 404);
    let revoked: Value = call("/screen-link/revoke", room.token()).await.unwrap().json().await.unwrap();
    assert_eq!(revoked, json!({"screen_url": null}));
    assert!(room.view().await["screen_url"].is_null());
}

#[tokio::test]
async fn the_linked_screen_reads_the_stream_as_the_room_does() {
    let mut room = Room::new("Atelier projeté").people(&[("Ana", "Budget")]).build().await;
    let challenges = room.activity("challenges");
    let edit = room.console(&format!("/activities/{challenges}/edit"));
    let answer = room.facilitator.post_form(&edit, &[("title", "Défis"), ("prompt", ""), ("anonymous", "on")]).await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    room.open(&challenges).await;
    let (_, token) = path_and_token(&press(&mut room, "create").await.unwrap());
    let (head, _) = room.head().await;
    let response = room
        .server
        .http
        .get(room.server.url(&format!("/api/v1/workshops/{}/events?screen={token}&after={head}", room.workshop)))
        .send()
        .await
        .unwrap();
    let mut screen = EventStream::new(response);
    room.post_note(0, &challenges, "Un avis sans nom").await;

    let event = screen.next_within(Duration::from_secs(2)).await.expect("the note reaches the screen");
    assert_eq!(event.data["payload"]["text"], "Un avis sans nom");
    assert!(event.data["payload"].get("author").is_none(), "the screen's stream names the author: {}", event.data);
    assert!(event.data.get("hash").is_none(), "nor gives the hash to guess it back: {}", event.data);
}

#[tokio::test]
async fn a_closed_workshop_keeps_its_screen_link_and_may_revoke_it() {
    let mut room = Room::new("Atelier projeté").build().await;
    let url = press(&mut room, "create").await.unwrap();
    let close = room.facilitator.post_form(&room.console("/close"), &[]).await;
    assert_eq!(close.status, 303, "{}", close.body);
    let (path, _) = path_and_token(&url);
    let thanks = signed_out(&room.server, &path, "fr").await;
    assert_eq!(thanks.status, 200);
    assert!(thanks.body.contains("closing-thanks"), "the screen thanks the room");
    assert_eq!(press(&mut room, "revoke").await, None);
    assert_eq!(signed_out(&room.server, &path, "fr").await.status, 404);
}
