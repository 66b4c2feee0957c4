//! Brainwriting sheet rotation: the classic 6-3-5 pattern, absences, and ideas on sheets.

use std::collections::{BTreeMap, BTreeSet};

use converge_core::brainwriting::{
    DEFAULT_IDEAS_PER_ROUND, DEFAULT_TABLE_SIZE, Rotation, RotationError, SheetIdea, SheetIdx, WrittenIdeas,
};
use proptest::prelude::*;

fn table(n: usize) -> Rotation<u32> {
    Rotation::new((0..n as u32).collect()).expect("tests seat at least one distinct member")
}

/// Runs `n_rounds` rounds, applying before round `r` the leave/rejoin events of `events[r]`.
fn run(n: usize, events: &[Vec<Presence>]) -> Rotation<u32> {
    let mut rotation = table(n);
    for events_before_round in events {
        for event in events_before_round {
            match *event {
                Presence::Leave(seat) => rotation.leave(&((seat % n) as u32)),
                Presence::Rejoin(seat) => rotation.rejoin(&((seat % n) as u32)),
            }
            .expect("seat numbers are taken modulo the table size");
        }
        rotation.start_round();
    }
    rotation
}

#[derive(Debug, Clone, Copy)]
enum Presence {
    Leave(usize),
    Rejoin(usize),
}

#[test]
fn a_full_table_passes_every_sheet_to_the_next_seat() {
    let mut rotation = table(DEFAULT_TABLE_SIZE);
    let round = rotation.start_round();
    assert_eq!(round, 0);
    for seat in 0..6 {
        assert_eq!(rotation.sheet_of(&seat, 0), Some(SheetIdx(seat as usize)), "everyone starts their own sheet");
    }
    rotation.start_round();
    assert_eq!(rotation.sheet_of(&1, 1), Some(SheetIdx(0)));
    assert_eq!(rotation.sheet_of(&0, 1), Some(SheetIdx(5)));
    assert_eq!(rotation.holder_of(SheetIdx(5), 1), Some(&0));
    assert_eq!(rotation.rounds_per_cycle(), 6);
}

#[test]
fn after_n_minus_one_rounds_everyone_wrote_once_on_every_other_sheet() {
    for n in 1..=12 {
        let mut rotation = table(n);
        for _ in 0..n {
            rotation.start_round();
        }
        for member in 0..n as u32 {
            let others: Vec<SheetIdx> = rotation.sheets_held_before(&member, n)[1..].to_vec();
            let mut expected: Vec<SheetIdx> = (0..n).filter(|sheet| *sheet != member as usize).map(SheetIdx).collect();
            let mut sorted = others.clone();
            sorted.sort();
            expected.sort();
            assert_eq!(sorted, expected, "member {member} of {n}");
        }
    }
}

#[test]
fn the_sheet_of_a_member_who_left_waits_one_round_then_moves_on() {
    let mut rotation = table(4);
    rotation.start_round();
    rotation.leave(&2).unwrap();
    rotation.start_round(); // round 1: sheet 1 reaches seat 2, which is empty
    assert_eq!(rotation.holder_of(SheetIdx(1), 1), None);
    assert_eq!(rotation.waiting_sheets(1), vec![SheetIdx(1)]);
    assert_eq!(rotation.sheet_of(&2, 1), None);
    assert_eq!(rotation.assignments(1).len(), 3, "the three others each hold a sheet");
    rotation.start_round(); // round 2: sheet 1 reaches seat 3; the departed member's sheet 2 circulates
    assert_eq!(rotation.holder_of(SheetIdx(1), 2), Some(&3));
    assert_eq!(rotation.holder_of(SheetIdx(2), 2), Some(&0));
}

