//! The OpenAPI document of the JSON API, served at `/api/openapi.json`: the operations of
//! `crate::api`, `crate::api_actions`, `crate::api_console`, `crate::api_moderation`, `crate::api_projection`, `crate::api_room`,
//! `crate::api_screen_link` and `crate::sse`, with what the derive cannot say written in by hand.
//! It sits above the handlers it describes, which know nothing of it.

use crate::error::{Answer, ErrorBody};
use crate::{api, api_actions, api_console, api_moderation, api_projection, api_room, api_screen_link, sse};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use converge_core::{ContributionKind, Language, Role};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(title = "Converge API", description = "Run collective-intelligence workshops: create, join, contribute, follow live, export."),
    paths(api::create_workshop, api::list_workshops, api::join_workshop, api::resume_participant, api::get_workshop,
          api::open_activity, api::close_activity, api::close_workshop, api::change_role, api::post_contribution,
          api::cast_ballot, api::get_results, api_actions::draft_action, api_actions::edit_action,
          sse::stream_events, api::export_workshop,
          api_projection::spotlight_contribution, api_projection::zoom_projection,
          api_moderation::hide_contribution, api_moderation::show_contribution, api_moderation::edit_contribution,
          api_moderation::remove_contribution, api_moderation::unmerge_contribution,
          api_room::next_step, api_room::focus_activity, api_room::start_timer, api_room::pause_timer,
          api_room::extend_timer, api_room::shorten_timer, api_room::undo,
          api_console::set_shortlist, api_console::move_activity, api_console::categorize_contribution,
          api_console::move_contribution, api_console::merge_contribution, api_console::form_tables,
          api_console::seat_participant, api_console::set_presence, api_console::set_joining,
          api_console::renew_join_code, api_console::remove_activity, api_console::start_brainwriting,
          api_console::next_round, api_console::remove_participant, api_console::merge_participant,
          api_screen_link::issue_screen_link, api_screen_link::revoke_screen_link),
    components(schemas(ErrorBody)),
    modifiers(&BearerAuth),
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme("bearer", SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)));
    }
}

pub async fn openapi_json() -> Response {
    match serde_json::to_string_pretty(&openapi_document()) {
        Ok(json) => ([(header::CONTENT_TYPE, "application/json")], json).into_response(),
        Err(_) => Answer::Broken.status().into_response(),
    }
}

/// The OpenAPI document as served: what the derive writes, made exact where a Rust type says
/// less than the server checks. Clients and the API fuzzer (scripts/schemathesis) rely on it:
/// a value the document allows is never refused as malformed (400), and one it forbids is.
pub fn openapi_document() -> serde_json::Value {
    let mut document = serde_json::to_value(ApiDoc::openapi()).unwrap_or_default();
    let schemas = "/components/schemas";
    // Words the server takes from a fixed list are enums, with null where the field is optional.
    let languages: Vec<&str> = Language::ALL.iter().map(|language| language.as_str()).collect();
    let mut templates = vec!["default"];
    templates.extend(converge_engine::templates::shipped().iter().map(|template| template.id()));
    let roles: Vec<&str> =
        Role::ALL.iter().filter(|role| **role != Role::Facilitator).map(|role| role.as_str()).collect();
    let kinds: Vec<&str> = ContributionKind::ALL.iter().map(|kind| kind.as_str()).collect();
    set_enum(&mut document, &format!("{schemas}/CreateWorkshopRequest/properties/language"), &languages, true);
    set_enum(&mut document, &format!("{schemas}/CreateWorkshopRequest/properties/template"), &templates, true);
    set_enum(&mut document, &format!("{schemas}/ChangeRoleRequest/properties/role"), &roles, false);
    set_enum(&mut document, &format!("{schemas}/PostContributionRequest/properties/kind"), &kinds, true);
    set_enum(&mut document, &format!("{schemas}/MoveContributionRequest/properties/kind"), &kinds, false);
    // A ballot's variants refuse unknown fields, as the structs do; grades and assessment scores
    // are bytes.
    if let Some(variants) =
        document.pointer_mut(&format!("{schemas}/BallotRequest/oneOf")).and_then(|v| v.as_array_mut())
    {
        for variant in variants {
            variant["additionalProperties"] = false.into();
            for map in ["grades", "scores"] {
                let is_assessment = variant.pointer("/properties/type/enum/0") == Some(&"assessment".into());
                if (map == "grades" || is_assessment)
                    && let Some(values) = variant.pointer_mut(&format!("/properties/{map}/additionalProperties"))
                {
                    values["maximum"] = u8::MAX.into();
                }
            }
        }
    }
    // Every operation that reads a JSON body answers 415 without one, and 413 beyond the body
    // limit; one with a query answers 400 when it does not parse.
    if let Some(paths) = document.get_mut("paths").and_then(|v| v.as_object_mut()) {
        for operation in paths.values_mut().filter_map(|v| v.as_object_mut()).flat_map(|item| item.values_mut()) {
            let mut answers = Vec::new();
            if operation.get("requestBody").is_some() {
                answers.push(("413", "The body is larger than the server takes"));
                answers.push(("415", "The body is not sent as application/json"));
            }
            let parameters = operation.get_mut("parameters").and_then(|v| v.as_array_mut());
            for parameter in parameters.into_iter().flatten() {
                if parameter["in"] == "query" {
                    answers.push(("400", "A query parameter does not parse"));
                }
                // The derive writes a u64 (a sequence number) as an int64 from 0; the server takes
                // the whole u64 range.
                let schema = &mut parameter["schema"];
                if schema["format"] == "int64" && schema["minimum"] == 0 {
                    schema.as_object_mut().map(|schema| schema.remove("format"));
                    schema["maximum"] = u64::MAX.into();
                }
                // A stream resumes from the id of the last event it got, which the server sets to
                // a sequence number; anything else in the header is ignored, as EventSource wants.
                if parameter["in"] == "header" && parameter["name"] == "Last-Event-ID" {
                    parameter["schema"] = serde_json::json!({"type": "string"});
                }
            }
            if let Some(responses) = operation.get_mut("responses").and_then(|v| v.as_object_mut()) {
                for (status, description) in answers {
                    responses.entry(status).or_insert_with(|| error_response(description));
                }
            }
        }
    }
    document
}

fn set_enum(document: &mut serde_json::Value, pointer: &str, values: &[&str], nullable: bool) {
    if let Some(schema) = document.pointer_mut(pointer) {
        let mut values: Vec<serde_json::Value> = values.iter().map(|value| (*value).into()).collect();
        if nullable {
            values.push(serde_json::Value::Null);
        }
        schema["enum"] = values.into();
    }
}

fn error_response(description: &str) -> serde_json::Value {
    serde_json::json!({
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_document_lists_the_words_the_server_takes() {
        let document = openapi_document();
        let schemas = &document["components"]["schemas"];
        assert_eq!(schemas["CreateWorkshopRequest"]["properties"]["language"]["enum"], json!(["fr", "en", null]));
        assert_eq!(
            schemas["ChangeRoleRequest"]["properties"]["role"]["enum"],
            json!(["expert", "participant", "observer"])
        );
        let templates = &schemas["CreateWorkshopRequest"]["properties"]["template"]["enum"];
        assert!(templates.as_array().is_some_and(|ids| ids.contains(&json!("smarter-democracy-hackathon"))));
        let create = &document["paths"]["/api/v1/workshops"]["post"]["responses"];
        assert!(create.get("415").is_some() && create.get("413").is_some(), "a body can be refused unread");
    }
}
