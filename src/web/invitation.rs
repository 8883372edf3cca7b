//! Routes of this area are registered in `routes`.

use actix_web::web;

pub fn routes(_cfg: &mut web::ServiceConfig) {}
