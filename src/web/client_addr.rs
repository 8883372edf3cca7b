//! The client's address: one answer for rate limits, the access log and the audit trail. It is
//! the socket peer, or, when the peer is a `TRUSTED_PROXIES` proxy, the client that proxy names
//! in `Forwarded` (preferred, RFC 7239) or `X-Forwarded-For` (see `config::trusted_proxies`).

use std::net::IpAddr;

use actix_web::http::header::{self, HeaderMap};
use actix_web::{HttpRequest, web};

use crate::config::trusted_proxies::{forwarded_for_hops, x_forwarded_for_hops};
use crate::state::AppState;

fn values<'a>(headers: &'a HeaderMap, name: &str) -> Vec<&'a str> {
    headers
        .get_all(name)
        .filter_map(|v| v.to_str().ok())
        .collect()
}

/// The client's address (`None` only without a socket peer, as in some unit tests).
pub fn client_addr(req: &HttpRequest) -> Option<IpAddr> {
    let peer = req.peer_addr()?.ip();
    let Some(proxies) = req
        .app_data::<web::Data<AppState>>()
        .map(|s| &s.config.trusted_proxies)
        .filter(|p| !p.is_empty())
    else {
        return Some(crate::config::trusted_proxies::canonical(peer));
    };
    let forwarded = values(req.headers(), header::FORWARDED.as_str());
    let hops = if forwarded.is_empty() {
        x_forwarded_for_hops(&values(req.headers(), "x-forwarded-for"))
    } else {
        forwarded_for_hops(&forwarded)
    };
    let hops: Vec<&str> = hops.iter().map(String::as_str).collect();
    Some(proxies.client(peer, &hops))
}

/// What a client's rate limits are counted by: its address, or for IPv6 its /64 (one host
/// usually holds a whole /64, and could otherwise take a new address for every request).
pub fn limit_key(addr: IpAddr) -> IpAddr {
    match addr {
        IpAddr::V6(_) => crate::config::trusted_proxies::mask(addr, 64),
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_clients_are_keyed_by_their_64() {
        let a: IpAddr = "2001:db8:0:1::1".parse().unwrap();
        let b: IpAddr = "2001:db8:0:1:ffff::2".parse().unwrap();
        let c: IpAddr = "2001:db8:0:2::1".parse().unwrap();
        assert_eq!(limit_key(a), limit_key(b));
        assert_ne!(limit_key(a), limit_key(c));
        let v4: IpAddr = "10.0.0.1".parse().unwrap();
        assert_eq!(limit_key(v4), v4);
    }
}
