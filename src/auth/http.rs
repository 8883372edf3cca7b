//! The HTTP client for the identity provider: the system's trust store (`rustls-native-certs`,
//! which honours `SSL_CERT_FILE` and `SSL_CERT_DIR`) plus `OIDC_CA_FILE`, no redirects, short
//! time-outs, and an adapter that tells `openidconnect` a transport failure from a bad answer.

use std::future::Future;
use std::path::Path;
use std::pin::Pin;
use std::time::Duration;

use openidconnect::{HttpRequest, HttpResponse};

/// Reads a PEM bundle of CA certificates; the error says what is wrong with the file.
pub fn read_ca_file(path: &Path) -> Result<Vec<reqwest::Certificate>, String> {
    let pem = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let certs = reqwest::Certificate::from_pem_bundle(&pem)
        .map_err(|e| format!("{} is not a PEM certificate bundle: {e}", path.display()))?;
    if certs.is_empty() {
        return Err(format!(
            "{} holds no PEM certificate (-----BEGIN CERTIFICATE-----)",
            path.display()
        ));
    }
    Ok(certs)
}

/// The client every call to the provider goes through. Token and JWKS calls never follow
/// redirects (RFC 9700 §4.11) and never hang.
pub fn provider_client(ca_file: Option<&Path>) -> Result<reqwest::Client, String> {
    let mut builder = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(10))
        // The system's store, added here rather than by reqwest's features: test builds also
        // compile in webpki's roots (for the test clients), and the portal must trust the same
        // certificates there as in production.
        .tls_built_in_root_certs(false);
    for der in rustls_native_certs::load_native_certs().certs {
        // Stores hold the odd ancient certificate that does not parse; skip it, as reqwest does.
        if let Ok(cert) = reqwest::Certificate::from_der(&der) {
            builder = builder.add_root_certificate(cert);
        }
    }
    if let Some(path) = ca_file {
        for cert in read_ca_file(path)? {
            builder = builder.add_root_certificate(cert);
        }
    }
    builder.build().map_err(|e| error_chain(&e))
}

/// How many certificates the system's trust store holds, and the problems met reading it.
pub fn system_trust_store() -> (usize, Vec<String>) {
    let found = rustls_native_certs::load_native_certs();
    (
        found.certs.len(),
        found.errors.iter().map(|e| e.to_string()).collect(),
    )
}

/// A failure to get any answer at all: connection, DNS, TLS, time-out, or a gateway answering
/// 5xx in place of the provider.
#[derive(Debug, thiserror::Error)]
pub enum TransportError {
    #[error("{}", error_chain(.0))]
    Request(#[from] reqwest::Error),
    #[error("HTTP {0} from {1}")]
    Status(reqwest::StatusCode, String),
    #[error("{0}")]
    Build(String),
}

type Answer<'c> = Pin<Box<dyn Future<Output = Result<HttpResponse, TransportError>> + Send + 'c>>;

/// `openidconnect`'s view of our client: a 5xx answer that is not a JSON error body is an
/// outage (503 to the user), not a bad answer.
pub fn exchange_client<'c>(http: &'c reqwest::Client) -> impl Fn(HttpRequest) -> Answer<'c> + 'c {
    move |request: HttpRequest| {
        Box::pin(async move {
            let request = reqwest::Request::try_from(request)
                .map_err(|e| TransportError::Build(e.to_string()))?;
            let url = request.url().clone();
            let response = http.execute(request).await?;
            let status = response.status();
            let json = response
                .headers()
                .get(reqwest::header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.to_ascii_lowercase().contains("json"));
            if status.is_server_error() && !json {
                return Err(TransportError::Status(status, without_query(&url)));
            }
            let mut builder = openidconnect::http::Response::builder().status(status);
            for (name, value) in response.headers() {
                builder = builder.header(name, value);
            }
            let body = response.bytes().await?.to_vec();
            builder
                .body(body)
                .map_err(|e| TransportError::Build(e.to_string()))
        })
    }
}

/// The URL as it may be logged: no query, no fragment.
pub fn without_query(url: &url::Url) -> String {
    let mut url = url.clone();
    url.set_query(None);
    url.set_fragment(None);
    url.to_string()
}

/// An error with its causes, which is where TLS problems say what they are
/// ("invalid peer certificate: UnknownIssuer").
pub fn error_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}
