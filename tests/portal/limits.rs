//! Rate limits belong to the route that runs, however its path is spelled: the router decodes
//! `%73` to `s` before matching, so `/auth/%73ignin` is the sign-in route and counts against
//! its limit, and the access log masks a token under any spelling (issue 12, finding 1).

use std::net::IpAddr;
use std::sync::Arc;

use reqwest::StatusCode;

use crate::both_backends;
use crate::common::{AppOptions, Backend, Browser, TestApp, spawn_app_with};
use crate::log_capture;

/// A browser connecting from `source` (any 127.0.0.0/8 address reaches the loopback), sharing
/// `jar` with the other browsers of the same person.
pub fn browser_from(app: &TestApp, source: &str, jar: &Arc<reqwest::cookie::Jar>) -> Browser {
    let source: IpAddr = source.parse().unwrap();
    let jar = jar.clone();
    Browser::with(&app.base, move |b| {
        b.cookie_provider(jar).local_address(source)
    })
}

/// Spellings of `path` that the router reads as `path`: one letter of each literal segment
/// percent-encoded (lower-case hex), and a whole segment encoded in upper-case hex.
pub fn spellings(path: &str) -> Vec<String> {
    let segments: Vec<&str> = path.split('/').collect();
    let literal = |s: &str| !s.is_empty() && !s.starts_with('{');
    let mut out = Vec::new();
    for (i, segment) in segments.iter().enumerate().filter(|(_, s)| literal(s)) {
        let mut chars = segment.chars();
        let first = chars.next().unwrap();
        let mut spelled = segments.clone();
        let encoded = format!("%{:02x}{}", first as u32, chars.as_str());
        spelled[i] = &encoded;
        out.push(spelled.join("/"));
        if i == segments.len() - 1 || out.len() == 1 {
            let mut spelled = segments.clone();
            let all: String = segment.bytes().map(|b| format!("%{b:02X}")).collect();
            spelled[i] = &all;
            out.push(spelled.join("/"));
        }
    }
    out
}

#[test]
fn spellings_decode_to_the_path() {
    let s = spellings("/auth/signin");
    assert!(s.contains(&"/auth/%73ignin".to_owned()), "{s:?}");
    assert!(s.contains(&"/%61uth/signin".to_owned()), "{s:?}");
    assert!(s.contains(&"/auth/%73%69%67%6E%69%6E".to_owned()), "{s:?}");
    for spelled in s {
        let decoded = percent_encoding::percent_decode_str(&spelled).decode_utf8_lossy();
        assert_eq!(decoded, "/auth/signin");
    }
}

async fn app_with_limits(backend: Backend, limits: &str) -> TestApp {
    spawn_app_with(AppOptions::new(backend).env("RATE_LIMITS", limits)).await
}

/// Each of the probe's spellings counts against the same limit as the plain path: three
/// requests in any spelling, and the fourth is refused in every spelling.
async fn encoded_paths_are_limited_like_the_plain_route(backend: Backend) {
    let app = app_with_limits(
        backend,
        "signin=3,callback=3,create=3,invitation=100,misses=100",
    )
    .await;
    let jar = Arc::new(reqwest::cookie::Jar::default());
    for (n, path) in ["/auth/signin", "/auth/callback"].into_iter().enumerate() {
        let browser = browser_from(&app, &format!("127.0.1.{}", n + 1), &jar);
        let spelled = spellings(path);
        for p in [path, &spelled[0], &spelled[1]] {
            let page = browser.get(p).await;
            assert_ne!(page.status, StatusCode::TOO_MANY_REQUESTS, "GET {p}");
        }
        for p in spelled.iter().map(String::as_str).chain([path]) {
            let page = browser.get(p).await;
            assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS, "GET {p}");
            assert!(page.headers.get("retry-after").is_some(), "GET {p}");
        }
    }

    // Creating invitations: signed in from one address, creating from another.
    let anna_jar = Arc::new(reqwest::cookie::Jar::default());
    let anna = browser_from(&app, "127.0.1.10", &anna_jar);
    assert_eq!(anna.sign_in_demo("anna@fabrikam", None).await, "/");
    let csrf = anna.csrf().await;
    let creator = browser_from(&app, "127.0.1.11", &anna_jar);
    let spelled = spellings("/partner/invitations");
    let invitations_before = app.count("invitations");
    for p in [&spelled[0], &spelled[1], &spelled[0]] {
        let page = creator.post_form(p, &[("csrf_token", &csrf)]).await;
        assert_ne!(page.status, StatusCode::TOO_MANY_REQUESTS, "POST {p}");
        assert_ne!(page.status, StatusCode::NOT_FOUND, "POST {p} is the route");
    }
    for p in spelled
        .iter()
        .map(String::as_str)
        .chain(["/partner/invitations"])
    {
        let page = creator.post_form(p, &[("csrf_token", &csrf)]).await;
        assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS, "POST {p}");
    }
    assert_eq!(app.count("invitations"), invitations_before, "empty forms");
    // Listing them is not limited.
    assert_eq!(
        creator.get("/partner/%69nvitations").await.status,
        StatusCode::OK
    );
}
both_backends!(encoded_paths_are_limited_like_the_plain_route);

