//! Test harness: the portal on a random loopback port over a fresh SQLite file or a fresh
//! PostgreSQL database, the real `oidc-provider` test IdP (tests/idp), and an HTTP client that
//! behaves like a browser (cookie jar, redirects followed by hand so each hop can be checked).

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, OnceLock};

use diesel::prelude::*;
use multipartner::config::Config;
use multipartner::db::{self, DbConnection, DbPool, PoolOptions};
use multipartner::startup::Application;
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, LOCATION};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The server every PostgreSQL test creates its own database on (`scripts/test` makes sure it
/// runs). Override with `TEST_POSTGRES_URL`.
pub fn postgres_admin_url() -> String {
    std::env::var("TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

pub fn unique_name(prefix: &str) -> String {
    format!(
        "{prefix}_{}",
        multipartner::security::random_token(9)
            .to_lowercase()
            .replace('-', "x")
            .replace('_', "y")
    )
}

/// A new, empty database of the backend; returns its URL.
pub fn fresh_database(backend: Backend) -> String {
    match backend {
        Backend::Sqlite => {
            let dir = std::env::temp_dir().join("multipartner-tests");
            std::fs::create_dir_all(&dir).expect("temp dir");
            format!(
                "sqlite://{}",
                dir.join(format!("{}.db", unique_name("t"))).display()
            )
        }
        Backend::Postgres => {
            let admin = postgres_admin_url();
            // `scripts/test` names this run's databases after its process id, so that runs in
            // several checkouts on one server never drop each other's databases.
            let prefix = std::env::var("TEST_DB_PREFIX").unwrap_or_else(|_| "mp_test".to_owned());
            let name = unique_name(&prefix);
            let mut conn = PgConnection::establish(&admin).unwrap_or_else(|e| {
                panic!("PostgreSQL is required for the tests ({admin}): {e}. Run scripts/test.")
            });
            diesel::sql_query(format!("CREATE DATABASE {name}"))
                .execute(&mut conn)
                .expect("create test database");
            let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
            format!("{base}/{name}")
        }
    }
}

pub struct TestApp {
    pub base: String,
    /// `http://127.0.0.1:port` of the `METRICS_ADDR` listener, when the app has one.
    pub metrics_base: Option<String>,
    pub database_url: String,
    pub pool: DbPool,
    handle: actix_web::dev::ServerHandle,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let handle = self.handle.clone();
        // Stop accepting; in-flight test requests are over by now.
        drop(tokio::spawn(async move { handle.stop(false).await }));
    }
}

pub struct AppOptions {
    pub backend: Backend,
    /// Use this database instead of a fresh one (several instances over one database).
    pub database_url: Option<String>,
    pub env: Vec<(String, String)>,
    /// Register the app as a client of the shared oidc-provider and sign in through it.
    pub use_test_idp: bool,
}

impl AppOptions {
    pub fn new(backend: Backend) -> Self {
        AppOptions {
            backend,
            database_url: None,
            env: Vec::new(),
            use_test_idp: false,
        }
    }

    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.to_owned(), value.to_owned()));
        self
    }

    pub fn database(mut self, url: &str) -> Self {
        self.database_url = Some(url.to_owned());
        self
    }

    pub fn with_test_idp(mut self) -> Self {
        self.use_test_idp = true;
        self
    }
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(AppOptions::new(backend)).await
}

