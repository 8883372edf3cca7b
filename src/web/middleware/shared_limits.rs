//! Rate-limit counters kept in Redis (`REDIS_URL`), so that every instance counts a client
//! together: one atomic Lua script per check (GCRA: a burst of the bucket's number, refilled
//! evenly over a minute, keyed by bucket and client address, expiring with the window), and
//! the block after repeated missed invitation look-ups as a key with the block's lifetime.
//! Redis's clock (`TIME`) is the only clock, so instances with drifting clocks still agree.
//!
//! When Redis fails, [`SharedLimits`] answers `None` and the caller counts locally; the outage
//! is logged once at warn, Redis is tried again at most once a second, and its recovery is
//! logged once at info.

use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use sha2::{Digest, Sha256};

use crate::config::{Bucket, Limits};

/// GCRA over one key. KEYS[1]: the client's key in the bucket; KEYS[2], if given: the client's
/// block key, whose remaining lifetime is the answer while it lives. ARGV[1]: milliseconds
/// between requests (the window over the burst); ARGV[2]: the burst. Answers 0 (allowed, and
/// counted) or the milliseconds until the next request would be allowed (nothing counted).
const CHECK: &str = r#"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if #KEYS > 1 then
  local left = redis.call('PTTL', KEYS[2])
  if left > 0 then return left end
end
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local stored = redis.call('GET', KEYS[1])
local tat = stored and tonumber(stored) or now
if tat < now then tat = now end
local next_tat = tat + interval
local allow_at = next_tat - interval * burst
if now < allow_at then return allow_at - now end
redis.call('SET', KEYS[1], next_tat, 'PX', next_tat - now)
return 0
"#;

/// Counts one missed invitation look-up (GCRA as in [`CHECK`] on KEYS[1]); over the limit, the
/// block key KEYS[2] is set for ARGV[3] milliseconds. Answers 1 when this miss set the block.
const MISS: &str = r#"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local stored = redis.call('GET', KEYS[1])
local tat = stored and tonumber(stored) or now
if tat < now then tat = now end
local next_tat = tat + interval
local allow_at = next_tat - interval * burst
if now < allow_at then
  redis.call('SET', KEYS[2], '1', 'PX', tonumber(ARGV[3]))
  return 1
end
redis.call('SET', KEYS[1], next_tat, 'PX', next_tat - now)
return 0
"#;

const MINUTE_MS: u64 = 60_000;
const HOUR_MS: u64 = 3_600_000;
/// How long one call to Redis may take before it counts as an outage.
const CALL_TIMEOUT: Duration = Duration::from_millis(500);
/// While Redis is out, how often a request tries it again.
const RETRY_EVERY: Duration = Duration::from_secs(1);

/// The prefix of one deployment's keys: instances behind one public address (`BASE_URL`)
/// share their counts; another deployment on the same Redis has its own.
pub fn key_prefix(base_url: &str) -> String {
    let digest = Sha256::digest(base_url.trim_end_matches('/').as_bytes());
    format!("mp:rl:{}", &hex::encode(digest)[..16])
}

/// Milliseconds between requests for `n` per `window_ms` (rounded up: never more than `n`).
fn interval_ms(window_ms: u64, n: u32) -> u64 {
    window_ms.div_ceil(u64::from(n.max(1)))
}

struct Health {
    down: bool,
    /// While down: when the next request may try Redis again.
    retry_at: Instant,
}

pub struct SharedLimits {
    conn: ConnectionManager,
    prefix: String,
    limits: Limits,
    block_for: Duration,
    health: Mutex<Health>,
}

impl SharedLimits {
    /// Connects to Redis at `url` (the session store's Redis).
    pub async fn connect(
        url: &str,
        base_url: &str,
        limits: Limits,
        block_for: Duration,
    ) -> Result<SharedLimits, redis::RedisError> {
        let client = redis::Client::open(url)?;
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(CALL_TIMEOUT)
            .set_response_timeout(CALL_TIMEOUT)
            .set_number_of_retries(1)
            .set_factor(10);
        let conn = ConnectionManager::new_with_config(client, config).await?;
        Ok(SharedLimits {
            conn,
            prefix: key_prefix(base_url),
            limits,
            block_for,
            health: Mutex::new(Health {
                down: false,
                retry_at: Instant::now(),
            }),
        })
    }

