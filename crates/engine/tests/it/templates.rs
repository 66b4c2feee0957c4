//! Workshop templates: the shipped ones load, give agendas the domain accepts and survive a
//! round trip; malformed ones are refused with the line of the mistake and a reason.

use converge_core::{ActivityId, ActivityKind, ActivitySettings, Language, Prompt, Take, Title};
use converge_engine::NewWorkshop;
use converge_engine::templates::{
    SHIPPED_SOURCES, Template, TemplateError, parse_template, parse_template_bytes, shipped, shipped_template,
};
use converge_test_support::engine::TestEngine;
use std::collections::HashMap;
use uuid::Uuid;

fn parse_shipped() -> Vec<Template> {
    SHIPPED_SOURCES
        .iter()
        .map(|(file, source)| parse_template(source).unwrap_or_else(|error| panic!("{file}: {error}")))
        .collect()
}

#[test]
fn every_shipped_template_parses_and_its_agenda_passes_the_domain_checks_in_both_languages() {
    let templates = parse_shipped();
    assert_eq!(templates.len(), 3);
    assert_eq!(shipped().len(), SHIPPED_SOURCES.len(), "a shipped template was skipped");
    for template in &templates {
        for language in Language::ALL {
            Title::parse(template.title(language)).unwrap();
            assert!(!template.description(language).trim().is_empty());
            for day in 1..=template.n_days() {
                assert!(template.day_title(day, language).is_some_and(|title| !title.is_empty()));
            }
            // As the engine does: keys become ids, sources are resolved against earlier keys.
            let mut keys: HashMap<String, ActivityId> = HashMap::new();
            let mut earlier = Vec::new();
            for (draft, n) in template.agenda(language).into_iter().zip(1u128..) {
                let id = ActivityId::from_uuid(Uuid::from_u128(n));
                let mut config = draft.config.clone();
                config.sources = draft.source_keys.iter().map(|key| keys[key]).collect();
                ActivitySettings::parse(draft.kind, &config, id, &earlier).unwrap_or_else(|error| {
                    panic!("{} {:?} activity {:?}: {error}", template.id(), language, draft.key)
                });
                Title::parse(&draft.title).unwrap();
                Prompt::parse(&draft.prompt).unwrap();
                assert!(!draft.prompt.is_empty(), "{}: every shipped activity has a prompt", template.id());
                assert!(draft.config.day.is_some_and(|day| day >= 1 && day <= template.n_days()));
                assert!(draft.config.minutes.is_some(), "{}: every shipped activity has a duration", template.id());
                keys.insert(draft.key.clone().unwrap(), id);
                earlier.push(id);
            }
        }
    }
}

#[test]
fn a_shipped_template_written_back_to_toml_parses_to_the_same_template() {
    for template in parse_shipped() {
        let written = template.to_toml();
        let again = parse_template(&written).unwrap_or_else(|error| panic!("{}: {error}\n{written}", template.id()));
        assert_eq!(again, template);
        assert_eq!(again.to_toml(), written, "writing is stable");
    }
}

#[test]
fn texts_with_quotes_backslashes_and_line_breaks_survive_a_round_trip() {
    let source = minimal(
        r#"
[[day.activity]]
key = "a"
kind = "challenges"
title.fr = "Le « défi » \\ \"cité\""
title.en = "The 'challenge'"
prompt.fr = """
Première ligne,
deuxième ligne	avec une tabulation."""
prompt.en = "Line one\nline two"
"#,
    );
    let template = parse_template(&source).unwrap();
    assert_eq!(parse_template(&template.to_toml()).unwrap(), template);
    assert_eq!(template.agenda(Language::Fr)[0].prompt, "Première ligne,\ndeuxième ligne\tavec une tabulation.");
}