#[test]
fn a_member_who_rejoins_holds_a_sheet_from_the_next_round_on() {
    let mut rotation = table(3);
    rotation.leave(&1).unwrap();
    rotation.start_round();
    rotation.rejoin(&1).unwrap();
    assert!(rotation.is_present(&1));
    assert!(!rotation.was_present(&1, 0));
    assert_eq!(rotation.sheet_of(&1, 0), None, "the round in progress is not changed");
    rotation.start_round();
    assert_eq!(rotation.sheet_of(&1, 1), Some(SheetIdx(0)));
}

#[test]
fn a_member_who_leaves_during_a_round_keeps_the_sheet_of_that_round() {
    let mut rotation = table(3);
    rotation.start_round();
    rotation.leave(&0).unwrap();
    assert_eq!(rotation.sheet_of(&0, 0), Some(SheetIdx(0)));
    assert_eq!(rotation.current_round(), Some(0));
}

#[test]
fn a_table_refuses_no_members_and_the_same_member_twice() {
    assert_eq!(Rotation::<u32>::new(vec![]), Err(RotationError::EmptyTable));
    assert_eq!(Rotation::new(vec![7, 8, 7]), Err(RotationError::DuplicateMember { seat: 2 }));
    assert_eq!(table(2).leave(&9), Err(RotationError::NotSeated));
}

#[test]
fn nothing_is_held_in_a_round_not_started() {
    let rotation = table(3);
    assert_eq!(rotation.current_round(), None);
    assert_eq!(rotation.sheet_of(&0, 0), None);
    assert_eq!(rotation.holder_of(SheetIdx(0), 0), None);
    assert!(rotation.assignments(0).is_empty());
    assert_eq!(rotation.holder_of(SheetIdx(3), 0), None);
}

#[test]
fn ideas_stand_on_each_sheet_by_round_with_their_author() {
    let mut rotation = table(3);
    rotation.start_round();
    rotation.start_round();
    let written = vec![
        WrittenIdeas { round: 1, author: 1, ideas: vec!["b builds on a"] },
        WrittenIdeas { round: 0, author: 0, ideas: vec!["a", "a2"] },
        WrittenIdeas { round: 0, author: 2, ideas: vec!["c"] },
    ];
    let sheets = rotation.sheets_with_ideas(written, DEFAULT_IDEAS_PER_ROUND).unwrap();
    assert_eq!(
        sheets[0],
        vec![
            SheetIdea { round: 0, author: 0, idea: "a" },
            SheetIdea { round: 0, author: 0, idea: "a2" },
            SheetIdea { round: 1, author: 1, idea: "b builds on a" },
        ]
    );
    assert!(sheets[1].is_empty());
    assert_eq!(sheets[2], vec![SheetIdea { round: 0, author: 2, idea: "c" }]);
}

#[test]
fn ideas_beyond_the_limit_or_from_an_absent_member_are_refused_not_dropped() {
    let mut rotation = table(3);
    rotation.leave(&2).unwrap();
    rotation.start_round();
    let too_many = vec![
        WrittenIdeas { round: 0, author: 0, ideas: vec![1, 2] },
        WrittenIdeas { round: 0, author: 0, ideas: vec![3, 4] },
    ];
    assert_eq!(
        rotation.sheets_with_ideas(too_many, 3),
        Err(RotationError::TooManyIdeas { round: 0, n_ideas: 4, max_ideas: 3 })
    );
    let from_absent = vec![WrittenIdeas { round: 0, author: 2, ideas: vec![1] }];
    assert_eq!(rotation.sheets_with_ideas(from_absent, 3), Err(RotationError::NoSheetHeld { round: 0 }));
    let too_early = vec![WrittenIdeas { round: 1, author: 0, ideas: vec![1] }];
    assert_eq!(rotation.sheets_with_ideas(too_early, 3), Err(RotationError::RoundNotStarted { round: 1 }));
}

