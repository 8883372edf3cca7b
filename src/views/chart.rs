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

/// The count axis: 0 up to a round top at or above `max`, in whole, distinct steps of 1, 2 or
/// 5 times a power of ten, at most five steps. (Halving the maximum and rounding read 0, 1, 1
/// for a maximum of 1.)
pub fn count_ticks(max: i64) -> Vec<i64> {
    let max = max.max(1);
    let mut magnitude = 1_i64;
    let step = loop {
        if let Some(step) = [1, 2, 5]
            .iter()
            .map(|m| m * magnitude)
            .find(|step| (max + step - 1) / step <= 5)
        {
            break step;
        }
        magnitude *= 10;
    };
    let steps = (max + step - 1) / step;
    (0..=steps).map(|i| i * step).collect()
}

/// `title` and `description` are already translated; everything else is numbers and ISO weeks.
pub fn weekly_chart(points: &[WeekPoint], title: &str, description: &str) -> String {
    let (width, height) = (720.0_f64, 280.0_f64);
    // Wide margins: on a phone the labels are drawn at twice their desktop size (app.css),
    // and "100%" must still fit beside the plot.
    let (left, right, top, bottom) = (64.0, 72.0, 16.0, 48.0);
    let plot_w = width - left - right;
    let plot_h = height - top - bottom;
    let ticks = count_ticks(points.iter().map(|p| p.established).max().unwrap_or(0));
    let max = *ticks.last().unwrap_or(&1) as f64;
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
    for tick in &ticks {
        let y = top + plot_h - *tick as f64 / max * plot_h;
        let _ = write!(
            svg,
            r#"<text class="count" x="{}" y="{:.1}" text-anchor="end">{tick}</text>"#,
            left - 8.0,
            y + 4.0,
        );
    }
    for percent in [0, 50, 100] {
        let y = top + plot_h - f64::from(percent) / 100.0 * plot_h;
        let _ = write!(
            svg,
            r#"<text class="share-label" x="{}" y="{:.1}">{percent}%</text>"#,
            left + plot_w + 8.0,
            y + 4.0,
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
                top + plot_h + 22.0,
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

    /// The numbers on the count axis, read back from the SVG.
    fn axis_labels(svg: &str) -> Vec<i64> {
        svg.split(r#"<text class="count""#)
            .skip(1)
            .map(|rest| {
                let text = &rest[rest.find('>').unwrap() + 1..rest.find("</text>").unwrap()];
                text.parse().unwrap()
            })
            .collect()
    }

    fn weeks(counts: &[i64]) -> Vec<WeekPoint> {
        counts
            .iter()
            .enumerate()
            .map(|(i, n)| WeekPoint {
                week: format!("2026-W{:02}", i + 1),
                established: *n,
                multi_partner_share: 0.5,
            })
            .collect()
    }

    #[test]
    fn count_axis_reads_whole_distinct_numbers_up_to_the_tallest_bar() {
        for max in 0..=2_000 {
            let labels = axis_labels(&weekly_chart(&weeks(&[0, max, 1]), "t", "d"));
            assert_eq!(labels.first(), Some(&0), "max {max}: {labels:?}");
            assert!(
                labels.windows(2).all(|w| w[0] < w[1]),
                "max {max}: repeated or falling labels {labels:?}"
            );
            assert!(*labels.last().unwrap() >= max, "max {max}: {labels:?}");
            assert!((2..=6).contains(&labels.len()), "max {max}: {labels:?}");
            let step = labels[1];
            assert!(labels.windows(2).all(|w| w[1] - w[0] == step));
        }
        assert_eq!(count_ticks(1), vec![0, 1]);
        assert_eq!(count_ticks(3), vec![0, 1, 2, 3]);
        assert_eq!(count_ticks(7), vec![0, 2, 4, 6, 8]);
    }

    #[test]
    fn bar_heights_are_proportional_to_the_counts() {
        let svg = weekly_chart(&weeks(&[3, 0, 1]), "t", "d");
        let heights: Vec<f64> = svg
            .split("<rect ")
            .skip(1)
            .map(|rect| {
                let h = &rect[rect.find("height=\"").unwrap() + 8..];
                h[..h.find('"').unwrap()].parse().unwrap()
            })
            .collect();
        assert_eq!(heights.len(), 3);
        assert!(heights[0] > 0.0 && heights[2] > 0.0 && heights[1] == 0.0);
        assert!((heights[0] / heights[2] - 3.0).abs() < 0.01, "{heights:?}");
    }
}
