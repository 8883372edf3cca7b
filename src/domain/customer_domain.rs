//! A customer's default domain, e.g. `contoso.partner.onmschina.cn`.

use std::fmt;

const MAX_TOTAL_LEN: usize = 253;
const MAX_LABEL_LEN: usize = 63;

/// A syntactically valid DNS name with at least two labels, stored lowercase.
///
/// Invitations may be bound to one customer domain, and the binding is compared
/// with the signed-in customer's domain: both sides must be normalised the same
/// way for that comparison to mean anything, so normalisation happens here, once.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct CustomerDomain(String);

/// Why a string is not a customer domain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CustomerDomainError {
    #[error("a domain must not be empty")]
    Empty,
    #[error("a domain has at most {MAX_TOTAL_LEN} characters")]
    TooLong,
    #[error("a domain needs at least two labels, e.g. contoso.cn")]
    SingleLabel,
    #[error("a domain label must not be empty")]
    EmptyLabel,
    #[error("a domain label has at most {MAX_LABEL_LEN} characters")]
    LabelTooLong,
    #[error("a domain label must not start or end with '-'")]
    HyphenAtEdge,
    #[error("a domain has only letters a-z, digits, '-' and '.'")]
    InvalidCharacter,
}

impl CustomerDomain {
    /// Parses a domain name, folding ASCII upper case to lower case.
    ///
    /// Blanks, a trailing dot, non-ASCII (IDN must arrive as punycode) and
    /// anything else outside `[a-z0-9.-]` are refused rather than repaired.
    pub fn parse(s: &str) -> Result<Self, CustomerDomainError> {
        if s.is_empty() {
            return Err(CustomerDomainError::Empty);
        }
        if s.len() > MAX_TOTAL_LEN {
            return Err(CustomerDomainError::TooLong);
        }
        let lower = s.to_ascii_lowercase();
        let mut labels = 0usize;
        for label in lower.split('.') {
            check_label(label)?;
            labels += 1;
        }
        if labels < 2 {
            return Err(CustomerDomainError::SingleLabel);
        }
        Ok(Self(lower))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn check_label(label: &str) -> Result<(), CustomerDomainError> {
    if label.is_empty() {
        return Err(CustomerDomainError::EmptyLabel);
    }
    if !label
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err(CustomerDomainError::InvalidCharacter);
    }
    if label.len() > MAX_LABEL_LEN {
        return Err(CustomerDomainError::LabelTooLong);
    }
    if label.starts_with('-') || label.ends_with('-') {
        return Err(CustomerDomainError::HyphenAtEdge);
    }
    Ok(())
}

impl std::str::FromStr for CustomerDomain {
    type Err = CustomerDomainError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for CustomerDomain {
    type Error = CustomerDomainError;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<CustomerDomain> for String {
    fn from(d: CustomerDomain) -> Self {
        d.0
    }
}

impl AsRef<str> for CustomerDomain {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CustomerDomain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use CustomerDomainError::*;

    #[test]
    fn accepts_real_domains() {
        for ok in [
            "contoso.partner.onmschina.cn",
            "contoso.cn",
            "a.b",
            "x-1.example.com",
            "0.example",
            "xn--fiqs8s.cn",
        ] {
            assert_eq!(
                CustomerDomain::parse(ok).map(String::from),
                Ok(ok.to_owned())
            );
        }
    }

    #[test]
    fn deserializing_validates_too() {
        use serde::Deserialize;
        use serde::de::value::{Error, StrDeserializer};
        let ok = CustomerDomain::deserialize(StrDeserializer::<Error>::new("Contoso.CN"));
        assert_eq!(ok.map(String::from), Ok("contoso.cn".to_owned()));
        assert!(CustomerDomain::deserialize(StrDeserializer::<Error>::new("localhost")).is_err());
    }

    #[test]
    fn folds_upper_case() {
        let d = CustomerDomain::parse("Contoso.Partner.OnMSChina.CN").unwrap();
        assert_eq!(d.as_str(), "contoso.partner.onmschina.cn");
        assert_eq!(
            d,
            CustomerDomain::parse("contoso.partner.onmschina.cn").unwrap()
        );
    }

    #[test]
    fn label_length_limits() {
        let l63 = "a".repeat(63);
        let l64 = "a".repeat(64);
        assert!(CustomerDomain::parse(&format!("{l63}.cn")).is_ok());
        assert_eq!(
            CustomerDomain::parse(&format!("{l64}.cn")),
            Err(LabelTooLong)
        );
    }

    #[test]
    fn total_length_limit() {
        // 4 labels of 63 + 3 dots = 255; trim to exactly 253 and 254.
        let l63 = "a".repeat(63);
        let l61 = "a".repeat(61);
        let l62 = "a".repeat(62);
        let at_253 = format!("{l63}.{l63}.{l63}.{l61}");
        let at_254 = format!("{l63}.{l63}.{l63}.{l62}");
        assert_eq!(at_253.len(), 253);
        assert_eq!(at_254.len(), 254);
        assert!(CustomerDomain::parse(&at_253).is_ok());
        assert_eq!(CustomerDomain::parse(&at_254), Err(TooLong));
    }

    #[test]
    fn refuses_malformed() {
        let cases: &[(&str, CustomerDomainError)] = &[
            ("", Empty),
            ("localhost", SingleLabel),
            (".contoso.cn", EmptyLabel),
            ("contoso.cn.", EmptyLabel),
            ("contoso..cn", EmptyLabel),
            ("-contoso.cn", HyphenAtEdge),
            ("contoso-.cn", HyphenAtEdge),
            ("contoso.-cn", HyphenAtEdge),
            ("con_toso.cn", InvalidCharacter),
            ("con toso.cn", InvalidCharacter),
            (" contoso.cn", InvalidCharacter),
            ("contoso.cn/", InvalidCharacter),
            ("user@contoso.cn", InvalidCharacter),
            ("中国.cn", InvalidCharacter),
        ];
        for (input, expected) in cases {
            assert_eq!(CustomerDomain::parse(input), Err(*expected), "{input:?}");
        }
    }
}
