//! A workshop's own photo-language decks: who may add and remove cards, what a card and a deck
//! may be, and how an activity that uses an uploaded deck checks the card a participant picks.

use crate::support::decide;
use crate::support::*;
use converge_core::*;

const SHA: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

fn add(deck: &str, card_id: &str, title: &str) -> Command {
    Command::AddDeckCard {
        deck: deck.into(),
        card_id: card_id.into(),
        title: title.into(),
        image_sha256: SHA.into(),
        width: 1200,
        height: 800,
    }
}

fn facilitator_acts(workshop: &mut Workshop, command: Command) {
    run(workshop, Actor::Account(account()), command);
}

/// A workshop whose agenda ends with a photo-language activity (3), open, using `deck`.
fn with_photo_language(deck: &str) -> Workshop {
    let mut workshop = workshop();
    let mut spec = spec(3, ActivityKind::PhotoLanguage);
    spec.config.deck = Some(deck.into());
    facilitator_acts(&mut workshop, Command::AddActivity(spec));
    facilitator_acts(&mut workshop, Command::OpenActivity { activity_id: activity(3) });
    workshop
}

fn pick(n: u128, card: &str) -> Command {
    Command::PostContribution {
        contribution_id: ContributionId::from_uuid(id(20_000 + n)),
        activity_id: activity(3),
        kind: None,
        text: "Parce que tout le monde y a sa place".into(),
        links: Vec::new(),
        card: Some(card.into()),
        sheet: None,
    }
}

#[test]
fn the_facilitator_adds_cards_and_the_deck_keeps_their_order() {
    let mut workshop = workshop();
    facilitator_acts(&mut workshop, add("workshop", "c1", "La place du village"));
    facilitator_acts(&mut workshop, add("workshop", "c2", "  Le marché  "));
    let cards = &workshop.decks["workshop"];
    assert_eq!(cards.iter().map(|card| card.id.as_str()).collect::<Vec<_>>(), ["c1", "c2"]);
    assert_eq!(cards[1].title, "Le marché", "the caption is trimmed like every text");
    assert_eq!((cards[0].width, cards[0].height, cards[0].image_sha256.as_str()), (1200, 800, SHA));
    assert_eq!(workshop.deck_card("c2").map(|(deck, _)| deck), Some("workshop"));
}

#[test]
fn only_the_facilitator_manages_decks() {
    let mut workshop = workshop();
    let anne = join(&mut workshop, 1);
    assert_eq!(
        decide(&workshop, Actor::Participant(anne), add("workshop", "c1", "Carte")),
        Err(DomainError::FacilitatorOnly)
    );
    facilitator_acts(&mut workshop, add("workshop", "c1", "Carte"));
    let remove = Command::RemoveDeckCard { deck: "workshop".into(), card_id: "c1".into() };
    assert_eq!(decide(&workshop, Actor::Participant(anne), remove.clone()), Err(DomainError::FacilitatorOnly));
    assert_eq!(decide(&workshop, Actor::Newcomer, remove), Err(DomainError::FacilitatorOnly));
}

#[test]
fn deck_names_and_card_ids_are_keys_and_builtin_is_reserved() {
    let workshop = workshop();
    let as_facilitator = |command| decide(&workshop, Actor::Account(account()), command);
    assert_eq!(as_facilitator(add("builtin", "c1", "Carte")), Err(DomainError::InvalidDeckName));
    assert_eq!(as_facilitator(add("Mon Jeu", "c1", "Carte")), Err(DomainError::InvalidDeckName));
    assert_eq!(as_facilitator(add("../etc", "c1", "Carte")), Err(DomainError::InvalidDeckName));
    assert_eq!(as_facilitator(add("", "c1", "Carte")), Err(DomainError::InvalidDeckName));
    assert_eq!(as_facilitator(add("workshop", "C1!", "Carte")), Err(DomainError::InvalidCardId));
    assert_eq!(as_facilitator(add("workshop", &"c".repeat(41), "Carte")), Err(DomainError::InvalidCardId));
}

#[test]
fn a_card_title_has_one_to_sixty_characters_on_one_line() {
    let workshop = workshop();
    let as_facilitator = |command| decide(&workshop, Actor::Account(account()), command);
    assert_eq!(as_facilitator(add("workshop", "c1", "   ")), Err(DomainError::TextEmpty { field: "title" }));
    assert_eq!(
        as_facilitator(add("workshop", "c1", &"é".repeat(61))),
        Err(DomainError::TextTooLong { field: "title", max: 60, actual: 61 })
    );
    assert!(as_facilitator(add("workshop", "c1", &"é".repeat(60))).is_ok(), "sixty characters, not bytes");
    assert_eq!(as_facilitator(add("workshop", "c1", "a\nb")), Err(DomainError::ControlCharacters { field: "title" }));
}

#[test]
fn a_card_id_is_unique_across_the_workshops_decks() {
    let mut workshop = workshop();
    facilitator_acts(&mut workshop, add("workshop", "c1", "Carte"));
    assert_eq!(
        decide(&workshop, Actor::Account(account()), add("other", "c1", "Autre")),
        Err(DomainError::DuplicateCard)
    );
}

