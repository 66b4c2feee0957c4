//! The facilitator's shortlist on the console: a save says how many ideas are retained, in place;
//! the agenda's row of the activity it feeds shows the count; and a save with nothing ticked,
//! which would leave the activity with nothing, is asked about first.

use converge_test_support::*;
use serde_json::json;

#[tokio::test]
async fn saving_the_shortlist_says_how_many_are_retained_and_emptying_it_is_asked_first() {
    let mut room = Room::new("Hackathon")
        .from_template("smarter-democracy-hackathon")
        .people(&[("Alice Martin", "SPW"), ("Bruno Lambert", "SPW")])
        .build()
        .await;
    let (ideas, assessment) = (room.activity("brainwriting"), room.activity("assess"));
    let workshop = room.workshop.clone();
    room.server.open(room.token(), &workshop, &ideas).await;
    let started =
        room.facilitator.post_form(&room.console(&format!("/activities/{ideas}/brainwriting-start")), &[]).await;
    assert_eq!(started.status, 303, "{}", started.body);
    let mut posted = Vec::new();
    for (n, person) in room.people.iter().enumerate() {
        for k in 0..2 {
            let body = json!({"activity_id": ideas, "text": format!("Une idée {n}-{k}")});
            let answer = room
                .server
                .http
                .post(room.server.url(&format!("/api/v1/workshops/{workshop}/contributions")))
                .bearer_auth(&person.token)
                .json(&body)
                .send()
                .await
                .unwrap();
            assert_eq!(answer.status(), 201);
            posted.push(answer.json::<serde_json::Value>().await.unwrap()["id"].as_str().unwrap().to_owned());
        }
    }
    let console = room.console("");
    let page = room.console(&format!("/activities/{assessment}"));
    let save = room.console(&format!("/activities/{assessment}/shortlist"));
    assert!(room.facilitator.get(&console).await.body.contains("data-selection-count=\"0\""), "no shortlist yet");

    // Two ticked: saved, and the page it comes back to says so with the count.
    let ticked = [("item", posted[0].as_str()), ("item", posted[2].as_str())];
    let saved = room.facilitator.post_form(&save, &ticked).await;
    assert_eq!(saved.location.as_deref(), Some(format!("{page}?shortlist=saved#shortlist").as_str()));
    let shown = room.facilitator.get(&format!("{page}?shortlist=saved")).await;
    assert!(shown.body.contains("Sélection enregistrée"), "a confirmation");
    assert!(shown.body.contains("2 idées retenues sur 4"), "the count, in place");
    // The agenda's row of the assessment says it too.
    let agenda = room.facilitator.get(&console).await;
    assert!(agenda.body.contains("data-selection-count=\"2\""), "the agenda's row counts the shortlist");
    assert!(agenda.body.contains("2 idées retenues sur 4"));

    // Nothing ticked: asked first, nothing recorded.
    let (seq, _) = room.head().await;
    let emptied = room.facilitator.post_form(&save, &[]).await;
    assert_eq!(emptied.location.as_deref(), Some(format!("{page}?shortlist=confirm-empty#shortlist").as_str()));
    assert_eq!(room.head().await.0, seq, "nothing was recorded");
    let asked = room.facilitator.get(&format!("{page}?shortlist=confirm-empty")).await;
    assert!(asked.body.contains("name=\"confirm_empty\""), "the page asks before emptying");
    assert!(asked.body.contains("n’aurait plus rien"));
    // Confirmed (even with the boxes a page loaded afresh shows ticked again): emptied.
    let confirmed = room.facilitator.post_form(&save, &[("item", posted[0].as_str()), ("confirm_empty", "1")]).await;
    assert_eq!(confirmed.location.as_deref(), Some(format!("{page}?shortlist=saved#shortlist").as_str()));
    assert!(room.head().await.0 > seq);
    let agenda = room.facilitator.get(&console).await;
    assert!(agenda.body.contains("0 idée retenue sur 4") || agenda.body.contains("0 idées retenues sur 4"), "emptied");
    // Emptying an empty shortlist asks nothing.
    let again = room.facilitator.post_form(&save, &[]).await;
    assert_eq!(again.location.as_deref(), Some(format!("{page}?shortlist=saved#shortlist").as_str()));
}
