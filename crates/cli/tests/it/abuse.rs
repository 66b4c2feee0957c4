//! One client cannot turn the server into an outage for the room: a join flood, wrong codes
//! behind a shared address, password guesses from many addresses, a flood of idle sockets.
//! Clients speak from their own loopback addresses (127.0.0.x), as separate machines would.

use converge_test_support::*;
use serde_json::{Value, json};
use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

/// An HTTP client that connects from `address`.
fn client_at(address: Ipv4Addr) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(IpAddr::V4(address))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn join_from(http: &reqwest::Client, server: &Server, code: &str, name: &str) -> (u16, Value) {
    let response =
        http.post(server.url("/api/v1/join")).json(&json!({"join_code": code, "name": name})).send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_join_flood_from_one_client_leaves_the_room_open_and_the_facilitator_can_clean_up() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let created = server.create_workshop(&data.token, "Atelier ouvert").await;
    let (workshop, code) = (str(&created, "id").to_owned(), str(&created, "join_code").to_owned());

    // 360 joins as fast as one machine can send them.
    let flooder = client_at(Ipv4Addr::new(127, 0, 0, 2));
    let attempts = (0..360).map(|n| {
        let (flooder, server, code) = (&flooder, &server, &code);
        async move { join_from(flooder, server, code, &format!("Faux {n}")).await }
    });
    let answers = futures_util::future::join_all(attempts).await;
    let accepted: Vec<&Value> = answers.iter().filter(|(status, _)| *status == 200).map(|(_, body)| body).collect();
    let refused = answers.iter().filter(|(status, _)| *status == 429).count();
    assert!(accepted.len() <= 100, "one client joined {} times", accepted.len());
    assert_eq!(accepted.len() + refused, 360, "every other attempt is a clear 429");

    // A real phone elsewhere in the room still gets in.
    let phone = client_at(Ipv4Addr::new(127, 0, 0, 5));
    let (status, joined) = join_from(&phone, &server, &code, "Vraie personne").await;
    assert_eq!(status, 200, "{joined}");

    // The facilitator removes a fake: its token stops working, and the removal is recorded.
    let mut console = Browser::open(&server, "fr").await;
    console.sign_in("ann@example.org", PASSWORD).await;
    let fake = accepted[0];
    let fake_id = str(fake, "participant_id");
    let removed =
        console.post_form(&format!("/facilitator/workshops/{workshop}/participants/{fake_id}/remove"), &[]).await;
    assert_eq!(removed.status, 303, "{}", removed.body);
    let refused = server
        .http
        .get(server.url(&format!("/api/v1/workshops/{workshop}")))
        .bearer_auth(str(fake, "token"))
        .header("Accept-Language", "fr")
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
    assert!(refused.text().await.unwrap().contains("participant_removed"));
    let export = server.export(&data.token, &workshop).await;
    assert!(export.contains("participant_removed") && export.contains(fake_id), "the removal is on the record");

    // Joining locked: nobody new gets in, with a clear message; unlocked, they do again.
    let joining = format!("/facilitator/workshops/{workshop}/joining");
    assert_eq!(console.post_form(&joining, &[("action", "lock")]).await.status, 303);
    let (status, refusal) = join_from(&phone, &server, &code, "En retard").await;
    assert_eq!((status, refusal["error"]["code"].as_str()), (403, Some("joining_locked")), "{refusal}");
    let mut late = Browser::open_at(&phone, &server.base, "fr").await;
    let page = late.post_form("/join", &[("join_code", &code), ("name", "En retard"), ("service", "")]).await;
    assert_eq!(page.status, 403);
    assert!(page.body.contains("fermé cet atelier aux nouveaux participants"), "{}", page.body);
    assert_eq!(console.post_form(&joining, &[("action", "unlock")]).await.status, 303);
    assert_eq!(join_from(&phone, &server, &code, "En retard").await.0, 200);

    // A new code: the old one joins nothing, the new one does, and everyone in stays in.
    assert_eq!(console.post_form(&joining, &[("action", "new-code")]).await.status, 303);
    let new_code = server.workshop(&data.token, &workshop).await["join_code"].as_str().unwrap().to_owned();
    assert_ne!(new_code, code);
    assert_eq!(join_from(&phone, &server, &code, "Ancien code").await.0, 404);
    assert_eq!(join_from(&phone, &server, &new_code, "Nouveau code").await.0, 200);
    let still_in = server.workshop(str(&joined, "token"), &workshop).await;
    assert_eq!(still_in["your_role"], "participant");
    let console_page = console.get(&format!("/facilitator/workshops/{workshop}")).await;
    assert!(console_page.body.contains(&new_code) && !console_page.body.contains(&code));

    // Closed, the workshop takes nobody in: its record is handed over.
    let close = console.post_form(&format!("/facilitator/workshops/{workshop}/close"), &[]).await;
    assert_eq!(close.status, 303, "{}", close.body);
    let (status, refusal) = join_from(&phone, &server, &new_code, "Après la clôture").await;
    assert_eq!(refusal["error"]["code"], "workshop_closed", "{status}: {refusal}");
    let mut late = Browser::open_at(&phone, &server.base, "fr").await;
    let page =
        late.post_form("/join", &[("join_code", &new_code), ("name", "Après la clôture"), ("service", "")]).await;
    assert!(page.status >= 400 && page.body.contains("clôturé"), "{}", page.body);
}

