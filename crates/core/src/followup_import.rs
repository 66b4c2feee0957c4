//! Bulk status updates from a CSV file: reading, checking every row against the workshop, and
//! the dry run that lists what would change and what is refused. Pure: nothing here applies
//! anything; the page applies the checked updates as one `UpdateActionStatuses` command, all
//! or nothing, after checking the same text again.
//!
//! The file has a header naming its columns — `action_id`, `status`, `note`, `next_update_due`,
//! `effective_on` (the last three may be left out) — and one row per update. A file saved by a
//! spreadsheet in French uses `;` between fields; the header tells which separator the file uses.
//! Rows are checked in order, as the domain applies them: a row may keep the next update's date
//! an earlier row of the file gave.

use crate::outcomes::outcome_limits::STATUS_BATCH_MAX;
use crate::{ActionId, ActionStatus, CalendarDate, DomainError, StatusUpdate, StatusUpdateCheck, Workshop};

/// The columns an import may have, in the order of the template.
pub const COLUMNS: [&str; 5] = ["action_id", "status", "note", "next_update_due", "effective_on"];

/// Why a file or one of its rows is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The bytes are not UTF-8: a spreadsheet saved it in Latin-1 or Windows-1252.
    NotUtf8,
    /// Nothing but perhaps a header.
    Empty,
    /// The first line does not name the columns; `found` is what it says instead.
    BadHeader {
        found: String,
    },
    /// More rows than one import may apply.
    TooManyRows {
        max: usize,
    },
    /// A row that is not CSV or does not have one field per column.
    Malformed {
        fields: usize,
        expected: usize,
    },
    /// `action_id` is not the id of an action of this workshop.
    UnknownAction {
        raw: String,
    },
    InvalidStatus {
        raw: String,
    },
    InvalidDate {
        raw: String,
    },
    /// The domain refuses the update (dropped without a reason, a withdrawn action, a note
    /// too long or with control characters, a date that would leave the action overdue, progress
    /// dated after today).
    Refused(DomainError),
}

/// A refused row, or the whole file when `line` is `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub line: Option<u64>,
    pub problem: Problem,
}

/// A row that would apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub line: u64,
    pub title: String,
    /// The status before this row: the action's, or the one an earlier row of the file set.
    pub from: ActionStatus,
    pub update: StatusUpdate,
}

/// What an import would do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DryRun {
    pub changes: Vec<Change>,
    pub rejections: Vec<Rejection>,
}

impl DryRun {
    /// Applying is all or nothing: only a file without a single refused row is applied.
    pub fn can_apply(&self) -> bool {
        self.rejections.is_empty() && !self.changes.is_empty()
    }

    /// The updates to apply, in the file's order.
    pub fn updates(&self) -> Vec<StatusUpdate> {
        self.changes.iter().map(|change| change.update.clone()).collect()
    }

    fn refuse_file(problem: Problem) -> DryRun {
        DryRun { changes: Vec::new(), rejections: vec![Rejection { line: None, problem }] }
    }
}

/// The text of an uploaded file: UTF-8, with or without a byte-order mark.
pub fn decode(bytes: &[u8]) -> Result<&str, Problem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|_| Problem::NotUtf8)
}

/// Checks every row of `bytes` against `workshop`, as if applied on `today`, and says what
/// applying them would do.
pub fn dry_run_bytes(workshop: &Workshop, bytes: &[u8], today: CalendarDate) -> DryRun {
    match decode(bytes) {
        Ok(text) => dry_run(workshop, text, today),
        Err(problem) => DryRun::refuse_file(problem),
    }
}

