//! Who may do what: one table lists every route of the router with the answer each role gets,
//! and the test runs every cell against the real server. A route added to the router without a
//! row here fails the test, so no route ships without a decision on who may call it.
//!
//! API routes are called with bearer tokens (a participant's `cvp_` token, a facilitator's `cvf_`
//! token); pages with the cookies a browser gets by joining or signing in through the forms,
//! and forms carry their `_csrf` token, so these cells test authorization, not CSRF (that is in
//! `bad_input.rs`).

use converge_test_support::*;
use serde_json::json;
use std::collections::BTreeSet;
use std::fmt;

/// The roles, in the order of the table's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Anonymous,
    /// A participant of the workshop the row's path names.
    Participant,
    /// A participant of that workshop whom the facilitator made an expert.
    Expert,
    /// A participant of that workshop whom the facilitator made an observer: reads, never posts.
    Observer,
    /// A participant of another workshop.
    OtherParticipant,
    /// The facilitator of the workshop the row's path names.
    Facilitator,
    /// A facilitator of another workshop (another account).
    OtherFacilitator,
}

const ROLES: [Role; N_ROLES] = [
    Role::Anonymous,
    Role::Participant,
    Role::Expert,
    Role::Observer,
    Role::OtherParticipant,
    Role::Facilitator,
    Role::OtherFacilitator,
];
const N_ROLES: usize = 7;

/// The order cells of a row run in: the workshop's own facilitator last, since that cell may
/// change what the others would see (deleting, signing out).
const RUN_ORDER: [Role; N_ROLES] = [
    Role::Anonymous,
    Role::Participant,
    Role::Expert,
    Role::Observer,
    Role::OtherParticipant,
    Role::OtherFacilitator,
    Role::Facilitator,
];

impl Role {
    fn column(self) -> usize {
        ROLES.iter().position(|role| *role == self).unwrap()
    }
}

/// The answer a cell expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// Exactly this status.
    S(u16),
    /// 401 or 403: refused, whichever the server prefers.
    Denied,
    /// 303 to this location (path placeholders filled); a location ending with `/` is a prefix.
    To(&'static str),
}
use Expect::*;

impl fmt::Display for Expect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            S(status) => write!(f, "{status}"),
            Denied => write!(f, "401|403"),
            To(location) => write!(f, "303→{location}"),
        }
    }
}

const OK: Expect = S(200);
const CREATED: Expect = S(201);
const NOT_FOUND: Expect = S(404);
const FORBIDDEN: Expect = S(403);
const UNAUTHENTICATED: Expect = S(401);
const SIGN_IN: Expect = To("/signin");
const JOIN: Expect = To("/join");
const EVERYONE_OK: [Expect; N_ROLES] = [OK; N_ROLES];

