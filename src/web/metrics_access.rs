//! Who may read `/metrics` (issue 12, finding 6). Its per-route counts name the accept and
//! admin routes and show the pool's state, so it is not public: it answers a bearer token
//! (`METRICS_TOKEN`, compared in constant time) or whoever reaches a separate listener
//! (`METRICS_ADDR`, bound to an address only the scraper can reach). With neither, only a demo
//! bound to loopback serves it openly; everywhere else it does not exist (404).

use crate::config::{Config, Environment};
use crate::security::constant_time_eq;

/// The listener a request came in on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listener {
    /// `BIND_ADDR`, the portal itself.
    Main,
    /// `METRICS_ADDR`, which serves `/metrics` and nothing else.
    Metrics,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetricsAccess {
    Serve,
    /// 401 with `WWW-Authenticate: Bearer`: a token is configured and this is not it.
    Unauthorized,
    /// Not served here: answered like any unknown path.
    NotFound,
}

/// The configuration `/metrics` is decided by.
#[derive(Debug, Clone, Copy)]
pub struct MetricsPolicy<'a> {
    pub token: Option<&'a str>,
    pub separate_listener: bool,
    /// A demo bound to a loopback address: only this machine can ask.
    pub open_on_main: bool,
}

impl<'a> MetricsPolicy<'a> {
    pub fn of(config: &'a Config) -> MetricsPolicy<'a> {
        MetricsPolicy {
            token: config.metrics_token.as_deref(),
            separate_listener: config.metrics_addr.is_some(),
            open_on_main: config.environment == Environment::Demo
                && config.bind_addr.ip().is_loopback(),
        }
    }

    /// `authorization` is the raw `Authorization` header, if any.
    pub fn decide(&self, listener: Listener, authorization: Option<&[u8]>) -> MetricsAccess {
        if let Some(token) = self.token {
            // A configured token is required on every listener.
            return match authorization.and_then(bearer) {
                Some(given) if constant_time_eq(given, token.as_bytes()) => MetricsAccess::Serve,
                _ => MetricsAccess::Unauthorized,
            };
        }
        match listener {
            Listener::Metrics => MetricsAccess::Serve,
            Listener::Main if self.open_on_main && !self.separate_listener => MetricsAccess::Serve,
            Listener::Main => MetricsAccess::NotFound,
        }
    }
}

/// The credentials of `Bearer <credentials>` (the scheme is case-insensitive, RFC 9110 §11.1).
fn bearer(header: &[u8]) -> Option<&[u8]> {
    let (scheme, rest) = header.split_at_checked(7)?;
    scheme
        .eq_ignore_ascii_case(b"bearer ")
        .then(|| rest.trim_ascii())
        .filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "0123456789abcdef0123456789abcdef";

    fn policy(token: Option<&str>, separate: bool, open: bool) -> MetricsPolicy<'_> {
        MetricsPolicy {
            token,
            separate_listener: separate,
            open_on_main: open,
        }
    }

    #[test]
    fn a_configured_token_is_required_everywhere() {
        let right = format!("Bearer {TOKEN}");
        for (separate, open) in [(false, false), (true, false), (false, true), (true, true)] {
            let p = policy(Some(TOKEN), separate, open);
            for listener in [Listener::Main, Listener::Metrics] {
                assert_eq!(
                    p.decide(listener, Some(right.as_bytes())),
                    MetricsAccess::Serve
                );
                for wrong in [
                    None,
                    Some(&b""[..]),
                    Some(b"Bearer "),
                    Some(b"Bearer 0123456789abcdef0123456789abcdee"),
                    Some(b"Bearer 0123456789abcdef0123456789abcdef0"),
                    Some(b"Basic MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="),
                    Some(TOKEN.as_bytes()),
                ] {
                    assert_eq!(
                        p.decide(listener, wrong),
                        MetricsAccess::Unauthorized,
                        "{listener:?} {wrong:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_scheme_is_case_insensitive() {
        let p = policy(Some(TOKEN), false, false);
        let lower = format!("bearer {TOKEN}");
        assert_eq!(
            p.decide(Listener::Main, Some(lower.as_bytes())),
            MetricsAccess::Serve
        );
    }

    #[test]
    fn without_a_token_the_separate_listener_serves_and_the_portal_does_not() {
        let p = policy(None, true, true);
        assert_eq!(p.decide(Listener::Metrics, None), MetricsAccess::Serve);
        assert_eq!(p.decide(Listener::Main, None), MetricsAccess::NotFound);
    }

    #[test]
    fn without_either_only_a_loopback_demo_serves() {
        assert_eq!(
            policy(None, false, true).decide(Listener::Main, None),
            MetricsAccess::Serve
        );
        assert_eq!(
            policy(None, false, false).decide(Listener::Main, None),
            MetricsAccess::NotFound
        );
    }

    fn config(pairs: &[(&str, &str)]) -> Config {
        Config::from_map(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
        .unwrap()
    }

    #[test]
    fn open_only_in_a_demo_on_loopback() {
        assert!(MetricsPolicy::of(&config(&[])).open_on_main);
        assert!(MetricsPolicy::of(&config(&[("BIND_ADDR", "[::1]:8080")])).open_on_main);
        assert!(!MetricsPolicy::of(&config(&[("BIND_ADDR", "0.0.0.0:8080")])).open_on_main);
        assert!(!MetricsPolicy::of(&config(&[("BIND_ADDR", "10.0.0.5:8080")])).open_on_main);
    }
}