#[test]
fn the_flagship_follows_the_wallonia_agenda_over_two_days() {
    let flagship = shipped_template("smarter-democracy-hackathon").expect("the flagship is shipped");
    assert_eq!(flagship.n_days(), 2);
    use ActivityKind::*;
    for language in Language::ALL {
        let agenda = flagship.agenda(language);
        let kinds: Vec<ActivityKind> = agenda.iter().map(|draft| draft.kind).collect();
        assert_eq!(
            kinds,
            [PhotoLanguage, Swot, Challenges, Reformulate, Categorize, Brainwriting, Assess, Vote, ActionPlan, RiskMap]
        );
        let days: Vec<u32> = agenda.iter().map(|draft| draft.config.day.unwrap_or(0)).collect();
        assert_eq!(days, [1, 1, 1, 1, 1, 1, 2, 2, 2, 2]);
        let by_kind = |kind| agenda.iter().find(|draft| draft.kind == kind).unwrap();
        assert_eq!(by_kind(Reformulate).source_keys, ["challenges"]);
        assert_eq!(by_kind(Categorize).source_keys, ["reformulation"]);
        assert_eq!(by_kind(Categorize).config.categories.len(), 4, "four priority categories, as in Wallonia");
        // Each step feeds the next: sheets by priority category, a hand shortlist assessed, its
        // top ten voted on, the vote's top five planned.
        assert_eq!(by_kind(Brainwriting).source_keys, ["priorities"]);
        assert_eq!(by_kind(Brainwriting).config.take, Some(Take::Categories));
        assert_eq!(by_kind(Assess).config.take, Some(Take::Shortlist));
        assert_eq!(by_kind(Vote).config.take, Some(Take::Top { n: 10 }));
        assert_eq!(by_kind(ActionPlan).source_keys, ["vote"]);
        assert_eq!(by_kind(ActionPlan).config.take, Some(Take::Top { n: 5 }));
        let rules = by_kind(Brainwriting).config.brainwriting.unwrap();
        assert_eq!((rules.table_size, rules.ideas_per_round, rules.round_minutes), (6, 3, 5));
        assert_eq!(by_kind(Assess).source_keys, ["ideas"]);
        let criteria: Vec<&str> = by_kind(Assess).config.criteria.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(criteria, ["impact", "feasibility", "cost", "speed"]);
        assert_eq!(by_kind(Vote).source_keys, ["assessment"]);
        assert_eq!(by_kind(PhotoLanguage).config.deck.as_deref(), Some("builtin"));
    }
    assert_eq!(flagship.title(Language::Fr), "Smarter Democracy Hackathon (2 jours)");
    assert_eq!(flagship.title(Language::En), "Smarter Democracy Hackathon (2 days)");
}

#[test]
fn the_shorter_templates_last_half_a_day_and_one_hour() {
    let total = |id: &str| -> u32 {
        let template = shipped_template(id).unwrap();
        template.agenda(Language::Fr).iter().filter_map(|draft| draft.config.minutes).sum()
    };
    let half_day = total("half-day-ideation");
    assert!((180..=240).contains(&half_day), "half a day, breaks aside: {half_day} minutes");
    assert_eq!(total("lessons-learned-retrospective"), 60);
    let kinds: Vec<ActivityKind> =
        shipped_template("half-day-ideation").unwrap().agenda(Language::En).iter().map(|draft| draft.kind).collect();
    assert_eq!(
        kinds,
        [ActivityKind::Challenges, ActivityKind::Reformulate, ActivityKind::Brainwriting, ActivityKind::Vote]
    );
    assert!(shipped_template("no-such-template").is_none());
}

#[tokio::test]
async fn the_engine_creates_a_workshop_from_every_shipped_template_in_both_languages() {
    let test = TestEngine::new();
    let account = test.facilitator().await;
    let engine = &test.engine;
    for template in shipped() {
        for language in Language::ALL {
            let request =
                NewWorkshop { title: template.title(language).to_owned(), language, agenda: template.agenda(language) };
            let entry = engine.create_workshop(account, request).await.unwrap();
            let state = engine.state(converge_core::WorkshopId::from_uuid(entry.id)).await.unwrap();
            let activities = &state.workshop.activities;
            assert_eq!(activities.len(), template.n_activities());
            for (activity, draft) in activities.iter().zip(template.agenda(language)) {
                assert_eq!(activity.kind(), draft.kind);
                assert_eq!(activity.title, draft.title);
                assert_eq!(activity.settings.sources.len(), draft.source_keys.len());
            }
        }
    }
}

