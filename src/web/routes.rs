//! The route table: every route the portal mounts, with its method and the rate limit it
//! counts against. The same calls register the routes with actix ([`mount`]) and list them
//! ([`table`]), so the security checklist's test sees exactly what the router serves, and a
//! limit is attached to its route where the route is written down (renaming the path keeps
//! the limit).

use actix_web::http::Method;
use actix_web::{FromRequest, Handler, Responder, web};

use crate::config::Bucket;
use crate::web::middleware::rate_limit::Limit;

/// One mounted route as the checklist sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mounted {
    pub method: Method,
    /// The router's pattern, e.g. `/invitations/{token}`.
    pub pattern: String,
    pub bucket: Option<Bucket>,
}

/// The routes mounted only in some configurations.
#[derive(Debug, Clone, Copy, Default)]
pub struct Optional {
    /// The built-in demo identity provider (`/demo-idp/...`).
    pub demo_idp: bool,
    /// `BENCH_ROUTES`.
    pub bench: bool,
}

/// Registers routes with actix (when mounting) and records them.
pub struct Routes<'a> {
    cfg: Option<&'a mut web::ServiceConfig>,
    mounted: Vec<Mounted>,
}

impl Routes<'_> {
    /// Mounts `handler` at `pattern` for `method`, limited by `bucket` when given.
    pub fn route<F, Args>(
        &mut self,
        method: Method,
        pattern: &str,
        bucket: Option<Bucket>,
        handler: F,
    ) -> &mut Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        if let Some(cfg) = self.cfg.as_deref_mut() {
            let route = web::method(method.clone()).to(handler);
            let route = match bucket {
                Some(bucket) => route.wrap(Limit(bucket)),
                None => route,
            };
            cfg.route(pattern, route);
        }
        self.mounted.push(Mounted {
            method,
            pattern: pattern.to_owned(),
            bucket,
        });
        self
    }

    pub fn get<F, Args>(&mut self, pattern: &str, handler: F) -> &mut Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.route(Method::GET, pattern, None, handler)
    }

    pub fn post<F, Args>(&mut self, pattern: &str, handler: F) -> &mut Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.route(Method::POST, pattern, None, handler)
    }
}

/// Every route, in the order the router tries them.
fn all(r: &mut Routes, optional: Optional) {
    use crate::web::{admin, auth, customer, health, home, invitation, lang, partner};
    r.get("/", home::index)
        .route(
            Method::GET,
            "/auth/signin",
            Some(Bucket::SignIn),
            auth::signin,
        )
        .route(
            Method::GET,
            "/auth/callback",
            Some(Bucket::Callback),
            auth::callback,
        )
        .post("/auth/signout", auth::signout)
        .post("/lang", lang::set_language)
        .get("/healthz", health::healthz)
        .get("/readyz", health::readyz)
        .get("/metrics", health::metrics);
    partner::routes(r);
    customer::routes(r);
    invitation::routes(r);
    admin::routes(r);
    if optional.demo_idp {
        crate::demo_idp::routes(r);
    }
    if optional.bench {
        crate::web::bench::routes(r);
    }
}

/// Registers every route with actix.
pub fn mount(cfg: &mut web::ServiceConfig, optional: Optional) {
    all(
        &mut Routes {
            cfg: Some(cfg),
            mounted: Vec::new(),
        },
        optional,
    );
}

/// Every route [`mount`] registers, without registering anything.
pub fn table(optional: Optional) -> Vec<Mounted> {
    let mut r = Routes {
        cfg: None,
        mounted: Vec::new(),
    };
    all(&mut r, optional);
    r.mounted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_limit_sits_on_its_route() {
        let table = table(Optional::default());
        let bucket = |method: Method, pattern: &str| {
            table
                .iter()
                .find(|m| m.method == method && m.pattern == pattern)
                .unwrap_or_else(|| panic!("{method} {pattern} is mounted"))
                .bucket
        };
        assert_eq!(bucket(Method::GET, "/auth/signin"), Some(Bucket::SignIn));
        assert_eq!(
            bucket(Method::GET, "/auth/callback"),
            Some(Bucket::Callback)
        );
        assert_eq!(
            bucket(Method::POST, "/partner/invitations"),
            Some(Bucket::InvitationCreate)
        );
        assert_eq!(bucket(Method::GET, "/partner/invitations"), None);
        for (method, pattern) in [
            (Method::GET, "/invitations/{token}"),
            (Method::POST, "/invitations/{token}/accept"),
            (Method::POST, "/invitations/{token}/decline"),
        ] {
            assert_eq!(bucket(method, pattern), Some(Bucket::InvitationLink));
        }
        // Every bucket is used by some route.
        for b in Bucket::ALL {
            assert!(table.iter().any(|m| m.bucket == Some(b)), "{b:?}");
        }
    }

    #[test]
    fn no_route_is_mounted_twice() {
        let table = table(Optional {
            demo_idp: true,
            bench: true,
        });
        for (i, m) in table.iter().enumerate() {
            assert!(
                !table[..i]
                    .iter()
                    .any(|o| o.method == m.method && o.pattern == m.pattern),
                "{} {} twice",
                m.method,
                m.pattern
            );
        }
    }
}
