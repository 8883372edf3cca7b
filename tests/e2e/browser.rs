//! Headless Chromium driven through chromedriver, one scenario at a time.
//!
//! A [`Scenario`] owns the portal under test (signing in through the real `oidc-provider` test
//! IdP), one chromedriver in its own process group, and every browser it opened. Whatever the
//! scenario body does, panics and time-outs included, the harness takes a `failure` screenshot
//! of each open browser, quits them all and kills the driver's process group before reporting.
//!
//! Waiting is always on a condition (an element appears, the old page goes stale), never a
//! fixed sleep.

use std::future::Future;
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::panic::{AssertUnwindSafe, resume_unwind};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::FutureExt;
use thirtyfour::prelude::*;

use crate::common::{AppOptions, Backend, TestApp, spawn_app_with};

/// One browser scenario at a time: two cores do not run several Chromiums and a portal well,
/// and a starved browser makes waits time out.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// A scenario that takes longer than this is stuck: fail it rather than stall the suite.
const SCENARIO_LIMIT: Duration = Duration::from_secs(240);
/// How long a waiting query waits for its element.
const WAIT: Duration = Duration::from_secs(20);
const POLL: Duration = Duration::from_millis(50);
/// The password of every test IdP user (tests/idp/server.mjs).
const IDP_PASSWORD: &str = "password";

/// Runs `body` against a fresh portal on `backend` with the test IdP, then cleans up whatever
/// happened. Screenshots go to `target/e2e-screenshots/<name>-<backend>/`.
pub async fn scenario<F, Fut>(name: &str, backend: Backend, body: F)
where
    F: FnOnce(Scenario) -> Fut,
    Fut: Future<Output = ()>,
{
    let _turn = ONE_AT_A_TIME.lock().await;
    let label = format!("{name}-{}", format!("{backend:?}").to_lowercase());
    let app = spawn_app_with(AppOptions::new(backend).with_test_idp()).await;
    let shots = screenshot_dir(&label);
    let scenario = Scenario(Arc::new(Inner {
        app,
        driver: ChromeDriver::start(&shots.join("chromedriver.log")).await,
        profiles: profile_dir(&label),
        shots,
        shot_number: AtomicUsize::new(0),
        browsers: Mutex::new(Vec::new()),
    }));
    let outcome = AssertUnwindSafe(tokio::time::timeout(SCENARIO_LIMIT, body(scenario.clone())))
        .catch_unwind()
        .await;
    let passed = matches!(outcome, Ok(Ok(())));
    scenario.close_all(!passed).await;
    match outcome {
        Ok(Ok(())) => {}
        Ok(Err(_)) => panic!("scenario {label} took longer than {SCENARIO_LIMIT:?}"),
        Err(panic) => resume_unwind(panic),
    }
}

/// What a scenario body gets: the portal, and browsers to open. Cheap to clone.
#[derive(Clone)]
pub struct Scenario(Arc<Inner>);

struct Inner {
    app: TestApp,
    driver: ChromeDriver,
    shots: PathBuf,
    shot_number: AtomicUsize,
    /// Chromium profiles of this scenario's browsers, removed when it ends.
    profiles: PathBuf,
    /// Every browser opened, by whose it is, to close at the end.
    browsers: Mutex<Vec<(String, WebDriver)>>,
}

impl Scenario {
    pub fn app(&self) -> &TestApp {
        &self.0.app
    }

    /// A new desktop browser with a fresh profile: its own cookies, so its own portal and IdP
    /// sessions (one per person in the story).
    pub async fn browser(&self, who: &str) -> Browser {
        self.browser_sized(who, (1280, 1000)).await
    }

    /// A new browser that renders like a 390 px wide phone (a customer opening the e-mailed
    /// link): Chromium's device emulation, since a headless window cannot be narrower than
    /// 500 px.
    pub async fn phone(&self, who: &str) -> Browser {
        self.open(who, Window::Phone).await
    }