#[test]
fn six_rounds_of_six_three_five_give_each_sheet_eighteen_ideas_by_six_authors() {
    let mut rotation = table(DEFAULT_TABLE_SIZE);
    let mut written = Vec::new();
    for _ in 0..DEFAULT_TABLE_SIZE {
        let round = rotation.start_round();
        for member in 0..DEFAULT_TABLE_SIZE as u32 {
            let ideas = (0..DEFAULT_IDEAS_PER_ROUND).map(|i| format!("r{round} m{member} i{i}")).collect();
            written.push(WrittenIdeas { round, author: member, ideas });
        }
    }
    let sheets = rotation.sheets_with_ideas(written, DEFAULT_IDEAS_PER_ROUND).unwrap();
    for (sheet_idx, sheet) in sheets.iter().enumerate() {
        assert_eq!(sheet.len(), 18);
        let authors: Vec<u32> = sheet.iter().step_by(DEFAULT_IDEAS_PER_ROUND).map(|idea| idea.author).collect();
        let starter = sheet_idx as u32;
        let expected: Vec<u32> = (0..6).map(|round| (starter + round) % 6).collect();
        assert_eq!(authors, expected, "sheet {sheet_idx} passes from its starter to the next seats");
    }
}

#[test]
fn a_sheet_stays_blank_for_a_cycle_only_if_every_seat_is_empty_when_it_arrives() {
    // The known limit of the rule: two members who take turns stepping out, each absent exactly
    // when sheet 1 reaches their seat. Nobody stayed for a whole cycle.
    let mut rotation = table(2);
    rotation.leave(&1).unwrap();
    rotation.start_round(); // sheet 1 is in front of seat 1, empty
    rotation.rejoin(&1).unwrap();
    rotation.leave(&0).unwrap();
    rotation.start_round(); // sheet 1 is in front of seat 0, empty
    assert_eq!(rotation.waiting_sheets(0), vec![SheetIdx(1)]);
    assert_eq!(rotation.waiting_sheets(1), vec![SheetIdx(1)]);
    rotation.rejoin(&0).unwrap();
    rotation.start_round(); // as soon as the seat it reaches is taken, it is written on
    assert_eq!(rotation.holder_of(SheetIdx(1), 2), Some(&1));
}

/// A table size, and for each round the presence events that happen before it starts.
fn any_session(max_rounds: usize) -> impl Strategy<Value = (usize, Vec<Vec<Presence>>)> {
    (2usize..=12, 1..=max_rounds).prop_flat_map(|(n, n_rounds)| {
        let event = prop_oneof![(0..n).prop_map(Presence::Leave), (0..n).prop_map(Presence::Rejoin)];
        (Just(n), proptest::collection::vec(proptest::collection::vec(event, 0..4), n_rounds))
    })
}