/// Checks every row of `text` against `workshop`, as if applied on `today`, and says what
/// applying them would do.
pub fn dry_run(workshop: &Workshop, text: &str, today: CalendarDate) -> DryRun {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let Some(header_line) = text.lines().find(|line| !line.trim().is_empty()) else {
        return DryRun::refuse_file(Problem::Empty);
    };
    // A spreadsheet set to French writes `;`, since `,` is its decimal separator.
    let separator = if header_line.contains(';') && !header_line.contains(',') { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(header)) => header,
        _ => return DryRun::refuse_file(Problem::BadHeader { found: header_line.trim().to_owned() }),
    };
    let Some(columns) = columns_of(&header) else {
        return DryRun::refuse_file(Problem::BadHeader { found: header_line.trim().to_owned() });
    };
    let mut run = DryRun::default();
    let mut check = StatusUpdateCheck::new(workshop, today);
    // Statuses as the rows so far leave them, so a second row for an action starts from the first.
    let mut current: Vec<(ActionId, ActionStatus)> = Vec::new();
    let mut rows = 0usize;
    for record in records {
        let (line, record) = match record {
            Ok(record) => (record.position().map_or(0, |position| line_at(text, position.byte())), record),
            Err(error) => {
                let line = error.position().map(|position| line_at(text, position.byte()));
                run.rejections
                    .push(Rejection { line, problem: Problem::Malformed { fields: 0, expected: columns.len() } });
                continue;
            }
        };
        if record.iter().all(str::is_empty) {
            continue;
        }
        rows += 1;
        if rows > STATUS_BATCH_MAX {
            return DryRun::refuse_file(Problem::TooManyRows { max: STATUS_BATCH_MAX });
        }
        if record.len() != columns.len() {
            let problem = Problem::Malformed { fields: record.len(), expected: columns.len() };
            run.rejections.push(Rejection { line: Some(line), problem });
            continue;
        }
        let field = |column: Column| {
            columns.iter().position(|known| *known == column).and_then(|index| record.get(index)).unwrap_or_default()
        };
        let row = Row {
            id: field(Column::ActionId),
            status: field(Column::Status),
            note: field(Column::Note),
            due: field(Column::Due),
            effective: field(Column::Effective),
        };
        match check_row(workshop, &mut check, row) {
            Ok(update) => {
                let Some(action) = workshop.action(update.action_id) else { continue };
                let from = current
                    .iter()
                    .rev()
                    .find(|(id, _)| *id == update.action_id)
                    .map_or(action.follow_up.status, |(_, status)| *status);
                current.push((update.action_id, update.status));
                run.changes.push(Change { line, title: action.card.title.clone(), from, update });
            }
            Err(problem) => run.rejections.push(Rejection { line: Some(line), problem }),
        }
    }
    if run.changes.is_empty() && run.rejections.is_empty() {
        return DryRun::refuse_file(Problem::Empty);
    }
    run
}

/// The line a record starting at `byte` is on, counted from 1. The reader's own line count
/// skips blank lines and line breaks inside quotes unevenly; its byte offsets are exact, and
/// point at the blank lines before a record, which are stepped over here.
fn line_at(text: &str, byte: u64) -> u64 {
    let bytes = text.as_bytes();
    let mut at = usize::try_from(byte).unwrap_or(usize::MAX).min(bytes.len());
    while at < bytes.len() && matches!(bytes[at], b'\n' | b'\r') {
        at += 1;
    }
    1 + bytes[..at].iter().filter(|byte| **byte == b'\n').count() as u64
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    ActionId,
    Status,
    Note,
    Due,
    Effective,
}

/// The header's columns, each named once, with `action_id` and `status` among them.
fn columns_of(header: &csv::StringRecord) -> Option<Vec<Column>> {
    let mut columns = Vec::with_capacity(header.len());
    for name in header {
        let column = match name.trim().to_ascii_lowercase().as_str() {
            "action_id" => Column::ActionId,
            "status" => Column::Status,
            "note" => Column::Note,
            "next_update_due" => Column::Due,
            "effective_on" => Column::Effective,
            _ => return None,
        };
        if columns.contains(&column) {
            return None;
        }
        columns.push(column);
    }
    (columns.contains(&Column::ActionId) && columns.contains(&Column::Status)).then_some(columns)
}

/// One row's fields, as written.
struct Row<'a> {
    id: &'a str,
    status: &'a str,
    note: &'a str,
    due: &'a str,
    effective: &'a str,
}

