//! The secret in an invitation link, and the only form of it that is ever stored.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use rand::rngs::OsRng;
use sha2::{Digest, Sha256};

/// Random bytes in a token: 256 bits, far beyond guessing.
const TOKEN_BYTES: usize = 32;
/// Length of 32 bytes in unpadded base64url.
const TOKEN_CHARS: usize = 43;
/// Length of a SHA-256 digest in hex.
const HASH_CHARS: usize = 64;

/// The bearer secret in an invitation link: 32 random bytes, base64url without padding.
///
/// It is shown to the partner once, on the page that creates the invitation, and
/// then only its [`TokenHash`] exists. `Debug` is redacted and there is no
/// `Display` or serde, so it cannot leak into logs or the audit trail by accident.
pub struct InvitationToken(String);

/// Why a string is not an invitation token. Deliberately vague: the page says only
/// that the link is not valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("an invitation token has exactly {TOKEN_CHARS} characters")]
    WrongLength,
    #[error("an invitation token has only base64url characters")]
    InvalidCharacter,
    #[error("an invitation token is not canonical base64url")]
    NotCanonical,
}

impl InvitationToken {
    /// Draws a new token from the operating system's CSPRNG.
    pub fn generate() -> Self {
        let mut bytes = [0u8; TOKEN_BYTES];
        OsRng.fill_bytes(&mut bytes);
        Self(URL_SAFE_NO_PAD.encode(bytes))
    }

    /// Parses a token from a link, strictly: exactly 43 characters of
    /// `[A-Za-z0-9_-]` that decode canonically to 32 bytes. No padding, no
    /// standard-alphabet `+`/`/`, no surrounding blanks.
    pub fn parse(s: &str) -> Result<Self, TokenError> {
        if s.len() != TOKEN_CHARS {
            return Err(TokenError::WrongLength);
        }
        if !s
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            return Err(TokenError::InvalidCharacter);
        }
        // 43 characters carry 258 bits; the decoder refuses non-zero trailing bits,
        // so each 32-byte value has exactly one accepted spelling.
        let decoded = URL_SAFE_NO_PAD
            .decode(s)
            .map_err(|_| TokenError::NotCanonical)?;
        if decoded.len() != TOKEN_BYTES {
            return Err(TokenError::NotCanonical);
        }
        Ok(Self(s.to_owned()))
    }

    /// The token text, for the link shown once on creation.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// SHA-256 of the token text: what the database stores and looks up.
    ///
    /// A plain hash suffices (no salt, no slow KDF) because the input is 256
    /// random bits, not a human-chosen password.
    pub fn hash(&self) -> TokenHash {
        TokenHash(hex::encode(Sha256::digest(self.0.as_bytes())))
    }
}

impl fmt::Debug for InvitationToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("InvitationToken(<redacted>)")
    }
}

/// SHA-256 of an invitation token, 64 lowercase hex characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TokenHash(String);

/// A stored value that is not 64 lowercase hex characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a token hash is {HASH_CHARS} lowercase hex characters")]
pub struct TokenHashError;

