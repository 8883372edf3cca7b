//! Invitation tokens and token hashes from links: each accepted value has one spelling, and
//! hashing is stable.
#![no_main]

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use libfuzzer_sys::fuzz_target;
use multipartner::domain::{InvitationToken, TokenHash};

fuzz_target!(|text: &str| {
    if let Ok(token) = InvitationToken::parse(text) {
        // One spelling per value: the 32 bytes it decodes to encode back to exactly this text.
        let bytes = URL_SAFE_NO_PAD
            .decode(text)
            .expect("an accepted token decodes");
        assert_eq!(bytes.len(), 32);
        assert_eq!(URL_SAFE_NO_PAD.encode(&bytes), text);
        assert_eq!(token.hash(), InvitationToken::parse(text).unwrap().hash());
        assert_eq!(TokenHash::parse(token.hash().as_str()), Ok(token.hash()));
    }
    if let Ok(hash) = TokenHash::parse(text) {
        assert_eq!(hash.as_str(), text);
    }
});
