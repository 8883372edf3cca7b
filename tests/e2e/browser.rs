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

/// A size the browser renders at, set through Chromium's device emulation (a headless window
/// cannot be narrower than 500 px).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Viewport {
    pub width: u32,
    pub height: u32,
    /// A phone: touch, and the page's `<meta name=viewport>` applies.
    pub mobile: bool,
}

/// The desktop size every page is checked at.
pub const DESKTOP: Viewport = Viewport {
    width: 1280,
    height: 800,
    mobile: false,
};
/// The phone size every page is checked at (an iPhone 12 to 15).
pub const PHONE: Viewport = Viewport {
    width: 390,
    height: 844,
    mobile: true,
};
/// The narrowest phone the portal promises to fit (developers' guide: "work at 360 px").
pub const NARROW: Viewport = Viewport {
    width: 360,
    height: 740,
    mobile: true,
};

/// The WCAG 2.1 A and AA rules of axe-core: any violation fails the scenario.
const AXE_TAGS: [&str; 4] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

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
        problems: Mutex::new(Vec::new()),
    }));
    let outcome = AssertUnwindSafe(tokio::time::timeout(SCENARIO_LIMIT, body(scenario.clone())))
        .catch_unwind()
        .await;
    let problems = std::mem::take(&mut *scenario.0.problems.lock().unwrap());
    let passed = matches!(outcome, Ok(Ok(()))) && problems.is_empty();
    scenario.close_all(!passed).await;
    match outcome {
        Ok(Ok(())) if problems.is_empty() => {}
        Ok(Ok(())) => panic!(
            "scenario {label}: {} accessibility or layout problem(s) (axe-core {} rules, widths at 390 and 360 px):\n{}",
            problems.len(),
            AXE_TAGS.join("/"),
            problems.join("\n")
        ),
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
    /// What the page audits found, one line each, reported together when the scenario ends
    /// (so one run lists every problem, not just the first).
    problems: Mutex<Vec<String>>,
}

impl Scenario {
    pub fn app(&self) -> &TestApp {
        &self.0.app
    }

    /// A new desktop browser with a fresh profile: its own cookies, so its own portal and IdP
    /// sessions (one per person in the story).
    pub async fn browser(&self, who: &str) -> Browser {
        self.open(
            who,
            Viewport {
                width: 1280,
                height: 1000,
                mobile: false,
            },
        )
        .await
    }

    /// A new browser that renders like a 390 px wide phone (a customer opening the e-mailed
    /// link).
    pub async fn phone(&self, who: &str) -> Browser {
        self.open(who, PHONE).await
    }

    async fn open(&self, who: &str, home: Viewport) -> Browser {
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
        caps.add_arg("--window-size=1280,1000")
            .expect("window size");
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
        let browser = Browser {
            driver,
            who: who.to_owned(),
            base: self.0.app.base.clone(),
            scenario: self.clone(),
            home: Mutex::new(home),
            audited: AtomicUsize::new(0),
        };
        browser.resize(home).await;
        browser
    }

    /// This scenario's screenshot directory.
    pub fn shot_dir(&self) -> &Path {
        &self.0.shots
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

/// One person's browser.
pub struct Browser {
    driver: WebDriver,
    who: String,
    base: String,
    scenario: Scenario,
    /// The size this browser renders at between audits.
    home: Mutex<Viewport>,
    /// Portal pages audited so far.
    audited: AtomicUsize,
}

/// An element's place on the page ([`Browser::layout_at`]).
#[derive(Debug)]
pub struct Layout {
    pub left: f64,
    pub right: f64,
    pub font_px: f64,
    pub window: f64,
}

impl Layout {
    pub fn width(&self) -> f64 {
        self.right - self.left
    }

    /// Entirely inside the window, nothing cut off or scrolled away to the side.
    pub fn in_window(&self) -> bool {
        self.left >= 0.0 && self.right <= self.window + 0.5
    }
}

/// axe-core's browser bundle (tests/e2e/package.json, installed by `scripts/test`).
fn axe_source() -> &'static str {
    static SOURCE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SOURCE.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/e2e/node_modules/axe-core/axe.min.js");
        std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "read {}: {e} (scripts/test installs it: cd tests/e2e && npm ci)",
                path.display()
            )
        })
    })
}

