//! Security headers on every response. Pages use no inline script or style, so the CSP can be
//! strict; `no-store` is the default because almost every page shows personal data (static
//! files override it).

use actix_web::middleware::DefaultHeaders;

/// `provider_origin`: the identity provider's origin when it is not this site's. Sign-out is a
/// form whose answer redirects there (RP-initiated logout), and browsers hold redirects after a
/// form submission to `form-action` too.
pub fn security_headers(provider_origin: Option<&str>) -> DefaultHeaders {
    let form_action = match provider_origin {
        Some(origin) => format!("'self' {origin}"),
        None => "'self'".to_owned(),
    };
    DefaultHeaders::new()
        .add((
            "Content-Security-Policy",
            format!(
                "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                 form-action {form_action}; frame-ancestors 'none'; base-uri 'none'"
            ),
        ))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("Referrer-Policy", "no-referrer"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Cross-Origin-Opener-Policy", "same-origin"))
        .add(("Cross-Origin-Resource-Policy", "same-origin"))
        .add((
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=()",
        ))
        .add(("Cache-Control", "no-store"))
}
