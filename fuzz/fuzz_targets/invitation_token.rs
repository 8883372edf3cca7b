//! Invitation tokens and token hashes from links: each accepted value has one spelling, and
//! hashing is stable.
#![no_main]

use libfuzzer_sys::fuzz_target;
use multipartner::domain::{InvitationToken, TokenHash};

fuzz_target!(|text: &str| {
    if let Ok(token) = InvitationToken::parse(text) {
        assert_eq!(token.as_str(), text);
        assert_eq!(token.hash(), InvitationToken::parse(text).unwrap().hash());
        assert_eq!(TokenHash::parse(token.hash().as_str()), Ok(token.hash()));
    }
    if let Ok(hash) = TokenHash::parse(text) {
        assert_eq!(hash.as_str(), text);
    }
});
