//! Snapshots of what the server renders: the OpenAPI document (so every API change is reviewed)
//! and pages in both languages, through the real router on a real store.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops loudly where an invariant breaks")]

use axum::body::Body;
use axum::http::{Request, StatusCode};
use converge_engine::Engine;
use converge_store_sqlite::SqliteStore;
use std::sync::Arc;
use tower::ServiceExt;

struct App {
    router: axum::Router,
    _dir: tempfile::TempDir,
}

fn app() -> App {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("converge.db")).unwrap();
    let engine = Engine::new(Arc::new(store), [7; 32]);
    let state = converge_web::AppState::new(engine, None, tokio_util::sync::CancellationToken::new());
    App { router: converge_web::router(state), _dir: dir }
}

async fn get(app: &App, path: &str, accept_language: &str) -> (StatusCode, String) {
    let request = Request::get(path).header("accept-language", accept_language).body(Body::empty()).unwrap();
    let response = app.router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
    (status, String::from_utf8(bytes.to_vec()).unwrap())
}

/// Makes pages readable and stable: one tag per line, asset hashes and tokens masked.
fn readable(html: &str) -> String {
    let mut out = html.replace("><", ">\n<");
    for (prefix, width) in [("/static/", 12), ("name=\"_csrf\" value=\"", 64)] {
        let mut masked = String::new();
        let mut rest = out.as_str();
        while let Some(index) = rest.find(prefix) {
            masked.push_str(&rest[..index + prefix.len()]);
            masked.push_str("[masked]");
            rest = &rest[(index + prefix.len() + width).min(rest.len())..];
        }
        masked.push_str(rest);
        out = masked;
    }
    out
}

/// The page made readable, with known ids named and other generated ids and the
/// clock masked.
fn masked(html: &str, names: &[(String, String)]) -> String {
    let mut out = readable(html);
    for (id, name) in names {
        out = out.replace(id.as_str(), name);
    }
    let mut masked = String::with_capacity(out.len());
    let mut rest = out.as_str();
    while let Some(at) = rest.find("data-now=\"") {
        let start = at + "data-now=\"".len();
        masked.push_str(&rest[..start]);
        masked.push_str("[now]");
        rest = &rest[start + rest[start..].find('"').unwrap_or(0)..];
    }
    masked.push_str(rest);
    // Ids chosen while rendering (a note's, a new card's) are fresh every time.
    let bytes = masked.as_bytes();
    let mut result = String::with_capacity(masked.len());
    let mut index = 0;
    while index < masked.len() {
        let candidate = masked.get(index..index + 36);
        if let Some(candidate) = candidate
            && uuid::Uuid::try_parse(candidate).is_ok()
            && bytes.get(index + 36).is_none_or(|b| !b.is_ascii_hexdigit())
        {
            result.push_str("[uuid]");
            index += 36;
        } else {
            let c = masked[index..].chars().next().unwrap();
            result.push(c);
            index += c.len_utf8();
        }
    }
    result
}

