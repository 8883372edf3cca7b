//! `multipartner seed-scale --relationships N`: a realistic large platform for load tests and
//! query-plan checks. Customers have 1–5 partners; invitations exist in every state; most
//! relationships carry admin access; every relationship has subscriptions and audit events.
//!
//! Rows are written as multi-row INSERTs with explicit ids inside large transactions — tens of
//! thousands of rows per round trip — then the counters are recomputed and the tables
//! analysed. All values are generated here (no user input), so they are written as literals.

use std::io::Write as _;

use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::db::models::counters;
use crate::db::{self, DbConnection};
use crate::domain::AuditAction;
use crate::domain::GdapRole;

/// Rows per INSERT statement.
const ROWS_PER_STATEMENT: usize = 500;
/// Relationships per transaction (with their invitations, access, subscriptions, events).
const RELATIONSHIPS_PER_TX: usize = 10_000;

#[derive(Debug, Clone, Copy)]
pub struct ScaleOptions {
    pub relationships: usize,
    pub seed: u64,
    pub progress: bool,
}

/// Next free id per table, so rows can be written with explicit ids (no read-backs).
struct Ids {
    tenant: i64,
    user: i64,
    invitation: i64,
    relationship: i64,
    access: i64,
    subscription: i64,
    audit: i64,
}

fn next_id(conn: &mut DbConnection, table: &str) -> QueryResult<i64> {
    #[derive(QueryableByName)]
    struct Max {
        #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::BigInt>)]
        m: Option<i64>,
    }
    let max =
        diesel::sql_query(format!("SELECT MAX(id) AS m FROM {table}")).get_result::<Max>(conn)?;
    Ok(max.m.unwrap_or(0) + 1)
}

/// Buffers rows of one table and flushes them as multi-row INSERTs.
struct Batch {
    head: String,
    rows: Vec<String>,
}

impl Batch {
    fn new(table: &str, columns: &str) -> Batch {
        Batch {
            head: format!("INSERT INTO {table} ({columns}) VALUES "),
            rows: Vec::new(),
        }
    }

    /// Buffers a row; rows reach the database at `flush`, which callers make in foreign-key
    /// order (tenants before the rows that name them).
    fn push(&mut self, _conn: &mut DbConnection, row: String) -> QueryResult<()> {
        self.rows.push(row);
        Ok(())
    }

    fn flush(&mut self, conn: &mut DbConnection) -> QueryResult<()> {
        for chunk in self.rows.chunks(ROWS_PER_STATEMENT) {
            let mut sql = self.head.clone();
            sql.push_str(&chunk.join(","));
            diesel::sql_query(sql).execute(conn)?;
        }
        self.rows.clear();
        Ok(())
    }
}

fn ts(at: NaiveDateTime) -> String {
    format!("'{}'", at.format("%Y-%m-%d %H:%M:%S%.6f"))
}

fn opt_ts(at: Option<NaiveDateTime>) -> String {
    at.map(ts).unwrap_or_else(|| "NULL".into())
}

fn progress(done: usize, total: usize, what: &str) {
    let width = 30;
    let filled = (done * width)
        .checked_div(total)
        .unwrap_or(width)
        .min(width);
    let percent = (done * 100).checked_div(total).unwrap_or(100);
    eprint!(
        "\r{what:<14} [{}{}] {done}/{total} ({percent}%)",
        "#".repeat(filled),
        ".".repeat(width - filled),
    );
    let _ = std::io::stderr().flush();
}

