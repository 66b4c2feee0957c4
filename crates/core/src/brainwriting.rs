//! Brainwriting (the 6-3-5 method): who holds which sheet in which round at one table.
//!
//! # The method
//! Each member of a table starts a sheet. In each timed round every member writes up to K ideas
//! on the sheet in front of them, building on the ideas already on it; then every sheet passes
//! to the next member. The classic setting is 6 people, 3 ideas, 5 minutes, so after 6 rounds
//! each sheet carries 18 ideas by 6 authors. Tables smaller or larger than 6 work the same way.
//! This module only decides where the sheets are; the timer and the ideas' texts live elsewhere.
//!
//! Sheets are numbered by the seat that started them: sheet `i` is the sheet of the member in
//! seat `i`. The seat order is fixed when the table is formed. In round `r` (counted from 0)
//! sheet `i` lies in front of seat `(i + r) mod n`, where `n` is the number of seats, so seat
//! `s` holds sheet `(s - r) mod n`: the classic "pass to your neighbour". A cycle is `n` rounds:
//! in any `n` consecutive rounds every sheet lies once in front of every seat.
//!
//! # Absences: the sheet waits on the empty chair
//! A member who leaves keeps their seat. Sheets go on moving around *all* the seats exactly as if
//! everyone were there; a sheet that lies in front of an empty seat is not written on in that
//! round and moves on at the next one. This is what happens on paper when someone steps out,
//! and it gives, whatever the sequence of departures and returns:
//!
//! - every present member holds exactly one sheet in every round, and a sheet has at most one
//!   holder: nobody waits for a sheet because somebody else left;
//! - a member never holds the same sheet twice in any `n` consecutive rounds, because their seat
//!   sees each sheet once per cycle whether they were there or not;
//! - no sheet is lost: in every round each sheet is either held or waiting at an empty seat, and
//!   it keeps moving; within any `n` consecutive rounds it reaches every seat, so every member
//!   present throughout those rounds writes on it. A sheet stays blank for a whole cycle only if
//!   each seat happened to be empty exactly when the sheet reached it;
//! - the ideas on a departed member's own sheet keep circulating and growing;
//! - with nobody absent, the rotation is the classic one: after `n - 1` rounds each member has
//!   written on every other member's sheet exactly once.
//!
//! The alternative, passing sheets only among present members, either gives some members two
//! sheets at once or makes them receive a sheet they have already written on, and it changes
//! everybody's next sheet whenever one person steps out, which a room cannot follow.
//!
//! # Timing
//! A round's assignment is fixed when the round starts ([`Rotation::start_round`]): a member who
//! leaves during a round keeps the sheet they hold (what they wrote stays on it), and departures
//! and returns take effect from the next round started. A member who returns receives sheets
//! from the next round on. The seats are fixed: a newcomer joins another activity's table, not a
//! brainwriting table in progress.

use std::collections::BTreeMap;

/// The number of people per table in the classic method (the "6" of 6-3-5).
pub const DEFAULT_TABLE_SIZE: usize = 6;

/// The number of ideas each member writes per round in the classic method (the "3" of 6-3-5).
pub const DEFAULT_IDEAS_PER_ROUND: usize = 3;

/// A sheet, numbered by the seat of the member who started it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct SheetIdx(pub usize);

/// Why a table or an idea was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RotationError {
    #[error("a brainwriting table needs at least one member")]
    EmptyTable,
    #[error("the member in seat {seat} is already seated earlier at this table")]
    DuplicateMember { seat: usize },
    #[error("this person is not seated at this table")]
    NotSeated,
    #[error("round {round} has not started")]
    RoundNotStarted { round: usize },
    #[error("this member was absent in round {round} and held no sheet")]
    NoSheetHeld { round: usize },
    #[error("{n_ideas} ideas were written in round {round}; a round takes at most {max_ideas} per member")]
    TooManyIdeas { round: usize, n_ideas: usize, max_ideas: usize },
}

/// Who holds which sheet in which round at one brainwriting table. See the module documentation
/// for the rule.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(bound(serialize = "T: serde::Serialize", deserialize = "T: serde::Deserialize<'de> + Ord"))]
pub struct Rotation<T> {
    /// The members in seat order; `seats[i]` started sheet `i`.
    seats: Vec<T>,
    seat_by_member: BTreeMap<T, usize>,
    /// Who is at the table now, by seat; frozen into `presence_by_round` when a round starts.
    present_now: Vec<bool>,
    /// Who was at the table in each started round, by seat.
    presence_by_round: Vec<Vec<bool>>,
}

