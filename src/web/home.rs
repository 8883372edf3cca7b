use actix_web::HttpResponse;

use crate::auth::CurrentUser;
use crate::domain::TenantKind;
use crate::views::{HomePage, HomeTile, LandingPage, Page};
use crate::web::error::AppError;
use crate::web::page;

/// `GET /`: what the portal is for visitors; the role's home for signed-in users.
pub async fn index(page: Page, user: Option<CurrentUser>) -> Result<HttpResponse, AppError> {
    let Some(user) = user else {
        return page::html(&LandingPage { page });
    };
    let (intro_key, tiles) = match user.kind {
        TenantKind::Partner => (
            "home-partner-intro",
            vec![
                tile("/partner/customers", "tile-partner-customers"),
                tile("/partner/invitations", "tile-partner-invitations"),
            ],
        ),
        TenantKind::Customer => (
            "home-customer-intro",
            vec![
                tile("/customer/partners", "tile-customer-partners"),
                tile("/customer/subscriptions", "tile-customer-subscriptions"),
            ],
        ),
        TenantKind::Operator => (
            "home-operator-intro",
            vec![
                tile("/admin", "tile-admin-overview"),
                tile("/admin/relationships", "tile-admin-relationships"),
                tile("/admin/audit", "tile-admin-audit"),
            ],
        ),
    };
    let heading = page.t1("home-welcome", "name", &user.user.display_name);
    page::html(&HomePage {
        page,
        heading,
        intro_key,
        tiles,
    })
}

fn tile(href: &'static str, key: &'static str) -> HomeTile {
    HomeTile {
        href,
        title_key: key,
        text_key: match key {
            "tile-partner-customers" => "tile-partner-customers-text",
            "tile-partner-invitations" => "tile-partner-invitations-text",
            "tile-customer-partners" => "tile-customer-partners-text",
            "tile-customer-subscriptions" => "tile-customer-subscriptions-text",
            "tile-admin-overview" => "tile-admin-overview-text",
            "tile-admin-relationships" => "tile-admin-relationships-text",
            _ => "tile-admin-audit-text",
        },
    }
}
