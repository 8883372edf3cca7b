//! Prometheus text metrics: request counts and latency histograms by route pattern, plus the
//! database pool's state. Kept in-process and dependency-free; routes are patterns
//! (`/partner/customers/{id}`), so the label set stays bounded.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Duration;

const BUCKETS: [f64; 10] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0];

#[derive(Default)]
struct Series {
    count: u64,
    sum_seconds: f64,
    buckets: [u64; BUCKETS.len()],
}

#[derive(Default)]
pub struct Metrics {
    // (method, route, status) -> series. A Mutex is plenty: one short critical section per
    // request, far below the cost of rendering a page.
    series: Mutex<BTreeMap<(String, String, u16), Series>>,
}

impl Metrics {
    pub fn observe_request(&self, method: &str, route: &str, status: u16, elapsed: Duration) {
        let seconds = elapsed.as_secs_f64();
        let mut series = self.series.lock().unwrap_or_else(|p| p.into_inner());
        let entry = series
            .entry((method.to_owned(), route.to_owned(), status))
            .or_default();
        entry.count += 1;
        entry.sum_seconds += seconds;
        for (i, bound) in BUCKETS.iter().enumerate() {
            if seconds <= *bound {
                entry.buckets[i] += 1;
            }
        }
    }

    /// Renders the Prometheus text exposition format.
    pub fn render(&self, pool: diesel::r2d2::State, pool_max: u32) -> String {
        let mut out = String::new();
        let series = self.series.lock().unwrap_or_else(|p| p.into_inner());
        out.push_str(
            "# HELP http_requests_total Requests answered, by method, route and status.\n",
        );
        out.push_str("# TYPE http_requests_total counter\n");
        for ((method, route, status), s) in series.iter() {
            let _ = writeln!(
                out,
                "http_requests_total{{method=\"{method}\",route=\"{}\",status=\"{status}\"}} {}",
                escape(route),
                s.count
            );
        }
        out.push_str("# HELP http_request_duration_seconds Time to answer, by method and route.\n");
        out.push_str("# TYPE http_request_duration_seconds histogram\n");
        let mut by_route: BTreeMap<(&str, &str), Series> = BTreeMap::new();
        for ((method, route, _), s) in series.iter() {
            let agg = by_route.entry((method, route)).or_default();
            agg.count += s.count;
            agg.sum_seconds += s.sum_seconds;
            for (i, b) in s.buckets.iter().enumerate() {
                agg.buckets[i] += b;
            }
        }
        for ((method, route), s) in by_route {
            let labels = format!("method=\"{method}\",route=\"{}\"", escape(route));
            for (i, bound) in BUCKETS.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {}",
                    s.buckets[i]
                );
            }
            let _ = writeln!(
                out,
                "http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}",
                s.count
            );
            let _ = writeln!(
                out,
                "http_request_duration_seconds_sum{{{labels}}} {}",
                s.sum_seconds
            );
            let _ = writeln!(
                out,
                "http_request_duration_seconds_count{{{labels}}} {}",
                s.count
            );
        }
        out.push_str("# HELP db_pool_connections Database pool connections by state.\n");
        out.push_str("# TYPE db_pool_connections gauge\n");
        let _ = writeln!(
            out,
            "db_pool_connections{{state=\"open\"}} {}",
            pool.connections
        );
        let _ = writeln!(
            out,
            "db_pool_connections{{state=\"idle\"}} {}",
            pool.idle_connections
        );
        let _ = writeln!(out, "db_pool_connections{{state=\"max\"}} {pool_max}");
        out
    }
}

fn escape(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_buckets_by_route() {
        let m = Metrics::default();
        m.observe_request("GET", "/a/{id}", 200, Duration::from_millis(3));
        m.observe_request("GET", "/a/{id}", 200, Duration::from_millis(300));
        m.observe_request("GET", "/a/{id}", 404, Duration::from_millis(1));
        let text = m.render(r2d2_state(), 10);
        assert!(
            text.contains("http_requests_total{method=\"GET\",route=\"/a/{id}\",status=\"200\"} 2")
        );
        assert!(
            text.contains("http_requests_total{method=\"GET\",route=\"/a/{id}\",status=\"404\"} 1")
        );
        assert!(text.contains(
            "http_request_duration_seconds_bucket{method=\"GET\",route=\"/a/{id}\",le=\"0.005\"} 2"
        ));
        assert!(
            text.contains(
                "http_request_duration_seconds_count{method=\"GET\",route=\"/a/{id}\"} 3"
            )
        );
        assert!(text.contains("db_pool_connections{state=\"max\"} 10"));
    }

    fn r2d2_state() -> diesel::r2d2::State {
        // r2d2::State has no public constructor; take one from a real (unused) pool.
        let manager = diesel::r2d2::ConnectionManager::<crate::db::DbConnection>::new(":memory:");
        diesel::r2d2::Pool::builder()
            .min_idle(Some(0))
            .build_unchecked(manager)
            .state()
    }
}
