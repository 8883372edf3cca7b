//! Security headers on every response. Pages use no inline script or style, so the CSP can be
//! strict; `no-store` is the default because almost every page shows personal data (static
//! files override it).

use actix_web::middleware::DefaultHeaders;

/// The headers every response carries (a response that sets one itself keeps its own).
///
/// `provider_origin`: the identity provider's origin when it is not this site's. Sign-out is a
/// form whose answer redirects there (RP-initiated logout), and browsers hold redirects after a
/// form submission to `form-action` too.
pub fn security_header_list(provider_origin: Option<&str>) -> Vec<(&'static str, String)> {
    let form_action = match provider_origin {
        Some(origin) => format!("'self' {origin}"),
        None => "'self'".to_owned(),
    };
    [
        (
            "Content-Security-Policy",
            format!(
                "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                 form-action {form_action}; frame-ancestors 'none'; base-uri 'none'"
            ),
        ),
        ("X-Content-Type-Options", "nosniff".to_owned()),
        ("Referrer-Policy", "no-referrer".to_owned()),
        ("X-Frame-Options", "DENY".to_owned()),
        ("Cross-Origin-Opener-Policy", "same-origin".to_owned()),
        ("Cross-Origin-Resource-Policy", "same-origin".to_owned()),
        (
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=()".to_owned(),
        ),
        ("Cache-Control", "no-store".to_owned()),
    ]
    .into()
}

/// The middleware that adds [`security_header_list`] to every response.
pub fn security_headers(provider_origin: Option<&str>) -> DefaultHeaders {
    security_header_list(provider_origin)
        .into_iter()
        .fold(DefaultHeaders::new(), DefaultHeaders::add)
}
