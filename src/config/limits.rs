//! The rate limits' configuration (`RATE_LIMITS`): which buckets exist and how many requests
//! each allows. Which route counts against which bucket is said where the route is mounted
//! (`web::routes`); the limiter itself is `web::middleware::rate_limit`.

/// A limit that routes count against, named as in `RATE_LIMITS`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bucket {
    SignIn,
    Callback,
    InvitationLink,
    InvitationCreate,
}

impl Bucket {
    pub const ALL: [Bucket; 4] = [
        Bucket::SignIn,
        Bucket::Callback,
        Bucket::InvitationLink,
        Bucket::InvitationCreate,
    ];

    /// The bucket's name in `RATE_LIMITS` and in the security checklist.
    pub fn name(self) -> &'static str {
        match self {
            Bucket::SignIn => "signin",
            Bucket::Callback => "callback",
            Bucket::InvitationLink => "invitation",
            Bucket::InvitationCreate => "create",
        }
    }

    pub fn from_name(name: &str) -> Option<Bucket> {
        Bucket::ALL.into_iter().find(|b| b.name() == name)
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
    /// Requests per minute allowed in `bucket`.
    pub fn per_minute(&self, bucket: Bucket) -> u32 {
        match bucket {
            Bucket::SignIn => self.sign_in,
            Bucket::Callback => self.callback,
            Bucket::InvitationLink => self.invitation_link,
            Bucket::InvitationCreate => self.invitation_create,
        }
    }

    fn per_minute_mut(&mut self, bucket: Bucket) -> &mut u32 {
        match bucket {
            Bucket::SignIn => &mut self.sign_in,
            Bucket::Callback => &mut self.callback,
            Bucket::InvitationLink => &mut self.invitation_link,
            Bucket::InvitationCreate => &mut self.invitation_create,
        }
    }

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
            match (name.trim(), Bucket::from_name(name.trim())) {
                (_, Some(bucket)) => *limits.per_minute_mut(bucket) = value,
                ("misses", None) => limits.invitation_misses = value,
                (other, None) => return Err(format!("unknown limit {other:?}")),
            }
        }
        Ok(Some(limits))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_parse() {
        assert_eq!(Limits::parse("off"), Ok(None));
        let l = Limits::parse("signin=5, misses=2").unwrap().unwrap();
        assert_eq!((l.sign_in, l.invitation_misses, l.callback), (5, 2, 30));
        let l = Limits::parse("invitation=7,create=8,callback=9")
            .unwrap()
            .unwrap();
        assert_eq!(
            (l.invitation_link, l.invitation_create, l.callback),
            (7, 8, 9)
        );
        assert!(Limits::parse("signin=0").is_err());
        assert!(Limits::parse("wizard=3").is_err());
        assert!(Limits::parse("signin").is_err());
    }

    #[test]
    fn every_bucket_has_a_distinct_name() {
        for b in Bucket::ALL {
            assert_eq!(Bucket::from_name(b.name()), Some(b));
        }
        let mut names: Vec<_> = Bucket::ALL.iter().map(|b| b.name()).collect();
        names.dedup();
        assert_eq!(names.len(), Bucket::ALL.len());
    }
}