#[tokio::test]
async fn the_openapi_document_keeps_the_contracted_operations() {
    let app = app();
    let (status, body) = get(&app, "/api/openapi.json", "en").await;
    assert_eq!(status, StatusCode::OK);
    let document: serde_json::Value = serde_json::from_str(&body).unwrap();
    let mut operations = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            operations.push(format!("{} {method} {path}", operation["operationId"].as_str().unwrap_or("?")));
        }
    }
    operations.sort();
    for contracted in [
        "createWorkshop post /api/v1/workshops",
        "joinWorkshop post /api/v1/join",
        "getWorkshop get /api/v1/workshops/{id}",
        "openActivity post /api/v1/workshops/{id}/activities/{activity_id}/open",
        "closeActivity post /api/v1/workshops/{id}/activities/{activity_id}/close",
        "postContribution post /api/v1/workshops/{id}/contributions",
        "streamEvents get /api/v1/workshops/{id}/events",
        "exportWorkshop get /api/v1/workshops/{id}/export",
        "castBallot post /api/v1/workshops/{id}/activities/{activity_id}/ballots",
        "getResults get /api/v1/workshops/{id}/activities/{activity_id}/results",
        "draftAction post /api/v1/workshops/{id}/actions",
        "editAction post /api/v1/workshops/{id}/actions/{action_id}",
        "nextStep post /api/v1/workshops/{id}/next-step",
        "focusActivity post /api/v1/workshops/{id}/focus",
        "startTimer post /api/v1/workshops/{id}/activities/{activity_id}/timer/start",
        "pauseTimer post /api/v1/workshops/{id}/activities/{activity_id}/timer/pause",
        "extendTimer post /api/v1/workshops/{id}/activities/{activity_id}/timer/extend",
        "shortenTimer post /api/v1/workshops/{id}/activities/{activity_id}/timer/shorten",
        "undo post /api/v1/workshops/{id}/undo",
        "issueScreenLink post /api/v1/workshops/{id}/screen-link",
        "revokeScreenLink post /api/v1/workshops/{id}/screen-link/revoke",
        "setShortlist post /api/v1/workshops/{id}/activities/{activity_id}/shortlist",
        "moveActivity post /api/v1/workshops/{id}/activities/{activity_id}/move",
        "categorizeContribution post /api/v1/workshops/{id}/contributions/{contribution_id}/categorize",
        "moveContribution post /api/v1/workshops/{id}/contributions/{contribution_id}/move",
        "mergeContribution post /api/v1/workshops/{id}/contributions/{contribution_id}/merge",
        "formTables post /api/v1/workshops/{id}/tables",
        "seatParticipant post /api/v1/workshops/{id}/participants/{participant_id}/seat",
        "setPresence post /api/v1/workshops/{id}/participants/{participant_id}/presence",
        "setJoining post /api/v1/workshops/{id}/joining",
        "renewJoinCode post /api/v1/workshops/{id}/join-code",
        "removeActivity post /api/v1/workshops/{id}/activities/{activity_id}/remove",
        "startBrainwriting post /api/v1/workshops/{id}/activities/{activity_id}/brainwriting/start",
        "nextRound post /api/v1/workshops/{id}/activities/{activity_id}/brainwriting/next-round",
        "removeParticipant post /api/v1/workshops/{id}/participants/{participant_id}/remove",
        "mergeParticipant post /api/v1/workshops/{id}/participants/{participant_id}/merge",
    ] {
        assert!(operations.iter().any(|operation| operation == contracted), "missing {contracted}");
    }
    insta::assert_snapshot!("openapi", body);
}

#[tokio::test]
async fn the_landing_page_speaks_french_first_and_english_on_request() {
    let app = app();
    let (status, french) = get(&app, "/", "de-DE, fr;q=0.5").await;
    assert_eq!(status, StatusCode::OK);
    assert!(french.contains("<html lang=\"fr\">"));
    insta::assert_snapshot!("landing_fr", readable(&french));
    let (_, english) = get(&app, "/", "en-GB,en;q=0.9").await;
    assert!(english.contains("<html lang=\"en\">"));
    insta::assert_snapshot!("landing_en", readable(&english));
    let (_, unknown) = get(&app, "/", "nl").await;
    assert!(unknown.contains("<html lang=\"fr\">"), "French is the default");
}

#[tokio::test]
async fn the_join_page_escapes_what_the_url_carries() {
    let app = app();
    let (status, page) = get(&app, "/join?code=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E", "fr").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!page.contains("<script>alert(1)"), "the code is echoed unescaped");
    assert!(page.contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
    insta::assert_snapshot!("join_fr", readable(&page));
}