/// One row's fields, checked as the domain will check them when they are applied (after the
/// rows before it).
fn check_row(workshop: &Workshop, check: &mut StatusUpdateCheck<'_>, row: Row<'_>) -> Result<StatusUpdate, Problem> {
    let action_id = row
        .id
        .parse::<ActionId>()
        .ok()
        .filter(|action_id| workshop.action(*action_id).is_some())
        .ok_or_else(|| Problem::UnknownAction { raw: row.id.to_owned() })?;
    let status = parse_status(row.status).ok_or_else(|| Problem::InvalidStatus { raw: row.status.to_owned() })?;
    let date = |raw: &str| match raw {
        "" => Ok(None),
        raw => CalendarDate::parse(raw).map(Some).ok_or_else(|| Problem::InvalidDate { raw: raw.to_owned() }),
    };
    let update = StatusUpdate {
        action_id,
        status,
        note: row.note.to_owned(),
        next_update_due: date(row.due)?,
        effective_on: date(row.effective)?,
    };
    check.check(update).map_err(Problem::Refused)
}

/// A status code, whatever its case and whether words are joined by `_`, `-` or a space.
fn parse_status(raw: &str) -> Option<ActionStatus> {
    let code: String =
        raw.trim().chars().map(|c| if c == '-' || c == ' ' { '_' } else { c.to_ascii_lowercase() }).collect();
    ActionStatus::parse(&code)
}

