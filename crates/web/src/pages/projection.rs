//! The facilitator's direction of the projection screen: a card in the spotlight, the join
//! panel, the authors' names. Each control comes back to where it was pressed: the console, or
//! the activity page it sits on.

use super::console::{console_path, run};
use crate::AppState;
use crate::access::OwnedWorkshop;
use crate::error::{Failure, PageError};
use crate::extract::{FormFields, ValidPath};
use axum::extract::State;
use axum::response::Redirect;
use converge_core::{ActivityId, BoardPart, Command, ContributionId, JoinPanel, WorkshopId, Zoom};
use converge_views::pages::console::activity_path;
use serde::Deserialize;

/// Where a control comes back to: the activity page it sits on, or the console.
fn back(id: WorkshopId, back_activity: Option<ActivityId>) -> Redirect {
    match back_activity {
        Some(activity) => Redirect::to(&activity_path(id, activity)),
        None => Redirect::to(&console_path(id)),
    }
}

#[derive(Deserialize)]
pub struct SpotlightForm {
    /// The card to show full screen; none gives the board back.
    contribution_id: Option<ContributionId>,
    back_activity: Option<ActivityId>,
}

/// `POST …/projection/spotlight`
pub async fn spotlight(
    State(app): State<AppState>,
    OwnedWorkshop { facilitator, .. }: OwnedWorkshop,
    ValidPath(id): ValidPath<WorkshopId>,
    FormFields(form): FormFields<SpotlightForm>,
) -> Result<Redirect, PageError> {
    run(&app, &facilitator, id, Command::Spotlight { contribution_id: form.contribution_id }).await?;
    Ok(back(id, form.back_activity))
}

#[derive(Deserialize)]
pub struct JoinPanelForm {
    panel: JoinPanelField,
    back_activity: Option<ActivityId>,
}

/// A join panel as a form names it.
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum JoinPanelField {
    Auto,
    Large,
    Hidden,
}

/// `POST …/projection/join-panel`
pub async fn join_panel(
    State(app): State<AppState>,
    OwnedWorkshop { facilitator, .. }: OwnedWorkshop,
    ValidPath(id): ValidPath<WorkshopId>,
    FormFields(form): FormFields<JoinPanelForm>,
) -> Result<Redirect, PageError> {
    let panel = match form.panel {
        JoinPanelField::Auto => JoinPanel::Auto,
        JoinPanelField::Large => JoinPanel::Large,
        JoinPanelField::Hidden => JoinPanel::Hidden,
    };
    run(&app, &facilitator, id, Command::SetJoinPanel { panel }).await?;
    Ok(back(id, form.back_activity))
}

#[derive(Deserialize)]
pub struct NamesForm {
    hidden: bool,
    back_activity: Option<ActivityId>,
}

/// `POST …/projection/names`
pub async fn names(
    State(app): State<AppState>,
    OwnedWorkshop { facilitator, .. }: OwnedWorkshop,
    ValidPath(id): ValidPath<WorkshopId>,
    FormFields(form): FormFields<NamesForm>,
) -> Result<Redirect, PageError> {
    run(&app, &facilitator, id, Command::HideNamesOnScreen { hidden: form.hidden }).await?;
    Ok(back(id, form.back_activity))
}

#[derive(Deserialize)]
pub struct ZoomForm {
    activity_id: ActivityId,
    /// The part to show alone (`quadrant:threat`, `category:2`, `table:0`); empty for the whole
    /// board.
    #[serde(default)]
    part: String,
    back_activity: Option<ActivityId>,
}

/// `POST …/projection/zoom`
pub async fn zoom(
    State(app): State<AppState>,
    OwnedWorkshop { facilitator, .. }: OwnedWorkshop,
    ValidPath(id): ValidPath<WorkshopId>,
    FormFields(form): FormFields<ZoomForm>,
) -> Result<Redirect, PageError> {
    let zoom = if form.part.is_empty() {
        None
    } else {
        let part = BoardPart::parse(&form.part)
            .ok_or_else(|| Failure::BadRequest(format!("no such part of a board: {}", form.part)))?;
        Some(Zoom { activity_id: form.activity_id, part })
    };
    run(&app, &facilitator, id, Command::ZoomProjection { zoom }).await?;
    Ok(back(id, form.back_activity))
}
