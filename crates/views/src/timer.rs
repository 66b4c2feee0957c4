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
    html! {
        p.timer role="timer" aria-live="off" data-timer-ends=[ends_at] class=(if running { "timer running" } else { "timer paused" }) {
            span.timer-label { (lang.t("timer-label")) " " }
            span.timer-value { (clock(remaining_ms)) }
            @if !running { " " span.muted { (lang.t("timer-paused")) } }
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
