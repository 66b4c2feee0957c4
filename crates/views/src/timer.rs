//! The activity timer as every screen shows it. The server keeps the time; the page shows what
//! was left when it was rendered, and `app.js` counts down from the end time it carries.

use crate::Lang;
use converge_core::{Activity, Timer, Timestamp};
use maud::{Markup, html};

pub fn timer(lang: Lang, activity: &Activity, now: Timestamp) -> Markup {
    let Some(timer) = activity.timer else { return html! {} };
    let remaining_ms = timer.remaining_ms(now);
    let (running, ends_at) = match timer {
        Timer::Running { ends_at } => (true, Some(ends_at.0)),
        Timer::Paused { .. } => (false, None),
    };
    let over = running && remaining_ms == 0;
    let class = match (running, over) {
        (true, true) => "timer running over",
        (true, false) => "timer running",
        (false, _) => "timer paused",
    };
    html! {
        p role="timer" aria-live="off" data-timer-ends=[ends_at] class=(class) {
            span.timer-label { (lang.t("timer-label")) " " }
            span.timer-value { (clock(remaining_ms)) }
            @if !running { " " span.muted { (lang.t("timer-paused")) } }
            // Shown when the time is up, on every screen: a banner on phones, a chime on the
            // projection (`stage.js`). Announced once, when it appears.
            // An activity that locks at zero says that posting has stopped.
            @if running {
                " "
                strong.timer-over-note role="status" hidden[!over] {
                    (lang.t(if activity.settings.lock_at_zero { "timer-over-locked" } else { "timer-over" }))
                }
            }
        }
    }
}

/// `m:ss`, rounded up so a timer reads 0:00 only when it is over.
pub fn clock(remaining_ms: u64) -> String {
    let seconds = remaining_ms.div_ceil(1000);
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

#[cfg(test)]
mod tests {
    use super::clock;

    #[test]
    fn the_clock_rounds_up_to_the_second() {
        assert_eq!(clock(0), "0:00");
        assert_eq!(clock(1), "0:01");
        assert_eq!(clock(300_000), "5:00");
        assert_eq!(clock(61_500), "1:02");
    }
}