/// One route: method, path template exactly as in the router, and the answer for each role in
/// the order of `ROLES`: anonymous, participant, expert, observer, other workshop's participant,
/// facilitator, other workshop's facilitator. Rows run in this order.
const TABLE: &[(&str, &str, [Expect; N_ROLES])] = &[
    // Public pages: the same for everyone. A signed-in facilitator opening the sign-in page is
    // sent on to the dashboard.
    ("GET", "/", EVERYONE_OK),
    ("GET", "/join", EVERYONE_OK),
    ("POST", "/join", [To("/w/{id}"); N_ROLES]),
    // Resuming with a personal code nobody has: the same answer whoever asks.
    ("POST", "/resume", [NOT_FOUND; N_ROLES]),
    ("GET", "/w/{id}/resume", EVERYONE_OK),
    ("POST", "/w/{id}/resume", [NOT_FOUND; N_ROLES]),
    ("GET", "/signin", [OK, OK, OK, OK, OK, To("/facilitator"), To("/facilitator")]),
    ("GET", "/setup/{token}", EVERYONE_OK),
    ("POST", "/setup/{token}", [SIGN_IN; N_ROLES]),
    // Facilitator pages: sign in first; another facilitator's workshop does not exist for you.
    ("GET", "/facilitator", [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, OK, OK]),
    // The code step of signing in takes a pending sign-in, never a session: the cells send a
    // forged one, refused the same way whoever sends it.
    ("POST", "/signin/code", [S(401); N_ROLES]),
    // A facilitator's own account: only ever their own sessions, password and second factor.
    // The cells change nothing: they name a session that is not theirs, give a wrong password,
    // or a key the server never gave; signing out the other sessions ends none the table uses.
    ("GET", "/facilitator/account", [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, OK, OK]),
    ("POST", "/facilitator/account/sessions/end", [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, NOT_FOUND, NOT_FOUND]),
    (
        "POST",
        "/facilitator/account/sessions/end-others",
        [
            SIGN_IN,
            SIGN_IN,
            SIGN_IN,
            SIGN_IN,
            SIGN_IN,
            To("/facilitator/account?done=others"),
            To("/facilitator/account?done=others"),
        ],
    ),
    ("POST", "/facilitator/account/password", [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, S(401), S(401)]),
    ("POST", "/facilitator/account/totp", [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, S(422), S(422)]),
    ("POST", "/facilitator/account/totp/disable", [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, S(401), S(401)]),
    (
        "POST",
        "/facilitator/workshops",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, To("/facilitator/workshops/"), To("/facilitator/workshops/")],
    ),
    ("GET", "/facilitator/workshops/{id}", [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, OK, NOT_FOUND]),
    ("GET", "/facilitator/workshops/{id}/screen", [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, OK, NOT_FOUND]),
    // The projection by its address without sign-in: anyone holding the current address, signed
    // in or not. Then the console's controls of that address: creating keeps the one there is,
    // renewing and revoking end it, so they come after the row that opens it; and the API's.
    ("GET", "/screen/{id}/{screen_token}", EVERYONE_OK),
    (
        "POST",
        "/facilitator/workshops/{id}/screen-link/create",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, To("/facilitator/workshops/{id}#screen-link"), NOT_FOUND],
    ),
    (
        "POST",
        "/facilitator/workshops/{id}/screen-link/renew",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, To("/facilitator/workshops/{id}#screen-link"), NOT_FOUND],
    ),
    (
        "POST",
        "/facilitator/workshops/{id}/screen-link/revoke",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, To("/facilitator/workshops/{id}#screen-link"), NOT_FOUND],
    ),
    (
        "POST",
        "/api/v1/workshops/{id}/screen-link",
        [UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK, NOT_FOUND],
    ),
    (
        "POST",
        "/api/v1/workshops/{id}/screen-link/revoke",
        [UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK, NOT_FOUND],
    ),
    // The report: the page, and each table as CSV (the cells download actions.csv).
    ("GET", "/facilitator/workshops/{id}/report", [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, OK, NOT_FOUND]),
    ("GET", "/facilitator/workshops/{id}/report.pdf", [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, OK, NOT_FOUND]),
    ("GET", "/facilitator/workshops/{id}/report/{file}", [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, OK, NOT_FOUND]),
    ("GET", "/facilitator/workshops/{id}/delete", [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, OK, NOT_FOUND]),
    // Fates, closing and the follow-up console. The fates cells decide nothing (no box checked);
    // the status and commitment cells restate the participant's card as it is; publishing again
    // keeps the published address; the import cells send an empty CSV (a dry run lists nothing,
    // and nothing cannot be applied). Closing is near the end: it ends the room.
    ("GET", "/facilitator/workshops/{id}/fates", [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, OK, NOT_FOUND]),
    (
        "POST",
        "/facilitator/workshops/{id}/fates",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, To("/facilitator/workshops/{id}/fates?decided=0"), NOT_FOUND],
    ),
    ("GET", "/facilitator/workshops/{id}/close", [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, OK, NOT_FOUND]),
    ("GET", "/facilitator/workshops/{id}/follow-up", [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, OK, NOT_FOUND]),
    (
        "GET",
        "/facilitator/workshops/{id}/follow-up/actions.csv",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, OK, NOT_FOUND],
    ),
    (
        "POST",
        "/facilitator/workshops/{id}/follow-up/status",
        [
            SIGN_IN,
            SIGN_IN,
            SIGN_IN,
            SIGN_IN,
            SIGN_IN,
            To("/facilitator/workshops/{id}/follow-up#action-{action_id}"),
            NOT_FOUND,
        ],
    ),
    (
        "POST",
        "/facilitator/workshops/{id}/follow-up/commitment",
        [
            SIGN_IN,
            SIGN_IN,
            SIGN_IN,
            SIGN_IN,
            SIGN_IN,
            To("/facilitator/workshops/{id}/follow-up#action-{action_id}"),
            NOT_FOUND,
        ],
    ),
    (
        "POST",
        "/facilitator/workshops/{id}/follow-up/publish",
        [
            SIGN_IN,
            SIGN_IN,
            SIGN_IN,
            SIGN_IN,
            SIGN_IN,
            To("/facilitator/workshops/{id}/follow-up#public-page"),
            NOT_FOUND,
        ],
    ),
    (
        "POST",
        "/facilitator/workshops/{id}/follow-up/import",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, OK, NOT_FOUND],
    ),
    (
        "POST",
        "/facilitator/workshops/{id}/follow-up/import/apply",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, S(422), NOT_FOUND],
    ),
    // The console's controls on a participant, one route each. The cells make Tom an expert,
    // unseat him (he has no table: a change of nothing), mark him absent and present again,
    // merge his duplicate into him, and remove a participant who joined to be removed.
    (
        "POST",
        "/facilitator/workshops/{id}/participants/{participant_id}/role",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, To("/facilitator/workshops/{id}"), NOT_FOUND],
    ),
    (
        "POST",
        "/facilitator/workshops/{id}/participants/{participant_id}/seat",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, To("/facilitator/workshops/{id}"), NOT_FOUND],
    ),
    (
        "POST",
        "/facilitator/workshops/{id}/participants/{participant_id}/leave",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, To("/facilitator/workshops/{id}"), NOT_FOUND],
    ),
    (
        "POST",
        "/facilitator/workshops/{id}/participants/{participant_id}/return",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, To("/facilitator/workshops/{id}"), NOT_FOUND],
    ),
    (
        "POST",
        "/facilitator/workshops/{id}/participants/{participant_id}/merge",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, To("/facilitator/workshops/{id}"), NOT_FOUND],
    ),
    (
        "POST",
        "/facilitator/workshops/{id}/participants/{participant_id}/remove",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, To("/facilitator/workshops/{id}"), NOT_FOUND],
    ),
    // The console's controls on an activity, one route each. The cells open the open activity
    // and close the second one, which is not open (changes of nothing), run a timer on the
    // second, move it up and back down, rename the open activity, and remove one added to be
    // removed. The second activity is not a brainwriting: the facilitator gets through to the
    // 422 that says so.
    (
        "POST",
        "/facilitator/workshops/{id}/activities/{activity_id}/open",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, To("/facilitator/workshops/{id}"), NOT_FOUND],
    ),
    (
        "POST",
        "/facilitator/workshops/{id}/activities/{activity_id}/close",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, To("/facilitator/workshops/{id}"), NOT_FOUND],
    ),
    (
        "POST",
        "/facilitator/workshops/{id}/activities/{activity_id}/timer-start",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, To("/facilitator/workshops/{id}"), NOT_FOUND],
    ),
    (
        "POST",
        "/facilitator/workshops/{id}/activities/{activity_id}/timer-pause",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, To("/facilitator/workshops/{id}"), NOT_FOUND],
    ),
    (
        "POST",
        "/facilitator/workshops/{id}/activities/{activity_id}/timer-extend",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, To("/facilitator/workshops/{id}"), NOT_FOUND],
    ),
    (
        "POST",
        "/facilitator/workshops/{id}/activities/{activity_id}/timer-shorten",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, To("/facilitator/workshops/{id}"), NOT_FOUND],
    ),
    ("POST", "/facilitator/workshops/{id}/undo", [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, S(422), NOT_FOUND]),
    (
        "POST",
        "/facilitator/workshops/{id}/activities/{activity_id}/move-up",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, To("/facilitator/workshops/{id}"), NOT_FOUND],
    ),
    (
        "POST",
        "/facilitator/workshops/{id}/activities/{activity_id}/move-down",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, To("/facilitator/workshops/{id}"), NOT_FOUND],
    ),
    (
        "POST",
        "/facilitator/workshops/{id}/activities/{activity_id}/edit",
        [
            SIGN_IN,
            SIGN_IN,
            SIGN_IN,
            SIGN_IN,
            SIGN_IN,
            To("/facilitator/workshops/{id}/activities/{activity_id}"),
            NOT_FOUND,
        ],
    ),
    // The cells' activity is open and takes everything: its owner is told the shortlist is
    // fixed (a clear 422), everyone else is turned away before that.
    (
        "POST",
        "/facilitator/workshops/{id}/activities/{activity_id}/shortlist",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, S(422), NOT_FOUND],
    ),
    (
        "POST",
        "/facilitator/workshops/{id}/activities/{activity_id}/remove",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, To("/facilitator/workshops/{id}"), NOT_FOUND],
    ),
    (
        "POST",
        "/facilitator/workshops/{id}/activities/{activity_id}/brainwriting-start",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, S(422), NOT_FOUND],
    ),
    (
        "POST",
        "/facilitator/workshops/{id}/activities/{activity_id}/next-round",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, S(422), NOT_FOUND],
    ),
    (
        "GET",
        "/facilitator/workshops/{id}/activities/{activity_id}",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, OK, NOT_FOUND],
    ),
    (
        "GET",
        "/facilitator/workshops/{id}/activities/{activity_id}/board.svg",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, OK, NOT_FOUND],
    ),
    (
        "POST",
        "/facilitator/workshops/{id}/activities",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, To("/facilitator/workshops/{id}/activities/"), NOT_FOUND],
    ),
    (
        "POST",
        "/facilitator/workshops/{id}/focus",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, To("/facilitator/workshops/{id}"), NOT_FOUND],
    ),
    // The projection's direction: the cells spotlight a note of the open activity, give the
    // whole board back (a change of nothing), make the join panel large, hide names.
    (
        "POST",
        "/facilitator/workshops/{id}/projection/zoom",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, To("/facilitator/workshops/{id}"), NOT_FOUND],
    ),
    (
        "POST",
        "/facilitator/workshops/{id}/projection/spotlight",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, To("/facilitator/workshops/{id}"), NOT_FOUND],
    ),
    (
        "POST",
        "/facilitator/workshops/{id}/projection/join-panel",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, To("/facilitator/workshops/{id}"), NOT_FOUND],
    ),
    (
        "POST",
        "/facilitator/workshops/{id}/projection/names",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, To("/facilitator/workshops/{id}"), NOT_FOUND],
    ),
    // The cells "unlock" joining that is not locked: a change of nothing.
    (
        "POST",
        "/facilitator/workshops/{id}/joining",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, To("/facilitator/workshops/{id}"), NOT_FOUND],
    ),
    (
        "POST",
        "/facilitator/workshops/{id}/tables",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, To("/facilitator/workshops/{id}"), NOT_FOUND],
    ),
    // The console's controls on a contribution, one route each. The cells "move" the room's
    // first note to the kind it already has (a change of nothing) and merge a duplicate into it.
    // Sorting is for categorize activities: the challenges activity refuses it, after the
    // facilitator was let in (422).
    (
        "POST",
        "/facilitator/workshops/{id}/contributions/{contribution_id}/move",
        [
            SIGN_IN,
            SIGN_IN,
            SIGN_IN,
            SIGN_IN,
            SIGN_IN,
            To("/facilitator/workshops/{id}/activities/{activity_id}"),
            NOT_FOUND,
        ],
    ),
    (
        "POST",
        "/facilitator/workshops/{id}/contributions/{contribution_id}/merge",
        [
            SIGN_IN,
            SIGN_IN,
            SIGN_IN,
            SIGN_IN,
            SIGN_IN,
            To("/facilitator/workshops/{id}/activities/{activity_id}"),
            NOT_FOUND,
        ],
    ),
    (
        "POST",
        "/facilitator/workshops/{id}/contributions/{contribution_id}/categorize",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, S(422), NOT_FOUND],
    ),
    // Moderation. The cells hide the room's first note then show it again (the rows after
    // spotlight it), correct it to the text it has (a change of nothing), split the duplicate
    // the merge row merged back out (from the page; the API's row finds it split already: 422),
    // and remove a note of the participant's (deleted by its author through the API, then by the
    // facilitator: already gone, nothing more). The phone's own rows act on notes it posted.
    // A participant corrects or deletes only their own note: the expert's cells are refused.
    (
        "POST",
        "/facilitator/workshops/{id}/contributions/{contribution_id}/unmerge",
        [
            SIGN_IN,
            SIGN_IN,
            SIGN_IN,
            SIGN_IN,
            SIGN_IN,
            To("/facilitator/workshops/{id}/activities/{activity_id}"),
            NOT_FOUND,
        ],
    ),
    (
        "POST",
        "/facilitator/workshops/{id}/contributions/{contribution_id}/hide",
        [
            SIGN_IN,
            SIGN_IN,
            SIGN_IN,
            SIGN_IN,
            SIGN_IN,
            To("/facilitator/workshops/{id}/activities/{activity_id}"),
            NOT_FOUND,
        ],
    ),
    (
        "POST",
        "/facilitator/workshops/{id}/contributions/{contribution_id}/show",
        [
            SIGN_IN,
            SIGN_IN,
            SIGN_IN,
            SIGN_IN,
            SIGN_IN,
            To("/facilitator/workshops/{id}/activities/{activity_id}"),
            NOT_FOUND,
        ],
    ),
    (
        "POST",
        "/facilitator/workshops/{id}/contributions/{contribution_id}/edit",
        [
            SIGN_IN,
            SIGN_IN,
            SIGN_IN,
            SIGN_IN,
            SIGN_IN,
            To("/facilitator/workshops/{id}/activities/{activity_id}"),
            NOT_FOUND,
        ],
    ),
    (
        "POST",
        "/api/v1/workshops/{id}/contributions/{contribution_id}/unmerge",
        [UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, S(422), NOT_FOUND],
    ),
    (
        "POST",
        "/api/v1/workshops/{id}/contributions/{contribution_id}/hide",
        [UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK, NOT_FOUND],
    ),
    (
        "POST",
        "/api/v1/workshops/{id}/contributions/{contribution_id}/show",
        [UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK, NOT_FOUND],
    ),
    (
        "POST",
        "/api/v1/workshops/{id}/contributions/{contribution_id}/edit",
        [UNAUTHENTICATED, OK, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK, NOT_FOUND],
    ),
    (
        "POST",
        "/w/{id}/notes/{contribution_id}/edit",
        [JOIN, To("/w/{id}/a/{activity_id}"), FORBIDDEN, FORBIDDEN, JOIN, To("/w/{id}/a/{activity_id}"), NOT_FOUND],
    ),
    (
        "POST",
        "/api/v1/workshops/{id}/contributions/{contribution_id}/remove",
        [UNAUTHENTICATED, OK, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK, NOT_FOUND],
    ),
    (
        "POST",
        "/w/{id}/notes/{contribution_id}/remove",
        [JOIN, To("/w/{id}/a/{activity_id}"), FORBIDDEN, FORBIDDEN, JOIN, To("/w/{id}/a/{activity_id}"), NOT_FOUND],
    ),
    (
        "POST",
        "/facilitator/workshops/{id}/contributions/{contribution_id}/remove",
        [
            SIGN_IN,
            SIGN_IN,
            SIGN_IN,
            SIGN_IN,
            SIGN_IN,
            To("/facilitator/workshops/{id}/activities/{activity_id}"),
            NOT_FOUND,
        ],
    ),
    // The workshop's own deck. Uploading takes a multipart form with a small PNG, and comes
    // back to the console when no activity is named.
    (
        "POST",
        "/facilitator/workshops/{id}/decks/{deck}/cards",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, To("/facilitator/workshops/{id}"), NOT_FOUND],
    ),
    // A card's image is the workshop's: its members get it, nobody else learns it exists.
    ("GET", "/w/{id}/cards/{card_id}", [NOT_FOUND, OK, OK, OK, NOT_FOUND, OK, NOT_FOUND]),
    // After the image row, since it takes the card away.
    (
        "POST",
        "/facilitator/workshops/{id}/decks/{deck}/cards/{card_id}/remove",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, To("/facilitator/workshops/{id}"), NOT_FOUND],
    ),
    // Participant pages. A browser that holds only another workshop's cookie has no credentials
    // for this one, exactly like an anonymous browser: both are sent to join.
    ("GET", "/w/{id}", [JOIN, OK, OK, OK, JOIN, OK, NOT_FOUND]),
    ("GET", "/w/{id}/a/{activity_id}", [JOIN, OK, OK, OK, JOIN, OK, NOT_FOUND]),
    // Only ever the asker's own contributions, so any member may ask.
    ("GET", "/w/{id}/mine", [JOIN, OK, OK, OK, JOIN, OK, NOT_FOUND]),
    (
        "POST",
        "/w/{id}/a/{activity_id}/notes",
        [
            JOIN,
            To("/w/{id}/a/{activity_id}?sent=1#text"),
            To("/w/{id}/a/{activity_id}?sent=1#text"),
            FORBIDDEN,
            JOIN,
            To("/w/{id}/a/{activity_id}?sent=1#text"),
            NOT_FOUND,
        ],
    ),
    // Sorting is for categorize activities: the challenges activity refuses it, after the
    // caller was let in (422), while outsiders never get that far.
    ("POST", "/w/{id}/a/{activity_id}/sort", [JOIN, S(422), S(422), FORBIDDEN, JOIN, S(422), NOT_FOUND]),
    // Ballots and assessments likewise: the open activity is neither a vote nor an assessment.
    // The facilitator runs votes and assessments; only participants and experts vote.
    ("POST", "/w/{id}/a/{activity_id}/ballot", [JOIN, S(422), S(422), FORBIDDEN, JOIN, FORBIDDEN, NOT_FOUND]),
    ("POST", "/w/{id}/a/{activity_id}/assess", [JOIN, S(422), S(422), FORBIDDEN, JOIN, FORBIDDEN, NOT_FOUND]),
    // The action plan and the risk map: rows on `/actions` and `/risks/` run on an open plan with
    // a card drafted by the participant, and an open risk map with one risk. The edit cells send
    // the card as it is, from its revision: a change of nothing.
    ("GET", "/w/{id}/a/{activity_id}/actions/new", [JOIN, OK, OK, OK, JOIN, OK, NOT_FOUND]),
    (
        "POST",
        "/w/{id}/a/{activity_id}/actions",
        [
            JOIN,
            To("/w/{id}/a/{plan}/actions/"),
            To("/w/{id}/a/{plan}/actions/"),
            FORBIDDEN,
            JOIN,
            To("/w/{id}/a/{plan}/actions/"),
            NOT_FOUND,
        ],
    ),
    ("GET", "/w/{id}/a/{activity_id}/actions/{action_id}", [JOIN, OK, OK, OK, JOIN, OK, NOT_FOUND]),
    (
        "POST",
        "/w/{id}/a/{activity_id}/actions/{action_id}/edit",
        [
            JOIN,
            To("/w/{id}/a/{plan}/actions/{action_id}#card"),
            To("/w/{id}/a/{plan}/actions/{action_id}#card"),
            FORBIDDEN,
            JOIN,
            To("/w/{id}/a/{plan}/actions/{action_id}#card"),
            NOT_FOUND,
        ],
    ),
    (
        "POST",
        "/w/{id}/a/{activity_id}/actions/{action_id}/consensus",
        [
            JOIN,
            To("/w/{id}/a/{plan}#action-{action_id}"),
            To("/w/{id}/a/{plan}#action-{action_id}"),
            FORBIDDEN,
            JOIN,
            To("/facilitator/workshops/{id}/activities/{plan}#action-{action_id}"),
            NOT_FOUND,
        ],
    ),
    (
        "POST",
        "/w/{id}/a/{activity_id}/risks/{risk}/rating",
        [
            JOIN,
            To("/w/{id}/a/{risk_map}#risk-{risk}"),
            To("/w/{id}/a/{risk_map}#risk-{risk}"),
            FORBIDDEN,
            JOIN,
            To("/facilitator/workshops/{id}/activities/{risk_map}#risk-{risk}"),
            NOT_FOUND,
        ],
    ),
    (
        "POST",
        "/w/{id}/a/{activity_id}/risks/{risk}/mitigations",
        [
            JOIN,
            To("/w/{id}/a/{risk_map}#risk-{risk}"),
            To("/w/{id}/a/{risk_map}#risk-{risk}"),
            FORBIDDEN,
            JOIN,
            To("/facilitator/workshops/{id}/activities/{risk_map}#risk-{risk}"),
            NOT_FOUND,
        ],
    ),
    // Saying one is away is a participant's own act; the facilitator's account is not one.
    ("POST", "/w/{id}/presence", [JOIN, To("/w/{id}"), To("/w/{id}"), To("/w/{id}"), JOIN, FORBIDDEN, NOT_FOUND]),
    // The API.
    ("GET", "/api/openapi.json", EVERYONE_OK),
    ("GET", "/api/v1/workshops", [UNAUTHENTICATED, Denied, Denied, Denied, Denied, OK, OK]),
    ("POST", "/api/v1/workshops", [UNAUTHENTICATED, Denied, Denied, Denied, Denied, CREATED, CREATED]),
    ("POST", "/api/v1/join", EVERYONE_OK),
    ("POST", "/api/v1/resume", [NOT_FOUND; N_ROLES]),
    ("GET", "/api/v1/workshops/{id}", [UNAUTHENTICATED, OK, OK, OK, NOT_FOUND, OK, NOT_FOUND]),
    (
        "POST",
        "/api/v1/workshops/{id}/activities/{activity_id}/open",
        [UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK, NOT_FOUND],
    ),
    (
        "POST",
        "/api/v1/workshops/{id}/activities/{activity_id}/close",
        [UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK, NOT_FOUND],
    ),
    // The room's controls: the screens sent to the open activity, its timer started at its
    // planned time (no body) and paused.
    (
        "POST",
        "/api/v1/workshops/{id}/focus",
        [UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK, NOT_FOUND],
    ),
    (
        "POST",
        "/api/v1/workshops/{id}/activities/{activity_id}/timer/start",
        [UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK, NOT_FOUND],
    ),
    (
        "POST",
        "/api/v1/workshops/{id}/activities/{activity_id}/timer/pause",
        [UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK, NOT_FOUND],
    ),
    // A minute more, then a minute less, on the timer just paused (no body: one minute).
    (
        "POST",
        "/api/v1/workshops/{id}/activities/{activity_id}/timer/extend",
        [UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK, NOT_FOUND],
    ),
    (
        "POST",
        "/api/v1/workshops/{id}/activities/{activity_id}/timer/shorten",
        [UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK, NOT_FOUND],
    ),
    // Undoing a move that is not one of the recent moves: the facilitator is told so.
    (
        "POST",
        "/api/v1/workshops/{id}/undo",
        [UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, S(422), NOT_FOUND],
    ),
    (
        "POST",
        "/api/v1/workshops/{id}/participants/{participant_id}/role",
        [UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK, NOT_FOUND],
    ),
    // The rest of the console's controls. The open activity takes everything, so it refuses a
    // shortlist, and it sorts nothing (422 once let in: the room sorts on a categorize board, as
    // phones do, so members get that far); it moves to the agenda's first place; the room's
    // first note is moved to the kind it has and a duplicate merged into it; the room is seated,
    // one person unseated and said to be here; joining is opened.
    (
        "POST",
        "/api/v1/workshops/{id}/activities/{activity_id}/shortlist",
        [UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, S(422), NOT_FOUND],
    ),
    (
        "POST",
        "/api/v1/workshops/{id}/activities/{activity_id}/move",
        [UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK, NOT_FOUND],
    ),
    (
        "POST",
        "/api/v1/workshops/{id}/contributions/{contribution_id}/categorize",
        [UNAUTHENTICATED, S(422), S(422), FORBIDDEN, NOT_FOUND, S(422), NOT_FOUND],
    ),
    (
        "POST",
        "/api/v1/workshops/{id}/contributions/{contribution_id}/move",
        [UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK, NOT_FOUND],
    ),
    (
        "POST",
        "/api/v1/workshops/{id}/contributions/{contribution_id}/merge",
        [UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK, NOT_FOUND],
    ),
    (
        "POST",
        "/api/v1/workshops/{id}/tables",
        [UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK, NOT_FOUND],
    ),
    (
        "POST",
        "/api/v1/workshops/{id}/participants/{participant_id}/seat",
        [UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK, NOT_FOUND],
    ),
    (
        "POST",
        "/api/v1/workshops/{id}/participants/{participant_id}/presence",
        [UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK, NOT_FOUND],
    ),
    (
        "POST",
        "/api/v1/workshops/{id}/joining",
        [UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK, NOT_FOUND],
    ),
    // The open activity is no brainwriting (422 once the facilitator is let in). The activity
    // and the participant the console's rows above removed, and the duplicate they merged, are
    // gone by now: their API rows get that far.
    (
        "POST",
        "/api/v1/workshops/{id}/activities/{activity_id}/brainwriting/start",
        [UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, S(422), NOT_FOUND],
    ),
    (
        "POST",
        "/api/v1/workshops/{id}/activities/{activity_id}/brainwriting/next-round",
        [UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, S(422), NOT_FOUND],
    ),
    (
        "POST",
        "/api/v1/workshops/{id}/activities/{activity_id}/remove",
        [UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND],
    ),
    (
        "POST",
        "/api/v1/workshops/{id}/participants/{participant_id}/remove",
        [UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND],
    ),
    (
        "POST",
        "/api/v1/workshops/{id}/participants/{participant_id}/merge",
        [UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND],
    ),
    (
        "POST",
        "/api/v1/workshops/{id}/contributions",
        [UNAUTHENTICATED, CREATED, CREATED, FORBIDDEN, NOT_FOUND, CREATED, NOT_FOUND],
    ),
    // A card drafted on the plan; the edit cells send the card as it is, from its revision.
    (
        "POST",
        "/api/v1/workshops/{id}/actions",
        [UNAUTHENTICATED, CREATED, CREATED, FORBIDDEN, NOT_FOUND, CREATED, NOT_FOUND],
    ),
    (
        "POST",
        "/api/v1/workshops/{id}/actions/{action_id}",
        [UNAUTHENTICATED, OK, OK, FORBIDDEN, NOT_FOUND, OK, NOT_FOUND],
    ),
    // The open activity is not a vote: members get through to the 422 that says so.
    (
        "POST",
        "/api/v1/workshops/{id}/activities/{activity_id}/ballots",
        [UNAUTHENTICATED, S(422), S(422), FORBIDDEN, NOT_FOUND, FORBIDDEN, NOT_FOUND],
    ),
    (
        "GET",
        "/api/v1/workshops/{id}/activities/{activity_id}/results",
        [UNAUTHENTICATED, S(422), S(422), S(422), NOT_FOUND, S(422), NOT_FOUND],
    ),
    ("GET", "/api/v1/workshops/{id}/events", [UNAUTHENTICATED, OK, OK, OK, NOT_FOUND, OK, NOT_FOUND]),
    (
        "GET",
        "/api/v1/workshops/{id}/export",
        [UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK, NOT_FOUND],
    ),
    ("GET", "/healthz", EVERYONE_OK),
    ("GET", "/static/{version}/{name}", EVERYONE_OK),
    // The published follow-up page and its feed: open to anyone with the address.
    ("GET", "/follow/{follow_token}", EVERYONE_OK),
    ("GET", "/follow/{follow_token}/feed.atom", EVERYONE_OK),
    // Withdrawing a card is the facilitator's alone; after the rows that need the card.
    (
        "POST",
        "/w/{id}/a/{activity_id}/actions/{action_id}/withdraw",
        [JOIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, JOIN, To("/facilitator/workshops/{id}/activities/{plan}"), NOT_FOUND],
    ),
    // Restoring a workshop that is not archived changes nothing.
    (
        "POST",
        "/facilitator/workshops/{id}/restore",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, To("/facilitator"), NOT_FOUND],
    ),
    // The next step closes the activity on the screens (the open one, which the rows above
    // post to), so it comes after them: from the page, to the second activity; from the API,
    // to the third.
    (
        "POST",
        "/facilitator/workshops/{id}/next-step",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, To("/facilitator/workshops/{id}"), NOT_FOUND],
    ),
    (
        "POST",
        "/api/v1/workshops/{id}/next-step",
        [UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK, NOT_FOUND],
    ),
    // A new join code: after every row that joins with the old one, before the closing.
    (
        "POST",
        "/api/v1/workshops/{id}/join-code",
        [UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK, NOT_FOUND],
    ),
    // Closing the workshop refuses everything but its follow-up from then on, so it comes after
    // every row that changes the record of the days; closing it again changes nothing.
    (
        "POST",
        "/api/v1/workshops/{id}/spotlight",
        [UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK, NOT_FOUND],
    ),
    (
        "POST",
        "/api/v1/workshops/{id}/zoom",
        [UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK, NOT_FOUND],
    ),
    (
        "POST",
        "/api/v1/workshops/{id}/close",
        [UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK, NOT_FOUND],
    ),
    (
        "POST",
        "/facilitator/workshops/{id}/close",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, To("/facilitator/workshops/{id}"), NOT_FOUND],
    ),
    // Last, because they end things: deleting the workshop, then the sessions. Signing in ends
    // the session the browser held before (a signed-in facilitator's too), so it comes here.
    // Its follow-up page is published, so deleting archives it, and deleting it for good is
    // the second step.
    (
        "POST",
        "/facilitator/workshops/{id}/delete",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, To("/facilitator#archived"), NOT_FOUND],
    ),
    (
        "POST",
        "/facilitator/workshops/{id}/delete-for-good",
        [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, To("/facilitator"), NOT_FOUND],
    ),
    ("POST", "/signin", [To("/facilitator"); N_ROLES]),
    ("POST", "/signout", [To("/"); N_ROLES]),
];