pub async fn spawn_app_with(options: AppOptions) -> TestApp {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().unwrap().port();
    let base = format!("http://127.0.0.1:{port}");
    let database_url = options
        .database_url
        .clone()
        .unwrap_or_else(|| fresh_database(options.backend));
    let mut env: HashMap<String, String> = HashMap::new();
    env.insert("BIND_ADDR".into(), format!("127.0.0.1:{port}"));
    env.insert("BASE_URL".into(), base.clone());
    env.insert("DATABASE_URL".into(), database_url.clone());
    env.insert("DB_POOL_TIMEOUT_MS".into(), "2000".into());
    // Tests sign in many times from one address; the rate-limit test turns limits back on.
    env.insert("RATE_LIMITS".into(), "off".into());
    if options.use_test_idp {
        let idp = test_idp();
        let client_id = format!("portal-{port}");
        idp.register_client(&client_id, "test-secret", &base).await;
        env.insert("OIDC_ISSUER_URL".into(), idp.issuer.clone());
        env.insert("OIDC_CLIENT_ID".into(), client_id);
        env.insert("OIDC_CLIENT_SECRET".into(), "test-secret".into());
        env.insert("OIDC_SCOPES".into(), "portal".into());
    }
    for (k, v) in options.env {
        env.insert(k, v);
    }
    let config = Config::from_map(env).expect("test configuration");
    let app = Application::build_with_listener(config, listener)
        .await
        .expect("build app");
    let handle = app.handle();
    let metrics_base = app
        .metrics_port()
        .map(|port| format!("http://127.0.0.1:{port}"));
    tokio::spawn(app.run_until_stopped());
    let pool = db::build_pool(
        &database_url,
        &PoolOptions {
            max_size: 4,
            connection_timeout: std::time::Duration::from_secs(5),
        },
    );
    TestApp {
        base,
        metrics_base,
        database_url,
        pool,
        handle,
    }
}

impl TestApp {
    pub fn conn(&self) -> db::PooledConn {
        self.pool.get().expect("test connection")
    }

    pub fn browser(&self) -> Browser {
        Browser::new(&self.base)
    }

    /// A browser already signed in as the demo user `login` (through `/demo-idp`).
    pub async fn signed_in(&self, login: &str) -> Browser {
        let browser = self.browser();
        let landed = browser.sign_in_demo(login, None).await;
        assert_eq!(landed, "/", "sign-in as {login} should land home");
        browser
    }

    pub fn count(&self, sql_table: &str) -> i64 {
        #[derive(QueryableByName)]
        struct Count {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        let mut conn = self.conn();
        diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {sql_table}"))
            .get_result::<Count>(&mut *conn as &mut DbConnection)
            .expect("count")
            .n
    }
}

// ---------------------------------------------------------------------------------------------
// A browser-like client.

pub struct Browser {
    pub client: reqwest::Client,
    pub base: String,
}

pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Page {
    pub fn location(&self) -> Option<String> {
        self.headers
            .get(LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }

    /// The `mp_session` cookie value this response sets, if any.
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all(reqwest::header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|c| c.strip_prefix("mp_session="))
            .map(|c| c.split(';').next().unwrap_or("").to_owned())
    }

    /// The first hidden `csrf_token` on the page.
    pub fn csrf(&self) -> String {
        hidden_inputs(&self.body)
            .into_iter()
            .find(|(k, _)| k == "csrf_token")
            .map(|(_, v)| v)
            .expect("page has a CSRF token")
    }

    pub fn text_of(&self, test_id: &str) -> Option<String> {
        let doc = scraper::Html::parse_document(&self.body);
        let selector = scraper::Selector::parse(&format!("[data-testid=\"{test_id}\"]")).ok()?;
        doc.select(&selector)
            .next()
            .map(|e| e.text().collect::<String>().trim().to_owned())
    }
}

/// `(name, value)` of every `<input type="hidden">`, values unescaped.
pub fn hidden_inputs(html: &str) -> Vec<(String, String)> {
    let doc = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse("input[type=hidden]").unwrap();
    doc.select(&selector)
        .filter_map(|e| {
            Some((
                e.value().attr("name")?.to_owned(),
                e.value().attr("value").unwrap_or("").to_owned(),
            ))
        })
        .collect()
}

impl Browser {
    pub fn new(base: &str) -> Browser {
        Browser::with(base, |b| b)
    }

    /// A browser whose client is adjusted by `tune` (a trusted CA, a source address).
    pub fn with(
        base: &str,
        tune: impl FnOnce(reqwest::ClientBuilder) -> reqwest::ClientBuilder,
    ) -> Browser {
        Browser {
            client: tune(
                reqwest::Client::builder()
                    .cookie_store(true)
                    .redirect(reqwest::redirect::Policy::none())
                    .timeout(std::time::Duration::from_secs(30)),
            )
            .build()
            .unwrap(),
            base: base.to_owned(),
        }
    }

    fn url(&self, path: &str) -> String {
        if path.starts_with("http") {
            path.to_owned()
        } else {
            format!("{}{path}", self.base)
        }
    }

