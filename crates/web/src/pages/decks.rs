//! A workshop's own photo-language decks: the facilitator uploads and removes cards (forms on
//! the photo-language board, see `activities::photo_language`), and the workshop's members get
//! the images.
//!
//! The upload is the one multipart form of Converge. Its route alone takes a body of
//! [`UPLOAD_BODY_LIMIT`] (every other route stays at `security::BODY_LIMIT`), a declared length
//! over it is refused before the body is read (the rest is then discarded for a while, so the
//! browser sees the answer), and its CSRF token travels in the action's query
//! (`security::csrf`). Checking, decoding and re-encoding the image is the engine's
//! (`converge_engine::cards`).

use crate::AppState;
use crate::access::OwnedWorkshop;
use crate::auth::Credentials;
use crate::error::{Failure, PageError};
use crate::extract::{FormFields, ValidPath};
use axum::body::{Body, Bytes};
use axum::extract::multipart::{Multipart, MultipartError};
use axum::extract::{FromRequest, Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use converge_core::{ActivityId, Actor, Command, DomainError, Workshop, WorkshopId};
use converge_engine::EngineError;
use converge_engine::cards::MAX_FILE_BYTES;
use futures_util::StreamExt;
use serde::Deserialize;

/// The body an upload may have: the largest file plus room for the title, the other fields and
/// the multipart framing.
pub const UPLOAD_BODY_LIMIT: usize = MAX_FILE_BYTES + 64 * 1024;

/// Where a deck form comes back to: the activity it was sent from, or the console.
fn back_to(workshop: &Workshop, activity: Option<&str>) -> Redirect {
    match activity.and_then(|raw| raw.trim().parse::<ActivityId>().ok()).filter(|id| workshop.activity(*id).is_some()) {
        Some(activity) => Redirect::to(&format!("/facilitator/workshops/{}/activities/{activity}", workshop.id)),
        None => Redirect::to(&format!("/facilitator/workshops/{}", workshop.id)),
    }
}

/// The answer to a file over the limit, in the user's language.
fn too_large() -> Failure {
    Failure::Engine(EngineError::ImageFileTooLarge { max_bytes: MAX_FILE_BYTES })
}

/// A multipart read that failed: over the body limit, or not a well-formed form.
fn multipart_failure(error: &MultipartError) -> Failure {
    if crate::error::is_payload_too_large(error.status()) {
        too_large()
    } else {
        Failure::BadRequest(error.body_text())
    }
}

/// After an upload was refused for its size, how much more of it is still read and thrown
/// away, and for how long, so that the browser (which sends the whole file before it looks for
/// an answer) gets the 413 page rather than a reset connection: nginx calls this a lingering
/// close. Past either bound the connection is simply closed.
const LINGER_BYTES: usize = 16 * 1024 * 1024;
const LINGER_TIME: std::time::Duration = std::time::Duration::from_secs(20);

/// Hands `body` on through a task of its own that, once the reader stops (the upload was
/// refused), keeps reading and discarding the rest within [`LINGER_BYTES`] and [`LINGER_TIME`].
/// Nothing beyond what the reader takes is kept in memory.
fn with_lingering_close(body: Body) -> Body {
    let (sender, receiver) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    tokio::spawn(async move {
        let mut stream = body.into_data_stream();
        // While the handler reads, the upload may be slow (a phone on venue Wi-Fi): no deadline.
        while let Some(Ok(chunk)) = stream.next().await {
            if sender.send(Ok(chunk)).await.is_err() {
                break;
            }
        }
        let deadline = tokio::time::Instant::now() + LINGER_TIME;
        let mut discarded = 0usize;
        while let Ok(Some(Ok(chunk))) = tokio::time::timeout_at(deadline, stream.next()).await {
            discarded += chunk.len();
            if discarded > LINGER_BYTES {
                break;
            }
        }
    });
    Body::from_stream(tokio_stream::wrappers::ReceiverStream::new(receiver))
}

/// `POST /facilitator/workshops/{id}/decks/{deck}/cards`: a multipart form with `title`,
/// `image` (the file) and `activity_id` (where to come back to).
pub async fn upload_card(
    State(app): State<AppState>,
    OwnedWorkshop { facilitator, state }: OwnedWorkshop,
    ValidPath((id, deck)): ValidPath<(WorkshopId, String)>,
    request: Request,
) -> Result<Redirect, PageError> {
    let (parts, body) = request.into_parts();
    let body = with_lingering_close(body);
    // What the browser announces is believed when it is too much: answer at once rather than
    // read megabytes only to refuse them.
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if declared.is_some_and(|length| length > UPLOAD_BODY_LIMIT as u64) {
        return Err(PageError::from(too_large()));
    }
    // The route's `DefaultBodyLimit` travels in the parts, so the multipart reader enforces it
    // (a chunked body, which announces no length, is cut off there).
    let multipart = Multipart::from_request(Request::from_parts(parts, body), &app).await;
    let mut multipart = multipart.map_err(|_| PageError::from(Failure::UnsupportedMediaType))?;
    let (mut title, mut activity, mut image) = (String::new(), None, None);
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(error) => return Err(PageError::from(multipart_failure(&error))),
        };
        let name = field.name().unwrap_or_default().to_owned();
        // Each read is bounded by the route's body limit.
        match name.as_str() {
            "title" => title = field.text().await.map_err(|error| PageError::from(multipart_failure(&error)))?,
            "activity_id" => {
                activity = Some(field.text().await.map_err(|error| PageError::from(multipart_failure(&error)))?)
            }
            "image" => image = Some(field.bytes().await.map_err(|error| PageError::from(multipart_failure(&error)))?),
            // Fields we do not know are skipped, not stored.
            _ => drop(field.bytes().await.map_err(|error| PageError::from(multipart_failure(&error)))?),
        }
    }
    // No file at all is no image we could accept.
    let image = image.ok_or(PageError::from(EngineError::UnsupportedImageType))?;
    app.engine.upload_card(id, facilitator.id(), &deck, &title, Vec::from(image)).await?;
    Ok(back_to(&state.workshop, activity.as_deref()))
}