/// The routes of the router, as (method, path) pairs, read from its source.
fn router_routes() -> BTreeSet<(String, String)> {
    let source = include_str!("../../../web/src/lib.rs");
    for unsupported in [".nest(", ".nest_service(", ".route_service(", ".merge("] {
        assert!(!source.contains(unsupported), "the router uses {unsupported}: teach this test to read it");
    }
    let mut routes = BTreeSet::new();
    let mut rest = source;
    while let Some(at) = rest.find(".route(") {
        let call = &rest[at + ".route(".len()..];
        // The call's arguments, up to the matching parenthesis.
        let mut depth = 1;
        let end = call
            .char_indices()
            .find(|(_, c)| {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                depth == 0
            })
            .map(|(index, _)| index)
            .expect("a closed .route( call");
        let arguments = &call[..end];
        let path = arguments.split('"').nth(1).expect("the path is the first string").to_owned();
        let handlers = &arguments[arguments.find(',').expect("a method router after the path")..];
        let mut found = false;
        for method in ["get", "post", "put", "patch", "delete", "head", "options", "any"] {
            let needle = format!("{method}(");
            let mut from = 0;
            while let Some(position) = handlers[from..].find(&needle) {
                let absolute = from + position;
                let before = handlers[..absolute].chars().last().unwrap_or(' ');
                if !(before.is_alphanumeric() || before == '_' || before == ':') {
                    routes.insert((method.to_uppercase(), path.clone()));
                    found = true;
                }
                from = absolute + needle.len();
            }
        }
        assert!(found, "no method found for route {path}: {arguments}");
        rest = &call[end..];
    }
    assert!(routes.len() > 20, "the router source was not read: {routes:?}");
    routes
}

