//! The record is the truth, through the real binary: a brainwriting idea is never filed on a
//! sheet its writer did not see, and a closed workshop's record ends where its closure says.

mod support;

use serde_json::Value;
use support::*;

/// The value of the hidden field `name` in a page.
fn hidden(html: &str, name: &str) -> Option<String> {
    let at = html.find(&format!("name=\"{name}\" value=\""))?;
    let rest = &html[at..];
    let start = rest.find("value=\"")? + "value=\"".len();
    let end = rest[start..].find('"')?;
    Some(rest[start..start + end].to_owned())
}

fn texts(state: &Value) -> Vec<String> {
    state["contributions"].as_array().unwrap().iter().map(|c| str(c, "text").to_owned()).collect()
}

#[tokio::test]
async fn an_idea_written_before_the_sheets_turn_is_refused_with_its_text_never_filed_elsewhere() {
    let data = DataFolder::new();
    let server = Server::start(&data);
    let created = server.create_from_template(&data.token, "Atelier", "smarter-democracy-hackathon").await;
    let workshop = str(&created, "id").to_owned();
    let brainwriting = activity_of(&created, "brainwriting");
    let mut phones = Vec::new();
    for name in ["Ana", "Ben", "Chloé"] {
        let mut phone = Browser::open(&server, "fr").await;
        phone.join(str(&created, "join_code"), name).await;
        phones.push(phone);
    }
    server.open(&data.token, &workshop, &brainwriting).await;
    let mut console = Browser::open(&server, "fr").await;
    console.sign_in("ann@example.org", PASSWORD).await;
    let actions = format!("/facilitator/workshops/{workshop}/activities/{brainwriting}");
    assert_eq!(console.post_form(&format!("{actions}/brainwriting-start"), &[]).await.status, 303);

    // Ana's phone shows her sheet of round 1; while she types, the facilitator passes the sheets.
    let page = format!("/w/{workshop}/a/{brainwriting}");
    let shown = phones[0].get(&page).await;
    let field = |name: &str| hidden(&shown.body, name).unwrap_or_else(|| panic!("no {name} in {}", shown.body));
    let (table, sheet, round, id) =
        (field("sheet_table"), field("sheet"), field("sheet_round"), field("contribution_id"));
    assert_eq!(round, "0");
    assert_eq!(console.post_form(&format!("{actions}/next-round"), &[]).await.status, 303);

    let typed = "Un guichet unique pour les démarches";
    let fields = [
        ("contribution_id", id.as_str()),
        ("sheet_table", table.as_str()),
        ("sheet", sheet.as_str()),
        ("sheet_round", round.as_str()),
        ("text", typed),
    ];
    let refused = phones[0].post_form(&format!("{page}/notes"), &fields).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("Les feuilles ont tourné pendant que vous écriviez"), "{}", refused.body);
    assert!(refused.body.contains(typed), "the typed idea is kept: {}", refused.body);
    assert!(!texts(&server.workshop(&data.token, &workshop).await).contains(&typed.to_owned()));

    // Sent again from the page she now sees, it goes on the sheet in front of her.
    let now = hidden(&refused.body, "sheet_round").unwrap();
    assert_eq!(now, "1");
    let id = hidden(&refused.body, "contribution_id").unwrap();
    let fields = [
        ("contribution_id", id.as_str()),
        ("sheet_table", &hidden(&refused.body, "sheet_table").unwrap()),
        ("sheet", &hidden(&refused.body, "sheet").unwrap()),
        ("sheet_round", now.as_str()),
        ("text", typed),
    ];
    let posted = phones[0].post_form(&format!("{page}/notes"), &fields).await;
    assert_eq!(posted.status, 303, "{}", posted.body);
    let state = server.workshop(&data.token, &workshop).await;
    let filed: Vec<&Value> = state["contributions"].as_array().unwrap().iter().filter(|c| c["text"] == typed).collect();
    assert_eq!(filed.len(), 1);
}
