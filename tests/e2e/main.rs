//! Browser end-to-end tests: headless Chromium (Debian's `chromium` and `chromium-driver`,
//! installed by `scripts/test`) driven through chromedriver, signing in through the real
//! `oidc-provider` test IdP. A binary of its own, so that Cargo runs it after the other test
//! binaries rather than beside them: a browser and ninety HTTP tests do not share two cores well.
//!
//! Screenshots of each scenario's key pages land in `target/e2e-screenshots/`.

// The portal tests' harness (the app on a random port, the test IdP, database fixtures); this
// binary uses part of it.
#[allow(dead_code)]
#[path = "../portal/common.rs"]
mod common;

mod browser;
mod stories;
