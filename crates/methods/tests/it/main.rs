//! The methods crate's integration tests, in one test binary: the ranked methods against the
//! pref_voting reference on PrefLib data, algebraic properties over generated ballots, the JSON
//! results serialise to, and the tidy checks that keep the crate pure.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops loudly where an invariant breaks")]

mod preflib_reference;
mod properties;
mod results_json;
mod tidy;
