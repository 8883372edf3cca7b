//! Rate limits shared between instances through Redis (issue 15, item 3): two instances of one
//! deployment (one `BASE_URL`) count a client together, other clients apart; when Redis goes
//! away each instance falls back to its own counts, says so once, and shares again when Redis
//! is back.

use std::net::IpAddr;
use std::sync::{Arc, Mutex};

use reqwest::StatusCode;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use crate::common::{AppOptions, Backend, TestApp, fresh_database, spawn_app_with};
use crate::limits::browser_from;
use crate::log_capture;
use multipartner::config::{Bucket, Limits};
use multipartner::web::middleware::rate_limit::RateLimits;
use multipartner::web::middleware::shared_limits::key_prefix;

const REDIS: &str = "redis://127.0.0.1:6379";
const SECRET: &str = "dGVzdC1zZXNzaW9uLXNlY3JldC10aGF0LWlzLWxvbmctZW5vdWdoLWZvci1zaWduaW5nLWFuZC1lbmNyeXB0aW9uLW9mLWNvb2tpZXM=";

/// One instance over `database`; `public` (`BASE_URL`) names the deployment, whose instances
/// share counts.
async fn instance(database: &str, public: Option<&str>, redis: &str, limits: &str) -> TestApp {
    let mut options = AppOptions::new(Backend::Sqlite)
        .database(database)
        .env("REDIS_URL", redis)
        .env("SESSION_SECRET", SECRET)
        .env("RATE_LIMITS", limits);
    if let Some(public) = public {
        options = options.env("BASE_URL", public);
    }
    spawn_app_with(options).await
}

type Jar = Arc<reqwest::cookie::Jar>;

/// A cookie jar signed in as `login` from `source`, through `app` (the instance whose demo
/// provider the deployment's `BASE_URL` names).
async fn signed_in(app: &TestApp, source: &str, login: &str) -> Jar {
    let jar = Jar::default();
    let landed = browser_from(app, source, &jar)
        .sign_in_demo(login, None)
        .await;
    assert_eq!(landed, "/", "{login} signs in");
    jar
}

/// Statuses of `GET path` from `source` (with the cookies of `jar`), alternating between the
/// instances; `{guess}` in `path` is a new random token each time.
async fn alternate(
    apps: &[&TestApp],
    source: &str,
    path: &str,
    n: usize,
    jar: Option<&Jar>,
) -> Vec<StatusCode> {
    let jar = jar.cloned().unwrap_or_default();
    let mut statuses = Vec::new();
    for i in 0..n {
        let app = apps[i % apps.len()];
        let path = path.replace(
            "{guess}",
            multipartner::domain::InvitationToken::generate().as_str(),
        );
        statuses.push(browser_from(app, source, &jar).get(&path).await.status);
    }
    statuses
}

fn limited(statuses: &[StatusCode]) -> usize {
    statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count()
}

/// One client alternating between two instances is allowed the bucket's count in all (not
/// twice it), a second client its own count; missed invitation look-ups on either instance
/// add up to one block that both instances enforce.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_sharing_redis_count_one_client_together() {
    // B is another instance of A's deployment: A's address is its public one.
    let limits = "signin=4,invitation=100,misses=2";
    let database = fresh_database(Backend::Sqlite);
    let a = instance(&database, None, REDIS, limits).await;
    let b = instance(&database, Some(&a.base), REDIS, limits).await;
    let public = a.base.clone();

    let first = alternate(&[&a, &b], "127.0.5.1", "/auth/signin", 8, None).await;
    assert!(
        first[..4].iter().all(|s| *s == StatusCode::SEE_OTHER),
        "{first:?}"
    );
    assert_eq!(
        limited(&first[4..]),
        4,
        "4 allowed in all, not 4 each: {first:?}"
    );
    let second = alternate(&[&b, &a], "127.0.5.2", "/auth/signin", 4, None).await;
    assert_eq!(
        limited(&second),
        0,
        "another client counts apart: {second:?}"
    );

    // Misses: 2 allowed an hour, the third blocks, on whichever instance it lands. Grace is
    // signed in (Redis sessions, so on both).
    let grace = signed_in(&a, "127.0.5.3", "grace@contoso").await;
    let misses = alternate(
        &[&a, &b],
        "127.0.5.3",
        "/invitations/{guess}",
        5,
        Some(&grace),
    )
    .await;
    assert_eq!(
        misses,
        [
            StatusCode::NOT_FOUND,
            StatusCode::NOT_FOUND,
            StatusCode::NOT_FOUND,
            StatusCode::TOO_MANY_REQUESTS,
            StatusCode::TOO_MANY_REQUESTS
        ],
        "one block for both instances"
    );
    let wei = signed_in(&a, "127.0.5.4", "wei@adventure").await;
    let other = alternate(
        &[&a, &b],
        "127.0.5.4",
        "/invitations/{guess}",
        2,
        Some(&wei),
    )
    .await;
    assert_eq!(other, [StatusCode::NOT_FOUND; 2]);

    // The counts are Redis keys that expire with their window.
    let mut redis = redis_connection().await;
    let key = format!("{}:signin:127.0.5.1", key_prefix(&public));
    let ttl: i64 = redis::cmd("PTTL")
        .arg(&key)
        .query_async(&mut redis)
        .await
        .unwrap();
    assert!((1..=60_000).contains(&ttl), "{key} lives {ttl} ms");
    let blocked: i64 = redis::cmd("PTTL")
        .arg(format!("{}:blocked:127.0.5.3", key_prefix(&public)))
        .query_async(&mut redis)
        .await
        .unwrap();
    assert!((14 * 60_000..=15 * 60_000).contains(&blocked), "{blocked}");
}