#[test]
fn every_route_of_the_router_has_a_row_in_the_table_and_every_row_a_route() {
    let routes = router_routes();
    let rows: BTreeSet<(String, String)> =
        TABLE.iter().map(|(method, path, _)| (method.to_string(), path.to_string())).collect();
    assert_eq!(rows.len(), TABLE.len(), "a row appears twice");
    let missing: Vec<_> = routes.difference(&rows).collect();
    let stale: Vec<_> = rows.difference(&routes).collect();
    assert!(missing.is_empty(), "routes without a row in the access table: {missing:?}");
    assert!(stale.is_empty(), "rows for routes the router no longer has: {stale:?}");
}

/// The ids of the notes the participant's phone posts (a note's id is chosen before it is sent).
const PHONE_NOTE: &str = "0190f000-0000-7000-8000-00000000a001";
const PHONE_REMOVABLE_NOTE: &str = "0190f000-0000-7000-8000-00000000a002";

/// Everything the cells need: a workshop of Ann's with its participant, a workshop of Bob's
/// with its participant, a browser and a token per role.
struct World {
    server: Server,
    workshop: String,
    join_code: String,
    /// The open activity, where notes go.
    open_activity: String,
    /// The activity the open/close cells switch.
    switched_activity: String,
    /// A participant kept for the role cells, which make them an expert (so that the
    /// participant column stays a plain participant).
    participant_id: String,
    /// A duplicate of that participant, for the merge cells, and a participant for the
    /// removal cells.
    duplicate_participant: String,
    removable_participant: String,
    /// A note in the open activity, for the cells that act on a contribution, and a duplicate
    /// of it for the merge cells.
    contribution_id: String,
    duplicate_note: String,
    /// A note of the participant's own, for the cells that delete or remove one.
    removable_note: String,
    /// Two notes the participant's phone posted, for the cells of the phone's own changes.
    phone_note: String,
    phone_removable_note: String,
    /// A draft activity for the removal cells.
    removable_activity: String,
    /// A card of the workshop's own deck (`workshop`), for the cells that act on one.
    card_id: String,
    /// The address of the workshop's published follow-up page.
    follow_token: String,
    /// The token of the workshop's projection screen address without sign-in.
    screen_token: String,
    /// An open action plan, the card the participant drafted in it, and an open risk map with
    /// one risk, for the rows of those activities.
    plan: String,
    action_id: String,
    risk_map: String,
    risk_id: String,
    /// A bearer token per role (none for anonymous).
    tokens: [Option<String>; N_ROLES],
    /// A browser per role, with the cookies the forms gave it.
    browsers: Vec<Browser>,
    /// An unused setup token per role for `POST /setup/{token}`, and one for `GET`.
    setup_tokens: [String; N_ROLES],
    setup_page_token: String,
    /// `/static/{version}/{name}` of a real asset.
    asset: (String, String),
}

