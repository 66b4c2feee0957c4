//! A facilitator's sessions end to end, through the real server and its SQLite file: a new
//! session at every sign-in, signing out for good, the account page that lists and ends
//! sessions, changing the password, and two-step sign-in with a TOTP code (RFC 6238).
//!
//! Codes are computed here from the key the account page shows, as an authenticator app would.

use converge_engine::totp;
use converge_test_support::*;

const ANN: &str = "ann@example.org";
const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
const PHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) \
                     Version/18.1 Mobile/15E148 Safari/604.1";

/// Signs in with the form, as a browser sending `user_agent`.
async fn sign_in_from(browser: &mut Browser, user_agent: &str, password: &str) -> PageAnswer {
    let csrf = browser.fresh_csrf().await;
    let body = form_encode(&[("_csrf", &csrf), ("email", ANN), ("password", password)]);
    let request = browser
        .build(reqwest::Method::POST, "/signin")
        .header("User-Agent", user_agent)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body);
    browser.send(request).await
}

/// Whether the browser's session cookie still opens the dashboard.
async fn is_signed_in(browser: &mut Browser) -> bool {
    let answer = browser.get("/facilitator").await;
    match (answer.status, answer.location.as_deref()) {
        (200, _) => true,
        (303, Some("/signin")) => false,
        other => panic!("the dashboard answered {other:?}: {}", answer.body),
    }
}

/// A browser holding exactly this session cookie, and nothing else of another's.
async fn browser_with_session(server: &Server, token: &str) -> Browser {
    let mut browser = Browser::open(server, "en").await;
    browser.set_cookie("cv_session", token);
    // Form tokens are bound to the session: a page read with this cookie gives the one to use.
    browser.refresh_csrf("/join").await;
    browser
}

/// The value of the first `<input name=… value=…>` named `name`.
fn input_value(html: &str, name: &str) -> Option<String> {
    let at = html.find(&format!("name=\"{name}\""))?;
    let tag_start = html[..at].rfind('<')?;
    let tag = &html[tag_start..tag_start + html[tag_start..].find('>')?];
    let start = tag.find("value=\"")? + "value=\"".len();
    Some(tag[start..start + tag[start..].find('"')?].to_owned())
}

/// The sessions the account page lists: (handle, is this browser's).
fn listed_sessions(html: &str) -> Vec<(String, bool)> {
    html.split("<tr data-session=\"")
        .skip(1)
        .map(|row| {
            let handle = row[..row.find('"').unwrap()].to_owned();
            let head = &row[..row.find('>').unwrap()];
            (handle, head.contains("data-current"))
        })
        .collect()
}

fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64
}

/// The code an app shows `steps_ahead` steps from now.
fn code(secret: &[u8], steps_ahead: i64) -> String {
    totp::code_at_step(secret, totp::step_at(now_ms()) + steps_ahead)
}

