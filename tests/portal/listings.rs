//! Operator listings: query plans use indexes without sorting on both backends, and keyset
//! pagination visits every row exactly once while rows are being inserted.

use std::collections::HashSet;

use chrono::TimeDelta;
use multipartner::db::models::relationship::NewRelationship;
use multipartner::db::models::{Relationship, Tenant};
use multipartner::db::{self, DbConnection, listings};
use multipartner::listing::ListingFilter;
use multipartner::listing::filters::Params;
use multipartner::listing::{
    AuditFilter, Cursor, CustomerFilter, InvitationFilter, RelationshipFilter,
};
use multipartner::seed::scale::{ScaleOptions, seed_scale};
use proptest::prelude::*;

use crate::both_backends;
use crate::common::{Backend, seeded_pool};

const BIG_TABLES: &[&str] = &[
    "relationships",
    "invitations",
    "audit_events",
    "tenants",
    "admin_access",
    "subscriptions",
];

fn assert_plan_ok(backend: Backend, what: &str, plan: &[String]) {
    let text = plan.join("\n");
    match backend {
        Backend::Sqlite => {
            assert!(!text.contains("USE TEMP B-TREE"), "{what} sorts:\n{text}");
            assert!(
                text.contains("USING INDEX") || text.contains("USING COVERING INDEX"),
                "{what} uses no index:\n{text}"
            );
            for table in ["r", "i", "a", "t"] {
                assert!(
                    !text.lines().any(|l| l.trim() == format!("SCAN {table}")),
                    "{what} scans a table:\n{text}"
                );
            }
        }
        Backend::Postgres => {
            assert!(!text.contains("Sort"), "{what} sorts:\n{text}");
            for table in BIG_TABLES {
                assert!(
                    !text.contains(&format!("Seq Scan on {table}")),
                    "{what} scans {table}:\n{text}"
                );
            }
            assert!(text.contains("Index Scan"), "{what} uses no index:\n{text}");
        }
    }
}

/// Every listing query and its next-page query, for each filter, uses an index and no sort.
async fn listing_queries_use_indexes_without_sorting(backend: Backend) {
    let pool = seeded_pool(backend);
    let mut conn = pool.get().unwrap();
    let conn: &mut DbConnection = &mut conn;
    seed_scale(
        conn,
        ScaleOptions {
            relationships: 20_000,
            seed: 7,
            progress: false,
        },
    )
    .unwrap();
    let partner: i64 = {
        use diesel::prelude::*;
        use multipartner::db::schema::relationships;
        relationships::table
            .select(relationships::partner_tenant_id)
            .order(relationships::id.desc())
            .first(conn)
            .unwrap()
    };
    let limit = 50;
    let mut checked = 0;
    for q in [
        "",
        "partner={p}",
        "type=indirect_reseller",
        "state=ended",
        "from=2025-01-01&to=2025-12-31",
        "partner={p}&state=active",
        "order=asc",
    ] {
        let f = RelationshipFilter::parse(&Params::parse(&q.replace("{p}", &partner.to_string())))
            .unwrap();
        let first = listings::relationships(conn, &f, None, limit).unwrap();
        assert_plan_ok(
            backend,
            &format!("relationships {q}"),
            &listings::relationships_sql(conn, &f, None, limit)
                .explain(conn)
                .unwrap(),
        );
        let next = first.next.expect("enough rows for a second page");
        assert_plan_ok(
            backend,
            &format!("relationships {q} next"),
            &listings::relationships_sql(conn, &f, Some(&next), limit)
                .explain(conn)
                .unwrap(),
        );
        checked += 2;
    }
    for q in [
        "",
        "partner={p}",
        "state=accepted",
        "partner={p}&state=accepted",
    ] {
        let f = InvitationFilter::parse(&Params::parse(&q.replace("{p}", &partner.to_string())))
            .unwrap();
        let next = listings::invitations(conn, &f, None, limit)
            .unwrap()
            .next
            .expect("second page");
        assert_plan_ok(
            backend,
            &format!("invitations {q}"),
            &listings::invitations_sql(conn, &f, None, limit)
                .explain(conn)
                .unwrap(),
        );
        assert_plan_ok(
            backend,
            &format!("invitations {q} next"),
            &listings::invitations_sql(conn, &f, Some(&next), limit)
                .explain(conn)
                .unwrap(),
        );
        checked += 2;
    }
    for q in [
        "",
        "tenant={p}",
        "action=invitation.accept",
        "from=2024-01-01&to=2026-12-31",
    ] {
        let f =
            AuditFilter::parse(&Params::parse(&q.replace("{p}", &partner.to_string()))).unwrap();
        let next = listings::audit(conn, &f, None, limit)
            .unwrap()
            .next
            .expect("second page");
        assert_plan_ok(
            backend,
            &format!("audit {q}"),
            &listings::audit_sql(conn, &f, None, limit)
                .explain(conn)
                .unwrap(),
        );
        assert_plan_ok(
            backend,
            &format!("audit {q} next"),
            &listings::audit_sql(conn, &f, Some(&next), limit)
                .explain(conn)
                .unwrap(),
        );
        checked += 2;
    }
    for q in [
        "",
        "min_partners=2",
        "q=customer 00",
        "q=contoso.partner",
        "partner={p}",
        "partner={p}&min_partners=2",
    ] {
        let f =
            CustomerFilter::parse(&Params::parse(&q.replace("{p}", &partner.to_string()))).unwrap();
        let first = listings::customers(conn, &f, None, limit).unwrap();
        // A search that fits on one page has no real next cursor: check the plan with one.
        let next = first.next.unwrap_or_else(|| multipartner::listing::Cursor {
            scope: listings::customers_scope(&f).to_owned(),
            key: multipartner::listing::SortKey::Text("contoso".into()),
            id: 1,
        });
        assert_plan_ok(
            backend,
            &format!("customers {q}"),
            &listings::customers_sql(conn, &f, None, limit)
                .explain(conn)
                .unwrap(),
        );
        assert_plan_ok(
            backend,
            &format!("customers {q} next"),
            &listings::customers_sql(conn, &f, Some(&next), limit)
                .explain(conn)
                .unwrap(),
        );
        checked += 2;
    }
    assert_eq!(checked, 42);
}
both_backends!(listing_queries_use_indexes_without_sorting);

