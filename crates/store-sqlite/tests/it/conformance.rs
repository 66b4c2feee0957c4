//! The store conformance suite, run against SQLite: one test per check, each on a new file in
//! its own temporary directory, plus the whole suite through `run_all`.

use converge_store_conformance as conformance;
use converge_store_sqlite::SqliteStore;
use std::sync::atomic::{AtomicUsize, Ordering};

macro_rules! conformance_tests {
    ($($check:ident),* $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $check() {
                let dir = tempfile::tempdir().unwrap();
                let store = SqliteStore::open(&dir.path().join("converge.db")).unwrap();
                conformance::$check(store).await;
            }
        )*
    };
}

conformance_tests!(
    appends_get_consecutive_seqs_from_one_and_chained_hashes,
    an_append_at_a_stale_seq_is_a_conflict_and_writes_nothing,
    an_empty_append_writes_nothing_and_still_checks_the_seq,
    an_append_needs_no_index_entry,
    creating_a_workshop_records_its_entry_and_first_events,
    creating_a_workshop_with_a_taken_id_or_join_code_is_a_duplicate_and_writes_nothing,
    reading_returns_the_events_after_a_seq_up_to_a_limit,
    the_head_is_the_last_event,
    subscribers_hear_of_appends_and_not_of_failed_ones,
    of_concurrent_appends_at_the_same_seq_exactly_one_wins,
    concurrent_appends_to_different_workshops_all_succeed,
    snapshots_round_trip_and_the_latest_wins,
    an_email_is_taken_whatever_its_case,
    sessions_expire_and_can_be_deleted,
    an_accounts_sessions_are_listed_touched_and_ended_but_one,
    a_new_password_ends_every_session_of_its_account,
    a_totp_step_is_accepted_once_and_recovery_codes_once_each,
    a_setup_token_is_single_use_and_expires,
    api_tokens_resolve_to_their_account,
    profiles_are_put_listed_and_erased,
    workshops_of_lists_an_owners_live_workshops_newest_first,
    join_codes_match_whatever_their_case_and_deleted_workshops_free_them,
    a_new_join_code_replaces_the_old_one_and_a_taken_one_is_refused,
    an_archived_workshop_stays_listed_and_its_join_code_is_kept_but_opens_nothing,
    a_follow_up_page_is_found_by_its_token_hash_until_withdrawn_or_deleted,
    card_images_come_back_byte_for_byte_per_workshop_and_card,
    ping_answers,
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_whole_suite_passes_through_run_all() {
    let dir = tempfile::tempdir().unwrap();
    let n_stores = AtomicUsize::new(0);
    conformance::run_all(|| {
        let path = dir.path().join(format!("store-{}.db", n_stores.fetch_add(1, Ordering::Relaxed)));
        async move { SqliteStore::open(&path).unwrap() }
    })
    .await;
}
