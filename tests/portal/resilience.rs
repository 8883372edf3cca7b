//! Keeps working when things go wrong: sessions shared by two instances through Redis,
//! server-side idle and absolute timeouts, graceful SIGTERM under load, and kill -9 during
//! concurrent acceptances losing nothing that was acknowledged.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use diesel::prelude::*;
use rand::Rng;
use reqwest::StatusCode;

use crate::common::{AppOptions, Backend, Browser, fresh_database, spawn_app_with};

const SECRET: &str = "dGVzdC1zZXNzaW9uLXNlY3JldC10aGF0LWlzLWxvbmctZW5vdWdoLWZvci1zaWduaW5nLWFuZC1lbmNyeXB0aW9uLW9mLWNvb2tpZXM=";

/// A user who signs in on one instance continues on the other, and signing out on either
/// ends the session for both.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_share_sessions_through_redis() {
    let database = fresh_database(Backend::Sqlite);
    let options = || {
        AppOptions::new(Backend::Sqlite)
            .database(&database)
            .env("REDIS_URL", "redis://127.0.0.1:6379")
            .env("SESSION_SECRET", SECRET)
    };
    let a = spawn_app_with(options()).await;
    let b = spawn_app_with(options()).await;
    // Cookies belong to the host, not the port: one browser talks to both instances.
    let browser = a.signed_in("grace@contoso").await;
    let on_b = browser.get(&format!("{}/", b.base)).await;
    assert_eq!(
        on_b.text_of("user-name").as_deref(),
        Some("Grace Contoso"),
        "continues on B"
    );
    let csrf = on_b.csrf();
    let out = browser
        .post_form(
            &format!("{}/auth/signout", b.base),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert!(
        browser
            .get(&format!("{}/", a.base))
            .await
            .text_of("user-name")
            .is_none(),
        "signed out of A too"
    );
}

/// Idle and absolute timeouts end the session on the server (Redis), not just in the cookie.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_and_absolute_timeouts_end_sessions_server_side() {
    let idle = spawn_app_with(
        AppOptions::new(Backend::Sqlite)
            .env("REDIS_URL", "redis://127.0.0.1:6379")
            .env("SESSION_IDLE_SECONDS", "2")
            .env("SESSION_ABSOLUTE_SECONDS", "60"),
    )
    .await;
    let browser = idle.signed_in("anna@fabrikam").await;
    // A copy of the cookie, as a thief would keep it, taken while the session is alive.
    let cookie = browser.session_cookie().await;
    assert!(crate::common::session_cookie_signs_in(&idle.base, &cookie).await);
    tokio::time::sleep(Duration::from_millis(3000)).await;
    assert!(
        !crate::common::session_cookie_signs_in(&idle.base, &cookie).await,
        "idle session still alive on the server"
    );

    let absolute = spawn_app_with(
        AppOptions::new(Backend::Sqlite)
            .env("REDIS_URL", "redis://127.0.0.1:6379")
            .env("SESSION_IDLE_SECONDS", "2")
            .env("SESSION_ABSOLUTE_SECONDS", "3"),
    )
    .await;
    let browser = absolute.signed_in("anna@fabrikam").await;
    // Activity keeps the idle timer fresh, but not past the absolute limit.
    for _ in 0..5 {
        tokio::time::sleep(Duration::from_millis(800)).await;
        browser.get("/healthz").await;
    }
    assert!(
        browser.get("/").await.text_of("user-name").is_none(),
        "absolute lifetime ignored"
    );
}

// ---------------------------------------------------------------------------------------------
// The real binary, as a process.

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

struct Server {
    child: Child,
    base: String,
}