/// Walks the relationships listing page by page while new relationships appear between pages
/// (older and newer than the cursor). Every row that existed at the start is seen exactly
/// once, and no row is seen twice.
fn walk_with_inserts(conn: &mut DbConnection, page: i64, inserts: &[(i64, u8)], ascending: bool) {
    let f = RelationshipFilter::parse(&Params::parse(if ascending { "order=asc" } else { "" }))
        .unwrap();
    let before: HashSet<i64> = {
        use diesel::prelude::*;
        use multipartner::db::schema::relationships;
        relationships::table
            .select(relationships::id)
            .load::<i64>(conn)
            .unwrap()
            .into_iter()
            .collect()
    };
    let customers: Vec<i64> = {
        use diesel::prelude::*;
        use multipartner::db::schema::tenants;
        tenants::table
            .filter(tenants::kind.eq("customer"))
            .select(tenants::id)
            .load(conn)
            .unwrap()
    };
    let partners: Vec<i64> = {
        use diesel::prelude::*;
        use multipartner::db::schema::tenants;
        tenants::table
            .filter(tenants::kind.eq("partner"))
            .select(tenants::id)
            .load(conn)
            .unwrap()
    };
    let mut seen: Vec<i64> = Vec::new();
    let mut cursor: Option<Cursor> = None;
    let mut step = 0;
    loop {
        let result = listings::relationships(conn, &f, cursor.as_ref(), page).unwrap();
        seen.extend(result.rows.iter().map(|r| r.id));
        // Insert between pages: a relationship `offset_days` away from now (some older than
        // the cursor, some newer), between a random customer and partner without one.
        if let Some((offset_days, pick)) = inserts.get(step) {
            let customer = customers[*pick as usize % customers.len()];
            for partner in &partners {
                if Relationship::active_between(conn, customer, *partner)
                    .unwrap()
                    .is_none()
                {
                    Relationship::insert(
                        conn,
                        &NewRelationship {
                            customer_tenant_id: customer,
                            partner_tenant_id: *partner,
                            relationship_type:
                                multipartner::domain::RelationshipType::DirectReseller,
                            provider_tenant_id: None,
                            state: multipartner::domain::RelationshipState::Active,
                            invitation_id: None,
                            established_at: db::now() - TimeDelta::days(*offset_days),
                        },
                    )
                    .unwrap();
                    break;
                }
            }
        }
        step += 1;
        match result.next {
            Some(next) => cursor = Some(next),
            None => break,
        }
        assert!(step < 10_000, "pagination does not end");
    }
    let unique: HashSet<i64> = seen.iter().copied().collect();
    assert_eq!(unique.len(), seen.len(), "a row was listed twice");
    assert!(
        before.is_subset(&unique),
        "rows were skipped: {:?}",
        before.difference(&unique).collect::<Vec<_>>()
    );
}

fn pagination_property(backend: Backend) {
    let pool = seeded_pool(backend);
    {
        let mut conn = pool.get().unwrap();
        seed_scale(
            &mut conn,
            ScaleOptions {
                relationships: 300,
                seed: 3,
                progress: false,
            },
        )
        .unwrap();
    }
    let config = ProptestConfig {
        cases: 12,
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    proptest!(config, |(page in 1i64..40, inserts in proptest::collection::vec((-30i64..1200, any::<u8>()), 0..20), ascending in any::<bool>())| {
        let mut conn = pool.get().unwrap();
        walk_with_inserts(&mut conn, page, &inserts, ascending);
    });
    let _ = Tenant::find;
}

#[test]
fn keyset_pagination_visits_every_row_once_under_inserts_sqlite() {
    pagination_property(Backend::Sqlite);
}

#[test]
fn keyset_pagination_visits_every_row_once_under_inserts_postgres() {
    pagination_property(Backend::Postgres);
}
