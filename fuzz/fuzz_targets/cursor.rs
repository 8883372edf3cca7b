//! The signed keyset cursor of `?after=`. Any cursor encodes to text that decodes back to it
//! under its own scope and to nothing under another; text that was not signed never decodes.
#![no_main]

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use multipartner::listing::{Cursor, CursorCodec, SortKey};

#[derive(Debug, Arbitrary)]
struct Input {
    scope: String,
    text_key: Option<String>,
    time_key: i64,
    id: i64,
    /// Arbitrary text offered as a cursor.
    forged: String,
}

fuzz_target!(|input: Input| {
    let codec = CursorCodec::new(b"fuzzing secret");
    let key = match input.text_key {
        Some(text) => SortKey::Text(text),
        None => SortKey::Time(input.time_key),
    };
    let cursor = Cursor {
        scope: input.scope.clone(),
        key,
        id: input.id,
    };
    let text = codec.encode(&cursor);
    // Cursors travel in query strings: the encoding needs no escaping.
    assert!(
        text.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.'),
        "{text}"
    );
    match codec.decode(&text, &input.scope) {
        Ok(decoded) => assert_eq!(decoded, cursor),
        // Only oversized cursors (longer than any real listing key makes) are refused.
        Err(_) => assert!(text.len() > 1024, "{text}"),
    }
    let other_scope = format!("{}x", input.scope);
    assert!(codec.decode(&text, &other_scope).is_err());
    if input.forged != text {
        assert!(codec.decode(&input.forged, &input.scope).is_err());
    }
});