/// Missed look-ups under an encoded spelling block the client, and a blocked client cannot
/// use a real link under any spelling either.
async fn encoded_invitation_links_count_misses_and_stay_blocked(backend: Backend) {
    let app = app_with_limits(backend, "invitation=100,misses=3").await;
    let token = crate::common::reseller_invitation_token(&app, "anna@fabrikam");
    let jar = Arc::new(reqwest::cookie::Jar::default());
    let grace = browser_from(&app, "127.0.2.1", &jar);
    assert_eq!(grace.sign_in_demo("grace@contoso", None).await, "/");
    let mut statuses = Vec::new();
    for (n, spelled) in spellings("/invitations/{token}")
        .iter()
        .cycle()
        .take(4)
        .enumerate()
    {
        let guess = multipartner::domain::InvitationToken::generate();
        let path = spelled.replace("{token}", guess.as_str());
        statuses.push((n, grace.get(&path).await.status));
    }
    assert!(
        statuses.iter().all(|(_, s)| *s == StatusCode::NOT_FOUND),
        "{statuses:?}"
    );
    for spelled in spellings("/invitations/{token}")
        .iter()
        .map(String::as_str)
        .chain(["/invitations/{token}"])
    {
        let real = spelled.replace("{token}", &token);
        let page = grace.get(&real).await;
        assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS, "GET {spelled}");
    }
    assert_eq!(
        app.count("audit_events WHERE action = 'invitation.lookup_failed'"),
        4
    );
    // Another client is not blocked, whatever it types.
    let wei_jar = Arc::new(reqwest::cookie::Jar::default());
    let wei = browser_from(&app, "127.0.2.2", &wei_jar);
    assert_eq!(wei.sign_in_demo("wei@adventure", None).await, "/");
    let page = wei.get(&format!("/%69nvitations/{token}")).await;
    assert_eq!(page.status, StatusCode::OK);
}
both_backends!(encoded_invitation_links_count_misses_and_stay_blocked);

/// Concurrent guesses in mixed spellings still take turns: exactly the allowed misses and the
/// one that trips the block reach the database.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn encoded_invitation_links_take_turns() {
    let app = app_with_limits(Backend::Sqlite, "invitation=500,misses=3").await;
    let jar = Arc::new(reqwest::cookie::Jar::default());
    let grace = Arc::new(browser_from(&app, "127.0.2.3", &jar));
    assert_eq!(grace.sign_in_demo("grace@contoso", None).await, "/");
    let spelled = spellings("/invitations/{token}");
    let guesses: Vec<_> = (0..24)
        .map(|n| {
            let grace = grace.clone();
            let path = spelled[n % spelled.len()].clone();
            tokio::spawn(async move {
                let guess = multipartner::domain::InvitationToken::generate();
                grace
                    .get(&path.replace("{token}", guess.as_str()))
                    .await
                    .status
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for guess in guesses {
        statuses.push(guess.await.unwrap());
    }
    let misses = statuses
        .iter()
        .filter(|s| **s == StatusCode::NOT_FOUND)
        .count();
    assert_eq!(misses, 4, "{statuses:?}");
    assert_eq!(
        app.count("audit_events WHERE action = 'invitation.lookup_failed'"),
        4
    );
}

/// The access log masks the token under an encoded spelling too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_access_log_masks_tokens_however_spelled() {
    log_capture::capture();
    let app = app_with_limits(Backend::Sqlite, "off").await;
    let token = multipartner::domain::InvitationToken::generate();
    let token = token.as_str();
    let anonymous = app.browser();
    for spelled in spellings("/invitations/{token}")
        .into_iter()
        .chain(spellings("/invitations/{token}/decline"))
    {
        let path = spelled.replace("{token}", token);
        let page = if spelled.ends_with("decline") {
            anonymous.post_form(&path, &[]).await
        } else {
            anonymous.get(&path).await
        };
        let id = page.headers["x-request-id"].to_str().unwrap().to_owned();
        let access = log_capture::events_of(&id)
            .into_iter()
            .find(|e| e.get("target").and_then(|t| t.as_str()) == Some("access"))
            .unwrap_or_else(|| panic!("access line of {spelled}"));
        let logged = access["path"].as_str().unwrap();
        assert!(
            logged.starts_with("/invitations/{token}"),
            "{spelled}: {logged}"
        );
    }
    assert!(
        log_capture::lines_containing(token).is_empty(),
        "the token reached the log"
    );
}
