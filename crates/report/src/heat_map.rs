//! The risk heat map: a 5 × 5 grid, likelihood across and impact up, each cell coloured by its
//! severity (likelihood × impact), each rated risk a numbered mark in its cell.
//!
//! The SVG is self-contained (presentation attributes only, no CSS, no script) so that the same
//! string goes inline into a page under a strict Content-Security-Policy and into a PDF. Every
//! text it holds comes from the caller, already translated, and is escaped here.

use std::fmt::Write;

/// One risk on the map: `label` is the short mark drawn in the cell ("1", "R3"), `text` the
/// risk itself (in the chart's description and the mark's tooltip), and the cell, each 1 to 5
/// (`RiskSummary::cell()`); values outside the scale are drawn at its nearest end.
#[derive(Debug, Clone, Copy)]
pub struct PlacedRisk<'a> {
    pub label: &'a str,
    pub text: &'a str,
    pub likelihood: u8,
    pub impact: u8,
}

/// The chart's words, in the reader's language.
#[derive(Debug, Clone, Copy)]
pub struct HeatMapText<'a> {
    /// The chart's accessible name.
    pub title: &'a str,
    /// The horizontal axis.
    pub likelihood: &'a str,
    /// The vertical axis.
    pub impact: &'a str,
}

/// The scale of both axes.
const SCALE: u8 = 5;
const CELL: u32 = 72;
const LEFT: u32 = 64;
const TOP: u32 = 16;
const WIDTH: u32 = LEFT + CELL * SCALE as u32 + 16;
const HEIGHT: u32 = TOP + CELL * SCALE as u32 + 56;
/// Marks fit three by three in a cell; the last slot of a fuller cell says how many more.
const SLOTS_PER_ROW: usize = 3;
const SLOTS: usize = SLOTS_PER_ROW * SLOTS_PER_ROW;

/// How serious a cell is, from its likelihood × impact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Low,
    Moderate,
    High,
    Critical,
}

impl Severity {
    pub fn of(likelihood: u8, impact: u8) -> Severity {
        match u32::from(likelihood) * u32::from(impact) {
            0..=4 => Severity::Low,
            5..=9 => Severity::Moderate,
            10..=14 => Severity::High,
            _ => Severity::Critical,
        }
    }

