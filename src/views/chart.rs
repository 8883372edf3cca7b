//! The overview's weekly chart as inline SVG: bars for relationships established per week, a
//! line for the share of multi-partner customers. Accessible: `role="img"` with a title and a
//! description, and the page shows the same numbers as a table.

use std::fmt::Write;

use crate::flows::admin::WeekPoint;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `title` and `description` are already translated; everything else is numbers and ISO weeks.
pub fn weekly_chart(points: &[WeekPoint], title: &str, description: &str) -> String {
    let (width, height) = (720.0_f64, 260.0_f64);
    let (left, right, top, bottom) = (48.0, 48.0, 16.0, 40.0);
    let plot_w = width - left - right;
    let plot_h = height - top - bottom;
    let max = points
        .iter()
        .map(|p| p.established)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let slot = plot_w / points.len().max(1) as f64;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg"><title id="chart-title">{}</title><desc id="chart-desc">{}</desc>"#,
        escape(title),
        escape(description)
    );
    // Axes: counts on the left, share (0–100 %) on the right.
    let _ = write!(
        svg,
        r#"<g class="axis"><line x1="{left}" y1="{}" x2="{}" y2="{}"/>"#,
        top + plot_h,
        left + plot_w,
        top + plot_h
    );
    for frac in [0.0, 0.5, 1.0] {
        let y = top + plot_h - frac * plot_h;
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}" text-anchor="end">{}</text><text x="{}" y="{}">{}%</text>"#,
            left - 6.0,
            y + 4.0,
            (max * frac).round() as i64,
            left + plot_w + 6.0,
            y + 4.0,
            (frac * 100.0) as i64
        );
    }
    svg.push_str("</g>");
    svg.push_str(r#"<g class="bars">"#);
    for (i, p) in points.iter().enumerate() {
        let h = p.established as f64 / max * plot_h;
        let x = left + i as f64 * slot + slot * 0.15;
        let _ = write!(
            svg,
            r#"<rect x="{x:.1}" y="{:.1}" width="{:.1}" height="{h:.1}"><title>{}: {}</title></rect>"#,
            top + plot_h - h,
            slot * 0.7,
            escape(&p.week),
            p.established
        );
        if i % 2 == 0 || points.len() <= 6 {
            let _ = write!(
                svg,
                r#"<text class="week" x="{:.1}" y="{}" text-anchor="middle">{}</text>"#,
                x + slot * 0.35,
                top + plot_h + 16.0,
                escape(p.week.split_once('-').map(|(_, w)| w).unwrap_or(&p.week))
            );
        }
    }
    svg.push_str("</g>");
    let line: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            format!(
                "{:.1},{:.1}",
                left + i as f64 * slot + slot / 2.0,
                top + plot_h - p.multi_partner_share.clamp(0.0, 1.0) * plot_h
            )
        })
        .collect();
    let _ = write!(
        svg,
        r#"<polyline class="share" points="{}"/>"#,
        line.join(" ")
    );
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_has_one_bar_per_week_and_escapes_text() {
        let points: Vec<WeekPoint> = (0..12)
            .map(|i| WeekPoint {
                week: format!("2026-W{i:02}"),
                established: i * 10,
                multi_partner_share: 0.25,
            })
            .collect();
        let svg = weekly_chart(&points, "Relationships <per week>", "desc & more");
        assert_eq!(svg.matches("<rect").count(), 12);
        assert!(svg.contains("Relationships &lt;per week&gt;"));
        assert!(svg.contains("desc &amp; more"));
        assert!(svg.contains(r#"role="img""#));
        assert!(svg.contains("<polyline"));
        assert!(!weekly_chart(&[], "t", "d").contains("NaN"));
    }
}
