//! Per-client-address rate limits on the endpoints worth attacking: starting a sign-in, the
//! callback, invitation links (token guessing) and creating invitations. Over the limit the
//! answer is 429 with `Retry-After`. A client whose invitation look-ups keep missing (404) is
//! blocked from invitation links for a while; the misses themselves are audited by the
//! handler. A client's invitation-link requests run one at a time: a miss is only known once
//! its look-up has finished, so concurrent guesses would otherwise outrun the miss limit.
//!
//! The limit is middleware on the route itself ([`Limit`], mounted by `web::routes`), not a
//! look-up by path: the route that runs is the one that counts, however its path is spelled
//! (`/auth/%73ignin` is `/auth/signin` to the router, so it is to the limit too).
//!
//! With `REDIS_URL` the counts and blocks live in Redis (`shared_limits`), so instances count
//! a client together; if Redis fails, each instance falls back to its own counts here until
//! Redis is back. A client's turn-taking at invitation links stays per instance.

use std::collections::HashMap;
use std::future::{Ready, ready};
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use actix_web::ResponseError;
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform, forward_ready};
use actix_web::http::StatusCode;
use actix_web::web;
use futures_util::future::LocalBoxFuture;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

pub use crate::config::{Bucket, Limits};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::middleware::shared_limits::SharedLimits;

pub struct RateLimits {
    buckets: HashMap<Bucket, DefaultKeyedRateLimiter<IpAddr>>,
    misses: DefaultKeyedRateLimiter<IpAddr>,
    blocked: Mutex<HashMap<IpAddr, Instant>>,
    block_for: Duration,
    /// One lock per client with invitation-link requests under way.
    link_turns: Mutex<HashMap<IpAddr, Arc<tokio::sync::Mutex<()>>>>,
    /// The counts every instance shares, when Redis is configured.
    shared: Option<SharedLimits>,
}

/// How long a client stays blocked from invitation links after too many misses.
pub const BLOCK_FOR: Duration = Duration::from_secs(15 * 60);

fn per_minute(n: u32) -> Quota {
    let n = NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN);
    Quota::per_minute(n).allow_burst(n)
}

impl RateLimits {
    pub fn new(limits: Limits) -> RateLimits {
        let buckets = Bucket::ALL
            .into_iter()
            .map(|b| (b, RateLimiter::keyed(per_minute(limits.per_minute(b)))))
            .collect();
        let misses = NonZeroU32::new(limits.invitation_misses).unwrap_or(NonZeroU32::MIN);
        RateLimits {
            buckets,
            misses: RateLimiter::keyed(Quota::per_hour(misses).allow_burst(misses)),
            blocked: Mutex::new(HashMap::new()),
            block_for: BLOCK_FOR,
            link_turns: Mutex::new(HashMap::new()),
            shared: None,
        }
    }

    /// Limits counted in Redis at `redis_url` for the deployment at `base_url`, with these
    /// local counts as the fallback.
    pub async fn shared(
        limits: Limits,
        redis_url: &str,
        base_url: &str,
    ) -> Result<RateLimits, redis::RedisError> {
        let shared = SharedLimits::connect(redis_url, base_url, limits, BLOCK_FOR).await?;
        Ok(RateLimits {
            shared: Some(shared),
            ..RateLimits::new(limits)
        })
    }

    /// Counts one request of the client at `ip` in `bucket`: `Err(seconds to wait)` when it
    /// is over the limit. Against the shared counts, or the local ones when there are none or
    /// Redis cannot answer.
    pub async fn check_request(&self, bucket: Bucket, ip: IpAddr) -> Result<(), u64> {
        if let Some(shared) = &self.shared
            && let Some(answer) = shared.check(bucket, ip).await
        {
            return answer;
        }
        self.check(bucket, ip)
    }

    /// [`Self::record_miss`] in the shared counts, or the local ones.
    async fn miss(&self, ip: IpAddr) {
        if let Some(shared) = &self.shared
            && let Some(blocked) = shared.record_miss(ip).await
        {
            if blocked {
                tracing::warn!(client = %ip, "invitation look-ups blocked after repeated misses");
            }
            return;
        }
        self.record_miss(ip);
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

/// The key the client's requests are counted by (`web::client_addr`, IPv6 by its /64).
fn client_ip(req: &ServiceRequest) -> Option<IpAddr> {
    crate::web::client_addr(req.request()).map(crate::web::client_addr::limit_key)
}

/// The rate limit of one route: `web::get().to(handler).wrap(Limit(Bucket::SignIn))`.
#[derive(Debug, Clone, Copy)]
pub struct Limit(pub Bucket);

impl<S> Transform<S, ServiceRequest> for Limit
where
    S: Service<ServiceRequest, Response = ServiceResponse, Error = actix_web::Error> + 'static,
{
    type Response = ServiceResponse;
    type Error = actix_web::Error;
    type Transform = LimitService<S>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(LimitService {
            bucket: self.0,
            service: Rc::new(service),
        }))
    }
}

pub struct LimitService<S> {
    bucket: Bucket,
    service: Rc<S>,
}

impl<S> Service<ServiceRequest> for LimitService<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse, Error = actix_web::Error> + 'static,
{
    type Response = ServiceResponse;
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<ServiceResponse, actix_web::Error>>;

    forward_ready!(service);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        let service = self.service.clone();
        let bucket = self.bucket;
        Box::pin(async move {
            let limits = req
                .app_data::<web::Data<AppState>>()
                .and_then(|s| s.rate_limits.clone());
            let (Some(limits), Some(ip)) = (limits, client_ip(&req)) else {
                return service.call(req).await;
            };
            let _turn = match bucket {
                Bucket::InvitationLink => Some(limits.link_turn(ip).await),
                _ => None,
            };
            if let Err(wait) = limits.check_request(bucket, ip).await {
                let err = AppError::TooManyRequests {
                    retry_after_secs: wait,
                };
                return Ok(req.into_response(err.error_response()));
            }
            let res = service.call(req).await?;
            if bucket == Bucket::InvitationLink && res.status() == StatusCode::NOT_FOUND {
                limits.miss(ip).await;
            }
            Ok(res)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