impl TokenHash {
    /// Reads a hash back from the database.
    pub fn parse(s: &str) -> Result<Self, TokenHashError> {
        let ok = s.len() == HASH_CHARS
            && s.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if ok {
            Ok(Self(s.to_owned()))
        } else {
            Err(TokenHashError)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for TokenHash {
    type Error = TokenHashError;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<TokenHash> for String {
    fn from(h: TokenHash) -> Self {
        h.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn generated_tokens_parse_back() {
        let token = InvitationToken::generate();
        assert_eq!(token.as_str().len(), 43);
        let parsed = InvitationToken::parse(token.as_str()).unwrap();
        assert_eq!(parsed.as_str(), token.as_str());
        assert_eq!(parsed.hash(), token.hash());
    }

    #[test]
    fn generated_tokens_differ() {
        let tokens: HashSet<String> = (0..256)
            .map(|_| InvitationToken::generate().as_str().to_owned())
            .collect();
        assert_eq!(tokens.len(), 256);
    }

    #[test]
    fn hash_is_sha256_hex_of_the_token_text() {
        // 32 zero bytes encode to 43 'A's.
        let token = InvitationToken::parse(&"A".repeat(43)).unwrap();
        let expected = hex::encode(Sha256::digest("A".repeat(43).as_bytes()));
        assert_eq!(token.hash().as_str(), expected);
        assert_eq!(token.hash().as_str().len(), 64);
        assert_eq!(TokenHash::parse(&expected), Ok(token.hash()));
    }

    #[test]
    fn hash_matches_known_vector() {
        // sha256 of 43 ASCII A, computed with sha256sum.
        let token = InvitationToken::parse(&"A".repeat(43)).unwrap();
        assert_eq!(
            token.hash().as_str(),
            "0f007385b6f9d4b7eeb2748605afe1a984a0a3bfa3f014d09e2a784ce9e5cd1a"
        );
    }

    #[test]
    fn distinct_tokens_have_distinct_hashes() {
        let a = InvitationToken::generate();
        let b = InvitationToken::generate();
        assert_ne!(a.hash(), b.hash());
    }

    #[test]
    fn debug_is_redacted() {
        let token = InvitationToken::generate();
        let shown = format!("{token:?}");
        assert_eq!(shown, "InvitationToken(<redacted>)");
        assert!(!shown.contains(token.as_str()));
    }

    #[test]
    fn rejects_wrong_length() {
        let good = InvitationToken::generate().as_str().to_owned();
        assert_eq!(
            InvitationToken::parse("").unwrap_err(),
            TokenError::WrongLength
        );
        assert_eq!(
            InvitationToken::parse(&good[..42]).unwrap_err(),
            TokenError::WrongLength
        );
        assert_eq!(
            InvitationToken::parse(&format!("{good}A")).unwrap_err(),
            TokenError::WrongLength
        );
        // Padded form of a 32-byte value.
        assert_eq!(
            InvitationToken::parse(&format!("{good}=")).unwrap_err(),
            TokenError::WrongLength
        );
        // Multi-byte characters make a 43-char string longer than 43 bytes.
        let non_ascii = format!("é{}", &good[1..]);
        assert_eq!(
            InvitationToken::parse(&non_ascii).unwrap_err(),
            TokenError::WrongLength
        );
    }

    #[test]
    fn rejects_bad_characters() {
        let base = "A".repeat(42);
        for bad in ['+', '/', '=', ' ', '.', '%', '\n'] {
            let candidate = format!("{bad}{base}");
            assert_eq!(
                InvitationToken::parse(&candidate).unwrap_err(),
                TokenError::InvalidCharacter,
                "{bad:?}"
            );
        }
    }

    #[test]
    fn rejects_non_canonical_trailing_bits() {
        // The last character carries 2 spare bits; 'B' sets one of them.
        let candidate = format!("{}B", "A".repeat(42));
        assert_eq!(
            InvitationToken::parse(&candidate).unwrap_err(),
            TokenError::NotCanonical
        );
        // 'E' is the next canonical one (…000100 → low 2 bits zero).
        assert!(InvitationToken::parse(&format!("{}E", "A".repeat(42))).is_ok());
    }

    #[test]
    fn token_hash_parse_is_strict() {
        let ok = "a".repeat(64);
        assert!(TokenHash::parse(&ok).is_ok());
        assert_eq!(TokenHash::parse(&"A".repeat(64)), Err(TokenHashError));
        assert_eq!(TokenHash::parse(&"a".repeat(63)), Err(TokenHashError));
        assert_eq!(TokenHash::parse(&"g".repeat(64)), Err(TokenHashError));
        assert_eq!(TokenHash::try_from(ok.clone()).map(String::from), Ok(ok));
    }

    mod properties {
        use super::super::InvitationToken;
        use proptest::prelude::*;

        proptest! {
            /// The parser accepts exactly the canonical 43-character tokens and never panics.
            #[test]
            fn parser_is_strict(input in ".{0,60}") {
                if let Ok(token) = InvitationToken::parse(&input) {
                    prop_assert_eq!(token.as_str(), input.as_str());
                    prop_assert_eq!(input.len(), 43);
                    prop_assert!(input.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
                }
            }

            /// Every generated token parses back to itself and hashes consistently.
            #[test]
            fn generated_tokens_round_trip(_n in 0..32u8) {
                let token = InvitationToken::generate();
                let parsed = InvitationToken::parse(token.as_str()).unwrap();
                let (a, b) = (parsed.hash(), token.hash());
                prop_assert_eq!(a.as_str(), b.as_str());
            }
        }
    }
}
