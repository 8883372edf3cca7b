//! Tests that every message key the domain hands to templates exists, once, in
//! both locales' `gdap.ftl` — and that those files hold no key the code forgot.

use std::collections::BTreeSet;

use crate::domain::{
    AdminAccessKind, AdminAccessState, GdapRole, InvitationAccess, InvitationState,
    RelationshipState, RelationshipType, Role, TenantKind,
};

const EN: &str = include_str!("../../locales/en/gdap.ftl");
const ZH_CN: &str = include_str!("../../locales/zh-CN/gdap.ftl");

fn code_keys() -> BTreeSet<&'static str> {
    let mut keys = BTreeSet::new();
    for r in GdapRole::ALL {
        keys.insert(r.message_key());
        keys.insert(r.description_key());
    }
    keys.extend(
        InvitationState::ALL
            .iter()
            .map(InvitationState::message_key),
    );
    keys.extend(
        InvitationAccess::ALL
            .iter()
            .map(InvitationAccess::message_key),
    );
    keys.extend(
        RelationshipState::ALL
            .iter()
            .map(RelationshipState::message_key),
    );
    keys.extend(
        RelationshipType::ALL
            .iter()
            .map(RelationshipType::message_key),
    );
    keys.extend(
        AdminAccessKind::ALL
            .iter()
            .map(AdminAccessKind::message_key),
    );
    keys.extend(
        AdminAccessState::ALL
            .iter()
            .map(AdminAccessState::message_key),
    );
    keys.extend(Role::ALL.iter().map(Role::message_key));
    keys.extend(TenantKind::ALL.iter().map(TenantKind::message_key));
    keys
}

/// Message ids and values of a simple Fluent file (one `id = value` per line).
fn ftl_messages(source: &str) -> Vec<(&str, &str)> {
    source
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (id, value) = l
                .split_once(" = ")
                .unwrap_or_else(|| panic!("not a message: {l:?}"));
            (id, value)
        })
        .collect()
}

fn check_locale(name: &str, source: &str) {
    let messages = ftl_messages(source);
    let ids: BTreeSet<&str> = messages.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids.len(), messages.len(), "{name}: duplicate message id");
    assert_eq!(ids, code_keys(), "{name}: keys differ from the code");
    for (id, value) in messages {
        assert!(!value.trim().is_empty(), "{name}: {id} is empty");
        assert!(!value.contains(['{', '}']), "{name}: {id} has a placeable");
    }
}

#[test]
fn english_has_exactly_the_code_keys() {
    check_locale("en", EN);
}

#[test]
fn simplified_chinese_has_exactly_the_code_keys() {
    check_locale("zh-CN", ZH_CN);
}

#[test]
fn catalogue_size() {
    // 12 roles × (name + description) + 27 enum values.
    assert_eq!(code_keys().len(), 24 + 27);
}

#[test]
fn chinese_role_names_are_translated() {
    let en: Vec<_> = ftl_messages(EN);
    let zh: Vec<_> = ftl_messages(ZH_CN);
    for ((id, en_value), (_, zh_value)) in en.iter().zip(&zh) {
        if id.ends_with("-desc") || id.starts_with("gdap-role-global") {
            assert_ne!(en_value, zh_value, "{id} left in English");
        }
    }
}
