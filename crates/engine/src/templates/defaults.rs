//! What a workshop or an activity starts with when no template says: the agenda of a workshop
//! created without a template, and the configuration of an activity added in the console. Like
//! the shipped templates, every text is given in each language Converge speaks.

use crate::ActivityDraft;
use converge_core::{ActivityConfig, ActivityKind, BUILTIN_DECK, Category, Criterion, Language};

/// A text in French and in English, picked by the workshop's language.
fn text(language: Language, fr: &str, en: &str) -> String {
    match language {
        Language::Fr => fr.to_owned(),
        Language::En => en.to_owned(),
    }
}

/// The agenda of a workshop created without a template: challenges, then a SWOT diagnosis.
pub fn default_agenda(language: Language) -> Vec<ActivityDraft> {
    let draft = |kind, title: String, prompt: String| ActivityDraft {
        key: None,
        kind,
        title,
        prompt,
        config: ActivityConfig::default(),
        source_keys: Vec::new(),
    };
    vec![
        draft(
            ActivityKind::Challenges,
            text(language, "Défis", "Challenges"),
            text(
                language,
                "Quels défis voyez-vous pour la participation citoyenne ?",
                "What challenges do you see for citizen participation?",
            ),
        ),
        draft(
            ActivityKind::Swot,
            text(language, "Diagnostic SWOT", "SWOT diagnosis"),
            text(
                language,
                "Quelles sont les forces, faiblesses, opportunités et menaces de notre situation ?",
                "What are the strengths, weaknesses, opportunities and threats of our situation?",
            ),
        ),
    ]
}

/// The configuration an activity of `kind` starts with when the facilitator adds it: what the
/// domain requires of that kind, ready to adjust in its settings.
pub fn starting_config(kind: ActivityKind, language: Language) -> ActivityConfig {
    let mut config = ActivityConfig::default();
    match kind {
        // A new sorting activity starts with categories to rename rather than none at all.
        ActivityKind::Categorize => {
            config.categories = (0..4)
                .map(|id| Category {
                    id,
                    name: text(language, &format!("Catégorie {}", id + 1), &format!("Category {}", id + 1)),
                })
                .collect();
        }
        ActivityKind::PhotoLanguage => config.deck = Some(BUILTIN_DECK.into()),
        // The criteria of the method, worded so that more is better.
        ActivityKind::Assess => {
            let criterion = |id: &str, fr: &str, en: &str, weight| Criterion {
                id: id.to_owned(),
                name: text(language, fr, en),
                weight,
            };
            config.criteria = vec![
                criterion("impact", "Impact", "Impact", 2),
                criterion("feasibility", "Faisabilité", "Feasibility", 2),
                criterion("cost", "Coût raisonnable", "Reasonable cost", 1),
            ];
        }
        ActivityKind::Swot
        | ActivityKind::Challenges
        | ActivityKind::Reformulate
        | ActivityKind::Brainwriting
        | ActivityKind::Vote
        | ActivityKind::ActionPlan
        | ActivityKind::RiskMap
        | ActivityKind::OpinionMap => {}
    }
    config
}

#[cfg(test)]
mod tests {
    use super::*;
    use converge_core::{ActivityId, ActivitySettings};

    #[test]
    fn every_kind_starts_with_a_configuration_the_domain_accepts_in_each_language() {
        for language in Language::ALL {
            for kind in ActivityKind::ALL {
                let own = ActivityId::from_uuid(uuid::Uuid::from_u128(1));
                let settings = ActivitySettings::parse(kind, &starting_config(kind, language), own, &[]);
                assert_eq!(settings.map(|settings| settings.kind()), Ok(kind), "{kind:?} in {language:?}");
            }
        }
    }

    #[test]
    fn the_default_agenda_speaks_the_workshops_language() {
        let titles = |language| default_agenda(language).into_iter().map(|draft| draft.title).collect::<Vec<_>>();
        assert_eq!(titles(Language::Fr), ["Défis", "Diagnostic SWOT"]);
        assert_eq!(titles(Language::En), ["Challenges", "SWOT diagnosis"]);
        let names = starting_config(ActivityKind::Categorize, Language::Fr).categories;
        assert_eq!(names.first().map(|category| category.name.as_str()), Some("Catégorie 1"));
    }
}