#[test]
fn a_deck_holds_at_most_sixty_cards() {
    let mut workshop = workshop();
    for n in 0..DECK_CARDS_MAX {
        facilitator_acts(&mut workshop, add("workshop", &format!("c{n}"), "Carte"));
    }
    assert_eq!(
        decide(&workshop, Actor::Account(account()), add("workshop", "one-more", "Carte")),
        Err(DomainError::DeckFull { max: 60 })
    );
    assert!(decide(&workshop, Actor::Account(account()), add("second", "one-more", "Carte")).is_ok(), "per deck");
}

#[test]
fn removing_a_card_takes_it_out_and_an_emptied_deck_disappears() {
    let mut workshop = workshop();
    facilitator_acts(&mut workshop, add("workshop", "c1", "Carte"));
    facilitator_acts(&mut workshop, add("workshop", "c2", "Carte"));
    facilitator_acts(&mut workshop, Command::RemoveDeckCard { deck: "workshop".into(), card_id: "c1".into() });
    assert_eq!(workshop.decks["workshop"].len(), 1);
    facilitator_acts(&mut workshop, Command::RemoveDeckCard { deck: "workshop".into(), card_id: "c2".into() });
    assert!(workshop.decks.is_empty());
    assert_eq!(
        decide(
            &workshop,
            Actor::Account(account()),
            Command::RemoveDeckCard { deck: "workshop".into(), card_id: "c2".into() }
        ),
        Err(DomainError::UnknownCard)
    );
}

#[test]
fn an_activity_on_an_uploaded_deck_takes_only_its_cards() {
    let mut workshop = with_photo_language("workshop");
    facilitator_acts(&mut workshop, add("workshop", "c1", "La place"));
    facilitator_acts(&mut workshop, add("other", "c9", "Ailleurs"));
    let anne = join(&mut workshop, 1);
    let activity = workshop.activity(activity(3)).unwrap();
    assert_eq!(workshop.uploaded_deck(activity).map(<[DeckCard]>::len), Some(1));
    assert_eq!(decide(&workshop, Actor::Participant(anne), pick(1, "bridge")), Err(DomainError::UnknownCard));
    assert_eq!(
        decide(&workshop, Actor::Participant(anne), pick(1, "c9")),
        Err(DomainError::UnknownCard),
        "another deck"
    );
    run(&mut workshop, Actor::Participant(anne), pick(1, "c1"));
    assert_eq!(workshop.contributions[0].card.as_deref(), Some("c1"));
}

#[test]
fn a_picked_card_stays_in_its_deck() {
    let mut workshop = with_photo_language("workshop");
    facilitator_acts(&mut workshop, add("workshop", "c1", "La place"));
    let anne = join(&mut workshop, 1);
    run(&mut workshop, Actor::Participant(anne), pick(1, "c1"));
    let remove = Command::RemoveDeckCard { deck: "workshop".into(), card_id: "c1".into() };
    assert_eq!(decide(&workshop, Actor::Account(account()), remove), Err(DomainError::CardPicked));
}

#[test]
fn the_builtin_deck_or_a_deck_without_cards_yet_leaves_the_card_to_the_edge() {
    let mut workshop = with_photo_language("builtin");
    let anne = join(&mut workshop, 1);
    assert!(workshop.uploaded_deck(workshop.activity(activity(3)).unwrap()).is_none());
    run(&mut workshop, Actor::Participant(anne), pick(1, "bridge"));

    // A template may name a deck before anything was uploaded to it: the built-in one stands in.
    let mut workshop = with_photo_language("to-upload");
    let anne = join(&mut workshop, 1);
    assert!(workshop.uploaded_deck(workshop.activity(activity(3)).unwrap()).is_none());
    run(&mut workshop, Actor::Participant(anne), pick(1, "bridge"));
}

#[test]
fn deck_events_keep_their_json_shape_and_old_snapshots_still_read() {
    let event = Event::DeckCardRemoved { deck: "workshop".into(), card_id: "c1".into() };
    let json = serde_json::to_string(&event).unwrap();
    assert_eq!(json, r#"{"type":"deck_card_removed","deck":"workshop","card_id":"c1"}"#);
    assert_eq!(event.kind(), "deck_card_removed");
    let added = Event::DeckCardAdded {
        deck: "workshop".into(),
        card_id: "c1".into(),
        title: "La place".into(),
        image_sha256: SHA.into(),
        width: 3,
        height: 2,
    };
    assert_eq!(serde_json::from_str::<Event>(&serde_json::to_string(&added).unwrap()).unwrap(), added);
    assert_eq!(added.kind(), "deck_card_added");

    // A state serialised before decks existed has no `decks` key.
    let mut state = serde_json::to_value(workshop()).unwrap();
    state.as_object_mut().unwrap().remove("decks");
    let read: Workshop = serde_json::from_value(state).unwrap();
    assert!(read.decks.is_empty());
}
