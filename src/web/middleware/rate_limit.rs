//! Per-client-address rate limits on the endpoints worth attacking: starting a sign-in, the
//! callback, invitation links (token guessing) and creating invitations. Over the limit the
//! answer is 429 with `Retry-After`. A client whose invitation look-ups keep missing (404) is
//! blocked from invitation links for a while; the misses themselves are audited by the
//! handler. A client's invitation-link requests run one at a time: a miss is only known once
//! its look-up has finished, so concurrent guesses would otherwise outrun the miss limit.

use std::collections::HashMap;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use actix_web::ResponseError;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::web;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::state::AppState;
use crate::web::error::AppError;

/// Which limit a request counts against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bucket {
    SignIn,
    Callback,
    InvitationLink,
    InvitationCreate,
}

impl Bucket {
    pub fn of(method: &Method, path: &str) -> Option<Bucket> {
        match (method, path) {
            (&Method::GET, "/auth/signin") => Some(Bucket::SignIn),
            (&Method::GET, "/auth/callback") => Some(Bucket::Callback),
            (&Method::POST, "/partner/invitations") => Some(Bucket::InvitationCreate),
            (_, p) if p.starts_with("/invitations/") => Some(Bucket::InvitationLink),
            _ => None,
        }
    }
}

/// Requests per minute per client address, with bursts of the same size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub sign_in: u32,
    pub callback: u32,
    pub invitation_link: u32,
    pub invitation_create: u32,
    /// Missed invitation look-ups (404) per hour before the client is blocked.
    pub invitation_misses: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            sign_in: 30,
            callback: 30,
            invitation_link: 60,
            invitation_create: 30,
            invitation_misses: 20,
        }
    }
}

impl Limits {
    /// `signin=30,callback=30,invitation=60,create=30,misses=20` (any subset), or `off`.
    pub fn parse(spec: &str) -> Result<Option<Limits>, String> {
        if spec.trim() == "off" {
            return Ok(None);
        }
        let mut limits = Limits::default();
        for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, value) = part
                .split_once('=')
                .ok_or_else(|| format!("expected name=number, got {part:?}"))?;
            let value: u32 = value
                .trim()
                .parse()
                .ok()
                .filter(|v| *v > 0)
                .ok_or_else(|| format!("{name}: expected a positive number"))?;
            match name.trim() {
                "signin" => limits.sign_in = value,
                "callback" => limits.callback = value,
                "invitation" => limits.invitation_link = value,
                "create" => limits.invitation_create = value,
                "misses" => limits.invitation_misses = value,
                other => return Err(format!("unknown limit {other:?}")),
            }
        }
        Ok(Some(limits))
    }
}

pub struct RateLimits {
    buckets: HashMap<Bucket, DefaultKeyedRateLimiter<IpAddr>>,
    misses: DefaultKeyedRateLimiter<IpAddr>,
    blocked: Mutex<HashMap<IpAddr, Instant>>,
    block_for: Duration,
    /// One lock per client with invitation-link requests under way.
    link_turns: Mutex<HashMap<IpAddr, Arc<tokio::sync::Mutex<()>>>>,
}

fn per_minute(n: u32) -> Quota {
    let n = NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN);
    Quota::per_minute(n).allow_burst(n)
}

impl RateLimits {
    pub fn new(limits: Limits) -> RateLimits {
        let buckets = [
            (Bucket::SignIn, limits.sign_in),
            (Bucket::Callback, limits.callback),
            (Bucket::InvitationLink, limits.invitation_link),
            (Bucket::InvitationCreate, limits.invitation_create),
        ]
        .into_iter()
        .map(|(b, n)| (b, RateLimiter::keyed(per_minute(n))))
        .collect();
        let misses = NonZeroU32::new(limits.invitation_misses).unwrap_or(NonZeroU32::MIN);
        RateLimits {
            buckets,
            misses: RateLimiter::keyed(Quota::per_hour(misses).allow_burst(misses)),
            blocked: Mutex::new(HashMap::new()),
            block_for: Duration::from_secs(15 * 60),
            link_turns: Mutex::new(HashMap::new()),
        }
    }

    /// Waits until none of the client's other invitation-link requests is under way.
    async fn link_turn(self: &Arc<Self>, ip: IpAddr) -> LinkTurn {
        let lock = self
            .link_turns
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .entry(ip)
            .or_default()
            .clone();
        // The turn exists before the wait, so that a request dropped while waiting (the client
        // went away) still clears the client's lock if it was the last one interested.
        let mut turn = LinkTurn {
            guard: None,
            limits: self.clone(),
            ip,
        };
        turn.guard = Some(lock.lock_owned().await);
        turn
    }

    /// `Err(seconds to wait)` when the client is over the limit.
    fn check(&self, bucket: Bucket, ip: IpAddr) -> Result<(), u64> {
        if bucket == Bucket::InvitationLink {
            let mut blocked = self.blocked.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(until) = blocked.get(&ip) {
                let now = Instant::now();
                if *until > now {
                    return Err((*until - now).as_secs().max(1));
                }
                blocked.remove(&ip);
            }
        }
        match self.buckets.get(&bucket).map(|l| l.check_key(&ip)) {
            Some(Err(not_until)) => {
                let wait = not_until.wait_time_from(DefaultClock::default().now());
                Err(wait.as_secs().max(1))
            }
            _ => Ok(()),
        }
    }

    /// Counts a missed invitation look-up; too many block the client from invitation links.
    fn record_miss(&self, ip: IpAddr) {
        if self.misses.check_key(&ip).is_err() {
            tracing::warn!(client = %ip, "invitation look-ups blocked after repeated misses");
            let mut blocked = self.blocked.lock().unwrap_or_else(|p| p.into_inner());
            blocked.insert(ip, Instant::now() + self.block_for);
        }
    }
}

