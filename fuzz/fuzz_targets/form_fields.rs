//! Form bodies with repeated fields (checkbox groups): any bytes decode without panicking, and
//! what `get` returns is trimmed and non-empty.
#![no_main]

use actix_web::web::Bytes;
use libfuzzer_sys::fuzz_target;
use multipartner::web::form::FormFields;

fuzz_target!(|body: &[u8]| {
    let fields = FormFields::parse(&Bytes::copy_from_slice(body));
    for name in ["csrf_token", "role", "access", "message", ""] {
        if let Some(value) = fields.get(name) {
            assert!(!value.is_empty());
            assert_eq!(value, value.trim());
        }
        let _ = fields.all(name);
        let _ = fields.checked(name);
    }
});
