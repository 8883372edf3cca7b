//! Browser end-to-end tests: headless Chromium (Debian's `chromium` and `chromium-driver`,
//! installed by `scripts/test`) driven through chromedriver, signing in through the real
//! `oidc-provider` test IdP. A binary of its own: Cargo runs test binaries one after another,
//! so the browser never competes with the ninety HTTP tests for two cores.
//!
//! Screenshots of each scenario's key pages land in `target/e2e-screenshots/`.

// The portal tests' harness (the app on a random port, the test IdP, database fixtures); this
// binary uses part of it.
#[allow(dead_code)]
#[path = "../portal/common.rs"]
mod common;

mod browser;
mod stories;
mod walk;