/// The ideas one member wrote in one round, in the order they were written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenIdeas<T, I> {
    pub round: usize,
    pub author: T,
    pub ideas: Vec<I>,
}

/// An idea as it stands on a sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetIdea<T, I> {
    pub round: usize,
    pub author: T,
    pub idea: I,
}

impl<T: Clone + Ord> Rotation<T> {
    /// Seats `members` in the given order, everyone present, before the first round.
    pub fn new(members: Vec<T>) -> Result<Rotation<T>, RotationError> {
        if members.is_empty() {
            return Err(RotationError::EmptyTable);
        }
        let mut seat_by_member = BTreeMap::new();
        for (seat, member) in members.iter().enumerate() {
            if seat_by_member.insert(member.clone(), seat).is_some() {
                return Err(RotationError::DuplicateMember { seat });
            }
        }
        Ok(Rotation {
            present_now: vec![true; members.len()],
            seats: members,
            seat_by_member,
            presence_by_round: Vec::new(),
        })
    }

    /// The members in seat order; the member in seat `i` started sheet `i`.
    pub fn seats(&self) -> &[T] {
        &self.seats
    }

    /// One sheet per seat, including the seats of members who left.
    pub fn n_sheets(&self) -> usize {
        self.seats.len()
    }

    /// The number of rounds after which the sheets are back in front of the seats that started
    /// them. Within any window of this many rounds, nobody holds the same sheet twice.
    pub fn rounds_per_cycle(&self) -> usize {
        self.seats.len()
    }

    pub fn rounds_started(&self) -> usize {
        self.presence_by_round.len()
    }

    /// The round in progress (the last one started), or `None` before the first round.
    pub fn current_round(&self) -> Option<usize> {
        self.presence_by_round.len().checked_sub(1)
    }

    /// Starts the next round with the members present now and returns its number. Its
    /// assignment is fixed from here on.
    pub fn start_round(&mut self) -> usize {
        self.presence_by_round.push(self.present_now.clone());
        self.presence_by_round.len() - 1
    }

    /// Records that `member` left the table: from the next round on, the sheet that reaches
    /// their seat waits there for one round. Leaving twice is the same as leaving once.
    pub fn leave(&mut self, member: &T) -> Result<(), RotationError> {
        let seat = self.seat_of(member)?;
        self.present_now[seat] = false;
        Ok(())
    }

    /// Records that `member` is back at their seat: they hold a sheet from the next round on.
    /// Rejoining while present changes nothing.
    pub fn rejoin(&mut self, member: &T) -> Result<(), RotationError> {
        let seat = self.seat_of(member)?;
        self.present_now[seat] = true;
        Ok(())
    }

    /// Whether `member` is at the table now, that is, for the next round to start.
    pub fn is_present(&self, member: &T) -> bool {
        self.seat_of(member).is_ok_and(|seat| self.present_now[seat])
    }

    /// Whether `member` was at the table in `round` (false for a round not started).
    pub fn was_present(&self, member: &T, round: usize) -> bool {
        match (self.seat_of(member), self.presence_by_round.get(round)) {
            (Ok(seat), Some(presence)) => presence[seat],
            _ => false,
        }
    }

    /// The member who started `sheet`, present or not.
    pub fn starter_of(&self, sheet: SheetIdx) -> Option<&T> {
        self.seats.get(sheet.0)
    }

    /// The member who holds `sheet` in `round`, or `None` if the round has not started, the sheet
    /// does not exist, or the sheet waits at an empty seat in that round.
    pub fn holder_of(&self, sheet: SheetIdx, round: usize) -> Option<&T> {
        let presence = self.presence_by_round.get(round)?;
        if sheet.0 >= self.n_sheets() {
            return None;
        }
        let seat = self.seat_in_front_of(sheet, round);
        presence[seat].then(|| &self.seats[seat])
    }

    /// The sheet `member` holds in `round`, or `None` if the round has not started or the member
    /// is not seated here or was absent.
    pub fn sheet_of(&self, member: &T, round: usize) -> Option<SheetIdx> {
        let seat = self.seat_of(member).ok()?;
        let presence = self.presence_by_round.get(round)?;
        presence[seat].then(|| self.sheet_in_front_of(seat, round))
    }