async fn redis_connection() -> redis::aio::MultiplexedConnection {
    redis::Client::open(REDIS)
        .unwrap()
        .get_multiplexed_async_connection()
        .await
        .expect("Redis on 127.0.0.1:6379 (scripts/test starts it)")
}

/// A TCP door to the real Redis that the test can close (connections cut, port refusing)
/// and open again on the same port.
struct Door {
    port: u16,
    tasks: Arc<Mutex<Vec<JoinHandle<()>>>>,
}

impl Door {
    async fn open_on(port: u16) -> Door {
        let listener = TcpListener::bind(("127.0.0.1", port)).await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let tasks: Arc<Mutex<Vec<JoinHandle<()>>>> = Arc::default();
        let accept = tokio::spawn({
            let tasks = tasks.clone();
            async move {
                while let Ok((mut inbound, _)) = listener.accept().await {
                    let pipe = tokio::spawn(async move {
                        if let Ok(mut outbound) =
                            tokio::net::TcpStream::connect("127.0.0.1:6379").await
                        {
                            let _ =
                                tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                        }
                    });
                    tasks.lock().unwrap().push(pipe);
                }
            }
        });
        tasks.lock().unwrap().push(accept);
        Door { port, tasks }
    }

    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    fn close(&self) {
        for task in self.tasks.lock().unwrap().drain(..) {
            task.abort();
        }
    }
}

/// Redis gone at run time: the local limits still apply, the outage is logged once (not per
/// request), and when Redis is back the counts are shared again. (Asked of the limiter itself:
/// over HTTP every page also needs the sessions, which live in the same Redis.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_redis_the_local_limits_apply_and_one_warning_says_so() {
    log_capture::capture();
    let door = Door::open_on(0).await;
    let public = format!("http://fallback-{}.test", door.port);
    let prefix = key_prefix(&public);
    let limits = Limits::parse("signin=3").unwrap().unwrap();
    let limiter = RateLimits::shared(limits, &door.url(), &public)
        .await
        .expect("Redis through the door");
    let ip = |n: u8| IpAddr::from([127, 0, 5, n]);
    // Shared: the count is in Redis.
    assert_eq!(limiter.check_request(Bucket::SignIn, ip(10)).await, Ok(()));
    assert!(redis_exists(&format!("{prefix}:signin:127.0.5.10")).await);

    door.close();
    let mut answers = Vec::new();
    for _ in 0..6 {
        answers.push(limiter.check_request(Bucket::SignIn, ip(11)).await.is_ok());
    }
    assert_eq!(
        answers,
        [true, true, true, false, false, false],
        "the local limit of 3 applies"
    );
    assert_eq!(limiter.check_request(Bucket::SignIn, ip(12)).await, Ok(()));
    let warnings = log_capture::lines_containing(&prefix)
        .into_iter()
        .filter(|l| l.contains("cannot be reached for rate limits"))
        .count();
    assert_eq!(
        warnings, 1,
        "one warning for the outage, not one per request"
    );
    assert!(!redis_exists(&format!("{prefix}:signin:127.0.5.11")).await);

    // Back: after the retry pause the counts are in Redis again, and that is said once.
    let door = Door::open_on(door.port).await;
    tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
    for _ in 0..3 {
        assert_eq!(limiter.check_request(Bucket::SignIn, ip(13)).await, Ok(()));
    }
    assert!(redis_exists(&format!("{prefix}:signin:127.0.5.13")).await);
    assert_eq!(
        log_capture::lines_containing(&prefix)
            .iter()
            .filter(|l| l.contains("Redis is back"))
            .count(),
        1
    );
    door.close();
}

async fn redis_exists(key: &str) -> bool {
    let n: i64 = redis::cmd("EXISTS")
        .arg(key)
        .query_async(&mut redis_connection().await)
        .await
        .unwrap();
    n == 1
}
