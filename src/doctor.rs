//! `multipartner doctor`, and the same checks logged at start: configuration, database and
//! migrations, the identity provider (discovery, the exact issuer string, keys, protocol,
//! redirect URI, scopes, client credentials, sign-out), Redis and SMTP where configured. Each
//! check is one line: `ok` with what was found, or the fault and how to fix it.

use std::fmt;
use std::time::Duration;

use serde_json::{Map, Value};

use crate::auth::oidc::{self, AuthError};
use crate::config::Config;
use crate::db::{self, DbPool, PoolOptions};

/// One line of the report.
#[derive(Debug, Clone)]
pub struct Check {
    pub name: &'static str,
    pub outcome: Result<String, Fault>,
}

#[derive(Debug, Clone)]
pub struct Fault {
    pub problem: String,
    pub fix: String,
}

impl Check {
    fn ok(name: &'static str, detail: impl Into<String>) -> Check {
        Check {
            name,
            outcome: Ok(detail.into()),
        }
    }

    fn fault(name: &'static str, problem: impl Into<String>, fix: impl Into<String>) -> Check {
        Check {
            name,
            outcome: Err(Fault {
                problem: problem.into(),
                fix: fix.into(),
            }),
        }
    }

    pub fn is_ok(&self) -> bool {
        self.outcome.is_ok()
    }
}

impl fmt::Display for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.outcome {
            Ok(detail) => write!(f, "ok     {}: {detail}", self.name),
            Err(fault) => write!(
                f,
                "FAULT  {}: {}. Fix: {}",
                self.name, fault.problem, fault.fix
            ),
        }
    }
}

/// Whether to send the provider the two requests that only `doctor` makes: an authorization
/// request (is the redirect URI registered, are the scopes known?) and a token request with a
/// made-up code (are the client credentials right?). The server's start-up checks leave them
/// out, so a restart does not show up in the provider's failed-sign-in log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Probes {
    Send,
    Skip,
}

/// Every check, in report order.
pub async fn run(config: &Config, pool: Option<&DbPool>, probes: Probes) -> Vec<Check> {
    let mut checks = configuration(config);
    checks.extend(database(config, pool).await);
    checks.extend(provider(config, probes).await);
    checks.extend(redis(config).await);
    checks.extend(smtp(config));
    checks
}