/// Where the removal came from: the photo-language activity's page, or the console.
#[derive(Deserialize)]
pub struct RemoveCardForm {
    activity_id: Option<String>,
}

/// `POST /facilitator/workshops/{id}/decks/{deck}/cards/{card_id}/remove`.
pub async fn remove_card(
    State(app): State<AppState>,
    OwnedWorkshop { facilitator, state }: OwnedWorkshop,
    ValidPath((id, deck, card_id)): ValidPath<(WorkshopId, String, String)>,
    FormFields(form): FormFields<RemoveCardForm>,
) -> Result<Redirect, PageError> {
    let command = Command::RemoveDeckCard { deck, card_id };
    match app.engine.execute(id, Actor::Account(facilitator.id()), command).await {
        // A second click on the same button finds the card already gone: that is what was asked.
        Ok(_) | Err(EngineError::Domain(DomainError::UnknownCard)) => {}
        Err(error) => return Err(PageError::from(error)),
    }
    Ok(back_to(&state.workshop, form.activity_id.as_deref()))
}

/// `GET /w/{id}/cards/{card_id}`: an uploaded card's image, for the workshop's participants and
/// its facilitator. Anyone else gets 404, as for every page of a workshop that is not theirs.
pub async fn card_image(
    State(app): State<AppState>,
    headers: HeaderMap,
    ValidPath((id, card_id)): ValidPath<(WorkshopId, String)>,
) -> Result<Response, PageError> {
    let not_found = || PageError::from(Failure::NotFound);
    let state = app.engine.state(id).await.map_err(|_| not_found())?;
    if state.workshop.deleted {
        return Err(not_found());
    }
    let credentials = Credentials::from_headers(&app, &headers).await.map_err(|_| not_found())?;
    credentials.actor_in(&app, &state).map_err(|_| not_found())?;
    // Only cards the log knows: an image stored for a card whose event was never written is not
    // part of the workshop.
    if state.workshop.deck_card(&card_id).is_none() {
        return Err(not_found());
    }
    let (content_type, bytes) = app.engine.card_image(id, &card_id).await?.ok_or_else(not_found)?;
    let content_type = HeaderValue::from_str(&content_type).map_err(|_| not_found())?;
    let mut response = bytes.into_response();
    let response_headers = response.headers_mut();
    response_headers.insert(header::CONTENT_TYPE, content_type);
    // Converge wrote these bytes as PNG itself; a browser must never guess otherwise.
    response_headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    response_headers.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("inline; filename=\"card.png\""));
    // A card never changes under its id, but it is the workshop's: the browser may keep it, no
    // shared cache may.
    response_headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, max-age=3600"));
    Ok(response)
}
