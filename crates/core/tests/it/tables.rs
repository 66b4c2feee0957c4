//! Forming tables that mix services: sizes, spread of every service, determinism.

use std::collections::{BTreeMap, BTreeSet};
use std::num::NonZeroUsize;

use converge_core::tables::{assign_n_tables, assign_tables, n_tables_for};
use proptest::prelude::*;

fn size(n: usize) -> NonZeroUsize {
    NonZeroUsize::new(n).expect("test sizes are positive")
}

/// People numbered from 0, `count` of each service in turn; an empty service name means none.
fn room(services: &[(&str, usize)]) -> Vec<(u32, Option<String>)> {
    let mut people = Vec::new();
    for (service, count) in services {
        for _ in 0..*count {
            let person = people.len() as u32;
            let service = if service.is_empty() { None } else { Some((*service).to_owned()) };
            people.push((person, service));
        }
    }
    people
}

fn service_counts_per_table(
    people: &[(u32, Option<String>)],
    tables: &[Vec<u32>],
) -> BTreeMap<Option<String>, Vec<usize>> {
    let service_of: BTreeMap<u32, Option<String>> = people.iter().cloned().collect();
    let mut counts: BTreeMap<Option<String>, Vec<usize>> = BTreeMap::new();
    for (_, service) in people {
        counts.entry(service.clone()).or_insert_with(|| vec![0; tables.len()]);
    }
    for (table_idx, table) in tables.iter().enumerate() {
        for person in table {
            let counts_of_service = counts.get_mut(&service_of[person]).expect("every seated person was in the room");
            counts_of_service[table_idx] += 1;
        }
    }
    counts
}

fn spread(counts: &[usize]) -> usize {
    counts.iter().max().unwrap_or(&0) - counts.iter().min().unwrap_or(&0)
}

#[test]
fn twenty_civil_servants_from_six_services_make_four_mixed_tables_of_five() {
    let people = room(&[("DGO1", 4), ("DGO3", 4), ("DGO4", 3), ("DGO5", 3), ("DGO6", 3), ("SPW-SG", 3)]);
    let tables = assign_tables(&people, size(6));

    assert_eq!(tables.iter().map(Vec::len).collect::<Vec<_>>(), vec![5, 5, 5, 5]);
    let service_of: BTreeMap<u32, Option<String>> = people.iter().cloned().collect();
    for table in &tables {
        let services: BTreeSet<_> = table.iter().map(|person| &service_of[person]).collect();
        assert_eq!(services.len(), 5, "five people from five different services at {table:?}");
    }
}

#[test]
fn an_empty_room_makes_no_tables() {
    let people: Vec<(u32, Option<String>)> = Vec::new();
    assert!(assign_tables(&people, size(6)).is_empty());
    assert_eq!(n_tables_for(0, size(6)), 0);
}

#[test]
fn a_room_smaller_than_a_table_makes_one_table() {
    let people = room(&[("a", 2), ("b", 1)]);
    assert_eq!(assign_tables(&people, size(6)), vec![vec![0, 1, 2]]);
}

#[test]
fn colleagues_fewer_than_the_tables_never_share_a_table() {
    let people = room(&[("big", 9), ("small", 3)]);
    let tables = assign_tables(&people, size(3));
    assert_eq!(tables.len(), 4);
    let smalls_per_table: Vec<usize> =
        tables.iter().map(|table| table.iter().filter(|person| **person >= 9).count()).collect();
    assert!(smalls_per_table.iter().all(|count| *count <= 1), "{smalls_per_table:?}");
}

#[test]
fn people_without_a_service_are_spread_like_one_more_service() {
    let people = room(&[("a", 4), ("", 4)]);
    let tables = assign_tables(&people, size(2));
    assert_eq!(tables.len(), 4);
    for table in &tables {
        assert_eq!(table.iter().filter(|person| **person >= 4).count(), 1, "one unknown at {table:?}");
    }
}

#[test]
fn tables_of_one_seat_everyone_alone() {
    let people = room(&[("a", 3)]);
    assert_eq!(assign_tables(&people, size(1)), vec![vec![0], vec![1], vec![2]]);
}

#[test]
fn asking_for_more_tables_than_people_leaves_some_tables_empty() {
    let people = room(&[("a", 2)]);
    assert_eq!(assign_n_tables(&people, size(3)), vec![vec![0], vec![1], vec![]]);
}

fn any_room() -> impl Strategy<Value = Vec<(u32, Option<String>)>> {
    // Up to 8 services (plus "no service") so that services are often larger than the number of
    // tables, often smaller, and sometimes absent.
    let service = prop_oneof![Just(None), (0u8..8).prop_map(|s| Some(format!("service-{s}")))];
    proptest::collection::vec(service, 0..80)
        .prop_map(|services| services.into_iter().enumerate().map(|(i, s)| (i as u32, s)).collect())
}

proptest! {
    #[test]
    fn there_are_ceil_n_over_size_tables_whose_sizes_differ_by_at_most_one(
        people in any_room(),
        table_size in 1usize..=12,
    ) {
        let tables = assign_tables(&people, size(table_size));
        prop_assert_eq!(tables.len(), people.len().div_ceil(table_size));
        let sizes: Vec<usize> = tables.iter().map(Vec::len).collect();
        prop_assert!(spread(&sizes) <= 1, "sizes {:?}", sizes);
        prop_assert!(sizes.iter().all(|n| *n >= 1 && *n <= table_size), "sizes {:?}", sizes);
    }

    #[test]
    fn everyone_is_seated_exactly_once(people in any_room(), table_size in 1usize..=12) {
        let tables = assign_tables(&people, size(table_size));
        let mut seated: Vec<u32> = tables.into_iter().flatten().collect();
        seated.sort();
        let expected: Vec<u32> = people.iter().map(|(person, _)| *person).collect();
        prop_assert_eq!(seated, expected);
    }

    #[test]
    fn every_service_is_spread_as_evenly_as_its_count_allows(people in any_room(), table_size in 1usize..=12) {
        let tables = assign_tables(&people, size(table_size));
        for (service, counts) in service_counts_per_table(&people, &tables) {
            prop_assert!(spread(&counts) <= 1, "service {:?} spread as {:?}", service, counts);
        }
    }

    #[test]
    fn any_number_of_tables_keeps_sizes_and_services_even(people in any_room(), n_tables in 1usize..=20) {
        let tables = assign_n_tables(&people, size(n_tables));
        prop_assert_eq!(tables.len(), n_tables);
        let sizes: Vec<usize> = tables.iter().map(Vec::len).collect();
        prop_assert!(spread(&sizes) <= 1, "sizes {:?}", sizes);
        for (service, counts) in service_counts_per_table(&people, &tables) {
            prop_assert!(spread(&counts) <= 1, "service {:?} spread as {:?}", service, counts);
        }
    }

    #[test]
    fn the_tables_do_not_depend_on_the_order_people_are_listed_in(
        (people, shuffled) in any_room().prop_flat_map(|people| (Just(people.clone()), Just(people).prop_shuffle())),
        table_size in 1usize..=12,
    ) {
        prop_assert_eq!(assign_tables(&people, size(table_size)), assign_tables(&shuffled, size(table_size)));
    }
}