    async fn page(response: reqwest::Response) -> Page {
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.text().await.unwrap_or_default();
        Page {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str) -> Page {
        Self::page(self.client.get(self.url(path)).send().await.expect("GET")).await
    }

    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Page {
        let mut request = self.client.get(self.url(path));
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        Self::page(request.send().await.expect("GET")).await
    }

    pub async fn post_form(&self, path: &str, form: &[(&str, &str)]) -> Page {
        Self::page(
            self.client
                .post(self.url(path))
                .form(form)
                .send()
                .await
                .expect("POST"),
        )
        .await
    }

    pub async fn post_form_with(
        &self,
        path: &str,
        form: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> Page {
        let mut request = self.client.post(self.url(path)).form(form);
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        Self::page(request.send().await.expect("POST")).await
    }

    /// Follows redirects from `start` until a response is not a redirect or `stop` says so;
    /// returns the last response and the URL that produced it.
    pub async fn follow(&self, start: &str, stop: impl Fn(&str) -> bool) -> (String, Page) {
        let mut url = self.url(start);
        for _ in 0..10 {
            let page = self.get(&url).await;
            match page.location() {
                Some(next) if page.status.is_redirection() => {
                    let next = reqwest::Url::parse(&url)
                        .unwrap()
                        .join(&next)
                        .unwrap()
                        .to_string();
                    if stop(&next) {
                        return (next, page);
                    }
                    url = next;
                }
                _ => return (url, page),
            }
        }
        panic!("too many redirects from {start}");
    }

    /// The session cookie value this browser holds: any request that touches the session
    /// sets it afresh (its lifetime is extended on every request).
    pub async fn session_cookie(&self) -> String {
        self.get("/")
            .await
            .session_cookie()
            .expect("session cookie refreshed on request")
    }

    /// A CSRF token for this browser's session (from the home page).
    pub async fn csrf(&self) -> String {
        self.get("/").await.csrf()
    }

    /// Signs in through the built-in demo provider. Returns where the portal sent the browser
    /// after the callback.
    pub async fn sign_in_demo(&self, login: &str, next: Option<&str>) -> String {
        let start = match next {
            Some(next) => format!(
                "/auth/signin?next={}",
                url::form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>()
            ),
            None => "/auth/signin".to_owned(),
        };
        let (_, picker) = self.follow(&start, |_| false).await;
        assert_eq!(
            picker.status,
            StatusCode::OK,
            "demo picker: {}",
            picker.body
        );
        let mut form = hidden_inputs(&picker.body);
        form.push(("login".into(), login.into()));
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let posted = self.post_form("/demo-idp/authorize", &form).await;
        let callback = posted.location().expect("redirect to the callback");
        let done = self.get(&callback).await;
        assert_eq!(
            done.status,
            StatusCode::SEE_OTHER,
            "callback: {}",
            done.body
        );
        done.location().expect("after sign-in")
    }

    /// Signs in through the oidc-provider test IdP, logging in with the login form.
    /// `tamper` may rewrite the authorization URL before the browser follows it.
    /// Returns the portal's answer to the callback.
    pub async fn sign_in_test_idp(
        &self,
        login: &str,
        tamper: impl Fn(String) -> String,
    ) -> (String, Page) {
        let start = self.get("/auth/signin").await;
        let auth_url = tamper(start.location().expect("redirect to the IdP"));
        let callback_prefix = format!("{}/auth/callback", self.base);
        let (mut url, mut page) = self
            .follow(&auth_url, |u| u.starts_with(&callback_prefix))
            .await;
        for _ in 0..3 {
            if url.starts_with(&callback_prefix) {
                break;
            }
            // The login form: POST login and password to its action.
            assert_eq!(page.status, StatusCode::OK, "IdP login page: {}", page.body);
            let action = {
                let doc = scraper::Html::parse_document(&page.body);
                let sel = scraper::Selector::parse("form").unwrap();
                doc.select(&sel)
                    .next()
                    .and_then(|f| f.value().attr("action"))
                    .expect("login form")
                    .to_owned()
            };
            let action = reqwest::Url::parse(&url)
                .unwrap()
                .join(&action)
                .unwrap()
                .to_string();
            let posted = self
                .post_form(&action, &[("login", login), ("password", "password")])
                .await;
            let next = posted.location().expect("after login");
            let next = reqwest::Url::parse(&action)
                .unwrap()
                .join(&next)
                .unwrap()
                .to_string();
            (url, page) = self
                .follow(&next, |u| u.starts_with(&callback_prefix))
                .await;
            if !url.starts_with(&callback_prefix) && page.status.is_redirection() {
                url = page.location().unwrap();
            }
        }
        assert!(
            url.starts_with(&callback_prefix),
            "expected the callback, got {url}"
        );
        let answer = self.get(&url).await;
        (url, answer)
    }
}

/// Whether a raw `mp_session` cookie value, replayed by a client of its own (a thief, or the
/// same user after a time-out), still opens a signed-in page.
pub async fn session_cookie_signs_in(base: &str, cookie: &str) -> bool {
    let page = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(format!("{base}/"))
        .header("Cookie", format!("mp_session={cookie}"))
        .send()
        .await
        .expect("GET /")
        .text()
        .await
        .unwrap_or_default();
    page.contains("data-testid=\"user-name\"")
}

// ---------------------------------------------------------------------------------------------
// The oidc-provider test IdP, one per test process.

pub struct TestIdp {
    pub issuer: String,
    _child: Mutex<Child>,
}

static IDP: OnceLock<TestIdp> = OnceLock::new();

pub fn test_idp() -> &'static TestIdp {
    IDP.get_or_init(|| {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/idp");
        if !std::path::Path::new(dir)
            .join("node_modules/oidc-provider")
            .exists()
        {
            let status = Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund", "--silent"])
                .current_dir(dir)
                .status()
                .expect("npm is required for the test identity provider");
            assert!(status.success(), "npm ci in tests/idp failed");
        }
        let mut child = Command::new("node")
            .arg("server.mjs")
            .current_dir(dir)
            .env("IDP_PORT", "0")
            .env("IDP_PARENT_PID", std::process::id().to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("node is required for the test identity provider");
        let mut line = String::new();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        stdout.read_line(&mut line).expect("IdP output");
        // Keep reading (and discarding) whatever else it prints: a closed pipe would kill the
        // provider at its next write, a full one would stall it.
        std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
        let issuer = line
            .trim()
            .strip_prefix("ISSUER=")
            .unwrap_or_else(|| panic!("unexpected IdP output: {line:?}"))
            .to_owned();
        TestIdp {
            issuer,
            _child: Mutex::new(child),
        }
    })
}

impl TestIdp {
    /// Registers a confidential client for a portal at `portal_base`: its callback, and its
    /// home page as the post-logout redirect URI (the portal's default).
    pub async fn register_client(&self, client_id: &str, secret: &str, portal_base: &str) {
        let response = reqwest::Client::new()
            .post(format!("{}/__test/clients", self.issuer))
            .json(&serde_json::json!({
                "client_id": client_id,
                "client_secret": secret,
                "redirect_uris": [format!("{portal_base}/auth/callback")],
                "post_logout_redirect_uris": [format!("{portal_base}/")],
            }))
            .send()
            .await
            .expect("register client");
        assert!(response.status().is_success(), "client registration failed");
    }
}

/// A fresh random 64-byte session key, hex (production refuses low-entropy ones).
pub fn random_session_secret() -> String {
    use rand::RngCore;
    let mut key = [0u8; 64];
    rand::rngs::OsRng.fill_bytes(&mut key);
    hex::encode(key)
}

/// Runs an async test body once per backend, as `mod name { sqlite, postgres }`.
#[macro_export]
macro_rules! both_backends {
    ($name:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::common::Backend::Sqlite).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name($crate::common::Backend::Postgres).await
            }
        }
    };
}

