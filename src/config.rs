//! Configuration from environment variables and an optional TOML file (`CONFIG_FILE`), checked
//! once at start. Every error names the key that is wrong, so an operator can fix it at once.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use base64::Engine;
use url::Url;

pub mod limits;
pub mod trusted_proxies;

pub use limits::{Bucket, Limits};
pub use trusted_proxies::TrustedProxies;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    /// `cargo run` defaults: SQLite, built-in demo identity provider, seeded demo data.
    Demo,
    Production,
}

/// How claims in the ID token map to tenants and roles.
#[derive(Debug, Clone)]
pub struct ClaimMapping {
    pub tenant_id: String,
    pub tenant_kind: String,
    pub tenant_name: String,
    pub tenant_domain: String,
    pub roles: String,
    /// Extra role values (e.g. Entra directory-role template ids) mapped to portal roles.
    pub role_map: HashMap<String, String>,
}

#[derive(Debug, Clone)]
pub struct OidcConfig {
    pub issuer_url: String,
    pub client_id: String,
    pub client_secret: String,
    pub claims: ClaimMapping,
    /// Extra scopes requested beside `openid profile email`.
    pub extra_scopes: Vec<String>,
    /// A PEM file of certificate authorities trusted for the provider beside the system's
    /// store (a company or private CA).
    pub ca_file: Option<PathBuf>,
    /// Leeway for the ID token's `exp`, `iat` and `nbf` against this server's clock.
    pub clock_skew: Duration,
    /// Issuer strings this deployment used before; a user known under one of them keeps their
    /// account when they next sign in under `issuer_url`.
    pub previous_issuers: Vec<String>,
    /// Where the provider sends the browser back after RP-initiated logout (register it there).
    pub post_logout_redirect_uri: String,
}

#[derive(Clone)]
pub struct Config {
    pub environment: Environment,
    pub bind_addr: SocketAddr,
    pub base_url: Url,
    pub database_url: String,
    pub db_pool_size: u32,
    pub db_pool_timeout: Duration,
    pub session_key: Vec<u8>,
    pub session_idle: Duration,
    pub session_absolute: Duration,
    pub redis_url: Option<String>,
    pub oidc: OidcConfig,
    pub seed_demo: bool,
    pub log_json: bool,
    pub max_body_bytes: usize,
    /// Mount the benchmark-only reference handler (see `scripts/bench`).
    pub bench_routes: bool,
    /// How often the expiry sweep runs; zero turns it off.
    pub expiry_sweep: Duration,
    /// Per-client rate limits (`None`: off).
    pub rate_limits: Option<Limits>,
    /// `TRUSTED_PROXIES`: only requests from these may name the client in forwarding headers.
    pub trusted_proxies: TrustedProxies,
    /// `METRICS_TOKEN`: the bearer token `/metrics` answers to (see `web::metrics_access`).
    pub metrics_token: Option<String>,
    /// `METRICS_ADDR`: a separate listener that serves `/metrics` only.
    pub metrics_addr: Option<SocketAddr>,
    /// The built-in demo provider's own client secret (see `demo_client_secret`).
    pub demo_client_secret: String,
}

impl std::fmt::Debug for Config {
    // Written by hand so that secrets never reach a log line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("environment", &self.environment)
            .field("bind_addr", &self.bind_addr)
            .field("base_url", &self.base_url.as_str())
            .field("database", &crate::db::Backend::of_url(&self.database_url))
            .field("redis", &self.redis_url.is_some())
            .field("oidc_issuer", &self.oidc.issuer_url)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("configuration key {key}: {problem}")]
pub struct ConfigError {
    pub key: &'static str,
    pub problem: String,
}

fn bad(key: &'static str, problem: impl Into<String>) -> ConfigError {
    ConfigError {
        key,
        problem: problem.into(),
    }
}

/// Where configuration values come from: environment first, then the file.
struct Sources {
    env: HashMap<String, String>,
    file: HashMap<String, String>,
}

impl Sources {
    fn get(&self, key: &'static str) -> Option<String> {
        self.env
            .get(key)
            .or_else(|| self.file.get(&key.to_ascii_lowercase()))
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    }