    /// Every present member of `round` with the sheet they hold, in seat order; empty for a round
    /// not started.
    pub fn assignments(&self, round: usize) -> Vec<(&T, SheetIdx)> {
        let Some(presence) = self.presence_by_round.get(round) else {
            return Vec::new();
        };
        (0..self.n_sheets())
            .filter(|seat| presence[*seat])
            .map(|seat| (&self.seats[seat], self.sheet_in_front_of(seat, round)))
            .collect()
    }

    /// The sheets that wait at an empty seat in `round`, in seat order; empty for a round not
    /// started. Together with [`Rotation::assignments`] they account for every sheet.
    pub fn waiting_sheets(&self, round: usize) -> Vec<SheetIdx> {
        let Some(presence) = self.presence_by_round.get(round) else {
            return Vec::new();
        };
        (0..self.n_sheets()).filter(|seat| !presence[*seat]).map(|seat| self.sheet_in_front_of(seat, round)).collect()
    }

    /// The sheets `member` held in the rounds before `round`, in the order they held them, so a
    /// screen can say "you have already written on this one". The rule never hands a member the
    /// same sheet twice within [`Rotation::rounds_per_cycle`] rounds.
    pub fn sheets_held_before(&self, member: &T, round: usize) -> Vec<SheetIdx> {
        let Ok(seat) = self.seat_of(member) else {
            return Vec::new();
        };
        self.presence_by_round
            .iter()
            .enumerate()
            .take(round)
            .filter(|(_, presence)| presence[seat])
            .map(|(past_round, _)| self.sheet_in_front_of(seat, past_round))
            .collect()
    }

    /// Puts the ideas written in each round on the sheet their author held, and returns every
    /// sheet's ideas (indexed by [`SheetIdx`]) in the order a reader sees them: by round, and
    /// within a round in the order written. Refuses ideas from someone who held no sheet in that
    /// round and more than `max_ideas_per_round` ideas from one member in one round, so nothing
    /// is silently dropped. Several entries for the same member and round are joined in order.
    pub fn sheets_with_ideas<I>(
        &self,
        written: impl IntoIterator<Item = WrittenIdeas<T, I>>,
        max_ideas_per_round: usize,
    ) -> Result<Vec<Vec<SheetIdea<T, I>>>, RotationError> {
        // Keyed by (round, seat) so that iterating in key order visits the rounds in order.
        let mut ideas_by_round_and_seat: BTreeMap<(usize, usize), (T, Vec<I>)> = BTreeMap::new();
        for WrittenIdeas { round, author, ideas } in written {
            let seat = self.seat_of(&author)?;
            let presence = self.presence_by_round.get(round).ok_or(RotationError::RoundNotStarted { round })?;
            if !presence[seat] {
                return Err(RotationError::NoSheetHeld { round });
            }
            let (_, ideas_of_round) =
                ideas_by_round_and_seat.entry((round, seat)).or_insert_with(|| (author, Vec::new()));
            ideas_of_round.extend(ideas);
            if ideas_of_round.len() > max_ideas_per_round {
                return Err(RotationError::TooManyIdeas {
                    round,
                    n_ideas: ideas_of_round.len(),
                    max_ideas: max_ideas_per_round,
                });
            }
        }

        let mut sheets: Vec<Vec<SheetIdea<T, I>>> = (0..self.n_sheets()).map(|_| Vec::new()).collect();
        for ((round, seat), (author, ideas)) in ideas_by_round_and_seat {
            let sheet = self.sheet_in_front_of(seat, round);
            sheets[sheet.0].extend(ideas.into_iter().map(|idea| SheetIdea { round, author: author.clone(), idea }));
        }
        Ok(sheets)
    }

    fn seat_of(&self, member: &T) -> Result<usize, RotationError> {
        self.seat_by_member.get(member).copied().ok_or(RotationError::NotSeated)
    }

    /// Seat `s` holds sheet `(s - r) mod n` in round `r`; `round % n` keeps the subtraction from
    /// underflowing. `n` is never zero: [`Rotation::new`] refuses an empty table.
    fn sheet_in_front_of(&self, seat: usize, round: usize) -> SheetIdx {
        let n = self.n_sheets();
        SheetIdx((seat + n - round % n) % n)
    }

    fn seat_in_front_of(&self, sheet: SheetIdx, round: usize) -> usize {
        (sheet.0 + round) % self.n_sheets()
    }
}