async fn world(data: &DataFolder) -> World {
    let bob_token = data.add_facilitator("bob@example.org", "Bob");
    // Cléo and Dan sign in through the `POST /signin` row (participants' browsers as Cléo, the
    // others as Dan, each within the attempts allowed per account), so no other sign-in spends
    // their attempts.
    data.add_facilitator("cleo@example.org", "Cléo");
    data.add_facilitator("dan@example.org", "Dan");
    let setup_tokens = std::array::from_fn(|_| data.setup_token());
    let setup_page_token = data.setup_token();
    let server = Server::start(data);

    let ours = server.create_workshop(&data.token, "Atelier d'Ann").await;
    let theirs = server.create_workshop(&bob_token, "Atelier de Bob").await;
    let workshop = str(&ours, "id").to_owned();
    let join_code = str(&ours, "join_code").to_owned();
    let open_activity = ours["activities"][0]["id"].as_str().unwrap().to_owned();
    let switched_activity = ours["activities"][1]["id"].as_str().unwrap().to_owned();
    server.open(&data.token, &workshop, &open_activity).await;
    server.open(&bob_token, str(&theirs, "id"), theirs["activities"][0]["id"].as_str().unwrap()).await;

    let participant = server.join(&join_code, "Anne").await;
    let participant_id = str(&server.join(&join_code, "Tom").await, "participant_id").to_owned();
    let duplicate_participant = str(&server.join(&join_code, "Tom bis").await, "participant_id").to_owned();
    let removable_participant = str(&server.join(&join_code, "Zoé").await, "participant_id").to_owned();
    // An expert and an observer: participants whose role the facilitator changed. Each is one
    // participant for both the API (its token) and the pages (the same token as its cookie).
    let mut with_role = Vec::new();
    for (name, role) in [("Eve", "expert"), ("Olga", "observer")] {
        let joined = server.join(&join_code, name).await;
        let path = format!("/api/v1/workshops/{workshop}/participants/{}/role", str(&joined, "participant_id"));
        let response =
            server.http.post(server.url(&path)).bearer_auth(&data.token).json(&json!({"role": role})).send().await;
        assert_eq!(response.unwrap().status(), 200, "{name} becomes {role}");
        let mut browser = Browser::open(&server, "fr").await;
        browser.set_cookie(&format!("cv_p_{}", workshop.replace('-', "")), str(&joined, "token"));
        with_role.push((str(&joined, "token").to_owned(), browser));
    }
    let (observer_token, observer) = with_role.pop().unwrap();
    let (expert_token, expert) = with_role.pop().unwrap();
    let posted = server.post_note(str(&participant, "token"), &workshop, &open_activity, "La première note").await;
    let contribution_id = str(&posted.json::<serde_json::Value>().await.unwrap(), "id").to_owned();
    let posted = server.post_note(str(&participant, "token"), &workshop, &open_activity, "La première note, bis").await;
    let duplicate_note = str(&posted.json::<serde_json::Value>().await.unwrap(), "id").to_owned();
    let posted = server.post_note(str(&participant, "token"), &workshop, &open_activity, "Une note à retirer").await;
    let removable_note = str(&posted.json::<serde_json::Value>().await.unwrap(), "id").to_owned();
    let other_participant = server.join(str(&theirs, "join_code"), "Omar").await;
    let tokens = [
        None,
        Some(str(&participant, "token").to_owned()),
        Some(expert_token),
        Some(observer_token),
        Some(str(&other_participant, "token").to_owned()),
        Some(data.token.clone()),
        Some(bob_token),
    ];

    let anonymous = Browser::open(&server, "fr").await;
    let mut participant = Browser::open(&server, "fr").await;
    participant.join(&join_code, "Anne au téléphone").await;
    let mut other_participant = Browser::open(&server, "fr").await;
    other_participant.join(str(&theirs, "join_code"), "Omar au téléphone").await;
    let mut facilitator = Browser::open(&server, "fr").await;
    facilitator.sign_in("ann@example.org", PASSWORD).await;
    let mut other_facilitator = Browser::open(&server, "fr").await;
    other_facilitator.sign_in("bob@example.org", PASSWORD).await;

    // A card in the workshop's own deck, uploaded through a photo-language activity's board.
    let added = facilitator
        .post_form(
            &format!("/facilitator/workshops/{workshop}/activities"),
            &[("kind", "photo_language"), ("title", "Photolangage"), ("prompt", "")],
        )
        .await;
    let photo_activity = added.location.expect("a new activity's page").rsplit('/').next().unwrap().to_owned();
    let image = png(16, 12);
    let file = FilePart { field: "image", file_name: "card.png", content_type: "image/png", bytes: &image };
    let uploaded = facilitator
        .post_multipart(
            &format!("/facilitator/workshops/{workshop}/decks/workshop/cards"),
            &[("title", "La place"), ("activity_id", &photo_activity)],
            &[file],
        )
        .await;
    assert_eq!(uploaded.status, 303, "{}", uploaded.body);
    let board = facilitator.get(&format!("/facilitator/workshops/{workshop}/activities/{photo_activity}")).await;
    let card_id = first_card_id(&board.body, &workshop).expect("the board shows the uploaded card");
    // The follow-up page, published.
    let published = facilitator
        .post_form(&format!("/facilitator/workshops/{workshop}/follow-up/publish"), &[("publish", "true")])
        .await;
    assert_eq!(published.status, 303, "{}", published.body);
    let console = facilitator.get(&format!("/facilitator/workshops/{workshop}/follow-up")).await;
    let at = console.body.find("/follow/").expect("the published address") + "/follow/".len();
    let follow_token: String = console.body[at..].chars().take_while(char::is_ascii_alphanumeric).collect();
    // The projection's address without sign-in, created from the console.
    let created = facilitator.post_form(&format!("/facilitator/workshops/{workshop}/screen-link/create"), &[]).await;
    assert_eq!(created.status, 303, "{}", created.body);
    let console = facilitator.get(&format!("/facilitator/workshops/{workshop}")).await;
    let at = console.body.find("data-screen-url=\"").expect("the screen's address") + "data-screen-url=\"".len();
    let screen_url = &console.body[at..at + console.body[at..].find('"').unwrap()];
    let screen_token = screen_url.rsplit('/').next().unwrap().to_owned();
    let path = format!("/facilitator/workshops/{workshop}/activities");
    let added = facilitator.post_form(&path, &[("kind", "challenges"), ("title", "À retirer"), ("prompt", "")]).await;
    let removable_activity = added.location.expect("a new activity's page").rsplit('/').next().unwrap().to_owned();
    // An action plan with a card and a risk map with a risk, added and opened by the facilitator.
    let mut added = Vec::new();
    for kind in ["action_plan", "risk_map"] {
        let path = format!("/facilitator/workshops/{workshop}/activities");
        let answer = facilitator.post_form(&path, &[("kind", kind), ("title", kind), ("prompt", "")]).await;
        let activity = answer.location.expect("a new activity's page").rsplit('/').next().unwrap().to_owned();
        server.open(&data.token, &workshop, &activity).await;
        added.push(activity);
    }
    let (plan, risk_map) = (added[0].clone(), added[1].clone());
    for (id, text) in [(PHONE_NOTE, "Ma note au téléphone"), (PHONE_REMOVABLE_NOTE, "Ma note à retirer")] {
        let path = format!("/w/{workshop}/a/{open_activity}/notes");
        let posted = participant.post_form(&path, &[("contribution_id", id), ("text", text)]).await;
        assert!(posted.location.is_some(), "the phone posts its note");
    }
    let fields = [("title", "Une fiche"), ("jurisdiction", "shared"), ("source", contribution_id.as_str())];
    let drafted = participant.post_form(&format!("/w/{workshop}/a/{plan}/actions"), &fields).await;
    let action_id = drafted.location.expect("the card's page").rsplit('/').next().unwrap().to_owned();
    let risk = server.post_note(tokens[1].as_deref().unwrap(), &workshop, &risk_map, "Un risque").await;
    let risk_id = str(&risk.json::<serde_json::Value>().await.unwrap(), "id").to_owned();
    let browsers = vec![anonymous, participant, expert, observer, other_participant, facilitator, other_facilitator];

    let landing = server.http.get(server.url("/")).send().await.unwrap().text().await.unwrap();
    let href = landing.split('"').find(|part| part.starts_with("/static/")).expect("the page links an asset");
    let mut parts = href.trim_start_matches("/static/").splitn(2, '/');
    let asset = (parts.next().unwrap().to_owned(), parts.next().unwrap().to_owned());

    World {
        server,
        workshop,
        join_code,
        open_activity,
        switched_activity,
        participant_id,
        duplicate_participant,
        removable_participant,
        contribution_id,
        duplicate_note,
        removable_note,
        phone_note: PHONE_NOTE.to_owned(),
        phone_removable_note: PHONE_REMOVABLE_NOTE.to_owned(),
        removable_activity,
        card_id,
        follow_token,
        screen_token,
        plan,
        action_id,
        risk_map,
        risk_id,
        tokens,
        browsers,
        setup_tokens,
        setup_page_token,
        asset,
    }
}