    async fn browser_sized(&self, who: &str, size: (u32, u32)) -> Browser {
        self.open(who, Window::Desktop(size)).await
    }

    async fn open(&self, who: &str, window: Window) -> Browser {
        let mut caps = DesiredCapabilities::chrome();
        for arg in [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-default-apps",
            "--lang=en-US",
        ] {
            caps.add_arg(arg).expect("chrome argument");
        }
        match window {
            Window::Desktop((width, height)) => caps
                .add_arg(&format!("--window-size={width},{height}"))
                .expect("window size"),
            Window::Phone => caps
                .add_experimental_option(
                    "mobileEmulation",
                    serde_json::json!({
                        "deviceMetrics": { "width": 390, "height": 844, "pixelRatio": 2.0, "touch": true, "mobile": true }
                    }),
                )
                .expect("mobile emulation"),
        }
        let profile = self.0.profiles.join(who);
        caps.add_arg(&format!("--user-data-dir={}", profile.display()))
            .expect("profile argument");
        caps.set_binary(&chromium_binary())
            .expect("chromium binary");
        let driver = WebDriver::builder(self.0.driver.url.as_str(), caps)
            .request_timeout(Duration::from_secs(60))
            .connect()
            .await
            .unwrap_or_else(|e| panic!("start Chromium through chromedriver: {e}"));
        self.0
            .browsers
            .lock()
            .unwrap()
            .push((who.to_owned(), driver.clone()));
        Browser {
            driver,
            who: who.to_owned(),
            base: self.0.app.base.clone(),
            scenario: self.clone(),
        }
    }

    fn next_shot(&self, who: &str, label: &str) -> PathBuf {
        let n = self.0.shot_number.fetch_add(1, Ordering::SeqCst) + 1;
        self.0.shots.join(format!("{n:02}-{who}-{label}.png"))
    }

    /// Screenshots every open browser if the scenario failed, quits them, kills chromedriver's
    /// process group (whatever did not quit dies with it), then removes the profiles.
    async fn close_all(&self, failed: bool) {
        let browsers = std::mem::take(&mut *self.0.browsers.lock().unwrap());
        for (who, driver) in browsers {
            if failed {
                let path = self.next_shot(&who, "failure");
                let _ =
                    tokio::time::timeout(Duration::from_secs(10), driver.screenshot(&path)).await;
            }
            let _ = tokio::time::timeout(Duration::from_secs(15), driver.quit()).await;
        }
        self.0.driver.kill();
        let _ = std::fs::remove_dir_all(&self.0.profiles);
    }
}

enum Window {
    Desktop((u32, u32)),
    Phone,
}

/// One person's browser.
pub struct Browser {
    driver: WebDriver,
    who: String,
    base: String,
    scenario: Scenario,
}

impl Browser {
    /// Opens a portal path (or a full URL).
    pub async fn visit(&self, path: &str) {
        let url = if path.starts_with("http") {
            path.to_owned()
        } else {
            format!("{}{path}", self.base)
        };
        self.driver.goto(url).await.expect("navigate");
    }

    /// Waits for the element matching `css` and returns it.
    pub async fn find(&self, css: &str) -> WebElement {
        match self
            .driver
            .query(By::Css(css))
            .wait(WAIT, POLL)
            .first()
            .await
        {
            Ok(element) => element,
            Err(e) => self.fail(&format!("no {css}: {e}")).await,
        }
    }

    /// Waits for an element matching `css` whose text is exactly `text`.
    pub async fn find_text(&self, css: &str, text: &str) -> WebElement {
        let query = self.driver.query(By::Css(css)).with_text(text.to_owned());
        match query.wait(WAIT, POLL).first().await {
            Ok(element) => element,
            Err(e) => self.fail(&format!("no {css} reading {text:?}: {e}")).await,
        }
    }