/// Turns two-step sign-in on from the account page; returns the secret and the recovery codes.
async fn enrol(browser: &mut Browser) -> (Vec<u8>, Vec<String>) {
    let page = browser.get("/facilitator/account").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("data-totp=\"off\""), "the second factor starts off");
    assert!(page.body.contains("<svg"), "the key is shown as a QR code");
    let secret_text = input_value(&page.body, "secret").expect("the enrolment form carries the key");
    let shown = page.body.split("id=\"totp-secret\">").nth(1).expect("the key as text").split('<').next().unwrap();
    assert_eq!(shown.replace(' ', ""), secret_text, "the text shown is the key the form confirms");
    let secret = totp::base32_decode(&secret_text).unwrap();
    assert_eq!(secret.len(), 20, "a 160-bit key");
    let proof = input_value(&page.body, "proof").unwrap();

    // A wrong code leaves it off, with a message that says what to do.
    let wrong = wrong_code(&secret);
    let refused = browser
        .post_form("/facilitator/account/totp", &[("secret", &secret_text), ("proof", &proof), ("code", &wrong)])
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("This code is not right"), "{}", refused.body);
    assert!(refused.body.contains("data-totp=\"off\""));
    // A key the server did not give is refused even with its right code.
    let forged = totp::base32_encode(&[7u8; 20]);
    let answer = browser
        .post_form(
            "/facilitator/account/totp",
            &[
                ("secret", &forged),
                ("proof", &proof),
                ("code", &totp::code_at_step(&[7u8; 20], totp::step_at(now_ms()))),
            ],
        )
        .await;
    assert_eq!(answer.status, 422, "a forged key is refused");

    let enabled = browser
        .post_form(
            "/facilitator/account/totp",
            &[("secret", &secret_text), ("proof", &proof), ("code", &code(&secret, 0))],
        )
        .await;
    assert_eq!(enabled.status, 200, "{}", enabled.body);
    assert!(enabled.body.contains("data-totp=\"on\""), "{}", enabled.body);
    let codes_section = enabled.body.split("id=\"recovery-codes\"").nth(1).expect("the recovery codes are shown");
    let recovery: Vec<String> =
        codes_section.split("<code>").skip(1).map(|part| part[..part.find('<').unwrap()].to_owned()).collect();
    assert_eq!(recovery.len(), 8, "{codes_section}");
    let again = browser.get("/facilitator/account").await;
    assert!(!again.body.contains(&recovery[0]), "recovery codes are shown once");
    assert!(again.body.contains("Recovery codes left: 8"), "{}", again.body);
    (secret, recovery)
}

/// A six-digit code that matches none of the steps a server accepts now.
fn wrong_code(secret: &[u8]) -> String {
    let accepted: Vec<String> = (-2..=2).map(|drift| code(secret, drift)).collect();
    (0..).map(|n| format!("{:06}", (n * 7919) % 1_000_000)).find(|candidate| !accepted.contains(candidate)).unwrap()
}

/// Posts the code step; the pending token comes from the page the password step gave.
async fn send_code(browser: &mut Browser, pending: &str, code: &str) -> PageAnswer {
    browser.post_form("/signin/code", &[("pending", pending), ("code", code)]).await
}

/// Signs in with the password of an account with a second factor: the code page, and its
/// pending token. The browser holds no session yet.
async fn password_step(browser: &mut Browser) -> String {
    let answer = sign_in_from(browser, FIREFOX, PASSWORD).await;
    assert_eq!(answer.status, 200, "the password step asks for the code: {}", answer.body);
    assert!(answer.body.contains("id=\"signin-code-form\""), "{}", answer.body);
    assert!(
        !answer.set_cookies.iter().any(|(name, _)| name == "cv_session"),
        "half-way through, the browser has no session"
    );
    assert!(!is_signed_in(browser).await, "the password alone opens nothing");
    input_value(&answer.body, "pending").expect("the code form carries the pending sign-in")
}

#[tokio::test]
async fn each_sign_in_gives_a_new_session_and_ends_the_one_the_browser_held() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let mut browser = Browser::open(&server, "en").await;
    browser.sign_in(ANN, PASSWORD).await;
    let first = browser.cookie("cv_session").unwrap().to_owned();

    // Signing in again from the same browser: a new token, and the one it held is over.
    browser.sign_in(ANN, PASSWORD).await;
    let second = browser.cookie("cv_session").unwrap().to_owned();
    assert_ne!(first, second);
    assert!(!is_signed_in(&mut browser_with_session(&server, &first).await).await, "the old session ended");
    assert!(is_signed_in(&mut browser).await);

    // A session cookie planted in another browser before it signs in is not the one it gets.
    let mut victim = browser_with_session(&server, &second).await;
    victim.sign_in(ANN, PASSWORD).await;
    let third = victim.cookie("cv_session").unwrap().to_owned();
    assert!(third != first && third != second);
    assert!(!is_signed_in(&mut browser).await, "the planted session ended when the browser signed in");
    assert!(is_signed_in(&mut victim).await);
}