// Malformed templates. Each is a valid template with one mistake, so the line is the mistake's.

/// A valid template head; activities follow in `rest`, starting at line 9 of the whole source.
fn minimal(rest: &str) -> String {
    format!(
        "id = \"t\"\ntitle.fr = \"Atelier\"\ntitle.en = \"Workshop\"\ndescription.fr = \"D\"\ndescription.en = \"D\"\n\
         [[day]]\ntitle.fr = \"Jour 1\"\ntitle.en = \"Day 1\"{rest}"
    )
}

/// One valid activity with `key` and `kind`; `extra` lines go after its prompt.
fn activity(key: &str, kind: &str, extra: &str) -> String {
    format!(
        "\n[[day.activity]]\nkey = \"{key}\"\nkind = \"{kind}\"\ntitle.fr = \"Titre\"\ntitle.en = \"Title\"\n\
         prompt.fr = \"Question\"\nprompt.en = \"Question\"\n{extra}"
    )
}

#[track_caller]
fn assert_rejected(source: &str, line: usize, code: &str, word: &str) -> TemplateError {
    let error = match parse_template(source) {
        Ok(_) => panic!("accepted:\n{source}"),
        Err(error) => error,
    };
    let numbered: String = source.lines().zip(1..).map(|(text, n)| format!("{n:3} {text}\n")).collect();
    assert_eq!((error.line, error.code), (line, code), "{error}\n{numbered}");
    assert!(error.reason.contains(word), "{word:?} not in {:?}", error.reason);
    error
}

#[test]
fn the_minimal_helpers_make_a_valid_template() {
    let template = parse_template(&minimal(&activity("a", "challenges", ""))).unwrap();
    assert_eq!((template.id(), template.n_days(), template.n_activities()), ("t", 1, 1));
}

#[test]
fn a_toml_syntax_error_is_reported_at_its_line_and_column() {
    let source = minimal(&activity("a", "challenges", "minutes = = 3\n"));
    let error = assert_rejected(&source, 16, "syntax", "syntax");
    assert!(error.column > 1, "{error}");
}

#[test]
fn an_unknown_kind_is_refused_and_the_known_ones_listed() {
    let source = minimal(&activity("a", "brainstorm", ""));
    assert_rejected(&source, 11, "unknown_kind", "brainwriting");
}

#[test]
fn an_unknown_field_is_refused_rather_than_ignored() {
    let source = minimal(&activity("a", "challenges", "minute = 30\n"));
    assert_rejected(&source, 16, "unknown_field", "minute");
}

#[test]
fn an_unknown_language_is_an_unknown_field() {
    let source = minimal(&activity("a", "challenges", "title.de = \"Titel\"\n"));
    assert_rejected(&source, 16, "unknown_field", "de");
}

#[test]
fn a_key_used_twice_is_refused_at_the_second_one() {
    let source = minimal(&format!("{}{}", activity("a", "challenges", ""), activity("a", "swot", "")));
    assert_rejected(&source, 18, "duplicate_key", "duplicate");
}

#[test]
fn an_activity_key_that_is_not_a_key_is_refused() {
    let source = minimal(&activity("Mes défis", "challenges", ""));
    assert_rejected(&source, 10, "invalid_key", "key");
}

#[test]
fn a_source_that_comes_later_on_the_agenda_is_refused() {
    let source =
        minimal(&format!("{}{}", activity("a", "reformulate", "sources = [\"b\"]\n"), activity("b", "challenges", "")));
    assert_rejected(&source, 16, "source_not_earlier", "earlier");
}

#[test]
fn an_activity_that_is_its_own_source_is_refused() {
    let source = minimal(&activity("a", "reformulate", "sources = [\"a\"]\n"));
    assert_rejected(&source, 16, "source_not_earlier", "earlier");
}