    fn key(&self, what: &str, ip: IpAddr) -> String {
        format!("{}:{what}:{ip}", self.prefix)
    }

    /// `Some(Err(seconds to wait))` when the client is over the limit, `Some(Ok(()))` when the
    /// request is allowed (and counted), `None` when Redis cannot answer.
    pub async fn check(&self, bucket: Bucket, ip: IpAddr) -> Option<Result<(), u64>> {
        let mut keys = vec![self.key(bucket.name(), ip)];
        if bucket == Bucket::InvitationLink {
            keys.push(self.key("blocked", ip));
        }
        let args = [
            interval_ms(MINUTE_MS, self.limits.per_minute(bucket)),
            u64::from(self.limits.per_minute(bucket).max(1)),
        ];
        let wait_ms: u64 = self.eval(CHECK, &keys, &args).await?;
        Some(match wait_ms {
            0 => Ok(()),
            ms => Err(ms.div_ceil(1000).max(1)),
        })
    }

    /// Counts a missed invitation look-up; `Some(true)` when it blocked the client,
    /// `None` when Redis cannot answer.
    pub async fn record_miss(&self, ip: IpAddr) -> Option<bool> {
        let keys = [self.key("misses", ip), self.key("blocked", ip)];
        let args = [
            interval_ms(HOUR_MS, self.limits.invitation_misses),
            u64::from(self.limits.invitation_misses.max(1)),
            self.block_for.as_millis() as u64,
        ];
        let blocked: u64 = self.eval(MISS, &keys, &args).await?;
        Some(blocked == 1)
    }

    /// Runs `script`, or answers `None` (at once while Redis is known to be out).
    async fn eval(&self, script: &str, keys: &[String], args: &[u64]) -> Option<u64> {
        {
            let health = self.health.lock().unwrap_or_else(|p| p.into_inner());
            if health.down && Instant::now() < health.retry_at {
                return None;
            }
        }
        let mut cmd = redis::cmd("EVAL");
        cmd.arg(script).arg(keys.len()).arg(keys).arg(args);
        let mut conn = self.conn.clone();
        let answer = tokio::time::timeout(CALL_TIMEOUT * 2, cmd.query_async::<u64>(&mut conn))
            .await
            .map_err(|_| "Redis did not answer in time".to_owned())
            .and_then(|r| r.map_err(|e| e.to_string()));
        let mut health = self.health.lock().unwrap_or_else(|p| p.into_inner());
        match answer {
            Ok(value) => {
                if health.down {
                    health.down = false;
                    tracing::info!(
                        keys = %self.prefix,
                        "Redis is back: rate limits are shared between instances again"
                    );
                }
                Some(value)
            }
            Err(error) => {
                if !health.down {
                    health.down = true;
                    tracing::warn!(
                        keys = %self.prefix,
                        %error,
                        "Redis cannot be reached for rate limits: each instance counts on its \
                         own until it is back"
                    );
                }
                health.retry_at = Instant::now() + RETRY_EVERY;
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_never_allow_more_than_the_limit() {
        assert_eq!(interval_ms(MINUTE_MS, 30), 2_000);
        assert_eq!(interval_ms(MINUTE_MS, 7), 8_572);
        assert!(interval_ms(MINUTE_MS, 7) * 7 >= MINUTE_MS);
        assert_eq!(interval_ms(HOUR_MS, 0), HOUR_MS, "zero is one");
    }

    #[test]
    fn one_deployment_shares_its_prefix() {
        assert_eq!(
            key_prefix("https://portal.example"),
            key_prefix("https://portal.example/")
        );
        assert_ne!(
            key_prefix("https://portal.example"),
            key_prefix("https://staging.portal.example")
        );
        assert!(key_prefix("https://portal.example").starts_with("mp:rl:"));
    }
}