// ---------------------------------------------------------------------------------------------
// Direct database fixtures for flow-level tests (no HTTP).

/// A migrated, demo-seeded database of the backend and a pool on it.
pub fn seeded_pool(backend: Backend) -> DbPool {
    let url = fresh_database(backend);
    let pool = db::build_pool(
        &url,
        &PoolOptions {
            max_size: 20,
            connection_timeout: std::time::Duration::from_secs(20),
        },
    );
    let mut conn = pool.get().expect("connection");
    db::migrate(&mut conn).expect("migrate");
    multipartner::seed::seed_demo(&mut conn).expect("seed");
    pool
}

/// The demo user `login` as a flow context, creating the user row as a sign-in would.
pub fn ctx_for(conn: &mut DbConnection, login: &str) -> multipartner::flows::Ctx {
    use multipartner::db::models::{NewUser, Tenant, User};
    use multipartner::seed::demo_world;
    let demo = demo_world::user(login).expect("demo user");
    let tenant = Tenant::find_by_external_id(conn, demo.tenant_external_id)
        .unwrap()
        .expect("seeded tenant");
    let user = User::upsert_at_sign_in(
        conn,
        &NewUser {
            tenant_id: tenant.id,
            issuer: "test",
            subject: demo.subject,
            login: demo.login,
            display_name: demo.name,
            roles: &demo.roles.join(","),
            created_at: db::now(),
            last_sign_in_at: None,
        },
    )
    .unwrap();
    let kind = tenant.tenant_kind().unwrap();
    let roles = user.roles().effective_for(kind);
    let current = multipartner::auth::CurrentUser {
        user,
        tenant,
        kind,
        roles,
    };
    multipartner::flows::Ctx::new(&current, Default::default())
}

