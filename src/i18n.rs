//! The message catalog. Every user-visible string is a Fluent message in `locales/<lang>/*.ftl`
//! (English and Simplified Chinese, same keys, checked by a test). The language comes from the
//! user's choice (a cookie) or else `Accept-Language`.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{OnceLock, RwLock};

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use unic_langid::{LanguageIdentifier, langid};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Bidi isolation marks around placeables would end up inside attributes and e-mails.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// Name of the cookie that remembers the user's language choice.
pub const LANG_COOKIE: &str = "mp_lang";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    ZhCn,
}

static EN: LanguageIdentifier = langid!("en");
static ZH_CN: LanguageIdentifier = langid!("zh-CN");

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhCn];

    /// The BCP 47 tag, for `<html lang>` and the language switcher.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// The language's name in itself, for the switcher (deliberately not translated).
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::ZhCn => "简体中文",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        let lower = code.trim().to_ascii_lowercase();
        if lower == "en" || lower.starts_with("en-") {
            Some(Lang::En)
        } else if lower == "zh"
            || lower.starts_with("zh-cn")
            || lower.starts_with("zh-hans")
            || lower == "zh-sg"
        {
            Some(Lang::ZhCn)
        } else {
            None
        }
    }

    /// Picks the best supported language from an `Accept-Language` header by quality value.
    pub fn from_accept_language(header: &str) -> Lang {
        let mut best: Option<(f32, Lang)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or("").trim();
            let q = pieces
                .find_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                })
                .unwrap_or(1.0);
            if let Some(lang) = Lang::from_code(tag)
                && best.is_none_or(|(bq, _)| q > bq)
            {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l).unwrap_or_default()
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::En => &EN,
            Lang::ZhCn => &ZH_CN,
        }
    }

    /// The message for `key`. A missing key shows the key itself, which the catalog test catches.
    ///
    /// Messages without arguments are formatted once per language and kept: a listing page
    /// asks for a hundred of them, and Fluent formats (and allocates) on every call. The cache
    /// is bounded by the catalog, whose keys are compile-time strings in templates and code.
    pub fn t(self, key: &str) -> String {
        self.cached(key).into_owned()
    }

    fn cached(self, key: &str) -> Cow<'static, str> {
        type Cache = RwLock<HashMap<Box<str>, &'static str>>;
        static CACHE: OnceLock<[Cache; 2]> = OnceLock::new();
        let cache = &CACHE.get_or_init(Default::default)[self as usize];
        if let Some(text) = cache.read().unwrap_or_else(|p| p.into_inner()).get(key) {
            return Cow::Borrowed(text);
        }
        let text: &'static str = match LOCALES.try_lookup(self.id(), key) {
            Some(text) => Box::leak(text.into_boxed_str()),
            // Unknown keys are not cached (they could come from anywhere).
            None => return Cow::Owned(key.to_owned()),
        };
        cache
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .insert(Box::from(key), text);
        Cow::Borrowed(text)
    }

    /// The message for `key` with named arguments.
    pub fn t_args(self, key: &str, args: &[(&'static str, &str)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(k, v)| (Cow::Borrowed(*k), FluentValue::from(v.to_string())))
            .collect();
        LOCALES
            .try_lookup_with_args(self.id(), key, &args)
            .unwrap_or_else(|| key.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_highest_quality_supported_tag() {
        assert_eq!(
            Lang::from_accept_language("zh-CN,zh;q=0.9,en;q=0.8"),
            Lang::ZhCn
        );
        assert_eq!(
            Lang::from_accept_language("fr-FR, en;q=0.5, zh;q=0.7"),
            Lang::ZhCn
        );
        assert_eq!(Lang::from_accept_language("de, fr"), Lang::En);
        assert_eq!(Lang::from_accept_language(""), Lang::En);
        assert_eq!(Lang::from_accept_language("zh-TW"), Lang::En);
    }

    #[test]
    fn lookup_uses_the_chosen_language() {
        assert_eq!(Lang::En.t("app-name"), "Multi-partner portal");
        assert_ne!(Lang::ZhCn.t("app-name"), Lang::En.t("app-name"));
        assert_eq!(Lang::En.t("no-such-key-xyz"), "no-such-key-xyz");
        let hello = Lang::En.t_args("home-welcome", &[("name", "Anna")]);
        assert!(hello.contains("Anna"), "{hello}");
    }

    fn catalog_keys(lang: &str) -> std::collections::BTreeMap<String, String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(lang);
        let mut keys = std::collections::BTreeMap::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for line in text.lines() {
                if let Some((key, value)) = line.split_once(" = ")
                    && !key.starts_with(' ')
                    && !key.starts_with('#')
                {
                    let previous = keys.insert(key.trim().to_owned(), value.trim().to_owned());
                    assert!(previous.is_none(), "{lang}: duplicate key {key}");
                }
            }
        }
        keys
    }

    #[test]
    fn english_and_chinese_catalogs_have_the_same_keys() {
        let en = catalog_keys("en");
        let zh = catalog_keys("zh-CN");
        assert!(en.len() > 100, "catalog looks empty: {}", en.len());
        let en_keys: Vec<_> = en.keys().collect();
        let zh_keys: Vec<_> = zh.keys().collect();
        assert_eq!(en_keys, zh_keys);
        for (key, value) in en.iter().chain(zh.iter()) {
            assert!(!value.is_empty(), "{key} is empty");
        }
        // Every message resolves through the loader in both languages.
        for (key, value) in &en {
            if value.contains("{ $") {
                continue; // needs arguments; the pages' tests render those
            }
            assert_ne!(Lang::En.t(key), *key, "{key} does not resolve in English");
            assert_ne!(Lang::ZhCn.t(key), *key, "{key} does not resolve in Chinese");
        }
    }

    /// Keys named in templates and code exist, so no page shows a raw key.
    #[test]
    fn every_key_used_exists() {
        let en = catalog_keys("en");
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        let mut stack = vec![root.join("templates"), root.join("src")];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    files.push(path);
                }
            }
        }
        const PREFIXES: &[&str] = &[
            "error-",
            "signin-",
            "nav-",
            "tile-",
            "home-",
            "demo-idp-",
            "landing-",
            "role-",
            "gdap-role-",
            "invitation-",
            "relationship-",
            "admin-access-",
            "tenant-kind-",
            "partner-",
            "customer-",
            "admin-",
            "audit-",
            "subscription-",
            "accept-",
            "order-",
            "customers-",
        ];
        let mut checked = 0;
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            let is_template = file.extension().is_some_and(|e| e == "html");
            // String literals, roughly: the odd pieces between double quotes. In templates,
            // only the arguments of t(...), t1(...), t2(...) are keys (not attribute values).
            let pieces: Vec<&str> = text.split('"').collect();
            for (i, literal) in pieces.iter().enumerate().skip(1).step_by(2) {
                let literal = *literal;
                if is_template
                    && !["t(", "t1(", "t2("]
                        .iter()
                        .any(|f| pieces[i - 1].ends_with(f))
                {
                    continue;
                }
                let looks_like_key = PREFIXES.iter().any(|p| literal.starts_with(p))
                    && literal.len() > 4
                    && literal
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                    && !literal.ends_with('-');
                if looks_like_key {
                    checked += 1;
                    // A literal may also be the common prefix of a family of keys.
                    let prefix = format!("{literal}-");
                    assert!(
                        en.contains_key(literal) || en.keys().any(|k| k.starts_with(&prefix)),
                        "{}: unknown message key {literal}",
                        file.display()
                    );
                }
            }
        }
        assert!(
            checked > 50,
            "the scan found too few keys ({checked}) to mean anything"
        );
    }
}