    fn parse<T: std::str::FromStr>(&self, key: &'static str, default: T) -> Result<T, ConfigError>
    where
        T::Err: std::fmt::Display,
    {
        match self.get(key) {
            None => Ok(default),
            Some(v) => v.parse().map_err(|e| bad(key, format!("{e} (got {v:?})"))),
        }
    }

    fn flag(&self, key: &'static str, default: bool) -> Result<bool, ConfigError> {
        match self.get(key).as_deref() {
            None => Ok(default),
            Some("1" | "true" | "yes" | "on") => Ok(true),
            Some("0" | "false" | "no" | "off") => Ok(false),
            Some(other) => Err(bad(key, format!("expected true or false, got {other:?}"))),
        }
    }
}

pub const DEMO_CLIENT_ID: &str = "multipartner-demo";

/// The demo provider's client secret: derived from the session key, so that instances sharing
/// a `SESSION_SECRET` (behind one proxy) agree on it, and random per start otherwise. Never
/// the configured `OIDC_CLIENT_SECRET`.
fn demo_client_secret(session_key: &[u8]) -> String {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    let digest = Sha256::new()
        .chain_update(b"multipartner demo identity provider client secret\0")
        .chain_update(session_key)
        .finalize();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest)
}

impl Config {
    /// Reads the process environment (and `CONFIG_FILE` when set).
    pub fn from_env() -> Result<Config, ConfigError> {
        Self::from_map(std::env::vars().collect())
    }

    pub fn from_map(env: HashMap<String, String>) -> Result<Config, ConfigError> {
        let file = match env.get("CONFIG_FILE").filter(|p| !p.is_empty()) {
            None => HashMap::new(),
            Some(path) => read_toml(path)?,
        };
        let s = Sources { env, file };

        let environment = environment(&s)?;
        let production = environment == Environment::Production;
        // Checked first: whatever else is missing, demo data never reaches production.
        let seed_demo = s.flag("SEED_DEMO", !production)?;
        if production && seed_demo {
            return Err(bad(
                "SEED_DEMO",
                "production never seeds the demo tenants and users; remove SEED_DEMO",
            ));
        }

        let bind_addr: SocketAddr =
            s.parse("BIND_ADDR", SocketAddr::from(([127, 0, 0, 1], 8080)))?;
        let base_url = base_url(&s, bind_addr, production)?;

        let database_url = s
            .get("DATABASE_URL")
            .unwrap_or_else(|| "sqlite://data/multipartner.db".to_owned());
        let db_pool_size: u32 = s.parse("DB_POOL_SIZE", 10)?;
        if db_pool_size == 0 || db_pool_size > 200 {
            return Err(bad("DB_POOL_SIZE", "must be between 1 and 200"));
        }
        let db_pool_timeout = Duration::from_millis(s.parse("DB_POOL_TIMEOUT_MS", 3000)?);

        let session_key = session_key(&s, production)?;
        let (session_idle, session_absolute) = session_timeouts(&s)?;
        let demo_client_secret = demo_client_secret(&session_key);
        let oidc = oidc(&s, production, &base_url, &demo_client_secret)?;

        let log_json = s.flag("LOG_JSON", production)?;
        let max_body_bytes = s.parse("MAX_BODY_BYTES", 64 * 1024)?;
        let bench_routes = s.flag("BENCH_ROUTES", false)?;
        let expiry_sweep = Duration::from_secs(s.parse("EXPIRY_SWEEP_SECONDS", 300)?);
        let rate_limits = match s.get("RATE_LIMITS") {
            None => Some(Limits::default()),
            Some(spec) => Limits::parse(&spec).map_err(|e| bad("RATE_LIMITS", e))?,
        };
        let trusted_proxies = TrustedProxies::parse(&s.get("TRUSTED_PROXIES").unwrap_or_default())
            .map_err(|e| bad("TRUSTED_PROXIES", e))?;
        let (metrics_token, metrics_addr) = metrics(&s, bind_addr)?;
        if production && bench_routes {
            return Err(bad(
                "BENCH_ROUTES",
                "is for benchmarks only, not production",
            ));
        }

        Ok(Config {
            environment,
            bind_addr,
            base_url,
            database_url,
            db_pool_size,
            db_pool_timeout,
            session_key,
            session_idle,
            session_absolute,
            redis_url: s.get("REDIS_URL"),
            oidc,
            seed_demo,
            log_json,
            max_body_bytes,
            bench_routes,
            expiry_sweep,
            rate_limits,
            trusted_proxies,
            metrics_token,
            metrics_addr,
            demo_client_secret,
        })
    }

    /// The base URL without a trailing slash, for building absolute links.
    pub fn base(&self) -> &str {
        self.base_url.as_str().trim_end_matches('/')
    }

    pub fn secure_cookies(&self) -> bool {
        self.base_url.scheme() == "https"
    }

