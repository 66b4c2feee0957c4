//! The fold of the projection screen's address: which generation works, and the last one given.

use crate::Workshop;

impl Workshop {
    pub(super) fn screen_link_issued(&mut self, generation: u64) {
        self.screen_link = Some(generation);
        self.screen_links_issued = self.screen_links_issued.max(generation);
    }
}
