//! The `next` parameter: where to go after sign-in. Only same-origin absolute paths pass;
//! anything that a browser could read as another origin (`//evil`, `/\evil`, schemes, control
//! characters) falls back to the home page.

/// The most `next` may take where it is kept until the callback: the session, as JSON.
const MAX_NEXT_LEN: usize = 2048;

/// `next`'s size as the session stores it: JSON escapes each `"` into two bytes, so 2,040 of
/// them passed a bound on the raw length and grew the stored value past it (issue 12,
/// finding 4). Bounding the stored form bounds what a visitor can make the portal keep.
fn stored_len(next: &str) -> usize {
    serde_json::to_string(next).map_or(usize::MAX, |json| json.len())
}

/// Returns `next` when it is a safe same-origin path (with optional query), else `None`.
pub fn safe_next(next: &str) -> Option<String> {
    if next.is_empty() || stored_len(next) > MAX_NEXT_LEN || !next.starts_with('/') {
        return None;
    }
    // Browsers treat `\` as `/` and strip tabs/newlines, so `/\evil.com` or `/\t/evil.com` would
    // become protocol-relative. Refuse them all rather than normalise.
    if next.starts_with("//")
        || next.contains('\\')
        || next.chars().any(|c| c.is_control() || c.is_whitespace())
    {
        return None;
    }
    // Resolve against a fixed origin: if the origin changes, it was not a plain path.
    let base = url::Url::parse("http://portal.invalid/").ok()?;
    let resolved = base.join(next).ok()?;
    if resolved.origin() != base.origin() {
        return None;
    }
    // Never bounce back into the sign-in machinery itself, however the path is spelled: the
    // router sees `/%61uth/signin` as `/auth/signin`.
    let path = percent_encoding::percent_decode_str(resolved.path()).decode_utf8_lossy();
    if path.starts_with("/auth/") {
        return None;
    }
    Some(next.to_owned())
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn accepts_plain_paths() {
        assert_eq!(
            safe_next("/customer/partners").as_deref(),
            Some("/customer/partners")
        );
        assert_eq!(
            safe_next("/invitations/abc?x=1").as_deref(),
            Some("/invitations/abc?x=1")
        );
        assert_eq!(safe_next("/").as_deref(), Some("/"));
    }

    #[test]
    fn refuses_other_origins_and_tricks() {
        for bad in [
            "",
            "https://evil.example/",
            "//evil.example/",
            "/\\evil.example",
            "\\\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "javascript:alert(1)",
            "http:/evil.example",
            "evil.example",
            "/%0a/evil",
            "/auth/signin?next=/x",
            "/auth/callback",
            "/%61uth/signin",
            " /x",
        ] {
            let got = safe_next(bad);
            // `%0a` is percent-encoded, not a control character: it stays a same-origin path.
            if bad == "/%0a/evil" {
                assert_eq!(got.as_deref(), Some(bad));
            } else {
                assert_eq!(got, None, "{bad:?} must be refused");
            }
        }
        assert_eq!(safe_next(&format!("/{}", "a".repeat(3000))), None);
    }

    #[test]
    fn next_is_bounded_by_its_stored_size() {
        // The probe's value: 2,041 bytes raw, twice that once escaped for the session.
        let quotes = format!("/{}", "\"".repeat(2040));
        assert_eq!(safe_next(&quotes), None);
        // A long plain path up to the bound still passes (its JSON adds only the two quotes).
        let plain = format!("/{}", "a".repeat(2045));
        assert_eq!(safe_next(&plain).as_deref(), Some(plain.as_str()));
        assert_eq!(safe_next(&format!("{plain}a")), None);
    }

    mod properties {
        use super::super::safe_next;
        use proptest::prelude::*;

        proptest! {
            /// Whatever comes in, what goes out is a same-origin path or nothing.
            #[test]
            fn output_is_always_a_same_origin_path(input in ".{0,80}") {
                if let Some(next) = safe_next(&input) {
                    prop_assert_eq!(&next, &input);
                    prop_assert!(next.starts_with('/') && !next.starts_with("//"));
                    prop_assert!(!next.contains('\\'));
                    prop_assert!(!next.chars().any(|c| c.is_control() || c.is_whitespace()));
                    let base = url::Url::parse("https://portal.example/").unwrap();
                    prop_assert_eq!(base.join(&next).unwrap().origin(), base.origin());
                }
            }

            /// Plain paths survive.
            #[test]
            fn plain_paths_pass(segments in proptest::collection::vec("[a-z0-9_-]{1,12}", 1..5)) {
                let path = format!("/{}", segments.join("/"));
                prop_assume!(!path.starts_with("/auth/"));
                prop_assert_eq!(safe_next(&path), Some(path.clone()));
            }
        }
    }
}
