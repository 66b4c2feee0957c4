//! The projection screen's address that needs no sign-in: the record counts its generations,
//! the state holds the one that works, and an address once revoked or replaced never comes back.

use crate::support::decide;
use crate::support::*;
use converge_core::*;

#[test]
fn each_new_address_is_a_new_generation_and_a_revoked_one_never_returns() {
    let mut workshop = workshop();
    let facilitating = Actor::Account(account());
    assert_eq!((workshop.screen_link, workshop.screen_links_issued), (None, 0));

    let issued = decide(&workshop, facilitating, Command::IssueScreenLink { renew: false }).unwrap();
    assert_eq!(issued, vec![Event::ScreenLinkIssued { generation: 1 }]);
    apply_all(&mut workshop, 0, &issued);
    assert_eq!(workshop.screen_link, Some(1));
    assert_eq!(
        decide(&workshop, facilitating, Command::IssueScreenLink { renew: false }),
        Ok(vec![]),
        "a second click keeps the address just handed out"
    );

    run(&mut workshop, facilitating, Command::IssueScreenLink { renew: true });
    assert_eq!(workshop.screen_link, Some(2), "renewing replaces the address");

    let revoked = decide(&workshop, facilitating, Command::RevokeScreenLink).unwrap();
    assert_eq!(revoked, vec![Event::ScreenLinkRevoked]);
    apply_all(&mut workshop, 0, &revoked);
    assert_eq!((workshop.screen_link, workshop.screen_links_issued), (None, 2));
    assert_eq!(
        decide(&workshop, facilitating, Command::RevokeScreenLink),
        Ok(vec![]),
        "revoking twice changes nothing"
    );

    run(&mut workshop, facilitating, Command::IssueScreenLink { renew: false });
    assert_eq!(workshop.screen_link, Some(3), "after a revocation, a generation never given before");
}

#[test]
fn only_the_facilitator_gives_or_takes_back_the_address() {
    let mut workshop = workshop();
    let ana = join(&mut workshop, 1);
    for actor in [Actor::Participant(ana), Actor::Newcomer] {
        for command in [Command::IssueScreenLink { renew: true }, Command::RevokeScreenLink] {
            assert_eq!(decide(&workshop, actor, command), Err(DomainError::FacilitatorOnly));
        }
    }
}

#[test]
fn a_closed_workshop_keeps_a_revocable_address_for_its_thanks() {
    let mut workshop = workshop();
    let facilitating = Actor::Account(account());
    run(&mut workshop, facilitating, Command::IssueScreenLink { renew: false });
    run(&mut workshop, facilitating, Command::CloseWorkshop);
    let closure_seq = workshop.closure_seq;
    run(&mut workshop, facilitating, Command::RevokeScreenLink);
    run(&mut workshop, facilitating, Command::IssueScreenLink { renew: true });
    assert_eq!(workshop.screen_link, Some(2));
    assert_eq!(workshop.closure_seq, closure_seq, "the record of the days still ends at the closing");
}

#[test]
fn the_events_are_read_whole_and_hold_no_token() {
    let workshop = workshop();
    let issued = Event::ScreenLinkIssued { generation: 7 };
    assert_eq!(serde_json::to_string(&issued).unwrap(), r#"{"type":"screen_link_issued","generation":7}"#);
    assert_eq!(serde_json::to_string(&Event::ScreenLinkRevoked).unwrap(), r#"{"type":"screen_link_revoked"}"#);
    for event in [issued, Event::ScreenLinkRevoked] {
        let kind = serde_json::to_value(&event).unwrap()["type"].as_str().unwrap().to_owned();
        assert_eq!(event.kind(), kind);
        for audience in [Audience::Facilitator, Audience::Room] {
            assert_eq!(event.disclosure(&workshop, audience), Disclosure::Whole);
        }
    }
}