proptest! {
    #[test]
    fn every_present_member_holds_exactly_one_sheet_and_every_sheet_has_at_most_one_holder(
        (n, events) in any_session(8),
    ) {
        let rotation = run(n, &events);
        for round in 0..rotation.rounds_started() {
            let assignments = rotation.assignments(round);
            let holders: BTreeSet<u32> = assignments.iter().map(|(member, _)| **member).collect();
            let sheets: BTreeSet<SheetIdx> = assignments.iter().map(|(_, sheet)| *sheet).collect();
            prop_assert_eq!(holders.len(), assignments.len(), "a member holds two sheets in round {}", round);
            prop_assert_eq!(sheets.len(), assignments.len(), "a sheet has two holders in round {}", round);
            for member in 0..n as u32 {
                prop_assert_eq!(rotation.was_present(&member, round), holders.contains(&member));
                if let Some(sheet) = rotation.sheet_of(&member, round) {
                    prop_assert_eq!(rotation.holder_of(sheet, round), Some(&member));
                }
            }
        }
    }

    #[test]
    fn no_member_holds_the_same_sheet_twice_within_a_cycle((n, events) in any_session(30)) {
        let rotation = run(n, &events);
        let cycle = rotation.rounds_per_cycle();
        for member in 0..n as u32 {
            for start in 0..rotation.rounds_started() {
                let window_end = (start + cycle).min(rotation.rounds_started());
                let held: Vec<SheetIdx> =
                    (start..window_end).filter_map(|round| rotation.sheet_of(&member, round)).collect();
                let distinct: BTreeSet<SheetIdx> = held.iter().copied().collect();
                prop_assert_eq!(distinct.len(), held.len(), "member {} from round {}: {:?}", member, start, held);
            }
        }
    }

    #[test]
    fn every_sheet_is_held_or_waits_at_an_empty_seat_in_every_round((n, events) in any_session(8)) {
        let rotation = run(n, &events);
        for round in 0..rotation.rounds_started() {
            let mut sheets: Vec<SheetIdx> = rotation.assignments(round).into_iter().map(|(_, sheet)| sheet).collect();
            sheets.extend(rotation.waiting_sheets(round));
            sheets.sort();
            prop_assert_eq!(sheets, (0..n).map(SheetIdx).collect::<Vec<_>>());
        }
    }

    #[test]
    fn every_sheet_is_written_on_in_any_cycle_during_which_someone_stays((n, events) in any_session(30)) {
        let rotation = run(n, &events);
        let cycle = rotation.rounds_per_cycle();
        for start in 0..rotation.rounds_started().saturating_sub(cycle - 1) {
            let window = start..start + cycle;
            let someone_stays =
                (0..n as u32).any(|member| window.clone().all(|round| rotation.was_present(&member, round)));
            if !someone_stays {
                continue;
            }
            for sheet in (0..n).map(SheetIdx) {
                prop_assert!(
                    window.clone().any(|round| rotation.holder_of(sheet, round).is_some()),
                    "sheet {:?} blank in rounds {:?}", sheet, window
                );
            }
        }
    }

    #[test]
    fn the_sheets_held_before_a_round_are_those_of_the_earlier_rounds_in_order((n, events) in any_session(8)) {
        let rotation = run(n, &events);
        for member in 0..n as u32 {
            for round in 0..=rotation.rounds_started() {
                let expected: Vec<SheetIdx> = (0..round).filter_map(|past| rotation.sheet_of(&member, past)).collect();
                prop_assert_eq!(rotation.sheets_held_before(&member, round), expected);
            }
        }
    }

    #[test]
    fn no_idea_is_lost_or_duplicated_across_the_rotation(
        (n, events) in any_session(8),
        ideas_per_member in proptest::collection::vec(0usize..=3, 12 * 8),
    ) {
        let rotation = run(n, &events);
        // Each present member of each round writes a few ideas, numbered uniquely.
        let mut written = Vec::new();
        let mut n_ideas = 0u32;
        for round in 0..rotation.rounds_started() {
            for (member, _) in rotation.assignments(round) {
                let count = ideas_per_member[round * 12 + *member as usize];
                let ideas: Vec<u32> = (n_ideas..n_ideas + count as u32).collect();
                n_ideas += count as u32;
                written.push(WrittenIdeas { round, author: *member, ideas });
            }
        }
        let expected_sheet: BTreeMap<u32, (usize, u32, SheetIdx)> = written
            .iter()
            .flat_map(|w| {
                let sheet = rotation.sheet_of(&w.author, w.round).expect("only present members wrote");
                w.ideas.iter().map(move |idea| (*idea, (w.round, w.author, sheet)))
            })
            .collect();

        let sheets = rotation.sheets_with_ideas(written, DEFAULT_IDEAS_PER_ROUND).unwrap();

        let mut seen = BTreeSet::new();
        for (sheet_idx, sheet) in sheets.iter().enumerate() {
            let rounds: Vec<usize> = sheet.iter().map(|idea| idea.round).collect();
            prop_assert!(rounds.is_sorted(), "sheet {} out of round order: {:?}", sheet_idx, rounds);
            for SheetIdea { round, author, idea } in sheet {
                prop_assert!(seen.insert(*idea), "idea {} appears twice", idea);
                prop_assert_eq!(expected_sheet[idea], (*round, *author, SheetIdx(sheet_idx)));
            }
        }
        prop_assert_eq!(seen.len() as u32, n_ideas, "some ideas were lost");
    }
}