    pub fn demo_idp_enabled(&self) -> bool {
        self.environment == Environment::Demo
    }

    /// Demo mode listening beyond loopback: anyone who reaches the address can sign in as any
    /// demo user, the operator included. Allowed, but said loudly (at start, on every page).
    pub fn demo_exposed(&self) -> bool {
        self.demo_idp_enabled() && !self.bind_addr.ip().is_loopback()
    }

    pub fn redirect_uri(&self) -> String {
        format!("{}/auth/callback", self.base())
    }
}

/// `APP_ENV`: demo (the default) or production.
fn environment(s: &Sources) -> Result<Environment, ConfigError> {
    match s.get("APP_ENV").as_deref() {
        None | Some("demo") => Ok(Environment::Demo),
        Some("production") => Ok(Environment::Production),
        Some(other) => Err(bad(
            "APP_ENV",
            format!("expected demo or production, got {other:?}"),
        )),
    }
}

/// `BASE_URL`: an http(s) origin without path or query; https in production.
fn base_url(s: &Sources, bind_addr: SocketAddr, production: bool) -> Result<Url, ConfigError> {
    let base_url_raw = s
        .get("BASE_URL")
        .unwrap_or_else(|| format!("http://{bind_addr}"));
    let base_url = Url::parse(base_url_raw.trim_end_matches('/'))
        .map_err(|e| bad("BASE_URL", e.to_string()))?;
    if !matches!(base_url.scheme(), "http" | "https") || base_url.host().is_none() {
        return Err(bad("BASE_URL", "must be an http or https URL with a host"));
    }
    if base_url.path() != "/" || base_url.query().is_some() {
        return Err(bad("BASE_URL", "must not have a path or query"));
    }
    if production && base_url.scheme() != "https" {
        return Err(bad("BASE_URL", "production requires an https base URL"));
    }
    Ok(base_url)
}

/// `SESSION_SECRET`: a random key of at least 64 bytes; required in production, fresh per
/// start in the demo.
fn session_key(s: &Sources, production: bool) -> Result<Vec<u8>, ConfigError> {
    match s.get("SESSION_SECRET") {
        Some(secret) => {
            let key = decode_key(&secret)?;
            if production && let Some(problem) = key_entropy_problem(&key) {
                return Err(bad(
                    "SESSION_SECRET",
                    format!(
                        "{problem}: not a random key; generate one with \
                         openssl rand -base64 64 | tr -d '\\n'"
                    ),
                ));
            }
            Ok(key)
        }
        None if production => Err(bad(
            "SESSION_SECRET",
            "production requires a 64-byte key (base64 or hex)",
        )),
        // Demo: a fresh key each start; signing everyone out on restart is fine there.
        None => {
            let mut key = vec![0u8; 64];
            rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut key);
            Ok(key)
        }
    }
}

/// The idle and absolute session timeouts.
fn session_timeouts(s: &Sources) -> Result<(Duration, Duration), ConfigError> {
    // The *_SECONDS forms take precedence; they exist for tests and short-lived demos.
    let session_idle = match s.get("SESSION_IDLE_SECONDS") {
        Some(_) => Duration::from_secs(s.parse::<u64>("SESSION_IDLE_SECONDS", 0)?),
        None => Duration::from_secs(60 * s.parse::<u64>("SESSION_IDLE_MINUTES", 30)?),
    };
    let session_absolute = match s.get("SESSION_ABSOLUTE_SECONDS") {
        Some(_) => Duration::from_secs(s.parse::<u64>("SESSION_ABSOLUTE_SECONDS", 0)?),
        None => Duration::from_secs(3600 * s.parse::<u64>("SESSION_ABSOLUTE_HOURS", 12)?),
    };
    if session_idle.is_zero() || session_absolute < session_idle {
        return Err(bad(
            "SESSION_ABSOLUTE_HOURS",
            "must be at least the idle timeout, and both non-zero",
        ));
    }
    Ok((session_idle, session_absolute))
}