/// A CSV of the plan as it stands on `today`, in the import's format: the file to edit and send
/// back. An action under way whose next date has passed is given the date the follow-up form
/// would propose, since an update may not leave it overdue; the progress is dated today (left
/// empty).
pub fn template(workshop: &Workshop, today: CalendarDate) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut rows = vec![COLUMNS.map(str::to_owned).to_vec()];
    for action in workshop.plan() {
        let follow_up = &action.follow_up;
        let due = match follow_up.next_update_due {
            Some(due) if due < today && !follow_up.status.is_final() => {
                follow_up.proposed_next_update(today).to_string()
            }
            Some(due) => due.to_string(),
            None => String::new(),
        };
        rows.push(vec![action.id.to_string(), follow_up.status.as_str().to_owned(), String::new(), due, String::new()]);
    }
    for row in rows {
        // Writing to memory cannot fail.
        let _ = writer.write_record(&row);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        AccountId, ActionCard, ActivityConfig, ActivityId, ActivityKind, ActivitySpec, Actor, Command, Event, Keyring,
        Language, ParticipantId, Prompt, TimedEvent, Timestamp, Title, WorkshopId, decide, decide_create,
    };
    use uuid::Uuid;

    const ACCOUNT: u128 = 1;

    fn uuid(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn action(n: u128) -> ActionId {
        ActionId::from_uuid(uuid(7_000 + n))
    }

    /// The day the files are checked; the workshop dates from 1970-01-01.
    fn today() -> CalendarDate {
        CalendarDate::parse("2026-12-01").unwrap()
    }

    /// A workshop with an action plan of three actions; the third is withdrawn.
    fn workshop() -> Workshop {
        let plan = ActivitySpec {
            activity_id: ActivityId::from_uuid(uuid(100)),
            kind: ActivityKind::ActionPlan,
            title: Title::parse("Plan d’action").unwrap(),
            prompt: Prompt::parse("").unwrap(),
            config: ActivityConfig::default(),
        };
        let account = AccountId::from_uuid(uuid(ACCOUNT));
        let facilitator = ParticipantId::from_uuid(uuid(2));
        let events = decide_create("Atelier", Language::Fr, account, facilitator, "c".into(), vec![plan]).unwrap();
        let mut workshop = fold(&events);
        let titles = ["Un guichet unique", "Former les agents", "Retirée"];
        for (n, title) in titles.iter().enumerate() {
            let card = ActionCard { title: (*title).into(), jurisdiction: "shared".into(), ..ActionCard::default() };
            let draft = Command::DraftAction {
                action_id: action(n as u128),
                activity_id: ActivityId::from_uuid(uuid(100)),
                card,
                sources: vec![],
            };
            run(&mut workshop, draft);
        }
        run(&mut workshop, Command::WithdrawAction { action_id: action(2) });
        workshop
    }

    fn fold(events: &[Event]) -> Workshop {
        let timed: Vec<TimedEvent> = events
            .iter()
            .enumerate()
            .map(|(index, event)| TimedEvent { seq: index as u64 + 1, at: Timestamp(0), event: event.clone() })
            .collect();
        Workshop::from_events(WorkshopId::from_uuid(uuid(0)), &timed).unwrap()
    }

    fn run(workshop: &mut Workshop, command: Command) {
        let mut keyring = Keyring::new();
        keyring.insert(ParticipantId::from_uuid(uuid(2)), vec![2; 16]);
        let events = decide(workshop, Actor::Account(AccountId::from_uuid(uuid(ACCOUNT))), command, &keyring).unwrap();
        for event in events {
            workshop.apply(&TimedEvent { seq: 0, at: Timestamp(0), event });
        }
    }

    fn problems(run: &DryRun) -> Vec<(Option<u64>, Problem)> {
        run.rejections.iter().map(|rejection| (rejection.line, rejection.problem.clone())).collect()
    }

    #[test]
    fn a_good_file_lists_every_change_from_the_old_status_to_the_new() {
        let workshop = workshop();
        let text = format!(
            "action_id,status,note,next_update_due\n\
             {},in_progress,Marché public lancé,2027-03-01\n\
             {},done,\"Formation donnée, 40 agents\",\n\
             {},dropped,Plus de budget,\n",
            action(0),
            action(1),
            action(0),
        );
        let run = dry_run(&workshop, &text, today());
        assert!(run.rejections.is_empty(), "{:?}", run.rejections);
        assert!(run.can_apply());
        let summary: Vec<(u64, &str, ActionStatus, ActionStatus)> = run
            .changes
            .iter()
            .map(|change| (change.line, change.title.as_str(), change.from, change.update.status))
            .collect();
        assert_eq!(
            summary,
            vec![
                (2, "Un guichet unique", ActionStatus::Planned, ActionStatus::InProgress),
                (3, "Former les agents", ActionStatus::Planned, ActionStatus::Done),
                // The second row for an action starts where the first left it.
                (4, "Un guichet unique", ActionStatus::InProgress, ActionStatus::Dropped),
            ]
        );
        assert_eq!(run.changes[1].update.note, "Formation donnée, 40 agents", "a quoted field keeps its comma");
        assert_eq!(run.changes[0].update.next_update_due, CalendarDate::parse("2027-03-01"));
        assert_eq!(run.changes[1].update.next_update_due, None, "an empty date keeps the one the action has");
        // The updates are exactly what the domain accepts as one command.
        let account = Actor::Account(AccountId::from_uuid(uuid(ACCOUNT)));
        let command = Command::UpdateActionStatuses { updates: run.updates(), today: today() };
        let events = decide(&workshop, account, command, &Keyring::new()).unwrap();
        assert_eq!(events.len(), 3);
    }

    #[test]
    fn every_bad_row_is_reported_with_its_line_and_reason() {
        let workshop = workshop();
        let unknown = ActionId::from_uuid(uuid(999));
        let text = format!(
            "action_id,status,note,next_update_due\n\
             {a},in_progress,ok,\n\
             {a},in_progress\n\
             not-an-id,done,,\n\
             {unknown},done,,\n\
             {a},finished,,\n\
             {a},in_progress,,2027-02-30\n\
             {a},in_progress,,01/03/2027\n\
             {a},dropped,,\n\
             {withdrawn},done,,\n\
             {a},done,\"unterminated,\n",
            a = action(0),
            withdrawn = action(2),
        );
        let run = dry_run(&workshop, &text, today());
        assert!(!run.can_apply(), "one bad row is enough to refuse the file");
        assert_eq!(run.changes.len(), 1, "the good row is listed as a change");
        assert_eq!(
            problems(&run),
            vec![
                (Some(3), Problem::Malformed { fields: 2, expected: 4 }),
                (Some(4), Problem::UnknownAction { raw: "not-an-id".into() }),
                (Some(5), Problem::UnknownAction { raw: unknown.to_string() }),
                (Some(6), Problem::InvalidStatus { raw: "finished".into() }),
                (Some(7), Problem::InvalidDate { raw: "2027-02-30".into() }),
                (Some(8), Problem::InvalidDate { raw: "01/03/2027".into() }),
                (Some(9), Problem::Refused(DomainError::ReasonRequired)),
                (Some(10), Problem::Refused(DomainError::ActionWithdrawn)),
                (Some(11), Problem::Malformed { fields: 3, expected: 4 }),
            ]
        );
    }

    #[test]
    fn a_note_with_control_characters_or_too_long_is_refused_as_the_domain_would() {
        let workshop = workshop();
        let long = "x".repeat(crate::outcomes::outcome_limits::NOTE_MAX + 1);
        let text = format!("action_id,status,note\n{a},done,\"bell\u{7}\"\n{a},done,{long}\n", a = action(0));
        let run = dry_run(&workshop, &text, today());
        assert!(matches!(run.rejections[0].problem, Problem::Refused(DomainError::ControlCharacters { .. })));
        assert!(matches!(run.rejections[1].problem, Problem::Refused(DomainError::TextTooLong { .. })));
    }

    #[test]
    fn a_latin_1_file_is_reported_as_not_utf_8_and_a_bom_is_accepted() {
        let workshop = workshop();
        // "Marché" as Latin-1 / Windows-1252 writes it: é is the single byte 0xE9.
        let mut latin1 = format!("action_id,status,note\n{},done,March", action(0)).into_bytes();
        latin1.extend_from_slice(&[0xE9, b'\n']);
        let run = dry_run_bytes(&workshop, &latin1, today());
        assert_eq!(problems(&run), vec![(None, Problem::NotUtf8)]);
        assert!(!run.can_apply());

        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(format!("action_id,status,note\n{},done,Marché conclu\n", action(0)).as_bytes());
        let run = dry_run_bytes(&workshop, &with_bom, today());
        assert!(run.can_apply(), "{:?}", run.rejections);
        assert_eq!(run.changes[0].update.note, "Marché conclu");

        let utf16 = [0xFF, 0xFE, b'a', 0, b'c', 0];
        assert_eq!(problems(&dry_run_bytes(&workshop, &utf16, today())), vec![(None, Problem::NotUtf8)]);
    }

    #[test]
    fn a_file_saved_by_a_french_spreadsheet_uses_semicolons() {
        let workshop = workshop();
        let text =
            format!("action_id;status;note;next_update_due\r\n{};In progress;Étape 1, faite;2027-01-15\r\n", action(1));
        let run = dry_run(&workshop, &text, today());
        assert!(run.can_apply(), "{:?}", run.rejections);
        assert_eq!(run.changes[0].update.status, ActionStatus::InProgress, "a status in words is read as its code");
        assert_eq!(run.changes[0].update.note, "Étape 1, faite");
    }

    #[test]
    fn headers_must_name_the_columns_and_empty_files_apply_nothing() {
        let workshop = workshop();
        for header in ["id,state", "action_id,note", "action_id,status,status", "\"action_id,status\n\"x"] {
            let run = dry_run(&workshop, &format!("{header}\n{},done\n", action(0)), today());
            assert!(matches!(run.rejections[..], [Rejection { line: None, problem: Problem::BadHeader { .. } }]));
        }
        for empty in ["", "\n\n", "action_id,status,note,next_update_due\n", "action_id,status\n,\n"] {
            let run = dry_run(&workshop, empty, today());
            assert_eq!(problems(&run), vec![(None, Problem::Empty)], "{empty:?}");
            assert!(!run.can_apply());
        }
        // Columns may come in any order, and blank lines are skipped.
        let run = dry_run(&workshop, &format!("STATUS , Action_ID\n\ndone,{}\n\n", action(1)), today());
        assert!(run.can_apply(), "{:?}", run.rejections);
        assert_eq!(run.changes[0].line, 3);
    }

    #[test]
    fn line_numbers_count_blank_lines_and_line_breaks_inside_quotes() {
        let workshop = workshop();
        let text =
            format!("action_id,status,note\r\n\r\n{a},done,\"deux\r\nlignes\"\r\n\r\n{a},finished,\r\n", a = action(0));
        let run = dry_run(&workshop, &text, today());
        assert_eq!(run.changes[0].line, 3);
        assert_eq!(run.changes[0].update.note, "deux\nlignes");
        assert_eq!(problems(&run), vec![(Some(6), Problem::InvalidStatus { raw: "finished".into() })]);
    }

    #[test]
    fn dates_are_checked_as_the_domain_checks_them_row_after_row() {
        let mut workshop = workshop();
        for n in [0, 1] {
            let commitment = Command::SetCommitment {
                action_id: action(n),
                answerable: "SPW".into(),
                next_update_due: CalendarDate::parse("2026-11-16"),
            };
            run(&mut workshop, commitment);
        }
        let text = format!(
            "action_id,status,note,next_update_due,effective_on\n\
             {a},in_progress,Lancé,2027-01-15,2026-11-20\n\
             {a},in_progress,,,\n\
             {b},in_progress,,,\n\
             {b},in_progress,,2026-11-30,\n\
             {b},in_progress,,2027-01-15,2026-12-02\n\
             {b},in_progress,,2027-01-15,20/11/2026\n\
             {b},done,,,\n",
            a = action(0),
            b = action(1),
        );
        let run = dry_run(&workshop, &text, today());
        assert_eq!(
            problems(&run),
            vec![
                (Some(4), Problem::Refused(DomainError::NextUpdateRequired)),
                (Some(5), Problem::Refused(DomainError::NextUpdateInPast)),
                (Some(6), Problem::Refused(DomainError::EffectiveDateInFuture)),
                (Some(7), Problem::InvalidDate { raw: "20/11/2026".into() }),
            ]
        );
        let dated: Vec<(u64, Option<CalendarDate>)> =
            run.changes.iter().map(|change| (change.line, change.update.effective_on)).collect();
        assert_eq!(
            dated,
            vec![(2, CalendarDate::parse("2026-11-20")), (3, Some(today())), (8, Some(today()))],
            "the second row keeps the date the first gave, though the action's has passed; a finished action needs none"
        );

        // The template proposes a date to come where the action's has passed, so it reads back
        // as a file that applies.
        let template = template(&workshop, today());
        let proposed = workshop.action(action(1)).unwrap().follow_up.proposed_next_update(today());
        assert!(proposed > today());
        assert!(template.contains(&format!("{},planned,,{proposed},", action(1))), "{template}");
        assert!(dry_run(&workshop, &template, today()).can_apply());
    }

    #[test]
    fn too_many_rows_are_refused_as_a_whole() {
        let workshop = workshop();
        let mut text = String::from("action_id,status\n");
        for _ in 0..=STATUS_BATCH_MAX {
            text.push_str(&format!("{},in_progress\n", action(0)));
        }
        assert_eq!(
            problems(&dry_run(&workshop, &text, today())),
            vec![(None, Problem::TooManyRows { max: STATUS_BATCH_MAX })]
        );
    }

    #[test]
    fn a_dry_run_changes_nothing_and_the_template_reads_back_as_a_no_op_file() {
        let workshop = workshop();
        let before = workshop.clone();
        let template = template(&workshop, today());
        assert!(template.starts_with("action_id,status,note,next_update_due,effective_on\n"), "{template}");
        assert_eq!(template.lines().count(), 3, "the header and the two actions of the plan");
        let run = dry_run(&workshop, &template, today());
        assert!(run.can_apply(), "{:?}", run.rejections);
        assert!(run.changes.iter().all(|change| change.from == change.update.status));
        assert_eq!(workshop, before);
    }
}
