//! A board as a picture for slides, and the projection zoomed on one part of a board: the SVG
//! is well-formed XML whatever the notes hold (a hostile note's markup stays text), names no
//! author of an anonymous activity, and is the facilitator's alone; `zoomProjection` shows one
//! SWOT quadrant on the screen until the focus moves.

use converge_test_support::*;
use serde_json::json;

const HOSTILE: &str = "</text><script>alert('x')</script> & \"quoted\" <b>bold</b> ]]> &amp;";

fn texts(svg: &str) -> Vec<String> {
    let document = roxmltree::Document::parse(svg).unwrap_or_else(|error| panic!("not well-formed: {error}\n{svg}"));
    assert_eq!(document.root_element().tag_name().name(), "svg");
    assert!(document.descendants().all(|node| node.tag_name().name() != "script"), "no element from a note");
    document.descendants().filter(|node| node.is_text()).filter_map(|node| node.text()).map(str::to_owned).collect()
}

#[tokio::test]
async fn the_board_as_an_svg_holds_a_hostile_note_as_text_and_no_author_of_an_anonymous_activity() {
    let mut room = Room::new("Images du tableau").people(&[("Bea Dumont", "SPW"), ("Tom Leroy", "SPW")]).build().await;
    let challenges = room.add_activity("challenges", "Les défis", "Qu'est-ce qui bloque ?").await;
    room.open(&challenges).await;
    room.post_note(0, &challenges, HOSTILE).await;
    room.post_note(1, &challenges, &"Une idée longue qui se replie sur plusieurs lignes ".repeat(8)).await;

    let svg = room.facilitator.get(&room.console(&format!("/activities/{challenges}/board.svg"))).await;
    assert_eq!(svg.status, 200, "{}", svg.body);
    assert!(svg.body.starts_with("<?xml"), "{}", &svg.body[..80.min(svg.body.len())]);
    // Lines break anywhere in a long word: compare without the spaces.
    let squeezed = |text: &str| text.split_whitespace().collect::<String>();
    let words = squeezed(&texts(&svg.body).concat());
    for piece in ["</text><script>alert('x')</script>", "& \"quoted\"", "<b>bold</b>", "]]> &amp;"] {
        assert!(words.contains(&squeezed(piece)), "the note's text reads back as it was written: {piece}\n{words}");
    }
    assert!(words.contains("BeaDumont"), "a signed note names its author");

    // Anonymous: the same board names nobody.
    let anonymous = room.add_activity("challenges", "Défis anonymes", "").await;
    room.edit(&anonymous, &[("title", "Défis anonymes"), ("prompt", ""), ("anonymous", "on")]).await;
    room.open(&anonymous).await;
    room.post_note(0, &anonymous, "Personne ne lit nos rapports").await;
    let svg = room.facilitator.get(&room.console(&format!("/activities/{anonymous}/board.svg"))).await;
    assert_eq!(svg.status, 200);
    let words = texts(&svg.body).concat();
    assert!(words.contains("Personne ne lit nos rapports"));
    assert!(!words.contains("Bea Dumont") && !words.contains("Tom Leroy"), "{words}");

    // The console offers it on the activity's line.
    let console = room.facilitator.get(&room.console("")).await;
    assert!(console.body.contains(&format!("/activities/{challenges}/board.svg")), "the console's export link");
}

#[tokio::test]
async fn zoom_projection_shows_one_quadrant_until_the_room_moves_on() {
    let mut room = Room::new("Zoom").people(&[("Bea Dumont", "SPW")]).build().await;
    let swot = room.add_activity("swot", "SWOT", "").await;
    let later = room.add_activity("challenges", "Plus tard", "").await;
    room.open(&swot).await;
    room.open(&later).await;
    for (kind, text) in [("threat", "Les budgets baissent"), ("strength", "Une équipe motivée")] {
        let answer = room.post(0, json!({"activity_id": swot, "kind": kind, "text": text})).await;
        assert_eq!(answer.status, 201, "{}", answer.body);
    }
    let focus = room.facilitator.post_form(&room.console("/focus"), &[("activity_id", &swot)]).await;
    assert_eq!(focus.status, 303);

    let zoom_url = room.server.url(&format!("/api/v1/workshops/{}/zoom", room.workshop));
    let zoom = |body: serde_json::Value| {
        let request = room.server.http.post(&zoom_url).bearer_auth(room.token()).json(&body);
        async move { request.send().await.unwrap() }
    };
    assert_eq!(
        zoom(json!({"activity_id": swot, "quadrant": "quick_win"})).await.status(),
        422,
        "no such quadrant in a SWOT"
    );
    assert_eq!(zoom(json!({"activity_id": swot})).await.status(), 200, "an activity without its part: the whole board");
    assert_eq!(zoom(json!([swot, null])).await.status(), 400, "an object only");
    assert_eq!(
        zoom(json!({"activity_id": swot, "category": 0, "quadrant": "threat"})).await.status(),
        422,
        "the category first: none in a SWOT"
    );
    let zoomed = zoom(json!({"activity_id": swot, "quadrant": "threat"})).await;
    assert_eq!(zoomed.status(), 200);
    let answer: serde_json::Value = zoomed.json().await.unwrap();
    assert_eq!(answer["quadrant"], json!("threat"));
    assert!(answer["seq"].as_u64().is_some(), "{answer}");

    let screen = room.facilitator.get(&room.console("/screen")).await;
    assert!(screen.body.contains("swot-zoomed") && screen.body.contains("Les budgets baissent"), "{}", screen.body);
    assert!(!screen.body.contains("Une équipe motivée"), "the other quadrants step aside");
    let console = room.facilitator.get(&room.console("")).await;
    assert!(console.body.contains("value=\"quadrant:threat\" selected"), "the console says where the zoom is");

    let focus = room.facilitator.post_form(&room.console("/focus"), &[("activity_id", &later)]).await;
    assert_eq!(focus.status, 303);
    let focus = room.facilitator.post_form(&room.console("/focus"), &[("activity_id", &swot)]).await;
    assert_eq!(focus.status, 303);
    let screen = room.facilitator.get(&room.console("/screen")).await;
    assert!(
        !screen.body.contains("swot-zoomed") && screen.body.contains("Une équipe motivée"),
        "the whole board again"
    );
}