/// The identity provider: `OIDC_*`, or the built-in demo provider with its own credentials.
fn oidc(
    s: &Sources,
    production: bool,
    base_url: &Url,
    demo_client_secret: &str,
) -> Result<OidcConfig, ConfigError> {
    let demo_issuer = format!("{}/demo-idp", base_url.as_str().trim_end_matches('/'));
    let issuer_url = match s.get("OIDC_ISSUER_URL") {
        Some(url) => url,
        None if production => {
            return Err(bad(
                "OIDC_ISSUER_URL",
                "production requires a real identity provider",
            ));
        }
        None => demo_issuer.clone(),
    };
    let issuer = Url::parse(&issuer_url).map_err(|e| bad("OIDC_ISSUER_URL", e.to_string()))?;
    if production && (issuer.scheme() != "https" || issuer.path().starts_with("/demo-idp")) {
        return Err(bad(
            "OIDC_ISSUER_URL",
            "production requires an https issuer that is not the demo provider",
        ));
    }
    let uses_demo_idp = !production && issuer_url.starts_with(&demo_issuer);
    let (client_id, client_secret) = match (s.get("OIDC_CLIENT_ID"), s.get("OIDC_CLIENT_SECRET")) {
        // The built-in provider has credentials of its own: a real client secret is
        // never handed to it (OIDC_CLIENT_* are for a real provider).
        _ if uses_demo_idp => (DEMO_CLIENT_ID.to_owned(), demo_client_secret.to_owned()),
        (Some(id), Some(secret)) => (id, secret),
        (None, None) if !production => (DEMO_CLIENT_ID.to_owned(), demo_client_secret.to_owned()),
        (None, _) => return Err(bad("OIDC_CLIENT_ID", "is required")),
        (_, None) => return Err(bad("OIDC_CLIENT_SECRET", "is required")),
    };
    let role_map = parse_role_map(s.get("OIDC_ROLE_MAP").as_deref().unwrap_or(""))?;
    let claims = ClaimMapping {
        tenant_id: s
            .get("OIDC_TENANT_ID_CLAIM")
            .unwrap_or_else(|| "tenant_id".into()),
        tenant_kind: s
            .get("OIDC_TENANT_KIND_CLAIM")
            .unwrap_or_else(|| "tenant_type".into()),
        tenant_name: s
            .get("OIDC_TENANT_NAME_CLAIM")
            .unwrap_or_else(|| "tenant_name".into()),
        tenant_domain: s
            .get("OIDC_TENANT_DOMAIN_CLAIM")
            .unwrap_or_else(|| "tenant_domain".into()),
        roles: s.get("OIDC_ROLES_CLAIM").unwrap_or_else(|| "roles".into()),
        role_map,
    };
    let extra_scopes = s
        .get("OIDC_SCOPES")
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    let ca_file = match s.get("OIDC_CA_FILE") {
        None => None,
        Some(path) => {
            crate::auth::http::read_ca_file(std::path::Path::new(&path))
                .map_err(|e| bad("OIDC_CA_FILE", e))?;
            Some(PathBuf::from(path))
        }
    };
    let clock_skew = Duration::from_secs(s.parse("OIDC_CLOCK_SKEW_SECONDS", 60)?);
    if clock_skew > Duration::from_secs(600) {
        return Err(bad(
            "OIDC_CLOCK_SKEW_SECONDS",
            "at most 600: fix the clocks (NTP) rather than widen the window",
        ));
    }
    let previous_issuers: Vec<String> = s
        .get("OIDC_PREVIOUS_ISSUERS")
        .unwrap_or_default()
        .split([' ', ','])
        .filter(|i| !i.is_empty())
        .map(str::to_owned)
        .collect();
    if previous_issuers.contains(&issuer_url) {
        return Err(bad(
            "OIDC_PREVIOUS_ISSUERS",
            "must not contain the current OIDC_ISSUER_URL",
        ));
    }
    let post_logout_redirect_uri = s
        .get("OIDC_POST_LOGOUT_REDIRECT_URI")
        .unwrap_or_else(|| format!("{}/", base_url.as_str().trim_end_matches('/')));
    if !Url::parse(&post_logout_redirect_uri).is_ok_and(|u| matches!(u.scheme(), "http" | "https"))
    {
        return Err(bad(
            "OIDC_POST_LOGOUT_REDIRECT_URI",
            "must be an absolute http or https URL",
        ));
    }
    Ok(OidcConfig {
        issuer_url,
        client_id,
        client_secret,
        claims,
        extra_scopes,
        ca_file,
        clock_skew,
        previous_issuers,
        post_logout_redirect_uri,
    })
}

