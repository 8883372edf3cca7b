//! The client's address, as rate limits, the access log and the audit trail see it, comes from
//! `X-Forwarded-For` or `Forwarded` only when the request arrives from a `TRUSTED_PROXIES`
//! range (issue 12, finding 3); IPv6 clients are limited by their /64.

use reqwest::StatusCode;

use crate::both_backends;
use crate::common::{AppOptions, Backend, TestApp, spawn_app_with};
use crate::log_capture;

async fn app(backend: Backend, trusted: Option<&str>) -> TestApp {
    let mut options = AppOptions::new(backend).env("RATE_LIMITS", "callback=3");
    if let Some(trusted) = trusted {
        options = options.env("TRUSTED_PROXIES", trusted);
    }
    spawn_app_with(options).await
}

/// `GET /auth/callback` with nothing: refused and audited, and its access line logged.
async fn callback(app: &TestApp, headers: &[(&str, &str)]) -> (StatusCode, String) {
    let page = app.browser().get_with("/auth/callback", headers).await;
    let id = page.headers["x-request-id"].to_str().unwrap().to_owned();
    let access = log_capture::events_of(&id)
        .into_iter()
        .find(|e| e.get("target").and_then(|t| t.as_str()) == Some("access"))
        .expect("access line");
    (page.status, access["client"].as_str().unwrap().to_owned())
}

fn audited_from(app: &TestApp, addr: &str) -> i64 {
    app.count(&format!("audit_events WHERE client_addr = '{addr}'"))
}

/// From a peer that is not a trusted proxy (the default: none is), forwarding headers are
/// ignored everywhere: the audit row and the log hold the peer, and a new forged address per
/// request does not buy a new rate limit.
async fn forged_forwarding_headers_are_ignored(backend: Backend) {
    log_capture::capture();
    let app = app(backend, None).await;
    let mut statuses = Vec::new();
    for n in 1..=4 {
        let forged = format!("198.51.100.{n}");
        let forwarded = format!("for={forged}");
        let (status, client) = callback(
            &app,
            &[("X-Forwarded-For", &forged), ("Forwarded", &forwarded)],
        )
        .await;
        assert_eq!(client, "127.0.0.1", "the log's client");
        statuses.push(status);
    }
    assert_eq!(statuses[3], StatusCode::TOO_MANY_REQUESTS, "{statuses:?}");
    assert!(
        statuses[..3]
            .iter()
            .all(|s| *s != StatusCode::TOO_MANY_REQUESTS)
    );
    assert_eq!(
        audited_from(&app, "127.0.0.1"),
        3,
        "the audit rows' address"
    );
    assert_eq!(
        app.count("audit_events WHERE client_addr LIKE '198.51.100.%'"),
        0
    );
}
both_backends!(forged_forwarding_headers_are_ignored);

/// Behind a trusted proxy its `X-Forwarded-For` names the client: the right-most hop that is
/// not a proxy, so a hop the client forged to the left of it changes nothing.
async fn a_trusted_proxys_forwarded_for_names_the_client(backend: Backend) {
    log_capture::capture();
    let app = app(backend, Some("127.0.0.0/8")).await;
    for _ in 0..3 {
        let (status, client) = callback(
            &app,
            &[("X-Forwarded-For", "6.6.6.6, 198.51.100.7, 127.0.0.9")],
        )
        .await;
        assert_ne!(status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(client, "198.51.100.7");
    }
    // The same client through the proxy, whatever it forges: over its limit.
    let (status, _) = callback(&app, &[("X-Forwarded-For", "7.7.7.7, 198.51.100.7")]).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    // Another client through the same proxy has its own limit (RFC 7239 `Forwarded` too).
    let (status, client) = callback(&app, &[("Forwarded", "for=\"198.51.100.8:4711\"")]).await;
    assert_ne!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(client, "198.51.100.8");
    assert_eq!(audited_from(&app, "198.51.100.7"), 3);
    assert_eq!(audited_from(&app, "198.51.100.8"), 1);
    assert_eq!(audited_from(&app, "6.6.6.6"), 0);
    assert_eq!(audited_from(&app, "127.0.0.1"), 0);

    // IPv6 clients share a limit across their /64, and another /64 has its own.
    for n in 1..=3 {
        let (status, client) =
            callback(&app, &[("X-Forwarded-For", &format!("2001:db8:0:1::{n}"))]).await;
        assert_ne!(status, StatusCode::TOO_MANY_REQUESTS, "{n}");
        assert_eq!(
            client,
            format!("2001:db8:0:1::{n}"),
            "the log keeps the address"
        );
    }
    let (status, _) = callback(&app, &[("X-Forwarded-For", "2001:db8:0:1::ffff")]).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "same /64");
    let (status, _) = callback(&app, &[("X-Forwarded-For", "2001:db8:0:2::1")]).await;
    assert_ne!(status, StatusCode::TOO_MANY_REQUESTS, "another /64");
}
both_backends!(a_trusted_proxys_forwarded_for_names_the_client);
