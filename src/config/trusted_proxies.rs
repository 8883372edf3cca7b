//! `TRUSTED_PROXIES`: the address ranges of the reverse proxies in front of the portal (none
//! by default). Only a request whose socket peer is in one of them may say, in
//! `X-Forwarded-For` or `Forwarded`, which client it carries; from anyone else those headers
//! are ignored, so a client cannot choose the address its actions are audited and limited by.

use std::net::IpAddr;

/// One address range, e.g. `10.0.0.0/8` or `::1/128` (a bare address is a single host).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    network: IpAddr,
    prefix: u8,
}

impl Cidr {
    pub fn parse(text: &str) -> Result<Cidr, String> {
        let text = text.trim();
        let (addr, prefix) = match text.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (text, None),
        };
        let addr: IpAddr = addr
            .parse()
            .map_err(|_| format!("{text:?} is not an address or CIDR range"))?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(|| format!("{text:?}: the prefix length must be 0 to {max}"))?,
        };
        Ok(Cidr {
            network: mask(addr, prefix),
            prefix,
        })
    }

    pub fn contains(&self, addr: IpAddr) -> bool {
        let addr = canonical(addr);
        addr.is_ipv4() == self.network.is_ipv4() && mask(addr, self.prefix) == self.network
    }
}

/// An IPv4 address written as IPv6 (`::ffff:10.0.0.1`, as a dual-stack socket reports it) is
/// the IPv4 address.
pub fn canonical(addr: IpAddr) -> IpAddr {
    match addr {
        IpAddr::V6(v6) => v6
            .to_ipv4_mapped()
            .map(IpAddr::V4)
            .unwrap_or(IpAddr::V6(v6)),
        v4 => v4,
    }
}

/// `addr` with all but its first `prefix` bits cleared.
pub fn mask(addr: IpAddr, prefix: u8) -> IpAddr {
    match addr {
        IpAddr::V4(v4) => {
            let bits = u32::from(v4);
            let keep = u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0);
            IpAddr::V4((bits & keep).into())
        }
        IpAddr::V6(v6) => {
            let bits = u128::from(v6);
            let keep = u128::MAX.checked_shl(128 - u32::from(prefix)).unwrap_or(0);
            IpAddr::V6((bits & keep).into())
        }
    }
}

/// The configured proxies; empty (the default) trusts no forwarding header at all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<Cidr>);