/// GDAP access to `roles` for `days`, for invitation fixtures.
pub fn gdap(
    roles: &[multipartner::domain::GdapRole],
    days: u32,
    auto_extend: bool,
) -> multipartner::policy::RequestedAccess {
    use multipartner::domain::{GdapDuration, GdapRequest};
    multipartner::policy::RequestedAccess::ResellerGdap(
        GdapRequest::new(
            roles.iter().copied(),
            GdapDuration::new(days).unwrap(),
            auto_extend,
        )
        .unwrap(),
    )
}

/// An invitation request for `access`, with a short message and the default expiry.
pub fn invitation_request(
    access: multipartner::policy::RequestedAccess,
) -> multipartner::flows::invitations::InvitationRequest {
    multipartner::flows::invitations::InvitationRequest {
        access,
        customer_domain: None,
        message: Some(
            "We would like to look after your Teams rollout."
                .parse()
                .unwrap(),
        ),
        expiry: Default::default(),
        indirect_provider: None,
        display_name: None,
    }
}

/// Creates a reseller-only invitation as `login` through the flow and returns its link's token.
pub fn reseller_invitation_token(app: &TestApp, login: &str) -> String {
    let mut conn = app.conn();
    let ctx = ctx_for(&mut conn, login);
    multipartner::flows::invitations::create(
        &mut conn,
        &ctx,
        &invitation_request(multipartner::policy::RequestedAccess::Reseller),
        multipartner::db::now(),
    )
    .unwrap()
    .token
    .as_str()
    .to_owned()
}

pub fn tenant_id(conn: &mut DbConnection, external_id: &str) -> i64 {
    multipartner::db::models::Tenant::find_by_external_id(conn, external_id)
        .unwrap()
        .expect("tenant")
        .id
}

/// SHA-256 over every column of every subscription row, in id order: the multi-partner
/// guarantee is that no flow but a new order changes it.
pub fn subscription_fingerprint(conn: &mut DbConnection) -> String {
    subscription_fingerprint_up_to(conn, i64::MAX)
}

/// The fingerprint of the rows with `id <= max_id` (rows that existed before an order).
pub fn subscription_fingerprint_up_to(conn: &mut DbConnection, max_id: i64) -> String {
    use multipartner::db::models::Subscription;
    use multipartner::db::schema::subscriptions;
    use sha2::{Digest, Sha256};
    let rows: Vec<Subscription> = subscriptions::table
        .filter(subscriptions::id.le(max_id))
        .order(subscriptions::id.asc())
        .select(Subscription::as_select())
        .load(conn)
        .expect("subscriptions");
    let mut hasher = Sha256::new();
    for s in &rows {
        hasher.update(format!(
            "{}|{}|{}|{}|{}|{}|{}|{}\n",
            s.id,
            s.customer_tenant_id,
            s.offer_id,
            s.quantity,
            s.status,
            s.term,
            s.partner_of_record_tenant_id,
            s.created_at
        ));
    }
    format!("{}:{:x}", rows.len(), hasher.finalize())
}