/// `METRICS_TOKEN` and `METRICS_ADDR` (see `web::metrics_access`).
fn metrics(
    s: &Sources,
    bind_addr: SocketAddr,
) -> Result<(Option<String>, Option<SocketAddr>), ConfigError> {
    let metrics_token = s.get("METRICS_TOKEN");
    if metrics_token.as_ref().is_some_and(|t| t.len() < 32) {
        return Err(bad(
            "METRICS_TOKEN",
            "must be at least 32 characters: openssl rand -base64 32",
        ));
    }
    let metrics_addr: Option<SocketAddr> = match s.get("METRICS_ADDR") {
        None => None,
        Some(raw) => Some(
            raw.parse()
                .map_err(|e| bad("METRICS_ADDR", format!("{e} (got {raw:?})")))?,
        ),
    };
    if metrics_addr.is_some_and(|a| a == bind_addr && a.port() != 0) {
        return Err(bad("METRICS_ADDR", "must differ from BIND_ADDR"));
    }
    Ok((metrics_token, metrics_addr))
}

fn decode_key(secret: &str) -> Result<Vec<u8>, ConfigError> {
    let bytes = if secret.len() >= 128 && secret.chars().all(|c| c.is_ascii_hexdigit()) {
        hex::decode(secret).map_err(|e| bad("SESSION_SECRET", e.to_string()))?
    } else {
        base64::engine::general_purpose::STANDARD
            .decode(secret)
            .or_else(|_| base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(secret))
            .map_err(|_| bad("SESSION_SECRET", "must be base64 or hex"))?
    };
    if bytes.len() < 64 {
        return Err(bad(
            "SESSION_SECRET",
            format!("must decode to at least 64 bytes, got {}", bytes.len()),
        ));
    }
    Ok(bytes)
}

/// Why a key does not look like the output of a random generator, if it does not: too few
/// distinct bytes, too little estimated entropy per byte or in all, or a pattern (a counting
/// sequence has all-distinct bytes but one step between them). 64 bytes from a CSPRNG have
/// about 57 distinct values and 5.6 bits per byte; the bounds are far below that, so only keys
/// made by hand (`aaaa…`, `abab…`, `0123…`, a repeated phrase) are refused.
fn key_entropy_problem(key: &[u8]) -> Option<String> {
    const MIN_DISTINCT: usize = 16;
    const MIN_BITS_PER_BYTE: f64 = 3.5;
    const MIN_TOTAL_BITS: f64 = 256.0;
    let distinct = {
        let mut seen = [false; 256];
        key.iter().for_each(|b| seen[*b as usize] = true);
        seen.iter().filter(|s| **s).count()
    };
    let per_byte = entropy_bits(key.iter().copied());
    let steps = entropy_bits(key.windows(2).map(|w| w[1].wrapping_sub(w[0])));
    let total = per_byte * key.len() as f64;
    if distinct < MIN_DISTINCT {
        Some(format!("has only {distinct} distinct bytes"))
    } else if per_byte < MIN_BITS_PER_BYTE || total < MIN_TOTAL_BITS {
        Some(format!(
            "has an estimated {per_byte:.1} bits of entropy per byte ({total:.0} in all)"
        ))
    } else if steps < MIN_BITS_PER_BYTE {
        Some("is a regular sequence".to_owned())
    } else {
        None
    }
}

/// Shannon entropy of the symbols' histogram, in bits per symbol.
fn entropy_bits(symbols: impl Iterator<Item = u8>) -> f64 {
    let mut counts = [0u32; 256];
    let mut n = 0u32;
    for s in symbols {
        counts[s as usize] += 1;
        n += 1;
    }
    if n == 0 {
        return 0.0;
    }
    counts
        .iter()
        .filter(|c| **c > 0)
        .map(|c| {
            let p = f64::from(*c) / f64::from(n);
            -p * p.log2()
        })
        .sum()
}

/// `value=role,value=role`: maps IdP role values (e.g. Entra role template ids) to portal roles.
fn parse_role_map(raw: &str) -> Result<HashMap<String, String>, ConfigError> {
    raw.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (from, to) = pair.split_once('=').ok_or_else(|| {
                bad(
                    "OIDC_ROLE_MAP",
                    format!("expected value=role, got {pair:?}"),
                )
            })?;
            let to = to.trim();
            to.parse::<crate::domain::Role>()
                .map_err(|_| bad("OIDC_ROLE_MAP", format!("unknown portal role {to:?}")))?;
            Ok((from.trim().to_owned(), to.to_owned()))
        })
        .collect()
}