impl World {
    /// A path template with its placeholders filled for `role`'s cell.
    fn fill(&self, template: &str, method: &str, role: Role) -> String {
        // The page's controls on the second activity leave it as they found it, or in a draft
        // with a timer, so the API's open and close rows below still find it as they expect.
        const ON_THE_SECOND: [&str; 9] = [
            "/close",
            "/timer-start",
            "/timer-pause",
            "/timer-extend",
            "/timer-shorten",
            "/move-up",
            "/move-down",
            "/brainwriting-start",
            "/next-round",
        ];
        let on_activity = |control: &str| template.contains("/activities/") && template.ends_with(control);
        let switches =
            ON_THE_SECOND.into_iter().any(on_activity) || (template.starts_with("/api/") && on_activity("/open"));
        let activity = if template.contains("/actions") {
            &self.plan
        } else if template.contains("/risks/") {
            &self.risk_map
        } else if on_activity("/remove") {
            &self.removable_activity
        } else if switches {
            &self.switched_activity
        } else {
            &self.open_activity
        };
        let participant = if template.ends_with("/participants/{participant_id}/merge") {
            &self.duplicate_participant
        } else if template.ends_with("/participants/{participant_id}/remove") {
            &self.removable_participant
        } else {
            &self.participant_id
        };
        let contribution = if template.ends_with("/contributions/{contribution_id}/merge")
            || template.ends_with("/contributions/{contribution_id}/unmerge")
        {
            &self.duplicate_note
        } else if template.ends_with("/contributions/{contribution_id}/remove") {
            &self.removable_note
        } else if template.starts_with("/w/{id}/notes/") {
            // The participant's phone changes a note of its own.
            if template.ends_with("/remove") { &self.phone_removable_note } else { &self.phone_note }
        } else {
            &self.contribution_id
        };
        let setup = if method == "POST" { &self.setup_tokens[role.column()] } else { &self.setup_page_token };
        template
            .replace("{id}", &self.workshop)
            .replace("{activity_id}", activity)
            .replace("{participant_id}", participant)
            .replace("{contribution_id}", contribution)
            .replace("{deck}", "workshop")
            .replace("{file}", "actions.csv")
            .replace("{card_id}", &self.card_id)
            .replace("{follow_token}", &self.follow_token)
            .replace("{screen_token}", &self.screen_token)
            .replace("{plan}", &self.plan)
            .replace("{risk_map}", &self.risk_map)
            .replace("{action_id}", &self.action_id)
            .replace("{risk}", &self.risk_id)
            .replace("{token}", setup)
            .replace("{version}", &self.asset.0)
            .replace("{name}", &self.asset.1)
    }

