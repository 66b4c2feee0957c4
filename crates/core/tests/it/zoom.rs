//! The projection zoomed on one part of a board: a SWOT quadrant, a matrix quadrant, a category,
//! a table; refused where the board has no such part, and gone when the room moves on.

use crate::support::decide;
use crate::support::*;
use converge_core::*;

const SWOT: u128 = 1;
const VOTE: u128 = 2;

fn quadrant(n: u128, quadrant: Quadrant) -> Option<Zoom> {
    Some(Zoom { activity_id: activity(n), part: BoardPart::Quadrant { quadrant } })
}

#[test]
fn the_facilitator_zooms_on_a_swot_quadrant_and_the_focus_moving_gives_the_board_back() {
    let mut workshop = workshop();
    let facilitating = Actor::Account(account());
    assert_eq!(
        decide(&workshop, facilitating, Command::ZoomProjection { zoom: quadrant(SWOT, Quadrant::Threat) }),
        Err(DomainError::ActivityNotOpen),
        "a board the room has not seen stays off the screen"
    );
    run(&mut workshop, facilitating, Command::OpenActivity { activity_id: activity(SWOT) });
    run(&mut workshop, facilitating, Command::SetFocus { activity_id: Some(activity(SWOT)) });
    let zoomed = decide(&workshop, facilitating, Command::ZoomProjection { zoom: quadrant(SWOT, Quadrant::Threat) });
    assert_eq!(zoomed, Ok(vec![Event::ProjectionZoomed { zoom: quadrant(SWOT, Quadrant::Threat) }]));
    run(&mut workshop, facilitating, Command::ZoomProjection { zoom: quadrant(SWOT, Quadrant::Threat) });
    assert_eq!(workshop.projection.zoom, quadrant(SWOT, Quadrant::Threat));
    assert_eq!(
        decide(&workshop, facilitating, Command::ZoomProjection { zoom: quadrant(SWOT, Quadrant::Threat) }),
        Ok(vec![]),
        "zooming twice on the same part records nothing"
    );

    run(&mut workshop, facilitating, Command::OpenActivity { activity_id: activity(VOTE) });
    run(&mut workshop, facilitating, Command::SetFocus { activity_id: Some(activity(VOTE)) });
    assert_eq!(workshop.projection.zoom, None, "the room moved on: the whole board comes back");
}

#[test]
fn a_zoom_names_a_part_the_board_has() {
    let mut workshop = workshop();
    let facilitating = Actor::Account(account());
    let ana = join(&mut workshop, 1);
    for n in [0, SWOT, VOTE] {
        run(&mut workshop, facilitating, Command::OpenActivity { activity_id: activity(n) });
    }
    let refused = [
        (quadrant(SWOT, Quadrant::QuickWin), DomainError::WrongActivityKind),
        (quadrant(VOTE, Quadrant::Strength), DomainError::WrongActivityKind),
        (
            Some(Zoom { activity_id: activity(SWOT), part: BoardPart::Category { category: 0 } }),
            DomainError::WrongActivityKind,
        ),
        (Some(Zoom { activity_id: activity(SWOT), part: BoardPart::Table { table: 0 } }), DomainError::UnknownTable(0)),
        (quadrant(77, Quadrant::Strength), DomainError::UnknownActivity(activity(77))),
    ];
    for (zoom, error) in refused {
        assert_eq!(decide(&workshop, facilitating, Command::ZoomProjection { zoom }), Err(error), "{zoom:?}");
    }
    assert_eq!(
        decide(
            &workshop,
            Actor::Participant(ana),
            Command::ZoomProjection { zoom: quadrant(SWOT, Quadrant::Strength) }
        ),
        Err(DomainError::FacilitatorOnly)
    );

    // Once the room is seated, its tables are parts of any board.
    run(&mut workshop, facilitating, Command::FormTables { tables: vec![vec![ana]] });
    let table = Some(Zoom { activity_id: activity(SWOT), part: BoardPart::Table { table: 0 } });
    assert!(decide(&workshop, facilitating, Command::ZoomProjection { zoom: table }).is_ok());
    let beyond = Some(Zoom { activity_id: activity(SWOT), part: BoardPart::Table { table: 1 } });
    assert_eq!(
        decide(&workshop, facilitating, Command::ZoomProjection { zoom: beyond }),
        Err(DomainError::UnknownTable(1))
    );
}

#[test]
fn a_zoom_takes_the_screen_from_a_note_in_the_spotlight() {
    let mut workshop = workshop();
    let facilitating = Actor::Account(account());
    run(&mut workshop, facilitating, Command::OpenActivity { activity_id: activity(SWOT) });
    let person = join(&mut workshop, 1);
    let mut strength = post(activity(SWOT), 1, "Des équipes motivées");
    if let Command::PostContribution { kind, .. } = &mut strength {
        *kind = Some(ContributionKind::Strength);
    }
    run(&mut workshop, Actor::Participant(person), strength);
    let note = ContributionId::from_uuid(id(10_001));
    run(&mut workshop, facilitating, Command::Spotlight { contribution_id: Some(note) });
    assert_eq!(workshop.projection.spotlight, Some(note));

    run(&mut workshop, facilitating, Command::ZoomProjection { zoom: quadrant(SWOT, Quadrant::Strength) });
    assert_eq!(workshop.projection.spotlight, None, "the zoom is what the facilitator asked to see");
    assert_eq!(workshop.projection.zoom, quadrant(SWOT, Quadrant::Strength));
    // Giving the board back leaves a spotlight put on afterwards alone.
    run(&mut workshop, facilitating, Command::Spotlight { contribution_id: Some(note) });
    run(&mut workshop, facilitating, Command::ZoomProjection { zoom: None });
    assert_eq!(workshop.projection.spotlight, Some(note));
}