impl TrustedProxies {
    /// A comma-separated list of addresses and CIDR ranges; empty for none.
    pub fn parse(spec: &str) -> Result<TrustedProxies, String> {
        spec.split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(Cidr::parse)
            .collect::<Result<Vec<_>, _>>()
            .map(TrustedProxies)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn contains(&self, addr: IpAddr) -> bool {
        self.0.iter().any(|c| c.contains(addr))
    }

    /// The client's address: the socket peer, unless the peer is a trusted proxy; then the
    /// right-most hop of `forwarded_for` (nearest first is last, as proxies append) that is not
    /// itself a trusted proxy. Hops to the left of it were written by whoever sent them and
    /// prove nothing. When every hop is trusted, the left-most one; an unreadable hop stops
    /// the walk at the last address that could be read.
    pub fn client(&self, peer: IpAddr, forwarded_for: &[&str]) -> IpAddr {
        let peer = canonical(peer);
        if !self.contains(peer) {
            return peer;
        }
        let mut client = peer;
        for hop in forwarded_for.iter().rev() {
            let Some(addr) = parse_hop(hop) else {
                return client;
            };
            client = addr;
            if !self.contains(addr) {
                return addr;
            }
        }
        client
    }
}

/// One hop of `X-Forwarded-For` or a `for=` of `Forwarded`: `1.2.3.4`, `1.2.3.4:80`,
/// `"[2001:db8::1]:443"`, `2001:db8::1`. Obfuscated and `unknown` hops read as nothing.
pub fn parse_hop(hop: &str) -> Option<IpAddr> {
    let hop = hop.trim().trim_matches('"');
    if let Ok(addr) = hop.parse::<IpAddr>() {
        return Some(canonical(addr));
    }
    if let Some(rest) = hop.strip_prefix('[') {
        return rest.split_once(']')?.0.parse().ok().map(canonical);
    }
    let (addr, _port) = hop.rsplit_once(':')?;
    addr.parse::<std::net::Ipv4Addr>().ok().map(IpAddr::V4)
}

/// The `for=` hops of `Forwarded` header values (RFC 7239), in order.
pub fn forwarded_for_hops(values: &[&str]) -> Vec<String> {
    values
        .iter()
        .flat_map(|v| v.split(','))
        .filter_map(|element| {
            element.split(';').find_map(|pair| {
                let (k, v) = pair.split_once('=')?;
                k.trim()
                    .eq_ignore_ascii_case("for")
                    .then(|| v.trim().to_owned())
            })
        })
        .collect()
}

/// The hops of `X-Forwarded-For` header values, in order.
pub fn x_forwarded_for_hops(values: &[&str]) -> Vec<String> {
    values
        .iter()
        .flat_map(|v| v.split(','))
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn ranges_parse_and_contain() {
        let p = TrustedProxies::parse("10.0.0.0/8, 127.0.0.1 ,::1/128,2001:db8::/32").unwrap();
        assert!(p.contains(ip("10.200.3.4")));
        assert!(p.contains(ip("::ffff:10.1.1.1")), "IPv4-mapped");
        assert!(p.contains(ip("127.0.0.1")));
        assert!(!p.contains(ip("127.0.0.2")));
        assert!(p.contains(ip("::1")));
        assert!(p.contains(ip("2001:db8:ffff::1")));
        assert!(!p.contains(ip("2001:db9::1")));
        assert!(!p.contains(ip("11.0.0.1")));
        assert!(TrustedProxies::parse("").unwrap().is_empty());
        assert!(TrustedProxies::parse("10.0.0.0/33").is_err());
        assert!(TrustedProxies::parse("proxy.local").is_err());
        assert!(
            TrustedProxies::parse("0.0.0.0/0")
                .unwrap()
                .contains(ip("8.8.8.8"))
        );
    }

    #[test]
    fn forwarding_headers_count_only_from_a_trusted_peer() {
        let none = TrustedProxies::default();
        assert_eq!(
            none.client(ip("203.0.113.9"), &["1.2.3.4"]),
            ip("203.0.113.9")
        );
        let proxies = TrustedProxies::parse("10.0.0.0/8").unwrap();
        // From an untrusted peer the header is whatever the client wrote.
        assert_eq!(
            proxies.client(ip("203.0.113.9"), &["1.2.3.4"]),
            ip("203.0.113.9")
        );
        // Through the proxy: the proxy appended the real client; the forged hop is left of it.
        assert_eq!(
            proxies.client(ip("10.0.0.5"), &["1.2.3.4", "198.51.100.7"]),
            ip("198.51.100.7")
        );
        // Two proxies deep.
        assert_eq!(
            proxies.client(ip("10.0.0.5"), &["1.2.3.4", "198.51.100.7", "10.0.0.6"]),
            ip("198.51.100.7")
        );
        // All trusted: the left-most. Nothing forwarded: the proxy itself.
        assert_eq!(
            proxies.client(ip("10.0.0.5"), &["10.9.9.9"]),
            ip("10.9.9.9")
        );
        assert_eq!(proxies.client(ip("10.0.0.5"), &[]), ip("10.0.0.5"));
        // An unreadable hop stops the walk.
        assert_eq!(
            proxies.client(ip("10.0.0.5"), &["1.2.3.4", "unknown", "10.0.0.6"]),
            ip("10.0.0.6")
        );
    }

    #[test]
    fn hops_parse_in_every_spelling() {
        assert_eq!(parse_hop("1.2.3.4"), Some(ip("1.2.3.4")));
        assert_eq!(parse_hop(" 1.2.3.4:8080"), Some(ip("1.2.3.4")));
        assert_eq!(parse_hop("\"[2001:db8::1]:443\""), Some(ip("2001:db8::1")));
        assert_eq!(parse_hop("2001:db8::1"), Some(ip("2001:db8::1")));
        assert_eq!(parse_hop("unknown"), None);
        assert_eq!(parse_hop("_hidden"), None);
        assert_eq!(
            forwarded_for_hops(&[
                "for=192.0.2.60;proto=http;by=203.0.113.43",
                "For=\"[2001:db8:cafe::17]:4711\""
            ]),
            ["192.0.2.60", "\"[2001:db8:cafe::17]:4711\""]
        );
        assert_eq!(
            x_forwarded_for_hops(&["1.2.3.4, 5.6.7.8", "9.9.9.9"]),
            ["1.2.3.4", "5.6.7.8", "9.9.9.9"]
        );
    }

    #[test]
    fn masks_keep_the_prefix() {
        assert_eq!(mask(ip("10.1.2.3"), 8), ip("10.0.0.0"));
        assert_eq!(mask(ip("10.1.2.3"), 0), ip("0.0.0.0"));
        assert_eq!(mask(ip("2001:db8:1:2:3:4:5:6"), 64), ip("2001:db8:1:2::"));
        assert_eq!(mask(ip("::1"), 128), ip("::1"));
    }
}