fn read_toml(path: &str) -> Result<HashMap<String, String>, ConfigError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| bad("CONFIG_FILE", format!("cannot read {path}: {e}")))?;
    let table: toml::Table =
        toml::from_str(&text).map_err(|e| bad("CONFIG_FILE", format!("{path}: {e}")))?;
    table
        .into_iter()
        .map(|(k, v)| {
            let value = match v {
                toml::Value::String(s) => s,
                toml::Value::Integer(i) => i.to_string(),
                toml::Value::Boolean(b) => b.to_string(),
                other => {
                    return Err(bad(
                        "CONFIG_FILE",
                        format!("{k}: expected a string, number or boolean, got {other:?}"),
                    ));
                }
            };
            Ok((k.to_ascii_lowercase(), value))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        Config::from_map(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn random_keys_pass_the_entropy_check() {
        for _ in 0..2000 {
            let mut key = vec![0u8; 64];
            rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut key);
            assert_eq!(key_entropy_problem(&key), None, "{key:?}");
        }
        // Longer keys too, and a key that is hex text (4 bits per byte, 512 in all).
        let mut long = vec![0u8; 128];
        rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut long);
        assert_eq!(key_entropy_problem(&long), None);
        let mut half = vec![0u8; 64];
        rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut half);
        assert_eq!(key_entropy_problem(hex::encode(half).as_bytes()), None);
    }

    #[test]
    fn hand_made_keys_fail_the_entropy_check() {
        let counting: Vec<u8> = (0..64).collect();
        let counting_by_7: Vec<u8> = (0..64u8).map(|i| i.wrapping_mul(7)).collect();
        let phrase = "my session secret! ".repeat(4);
        for (what, key) in [
            ("128 x a", vec![b'a'; 128]),
            ("64 x 0xaa", vec![0xaa; 64]),
            ("zeros", vec![0; 64]),
            ("ab repeated", b"ab".repeat(64)),
            (
                "0-f repeated",
                hex::decode("0123456789abcdef".repeat(8)).unwrap(),
            ),
            ("counting", counting),
            ("counting by 7", counting_by_7),
            ("a phrase", phrase.into_bytes()),
            ("12 distinct", (0..64u8).map(|i| (i % 12) * 21).collect()),
        ] {
            assert!(key_entropy_problem(&key).is_some(), "{what}");
        }
    }

    #[test]
    fn demo_defaults_need_no_configuration() {
        let c = cfg(&[]).unwrap();
        assert_eq!(c.environment, Environment::Demo);
        assert_eq!(c.base(), "http://127.0.0.1:8080");
        assert_eq!(c.oidc.issuer_url, "http://127.0.0.1:8080/demo-idp");
        assert!(c.seed_demo);
        assert_eq!(c.session_key.len(), 64);
    }

    fn random_key() -> String {
        let mut key = vec![0u8; 64];
        rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut key);
        hex::encode(key)
    }

    fn production_with_secret(secret: &str) -> Result<Config, ConfigError> {
        cfg(&[
            ("APP_ENV", "production"),
            ("BASE_URL", "https://portal.example.cn"),
            ("SESSION_SECRET", secret),
            (
                "OIDC_ISSUER_URL",
                "https://login.partner.microsoftonline.cn/t/v2.0",
            ),
            ("OIDC_CLIENT_ID", "id"),
            ("OIDC_CLIENT_SECRET", "secret"),
        ])
    }

    /// Issue 12, finding 7: a key of the right length but made by hand is refused in
    /// production, by name and with how to make one.
    #[test]
    fn production_refuses_low_entropy_session_secrets() {
        use base64::Engine;
        let b64 = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
        let counting: Vec<u8> = (0..64).collect();
        for secret in [
            "a".repeat(128),
            "ab".repeat(64),
            "0".repeat(128),
            "0123456789abcdef".repeat(8),
            b64(&[0u8; 64]),
            b64(&counting),
            b64("correct horse battery staple ".repeat(3).as_bytes()),
        ] {
            let err = production_with_secret(&secret).unwrap_err();
            assert_eq!(err.key, "SESSION_SECRET", "{secret}");
            assert!(err.problem.contains("openssl rand"), "{}", err.problem);
            // Demo mode takes what it is given (it is not for production data).
            assert!(cfg(&[("SESSION_SECRET", &secret)]).is_ok(), "{secret}");
        }
        for _ in 0..20 {
            assert!(production_with_secret(&random_key()).is_ok());
        }
        let mut bytes = vec![0u8; 64];
        rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut bytes);
        assert!(production_with_secret(&b64(&bytes)).is_ok());
    }

    /// Issue 12, finding 7: the demo provider never gets `OIDC_CLIENT_SECRET`.
    #[test]
    fn the_demo_provider_has_a_client_secret_of_its_own() {
        let real = "the-real-client-secret-of-the-provider";
        // The demo provider as issuer: its own credentials, whatever OIDC_CLIENT_* say.
        let c = cfg(&[("OIDC_CLIENT_ID", "real-id"), ("OIDC_CLIENT_SECRET", real)]).unwrap();
        assert_eq!(c.oidc.client_id, DEMO_CLIENT_ID);
        assert_eq!(c.oidc.client_secret, c.demo_client_secret);
        assert_ne!(c.demo_client_secret, real);
        assert!(c.demo_client_secret.len() >= 43);
        // A real provider in demo mode: the portal uses the real secret, the (still mounted)
        // demo provider keeps its own.
        let c = cfg(&[
            ("OIDC_ISSUER_URL", "https://idp.example/t"),
            ("OIDC_CLIENT_ID", "real-id"),
            ("OIDC_CLIENT_SECRET", real),
        ])
        .unwrap();
        assert_eq!(c.oidc.client_secret, real);
        assert_ne!(c.demo_client_secret, real);
        // Random per start without SESSION_SECRET; shared by instances with one.
        assert_ne!(
            cfg(&[]).unwrap().demo_client_secret,
            cfg(&[]).unwrap().demo_client_secret
        );
        let key = random_key();
        assert_eq!(
            cfg(&[("SESSION_SECRET", &key)]).unwrap().demo_client_secret,
            cfg(&[("SESSION_SECRET", &key)]).unwrap().demo_client_secret
        );
        assert!(!format!("{c:?}").contains(&c.demo_client_secret));
    }

    #[test]
    fn demo_beyond_loopback_is_exposed() {
        assert!(!cfg(&[]).unwrap().demo_exposed());
        assert!(!cfg(&[("BIND_ADDR", "[::1]:8080")]).unwrap().demo_exposed());
        assert!(
            cfg(&[("BIND_ADDR", "0.0.0.0:8080")])
                .unwrap()
                .demo_exposed()
        );
        assert!(
            cfg(&[("BIND_ADDR", "192.168.1.20:8080")])
                .unwrap()
                .demo_exposed()
        );
        let key = random_key();
        let mut production = production_with_secret(&key).unwrap();
        production.bind_addr = "0.0.0.0:8080".parse().unwrap();
        assert!(!production.demo_exposed());
    }

    #[test]
    fn production_refuses_demo_shortcuts() {
        let key = random_key();
        let good = [
            ("APP_ENV", "production"),
            ("BASE_URL", "https://portal.example.cn"),
            ("SESSION_SECRET", key.as_str()),
            (
                "OIDC_ISSUER_URL",
                "https://login.partner.microsoftonline.cn/t/v2.0",
            ),
            ("OIDC_CLIENT_ID", "id"),
            ("OIDC_CLIENT_SECRET", "secret"),
        ];
        assert!(cfg(&good).is_ok());
        let without = |key: &str| {
            good.iter()
                .copied()
                .filter(|(k, _)| *k != key)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            cfg(&without("SESSION_SECRET")).unwrap_err().key,
            "SESSION_SECRET"
        );
        assert_eq!(
            cfg(&without("OIDC_ISSUER_URL")).unwrap_err().key,
            "OIDC_ISSUER_URL"
        );
        assert_eq!(
            cfg(&without("OIDC_CLIENT_SECRET")).unwrap_err().key,
            "OIDC_CLIENT_SECRET"
        );
        let mut http = good.to_vec();
        http[1] = ("BASE_URL", "http://portal.example.cn");
        assert_eq!(cfg(&http).unwrap_err().key, "BASE_URL");
        let mut short = good.to_vec();
        short[2] = ("SESSION_SECRET", "c2hvcnQ=");
        assert_eq!(cfg(&short).unwrap_err().key, "SESSION_SECRET");
    }

    #[test]
    fn production_refuses_demo_data_before_anything_else() {
        // Named even when every other production setting is missing too.
        let err = cfg(&[("APP_ENV", "production"), ("SEED_DEMO", "true")]).unwrap_err();
        assert_eq!(err.key, "SEED_DEMO");
    }

    #[test]
    fn oidc_deployment_settings() {
        let c = cfg(&[]).unwrap();
        assert_eq!(c.oidc.clock_skew, Duration::from_secs(60));
        assert_eq!(c.oidc.post_logout_redirect_uri, "http://127.0.0.1:8080/");
        let c = cfg(&[
            ("OIDC_CLOCK_SKEW_SECONDS", "5"),
            (
                "OIDC_PREVIOUS_ISSUERS",
                "https://a.example/ https://b.example",
            ),
        ])
        .unwrap();
        assert_eq!(c.oidc.clock_skew, Duration::from_secs(5));
        assert_eq!(
            c.oidc.previous_issuers,
            ["https://a.example/", "https://b.example"]
        );
        for (key, value) in [
            ("OIDC_CLOCK_SKEW_SECONDS", "3600"),
            ("OIDC_CA_FILE", "/nonexistent/ca.pem"),
            ("OIDC_PREVIOUS_ISSUERS", "http://127.0.0.1:8080/demo-idp"),
            ("OIDC_POST_LOGOUT_REDIRECT_URI", "/relative"),
        ] {
            assert_eq!(cfg(&[(key, value)]).unwrap_err().key, key, "{key}={value}");
        }
        let not_pem = std::env::temp_dir().join(format!("mp-not-pem-{}", std::process::id()));
        std::fs::write(&not_pem, "hello").unwrap();
        let err = cfg(&[("OIDC_CA_FILE", not_pem.to_str().unwrap())]).unwrap_err();
        assert_eq!(err.key, "OIDC_CA_FILE");
        assert!(
            err.problem.contains("no PEM certificate"),
            "{}",
            err.problem
        );
    }

    #[test]
    fn errors_name_the_bad_key() {
        assert_eq!(cfg(&[("BIND_ADDR", "nope")]).unwrap_err().key, "BIND_ADDR");
        assert_eq!(cfg(&[("APP_ENV", "staging")]).unwrap_err().key, "APP_ENV");
        assert_eq!(
            cfg(&[("DB_POOL_SIZE", "0")]).unwrap_err().key,
            "DB_POOL_SIZE"
        );
        assert_eq!(cfg(&[("SEED_DEMO", "maybe")]).unwrap_err().key, "SEED_DEMO");
        assert_eq!(
            cfg(&[("OIDC_ROLE_MAP", "x=wizard")]).unwrap_err().key,
            "OIDC_ROLE_MAP"
        );
        assert_eq!(cfg(&[("BASE_URL", "ftp://x")]).unwrap_err().key, "BASE_URL");
        assert_eq!(
            cfg(&[("METRICS_TOKEN", "short")]).unwrap_err().key,
            "METRICS_TOKEN"
        );
        assert_eq!(
            cfg(&[("METRICS_ADDR", "nope")]).unwrap_err().key,
            "METRICS_ADDR"
        );
        assert_eq!(
            cfg(&[("METRICS_ADDR", "127.0.0.1:8080")]).unwrap_err().key,
            "METRICS_ADDR"
        );
        let c = cfg(&[
            ("METRICS_ADDR", "127.0.0.1:9464"),
            ("METRICS_TOKEN", &"t".repeat(32)),
        ])
        .unwrap();
        assert_eq!(
            c.metrics_addr,
            Some(SocketAddr::from(([127, 0, 0, 1], 9464)))
        );
        assert_eq!(c.metrics_token.as_deref().map(str::len), Some(32));
    }

    #[test]
    fn toml_file_is_read_and_environment_wins() {
        let dir = std::env::temp_dir().join(format!("mp-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("portal.toml");
        std::fs::write(&path, "bind_addr = \"127.0.0.1:9999\"\ndb_pool_size = 4\n").unwrap();
        let p = path.to_str().unwrap();
        let c = cfg(&[("CONFIG_FILE", p), ("DB_POOL_SIZE", "7")]).unwrap();
        assert_eq!(c.bind_addr.port(), 9999);
        assert_eq!(c.db_pool_size, 7);
        std::fs::write(&path, "bind_addr = [1]\n").unwrap();
        assert_eq!(cfg(&[("CONFIG_FILE", p)]).unwrap_err().key, "CONFIG_FILE");
    }

    #[test]
    fn debug_output_hides_secrets() {
        let c = cfg(&[
            ("OIDC_CLIENT_ID", "id"),
            ("OIDC_CLIENT_SECRET", "s3cr3t-value"),
        ])
        .unwrap();
        let shown = format!("{c:?}");
        assert!(!shown.contains("s3cr3t-value"));
        let token = "m".repeat(40);
        let c = cfg(&[("METRICS_TOKEN", &token)]).unwrap();
        assert!(!format!("{c:?}").contains(&token));
    }
}