#[test]
fn a_source_that_names_no_activity_is_refused() {
    let source = minimal(&format!(
        "{}{}",
        activity("a", "challenges", ""),
        activity("b", "reformulate", "sources = [\"a\", \"chalenges\"]\n")
    ));
    assert_rejected(&source, 24, "unknown_source", "chalenges");
}

#[test]
fn a_categorize_activity_without_categories_is_refused_at_its_kind() {
    let source = minimal(&activity("a", "categorize", ""));
    assert_rejected(&source, 11, "invalid_config", "categories");
}

#[test]
fn a_category_without_english_name_is_a_missing_translation() {
    let extra = "categories = [\n  { fr = \"Outils\", en = \"Tools\" },\n  { fr = \"Culture\" },\n]\n";
    let source = minimal(&activity("a", "categorize", extra));
    assert_rejected(&source, 18, "missing_translation", "English");
}

#[test]
fn a_brainwriting_table_of_one_person_is_refused_at_the_table_size() {
    let extra = "\n[day.activity.brainwriting]\nideas_per_round = 3\nround_minutes = 5\ntable_size = 1\n";
    let source = minimal(&activity("a", "brainwriting", extra));
    assert_rejected(&source, 20, "invalid_config", "table_size");
}

#[test]
fn brainwriting_rules_missing_a_number_are_refused() {
    let extra = "\n[day.activity.brainwriting]\nideas_per_round = 3\nround_minutes = 5\n";
    let source = minimal(&activity("a", "brainwriting", extra));
    assert_rejected(&source, 17, "missing_field", "table_size");
}

#[test]
fn zero_minutes_are_refused() {
    let source = minimal(&activity("a", "challenges", "minutes = 0\n"));
    assert_rejected(&source, 16, "invalid_config", "minutes");
}

#[test]
fn negative_minutes_are_refused_as_an_invalid_value() {
    let source = minimal(&activity("a", "challenges", "minutes = -5\n"));
    assert_rejected(&source, 16, "invalid_value", "-5");
}

#[test]
fn a_missing_english_title_is_reported_with_the_field_named() {
    let source = minimal(&activity("a", "challenges", "").replace("title.en = \"Title\"\n", ""));
    let error = assert_rejected(&source, 12, "missing_translation", "English");
    assert!(error.reason.contains("title"), "{error}");
}

#[test]
fn a_missing_french_template_description_is_reported() {
    let source = minimal(&activity("a", "challenges", "")).replace("description.fr = \"D\"\n", "");
    assert_rejected(&source, 4, "missing_translation", "French");
}

#[test]
fn a_criterion_of_weight_zero_is_refused_at_its_weight() {
    let extra = "criteria = [\n  { id = \"impact\", weight = 0, fr = \"Impact\", en = \"Impact\" },\n]\n";
    let source = minimal(&activity("a", "assess", extra));
    let error = assert_rejected(&source, 17, "invalid_config", "weight");
    assert!(error.column > 3, "points at the weight, not the line start: {error}");
}

#[test]
fn a_criterion_id_that_is_not_a_key_is_refused() {
    let extra = "criteria = [\n  { id = \"Impact!\", weight = 2, fr = \"Impact\", en = \"Impact\" },\n]\n";
    let source = minimal(&activity("a", "assess", extra));
    assert_rejected(&source, 17, "invalid_config", "id");
}

#[test]
fn two_criteria_with_one_id_are_refused_at_the_second() {
    let extra = "criteria = [\n  { id = \"cost\", fr = \"Coût\", en = \"Cost\" },\n  \
                 { id = \"cost\", fr = \"Prix\", en = \"Price\" },\n]\n";
    let source = minimal(&activity("a", "assess", extra));
    assert_rejected(&source, 18, "invalid_config", "twice");
}

#[test]
fn an_assess_activity_without_criteria_is_refused() {
    let source = minimal(&activity("a", "assess", ""));
    assert_rejected(&source, 11, "invalid_config", "criteria");
}

#[test]
fn a_title_over_the_limit_is_refused_with_the_limit() {
    let long = "x".repeat(121);
    let source = minimal(&activity("a", "challenges", "")).replace("\"Titre\"", &format!("\"{long}\""));
    assert_rejected(&source, 12, "invalid_text", "120");
}