impl Browser {
    /// Opens a portal path (or a full URL).
    pub async fn visit(&self, path: &str) {
        let url = if path.starts_with("http") || path.starts_with("data:") {
            path.to_owned()
        } else {
            format!("{}{path}", self.base)
        };
        self.driver.goto(url).await.expect("navigate");
        self.audit().await;
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
        self.audit().await;
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

    /// Fails if the page is wider than the window at its current size: content that
    /// overflows its box (a long label, a wide table outside its scroller) shows up as a
    /// sideways scroll.
    pub async fn assert_fits_width(&self) {
        let (scroll, inner) = self.widths().await;
        let home = *self.home.lock().unwrap();
        let inner = inner.min(i64::from(home.width));
        if scroll > inner {
            self.fail(&format!(
                "the page is {scroll}px wide in a {inner}px window (sideways scroll)"
            ))
            .await;
        }
    }

    /// `document.documentElement.scrollWidth` and `window.innerWidth`.
    async fn widths(&self) -> (i64, i64) {
        self.driver
            .execute(
                "return [document.documentElement.scrollWidth, window.innerWidth]",
                Vec::new(),
            )
            .await
            .expect("measure the page")
            .convert::<(i64, i64)>()
            .expect("two numbers")
    }

    /// Renders at `viewport` from now on (until the next audit restores the home size).
    async fn resize(&self, viewport: Viewport) {
        self.resize_scaled(viewport, if viewport.mobile { 2.0 } else { 1.0 })
            .await
    }

    async fn resize_scaled(&self, viewport: Viewport, scale: f64) {
        let cdp = self.driver.cdp();
        cdp.send_raw(
            "Emulation.setDeviceMetricsOverride",
            serde_json::json!({
                "width": viewport.width,
                "height": viewport.height,
                "deviceScaleFactor": scale,
                "mobile": viewport.mobile,
            }),
        )
        .await
        .expect("set the viewport");
        cdp.send_raw(
            "Emulation.setTouchEmulationEnabled",
            serde_json::json!({ "enabled": viewport.mobile }),
        )
        .await
        .expect("touch emulation");
    }

    /// The checks every portal page gets, run after each navigation: axe-core's WCAG 2.1 A/AA
    /// rules at the desktop and phone sizes, and no sideways scroll at 390 and 360 px. Pages of
    /// the test IdP are not the portal's and are skipped.
    pub async fn audit(&self) {
        let url = self.url().await;
        if !url.starts_with(&self.base) {
            return;
        }
        let home = *self.home.lock().unwrap();
        let mut problems = Vec::new();
        for viewport in [DESKTOP, PHONE, NARROW] {
            self.resize(viewport).await;
            if viewport.mobile {
                let (scroll, inner) = self.widths().await;
                // A phone's browser widens its layout viewport to content that does not fit
                // (and zooms out), so `innerWidth` alone hides the overflow: the screen's width
                // is the limit.
                let inner = inner.min(i64::from(viewport.width));
                if scroll > inner {
                    problems.push(format!(
                        "sideways scroll at {}px: the page is {scroll}px wide",
                        viewport.width
                    ));
                }
            }
            if viewport != NARROW {
                for violation in self.axe().await {
                    problems.push(format!("at {}px: {violation}", viewport.width));
                }
            }
        }
        self.resize(home).await;
        self.audited.fetch_add(1, Ordering::SeqCst);
        let mut all = self.scenario.0.problems.lock().unwrap();
        for problem in problems {
            let line = format!("  {}: {problem}\n      on {url}", self.who);
            if !all.contains(&line) {
                all.push(line);
            }
        }
    }

    /// How many portal pages this browser has audited.
    pub fn pages_audited(&self) -> usize {
        self.audited.load(Ordering::SeqCst)
    }

    /// Runs axe-core on the current page; one line per violating element: rule id, impact,
    /// the element's selector and what the rule asks.
    pub async fn axe(&self) -> Vec<String> {
        let loaded = self
            .driver
            .execute("return typeof window.axe === 'object'", Vec::new())
            .await
            .expect("look for axe")
            .convert::<bool>()
            .unwrap_or(false);
        if !loaded {
            self.driver
                .execute(&format!("{}\n;return true", axe_source()), Vec::new())
                .await
                .expect("inject axe-core");
        }
        let script = r#"
            const done = arguments[arguments.length - 1];
            axe.run(document, { runOnly: { type: 'tag', values: arguments[0] }, resultTypes: ['violations'] })
              .then(r => done(r.violations.flatMap(v => v.nodes.map(n =>
                  `${v.id} (${v.impact}): ${n.target.join(' ')} — ${v.help}`))))
              .catch(e => done([`axe failed: ${e}`]));
        "#;
        self.driver
            .execute_async(script, vec![serde_json::json!(AXE_TAGS)])
            .await
            .expect("run axe-core")
            .convert::<Vec<String>>()
            .expect("axe's findings")
    }

    async fn url(&self) -> String {
        self.driver
            .current_url()
            .await
            .map(|u| u.to_string())
            .unwrap_or_default()
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

    /// Saves a PNG of the top of the current page rendered at `viewport` (at one image pixel per
    /// CSS pixel) to `path`, then
    /// renders at the home size again.
    pub async fn shot_at(&self, viewport: Viewport, path: &Path) {
        // One image pixel per CSS pixel: the documentation's phone shots stay small.
        self.resize_scaled(viewport, 1.0).await;
        self.driver
            .execute("window.scrollTo(0, 0)", Vec::new())
            .await
            .expect("scroll to the top");
        self.driver.screenshot(path).await.expect("screenshot");
        let home = *self.home.lock().unwrap();
        self.resize(home).await;
    }

    /// Where the first element matching `css` lies when the page renders at `viewport`: its
    /// left and right edges and its font size, in CSS pixels, and the window's width.
    pub async fn layout_at(&self, viewport: Viewport, css: &str) -> Layout {
        self.find(css).await;
        self.resize(viewport).await;
        let measured = self
            .driver
            .execute(
                "const e = document.querySelector(arguments[0]); const r = e.getBoundingClientRect(); \
                 return [r.left, r.right, parseFloat(getComputedStyle(e).fontSize), window.innerWidth];",
                vec![serde_json::json!(css)],
            )
            .await
            .expect("measure an element")
            .convert::<(f64, f64, f64, f64)>()
            .expect("four numbers");
        let home = *self.home.lock().unwrap();
        self.resize(home).await;
        Layout {
            left: measured.0,
            right: measured.1,
            font_px: measured.2,
            window: measured.3.min(f64::from(viewport.width)),
        }
    }

    /// The page's title.
    pub async fn title(&self) -> String {
        self.driver.title().await.expect("page title")
    }

    /// The `data-testid` of the element that has the keyboard focus, if it has one.
    pub async fn focused_testid(&self) -> Option<String> {
        self.driver
            .execute(
                "return document.activeElement && document.activeElement.getAttribute('data-testid')",
                Vec::new(),
            )
            .await
            .expect("focused element")
            .convert::<Option<String>>()
            .expect("a test id or null")
    }

    /// The number `script` returns when the page renders at `viewport`.
    pub async fn measure_at(&self, viewport: Viewport, script: &str) -> f64 {
        self.resize(viewport).await;
        let value = self
            .driver
            .execute(script, Vec::new())
            .await
            .expect("measure")
            .convert::<f64>()
            .expect("a number");
        let home = *self.home.lock().unwrap();
        self.resize(home).await;
        value
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