    /// Light fills, so the dark marks and numbers on them stay readable in print too.
    pub fn fill(self) -> &'static str {
        match self {
            Severity::Low => "#d7efd0",
            Severity::Moderate => "#fbefb4",
            Severity::High => "#fbd3a6",
            Severity::Critical => "#f3a9a4",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Moderate => "moderate",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

/// The heat map as an SVG document fragment (an `<svg>` element), sized by its `viewBox`.
pub fn heat_map_svg(risks: &[PlacedRisk<'_>], text: &HeatMapText<'_>) -> String {
    let mut svg = String::with_capacity(4096 + risks.len() * 256);
    let title = escape(text.title);
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="heat-map" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{title}" font-family="sans-serif">"#
    );
    let _ = write!(svg, "<title>{title}</title>");
    if !risks.is_empty() {
        svg.push_str("<desc>");
        for (index, risk) in risks.iter().enumerate() {
            let (likelihood, impact) = on_scale(risk);
            if index > 0 {
                svg.push('\n');
            }
            let _ = write!(
                svg,
                "{}: {} ({} {likelihood}, {} {impact})",
                escape(risk.label),
                escape(risk.text),
                escape(text.likelihood),
                escape(text.impact)
            );
        }
        svg.push_str("</desc>");
    }

    for likelihood in 1..=SCALE {
        for impact in 1..=SCALE {
            let (x, y) = cell_origin(likelihood, impact);
            let severity = Severity::of(likelihood, impact);
            let _ = write!(
                svg,
                r##"<rect x="{x}" y="{y}" width="{CELL}" height="{CELL}" fill="{}" stroke="#ffffff" stroke-width="2" data-severity="{}"/>"##,
                severity.fill(),
                severity.as_str()
            );
        }
    }

    let bottom = TOP + CELL * u32::from(SCALE);
    let _ = write!(
        svg,
        r##"<path d="M{LEFT} {TOP}V{bottom}H{}" fill="none" stroke="#5b6675" stroke-width="1.5"/>"##,
        LEFT + CELL * u32::from(SCALE)
    );
    for tick in 1..=SCALE {
        let (x, y) = cell_origin(tick, tick);
        let _ = write!(
            svg,
            r##"<text x="{}" y="{}" font-size="13" text-anchor="middle" fill="#5b6675">{tick}</text>"##,
            x + CELL / 2,
            bottom + 18
        );
        let _ = write!(
            svg,
            r##"<text x="{}" y="{}" font-size="13" text-anchor="end" fill="#5b6675">{tick}</text>"##,
            LEFT - 8,
            y + CELL / 2 + 5
        );
    }
    let middle_x = LEFT + CELL * u32::from(SCALE) / 2;
    let middle_y = TOP + CELL * u32::from(SCALE) / 2;
    let _ = write!(
        svg,
        r##"<text x="{middle_x}" y="{}" font-size="15" text-anchor="middle" fill="#1c2430">{}</text>"##,
        bottom + 44,
        escape(text.likelihood)
    );
    let _ = write!(
        svg,
        r##"<text x="22" y="{middle_y}" font-size="15" text-anchor="middle" fill="#1c2430" transform="rotate(-90 22 {middle_y})">{}</text>"##,
        escape(text.impact)
    );

    let mut by_cell: Vec<Vec<&PlacedRisk<'_>>> = vec![Vec::new(); usize::from(SCALE) * usize::from(SCALE)];
    for risk in risks {
        let (likelihood, impact) = on_scale(risk);
        by_cell[usize::from(likelihood - 1) * usize::from(SCALE) + usize::from(impact - 1)].push(risk);
    }
    for (index, marks) in by_cell.iter().enumerate().filter(|(_, marks)| !marks.is_empty()) {
        let likelihood = (index / usize::from(SCALE)) as u8 + 1;
        let impact = (index % usize::from(SCALE)) as u8 + 1;
        let (x, y) = cell_origin(likelihood, impact);
        let shown = if marks.len() > SLOTS { SLOTS - 1 } else { marks.len() };
        for (slot, risk) in marks.iter().take(shown).enumerate() {
            let (cx, cy) = slot_centre(x, y, slot);
            let label = escape(risk.label);
            let font_size = if risk.label.chars().count() > 2 { 9 } else { 11 };
            let _ = write!(
                svg,
                r##"<g class="heat-map-risk" data-likelihood="{likelihood}" data-impact="{impact}"><title>{label}: {}</title><circle cx="{cx}" cy="{cy}" r="10" fill="#1c2430"/><text x="{cx}" y="{}" font-size="{font_size}" font-weight="700" text-anchor="middle" fill="#ffffff">{label}</text></g>"##,
                escape(risk.text),
                cy + 4
            );
        }
        if marks.len() > SLOTS {
            let (cx, cy) = slot_centre(x, y, SLOTS - 1);
            let _ = write!(
                svg,
                r##"<text x="{cx}" y="{}" font-size="11" font-weight="700" text-anchor="middle" fill="#1c2430">+{}</text>"##,
                cy + 4,
                marks.len() - shown
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

fn on_scale(risk: &PlacedRisk<'_>) -> (u8, u8) {
    (risk.likelihood.clamp(1, SCALE), risk.impact.clamp(1, SCALE))
}

/// The top-left corner of a cell: likelihood grows rightwards, impact upwards.
fn cell_origin(likelihood: u8, impact: u8) -> (u32, u32) {
    (LEFT + CELL * u32::from(likelihood - 1), TOP + CELL * u32::from(SCALE - impact))
}

fn slot_centre(x: u32, y: u32, slot: usize) -> (u32, u32) {
    let column = (slot % SLOTS_PER_ROW) as u32;
    let row = (slot / SLOTS_PER_ROW) as u32;
    (x + 14 + column * 22, y + 14 + row * 22)
}

/// Escapes text for XML content and attribute values, dropping the characters XML cannot hold.
fn escape(raw: &str) -> String {
    let mut escaped = String::with_capacity(raw.len());
    for character in raw.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            '\t' | '\n' | '\r' => escaped.push(' '),
            c if c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: HeatMapText<'static> = HeatMapText { title: "Risks", likelihood: "Likelihood", impact: "Impact" };

    #[test]
    fn text_is_escaped_everywhere() {
        let risks =
            [PlacedRisk { label: "<script>", text: "a \"quoted\" & <b>bold</b> risk", likelihood: 2, impact: 2 }];
        let hostile = HeatMapText { title: "T<i>'", likelihood: "L&", impact: "<I>" };
        let svg = heat_map_svg(&risks, &hostile);
        assert!(!svg.contains("<script>"), "{svg}");
        assert!(!svg.contains("<b>") && !svg.contains("<i>") && !svg.contains("<I>"));
        assert!(svg.contains("&lt;script&gt;"));
        assert!(svg.contains("a &quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt; risk"));
        assert!(svg.contains(r#"aria-label="T&lt;i&gt;&#39;""#));
        assert!(svg.contains("L&amp;") && svg.contains("&lt;I&gt;"));
    }

    #[test]
    fn a_risk_lands_in_its_cell() {
        let risks = [
            PlacedRisk { label: "1", text: "likely and grave", likelihood: 4, impact: 5 },
            PlacedRisk { label: "2", text: "rare and mild", likelihood: 1, impact: 1 },
        ];
        let svg = heat_map_svg(&risks, &TEXT);
        // Likelihood 4 is the fourth column from the left; impact 5 the top row.
        let (x, y) = cell_origin(4, 5);
        assert_eq!((x, y), (LEFT + 3 * CELL, TOP));
        let first = svg.find(r#"data-likelihood="4" data-impact="5""#).expect("risk 1 placed at (4, 5)");
        let mark = &svg[first..];
        assert!(mark.contains(&format!(r#"cx="{}" cy="{}""#, x + 14, y + 14)), "{mark}");
        assert!(mark.contains(">1</text>"));
        let (x, y) = cell_origin(1, 1);
        assert_eq!((x, y), (LEFT, TOP + 4 * CELL), "impact 1 is the bottom row");
        let second = svg.find(r#"data-likelihood="1" data-impact="1""#).expect("risk 2 placed at (1, 1)");
        assert!(svg[second..].contains(&format!(r#"cx="{}" cy="{}""#, x + 14, y + 14)));
    }

    #[test]
    fn cells_are_coloured_by_severity() {
        assert_eq!(Severity::of(1, 1), Severity::Low);
        assert_eq!(Severity::of(2, 3), Severity::Moderate);
        assert_eq!(Severity::of(3, 4), Severity::High);
        assert_eq!(Severity::of(5, 3), Severity::Critical);
        let svg = heat_map_svg(&[], &TEXT);
        assert_eq!(svg.matches("<rect ").count(), 25);
        assert_eq!(svg.matches(r#"data-severity="critical""#).count(), 6, "15, 16, 20 (twice), 25 and 15");
        assert!(!svg.contains("<desc>"), "no description without risks");
    }

    #[test]
    fn a_crowded_cell_says_how_many_more() {
        let texts: Vec<String> = (1..=12).map(|n| n.to_string()).collect();
        let risks: Vec<PlacedRisk<'_>> =
            texts.iter().map(|label| PlacedRisk { label, text: "same cell", likelihood: 3, impact: 3 }).collect();
        let svg = heat_map_svg(&risks, &TEXT);
        assert_eq!(svg.matches("class=\"heat-map-risk\"").count(), 8);
        assert!(svg.contains(">+4</text>"));
        assert_eq!(svg.matches("same cell").count(), 12 + 8, "every risk in the description, shown ones in tooltips");
    }

    #[test]
    fn out_of_scale_values_are_clamped() {
        let risks = [PlacedRisk { label: "9", text: "x", likelihood: 0, impact: 9 }];
        let svg = heat_map_svg(&risks, &TEXT);
        assert!(svg.contains(r#"data-likelihood="1" data-impact="5""#));
    }
}