/// Logs each check (faults at warn); used at start.
pub fn log(checks: &[Check]) {
    for check in checks {
        match &check.outcome {
            Ok(detail) => tracing::info!(check = check.name, "ok: {detail}"),
            Err(fault) => tracing::warn!(
                check = check.name,
                fix = %fault.fix,
                "FAULT: {}",
                fault.problem
            ),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Configuration.

fn configuration(config: &Config) -> Vec<Check> {
    let mode = match config.environment {
        crate::config::Environment::Demo => "demo mode",
        crate::config::Environment::Production => "production",
    };
    let mut checks = vec![Check::ok(
        "configuration",
        format!("{mode}, base URL {}", config.base()),
    )];
    checks.push(redirect_uri(config));
    if config.oidc.issuer_url.starts_with("https:") || config.oidc.ca_file.is_some() {
        checks.push(trust_store(config));
    }
    checks
}

fn redirect_uri(config: &Config) -> Check {
    const NAME: &str = "redirect URI";
    let uri = config.redirect_uri();
    let host = config.base_url.host_str().unwrap_or("");
    let loopback = host == "localhost"
        || host
            .trim_matches(['[', ']'])
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    let unspecified = host
        .trim_matches(['[', ']'])
        .parse::<std::net::IpAddr>()
        .is_ok_and(|ip| ip.is_unspecified());
    if unspecified {
        Check::fault(
            NAME,
            format!("{uri} names no host a browser can reach"),
            "set BASE_URL to the public address (BIND_ADDR only says where to listen)",
        )
    } else if config.base_url.scheme() != "https" && !loopback {
        Check::fault(
            NAME,
            format!("{uri} is plain http on a non-loopback host; providers refuse it"),
            "serve the portal over https (TLS at the reverse proxy) and set BASE_URL to https://…",
        )
    } else {
        Check::ok(
            NAME,
            format!(
                "{uri} (register it exactly, and {} for sign-out)",
                config.oidc.post_logout_redirect_uri
            ),
        )
    }
}

fn trust_store(config: &Config) -> Check {
    const NAME: &str = "TLS trust";
    let (system, errors) = crate::auth::http::system_trust_store();
    let extra = match &config.oidc.ca_file {
        None => Ok(0),
        Some(path) => crate::auth::http::read_ca_file(path).map(|c| c.len()),
    };
    let from_env = std::env::var("SSL_CERT_FILE")
        .map(|f| format!(" (SSL_CERT_FILE={f})"))
        .unwrap_or_default();
    match extra {
        Err(problem) => Check::fault(NAME, problem, "point OIDC_CA_FILE at a PEM bundle"),
        Ok(0) if system == 0 => Check::fault(
            NAME,
            format!(
                "the system trust store is empty{from_env}{}",
                errors.first().map(|e| format!(": {e}")).unwrap_or_default()
            ),
            "install the ca-certificates package, set SSL_CERT_FILE, or name the provider's CA in OIDC_CA_FILE",
        ),
        Ok(extra) => Check::ok(
            NAME,
            format!("{system} system certificates{from_env}, {extra} from OIDC_CA_FILE"),
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// Database.

async fn database(config: &Config, pool: Option<&DbPool>) -> Vec<Check> {
    const NAME: &str = "database";
    let url = config.database_url.clone();
    let shown = db::display_url(&url);
    if db::Backend::of_url(&url) == db::Backend::Sqlite
        && let Some(path) = db::sqlite_path(&url)
        && !path.exists()
    {
        return vec![Check::ok(
            NAME,
            format!(
                "{shown} does not exist yet; `multipartner serve` creates it and applies the migrations"
            ),
        )];
    }
    let pool = match pool {
        Some(pool) => pool.clone(),
        None => db::build_pool(
            &url,
            &PoolOptions {
                max_size: 1,
                connection_timeout: Duration::from_secs(5),
            },
        ),
    };
    let status = tokio::task::spawn_blocking(move || {
        let mut conn = pool.get().map_err(|e| e.to_string())?;
        db::ping(&mut conn).map_err(|e| e.to_string())?;
        db::migration_status(&mut conn).map_err(|e| e.to_string())
    })
    .await
    .unwrap_or_else(|e| Err(e.to_string()));
    let status = match status {
        Ok(status) => status,
        Err(problem) => {
            return vec![Check::fault(
                NAME,
                format!("{shown}: {problem}"),
                "start the database, or correct DATABASE_URL (postgres://user@host/db or sqlite://path)",
            )];
        }
    };
    let connected = Check::ok(NAME, format!("{shown} answers"));
    let migrations = if !status.unknown.is_empty() {
        Check::fault(
            "migrations",
            format!(
                "the database has migrations this binary does not know ({}): a newer release migrated it",
                status.unknown.join(", ")
            ),
            "run the release that migrated it, or restore the backup taken before the upgrade",
        )
    } else if status.pending.is_empty() {
        Check::ok(
            "migrations",
            format!("{} applied, none pending", status.applied),
        )
    } else {
        Check::ok(
            "migrations",
            format!(
                "{} applied, {} pending ({}); `multipartner serve` or `multipartner migrate` applies them",
                status.applied,
                status.pending.len(),
                status.pending.join(", ")
            ),
        )
    };
    vec![connected, migrations]
}

// ---------------------------------------------------------------------------------------------
// The identity provider.

/// Whether the configured issuer is the built-in demo provider, which only a running server
/// serves: `doctor` checks its documents in-process.
fn built_in_demo(config: &Config) -> Option<crate::demo_idp::DemoIdp> {
    let demo_issuer = format!("{}/demo-idp", config.base());
    (config.demo_idp_enabled() && config.oidc.issuer_url.starts_with(&demo_issuer)).then(|| {
        crate::demo_idp::DemoIdp::new(
            demo_issuer,
            crate::config::DEMO_CLIENT_ID.to_owned(),
            config.demo_client_secret.clone(),
            config.redirect_uri(),
            config.oidc.post_logout_redirect_uri.clone(),
        )
    })
}

async fn provider(config: &Config, probes: Probes) -> Vec<Check> {
    let issuer = &config.oidc.issuer_url;
    let http = match crate::auth::http::provider_client(config.oidc.ca_file.as_deref()) {
        Ok(http) => http,
        Err(problem) => {
            return vec![Check::fault(
                "identity provider",
                format!("cannot build the HTTP client: {problem}"),
                "check OIDC_CA_FILE",
            )];
        }
    };
    let demo = built_in_demo(config);
    let document = match &demo {
        Some(demo) => demo
            .discovery()
            .as_object()
            .cloned()
            .ok_or_else(|| AuthError::Exchange("demo discovery".into())),
        None => oidc::fetch_discovery(&http, issuer).await,
    };
    let mut checks = Vec::new();
    let document = match document {
        Ok(document) => {
            checks.push(Check::ok(
                "provider discovery",
                match &demo {
                    Some(_) => "the built-in demo provider (served by `multipartner serve` itself; checked in-process)".to_owned(),
                    None => format!("{} answers", oidc::discovery_url(issuer)),
                },
            ));
            document
        }
        Err(err) => {
            checks.push(discovery_fault(&err, issuer));
            return checks;
        }
    };
    checks.push(match oidc::check_issuer(issuer, &document) {
        Ok(()) => Check::ok("issuer", format!("{issuer:?} matches exactly")),
        Err(AuthError::IssuerMismatch {
            configured,
            announced,
        }) => Check::fault(
            "issuer",
            format!(
                "the provider calls itself {announced:?} but OIDC_ISSUER_URL is {configured:?} (issuer strings compare exactly)"
            ),
            format!(
                "set OIDC_ISSUER_URL={announced}; if users signed in under the old string, they keep their accounts with OIDC_PREVIOUS_ISSUERS={configured} or `multipartner migrate-issuer --from {configured}`"
            ),
        ),
        Err(err) => Check::fault(
            "issuer",
            err.to_string(),
            "OIDC_ISSUER_URL must name an OpenID provider",
        ),
    });
    let keys = match &demo {
        Some(demo) => {
            serde_json::from_value(demo.jwks().clone()).map_err(|e| AuthError::BadAnswer {
                endpoint: oidc::Endpoint::Jwks,
                problem: e.to_string(),
            })
        }
        None => match document
            .get("jwks_uri")
            .and_then(Value::as_str)
            .and_then(|u| url::Url::parse(u).ok())
        {
            Some(url) => oidc::fetch_jwks(&http, &url).await,
            None => Err(AuthError::BadAnswer {
                endpoint: oidc::Endpoint::Discovery,
                problem: "no jwks_uri".into(),
            }),
        },
    };
    checks.push(match keys {
        Ok(set) if !set.keys().is_empty() => Check::ok(
            "signing keys",
            format!("{} key(s) in the provider's JWKS", set.keys().len()),
        ),
        Ok(_) => Check::fault(
            "signing keys",
            "the provider's JWKS holds no key, so no ID token can be verified",
            "configure a signing key at the provider",
        ),
        Err(err) => Check::fault(
            "signing keys",
            err.to_string(),
            "the provider's jwks_uri must answer with its keys",
        ),
    });
    checks.push(protocol(&document));
    checks.push(scopes(config, &document));
    if demo.is_none() && probes == Probes::Send {
        checks.push(authorization_probe(config, &http, &document).await);
        checks.push(credentials_probe(config, &http, &document).await);
    }
    checks.push(match document.get("end_session_endpoint").and_then(Value::as_str) {
        Some(url) => Check::ok(
            "sign-out",
            format!(
                "RP-initiated logout at {url}; the provider must accept {} as post-logout redirect URI",
                config.oidc.post_logout_redirect_uri
            ),
        ),
        None => Check::ok(
            "sign-out",
            "the provider offers no end_session_endpoint: sign-out ends the portal's session only",
        ),
    });
    checks
}

fn discovery_fault(err: &AuthError, issuer: &str) -> Check {
    let fix = match err {
        AuthError::Unreachable { cause, .. }
            if cause.contains("certificate") || cause.contains("tls") || cause.contains("TLS") =>
        {
            "trust the provider's certificate authority: name its PEM file in OIDC_CA_FILE (or SSL_CERT_FILE for the whole trust store)".to_owned()
        }
        AuthError::Unreachable { .. } => format!(
            "check that {issuer} is reachable from this host (DNS, firewall, outbound proxy) and that the provider runs"
        ),
        _ => "OIDC_ISSUER_URL must be the issuer itself (discovery is {issuer}/.well-known/openid-configuration)".to_owned(),
    };
    Check::fault("provider discovery", err.to_string(), fix)
}

fn strings(document: &Map<String, Value>, key: &str) -> Option<Vec<String>> {
    document.get(key).and_then(Value::as_array).map(|items| {
        items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect()
    })
}

fn protocol(document: &Map<String, Value>) -> Check {
    const NAME: &str = "protocol";
    let has = |key: &str, value: &str| {
        strings(document, key).is_none_or(|v| v.iter().any(|x| x == value))
    };
    if !has("response_types_supported", "code") {
        return Check::fault(
            NAME,
            "the provider does not offer the authorization-code flow (response type code)",
            "enable the authorization-code flow for the portal's client",
        );
    }
    if !has("code_challenge_methods_supported", "S256") {
        return Check::fault(
            NAME,
            "the provider does not list PKCE S256 in code_challenge_methods_supported",
            "enable PKCE with S256 at the provider",
        );
    }
    if !has(
        "token_endpoint_auth_methods_supported",
        "client_secret_basic",
    ) {
        return Check::fault(
            NAME,
            "the provider does not accept client_secret_basic at its token endpoint",
            "allow client_secret_basic for the portal's confidential client",
        );
    }
    Check::ok(
        NAME,
        "authorization code with PKCE S256, client_secret_basic",
    )
}

fn scopes(config: &Config, document: &Map<String, Value>) -> Check {
    const NAME: &str = "scopes";
    let requested = oidc::requested_scopes(&config.oidc);
    let Some(offered) = strings(document, "scopes_supported") else {
        return Check::ok(
            NAME,
            format!(
                "asks for {} (the provider does not list scopes_supported)",
                requested.join(" ")
            ),
        );
    };
    let missing: Vec<&String> = requested.iter().filter(|s| !offered.contains(s)).collect();
    if missing.is_empty() {
        let mut detail = format!("asks for {}", requested.join(" "));
        // A hint, not a fault: many providers do not list their custom claims.
        if let Some(claims) = strings(document, "claims_supported") {
            let unlisted: Vec<&str> = [
                &config.oidc.claims.tenant_id,
                &config.oidc.claims.tenant_kind,
            ]
            .into_iter()
            .filter(|c| !claims.contains(c))
            .map(String::as_str)
            .collect();
            if !unlisted.is_empty() {
                detail.push_str(&format!(
                    "; claims_supported does not list {}: make sure a requested scope releases them",
                    unlisted.join(", ")
                ));
            }
        }
        Check::ok(NAME, detail)
    } else {
        Check::fault(
            NAME,
            format!(
                "the provider does not offer {} (scopes_supported: {})",
                missing
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                offered.join(" ")
            ),
            "remove the scope from OIDC_SCOPES, or define it at the provider",
        )
    }
}

/// Sends an authorization request as a sign-in would and reads the provider's first answer: a
/// 4xx page (unregistered redirect URI, unknown client) or a redirect back carrying `error=`
/// (an unknown scope) is a fault; a login page or a redirect to one is fine.
async fn authorization_probe(
    config: &Config,
    http: &reqwest::Client,
    document: &Map<String, Value>,
) -> Check {
    const NAME: &str = "authorization request";
    let Some(endpoint) = document
        .get("authorization_endpoint")
        .and_then(Value::as_str)
        .and_then(|u| url::Url::parse(u).ok())
    else {
        return Check::fault(
            NAME,
            "the discovery document has no authorization_endpoint",
            "fix the provider",
        );
    };
    let redirect = config.redirect_uri();
    let mut url = endpoint.clone();
    let verifier = crate::security::random_token(32);
    let challenge = {
        use base64::Engine;
        use sha2::Digest;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(&verifier))
    };
    let scope = oidc::requested_scopes(&config.oidc).join(" ");
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", &config.oidc.client_id)
        .append_pair("redirect_uri", &redirect)
        .append_pair("scope", &scope)
        .append_pair("state", &crate::security::random_token(16))
        .append_pair("nonce", &crate::security::random_token(16))
        .append_pair("code_challenge", &challenge)
        .append_pair("code_challenge_method", "S256");
    let response = match http.get(url).send().await {
        Ok(response) => response,
        Err(e) => {
            return Check::fault(
                NAME,
                format!(
                    "{} could not be reached: {}",
                    crate::auth::http::without_query(&endpoint),
                    crate::auth::http::error_chain(&e)
                ),
                "the authorization endpoint must be reachable (browsers reach it; this host should too)",
            );
        }
    };
    let status = response.status();
    let location = response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    if let Some(location) = &location
        && location.starts_with(&redirect)
        && let Ok(back) = url::Url::parse(location)
        && let Some((_, error)) = back.query_pairs().find(|(k, _)| k == "error")
    {
        let description = back
            .query_pairs()
            .find(|(k, _)| k == "error_description")
            .map(|(_, d)| format!(" ({d})"))
            .unwrap_or_default();
        return Check::fault(
            NAME,
            format!("the provider answered {error}{description}"),
            if error == "invalid_scope" {
                "remove the unknown scope from OIDC_SCOPES, or define it at the provider"
            } else {
                "allow the portal's client the authorization-code flow with these scopes"
            },
        );
    }
    if status.is_client_error() || status.is_server_error() {
        return Check::fault(
            NAME,
            format!(
                "the provider refused an authorization request for client {:?} with redirect URI {redirect} (HTTP {status})",
                config.oidc.client_id
            ),
            format!(
                "register {redirect} exactly as a redirect URI of client {:?} (and check OIDC_CLIENT_ID)",
                config.oidc.client_id
            ),
        );
    }
    Check::ok(
        NAME,
        format!("accepted for redirect URI {redirect} (HTTP {status})"),
    )
}

/// A token request with a made-up code: `invalid_grant` means the client authenticated.
async fn credentials_probe(
    config: &Config,
    http: &reqwest::Client,
    document: &Map<String, Value>,
) -> Check {
    const NAME: &str = "client credentials";
    let Some(endpoint) = document.get("token_endpoint").and_then(Value::as_str) else {
        return Check::fault(
            NAME,
            "the discovery document has no token_endpoint",
            "fix the provider",
        );
    };
    let encode = |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
    let response = http
        .post(endpoint)
        .basic_auth(
            encode(&config.oidc.client_id),
            Some(encode(&config.oidc.client_secret)),
        )
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", "multipartner-doctor-probe"),
            ("redirect_uri", &config.redirect_uri()),
            ("code_verifier", &crate::security::random_token(32)),
        ])
        .send()
        .await;
    let response = match response {
        Ok(response) => response,
        Err(e) => {
            return Check::fault(
                NAME,
                format!(
                    "the token endpoint could not be reached: {}",
                    crate::auth::http::error_chain(&e)
                ),
                "the token endpoint must be reachable from this host",
            );
        }
    };
    let status = response.status();
    let error = response
        .json::<Value>()
        .await
        .ok()
        .and_then(|v| v.get("error").and_then(Value::as_str).map(str::to_owned));
    match error.as_deref() {
        Some("invalid_grant") => Check::ok(
            NAME,
            "accepted by the token endpoint (a made-up code was refused, as it must be)",
        ),
        Some("invalid_client" | "unauthorized_client") => Check::fault(
            NAME,
            format!(
                "the token endpoint refused client {:?} ({})",
                config.oidc.client_id,
                error.as_deref().unwrap_or("")
            ),
            "set OIDC_CLIENT_ID and OIDC_CLIENT_SECRET to the confidential client registered at the provider (client_secret_basic)",
        ),
        other => Check::fault(
            NAME,
            format!(
                "unexpected answer to a test token request: HTTP {status}{}",
                other.map(|e| format!(", {e}")).unwrap_or_default()
            ),
            "check the client's registration at the provider",
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// Redis and SMTP.

async fn redis(config: &Config) -> Option<Check> {
    const NAME: &str = "Redis";
    let url = config.redis_url.as_ref()?;
    let shown = db::display_url(url);
    let ping = async {
        let client = redis::Client::open(url.as_str()).map_err(|e| e.to_string())?;
        let mut conn = client
            .get_multiplexed_async_connection()
            .await
            .map_err(|e| e.to_string())?;
        redis::cmd("PING")
            .query_async::<String>(&mut conn)
            .await
            .map_err(|e| e.to_string())
    };
    Some(
        match tokio::time::timeout(Duration::from_secs(5), ping).await {
            Ok(Ok(_)) => Check::ok(NAME, format!("{shown} answers PING (sessions are shared)")),
            Ok(Err(problem)) => Check::fault(
                NAME,
                format!("{shown}: {problem}"),
                "start Redis, or correct REDIS_URL (redis://host:6379)",
            ),
            Err(_) => Check::fault(
                NAME,
                format!("{shown} did not answer within 5 s"),
                "start Redis, or correct REDIS_URL",
            ),
        },
    )
}

/// The hook for e-mail: the portal has no SMTP settings yet. When it gets them, check here that
/// the server answers (EHLO, STARTTLS where required, authentication) and return its line.
fn smtp(_config: &Config) -> Option<Check> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(pairs: &[(&str, &str)]) -> Config {
        Config::from_map(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
        .unwrap()
    }

    #[test]
    fn redirect_uri_must_be_reachable_and_https_off_loopback() {
        assert!(redirect_uri(&config(&[])).is_ok());
        let wildcard = redirect_uri(&config(&[("BIND_ADDR", "0.0.0.0:8080")]));
        assert!(wildcard.to_string().contains("BASE_URL"), "{wildcard}");
        assert!(!wildcard.is_ok());
        let plain = redirect_uri(&config(&[("BASE_URL", "http://portal.example.cn")]));
        assert!(!plain.is_ok(), "{plain}");
    }

    #[test]
    fn unknown_scopes_are_named() {
        let c = config(&[("OIDC_SCOPES", "portal tenant")]);
        let doc = serde_json::json!({"scopes_supported": ["openid", "profile", "email", "portal"]});
        let check = scopes(&c, doc.as_object().unwrap());
        assert!(!check.is_ok());
        assert!(
            check.to_string().contains("does not offer tenant"),
            "{check}"
        );
        let silent = scopes(&c, &Map::new());
        assert!(silent.is_ok(), "{silent}");
    }

    #[test]
    fn protocol_needs_code_and_s256() {
        let doc = |v: Value| v.as_object().unwrap().clone();
        assert!(
            protocol(&doc(
                serde_json::json!({"response_types_supported": ["code"]})
            ))
            .is_ok()
        );
        assert!(
            !protocol(&doc(
                serde_json::json!({"code_challenge_methods_supported": ["plain"]})
            ))
            .is_ok()
        );
        assert!(
            !protocol(&doc(
                serde_json::json!({"response_types_supported": ["id_token"]})
            ))
            .is_ok()
        );
    }
}