    /// The form fields of a page route's POST.
    fn form(&self, template: &str, role: Role) -> Vec<(String, String)> {
        let pairs: Vec<(&str, String)> = match template {
            "/join" => {
                vec![("join_code", self.join_code.clone()), ("name", format!("{role:?}")), ("service", String::new())]
            }
            "/resume" => vec![("join_code", self.join_code.clone()), ("resume_code", "2222-2222".into())],
            "/w/{id}/resume" => vec![("resume_code", "2222-2222".into())],
            "/signin" => {
                let email = if role.column() < Role::OtherParticipant.column() { "cleo" } else { "dan" };
                vec![("email", format!("{email}@example.org")), ("password", PASSWORD.into())]
            }
            "/signin/code" => vec![("pending", "cvt_0.0.0".into()), ("code", "000000".into())],
            "/facilitator/account/sessions/end" => vec![("session", "0123456789abcdef".into())],
            "/facilitator/account/password" => {
                vec![("current_password", "not the password".into()), ("new_password", "a new passphrase".into())]
            }
            "/facilitator/account/totp" => {
                vec![
                    ("secret", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA".into()),
                    ("proof", "0".into()),
                    ("code", "000000".into()),
                ]
            }
            "/facilitator/account/totp/disable" => {
                vec![("password", "not the password".into()), ("code", "000000".into())]
            }
            "/setup/{token}" => vec![
                ("email", format!("setup-{}@example.org", role.column())),
                ("name", format!("{role:?}")),
                ("password", PASSWORD.into()),
            ],
            "/facilitator/workshops" => vec![("title", format!("Créé par {role:?}")), ("language", "fr".into())],
            "/w/{id}/a/{activity_id}/notes" => vec![("text", format!("Une note de {role:?}"))],
            "/facilitator/workshops/{id}/participants/{participant_id}/role" => vec![("role", "expert".into())],
            "/facilitator/workshops/{id}/participants/{participant_id}/seat" => vec![("table", String::new())],
            "/facilitator/workshops/{id}/participants/{participant_id}/merge" => {
                vec![("into", self.participant_id.clone())]
            }
            "/facilitator/workshops/{id}/activities/{activity_id}/shortlist" => {
                vec![("item", self.contribution_id.clone())]
            }
            "/facilitator/workshops/{id}/activities/{activity_id}/edit" => {
                vec![("title", "Les défis".into()), ("prompt", String::new())]
            }
            "/facilitator/workshops/{id}/contributions/{contribution_id}/move" => vec![("kind", "challenge".into())],
            "/facilitator/workshops/{id}/contributions/{contribution_id}/hide" => vec![("reason", "Hors sujet".into())],
            "/facilitator/workshops/{id}/contributions/{contribution_id}/edit" => {
                vec![("text", "La première note".into())]
            }
            "/w/{id}/notes/{contribution_id}/edit" => vec![("text", "Ma note au téléphone".into())],
            "/facilitator/workshops/{id}/contributions/{contribution_id}/merge" => {
                vec![("into", self.contribution_id.clone())]
            }
            "/facilitator/workshops/{id}/contributions/{contribution_id}/categorize" => {
                vec![("activity_id", self.open_activity.clone()), ("category", "0".into())]
            }
            "/facilitator/workshops/{id}/activities" => {
                vec![("kind", "swot".into()), ("title", format!("Ajouté par {role:?}")), ("prompt", String::new())]
            }
            "/facilitator/workshops/{id}/focus" => vec![("activity_id", self.open_activity.clone())],
            "/facilitator/workshops/{id}/tables" => vec![("table_size", "4".into())],
            "/facilitator/workshops/{id}/undo" => vec![("seq", "1".into())],
            "/facilitator/workshops/{id}/joining" => vec![("action", "unlock".into())],
            "/facilitator/workshops/{id}/projection/spotlight" => {
                vec![("contribution_id", self.contribution_id.clone())]
            }
            "/facilitator/workshops/{id}/projection/zoom" => {
                vec![("activity_id", self.open_activity.clone()), ("part", String::new())]
            }
            "/facilitator/workshops/{id}/projection/join-panel" => vec![("panel", "large".into())],
            "/facilitator/workshops/{id}/projection/names" => vec![("hidden", "true".into())],
            "/w/{id}/a/{activity_id}/sort" => {
                vec![("contribution_id", self.contribution_id.clone()), ("category", "0".into())]
            }
            "/w/{id}/a/{activity_id}/actions" => vec![
                ("title", format!("Une fiche de {role:?}")),
                ("jurisdiction", "shared".into()),
                ("source", self.contribution_id.clone()),
            ],
            "/w/{id}/a/{activity_id}/actions/{action_id}/edit" => vec![
                ("base_revision", "1".into()),
                ("title", "Une fiche".into()),
                ("jurisdiction", "shared".into()),
                ("source", self.contribution_id.clone()),
            ],
            "/w/{id}/a/{activity_id}/actions/{action_id}/consensus" => vec![("stance", "agree".into())],
            "/w/{id}/a/{activity_id}/risks/{risk}/rating" => {
                vec![("likelihood", "3".into()), ("impact", "4".into())]
            }
            "/w/{id}/a/{activity_id}/risks/{risk}/mitigations" => vec![("action", self.action_id.clone())],
            "/w/{id}/a/{activity_id}/assess" => {
                vec![("item", self.contribution_id.clone()), ("score-impact", "3".into())]
            }
            "/facilitator/workshops/{id}/fates" => vec![("decision", "undecided".into())],
            "/facilitator/workshops/{id}/follow-up/status" => {
                vec![("action_id", self.action_id.clone()), ("status", "planned".into()), ("note", String::new())]
            }
            "/facilitator/workshops/{id}/follow-up/commitment" => vec![("action_id", self.action_id.clone())],
            "/facilitator/workshops/{id}/follow-up/publish" => vec![("publish", "true".into())],
            _ => Vec::new(),
        };
        pairs.into_iter().map(|(name, value)| (name.to_owned(), value)).collect()
    }

    /// The JSON body of an API route's POST.
    fn json(&self, template: &str, role: Role) -> Option<serde_json::Value> {
        match template {
            "/api/v1/workshops" => Some(json!({"title": format!("Créé par {role:?}")})),
            "/api/v1/join" => Some(json!({"join_code": self.join_code, "name": format!("{role:?}")})),
            "/api/v1/resume" => Some(json!({"join_code": self.join_code, "resume_code": "2222-2222"})),
            "/api/v1/workshops/{id}/participants/{participant_id}/role" => Some(json!({"role": "expert"})),
            "/api/v1/workshops/{id}/spotlight" => Some(json!({"contribution_id": self.contribution_id})),
            "/api/v1/workshops/{id}/contributions/{contribution_id}/hide" => Some(json!({"reason": "Hors sujet"})),
            "/api/v1/workshops/{id}/contributions/{contribution_id}/edit" => Some(json!({"text": "La première note"})),
            "/api/v1/workshops/{id}/zoom" => Some(json!({"activity_id": null})),
            "/api/v1/workshops/{id}/activities/{activity_id}/ballots" => {
                Some(json!({"type": "approval", "approved": []}))
            }
            "/api/v1/workshops/{id}/actions" => Some(json!({
                "activity_id": self.plan,
                "card": {"title": format!("Une fiche de {role:?}"), "jurisdiction": "shared"},
                "sources": [self.contribution_id],
            })),
            "/api/v1/workshops/{id}/actions/{action_id}" => Some(json!({
                "base_revision": 1,
                "card": {"title": "Une fiche", "jurisdiction": "shared"},
                "sources": [self.contribution_id],
            })),
            "/api/v1/workshops/{id}/focus" => Some(json!({"activity_id": self.open_activity})),
            "/api/v1/workshops/{id}/undo" => Some(json!({"seq": 1})),
            "/api/v1/workshops/{id}/activities/{activity_id}/shortlist" => {
                Some(json!({"items": [self.contribution_id]}))
            }
            "/api/v1/workshops/{id}/activities/{activity_id}/move" => Some(json!({"position": 0})),
            "/api/v1/workshops/{id}/contributions/{contribution_id}/categorize" => {
                Some(json!({"activity_id": self.open_activity, "category": 0}))
            }
            "/api/v1/workshops/{id}/contributions/{contribution_id}/move" => Some(json!({"kind": "challenge"})),
            "/api/v1/workshops/{id}/contributions/{contribution_id}/merge" => {
                Some(json!({"into": self.contribution_id}))
            }
            "/api/v1/workshops/{id}/tables" => Some(json!({"table_size": 4})),
            "/api/v1/workshops/{id}/participants/{participant_id}/seat" => Some(json!({"table": null})),
            "/api/v1/workshops/{id}/participants/{participant_id}/presence" => Some(json!({"present": true})),
            "/api/v1/workshops/{id}/joining" => Some(json!({"locked": false})),
            "/api/v1/workshops/{id}/participants/{participant_id}/merge" => Some(json!({"into": self.participant_id})),
            "/api/v1/workshops/{id}/contributions" => {
                Some(json!({"activity_id": self.open_activity, "text": format!("Une contribution de {role:?}")}))
            }
            _ => None,
        }
    }

    /// Runs one cell: (status, location, start of the body).
    async fn call(&self, method: &str, template: &str, role: Role) -> (u16, Option<String>, String) {
        let path = self.fill(template, method, role);
        let method_value = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let request = if template.starts_with("/api/") {
            let mut request =
                self.server.http.request(method_value, self.server.url(&path)).header("Accept-Language", "fr");
            if let Some(token) = &self.tokens[role.column()] {
                request = request.bearer_auth(token);
            }
            if let Some(body) = self.json(template, role) {
                request = request.json(&body);
            }
            request
        } else {
            let browser = &self.browsers[role.column()];
            if template.ends_with("/decks/{deck}/cards") {
                // The upload form is multipart, its token the first field.
                let image = png(8, 8);
                let file = FilePart { field: "image", file_name: "card.png", content_type: "image/png", bytes: &image };
                let title = format!("Carte de {role:?}");
                let (content_type, body) = multipart_encode(&[("_csrf", &browser.csrf), ("title", &title)], &[file]);
                browser.build(method_value, &path).header("Content-Type", content_type).body(body)
            } else if template.contains("/follow-up/import") {
                // The import forms are multipart too.
                let (content_type, body) = multipart_encode(&[("_csrf", &browser.csrf), ("text", "")], &[]);
                browser.build(method_value, &path).header("Content-Type", content_type).body(body)
            } else if method == "POST" {
                let mut fields = vec![("_csrf".to_owned(), browser.csrf.clone())];
                fields.extend(self.form(template, role));
                let pairs: Vec<(&str, &str)> =
                    fields.iter().map(|(name, value)| (name.as_str(), value.as_str())).collect();
                browser
                    .build(method_value, &path)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .body(form_encode(&pairs))
            } else {
                browser.build(method_value, &path)
            }
        };
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let location = response.headers().get("location").and_then(|value| value.to_str().ok()).map(str::to_owned);
        let streaming = response
            .headers()
            .get("content-type")
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.starts_with("text/event-stream"));
        // A live stream never ends; its status is all a cell needs.
        let body = if streaming { String::new() } else { response.text().await.unwrap_or_default() };
        (status, location, excerpt(&body))
    }