#[tokio::test]
async fn an_unknown_page_is_a_localised_404() {
    let app = app();
    let (status, page) = get(&app, "/nowhere", "en").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(page.contains("This page does not exist"));
    insta::assert_snapshot!("not_found_en", readable(&page));
    let (status, body) = get(&app, "/api/v1/nowhere", "fr").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    insta::assert_snapshot!(body, @r#"{"error":{"code":"not_found","message":"Cette page n’existe pas, ou vous n’y avez pas accès."}}"#);
}

#[tokio::test]
async fn the_built_in_cards_are_static_images_cached_for_good() {
    let app = app();
    let request = Request::get("/static/0/01-bridge.svg").body(Body::empty()).unwrap();
    let response = app.router.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "image/svg+xml");
    assert_eq!(response.headers()["cache-control"], "public, max-age=31536000, immutable");
    let (status, _) = get(&app, "/static/0/99-nothing.svg", "fr").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// A workshop whose action plan and risk map are in use, reached through the router as a
/// participant's phone and the facilitator's console reach them. Ids the server chose are masked.
pub(crate) mod outcomes {
    use super::*;
    use converge_core::outcomes::{ActionCard, Stance};
    use converge_core::{
        ActionId, ActivityConfig, ActivityId, ActivityKind, Actor, Command, ContributionId, Language, WorkshopId,
    };
    use converge_engine::{ActivityDraft, NewWorkshop};
    use uuid::Uuid;

    pub(crate) struct Scene {
        pub(crate) app: App,
        pub(crate) workshop: WorkshopId,
        pub(crate) plan: ActivityId,
        pub(crate) risks: ActivityId,
        pub(crate) session: String,
        alice: String,
        /// Ids the pages show, by the names the snapshots give them.
        names: Vec<(String, String)>,
    }

    fn fixed(n: u128) -> Uuid {
        Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0000 + n)
    }

    pub(crate) async fn scene() -> Scene {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("converge.db")).unwrap();
        let engine = Engine::new(Arc::new(store), [7; 32]);
        let account = engine.add_facilitator("ann@example.org", "Ann", "correct horse battery").await.unwrap();
        let draft = |kind, title: &str| ActivityDraft {
            key: None,
            kind,
            title: title.into(),
            prompt: String::new(),
            config: ActivityConfig::default(),
            source_keys: Vec::new(),
        };
        let agenda = vec![
            draft(ActivityKind::Challenges, "Défis"),
            draft(ActivityKind::ActionPlan, "Plan d’action"),
            draft(ActivityKind::RiskMap, "Carte des risques"),
        ];
        let entry = engine
            .create_workshop(
                account,
                NewWorkshop { title: "Atelier des suites".into(), language: Language::Fr, agenda },
            )
            .await
            .unwrap();
        let workshop = WorkshopId::from_uuid(entry.id);
        let activities: Vec<ActivityId> =
            engine.state(workshop).await.unwrap().workshop.activities.iter().map(|activity| activity.id).collect();
        let (challenges, plan, risks) = (activities[0], activities[1], activities[2]);
        let facilitating = Actor::Account(account);
        for activity_id in [challenges, plan, risks] {
            engine.execute(workshop, facilitating, Command::OpenActivity { activity_id }).await.unwrap();
        }
        let alice = engine.join(&entry.join_code, "Alice", "Budget").await.unwrap();
        let bruno = engine.join(&entry.join_code, "Bruno", "Mobilité").await.unwrap();
        let as_alice = Actor::Participant(alice.participant);
        let as_bruno = Actor::Participant(bruno.participant);
        let post = |n: u128, activity_id, text: &str| Command::PostContribution {
            contribution_id: ContributionId::from_uuid(fixed(n)),
            activity_id,
            kind: None,
            text: text.into(),
            links: Vec::new(),
            card: None,
            sheet: None,
        };
        let run = |actor, command| engine.execute(workshop, actor, command);
        run(as_alice, post(1, challenges, "Les services travaillent en silos <b>encore</b>")).await.unwrap();
        run(as_bruno, post(2, challenges, "Les citoyens ne savent pas à qui s’adresser")).await.unwrap();
        let card = ActionCard {
            title: "Un guichet unique".into(),
            description: "Un seul point de contact, en ligne et au téléphone.".into(),
            owner: "SPW Intérieur".into(),
            jurisdiction: "shared".into(),
            horizon: "2027".into(),
            first_steps: "Recenser les guichets existants".into(),
            ..ActionCard::default()
        };
        let action_id = ActionId::from_uuid(fixed(100));
        let sources = vec![ContributionId::from_uuid(fixed(1)), ContributionId::from_uuid(fixed(2))];
        run(as_alice, Command::DraftAction { action_id, activity_id: plan, card, sources }).await.unwrap();
        let stance = |stance, reason: &str| Command::GiveConsensus {
            action_id,
            revision: Some(1),
            stance,
            reason: reason.into(),
        };
        run(as_alice, stance(Stance::Agree, "")).await.unwrap();
        run(as_bruno, stance(Stance::Object, "Le coût n’est pas chiffré")).await.unwrap();
        run(as_alice, post(3, risks, "Le budget est coupé")).await.unwrap();
        run(as_bruno, post(4, risks, "Les équipes changent")).await.unwrap();
        let rate = |risk: u128, likelihood, impact| Command::RateRisk {
            activity_id: risks,
            risk: ContributionId::from_uuid(fixed(risk)),
            likelihood,
            impact,
        };
        run(as_alice, rate(3, 4, 5)).await.unwrap();
        run(as_bruno, rate(3, 3, 4)).await.unwrap();
        let link = Command::LinkMitigations { risk: ContributionId::from_uuid(fixed(3)), actions: vec![action_id] };
        run(as_bruno, link).await.unwrap();
        let (_, session) = engine.sign_in("ann@example.org", "correct horse battery").await.unwrap();
        let mut names = vec![
            (workshop.to_string(), "[workshop]".to_owned()),
            (challenges.to_string(), "[challenges]".to_owned()),
            (plan.to_string(), "[plan]".to_owned()),
            (risks.to_string(), "[risks]".to_owned()),
            (action_id.to_string(), "[action]".to_owned()),
        ];
        names.extend((1..=4).map(|n| (fixed(n).to_string(), format!("[note-{n}]"))));
        let state = converge_web::AppState::new(engine, None, tokio_util::sync::CancellationToken::new());
        Scene {
            app: App { router: converge_web::router(state), _dir: dir },
            workshop,
            plan,
            risks,
            session,
            alice: alice.token,
            names,
        }
    }

    impl Scene {
        async fn get(&self, path: &str, credential: (&str, String)) -> (StatusCode, String) {
            let request = Request::get(path)
                .header("accept-language", "fr")
                .header(credential.0, credential.1)
                .body(Body::empty())
                .unwrap();
            let response = self.app.router.clone().oneshot(request).await.unwrap();
            let status = response.status();
            let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
            (status, self.masked(std::str::from_utf8(&bytes).unwrap()))
        }

        async fn as_alice(&self, path: &str) -> (StatusCode, String) {
            self.get(path, ("authorization", format!("Bearer {}", self.alice))).await
        }

        pub(crate) async fn as_facilitator(&self, path: &str) -> (StatusCode, String) {
            self.get(path, ("cookie", format!("cv_session={}", self.session))).await
        }

        pub(crate) fn masked(&self, html: &str) -> String {
            masked(html, &self.names)
        }
    }

    #[tokio::test]
    async fn the_action_plan_on_a_phone_on_a_card_and_on_the_console() {
        let scene = scene().await;
        let (workshop, plan) = (scene.workshop, scene.plan);
        let (status, list) = scene.as_alice(&format!("/w/{workshop}/a/{plan}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(list.contains("1 d’accord · 0 peut vivre avec · 1 objection"), "{list}");
        assert!(!list.contains("Le coût n’est pas chiffré"), "participants do not see objections");
        assert!(list.contains("&lt;b&gt;encore&lt;/b&gt;"), "texts are escaped");
        insta::assert_snapshot!("action_plan_participant_fr", list);
        let (status, card) = scene.as_alice(&format!("/w/{workshop}/a/{plan}/actions/{}", fixed(100))).await;
        assert_eq!(status, StatusCode::OK);
        insta::assert_snapshot!("action_card_fr", card);
        let (status, board) =
            scene.as_facilitator(&format!("/facilitator/workshops/{workshop}/activities/{plan}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(board.contains("Le coût n’est pas chiffré"), "{board}");
        let objections = &board[board.find("class=\"objections\"").expect("the objections")..];
        let objections = &objections[..objections.find("</div>").unwrap()];
        assert!(
            !objections.contains("Bruno"),
            "a stance is given in confidence, even from the facilitator: {objections}"
        );
        insta::assert_snapshot!("action_plan_console_fr", board);
    }

    #[tokio::test]
    async fn the_risk_map_on_a_phone_and_on_the_console() {
        let scene = scene().await;
        let (workshop, risks) = (scene.workshop, scene.risks);
        let (status, page) = scene.as_alice(&format!("/w/{workshop}/a/{risks}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Probabilité 3,5 (± 0,5) · impact 4,5 (± 0,5) · 2 avis"), "{page}");
        insta::assert_snapshot!("risk_map_participant_fr", page);
        let (status, board) =
            scene.as_facilitator(&format!("/facilitator/workshops/{workshop}/activities/{risks}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(board.contains("data-likelihood=\"4\" data-impact=\"5\""), "the mean (3.5, 4.5) rounds to (4, 5)");
        insta::assert_snapshot!("risk_map_console_fr", board);
    }
}

/// The pictures of boards for slides, named after the workshop and the activity, and the
/// projection's stage with the room's progress.
mod stage {
    use super::outcomes::scene;
    use super::*;

    #[tokio::test]
    async fn the_plan_and_the_risk_map_as_pictures_named_after_their_titles() {
        let scene = scene().await;
        let pictures = [
            (scene.plan, "atelier-des-suites-plan-d-action.svg", "action_plan_board_svg"),
            (scene.risks, "atelier-des-suites-carte-des-risques.svg", "risk_map_board_svg"),
        ];
        for (activity, name, snapshot) in pictures {
            let path = format!("/facilitator/workshops/{}/activities/{activity}/board.svg", scene.workshop);
            let request = Request::get(path)
                .header("cookie", format!("cv_session={}", scene.session))
                .body(Body::empty())
                .unwrap();
            let response = scene.app.router.clone().oneshot(request).await.unwrap();
            assert_eq!(response.status(), StatusCode::OK);
            let disposition = response.headers()["content-disposition"].to_str().unwrap().to_owned();
            assert_eq!(disposition, format!("inline; filename=\"{name}\""));
            let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
            let svg = scene.masked(std::str::from_utf8(&bytes).unwrap());
            insta::assert_snapshot!(snapshot, svg);
        }
        let (_, plan) = scene
            .as_facilitator(&format!("/facilitator/workshops/{}/activities/{}/board.svg", scene.workshop, scene.plan))
            .await;
        for shown in
            ["Un guichet unique", "Porteur : SPW Intérieur", "Échéance : 2027", "Partagée", "guichets existants"]
        {
            assert!(plan.contains(shown), "the action card's {shown} on the picture: {plan}");
        }
        let (_, risks) = scene
            .as_facilitator(&format!("/facilitator/workshops/{}/activities/{}/board.svg", scene.workshop, scene.risks))
            .await;
        assert!(risks.contains("class=\"heat-map\""), "the probability × impact matrix: {risks}");
        assert!(risks.contains("data-likelihood=\"4\" data-impact=\"5\""), "the rated risk placed on it: {risks}");
        assert!(risks.contains("Le budget est coupé") && risks.contains("Probabilité 3,5 (± 0,5)"), "{risks}");
        // The console's download links carry the same names.
        let (_, console) = scene.as_facilitator(&format!("/facilitator/workshops/{}", scene.workshop)).await;
        assert!(console.contains("download=\"atelier-des-suites-carte-des-risques.svg\""), "{console}");
        assert!(console.contains("data-board-png-name=\"atelier-des-suites-carte-des-risques.png\""), "{console}");
    }

    #[tokio::test]
    async fn the_stage_says_how_far_the_room_is_in_counts_only() {
        let scene = scene().await;
        let (status, screen) = scene.as_facilitator(&format!("/facilitator/workshops/{}/screen", scene.workshop)).await;
        assert_eq!(status, StatusCode::OK);
        // The stage without the join panel (its code and QR code are new at every run).
        let start = screen.find("id=\"screen-live\"").expect("the stage");
        let end = screen.find("data-fit-pages").expect("the page indicator");
        let stage = &screen[start..end];
        assert!(stage.contains("2 sur 2 ont contribué"), "{stage}");
        assert!(stage.contains("2 sur 2 ont évalué les risques"), "{stage}");
        insta::assert_snapshot!("stage_with_progress_fr", stage);
    }
}

/// A participant's phone on a dot vote they already voted in, and on a SWOT right after sending
/// a note: the pages that work as a remote control.
mod phone {
    use super::*;
    use converge_core::voting::{Ballot, VoteConfig, VoteMethod};
    use converge_core::{ActivityConfig, ActivityKind, Actor, Command, ContributionId, Language, WorkshopId};
    use converge_engine::{ActivityDraft, NewWorkshop};
    use uuid::Uuid;

    fn fixed(n: u128) -> Uuid {
        Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0000 + n)
    }

    #[tokio::test]
    async fn a_dot_vote_and_a_swot_on_a_phone() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("converge.db")).unwrap();
        let engine = Engine::new(Arc::new(store), [7; 32]);
        let account = engine.add_facilitator("ann@example.org", "Ann", "correct horse battery").await.unwrap();
        let draft = |key: &str, kind, title: &str, config, sources: &[&str]| ActivityDraft {
            key: Some(key.into()),
            kind,
            title: title.into(),
            prompt: String::new(),
            config,
            source_keys: sources.iter().map(|source| (*source).to_owned()).collect(),
        };
        let dots = VoteConfig { dots_budget: 5, dots_cap: 3, ..VoteConfig::new(VoteMethod::Dots) };
        let agenda = vec![
            draft("challenges", ActivityKind::Challenges, "Défis", ActivityConfig::default(), &[]),
            draft("swot", ActivityKind::Swot, "SWOT", ActivityConfig::default(), &[]),
            draft(
                "vote",
                ActivityKind::Vote,
                "Gommettes",
                ActivityConfig { vote: Some(dots), ..ActivityConfig::default() },
                &["challenges"],
            ),
        ];
        let entry = engine
            .create_workshop(
                account,
                NewWorkshop { title: "Atelier au téléphone".into(), language: Language::Fr, agenda },
            )
            .await
            .unwrap();
        let workshop = WorkshopId::from_uuid(entry.id);
        let ids: Vec<_> =
            engine.state(workshop).await.unwrap().workshop.activities.iter().map(|activity| activity.id).collect();
        let (challenges, swot, vote) = (ids[0], ids[1], ids[2]);
        for activity_id in [challenges, swot, vote] {
            engine.execute(workshop, Actor::Account(account), Command::OpenActivity { activity_id }).await.unwrap();
        }
        let alice = engine.join(&entry.join_code, "Alice", "Budget").await.unwrap();
        let as_alice = Actor::Participant(alice.participant);
        for (n, text) in [(1, "Les services travaillent en silos"), (2, "Personne ne lit les rapports <b>!</b>")] {
            let post = Command::PostContribution {
                contribution_id: ContributionId::from_uuid(fixed(n)),
                activity_id: challenges,
                kind: None,
                text: text.into(),
                links: Vec::new(),
                card: None,
                sheet: None,
            };
            engine.execute(workshop, as_alice, post).await.unwrap();
        }
        let ballot = Ballot::Dots { dots: [(ContributionId::from_uuid(fixed(2)), 3)].into() };
        engine.execute(workshop, as_alice, Command::CastBallot { activity_id: vote, ballot }).await.unwrap();
        let names: Vec<(String, String)> = vec![
            (workshop.to_string(), "[workshop]".to_owned()),
            (challenges.to_string(), "[challenges]".to_owned()),
            (swot.to_string(), "[swot]".to_owned()),
            (vote.to_string(), "[vote]".to_owned()),
            (fixed(1).to_string(), "[note-1]".to_owned()),
            (fixed(2).to_string(), "[note-2]".to_owned()),
        ];
        let state = converge_web::AppState::new(engine, None, tokio_util::sync::CancellationToken::new());
        let app = App { router: converge_web::router(state), _dir: dir };
        let as_alice = |path: String, language: &'static str| {
            let request = Request::get(path)
                .header("accept-language", language)
                .header("authorization", format!("Bearer {}", alice.token))
                .body(Body::empty())
                .unwrap();
            let router = app.router.clone();
            let names = names.clone();
            async move {
                let response = router.oneshot(request).await.unwrap();
                let status = response.status();
                let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
                (status, masked(std::str::from_utf8(&bytes).unwrap(), &names))
            }
        };

        let (status, ballot) = as_alice(format!("/w/{workshop}/a/{vote}"), "fr").await;
        assert_eq!(status, StatusCode::OK);
        assert!(ballot.contains("Il vous reste 2 gommettes sur 5."), "{ballot}");
        assert!(ballot.contains(
            "aria-label=\"Ajouter une gommette à «\u{a0}Personne ne lit les rapports &lt;b&gt;!&lt;/b&gt;\u{a0}»\""
        ));
        insta::assert_snapshot!("dots_ballot_fr", ballot);
        let (_, english) = as_alice(format!("/w/{workshop}/a/{vote}"), "en").await;
        assert!(english.contains("aria-label=\"Take a dot from “Les services travaillent en silos”\""), "{english}");
        assert!(english.contains("data-item-other=\"{n} dots on “{item}”.\""), "{english}");

        let (status, swot_page) = as_alice(format!("/w/{workshop}/a/{swot}?sent=1&kind=threat"), "fr").await;
        assert_eq!(status, StatusCode::OK);
        insta::assert_snapshot!("swot_after_a_note_fr", swot_page);
    }
}