#[tokio::test]
async fn signing_out_ends_the_session_for_good() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let mut browser = Browser::open(&server, "en").await;
    browser.sign_in(ANN, PASSWORD).await;
    let token = browser.cookie("cv_session").unwrap().to_owned();
    let answer = browser.post_form("/signout", &[]).await;
    assert_eq!((answer.status, answer.location.as_deref()), (303, Some("/")));
    assert_eq!(browser.cookie("cv_session"), None, "the browser is told to forget the cookie");

    // The cookie replayed, as a copy taken before signing out would be: signed out.
    let mut replay = browser_with_session(&server, &token).await;
    assert!(!is_signed_in(&mut replay).await);
    let account = replay.get("/facilitator/account").await;
    assert_eq!((account.status, account.location.as_deref()), (303, Some("/signin")));
}

#[tokio::test]
async fn the_account_page_lists_each_browser_and_signs_one_out() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let mut laptop = Browser::open(&server, "en").await;
    assert_eq!(sign_in_from(&mut laptop, FIREFOX, PASSWORD).await.status, 303);
    let mut phone = Browser::open(&server, "en").await;
    assert_eq!(sign_in_from(&mut phone, PHONE, PASSWORD).await.status, 303);
    let hostile = "<script>alert(1)</script>\t".repeat(20);
    let mut odd = Browser::open(&server, "en").await;
    assert_eq!(sign_in_from(&mut odd, &hostile, PASSWORD).await.status, 303);

    let dashboard = laptop.get("/facilitator").await;
    assert!(dashboard.body.contains("href=\"/facilitator/account\""), "the dashboard links the account page");
    let page = laptop.get("/facilitator/account").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let listed = listed_sessions(&page.body);
    assert_eq!(listed.len(), 3, "{listed:?}");
    assert_eq!(listed.iter().filter(|(_, current)| *current).count(), 1, "one row is this browser");
    assert!(page.body.contains("Firefox · Linux"), "{}", page.body);
    assert!(page.body.contains("Safari · iOS"), "{}", page.body);
    assert!(page.body.contains("(this browser)"));
    assert!(!page.body.contains("<script>alert"), "a User-Agent is text, never markup");
    assert!(page.body.contains("&lt;script&gt;alert(1)"), "shown escaped");
    let kept = page.body.split("&lt;script&gt;alert(1)").count() - 1;
    assert!(kept <= 2 * 10, "the stored User-Agent is cut short: {kept} repetitions shown");

    // The phone's row is the one last signed in but the laptop's; sign it out from the laptop.
    let phone_page = phone.get("/facilitator/account").await;
    let phone_handle = listed_sessions(&phone_page.body).into_iter().find(|(_, current)| *current).unwrap().0;
    let ended = laptop.post_form("/facilitator/account/sessions/end", &[("session", &phone_handle)]).await;
    assert_eq!(ended.location.as_deref(), Some("/facilitator/account?done=session"), "{}", ended.body);
    assert!(!is_signed_in(&mut phone).await, "the phone is signed out");
    assert!(is_signed_in(&mut laptop).await);
    assert!(is_signed_in(&mut odd).await, "the other sessions go on");
    let page = laptop.get("/facilitator/account?done=session").await;
    assert_eq!(listed_sessions(&page.body).len(), 2);
    assert!(page.body.contains("That session is signed out."));

    // A handle that is not (or no longer) one of this account's sessions.
    let again = laptop.post_form("/facilitator/account/sessions/end", &[("session", &phone_handle)]).await;
    assert_eq!(again.status, 404);
    let bogus = laptop.post_form("/facilitator/account/sessions/end", &[("session", "<b>")]).await;
    assert_eq!(bogus.status, 404);

    let others = laptop.post_form("/facilitator/account/sessions/end-others", &[]).await;
    assert_eq!(others.location.as_deref(), Some("/facilitator/account?done=others"));
    assert!(!is_signed_in(&mut odd).await);
    assert!(is_signed_in(&mut laptop).await);
    let page = laptop.get("/facilitator/account").await;
    assert_eq!(listed_sessions(&page.body), vec![(listed_sessions(&page.body)[0].0.clone(), true)]);
    assert!(!page.body.contains("id=\"end-others\""), "nothing else to sign out");
}