    /// A location with this world's ids shown as the placeholders they fill.
    fn unfill(&self, location: &str) -> String {
        let known = location
            .replace(&self.workshop, "{id}")
            .replace(&self.open_activity, "{aid}")
            .replace(&self.switched_activity, "{aid}")
            .replace(&self.plan, "{aid}")
            .replace(&self.risk_map, "{aid}")
            .replace(&self.action_id, "{action_id}")
            .replace(&self.risk_id, "{risk}");
        // Ids the cells made themselves, e.g. a workshop just created.
        known
            .split('/')
            .map(|part| if part.len() == 36 && part.matches('-').count() == 4 { "{new}" } else { part })
            .collect::<Vec<_>>()
            .join("/")
    }

    fn matches(&self, expect: Expect, method: &str, role: Role, status: u16, location: Option<&str>) -> bool {
        match expect {
            S(expected) => status == expected,
            Denied => status == 401 || status == 403,
            To(template) => {
                let wanted = self.fill(template, method, role);
                status == 303
                    && location.is_some_and(|location| {
                        if wanted.ends_with('/') { location.starts_with(&wanted) } else { location == wanted }
                    })
            }
        }
    }
}

/// What an answer says: an error page's message, or the start of the body.
fn excerpt(body: &str) -> String {
    if let Some(at) = body.find("role=\"alert\">") {
        let message = &body[at + "role=\"alert\">".len()..];
        return format!("page: «{}»", &message[..message.find('<').unwrap_or(message.len())]);
    }
    body.chars().take(200).collect()
}

#[tokio::test]
async fn each_role_gets_exactly_the_access_the_table_gives_on_every_route() {
    let data = DataFolder::new();
    let world = world(&data).await;
    let mut wrong = Vec::new();
    let mut matrix = String::new();
    for (method, template, expected) in TABLE {
        let mut line = format!("{method:<5} {template:<60}");
        let mut answers: [String; N_ROLES] = Default::default();
        for role in RUN_ORDER {
            let expect = expected[role.column()];
            let (status, location, body) = world.call(method, template, role).await;
            let good = world.matches(expect, method, role, status, location.as_deref());
            answers[role.column()] = match &location {
                Some(location) if status / 100 == 3 => format!("{status}→{}", world.unfill(location)),
                _ => status.to_string(),
            };
            if status >= 500 {
                wrong.push(format!("{method} {template} as {role:?}: a server error {status}: {body}"));
            } else if !good {
                wrong.push(format!(
                    "{method} {template} as {role:?}: expected {expect}, got {status}{}: {body}",
                    location.map(|location| format!(" → {location}")).unwrap_or_default()
                ));
            }
        }
        for answer in answers {
            line.push_str(&format!(" {answer:<16}"));
        }
        matrix.push_str(&line);
        matrix.push('\n');
    }

    // What the last rows ended is ended for everyone: the deleted workshop, the closed sessions.
    for role in [Role::Participant, Role::Facilitator] {
        let token = world.tokens[role.column()].as_deref().unwrap();
        for path in
            [format!("/api/v1/workshops/{}", world.workshop), format!("/api/v1/workshops/{}/export", world.workshop)]
        {
            let status = world
                .server
                .http
                .get(world.server.url(&path))
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16();
            if status != 404 {
                wrong
                    .push(format!("GET {path} as {role:?} after the workshop was deleted: expected 404, got {status}"));
            }
        }
    }
    let phone = &world.browsers[Role::Participant.column()];
    let status =
        phone.build(reqwest::Method::GET, &format!("/w/{}", world.workshop)).send().await.unwrap().status().as_u16();
    if status != 404 {
        wrong.push(format!("GET /w/{{id}} as Participant after the workshop was deleted: expected 404, got {status}"));
    }
    for role in [Role::Facilitator, Role::OtherFacilitator] {
        let old_session = &world.browsers[role.column()];
        let response = old_session.build(reqwest::Method::GET, "/facilitator").send().await.unwrap();
        let location = response.headers().get("location").and_then(|value| value.to_str().ok()).map(str::to_owned);
        if (response.status().as_u16(), location.as_deref()) != (303, Some("/signin")) {
            wrong.push(format!(
                "GET /facilitator as {role:?} after signing out: expected 303→/signin, got {}",
                response.status()
            ));
        }
    }

    assert!(
        wrong.is_empty(),
        "{} cells differ from the access table:\n{}\n\nWhat each role got (anonymous, participant, expert, observer, other participant, facilitator, other facilitator):\n{matrix}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn participants_never_get_a_success_on_a_facilitator_route() {
    // A property of the table itself, so a careless edit cannot grant it.
    let facilitator_only = |method: &str, path: &str| {
        path.starts_with("/facilitator")
            || path.ends_with("/open")
            || path.ends_with("/close")
            || path.ends_with("/export")
            || path.ends_with("/next-step")
            || path.ends_with("/focus")
            || path.contains("/timer/")
            || path.ends_with("/undo")
            || (path == "/api/v1/workshops")
            || (method == "POST" && path.ends_with("/delete"))
            || path.contains("/screen-link")
            || path.ends_with("/hide")
            || path.ends_with("/show")
            || path.ends_with("/unmerge")
    };
    for (method, path, expected) in TABLE {
        if !facilitator_only(method, path) {
            continue;
        }
        for role in [Role::Anonymous, Role::Participant, Role::Expert, Role::Observer, Role::OtherParticipant] {
            let expect = expected[role.column()];
            let grants = match expect {
                S(status) => status < 300,
                Denied => false,
                To(location) => location != "/signin",
            };
            assert!(!grants, "the table lets {role:?} through {method} {path} ({expect})");
        }
        // Another workshop's facilitator learns nothing about this one.
        if path.contains("{id}") {
            assert_eq!(expected[Role::OtherFacilitator.column()], NOT_FOUND, "{method} {path}");
        }
    }
}

/// What the table does not say about the roles it has as columns: why an observer is refused,
/// that they see their role, and that no participant can be made a facilitator.
#[tokio::test]
async fn observers_are_told_why_and_nobody_is_promoted_to_facilitator() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let created = server.create_workshop(&data.token, "Rôles").await;
    let workshop = str(&created, "id").to_owned();
    let activity = created["activities"][0]["id"].as_str().unwrap().to_owned();
    server.open(&data.token, &workshop, &activity).await;
    let observer = server.join(str(&created, "join_code"), "Olga").await;
    let set_role = |participant: &str, role: &str| {
        let path = format!("/api/v1/workshops/{workshop}/participants/{participant}/role");
        server.http.post(server.url(&path)).bearer_auth(&data.token).json(&json!({"role": role})).send()
    };
    assert_eq!(set_role(str(&observer, "participant_id"), "observer").await.unwrap().status(), 200);
    let refused = server.post_note(str(&observer, "token"), &workshop, &activity, "je regarde").await;
    assert_eq!(refused.status(), 403);
    let body: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(body["error"]["code"], "observer_cannot_contribute");
    assert_eq!(server.workshop(str(&observer, "token"), &workshop).await["your_role"], "observer");
    let promoted = set_role(str(&observer, "participant_id"), "facilitator").await.unwrap();
    assert_eq!(promoted.status(), 403, "nobody is promoted to facilitator");
}
