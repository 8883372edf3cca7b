//! The `Page` context every page shares: language, CSRF token, the header's user, navigation by
//! role. Built from a request in `web::page` (the web layer knows requests and sessions; this
//! module only holds what a template reads).

use crate::domain::TenantKind;
use crate::i18n::{Formatted, Lang};

/// The signed-in user as the header shows them.
#[derive(Debug, Clone)]
pub struct HeaderUser {
    pub name: String,
    pub tenant_name: String,
    pub kind: TenantKind,
    pub role_key: Option<&'static str>,
}

#[derive(Debug, Clone)]
pub struct NavLink {
    pub href: &'static str,
    pub label_key: &'static str,
    pub current: bool,
}

/// A count `Page::number` can show: templates pass fields by reference and sums by value.
pub trait Count {
    fn count(&self) -> i64;
}

impl Count for i64 {
    fn count(&self) -> i64 {
        *self
    }
}

impl Count for i32 {
    fn count(&self) -> i64 {
        i64::from(*self)
    }
}

impl<T: Count> Count for &T {
    fn count(&self) -> i64 {
        (**self).count()
    }
}

/// What the base layout needs on every page.
#[derive(Debug, Clone)]
pub struct Page {
    pub lang: Lang,
    pub csrf: String,
    pub user: Option<HeaderUser>,
    pub path: String,
    pub demo: bool,
    /// Demo mode on a non-loopback address: the badge says anyone can sign in as anyone.
    pub demo_exposed: bool,
    /// A one-time message (catalog key) from the previous action.
    pub flash: Option<String>,
}

impl Page {
    pub fn t(&self, key: &str) -> String {
        self.lang.t(key)
    }

    pub fn t1(&self, key: &str, name: &'static str, value: &str) -> String {
        self.lang.t_args(key, &[(name, value)])
    }

    pub fn t2(
        &self,
        key: &str,
        name1: &'static str,
        value1: &str,
        name2: &'static str,
        value2: &str,
    ) -> String {
        self.lang.t_args(key, &[(name1, value1), (name2, value2)])
    }

    /// A date as the pages show it, in the page's language (UTC).
    pub fn date(&self, at: &chrono::NaiveDateTime) -> Formatted {
        self.lang.date(at)
    }

    pub fn datetime(&self, at: &chrono::NaiveDateTime) -> Formatted {
        self.lang.datetime(at)
    }

    /// A count with the language's thousands separator.
    pub fn number(&self, n: impl Count) -> Formatted {
        self.lang.number(n.count())
    }

    /// Every language for the switch, each named in itself; the page's own is not a button.
    pub fn languages(&self) -> [Lang; Lang::ALL.len()] {
        Lang::ALL
    }

    /// Navigation for the user's tenant kind.
    pub fn nav(&self) -> Vec<NavLink> {
        let links: &[(&'static str, &'static str)] = match self.user.as_ref().map(|u| u.kind) {
            None => &[],
            Some(TenantKind::Partner) => &[
                ("/", "nav-home"),
                ("/partner/customers", "nav-customers"),
                ("/partner/invitations", "nav-invitations"),
            ],
            Some(TenantKind::Customer) => &[
                ("/", "nav-home"),
                ("/customer/partners", "nav-partners"),
                ("/customer/subscriptions", "nav-subscriptions"),
            ],
            Some(TenantKind::Operator) => &[
                ("/", "nav-home"),
                ("/admin", "nav-admin-overview"),
                ("/admin/customers", "nav-admin-customers"),
                ("/admin/relationships", "nav-admin-relationships"),
                ("/admin/invitations", "nav-admin-invitations"),
                ("/admin/audit", "nav-admin-audit"),
            ],
        };
        let current = current_link(links.iter().map(|(href, _)| *href), &self.path);
        links
            .iter()
            .map(|(href, label_key)| NavLink {
                href,
                label_key,
                current: current == Some(*href),
            })
            .collect()
    }
}

/// The navigation link the page at `path` belongs to: the longest href that is the path or a
/// parent of it. One link at most, so `/admin/relationships` marks Relationships and not also
/// the Overview at `/admin`.
fn current_link<'a>(hrefs: impl Iterator<Item = &'a str>, path: &str) -> Option<&'a str> {
    hrefs
        .filter(|href| {
            path == *href
                || (*href != "/"
                    && path
                        .strip_prefix(*href)
                        .is_some_and(|rest| rest.starts_with('/')))
        })
        .max_by_key(|href| href.len())
}

#[cfg(test)]
mod tests {
    use super::current_link;

    #[test]
    fn one_current_link_the_most_specific() {
        let admin = ["/", "/admin", "/admin/customers", "/admin/relationships"];
        let current = |path| current_link(admin.iter().copied(), path);
        assert_eq!(current("/"), Some("/"));
        assert_eq!(current("/admin"), Some("/admin"));
        assert_eq!(
            current("/admin/relationships"),
            Some("/admin/relationships")
        );
        assert_eq!(current("/admin/customers/7"), Some("/admin/customers"));
        assert_eq!(current("/admin/customersx"), Some("/admin"));
        assert_eq!(current("/administrator"), None);
        assert_eq!(current("/partner/customers"), None);
        let partner = ["/", "/partner/customers", "/partner/invitations"];
        assert_eq!(
            current_link(partner.iter().copied(), "/partner/invitations/new"),
            Some("/partner/invitations")
        );
    }
}