#[tokio::test]
async fn a_new_password_ends_the_other_sessions_and_renews_this_one() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let mut laptop = Browser::open(&server, "en").await;
    laptop.sign_in(ANN, PASSWORD).await;
    let mut phone = Browser::open(&server, "en").await;
    phone.sign_in(ANN, PASSWORD).await;
    let before = laptop.cookie("cv_session").unwrap().to_owned();

    let change = |current: &'static str, new: &'static str| [("current_password", current), ("new_password", new)];
    let wrong =
        laptop.post_form("/facilitator/account/password", &change("not the password", "a new passphrase")).await;
    assert_eq!(wrong.status, 401);
    assert!(wrong.body.contains("The current password is wrong."), "{}", wrong.body);
    let short = laptop.post_form("/facilitator/account/password", &change(PASSWORD, "short")).await;
    assert_eq!(short.status, 422);
    assert!(short.body.contains("between 8 and 128"), "{}", short.body);
    assert!(is_signed_in(&mut phone).await, "a refused change ends nothing");

    let changed = laptop.post_form("/facilitator/account/password", &change(PASSWORD, "a new passphrase")).await;
    assert_eq!(changed.location.as_deref(), Some("/facilitator/account?done=password"), "{}", changed.body);
    let after = laptop.cookie("cv_session").unwrap().to_owned();
    assert_ne!(after, before, "this browser's session is renewed");
    assert!(is_signed_in(&mut laptop).await);
    assert!(!is_signed_in(&mut browser_with_session(&server, &before).await).await, "its old token is over");
    assert!(!is_signed_in(&mut phone).await, "every other session is over");
    let page = laptop.get("/facilitator/account?done=password").await;
    assert_eq!(listed_sessions(&page.body).len(), 1);

    // API tokens are the operator's, for scripts: a new password leaves them working.
    let api = server.http.get(server.url("/api/v1/workshops")).bearer_auth(&data.token).send().await.unwrap();
    assert_eq!(api.status(), 200);
    let mut fresh = Browser::open(&server, "en").await;
    assert_eq!(sign_in_from(&mut fresh, FIREFOX, PASSWORD).await.status, 401, "the old password is refused");
    assert_eq!(sign_in_from(&mut fresh, FIREFOX, "a new passphrase").await.status, 303);
}

