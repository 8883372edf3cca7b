//! The public numeric Partner ID (formerly MPN ID) a partner is known by.

use std::fmt;

/// Longest Partner ID accepted. Real ones are 6–7 digits; 12 leaves room
/// without letting arbitrary text through.
const MAX_LEN: usize = 12;

/// A Partner ID as shown to customers on the acceptance page: 1–12 ASCII digits.
///
/// Kept as text, not a number, so that leading zeros survive exactly as the
/// partner typed them.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct PartnerId(String);

/// Why a string is not a Partner ID.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PartnerIdError {
    #[error("a Partner ID must not be empty")]
    Empty,
    #[error("a Partner ID has at most {MAX_LEN} digits")]
    TooLong,
    #[error("a Partner ID has digits only")]
    NotDigits,
}

impl PartnerId {
    /// Parses a Partner ID; surrounding blanks are not accepted (callers trim form input).
    pub fn parse(s: &str) -> Result<Self, PartnerIdError> {
        if s.is_empty() {
            return Err(PartnerIdError::Empty);
        }
        if !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PartnerIdError::NotDigits);
        }
        if s.len() > MAX_LEN {
            return Err(PartnerIdError::TooLong);
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for PartnerId {
    type Err = PartnerIdError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for PartnerId {
    type Error = PartnerIdError;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<PartnerId> for String {
    fn from(id: PartnerId) -> Self {
        id.0
    }
}

impl AsRef<str> for PartnerId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PartnerId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_digits_up_to_twelve() {
        for ok in ["1", "0", "4847383", "000123", "123456789012"] {
            assert_eq!(
                PartnerId::parse(ok).map(|p| p.to_string()),
                Ok(ok.to_owned())
            );
        }
    }

    #[test]
    fn refuses_everything_else() {
        assert_eq!(PartnerId::parse(""), Err(PartnerIdError::Empty));
        assert_eq!(
            PartnerId::parse("1234567890123"),
            Err(PartnerIdError::TooLong)
        );
        for bad in ["12a", " 123", "123 ", "-1", "+1", "1.0", "١٢٣", "12\n"] {
            assert_eq!(
                PartnerId::parse(bad),
                Err(PartnerIdError::NotDigits),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn conversions_agree() {
        let id: PartnerId = "4847383".parse().unwrap();
        assert_eq!(id.as_str(), "4847383");
        assert_eq!(String::from(id.clone()), "4847383");
        assert_eq!(
            PartnerId::try_from("x".to_owned()),
            Err(PartnerIdError::NotDigits)
        );
    }
}