#[test]
fn a_deck_that_is_not_a_key_is_refused() {
    let source = minimal(&activity("a", "photo_language", "deck = \"../etc\"\n"));
    assert_rejected(&source, 16, "invalid_config", "deck");
}

#[test]
fn a_setting_of_another_kind_is_refused_at_its_line() {
    let source = minimal(&activity("a", "vote", "deck = \"builtin\"\n"));
    assert_rejected(&source, 16, "invalid_config", "`deck` is not a setting of a `vote` activity");
    let extra = "categories = [\n  { fr = \"Outils\", en = \"Tools\" },\n]\n";
    let source = minimal(&activity("a", "swot", extra));
    assert_rejected(&source, 16, "invalid_config", "`categories`");
    let extra = "\n[day.activity.brainwriting]\nideas_per_round = 3\nround_minutes = 5\ntable_size = 6\n";
    let source = minimal(&activity("a", "challenges", extra));
    assert_rejected(&source, 17, "invalid_config", "`brainwriting`");
}

#[test]
fn a_template_without_days_is_refused() {
    let source = "id = \"t\"\ntitle.fr = \"A\"\ntitle.en = \"A\"\ndescription.fr = \"D\"\ndescription.en = \"D\"\n";
    assert_rejected(source, 1, "no_days", "day");
}

#[test]
fn a_day_without_activities_is_refused_at_its_header() {
    let source =
        format!("{}\n[[day]]\ntitle.fr = \"Jour 2\"\ntitle.en = \"Day 2\"\n", minimal(&activity("a", "swot", "")));
    assert_rejected(&source, 17, "empty_day", "no activity");
}

#[test]
fn more_days_than_the_domain_allows_are_refused() {
    let mut source = minimal(&activity("a0", "swot", ""));
    for n in 1..15 {
        source.push_str(&format!(
            "\n[[day]]\ntitle.fr = \"J\"\ntitle.en = \"D\"\n{}",
            activity(&format!("a{n}"), "swot", "")
        ));
    }
    let error = parse_template(&source).unwrap_err();
    assert_eq!(error.code, "invalid_config");
    assert!(error.reason.contains("14 days"), "{error}");
}

#[test]
fn a_file_that_is_not_utf8_is_refused_at_the_bad_byte() {
    let mut bytes = b"id = \"t\"\ntitle.fr = \"Caf".to_vec();
    bytes.push(0xE9);
    let error = parse_template_bytes(&bytes).unwrap_err();
    assert_eq!((error.line, error.column, error.code), (2, 16, "not_utf8"));
}

#[test]
fn arbitrary_garbage_is_refused_without_panicking() {
    let inputs = [
        "",
        "\0",
        "[[day]]",
        "[[day.activity]]\nkind = 3",
        "id = 1",
        "title = \"x\"",
        "[day]\n[[day]]",
        "é = \"\u{202E}\"",
    ];
    for input in inputs {
        assert!(parse_template(input).is_err(), "{input:?}");
    }
    // Every prefix of a real template: truncated uploads must give an error, never a panic.
    let (_, flagship) = SHIPPED_SOURCES[0];
    for end in (0..flagship.len()).filter(|&end| flagship.is_char_boundary(end)).step_by(97) {
        let _ = parse_template(&flagship[..end]);
    }
}

#[test]
fn the_complete_example_in_the_format_documentation_is_a_valid_template() {
    let doc = include_str!("../../templates/FORMAT.md");
    let example = doc.split("## A complete example").nth(1).expect("the section exists");
    let toml = example.split("```toml\n").nth(1).and_then(|block| block.split("```").next()).expect("a toml block");
    let template = parse_template(toml).unwrap_or_else(|error| panic!("FORMAT.md example: {error}"));
    assert_eq!((template.id(), template.n_activities()), ("project-challenges", 6));
    assert_eq!(parse_template(&template.to_toml()).unwrap(), template);
}

