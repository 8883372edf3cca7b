//! Opaque keyset cursors. A cursor names the last row of a page by its sort key and id, and is
//! signed (HMAC-SHA-256, truncated) so a client cannot forge positions or feed the query
//! arbitrary values; a tampered cursor is a 400, never a query.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

/// The sort key of the last row seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortKey {
    /// A timestamp, in microseconds since the Unix epoch.
    Time(i64),
    /// A text key (names, domains).
    Text(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    /// Which listing and order the cursor belongs to (a cursor of another listing is refused).
    pub scope: String,
    pub key: SortKey,
    pub id: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the page cursor is not valid")]
pub struct CursorError;

const MAC_LEN: usize = 16;
const MAX_LEN: usize = 1024;

/// Signs and encodes cursors with a server-side key.
#[derive(Clone)]
pub struct CursorCodec {
    key: Vec<u8>,
}

impl CursorCodec {
    /// `secret` is the server's secret; the cursor key is derived from it so a cursor MAC never
    /// doubles as a session-cookie key.
    pub fn new(secret: &[u8]) -> CursorCodec {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
        mac.update(b"multipartner listing cursor v1");
        CursorCodec {
            key: mac.finalize().into_bytes().to_vec(),
        }
    }

    fn mac(&self, payload: &[u8]) -> Vec<u8> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("any key length");
        mac.update(payload);
        mac.finalize().into_bytes()[..MAC_LEN].to_vec()
    }

    pub fn encode(&self, cursor: &Cursor) -> String {
        let payload = serde_json::to_vec(cursor).expect("a cursor serialises");
        let mac = self.mac(&payload);
        format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(&payload),
            URL_SAFE_NO_PAD.encode(mac)
        )
    }

    /// Decodes a cursor of `scope`; anything else (garbage, a forged MAC, another listing's
    /// cursor) is an error.
    pub fn decode(&self, text: &str, scope: &str) -> Result<Cursor, CursorError> {
        if text.len() > MAX_LEN {
            return Err(CursorError);
        }
        let (payload, mac) = text.split_once('.').ok_or(CursorError)?;
        let payload = URL_SAFE_NO_PAD.decode(payload).map_err(|_| CursorError)?;
        let mac = URL_SAFE_NO_PAD.decode(mac).map_err(|_| CursorError)?;
        if !crate::security::constant_time_eq(&mac, &self.mac(&payload)) {
            return Err(CursorError);
        }
        let cursor: Cursor = serde_json::from_slice(&payload).map_err(|_| CursorError)?;
        if cursor.scope != scope {
            return Err(CursorError);
        }
        Ok(cursor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn codec() -> CursorCodec {
        CursorCodec::new(b"test secret")
    }

    fn key_strategy() -> impl Strategy<Value = SortKey> {
        prop_oneof![
            any::<i64>().prop_map(SortKey::Time),
            ".{0,40}".prop_map(SortKey::Text)
        ]
    }

    proptest! {
        #[test]
        fn round_trips(scope in "[a-z:]{1,20}", key in key_strategy(), id in any::<i64>()) {
            let cursor = Cursor { scope: scope.clone(), key, id };
            let text = codec().encode(&cursor);
            prop_assert_eq!(codec().decode(&text, &scope), Ok(cursor));
        }

        /// Changing any one character of a cursor makes it invalid.
        #[test]
        fn any_tampering_is_refused(id in any::<i64>(), at in 0usize..200, c in proptest::char::range('-', 'z')) {
            let text = codec().encode(&Cursor { scope: "r".into(), key: SortKey::Time(5), id });
            let at = at % text.len();
            let mut tampered: Vec<char> = text.chars().collect();
            prop_assume!(tampered[at] != c);
            tampered[at] = c;
            let tampered: String = tampered.into_iter().collect();
            prop_assert_eq!(codec().decode(&tampered, "r"), Err(CursorError));
        }

        /// Arbitrary input never panics and is (almost surely) refused.
        #[test]
        fn arbitrary_text_is_refused(text in ".{0,300}") {
            prop_assert_eq!(codec().decode(&text, "r"), Err(CursorError));
        }
    }

    #[test]
    fn refuses_other_scopes_keys_and_oversized_input() {
        let text = codec().encode(&Cursor {
            scope: "relationships".into(),
            key: SortKey::Time(1),
            id: 2,
        });
        assert_eq!(codec().decode(&text, "invitations"), Err(CursorError));
        assert_eq!(
            CursorCodec::new(b"other").decode(&text, "relationships"),
            Err(CursorError)
        );
        assert_eq!(
            codec().decode(&"a".repeat(5000), "relationships"),
            Err(CursorError)
        );
    }
}
