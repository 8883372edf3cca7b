//! The message catalog. Every user-visible string is a Fluent message in `locales/<lang>/*.ftl`
//! (English, Simplified Chinese and Brazilian Portuguese, same keys and same variables, checked
//! by a test). The language comes from the user's choice (a cookie) or else `Accept-Language`.
//! Dates and numbers are written per language by [`format`].

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{OnceLock, RwLock};

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use unic_langid::{LanguageIdentifier, langid};

mod format;
pub use format::Formatted;

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
    PtBr,
}

static EN: LanguageIdentifier = langid!("en");
static ZH_CN: LanguageIdentifier = langid!("zh-CN");
static PT_BR: LanguageIdentifier = langid!("pt-BR");

impl Lang {
    /// Every language, in the order the language switch lists them.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::ZhCn, Lang::PtBr];

    /// The BCP 47 tag, for `<html lang>` and the language switcher.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
            Lang::PtBr => "pt-BR",
        }
    }

    /// The language's name in itself, for the switcher (deliberately not translated).
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::ZhCn => "简体中文",
            Lang::PtBr => "Português (Brasil)",
        }
    }

    /// The supported language a BCP 47 tag asks for. Any Portuguese (`pt`, `pt-PT`, `pt-AO`)
    /// gets Brazilian Portuguese: closer to what the reader wants than the English fallback.
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
        } else if lower == "pt" || lower.starts_with("pt-") {
            Some(Lang::PtBr)
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
            // `q=0` means "not this one" (RFC 9110, 12.4.2).
            if q > 0.0
                && let Some(lang) = Lang::from_code(tag)
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
            Lang::PtBr => &PT_BR,
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
        static CACHE: OnceLock<[Cache; Lang::ALL.len()]> = OnceLock::new();
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
    ///
    /// An argument written as a plain whole number (`1`, `90`, not `007` or `1e3`) is passed as
    /// a Fluent number, so plural selectors (`[one] 1 dia *[other] 90 dias`) can choose; Fluent
    /// prints such a number back exactly as written, so the text is the same either way.
    pub fn t_args(self, key: &str, args: &[(&'static str, &str)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(k, v)| (Cow::Borrowed(*k), argument(v)))
            .collect();
        LOCALES
            .try_lookup_with_args(self.id(), key, &args)
            .unwrap_or_else(|| key.to_owned())
    }
}

fn argument(value: &str) -> FluentValue<'static> {
    let canonical_integer = (1..=15).contains(&value.len())
        && value.bytes().all(|b| b.is_ascii_digit())
        && (value == "0" || !value.starts_with('0'));
    match value.parse::<i64>() {
        Ok(n) if canonical_integer => FluentValue::from(n),
        _ => FluentValue::from(value.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use fluent_syntax::ast;

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
    fn accept_language_chooses_brazilian_portuguese() {
        // What a Brazilian browser sends.
        assert_eq!(
            Lang::from_accept_language("pt-BR,pt;q=0.9,en-US;q=0.8,en;q=0.7"),
            Lang::PtBr
        );
        assert_eq!(Lang::from_accept_language("pt"), Lang::PtBr);
        assert_eq!(Lang::from_accept_language("PT-br"), Lang::PtBr);
        assert_eq!(Lang::from_accept_language("pt-PT, fr;q=0.9"), Lang::PtBr);
        // Quality values decide, not the order...
        assert_eq!(
            Lang::from_accept_language("en;q=0.5, pt-BR;q=0.8, zh-CN;q=0.6"),
            Lang::PtBr
        );
        assert_eq!(
            Lang::from_accept_language("pt-BR;q=0.4, zh-CN;q=0.6"),
            Lang::ZhCn
        );
        // ...the order breaks ties...
        assert_eq!(Lang::from_accept_language("pt-BR, en"), Lang::PtBr);
        assert_eq!(Lang::from_accept_language("en, pt-BR"), Lang::En);
        // ...and q=0 refuses a language.
        assert_eq!(Lang::from_accept_language("pt;q=0, zh;q=0.1"), Lang::ZhCn);
        assert_eq!(Lang::from_accept_language("pt-BR;q=0"), Lang::En);
        // Not Portuguese.
        assert_eq!(Lang::from_accept_language("ptx, p"), Lang::En);
    }

    #[test]
    fn every_language_round_trips_and_names_itself() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        let names: Vec<_> = Lang::ALL.iter().map(|l| l.native_name()).collect();
        assert_eq!(names, ["English", "简体中文", "Português (Brasil)"]);
    }

    #[test]
    fn lookup_uses_the_chosen_language() {
        assert_eq!(Lang::En.t("app-name"), "Multi-partner portal");
        assert_eq!(Lang::PtBr.t("app-name"), "Portal multiparceiro");
        assert_ne!(Lang::ZhCn.t("app-name"), Lang::En.t("app-name"));
        assert_eq!(Lang::En.t("no-such-key-xyz"), "no-such-key-xyz");
        let hello = Lang::En.t_args("home-welcome", &[("name", "Anna")]);
        assert!(hello.contains("Anna"), "{hello}");
        let ola = Lang::PtBr.t_args("home-welcome", &[("name", "Anna")]);
        assert_eq!(ola, "Boas-vindas, Anna");
    }

    #[test]
    fn plurals_follow_the_number() {
        let days = |lang: Lang, n: &str| lang.t_args("accept-duration-days", &[("days", n)]);
        assert_eq!(days(Lang::En, "1"), "1 day");
        assert_eq!(days(Lang::En, "90"), "90 days");
        assert_eq!(days(Lang::PtBr, "1"), "1 dia");
        assert_eq!(days(Lang::PtBr, "730"), "730 dias");
        assert_eq!(days(Lang::ZhCn, "1"), "1 天");
        let email = Lang::PtBr.t_args(
            "invitation-email-gdap",
            &[("days", "1"), ("roles", "Leitor global")],
        );
        assert!(email.contains("por 1 dia: Leitor global"), "{email}");
        // Text that only looks numeric is shown exactly as given.
        for name in ["007", "1e3", "-5", "12.5", "1234567890123456789"] {
            let shown = Lang::En.t_args("home-welcome", &[("name", name)]);
            assert_eq!(shown, format!("Welcome, {name}"));
        }
    }

    /// A catalog's messages by key, each with the variables it uses and its text flattened
    /// (placeables as `{$name}`), parsed by Fluent's own parser, so multi-line messages and
    /// selectors count like any other.
    type Catalog = BTreeMap<String, Message>;

    #[derive(Debug, Default)]
    struct Message {
        variables: BTreeSet<String>,
        text: String,
    }

    fn catalog(lang: &str) -> Catalog {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(lang);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        let mut messages = Catalog::new();
        for path in files {
            let source = std::fs::read_to_string(&path).unwrap();
            let resource = fluent_syntax::parser::parse(source.as_str())
                .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", path.display()));
            for entry in resource.body {
                let message = match entry {
                    ast::Entry::Message(m) => m,
                    ast::Entry::Junk { content } => panic!("{}: junk {content}", path.display()),
                    _ => continue,
                };
                let mut parsed = Message::default();
                let pattern = message
                    .value
                    .unwrap_or_else(|| panic!("{}: {} has no value", lang, message.id.name));
                walk_pattern(&pattern, &mut parsed);
                let previous = messages.insert(message.id.name.to_owned(), parsed);
                assert!(
                    previous.is_none(),
                    "{lang}: duplicate key {}",
                    message.id.name
                );
            }
        }
        messages
    }

    fn walk_pattern(pattern: &ast::Pattern<&str>, out: &mut Message) {
        for element in &pattern.elements {
            match element {
                ast::PatternElement::TextElement { value } => out.text.push_str(value),
                ast::PatternElement::Placeable { expression } => walk_expression(expression, out),
            }
        }
    }

    fn walk_expression(expression: &ast::Expression<&str>, out: &mut Message) {
        match expression {
            ast::Expression::Inline(inline) => walk_inline(inline, out),
            ast::Expression::Select { selector, variants } => {
                walk_inline(selector, out);
                for variant in variants {
                    out.text.push('|');
                    walk_pattern(&variant.value, out);
                }
            }
        }
    }

    fn walk_inline(inline: &ast::InlineExpression<&str>, out: &mut Message) {
        match inline {
            ast::InlineExpression::VariableReference { id } => {
                out.variables.insert(id.name.to_owned());
                out.text.push_str(&format!("{{${}}}", id.name));
            }
            ast::InlineExpression::StringLiteral { value } => out.text.push_str(value),
            ast::InlineExpression::Placeable { expression } => walk_expression(expression, out),
            other => panic!("catalogs use variables and literals only, not {other:?}"),
        }
    }

    #[test]
    fn all_catalogs_have_the_same_keys_and_variables() {
        let en = catalog("en");
        assert!(en.len() > 100, "catalog looks empty: {}", en.len());
        for lang in Lang::ALL {
            let other = catalog(lang.code());
            let missing: Vec<_> = en.keys().filter(|k| !other.contains_key(*k)).collect();
            let extra: Vec<_> = other.keys().filter(|k| !en.contains_key(*k)).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{lang:?}: missing {missing:?}, not in English {extra:?}"
            );
            for (key, message) in &other {
                assert!(!message.text.trim().is_empty(), "{lang:?}: {key} is empty");
                assert_eq!(
                    message.variables, en[key].variables,
                    "{lang:?}: {key} must use the same variables as English"
                );
            }
        }
    }

    /// Every message resolves through the loader in every language, with the language's own
    /// text (not the English fallback), and no variable is left unfilled.
    #[test]
    fn every_message_resolves_in_every_language() {
        let en = catalog("en");
        for lang in Lang::ALL {
            let own = catalog(lang.code());
            for (key, message) in &own {
                let args: Vec<(&'static str, &str)> = message
                    .variables
                    .iter()
                    .map(|v| (&*Box::leak(v.clone().into_boxed_str()), "2"))
                    .collect();
                let shown = lang.t_args(key, &args);
                assert_ne!(shown, *key, "{key} does not resolve in {lang:?}");
                assert!(!shown.contains("{$"), "{lang:?}: {key} shows {shown}");
                if message.text != en[key].text {
                    assert_ne!(
                        shown,
                        Lang::En.t_args(key, &args),
                        "{lang:?}: {key} falls back to English"
                    );
                }
            }
        }
    }

    /// A translation that reads exactly like the English is a forgotten copy, except for the
    /// few messages that are only punctuation and placeables, and words Portuguese shares.
    #[test]
    fn translations_are_not_english_copies() {
        const SAME_IN_EVERY_LANGUAGE: &[&str] = &[
            "invitation-created-by-on",
            "invitation-email-role-separator",
            // "Status" is the Portuguese word too (Partner Center's own column name).
            "customer-col-status",
            "customers-col-status",
        ];
        let en = catalog("en");
        for lang in [Lang::ZhCn, Lang::PtBr] {
            let copies: Vec<_> = catalog(lang.code())
                .into_iter()
                .filter(|(key, m)| {
                    m.text == en[key].text && !SAME_IN_EVERY_LANGUAGE.contains(&key.as_str())
                })
                .map(|(key, _)| key)
                .collect();
            assert!(copies.is_empty(), "{lang:?} copies English: {copies:?}");
        }
    }

    /// Keys named in templates and code exist, so no page shows a raw key.
    #[test]
    fn every_key_used_exists() {
        let catalogs: Vec<(Lang, Catalog)> =
            Lang::ALL.iter().map(|l| (*l, catalog(l.code()))).collect();
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
            "free-text-",
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
                    for (lang, messages) in &catalogs {
                        assert!(
                            messages.contains_key(literal)
                                || messages.keys().any(|k| k.starts_with(&prefix)),
                            "{}: unknown message key {literal} in {lang:?}",
                            file.display()
                        );
                    }
                }
            }
        }
        assert!(
            checked > 50,
            "the scan found too few keys ({checked}) to mean anything"
        );
    }
}
