//! Names of events, as `converge_core::Event::kind` writes them and the event stream sends
//! them: the kinds a page's live region follows (`data-live-kinds`), and those that end a
//! stream. Every name is checked against the core's events by a test, so a renamed or removed
//! event cannot leave a page following nothing.

pub use converge_views::layout::EventKinds;

#[cfg(test)]
mod tests {
    use super::EventKinds;
    use crate::pages::layout::Live;
    use converge_core::Event;

    /// Whether `kind` names an event of the core: the name its `kind()` gives, which is the
    /// name the event is stored and sent under.
    fn is_event_kind(kind: &str) -> bool {
        match serde_json::from_value::<Event>(serde_json::json!({ "type": kind })) {
            Ok(event) => event.kind() == kind,
            // An event with fields is named, and refused for the fields it lacks.
            Err(error) => !error.to_string().contains("unknown variant"),
        }
    }

    #[test]
    fn every_kind_the_web_follows_is_an_event_of_the_core() {
        let lists: [(&str, EventKinds); 7] = [
            ("Live::AGENDA", Live::AGENDA),
            ("Live::ACTIVITY", Live::ACTIVITY),
            ("Live::SCREEN", Live::SCREEN),
            ("mine::FATE_KINDS", converge_views::pages::mine::FATE_KINDS),
            ("sse::ENDS_EVERY_STREAM", crate::sse::ENDS_EVERY_STREAM),
            ("sse::ENDS_THE_PARTICIPANTS_STREAM", crate::sse::ENDS_THE_PARTICIPANTS_STREAM),
            ("sse::ENDS_A_SCREEN_LINKS_STREAM", crate::sse::ENDS_A_SCREEN_LINKS_STREAM),
        ];
        for (name, kinds) in lists {
            assert!(!kinds.0.is_empty(), "{name} follows nothing");
            for kind in kinds.0 {
                assert!(is_event_kind(kind), "{name} names `{kind}`, which is no event of the core");
            }
        }
        // The check itself tells a name from a typo.
        assert!(is_event_kind("workshop_closed") && is_event_kind("ballot_cast"));
        assert!(!is_event_kind("ballot_casted"));
    }
}
