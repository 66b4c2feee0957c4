//! Forming the tables (small groups) of a workshop so that each table mixes services.
//!
//! Participants declare their service when they join. A facilitator who asks for tables of
//! `table_size` gets `ceil(n / table_size)` tables whose sizes differ by at most one, and every
//! service is spread as evenly as its head count allows: for each service, the numbers of its
//! members at any two tables differ by at most one. A service with fewer members than there are
//! tables therefore never has two of them at the same table.
//!
//! People who declared no service form one more group of their own ("unknown") and are spread
//! evenly like any service. Treating them as filler instead would let several of them land at
//! the same table while another table has none, and nothing says they are not colleagues.
//!
//! # How
//! Everyone is sorted by (service, person), with the people without a service last, and dealt to
//! the tables in turn like cards: person `i` of the sorted list goes to table `i % n_tables`.
//! Dealing in turn makes the table sizes differ by at most one, and because the members of one
//! service are consecutive in the sorted list, any run of them is dealt to the tables in turn
//! too, so each service's counts differ by at most one as well. Sorting first makes the result
//! depend only on the set of people, not on the order they were given in: the same room always
//! gives the same tables. Callers who want a different plan for the same room can reorder the
//! tables or rename them; shuffling belongs to the caller, the core has no randomness.
//!
//! Each table lists its members in ascending order.

use std::num::NonZeroUsize;

/// The number of tables of at most `table_size` people needed for `n_people`: `ceil(n_people /
/// table_size)`, and zero for an empty room.
pub fn n_tables_for(n_people: usize, table_size: NonZeroUsize) -> usize {
    n_people.div_ceil(table_size.get())
}

/// Splits `people` (each with the service they declared, if any) into tables of at most
/// `table_size`, mixing services as evenly as the counts allow. See the module documentation
/// for the guarantees and the rule.
///
/// The result has [`n_tables_for`]`(people.len(), table_size)` tables; their sizes differ by at
/// most one and never exceed `table_size`. A person listed twice is seated twice.
pub fn assign_tables<T: Clone + Ord, S: Ord>(people: &[(T, Option<S>)], table_size: NonZeroUsize) -> Vec<Vec<T>> {
    match NonZeroUsize::new(n_tables_for(people.len(), table_size)) {
        Some(n_tables) => assign_n_tables(people, n_tables),
        None => Vec::new(),
    }
}

/// Splits `people` into exactly `n_tables` tables, mixing services as evenly as the counts
/// allow. Table sizes differ by at most one; with more tables than people, some tables are
/// empty.
pub fn assign_n_tables<T: Clone + Ord, S: Ord>(people: &[(T, Option<S>)], n_tables: NonZeroUsize) -> Vec<Vec<T>> {
    let mut sorted: Vec<&(T, Option<S>)> = people.iter().collect();
    // `Option` orders `None` first; the key puts people without a service after every service so
    // that the "unknown" group is one run at the end, dealt in turn like the others.
    sorted.sort_by(|(person_a, service_a), (person_b, service_b)| {
        (service_a.is_none(), service_a, person_a).cmp(&(service_b.is_none(), service_b, person_b))
    });

    let mut tables: Vec<Vec<T>> = vec![Vec::new(); n_tables.get()];
    for (position, (person, _service)) in sorted.into_iter().enumerate() {
        tables[position % n_tables.get()].push(person.clone());
    }
    for table in &mut tables {
        table.sort();
    }
    tables
}