    /// Panics with who failed where: the current URL and the start of the page's text.
    async fn fail(&self, what: &str) -> ! {
        let url = self
            .driver
            .current_url()
            .await
            .map(|u| u.to_string())
            .unwrap_or_default();
        let text = match self.driver.find(By::Css("body")).await {
            Ok(body) => body.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        let text: String = text.chars().take(600).collect();
        panic!("{}: {what}\n  at {url}\n  page text: {text}", self.who)
    }

    /// Whether an element matching `css` is on the page now (no waiting: ask after the page
    /// has been waited for).
    pub async fn has(&self, css: &str) -> bool {
        !self
            .driver
            .find_all(By::Css(css))
            .await
            .expect("find elements")
            .is_empty()
    }

    /// Every element matching `css` now (no waiting: ask after the page has been waited for).
    pub async fn find_all(&self, css: &str) -> Vec<WebElement> {
        self.driver
            .find_all(By::Css(css))
            .await
            .expect("find elements")
    }

    /// The trimmed text of the element matching `css`, once it is there.
    pub async fn text(&self, css: &str) -> String {
        let element = self.find(css).await;
        element
            .text()
            .await
            .expect("element text")
            .trim()
            .to_owned()
    }

    /// The texts of every element matching `css` (after waiting for the first).
    pub async fn texts(&self, css: &str) -> Vec<String> {
        self.find(css).await;
        let mut out = Vec::new();
        for element in self.driver.find_all(By::Css(css)).await.expect("find") {
            out.push(element.text().await.expect("text").trim().to_owned());
        }
        out
    }

    pub async fn fill(&self, css: &str, value: &str) {
        let field = self.find(css).await;
        field.clear().await.expect("clear field");
        field.send_keys(value).await.expect("type");
    }

    /// Clicks a control that stays on the page (a checkbox, a radio button).
    pub async fn tick(&self, css: &str) {
        let control = self.find(css).await;
        control.click().await.expect("click");
        assert!(
            control.is_selected().await.expect("selected state"),
            "{}: {css} is not ticked after a click",
            self.who
        );
    }

    /// Clicks a link or submit button and waits until the browser has left the current page.
    pub async fn click_through(&self, css: &str) {
        let element = self.find(css).await;
        self.navigate_by(element).await;
    }

    /// Clicks the link or button matching `css` with exactly `text`, and waits for the next page.
    pub async fn click_text_through(&self, css: &str, text: &str) {
        let element = self.find_text(css, text).await;
        self.navigate_by(element).await;
    }

    async fn navigate_by(&self, element: WebElement) {
        let old_page = self.driver.find(By::Css("html")).await.expect("html");
        element.click().await.expect("click");
        if let Err(e) = old_page.wait_until().wait(WAIT, POLL).stale().await {
            self.fail(&format!("the click did not leave the page: {e}"))
                .await;
        }
        self.find("body").await;
    }

    /// The path of the current page (without the query string).
    pub async fn path(&self) -> String {
        self.driver
            .current_url()
            .await
            .expect("current URL")
            .path()
            .to_owned()
    }

    /// The `lang` attribute of the current page.
    pub async fn lang(&self) -> String {
        self.find("html")
            .await
            .attr("lang")
            .await
            .expect("lang attribute")
            .unwrap_or_default()
    }

    /// Fails if the page is wider than the window: content that overflows its box (a long
    /// label, a wide table outside its scroller) shows up as a horizontal scroll bar.
    pub async fn assert_fits_width(&self) {
        let overflow = self
            .driver
            .execute(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth",
                Vec::new(),
            )
            .await
            .expect("measure the page")
            .convert::<i64>()
            .expect("a number");
        if overflow > 0 {
            self.fail(&format!("the page is {overflow}px wider than the window"))
                .await;
        }
    }

    /// Saves a PNG of the top of the current page as the scenario's next screenshot.
    pub async fn shot(&self, label: &str) {
        self.driver
            .execute("window.scrollTo(0, 0)", Vec::new())
            .await
            .expect("scroll to the top");
        let path = self.scenario.next_shot(&self.who, label);
        self.driver.screenshot(&path).await.expect("screenshot");
    }

    /// Signs in from the portal's own "Sign in" button, through the test IdP's login form.
    pub async fn sign_in(&self, login: &str) {
        self.visit("/").await;
        self.click_through("header a[href='/auth/signin']").await;
        self.log_in_at_idp(login).await;
    }

    /// On the test IdP's login form (where the portal sent the browser), logs in as `login`
    /// and waits until the portal shows the signed-in user.
    pub async fn log_in_at_idp(&self, login: &str) {
        self.fill("#login-form input[name=login]", login).await;
        self.fill("#login-form input[name=password]", IDP_PASSWORD)
            .await;
        self.click_through("#login-form button[type=submit]").await;
        self.find("[data-testid=user-name]").await;
    }
}

// ---------------------------------------------------------------------------------------------
// chromedriver in its own process group

struct ChromeDriver {
    child: Mutex<Child>,
    url: String,
}

/// chromedriver runs under a small shell that leads its own process group. Killing the group
/// takes chromedriver and every Chromium it started; and when the test process dies without
/// unwinding (Ctrl-C, `kill -9`), the shell sees its parent gone and kills the group itself.
const WATCHDOG: &str = r#"
"$CHROMEDRIVER" --port="$PORT" --log-path="$LOG" </dev/null >/dev/null 2>&1 &
driver=$!
while kill -0 "$PARENT" 2>/dev/null && kill -0 "$driver" 2>/dev/null; do sleep 1; done
kill -KILL -- -$$
"#;

impl ChromeDriver {
    async fn start(log: &Path) -> ChromeDriver {
        // A free port, probed: another process could take it before chromedriver binds, in
        // which case chromedriver exits and the check below says so.
        let port = {
            let listener = TcpListener::bind("127.0.0.1:0").expect("free port");
            listener.local_addr().unwrap().port()
        };
        let child = Command::new("bash")
            .args(["-c", WATCHDOG])
            .env("CHROMEDRIVER", chromedriver_binary())
            .env("PORT", port.to_string())
            .env("LOG", log)
            .env("PARENT", std::process::id().to_string())
            .stdin(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("bash");
        let driver = ChromeDriver {
            child: Mutex::new(child),
            url: format!("http://127.0.0.1:{port}"),
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_err()
        {
            let exited = driver.child.lock().unwrap().try_wait().expect("wait");
            assert!(
                exited.is_none() && Path::new(&chromedriver_binary()).exists(),
                "chromedriver did not start (is it installed? scripts/test installs it); see {}",
                log.display()
            );
            assert!(
                Instant::now() < deadline,
                "chromedriver did not listen on {port}; see {}",
                log.display()
            );
            tokio::time::sleep(POLL).await;
        }
        driver
    }

    /// Kills the whole process group (idempotent).
    fn kill(&self) {
        let mut child = self.child.lock().unwrap_or_else(|p| p.into_inner());
        if let Ok(None) = child.try_wait() {
            // Negative pid: the process group the shell leads.
            let group = format!("-{}", child.id());
            let _ = Command::new("kill")
                .args(["-KILL", "--", &group])
                .stderr(Stdio::null())
                .status();
        }
        let _ = child.wait();
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        self.kill();
    }
}

fn chromium_binary() -> String {
    std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned())
}

fn chromedriver_binary() -> String {
    std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".to_owned())
}

fn target_dir() -> PathBuf {
    // CARGO_TARGET_TMPDIR is `<target>/tmp`.
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target dir")
        .to_path_buf()
}

/// `target/e2e-screenshots/<label>/`, emptied of an earlier run's files.
fn screenshot_dir(label: &str) -> PathBuf {
    let dir = target_dir().join("e2e-screenshots").join(label);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("screenshot dir");
    dir
}

/// A fresh directory for the scenario's Chromium profiles.
fn profile_dir(label: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("e2e-profiles")
        .join(label);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("profile dir");
    dir
}
