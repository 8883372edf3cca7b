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
    fn push(&mut self, row: String) {
        self.rows.push(row);
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

/// A partner of the generated platform, with its one admin agent.
#[derive(Clone, Copy)]
struct Partner {
    id: i64,
    kind: &'static str,
    provider: Option<i64>,
    user: i64,
}

/// The batches of one transaction's rows, flushed in foreign-key order.
struct Rows {
    tenants: Batch,
    invitations: Batch,
    relationships: Batch,
    access: Batch,
    subscriptions: Batch,
    audit: Batch,
}

const TENANT_COLUMNS: &str = "id, external_id, kind, name, partner_type, partner_id, default_domain, created_at, active_partner_count, sort_name";

impl Rows {
    fn new() -> Rows {
        Rows {
            tenants: Batch::new("tenants", TENANT_COLUMNS),
            invitations: Batch::new(
                "invitations",
                "id, partner_tenant_id, indirect_provider_tenant_id, token_hash, access, gdap_roles, gdap_duration_days, auto_extend, customer_domain, message, state, created_by_user_id, created_at, expires_at, decided_at, decided_by_user_id, customer_tenant_id",
            ),
            relationships: Batch::new(
                "relationships",
                "id, customer_tenant_id, partner_tenant_id, relationship_type, provider_tenant_id, state, invitation_id, established_at, ended_at, ended_by_user_id, ended_by, end_reason",
            ),
            access: Batch::new(
                "admin_access",
                "id, relationship_id, customer_tenant_id, partner_tenant_id, kind, roles, starts_at, ends_at, auto_extend, state, invitation_id, removed_at, removed_by_user_id",
            ),
            subscriptions: Batch::new(
                "subscriptions",
                "id, customer_tenant_id, offer_id, quantity, status, term, partner_of_record_tenant_id, created_at",
            ),
            audit: Batch::new(
                "audit_events",
                "id, occurred_at, actor_user_id, actor_tenant_id, action, target_kind, target_id, outcome, request_id, client_addr, detail",
            ),
        }
    }

    fn flush(&mut self, conn: &mut DbConnection) -> QueryResult<()> {
        self.tenants.flush(conn)?;
        self.invitations.flush(conn)?;
        self.relationships.flush(conn)?;
        self.access.flush(conn)?;
        self.subscriptions.flush(conn)?;
        self.audit.flush(conn)
    }
}

/// GDAP roles the generated invitations pick from (Helpdesk Administrator is always asked).
const ROLES_POOL: [GdapRole; 8] = [
    GdapRole::HelpdeskAdministrator,
    GdapRole::UserAdministrator,
    GdapRole::ExchangeAdministrator,
    GdapRole::SharePointAdministrator,
    GdapRole::TeamsAdministrator,
    GdapRole::SecurityReader,
    GdapRole::GlobalReader,
    GdapRole::LicenseAdministrator,
];

/// Customers are created over the last three years.
const SPAN_SECS: i64 = 3 * 365 * 24 * 3600;

/// The generator's state: one seeded random stream, so a seed gives the same platform.
struct Generator {
    rng: StdRng,
    now: NaiveDateTime,
    pg: bool,
    seed: u64,
    run_tag: String,
    ids: Ids,
    offers: Vec<(i64, String)>,
    customer_no: usize,
}

impl Generator {
    fn boolean(&self, b: bool) -> &'static str {
        match (self.pg, b) {
            (true, true) => "TRUE",
            (true, false) => "FALSE",
            (false, true) => "1",
            (false, false) => "0",
        }
    }

    /// Partners: one per 2,000 relationships (at least 20): 70 % direct resellers, 10 %
    /// indirect providers, 20 % indirect resellers (each with a provider), one user each.
    fn partners(&mut self, conn: &mut DbConnection, n: usize) -> anyhow::Result<Vec<Partner>> {
        let partner_count = (n / 2000).max(20);
        let providers_n = (partner_count / 10).max(1);
        let mut partners: Vec<Partner> = Vec::new();
        let mut tenants = Batch::new("tenants", TENANT_COLUMNS);
        let mut users = Batch::new(
            "users",
            "id, tenant_id, issuer, subject, login, display_name, roles, created_at, last_sign_in_at",
        );
        let mut links = Batch::new(
            "provider_resellers",
            "provider_tenant_id, reseller_tenant_id, created_at",
        );
        let run_tag = self.run_tag.clone();
        let since = ts(self.now - TimeDelta::days(1200));
        for i in 0..partner_count {
            let id = self.ids.tenant;
            self.ids.tenant += 1;
            let (kind, provider) = if i < providers_n {
                ("indirect_provider", None)
            } else if i < providers_n + partner_count / 5 {
                (
                    "indirect_reseller",
                    Some(partners[self.rng.gen_range(0..providers_n)].id),
                )
            } else {
                ("direct_reseller", None)
            };
            let name = format!("Partner {i:05} {run_tag}");
            tenants.push(format!(
                "({id}, 'scale-partner-{run_tag}-{i}', 'partner', '{name}', '{kind}', '{}', NULL, {since}, 0, '{}')",
                9_000_000_000i64 + id,
                name.to_lowercase()
            ));
            let user = self.ids.user;
            self.ids.user += 1;
            users.push(format!(
                "({user}, {id}, 'scale', 'scale-user-{run_tag}-{i}', 'agent{i}@partner{i}', 'Agent {i}', 'admin_agent', {since}, NULL)"
            ));
            partners.push(Partner {
                id,
                kind,
                provider,
                user,
            });
        }
        for partner in &partners {
            if let Some(provider) = partner.provider {
                links.push(format!("({provider}, {}, {})", partner.id, ts(self.now)));
            }
        }
        db::write_transaction(conn, |conn| -> anyhow::Result<()> {
            tenants.flush(conn)?;
            users.flush(conn)?;
            links.flush(conn)?;
            Ok(())
        })?;
        Ok(partners)
    }

    /// One customer with 1–5 partners (3 on average, never more than `room`), and now and
    /// then an invitation in another state. Returns how many relationships it made.
    fn customer(&mut self, rows: &mut Rows, partners: &[Partner], room: usize) -> usize {
        let customer = self.ids.tenant;
        self.ids.tenant += 1;
        let created = self.now - TimeDelta::seconds(self.rng.gen_range(0..SPAN_SECS));
        let (no, run_tag) = (self.customer_no, &self.run_tag);
        let name = format!("Customer {no:07} {run_tag}");
        let domain = format!("c{no}-{run_tag}.partner.onmschina.cn").to_lowercase();
        rows.tenants.push(format!(
            "({customer}, 'scale-customer-{run_tag}-{no}', 'customer', '{name}', NULL, NULL, '{domain}', {}, 0, '{}')",
            ts(created),
            name.to_lowercase()
        ));
        self.customer_no += 1;
        let want = [1, 2, 3, 3, 4, 5][self.rng.gen_range(0..6)].min(room);
        let mut chosen: Vec<usize> = Vec::new();
        while chosen.len() < want {
            let p = self.rng.gen_range(0..partners.len());
            if !chosen.contains(&p) {
                chosen.push(p);
            }
        }
        for p in chosen {
            self.relationship(rows, customer, created, &domain, partners[p]);
        }
        if self.rng.gen_bool(0.3) {
            self.stray_invitation(rows, partners);
        }
        want
    }

    /// An accepted invitation and the relationship it made, with admin access (70 % GDAP),
    /// one or two subscriptions and the invitation's audit events; 10 % have ended since.
    fn relationship(
        &mut self,
        rows: &mut Rows,
        customer: i64,
        created: NaiveDateTime,
        domain: &str,
        partner: Partner,
    ) {
        let now = self.now;
        let Partner {
            id: partner,
            kind,
            provider,
            user,
        } = partner;
        let provider = provider.map(|p| p.to_string()).unwrap_or("NULL".into());
        let established = created
            + TimeDelta::seconds(self.rng.gen_range(0..(now - created).num_seconds().max(1)));
        let invitation = self.ids.invitation;
        self.ids.invitation += 1;
        let gdap = self.rng.gen_bool(0.7);
        let roles = GdapRole::encode_list(
            ROLES_POOL
                .iter()
                .filter(|_| self.rng.gen_bool(0.3))
                .chain(std::iter::once(&GdapRole::HelpdeskAdministrator)),
        );
        let days: i64 = [30, 90, 180, 365, 730][self.rng.gen_range(0..5)];
        let auto_extend = self.rng.gen_bool(0.5);
        rows.invitations.push(format!(
            "({invitation}, {partner}, {provider}, '{:064x}', '{}', {}, {}, {}, '{domain}', NULL, 'accepted', {user}, {}, {}, {}, NULL, {customer})",
            invitation as u128 * 0x9E37_79B9_7F4A_7C15 + self.seed as u128,
            if gdap { "reseller_gdap" } else { "reseller" },
            if gdap { format!("'{roles}'") } else { "NULL".into() },
            if gdap { days.to_string() } else { "NULL".into() },
            self.boolean(gdap && auto_extend),
            ts(established - TimeDelta::days(2)),
            ts(established + TimeDelta::days(5)),
            ts(established),
        ));
        let relationship = self.ids.relationship;
        self.ids.relationship += 1;
        let ended = self.rng.gen_bool(0.1).then(|| {
            established
                + TimeDelta::seconds(
                    self.rng
                        .gen_range(0..(now - established).num_seconds().max(1)),
                )
        });
        rows.relationships.push(format!(
            "({relationship}, {customer}, {partner}, '{kind}', {provider}, '{}', {invitation}, {}, {}, NULL, {}, NULL)",
            if ended.is_some() { "ended" } else { "active" },
            ts(established),
            opt_ts(ended),
            if ended.is_some() { "'customer'" } else { "NULL" },
        ));
        if gdap {
            let ends = established + TimeDelta::days(days);
            let state = if ended.is_some() {
                "removed"
            } else if ends < now && !auto_extend {
                "expired"
            } else {
                "active"
            };
            rows.access.push(format!(
                "({}, {relationship}, {customer}, {partner}, 'gdap', '{roles}', {}, {}, {}, '{state}', {invitation}, {}, NULL)",
                self.ids.access,
                ts(established),
                ts(ends),
                self.boolean(auto_extend),
                opt_ts(ended)
            ));
            self.ids.access += 1;
        }
        for _ in 0..self.rng.gen_range(1..=2) {
            let pick = self.rng.gen_range(0..self.offers.len());
            let (offer, term) = &self.offers[pick];
            rows.subscriptions.push(format!(
                "({}, {customer}, {offer}, {}, 'active', '{term}', {partner}, {})",
                self.ids.subscription,
                self.rng.gen_range(1..500),
                ts(established + TimeDelta::hours(1))
            ));
            self.ids.subscription += 1;
        }
        for (action, at, actor_tenant) in [
            (
                AuditAction::InvitationCreate,
                established - TimeDelta::days(2),
                partner,
            ),
            (AuditAction::InvitationAccept, established, customer),
        ] {
            rows.audit.push(format!(
                "({}, {}, NULL, {actor_tenant}, '{action}', 'invitation', {invitation}, 'success', NULL, NULL, NULL)",
                self.ids.audit,
                ts(at)
            ));
            self.ids.audit += 1;
        }
    }

    /// A reseller invitation that is pending, declined, revoked or expired.
    fn stray_invitation(&mut self, rows: &mut Rows, partners: &[Partner]) {
        let now = self.now;
        let partner = partners[self.rng.gen_range(0..partners.len())];
        let state = ["pending", "declined", "revoked", "expired"][self.rng.gen_range(0..4)];
        let at = now - TimeDelta::seconds(self.rng.gen_range(0..SPAN_SECS));
        let expires = if state == "pending" {
            now + TimeDelta::days(self.rng.gen_range(1..90))
        } else {
            at + TimeDelta::days(7)
        };
        rows.invitations.push(format!(
            "({}, {}, {}, '{:064x}', 'reseller', NULL, NULL, {}, NULL, NULL, '{state}', {}, {}, {}, NULL, NULL, NULL)",
            self.ids.invitation,
            partner.id,
            partner.provider.map(|p| p.to_string()).unwrap_or("NULL".into()),
            self.ids.invitation as u128 * 0x9E37_79B9_7F4A_7C15 + 1 + self.seed as u128,
            self.boolean(false),
            partner.user,
            ts(at.min(expires - TimeDelta::days(1))),
            ts(expires),
        ));
        self.ids.invitation += 1;
    }
}

