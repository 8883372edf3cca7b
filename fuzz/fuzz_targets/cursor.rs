//! The signed keyset cursor from `?after=`: any text is refused or decodes to a cursor that
//! encodes back to something that decodes to the same cursor.
#![no_main]

use libfuzzer_sys::fuzz_target;
use multipartner::listing::CursorCodec;

fuzz_target!(|text: &str| {
    let codec = CursorCodec::new(b"fuzzing secret");
    if let Ok(cursor) = codec.decode(text, "relationships") {
        let again = codec.encode(&cursor);
        assert_eq!(codec.decode(&again, "relationships"), Ok(cursor));
    }
});