pub fn seed_scale(conn: &mut DbConnection, options: ScaleOptions) -> anyhow::Result<()> {
    let pg = matches!(conn, DbConnection::Pg(_));
    let boolean = |b: bool| {
        if pg {
            if b { "TRUE" } else { "FALSE" }
        } else if b {
            "1"
        } else {
            "0"
        }
    };
    let mut rng = StdRng::seed_from_u64(options.seed);
    let now = db::now();
    let n = options.relationships;
    let mut ids = Ids {
        tenant: next_id(conn, "tenants")?,
        user: next_id(conn, "users")?,
        invitation: next_id(conn, "invitations")?,
        relationship: next_id(conn, "relationships")?,
        access: next_id(conn, "admin_access")?,
        subscription: next_id(conn, "subscriptions")?,
        audit: next_id(conn, "audit_events")?,
    };
    let run_tag = format!("s{}-{}", options.seed, ids.tenant);
    let offers: Vec<(i64, String)> = {
        use crate::db::schema::offers;
        offers::table
            .select((offers::id, offers::term))
            .load(conn)?
    };
    anyhow::ensure!(!offers.is_empty(), "seed the demo data (offers) first");

    // Partners: one per 2,000 relationships (at least 20): 70 % direct resellers, 10 %
    // indirect providers, 20 % indirect resellers (each with a provider), one user each.
    let partner_count = (n / 2000).max(20);
    let mut partners: Vec<(i64, &'static str, Option<i64>, i64)> = Vec::new(); // (id, type, provider, user)
    let providers_n = (partner_count / 10).max(1);
    db::write_transaction(conn, |conn| -> anyhow::Result<()> {
        let mut tenants = Batch::new(
            "tenants",
            "id, external_id, kind, name, partner_type, partner_id, default_domain, created_at, active_partner_count, sort_name",
        );
        let mut users = Batch::new(
            "users",
            "id, tenant_id, issuer, subject, login, display_name, roles, created_at, last_sign_in_at",
        );
        let mut links = Batch::new(
            "provider_resellers",
            "provider_tenant_id, reseller_tenant_id, created_at",
        );
        for i in 0..partner_count {
            let id = ids.tenant;
            ids.tenant += 1;
            let (kind, provider) = if i < providers_n {
                ("indirect_provider", None)
            } else if i < providers_n + partner_count / 5 {
                (
                    "indirect_reseller",
                    Some(partners[rng.gen_range(0..providers_n)].0),
                )
            } else {
                ("direct_reseller", None)
            };
            let name = format!("Partner {i:05} {run_tag}");
            tenants.push(conn, format!(
                "({id}, 'scale-partner-{run_tag}-{i}', 'partner', '{name}', '{kind}', '{}', NULL, {}, 0, '{}')",
                9_000_000_000i64 + id, ts(now - TimeDelta::days(1200)), name.to_lowercase()
            ))?;
            let user = ids.user;
            ids.user += 1;
            users.push(conn, format!(
                "({user}, {id}, 'scale', 'scale-user-{run_tag}-{i}', 'agent{i}@partner{i}', 'Agent {i}', 'admin_agent', {}, NULL)",
                ts(now - TimeDelta::days(1200))
            ))?;
            partners.push((id, kind, provider, user));
        }
        tenants.flush(conn)?;
        users.flush(conn)?;
        for (id, _, provider, _) in &partners {
            if let Some(provider) = provider {
                links.push(conn, format!("({provider}, {id}, {})", ts(now)))?;
            }
        }
        links.flush(conn)?;
        Ok(())
    })?;

    let roles_pool = [
        GdapRole::HelpdeskAdministrator,
        GdapRole::UserAdministrator,
        GdapRole::ExchangeAdministrator,
        GdapRole::SharePointAdministrator,
        GdapRole::TeamsAdministrator,
        GdapRole::SecurityReader,
        GdapRole::GlobalReader,
        GdapRole::LicenseAdministrator,
    ];
    let span_secs = 3 * 365 * 24 * 3600;
    let mut made = 0usize;
    let mut customer_no = 0usize;
    while made < n {
        let target = (made + RELATIONSHIPS_PER_TX).min(n);
        db::write_transaction(conn, |conn| -> anyhow::Result<()> {
            let mut tenants = Batch::new(
                "tenants",
                "id, external_id, kind, name, partner_type, partner_id, default_domain, created_at, active_partner_count, sort_name",
            );
            let mut invitations = Batch::new(
                "invitations",
                "id, partner_tenant_id, indirect_provider_tenant_id, token_hash, access, gdap_roles, gdap_duration_days, auto_extend, customer_domain, message, state, created_by_user_id, created_at, expires_at, decided_at, decided_by_user_id, customer_tenant_id",
            );
            let mut relationships = Batch::new(
                "relationships",
                "id, customer_tenant_id, partner_tenant_id, relationship_type, provider_tenant_id, state, invitation_id, established_at, ended_at, ended_by_user_id, ended_by, end_reason",
            );
            let mut access = Batch::new(
                "admin_access",
                "id, relationship_id, customer_tenant_id, partner_tenant_id, kind, roles, starts_at, ends_at, auto_extend, state, invitation_id, removed_at, removed_by_user_id",
            );
            let mut subscriptions = Batch::new(
                "subscriptions",
                "id, customer_tenant_id, offer_id, quantity, status, term, partner_of_record_tenant_id, created_at",
            );
            let mut audit = Batch::new(
                "audit_events",
                "id, occurred_at, actor_user_id, actor_tenant_id, action, target_kind, target_id, outcome, request_id, client_addr, detail",
            );
            while made < target {
                // One customer with 1–5 partners (3 on average).
                let customer = ids.tenant;
                ids.tenant += 1;
                let created = now - TimeDelta::seconds(rng.gen_range(0..span_secs));
                let name = format!("Customer {customer_no:07} {run_tag}");
                let domain =
                    format!("c{customer_no}-{run_tag}.partner.onmschina.cn").to_lowercase();
                tenants.push(conn, format!(
                    "({customer}, 'scale-customer-{run_tag}-{customer_no}', 'customer', '{name}', NULL, NULL, '{domain}', {}, 0, '{}')",
                    ts(created), name.to_lowercase()
                ))?;
                customer_no += 1;
                let want = [1, 2, 3, 3, 4, 5][rng.gen_range(0..6)].min(n - made);
                let mut chosen: Vec<usize> = Vec::new();
                while chosen.len() < want {
                    let p = rng.gen_range(0..partners.len());
                    if !chosen.contains(&p) {
                        chosen.push(p);
                    }
                }
                for p in chosen {
                    let (partner, kind, provider, user) = partners[p];
                    let established = created
                        + TimeDelta::seconds(
                            rng.gen_range(0..(now - created).num_seconds().max(1)),
                        );
                    let invitation = ids.invitation;
                    ids.invitation += 1;
                    let gdap = rng.gen_bool(0.7);
                    let roles = GdapRole::encode_list(
                        roles_pool
                            .iter()
                            .filter(|_| rng.gen_bool(0.3))
                            .chain(std::iter::once(&GdapRole::HelpdeskAdministrator)),
                    );
                    let days: i64 = [30, 90, 180, 365, 730][rng.gen_range(0..5)];
                    let auto_extend = rng.gen_bool(0.5);
                    invitations.push(conn, format!(
                        "({invitation}, {partner}, {}, '{:064x}', '{}', {}, {}, {}, '{domain}', NULL, 'accepted', {user}, {}, {}, {}, NULL, {customer})",
                        provider.map(|p| p.to_string()).unwrap_or("NULL".into()),
                        invitation as u128 * 0x9E37_79B9_7F4A_7C15 + options.seed as u128,
                        if gdap { "reseller_gdap" } else { "reseller" },
                        if gdap { format!("'{roles}'") } else { "NULL".into() },
                        if gdap { days.to_string() } else { "NULL".into() },
                        boolean(gdap && auto_extend),
                        ts(established - TimeDelta::days(2)),
                        ts(established + TimeDelta::days(5)),
                        ts(established),
                    ))?;
                    let relationship = ids.relationship;
                    ids.relationship += 1;
                    let ended = rng.gen_bool(0.1).then(|| {
                        established
                            + TimeDelta::seconds(
                                rng.gen_range(0..(now - established).num_seconds().max(1)),
                            )
                    });
                    relationships.push(conn, format!(
                        "({relationship}, {customer}, {partner}, '{kind}', {}, '{}', {invitation}, {}, {}, NULL, {}, NULL)",
                        provider.map(|p| p.to_string()).unwrap_or("NULL".into()),
                        if ended.is_some() { "ended" } else { "active" },
                        ts(established),
                        opt_ts(ended),
                        if ended.is_some() { "'customer'" } else { "NULL" },
                    ))?;
                    if gdap {
                        let ends = established + TimeDelta::days(days);
                        let state = if ended.is_some() {
                            "removed"
                        } else if ends < now && !auto_extend {
                            "expired"
                        } else {
                            "active"
                        };
                        access.push(conn, format!(
                            "({}, {relationship}, {customer}, {partner}, 'gdap', '{roles}', {}, {}, {}, '{state}', {invitation}, {}, NULL)",
                            ids.access, ts(established), ts(ends), boolean(auto_extend), opt_ts(ended)
                        ))?;
                        ids.access += 1;
                    }
                    for _ in 0..rng.gen_range(1..=2) {
                        let (offer, term) = &offers[rng.gen_range(0..offers.len())];
                        subscriptions.push(
                            conn,
                            format!(
                                "({}, {customer}, {offer}, {}, 'active', '{term}', {partner}, {})",
                                ids.subscription,
                                rng.gen_range(1..500),
                                ts(established + TimeDelta::hours(1))
                            ),
                        )?;
                        ids.subscription += 1;
                    }
                    for (action, at, actor_tenant) in [
                        (
                            AuditAction::InvitationCreate,
                            established - TimeDelta::days(2),
                            partner,
                        ),
                        (AuditAction::InvitationAccept, established, customer),
                    ] {
                        audit.push(conn, format!(
                            "({}, {}, NULL, {actor_tenant}, '{action}', 'invitation', {invitation}, 'success', NULL, NULL, NULL)",
                            ids.audit, ts(at)
                        ))?;
                        ids.audit += 1;
                    }
                    made += 1;
                }
                // Invitations in the other states now and then.
                if rng.gen_bool(0.3) {
                    let (partner, _, provider, user) = partners[rng.gen_range(0..partners.len())];
                    let state = ["pending", "declined", "revoked", "expired"][rng.gen_range(0..4)];
                    let at = now - TimeDelta::seconds(rng.gen_range(0..span_secs));
                    let expires = if state == "pending" {
                        now + TimeDelta::days(rng.gen_range(1..90))
                    } else {
                        at + TimeDelta::days(7)
                    };
                    invitations.push(conn, format!(
                        "({}, {partner}, {}, '{:064x}', 'reseller', NULL, NULL, {}, NULL, NULL, '{state}', {user}, {}, {}, NULL, NULL, NULL)",
                        ids.invitation,
                        provider.map(|p| p.to_string()).unwrap_or("NULL".into()),
                        ids.invitation as u128 * 0x9E37_79B9_7F4A_7C15 + 1 + options.seed as u128,
                        boolean(false),
                        ts(at.min(expires - TimeDelta::days(1))),
                        ts(expires),
                    ))?;
                    ids.invitation += 1;
                }
            }
            tenants.flush(conn)?;
            invitations.flush(conn)?;
            relationships.flush(conn)?;
            access.flush(conn)?;
            subscriptions.flush(conn)?;
            audit.flush(conn)?;
            Ok(())
        })?;
        if options.progress {
            progress(made, n, "relationships");
        }
    }
    if options.progress {
        eprintln!();
        eprint!("recomputing counters and statistics...");
    }
    if pg {
        for table in [
            "tenants",
            "users",
            "invitations",
            "relationships",
            "admin_access",
            "subscriptions",
            "audit_events",
        ] {
            diesel::sql_query(format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
            ))
            .execute(conn)?;
        }
    }
    db::write_transaction(conn, |conn| {
        counters::recompute(conn)?;
        counters::recompute_weekly(conn)
    })?;
    diesel::sql_query("ANALYZE").execute(conn)?;
    if options.progress {
        eprintln!(" done");
    }
    Ok(())
}
