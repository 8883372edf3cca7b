//! The `next` parameter after sign-in: whatever passes is a same-origin path that no browser
//! could read as another origin.
#![no_main]

use libfuzzer_sys::fuzz_target;
use multipartner::auth::redirect::safe_next;

fuzz_target!(|next: &str| {
    if let Some(path) = safe_next(next) {
        assert_eq!(path, next, "accepted values pass unchanged");
        assert!(path.starts_with('/') && !path.starts_with("//"));
        assert!(!path.contains('\\'));
        assert!(!path.chars().any(|c| c.is_control() || c.is_whitespace()));
        let base = url::Url::parse("https://portal.example/").unwrap();
        let resolved = base.join(&path).expect("a safe path resolves");
        assert_eq!(resolved.origin(), base.origin());
        assert!(!resolved.path().starts_with("/auth/"));
    }
});