#[test]
fn a_take_rule_is_read_and_written_back() {
    let source = minimal(&format!(
        "{}{}{}",
        activity("ideas", "challenges", ""),
        activity(
            "scores",
            "assess",
            "sources = [\"ideas\"]\ntake = \"shortlist\"\ncriteria = [{ id = \"impact\", fr = \"Impact\", en = \"Impact\" }]\n"
        ),
        activity("vote", "vote", "sources = [\"scores\"]\ntake = \"top 10\"\n"),
    ));
    let template = parse_template(&source).unwrap();
    let agenda = template.agenda(Language::Fr);
    assert_eq!(agenda[1].config.take, Some(Take::Shortlist));
    assert_eq!(agenda[2].config.take, Some(Take::Top { n: 10 }));
    assert_eq!(parse_template(&template.to_toml()).unwrap(), template);
}

#[test]
fn a_take_rule_that_does_not_read_is_refused_at_its_line() {
    let source = minimal(&format!(
        "{}{}",
        activity("ideas", "challenges", ""),
        activity("vote", "vote", "sources = [\"ideas\"]\ntake = \"best 3\"\n"),
    ));
    assert_rejected(&source, 25, "invalid_value", "top N");
}

#[test]
fn a_take_rule_without_a_source_that_can_feed_it_is_refused_at_its_line() {
    // A top N of notes nobody ranked.
    let source = minimal(&format!(
        "{}{}",
        activity("ideas", "challenges", ""),
        activity("vote", "vote", "sources = [\"ideas\"]\ntake = \"top 3\"\n"),
    ));
    assert_rejected(&source, 25, "invalid_config", "vote or an assess");
    // Categories for another kind than a brainwriting.
    let source = minimal(&format!(
        "{}{}",
        activity("ideas", "challenges", ""),
        activity("vote", "vote", "sources = [\"ideas\"]\ntake = \"categories\"\n"),
    ));
    assert_rejected(&source, 25, "invalid_config", "brainwriting");
    // No source at all, and a top of nought.
    let source = minimal(&activity("vote", "vote", "take = \"shortlist\"\n"));
    assert_rejected(&source, 16, "invalid_config", "needs `sources`");
    let source = minimal(&format!(
        "{}{}{}",
        activity("ideas", "challenges", ""),
        activity("v", "vote", "sources = [\"ideas\"]\n"),
        activity("plan", "action_plan", "sources = [\"v\"]\ntake = \"top 0\"\n"),
    ));
    assert_rejected(&source, 34, "invalid_config", "between 1 and 200");
}

#[test]
fn a_folder_of_templates_adds_to_the_shipped_ones_and_a_bad_file_is_named_with_its_line() {
    use converge_engine::templates::{FolderError, with_folder};
    let folder = std::env::temp_dir().join(format!("converge-templates-{}", Uuid::now_v7()));
    std::fs::create_dir_all(&folder).unwrap();
    let good = minimal(&activity("ideas", "challenges", ""));
    std::fs::write(folder.join("a-mine.toml"), &good).unwrap();
    std::fs::write(folder.join("notes.txt"), "not a template").unwrap();
    let templates = with_folder(&folder).unwrap();
    assert_eq!(templates.len(), shipped().len() + 1);
    assert!(templates.iter().any(|template| template.id() == "t"));
    // The same id twice is refused, naming the second file.
    std::fs::write(folder.join("b-again.toml"), &good).unwrap();
    let error = with_folder(&folder).unwrap_err();
    assert!(matches!(error, FolderError::DuplicateId { .. }), "{error}");
    assert!(error.to_string().contains("b-again.toml"), "{error}");
    std::fs::remove_file(folder.join("b-again.toml")).unwrap();
    // A broken file stops the whole folder, with its name and line.
    std::fs::write(folder.join("c-broken.toml"), minimal(&activity("ideas", "asess", ""))).unwrap();
    let error = with_folder(&folder).unwrap_err().to_string();
    assert!(error.contains("c-broken.toml:11:8:"), "{error}");
    assert!(error.contains("asess"), "{error}");
    // A shipped id is taken.
    std::fs::remove_file(folder.join("c-broken.toml")).unwrap();
    std::fs::write(folder.join("d-flagship.toml"), SHIPPED_SOURCES[0].1).unwrap();
    assert!(matches!(with_folder(&folder), Err(FolderError::DuplicateId { .. })));
    std::fs::remove_dir_all(&folder).unwrap();
}

