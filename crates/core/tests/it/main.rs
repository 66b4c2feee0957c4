//! The domain's tests, in one binary: rules, properties and the fold of every command, with the
//! set-up they share in `support`.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops loudly where an invariant breaks")]

mod support;

mod brainwriting;
mod closing;
mod cockpit;
mod decks;
mod every_command;
mod facilitation;
mod follow_up;
mod moderation;
mod next_step;
mod outcomes;
mod properties;
mod provenance;
mod results_format;
mod rules;
mod screen_link;
mod selection;
mod settings;
mod tables;
mod tidy;
mod votes;
mod zoom;