#[tokio::test]
async fn with_two_step_sign_in_the_password_alone_opens_nothing_and_each_code_works_once() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let mut browser = Browser::open(&server, "en").await;
    browser.sign_in(ANN, PASSWORD).await;
    let (secret, recovery) = enrol(&mut browser).await;
    browser.post_form("/signout", &[]).await;

    // The code just used to confirm the enrolment is not accepted again.
    let pending = password_step(&mut browser).await;
    let reused = send_code(&mut browser, &pending, &code(&secret, 0)).await;
    assert_eq!(reused.status, 401);
    assert!(reused.body.contains("This code has already been used"), "{}", reused.body);

    let wrong = send_code(&mut browser, &pending, &wrong_code(&secret)).await;
    assert_eq!(wrong.status, 401);
    assert!(wrong.body.contains("This code is not right"), "{}", wrong.body);
    assert!(!is_signed_in(&mut browser).await);

    // The app's next code (a step ahead is within the drift allowed) signs in.
    let next = code(&secret, 1);
    let signed = send_code(&mut browser, &pending, &next).await;
    assert_eq!(signed.location.as_deref(), Some("/facilitator"), "{}", signed.body);
    assert!(is_signed_in(&mut browser).await);

    // Replayed, even from another browser with its own password step: refused.
    let mut other = Browser::open(&server, "en").await;
    let other_pending = password_step(&mut other).await;
    let replayed = send_code(&mut other, &other_pending, &next).await;
    assert_eq!(replayed.status, 401);
    assert!(replayed.body.contains("This code has already been used"));

    // A recovery code works once, whatever its case and dashes.
    let typed = recovery[0].to_lowercase().replace('-', " ");
    let recovered = send_code(&mut other, &other_pending, &typed).await;
    assert_eq!(recovered.location.as_deref(), Some("/facilitator"), "{}", recovered.body);
    let mut third = Browser::open(&server, "en").await;
    let third_pending = password_step(&mut third).await;
    assert_eq!(send_code(&mut third, &third_pending, &recovery[0]).await.status, 401, "a recovery code is used up");
    let page = browser.get("/facilitator/account").await;
    assert!(page.body.contains("Recovery codes left: 7"), "{}", page.body);

    // A pending token that was tampered with, or is from before a password change, is no use.
    let last = if third_pending.ends_with('0') { '1' } else { '0' };
    let tampered = format!("{}{last}", &third_pending[..third_pending.len() - 1]);
    let answer = send_code(&mut third, &tampered, &code(&secret, 1)).await;
    assert_eq!(answer.status, 401);
    assert!(answer.body.contains("This sign-in has expired"), "{}", answer.body);
    let changed = browser
        .post_form("/facilitator/account/password", &[("current_password", PASSWORD), ("new_password", "another one!")])
        .await;
    assert_eq!(changed.status, 303);
    let answer = send_code(&mut third, &third_pending, &recovery[1]).await;
    assert!(answer.body.contains("This sign-in has expired"), "{}", answer.body);

    // Turning it off needs the password and a code.
    let refused = browser
        .post_form("/facilitator/account/totp/disable", &[("password", "wrong password"), ("code", &code(&secret, 1))])
        .await;
    assert_eq!(refused.status, 401);
    assert!(refused.body.contains("The current password is wrong."));
    let refused = browser
        .post_form("/facilitator/account/totp/disable", &[("password", "another one!"), ("code", &wrong_code(&secret))])
        .await;
    assert_eq!(refused.status, 401);
    assert!(refused.body.contains("This code is not right"));
    let turned_off = browser
        .post_form("/facilitator/account/totp/disable", &[("password", "another one!"), ("code", &recovery[2])])
        .await;
    assert_eq!(turned_off.location.as_deref(), Some("/facilitator/account?done=totp-off"), "{}", turned_off.body);
    let mut plain = Browser::open(&server, "en").await;
    assert_eq!(sign_in_from(&mut plain, FIREFOX, "another one!").await.status, 303, "the password is enough again");
}

#[tokio::test]
async fn the_code_step_is_rate_limited_per_account() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let mut browser = Browser::open(&server, "en").await;
    browser.sign_in(ANN, PASSWORD).await;
    let (secret, _) = enrol(&mut browser).await;
    let mut attacker = Browser::open(&server, "en").await;
    let pending = password_step(&mut attacker).await;
    let wrong = wrong_code(&secret);
    let mut statuses = Vec::new();
    for _ in 0..8 {
        statuses.push(send_code(&mut attacker, &pending, &wrong).await.status);
    }
    assert_eq!(&statuses[..5], &[401; 5], "{statuses:?}");
    assert_eq!(&statuses[5..], &[429; 3], "{statuses:?}");
    let limited = send_code(&mut attacker, &pending, &code(&secret, 1)).await;
    assert_eq!(limited.status, 429, "even the right code waits once the attempts are spent: {statuses:?}");
    assert!(limited.retry_after.is_some());
    assert!(limited.body.contains("id=\"signin-code-form\""), "the code form stays, with the message");
    assert!(!is_signed_in(&mut attacker).await);
}

#[tokio::test]
async fn an_operator_can_remove_a_lost_second_factor() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let mut browser = Browser::open(&server, "en").await;
    browser.sign_in(ANN, PASSWORD).await;
    enrol(&mut browser).await;
    let data_path = data.path().to_str().unwrap();
    let reset = converge(&["admin", "reset-totp", ANN, "--data", data_path]);
    assert!(reset.status.success(), "{}", String::from_utf8_lossy(&reset.stderr));
    assert!(String::from_utf8_lossy(&reset.stdout).contains("removed"));
    let mut fresh = Browser::open(&server, "en").await;
    assert_eq!(sign_in_from(&mut fresh, FIREFOX, PASSWORD).await.status, 303, "the password alone signs in");
    let again = converge(&["admin", "reset-totp", ANN, "--data", data_path]);
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stdout).contains("nothing changed"));
    let unknown = converge(&["admin", "reset-totp", "nobody@example.org", "--data", data_path]);
    assert!(!unknown.status.success(), "an unknown email is an error");
}

