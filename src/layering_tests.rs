//! The layering rules of ARCHITECTURE.md, checked: the inner layers (domain, policy, views,
//! config) name only the modules they may depend on, so an import cycle through the web layer
//! (as `views` ↔ `web::error` once was) cannot come back unnoticed. The check reads the source
//! and looks at every `crate::<module>` path outside comments, `use` lines and inline paths alike.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Each inner layer and the top-level modules its code may name.
const RULES: &[(&str, &[&str])] = &[
    ("src/domain", &["domain"]),
    ("src/policy", &["policy", "domain"]),
    (
        "src/views",
        &[
            "views", "domain", "policy", "i18n", "db", "flows", "forms", "listing",
        ],
    ),
    ("src/config.rs", &["config", "auth", "db", "domain"]),
    ("src/config", &["config", "auth", "db", "domain"]),
];

/// Imports that break a rule today and are being moved; none at present. Remove an entry when
/// its import is gone.
const PENDING: &[(&str, &str)] = &[];

fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_file() {
        out.push(path.to_owned());
        return;
    }
    for entry in std::fs::read_dir(path).expect("source directory") {
        let p = entry.expect("directory entry").path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The top-level modules a line of code names through `crate::`, including every member of a
/// `crate::{a, b::c}` group.
fn named_modules(line: &str) -> Vec<String> {
    let code = match line.trim_start() {
        l if l.starts_with("//") => return Vec::new(),
        _ => line.split(" //").next().unwrap_or(line),
    };
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // First segment of each item at depth 1 of the group.
            let mut depth = 1;
            let mut item_start = true;
            let mut ident = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 1 => item_start = true,
                    _ => {}
                }
                if depth == 0 {
                    break;
                }
                if depth == 1 && item_start {
                    if c.is_alphanumeric() || c == '_' {
                        ident.push(c);
                        continue;
                    }
                    if !ident.is_empty() {
                        found.push(std::mem::take(&mut ident));
                        item_start = false;
                    }
                }
            }
        } else {
            let ident: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !ident.is_empty() {
                found.push(ident);
            }
        }
    }
    found
}

#[test]
fn named_modules_reads_paths_and_groups() {
    assert_eq!(named_modules("use crate::web::error::AppError;"), ["web"]);
    assert_eq!(
        named_modules("use crate::{domain::Role, web::{page, error}};"),
        ["domain", "web"]
    );
    assert_eq!(
        named_modules("    let x = crate::state::AppState::new(crate::db::pool());"),
        ["state", "db"]
    );
    assert!(named_modules("//! see [`crate::web`]").is_empty());
}

#[test]
fn inner_layers_import_only_what_they_may() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut broken = BTreeSet::new();
    for (layer, allowed) in RULES {
        let mut files = Vec::new();
        rust_files(&root.join(layer), &mut files);
        assert!(!files.is_empty(), "{layer}: no source found");
        for file in files {
            let text = std::fs::read_to_string(&file).expect("source file");
            for (n, line) in text.lines().enumerate() {
                for module in named_modules(line) {
                    if allowed.contains(&module.as_str()) || PENDING.contains(&(layer, &module)) {
                        continue;
                    }
                    let shown = file.strip_prefix(root).unwrap_or(&file).display();
                    broken.insert(format!("{shown}:{}: names crate::{module}", n + 1));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "layering rules broken (see ARCHITECTURE.md):\n{}",
        broken.into_iter().collect::<Vec<_>>().join("\n")
    );
}