#[tokio::test(flavor = "multi_thread")]
async fn wrong_codes_from_one_address_never_block_the_right_one() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let created = server.create_workshop(&data.token, "Atelier").await;
    let code = str(&created, "join_code").to_owned();
    // A venue router: one address for the phone that mistypes and for the one that does not.
    let venue = client_at(Ipv4Addr::new(127, 0, 0, 3));
    let mut statuses = Vec::new();
    for n in 0..25 {
        statuses.push(join_from(&venue, &server, &format!("ZZZZ{n:02}"), "Distrait").await.0);
    }
    assert!(statuses[..20].iter().all(|status| *status == 404), "{statuses:?}");
    assert!(statuses[20..].iter().all(|status| *status == 429), "wrong codes are slowed down: {statuses:?}");
    let (status, joined) = join_from(&venue, &server, &code, "Attentive").await;
    assert_eq!(status, 200, "the right code still joins: {joined}");
}

#[tokio::test(flavor = "multi_thread")]
async fn guesses_from_thirty_addresses_are_slowed_down_per_account_but_the_owner_gets_in() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    // The owner signed in from this browser before: it holds the account's device cookie.
    let mut owner = Browser::open(&server, "fr").await;
    owner.sign_in("ann@example.org", PASSWORD).await;
    assert!(owner.cookie("cv_device").is_some(), "a device cookie after signing in");
    assert_eq!(owner.post_form("/signout", &[]).await.status, 303);

    let mut statuses = Vec::new();
    for n in 0..30u8 {
        let http = client_at(Ipv4Addr::new(127, 0, 1, n + 1));
        let mut attacker = Browser::open_at(&http, &server.base, "fr").await;
        for guess in 0..5 {
            let answer = attacker
                .post_form("/signin", &[("email", "ann@example.org"), ("password", &format!("guess {n} {guess}"))])
                .await;
            statuses.push(answer.status);
            if answer.status == 429 {
                assert!(answer.retry_after.is_some(), "a refusal says how long to wait");
                break;
            }
        }
    }
    let wrong = statuses.iter().filter(|status| **status == 401).count();
    assert!(wrong <= 12, "{wrong} passwords were tried across addresses: {statuses:?}");
    assert!(statuses.iter().filter(|status| **status == 429).count() >= 15, "{statuses:?}");

    // A stranger's browser with the right password waits too; the owner's own browser does not.
    let mut stranger = Browser::open_at(&client_at(Ipv4Addr::new(127, 0, 2, 1)), &server.base, "fr").await;
    let answer = stranger.post_form("/signin", &[("email", "ann@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(answer.status, 429, "{}", answer.body);
    let answer = owner.post_form("/signin", &[("email", "ann@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(answer.status, 303, "the owner's browser gets in: {}", answer.body);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_participant_cannot_open_an_activity_still_in_draft() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let created = server.create_from_template(&data.token, "Atelier", "smarter-democracy-hackathon").await;
    let (workshop, code) = (str(&created, "id").to_owned(), str(&created, "join_code").to_owned());
    let (swot, vision) = (activity_of(&created, "swot"), activity_of(&created, "photo_language"));
    server.open(&data.token, &workshop, &vision).await;
    let mut phone = Browser::open(&server, "fr").await;
    phone.join(&code, "Curieux").await;
    assert_eq!(phone.get(&format!("/w/{workshop}/a/{vision}")).await.status, 200);
    let draft = phone.get(&format!("/w/{workshop}/a/{swot}")).await;
    assert_eq!(draft.status, 404, "a draft is still being prepared");
    let home = phone.get(&format!("/w/{workshop}")).await;
    assert!(!home.body.contains(&format!("/w/{workshop}/a/{swot}")), "no link to a draft");
    let token = phone.cookie(&format!("cv_p_{}", workshop.replace('-', ""))).unwrap().to_owned();
    let view = server.workshop(&token, &workshop).await;
    let listed = view["activities"].as_array().unwrap().iter().find(|a| a["id"] == swot.as_str()).unwrap().clone();
    assert_eq!(listed["prompt"], "", "a draft's prompt is the facilitator's: {listed}");
    let mut console = Browser::open(&server, "fr").await;
    console.sign_in("ann@example.org", PASSWORD).await;
    assert_eq!(console.get(&format!("/facilitator/workshops/{workshop}/activities/{swot}")).await.status, 200);
}

/// Raises this test process's own descriptor limit, to hold a flood of sockets.
fn raise_own_descriptor_limit() {
    use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};
    let limit = getrlimit(Resource::Nofile);
    let _ = setrlimit(Resource::Nofile, Rlimit { current: limit.maximum, ..limit });
}

#[tokio::test(flavor = "multi_thread")]
async fn a_flood_of_idle_sockets_does_not_stop_the_health_check() {
    raise_own_descriptor_limit();
    let data = DataFolder::new();
    let server = Server::start_with_open_files(&data, &[], 1024);
    let address: std::net::SocketAddr = server.base.trim_start_matches("http://").parse().unwrap();
    let mut flood = Vec::new();
    for _ in 0..1100 {
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.bind("127.0.0.4:0".parse().unwrap()).unwrap();
        match socket.connect(address).await {
            Ok(stream) => flood.push(stream),
            Err(error) => panic!("the flood could not connect: {error}"),
        }
    }
    // The health check, from elsewhere, answers at once while the flood holds its sockets.
    let started = std::time::Instant::now();
    let health = client_at(Ipv4Addr::new(127, 0, 0, 1))
        .get(server.url("/healthz"))
        .timeout(Duration::from_secs(3))
        .send()
        .await
        .expect("the health check answers");
    assert_eq!(health.status(), 200);
    assert!(started.elapsed() < Duration::from_secs(3));
    // The flood's excess was told why and closed.
    let mut told = 0;
    for stream in flood.iter_mut().rev().take(200) {
        let mut buffer = [0u8; 64];
        if let Ok(Ok(n)) = tokio::time::timeout(Duration::from_millis(50), stream.peek(&mut buffer)).await
            && buffer[..n].starts_with(b"HTTP/1.1 429")
        {
            told += 1;
        }
    }
    assert!(told > 100, "only {told} refused sockets got a 429");
    // And a page works for anyone else too.
    let page = client_at(Ipv4Addr::new(127, 0, 0, 6)).get(server.url("/join")).send().await.unwrap();
    assert_eq!(page.status(), 200);
}