#[tokio::test]
async fn an_operator_can_sign_a_facilitator_out_everywhere() {
    let data = DataFolder::new();
    let server = Server::start(&data);
    let mut laptop = Browser::open(&server, "en").await;
    laptop.sign_in(ANN, PASSWORD).await;
    let mut phone = Browser::open(&server, "en").await;
    phone.sign_in(ANN, PASSWORD).await;
    let ended = converge(&["admin", "end-sessions", ANN, "--data", data.path().to_str().unwrap()]);
    assert!(ended.status.success(), "{}", String::from_utf8_lossy(&ended.stderr));
    assert!(String::from_utf8_lossy(&ended.stdout).contains("2 sessions ended"), "{:?}", ended);
    assert!(!is_signed_in(&mut laptop).await);
    assert!(!is_signed_in(&mut phone).await);
    let api = server.http.get(server.url("/api/v1/workshops")).bearer_auth(&data.token).send().await.unwrap();
    assert_eq!(api.status(), 200, "API tokens are not sessions");
}

/// `converge serve` behind a public HTTPS address (the TLS proxy is not needed to see the
/// cookies it sets). Killed when dropped.
struct HttpsServer {
    child: std::process::Child,
    base: String,
}

impl Drop for HttpsServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_behind_https(data: &DataFolder) -> HttpsServer {
    use std::io::BufRead;
    let mut child = std::process::Command::new(binary())
        .args(["serve", "--bind", "127.0.0.1:0", "--data", data.path().to_str().unwrap()])
        .args(["--public-url", "https://converge.example.org"])
        .env("CONVERGE_LOG", "warn")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("the server starts");
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let base = loop {
        let line = lines.next().expect("the server prints its address").unwrap();
        if let Some(address) = line.split("listening on ").nth(1) {
            break address.trim().to_owned();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    HttpsServer { child, base }
}

/// The raw `Set-Cookie` headers of a response.
fn set_cookie_headers(response: &reqwest::Response) -> Vec<String> {
    response.headers().get_all("set-cookie").iter().map(|value| value.to_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn behind_https_the_session_cookie_is_host_only_secure_http_only_and_same_site() {
    let data = DataFolder::new();
    let server = start_behind_https(&data);
    let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let page = http.get(format!("{}/signin", server.base)).send().await.unwrap();
    let csrf_cookie = set_cookie_headers(&page)
        .into_iter()
        .find(|cookie| cookie.starts_with("__Host-cv_csrf="))
        .expect("the form token's cookie is __Host- prefixed");
    let csrf_seed = csrf_cookie.split(';').next().unwrap().to_owned();
    let csrf = csrf_field(&page.text().await.unwrap()).unwrap();

    let body = form_encode(&[("_csrf", &csrf), ("email", ANN), ("password", PASSWORD)]);
    let signed = http
        .post(format!("{}/signin", server.base))
        .header("Cookie", &csrf_seed)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(signed.status(), 303);
    let session = set_cookie_headers(&signed)
        .into_iter()
        .find(|cookie| cookie.starts_with("__Host-cv_session="))
        .expect("the session cookie is __Host- prefixed");
    let attributes: Vec<&str> = session.split(';').skip(1).map(str::trim).collect();
    for wanted in ["Path=/", "HttpOnly", "SameSite=Lax", "Secure"] {
        assert!(attributes.contains(&wanted), "{wanted} missing from {session}");
    }
    assert!(!session.to_ascii_lowercase().contains("domain="), "host-only: {session}");

    let token_pair = session.split(';').next().unwrap();
    let dashboard = http.get(format!("{}/facilitator", server.base)).header("Cookie", token_pair).send().await.unwrap();
    assert_eq!(dashboard.status(), 200, "the prefixed cookie is the session");
}