pub fn seed_scale(conn: &mut DbConnection, options: ScaleOptions) -> anyhow::Result<()> {
    let n = options.relationships;
    let ids = Ids {
        tenant: next_id(conn, "tenants")?,
        user: next_id(conn, "users")?,
        invitation: next_id(conn, "invitations")?,
        relationship: next_id(conn, "relationships")?,
        access: next_id(conn, "admin_access")?,
        subscription: next_id(conn, "subscriptions")?,
        audit: next_id(conn, "audit_events")?,
    };
    let offers: Vec<(i64, String)> = {
        use crate::db::schema::offers;
        offers::table
            .select((offers::id, offers::term))
            .load(conn)?
    };
    anyhow::ensure!(!offers.is_empty(), "seed the demo data (offers) first");
    let mut generator = Generator {
        rng: StdRng::seed_from_u64(options.seed),
        now: db::now(),
        pg: matches!(conn, DbConnection::Pg(_)),
        seed: options.seed,
        run_tag: format!("s{}-{}", options.seed, ids.tenant),
        ids,
        offers,
        customer_no: 0,
    };
    let partners = generator.partners(conn, n)?;
    let mut made = 0usize;
    while made < n {
        let target = (made + RELATIONSHIPS_PER_TX).min(n);
        let mut rows = Rows::new();
        while made < target {
            made += generator.customer(&mut rows, &partners, n - made);
        }
        db::write_transaction(conn, |conn| rows.flush(conn))?;
        if options.progress {
            progress(made, n, "relationships");
        }
    }
    if options.progress {
        eprintln!();
        eprint!("recomputing counters and statistics...");
    }
    finish(conn, generator.pg)?;
    if options.progress {
        eprintln!(" done");
    }
    Ok(())
}

/// Moves PostgreSQL's sequences past the explicit ids, recomputes the counters and analyses.
fn finish(conn: &mut DbConnection, pg: bool) -> anyhow::Result<()> {
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
    Ok(())
}