impl Server {
    async fn start(database_url: &str) -> Server {
        let port = free_port();
        let base = format!("http://127.0.0.1:{port}");
        let child = Command::new(env!("CARGO_BIN_EXE_multipartner"))
            .arg("serve")
            .env("BIND_ADDR", format!("127.0.0.1:{port}"))
            .env("BASE_URL", &base)
            .env("DATABASE_URL", database_url)
            .env("SESSION_SECRET", SECRET)
            .env("RATE_LIMITS", "off")
            .env("EXPIRY_SWEEP_SECONDS", "0")
            .env("RUST_LOG", "error")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the portal");
        let client = reqwest::Client::new();
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(30) {
            if let Ok(r) = client.get(format!("{base}/readyz")).send().await
                && r.status().is_success()
            {
                return Server { child, base };
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let mut child = child;
        let _ = child.kill();
        let _ = child.wait();
        panic!("the portal did not become ready");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// SIGTERM while requests are in flight: a request whose body is still arriving when the
/// signal lands is answered in full, every request that got an answer got all of it, new
/// connections are refused, and the process exits cleanly.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_under_load_finishes_in_flight_requests() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let database = fresh_database(Backend::Sqlite);
    let mut server = Server::start(&database).await;
    let base = server.base.clone();
    let addr = base.trim_start_matches("http://").to_owned();

    // A request in flight: headers and half of the body sent, the rest after the signal.
    let mut slow = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let body = "lang=en&next=%2F&pad=xxxxxxxxxxxx";
    slow.write_all(
        format!(
            "POST /lang HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
            body.len(),
            &body[..10]
        )
        .as_bytes(),
    )
    .await
    .unwrap();

    // Load beside it.
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .unwrap();
    let mut tasks = Vec::new();
    for i in 0..300 {
        let (client, base) = (client.clone(), base.clone());
        tasks.push(tokio::spawn(async move {
            let path = if i % 2 == 0 { "/" } else { "/healthz" };
            match client.get(format!("{base}{path}")).send().await {
                // Once the answer began, it must arrive whole.
                Ok(response) => match response.text().await {
                    Ok(body) if body == "ok" || body.contains("</html>") => Ok(true),
                    Ok(body) => Err(format!("truncated body of {} bytes", body.len())),
                    Err(e) => Err(format!("body cut off: {e}")),
                },
                // No answer at all: refused or reset before the server took the connection.
                Err(_) => Ok(false),
            }
        }));
        if i == 150 {
            Command::new("kill")
                .arg("-TERM")
                .arg(server.child.id().to_string())
                .status()
                .unwrap();
        }
        // A steady stream of requests around the signal.
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    slow.write_all(&body.as_bytes()[10..]).await.unwrap();
    let mut answer = String::new();
    slow.read_to_string(&mut answer).await.unwrap();
    assert!(
        answer.starts_with("HTTP/1.1 "),
        "the in-flight request got no answer: {answer:?}"
    );
    assert!(
        answer.contains("</html>"),
        "the in-flight answer was cut off: {answer:?}"
    );

    let mut answered = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(true) => answered += 1,
            Ok(false) => {}
            Err(problem) => panic!("{problem}"),
        }
    }
    assert!(answered >= 50, "{answered}");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(35),
            "did not exit after SIGTERM"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(status.success(), "{status:?}");
    assert!(
        reqwest::get(format!("{base}/healthz")).await.is_err(),
        "still accepting after exit"
    );
}

/// Creates `n` direct-reseller partners, each with a pending invitation to Contoso.
fn partner_invitations(database_url: &str, n: usize) -> Vec<(i64, String)> {
    use multipartner::auth::CurrentUser;
    use multipartner::db::models::{NewTenant, NewUser, Tenant, User};
    use multipartner::db::{self, PoolOptions};
    let pool = db::build_pool(
        database_url,
        &PoolOptions {
            max_size: 2,
            connection_timeout: Duration::from_secs(10),
        },
    );
    let mut conn = pool.get().unwrap();
    db::migrate(&mut conn).unwrap();
    multipartner::seed::seed_demo(&mut conn).unwrap();
    (0..n)
        .map(|i| {
            let ext = format!("crash-partner-{i}");
            let pid = format!("{}", 7_000_000 + i);
            let tenant = Tenant::insert_if_absent(
                &mut conn,
                &NewTenant {
                    external_id: &ext,
                    kind: "partner",
                    name: &ext,
                    partner_type: Some("direct_reseller"),
                    partner_id: Some(&pid),
                    default_domain: None,
                    created_at: db::now(),
                },
            )
            .unwrap();
            let user = User::upsert_at_sign_in(
                &mut conn,
                &NewUser {
                    tenant_id: tenant.id,
                    issuer: "test",
                    subject: &ext,
                    login: &ext,
                    display_name: &ext,
                    roles: "admin_agent",
                    created_at: db::now(),
                    last_sign_in_at: None,
                },
            )
            .unwrap();
            let roles = user
                .roles()
                .effective_for(multipartner::domain::TenantKind::Partner);
            let ctx = multipartner::flows::Ctx::new(
                &CurrentUser {
                    user,
                    tenant,
                    kind: multipartner::domain::TenantKind::Partner,
                    roles,
                },
                Default::default(),
            );
            let created = multipartner::flows::invitations::create(
                &mut conn,
                &ctx,
                &crate::common::invitation_request(
                    multipartner::policy::RequestedAccess::ResellerDap,
                ),
                db::now(),
            )
            .unwrap();
            (created.invitation.id, created.token.as_str().to_owned())
        })
        .collect()
}

/// kill -9 at random moments while acceptances run concurrently, ten times over: every
/// acceptance acknowledged before a kill is there afterwards, the SQLite file passes its
/// integrity check, and each accepted invitation has exactly one relationship and one
/// acceptance event.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_loses_no_acknowledged_acceptance() {
    let database = fresh_database(Backend::Sqlite);
    let invitations = std::sync::Arc::new(partner_invitations(&database, 1200));
    let next = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let acknowledged = std::sync::Arc::new(std::sync::Mutex::new(Vec::<i64>::new()));
    let mut cycles = 0;
    while cycles < 10 && next.load(std::sync::atomic::Ordering::SeqCst) < invitations.len() {
        let mut server = Server::start(&database).await;
        let browser = std::sync::Arc::new(Browser::new(&server.base));
        assert_eq!(browser.sign_in_demo("grace@contoso", None).await, "/");
        let csrf = browser.csrf().await;
        let mut tasks = Vec::new();
        for _ in 0..4 {
            let (browser, csrf, invitations, next, acknowledged) = (
                browser.clone(),
                csrf.clone(),
                invitations.clone(),
                next.clone(),
                acknowledged.clone(),
            );
            tasks.push(tokio::spawn(async move {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    let Some((id, token)) = invitations.get(i) else {
                        break;
                    };
                    let response = browser
                        .client
                        .post(format!("{}/invitations/{token}/accept", browser.base))
                        .form(&[("csrf_token", csrf.as_str()), ("authorise", "on")])
                        .send()
                        .await;
                    match response {
                        Ok(r)
                            if r.status() == StatusCode::SEE_OTHER
                                && r.headers()
                                    .get("location")
                                    .and_then(|l| l.to_str().ok())
                                    .is_some_and(|l| l.starts_with("/customer/partners/")) =>
                        {
                            acknowledged.lock().unwrap().push(*id);
                        }
                        Ok(r) => panic!("acceptance refused: {}", r.status()),
                        Err(_) => break, // the server is gone
                    }
                    // A steady pace, so ten cycles fit in the invitations at hand.
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
            }));
        }
        let delay = rand::thread_rng().gen_range(100..300);
        tokio::time::sleep(Duration::from_millis(delay)).await;
        server.child.kill().unwrap(); // SIGKILL
        server.child.wait().unwrap();
        for task in tasks {
            task.await.unwrap();
        }
        cycles += 1;
    }
    assert!(cycles >= 10, "ran out of invitations after {cycles} cycles");
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(
        acknowledged.len() >= 10,
        "too few acknowledged acceptances: {}",
        acknowledged.len()
    );

    let path = database.strip_prefix("sqlite://").unwrap();
    let mut conn = diesel::SqliteConnection::establish(path).unwrap();
    #[derive(QueryableByName)]
    struct Check {
        #[diesel(sql_type = diesel::sql_types::Text)]
        integrity_check: String,
    }
    let check: Vec<Check> = diesel::sql_query("PRAGMA integrity_check")
        .load(&mut conn)
        .unwrap();
    assert_eq!(
        check
            .iter()
            .map(|c| c.integrity_check.as_str())
            .collect::<Vec<_>>(),
        ["ok"]
    );
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        id: i64,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        relationships: i64,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        events: i64,
    }
    let accepted: Vec<Row> = diesel::sql_query(
        "SELECT i.id, \
           (SELECT COUNT(*) FROM relationships r WHERE r.invitation_id = i.id) AS relationships, \
           (SELECT COUNT(*) FROM audit_events a WHERE a.action = 'invitation.accept' AND a.outcome = 'success' \
              AND a.target_kind = 'invitation' AND a.target_id = i.id) AS events \
         FROM invitations i WHERE i.state = 'accepted'",
    )
    .load(&mut conn)
    .unwrap();
    for row in &accepted {
        assert_eq!(
            (row.relationships, row.events),
            (1, 1),
            "invitation {}",
            row.id
        );
    }
    let accepted_ids: std::collections::HashSet<i64> = accepted.iter().map(|r| r.id).collect();
    for id in &acknowledged {
        assert!(
            accepted_ids.contains(id),
            "acknowledged acceptance {id} was lost"
        );
    }
}
