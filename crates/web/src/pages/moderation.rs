//! Moderation from the pages: the facilitator's controls on a note (hide with a reason, show
//! again, correct, remove, split a merged note back out), and a participant's own note
//! (correct it, delete it) while its activity is open. Each comes back to the activity's page.

use crate::AppState;
use crate::access::{Member, OwnedWorkshop};
use crate::error::{Failure, PageError};
use crate::extract::{FormFields, ValidPath};
use axum::extract::State;
use axum::response::Redirect;
use converge_core::{ActivityId, Command, ContributionId, WorkshopId};
use converge_views::pages::console::activity_path;
use serde::Deserialize;

/// Runs a facilitator's control on a note of the workshop (404 when it has none) and comes
/// back to the console's page of the activity the control sat on (`back_activity`: a board that
/// works on other activities' notes, such as a categorize board), or else of the activity the
/// note was posted in.
async fn control(
    app: &AppState,
    OwnedWorkshop { facilitator, state }: OwnedWorkshop,
    (id, contribution_id): (WorkshopId, ContributionId),
    back_activity: Option<ActivityId>,
    command: Command,
) -> Result<Redirect, PageError> {
    let contribution = state.workshop.contribution(contribution_id).ok_or(PageError(Failure::NotFound))?;
    let back = back_activity
        .filter(|activity| state.workshop.activity(*activity).is_some())
        .unwrap_or(contribution.activity_id);
    super::console::run(app, &facilitator, id, command).await?;
    Ok(Redirect::to(&activity_path(id, back)))
}

/// The page a control came from, when it is not the note's own activity.
#[derive(Deserialize)]
pub struct BackForm {
    back_activity: Option<ActivityId>,
}

#[derive(Deserialize)]
pub struct HideForm {
    #[serde(default)]
    reason: String,
    back_activity: Option<ActivityId>,
}

/// `POST /facilitator/workshops/{id}/contributions/{contribution_id}/hide`
pub async fn hide(
    State(app): State<AppState>,
    owned: OwnedWorkshop,
    ValidPath(path): ValidPath<(WorkshopId, ContributionId)>,
    FormFields(HideForm { reason, back_activity }): FormFields<HideForm>,
) -> Result<Redirect, PageError> {
    control(&app, owned, path, back_activity, Command::HideContribution { contribution_id: path.1, reason }).await
}

/// `POST /facilitator/workshops/{id}/contributions/{contribution_id}/show`
pub async fn show(
    State(app): State<AppState>,
    owned: OwnedWorkshop,
    ValidPath(path): ValidPath<(WorkshopId, ContributionId)>,
    FormFields(BackForm { back_activity }): FormFields<BackForm>,
) -> Result<Redirect, PageError> {
    control(&app, owned, path, back_activity, Command::ShowContribution { contribution_id: path.1 }).await
}

#[derive(Deserialize)]
pub struct EditForm {
    #[serde(default)]
    text: String,
    back_activity: Option<ActivityId>,
}

/// `POST /facilitator/workshops/{id}/contributions/{contribution_id}/edit`
pub async fn edit(
    State(app): State<AppState>,
    owned: OwnedWorkshop,
    ValidPath(path): ValidPath<(WorkshopId, ContributionId)>,
    FormFields(EditForm { text, back_activity }): FormFields<EditForm>,
) -> Result<Redirect, PageError> {
    control(&app, owned, path, back_activity, Command::EditContribution { contribution_id: path.1, text }).await
}

/// `POST /facilitator/workshops/{id}/contributions/{contribution_id}/remove`
pub async fn remove(
    State(app): State<AppState>,
    owned: OwnedWorkshop,
    ValidPath(path): ValidPath<(WorkshopId, ContributionId)>,
    FormFields(BackForm { back_activity }): FormFields<BackForm>,
) -> Result<Redirect, PageError> {
    control(&app, owned, path, back_activity, Command::RemoveContribution { contribution_id: path.1 }).await
}

/// `POST /facilitator/workshops/{id}/contributions/{contribution_id}/unmerge`
pub async fn unmerge(
    State(app): State<AppState>,
    owned: OwnedWorkshop,
    ValidPath(path): ValidPath<(WorkshopId, ContributionId)>,
    FormFields(BackForm { back_activity }): FormFields<BackForm>,
) -> Result<Redirect, PageError> {
    control(&app, owned, path, back_activity, Command::UnmergeContribution { contribution_id: path.1 }).await
}

/// Runs a participant's change to their own note and comes back to its activity's page.
async fn own(
    app: &AppState,
    member: Member,
    (id, contribution_id): (WorkshopId, ContributionId),
    command: Command,
) -> Result<Redirect, PageError> {
    let contribution = member.state.workshop.contribution(contribution_id).ok_or(PageError(Failure::NotFound))?;
    let activity_id = contribution.activity_id;
    app.engine.execute(id, member.actor, command).await?;
    Ok(Redirect::to(&format!("/w/{id}/a/{activity_id}")))
}

/// `POST /w/{id}/notes/{contribution_id}/edit`: the author corrects their note.
pub async fn edit_own(
    State(app): State<AppState>,
    member: Member,
    ValidPath(path): ValidPath<(WorkshopId, ContributionId)>,
    FormFields(EditForm { text, .. }): FormFields<EditForm>,
) -> Result<Redirect, PageError> {
    own(&app, member, path, Command::EditContribution { contribution_id: path.1, text }).await
}

/// `POST /w/{id}/notes/{contribution_id}/remove`: the author deletes their note.
pub async fn delete_own(
    State(app): State<AppState>,
    member: Member,
    ValidPath(path): ValidPath<(WorkshopId, ContributionId)>,
) -> Result<Redirect, PageError> {
    own(&app, member, path, Command::RemoveContribution { contribution_id: path.1 }).await
}