/// A client's turn at invitation links; the last one out removes the client's lock.
struct LinkTurn {
    guard: Option<tokio::sync::OwnedMutexGuard<()>>,
    limits: Arc<RateLimits>,
    ip: IpAddr,
}

impl Drop for LinkTurn {
    fn drop(&mut self) {
        self.guard = None;
        let mut turns = self
            .limits
            .link_turns
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        // Only the map holds it: nobody is waiting.
        if turns
            .get(&self.ip)
            .is_some_and(|l| Arc::strong_count(l) == 1)
        {
            turns.remove(&self.ip);
        }
    }
}

fn client_ip(req: &ServiceRequest) -> Option<IpAddr> {
    // The socket peer, not a header: behind a trusted proxy, configure the proxy to connect
    // per client or terminate limits there.
    req.peer_addr().map(|a| a.ip())
}

pub async fn rate_limit<B: MessageBody>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, actix_web::Error> {
    let limits = req
        .app_data::<web::Data<AppState>>()
        .and_then(|s| s.rate_limits.clone());
    let (Some(limits), Some(bucket), Some(ip)) = (
        limits,
        Bucket::of(req.method(), req.path()),
        client_ip(&req),
    ) else {
        return Ok(next.call(req).await?.map_into_left_body());
    };
    let _turn = match bucket {
        Bucket::InvitationLink => Some(limits.link_turn(ip).await),
        _ => None,
    };
    if let Err(wait) = limits.check(bucket, ip) {
        let err = AppError::TooManyRequests {
            retry_after_secs: wait,
        };
        return Ok(req
            .into_response(err.error_response())
            .map_into_right_body());
    }
    let res = next.call(req).await?;
    if bucket == Bucket::InvitationLink && res.status() == StatusCode::NOT_FOUND {
        limits.record_miss(ip);
    }
    Ok(res.map_into_left_body())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_by_route() {
        assert_eq!(
            Bucket::of(&Method::GET, "/auth/signin"),
            Some(Bucket::SignIn)
        );
        assert_eq!(
            Bucket::of(&Method::GET, "/invitations/abc"),
            Some(Bucket::InvitationLink)
        );
        assert_eq!(
            Bucket::of(&Method::POST, "/invitations/abc/accept"),
            Some(Bucket::InvitationLink)
        );
        assert_eq!(
            Bucket::of(&Method::POST, "/partner/invitations"),
            Some(Bucket::InvitationCreate)
        );
        assert_eq!(Bucket::of(&Method::GET, "/partner/invitations"), None);
        assert_eq!(Bucket::of(&Method::GET, "/"), None);
    }

    #[test]
    fn limits_parse() {
        assert_eq!(Limits::parse("off"), Ok(None));
        let l = Limits::parse("signin=5, misses=2").unwrap().unwrap();
        assert_eq!((l.sign_in, l.invitation_misses, l.callback), (5, 2, 30));
        assert!(Limits::parse("signin=0").is_err());
        assert!(Limits::parse("wizard=3").is_err());
        assert!(Limits::parse("signin").is_err());
    }

    #[test]
    fn over_the_limit_waits_and_misses_block() {
        let limits = RateLimits::new(Limits {
            sign_in: 2,
            invitation_misses: 1,
            ..Limits::default()
        });
        let ip: IpAddr = "10.0.0.1".parse().unwrap();
        let other: IpAddr = "10.0.0.2".parse().unwrap();
        assert!(limits.check(Bucket::SignIn, ip).is_ok());
        assert!(limits.check(Bucket::SignIn, ip).is_ok());
        let wait = limits.check(Bucket::SignIn, ip).unwrap_err();
        assert!((1..=60).contains(&wait));
        assert!(
            limits.check(Bucket::SignIn, other).is_ok(),
            "limits are per client"
        );
        assert!(limits.check(Bucket::InvitationLink, ip).is_ok());
        limits.record_miss(ip);
        limits.record_miss(ip);
        assert!(
            limits.check(Bucket::InvitationLink, ip).is_err(),
            "blocked after misses"
        );
        assert!(limits.check(Bucket::InvitationLink, other).is_ok());
    }

    #[tokio::test]
    async fn link_turns_take_turns_and_leave_nothing_behind() {
        let limits = Arc::new(RateLimits::new(Limits::default()));
        let ip: IpAddr = "10.0.0.1".parse().unwrap();
        let first = limits.link_turn(ip).await;
        // A second turn of the same client waits; another client's does not.
        let waiting = tokio::spawn({
            let limits = limits.clone();
            async move { limits.link_turn(ip).await }
        });
        let other = limits.link_turn("10.0.0.2".parse().unwrap()).await;
        for _ in 0..3 {
            tokio::task::yield_now().await;
        }
        assert!(!waiting.is_finished());
        drop(first);
        let second = waiting.await.unwrap();
        drop((second, other));
        assert!(limits.link_turns.lock().unwrap().is_empty());
        // A request given up while it waits leaves nothing behind either.
        let held = limits.link_turn(ip).await;
        let given_up = tokio::spawn({
            let limits = limits.clone();
            async move { limits.link_turn(ip).await }
        });
        for _ in 0..3 {
            tokio::task::yield_now().await;
        }
        // Its turn comes, and it is given up before it runs again.
        drop(held);
        given_up.abort();
        assert!(given_up.await.is_err_and(|e| e.is_cancelled()));
        assert!(limits.link_turns.lock().unwrap().is_empty());
    }
}