#[test]
fn a_votes_settings_are_read_and_written_back() {
    use converge_core::voting::{VoteConfig, VoteMethod};
    let source = minimal(&format!(
        "{}{}{}",
        activity("ideas", "challenges", ""),
        activity("dots", "vote", "sources = [\"ideas\"]\nvote = { method = \"dots\", dots = 5 }\n"),
        activity(
            "scores",
            "vote",
            "sources = [\"ideas\"]\nvote = { method = \"score\", score_min = 1, score_max = 10, rank_by_median = true }\n"
        ),
    ));
    let template = parse_template(&source).unwrap();
    let agenda = template.agenda(Language::En);
    assert_eq!(agenda[0].config.vote, None);
    assert_eq!(
        agenda[1].config.vote,
        Some(VoteConfig { dots_budget: 5, dots_cap: 3, ..VoteConfig::new(VoteMethod::Dots) })
    );
    assert_eq!(
        agenda[2].config.vote,
        Some(VoteConfig { score_min: 1, score_max: 10, rank_by_median: true, ..VoteConfig::new(VoteMethod::Score) })
    );
    assert_eq!(parse_template(&template.to_toml()).unwrap(), template);
    // Two dots, the cap left out: never more than the dots.
    let source = minimal(&activity("v", "vote", "vote = { method = \"dots\", dots = 2 }\n"));
    let agenda = parse_template(&source).unwrap().agenda(Language::Fr);
    assert_eq!(agenda[0].config.vote.map(|vote| (vote.dots_budget, vote.dots_cap)), Some((2, 2)));
}

#[test]
fn the_flagship_votes_with_dots() {
    use converge_core::voting::VoteMethod;
    let flagship = shipped_template("smarter-democracy-hackathon").unwrap();
    let agenda = flagship.agenda(Language::Fr);
    let vote = agenda.iter().find(|draft| draft.kind == ActivityKind::Vote).unwrap();
    let rules = vote.config.vote.expect("the flagship's vote says how it is cast");
    assert_eq!((rules.method, rules.dots_budget, rules.dots_cap), (VoteMethod::Dots, 10, 3));
}

#[test]
fn a_votes_settings_that_do_not_hold_are_refused_at_the_field() {
    let vote = |table: &str| minimal(&activity("v", "vote", &format!("vote = {table}\n")));
    assert_rejected(&vote("{ method = \"dot\" }"), 16, "invalid_config", "majority_judgment");
    assert_rejected(&vote("{ method = \"dots\", dots = 0 }"), 16, "invalid_config", "`dots` of the vote `v`");
    assert_rejected(&vote("{ method = \"dots\", dots = 101 }"), 16, "invalid_config", "between 1 and 100");
    assert_rejected(
        &vote("{ method = \"dots\", dots = 5, dots_per_item = 6 }"),
        16,
        "invalid_config",
        "`dots_per_item`",
    );
    assert_rejected(
        &vote("{ method = \"dots\", grades = 5 }"),
        16,
        "invalid_config",
        "`grades` is a setting of a `majority_judgment` vote",
    );
    assert_rejected(&vote("{ method = \"majority_judgment\", grades = 1 }"), 16, "invalid_config", "between 2 and 10");
    assert_rejected(&vote("{ method = \"score\", score_min = 5, score_max = 5 }"), 16, "invalid_config", "score_max");
    assert_rejected(&vote("{ method = \"dots\", budget = 5 }"), 16, "unknown_field", "budget");
    assert_rejected(&vote("{ dots = 5 }"), 16, "missing_field", "method");
    // On another kind of activity.
    let source = minimal(&activity("s", "swot", "vote = { method = \"dots\" }\n"));
    let error = assert_rejected(&source, 16, "invalid_config", "not a setting of a `swot` activity");
    assert!(error.column > 1, "it points at the table: {error}");
}
