//! Typed identifiers and the timestamp every event carries.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            pub const fn from_uuid(uuid: Uuid) -> Self {
                Self(uuid)
            }

            pub const fn as_uuid(&self) -> Uuid {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;

            fn from_str(raw: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(raw).map(Self)
            }
        }
    };
}

id_type!(
    /// A workshop: one event stream.
    WorkshopId
);
id_type!(
    /// A facilitator account, which exists outside any one workshop.
    AccountId
);
id_type!(
    /// Someone taking part in one workshop. The same person in two workshops has two ids.
    ParticipantId
);
id_type!(
    /// An activity on a workshop's agenda.
    ActivityId
);
id_type!(
    /// A note or any other contribution posted in an activity.
    ContributionId
);
id_type!(
    /// An action card of an action plan.
    ActionId
);

/// Milliseconds since the Unix epoch, UTC. The caller supplies it; the core never reads a clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);
