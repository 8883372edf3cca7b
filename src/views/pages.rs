//! Template structs, one per page. Field names are what the templates use.

use askama::Template;

use super::Page;

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub page: Page,
    pub status: u16,
    pub message_key: &'static str,
    pub request_id: String,
}

#[derive(Template)]
#[template(path = "landing.html")]
pub struct LandingPage {
    pub page: Page,
}

/// A tile on a role's home page.
pub struct HomeTile {
    pub href: &'static str,
    pub title_key: &'static str,
    pub text_key: &'static str,
}

#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage {
    pub page: Page,
    pub heading: String,
    pub intro_key: &'static str,
    pub tiles: Vec<HomeTile>,
}

#[derive(Template)]
#[template(path = "signin_failed.html")]
pub struct SignInFailedPage {
    pub page: Page,
    pub message_key: &'static str,
}

pub struct DemoUserOption {
    pub login: &'static str,
    pub name: &'static str,
    pub tenant: &'static str,
    pub role_key: &'static str,
}

#[derive(Template)]
#[template(path = "demo_idp_authorize.html")]
pub struct DemoIdpAuthorizePage {
    pub page: Page,
    pub users: Vec<DemoUserOption>,
    /// The authorization request's parameters, passed through the form unchanged.
    pub params: Vec<(String, String)>,
}
