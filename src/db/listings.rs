//! The operator's listings over the big tables. Keyset pagination on indexed row values —
//! `(sort_key, id) < ($1, $2) ORDER BY sort_key DESC, id DESC LIMIT n + 1` — so the n-th page
//! costs what the first does; no OFFSET and no COUNT over the table.
//!
//! Written as SQL text through a small builder (placeholders per backend) rather than diesel's
//! DSL because diesel has no row-value comparison, and so that the tests can `EXPLAIN` exactly
//! the text the pages run.

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use diesel::QueryableByName;
use diesel::query_builder::BoxedSqlQuery;
use diesel::sql_types::{BigInt, Integer, Nullable, Text, Timestamp};
use diesel::{QueryResult, RunQueryDsl};

use crate::db::DbConnection;
use crate::domain::{
    AuditAction, InvitationAccess, InvitationState, Outcome, RelationshipState, RelationshipType,
};
use crate::listing::{
    AuditFilter, Cursor, CustomerFilter, InvitationFilter, Order, RelationshipFilter, SortKey,
};

type Backend = <DbConnection as diesel::Connection>::Backend;

#[derive(Debug, Clone)]
pub enum Bind {
    I64(i64),
    I32(i32),
    Text(String),
    Time(NaiveDateTime),
}

/// SQL text with its bind values, placeholders in the connection's style.
#[derive(Debug, Clone)]
pub struct Sql {
    postgres: bool,
    text: String,
    binds: Vec<Bind>,
}

impl Sql {
    pub fn new(conn: &DbConnection) -> Sql {
        Sql {
            postgres: matches!(conn, DbConnection::Pg(_)),
            text: String::new(),
            binds: Vec::new(),
        }
    }

    pub fn push(&mut self, sql: &str) -> &mut Sql {
        self.text.push_str(sql);
        self
    }

    pub fn bind(&mut self, value: Bind) -> &mut Sql {
        self.binds.push(value);
        if self.postgres {
            let n = self.binds.len();
            self.text.push_str(&format!("${n}"));
        } else {
            self.text.push('?');
        }
        self
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    fn query(
        &self,
        prefix: &str,
    ) -> BoxedSqlQuery<'static, Backend, diesel::query_builder::SqlQuery> {
        let mut query = diesel::sql_query(format!("{prefix}{}", self.text)).into_boxed::<Backend>();
        for bind in &self.binds {
            query = match bind.clone() {
                Bind::I64(v) => query.bind::<BigInt, _>(v),
                Bind::I32(v) => query.bind::<Integer, _>(v),
                Bind::Text(v) => query.bind::<Text, _>(v),
                Bind::Time(v) => query.bind::<Timestamp, _>(v),
            };
        }
        query
    }

    pub fn load<T: QueryableByName<Backend> + 'static>(
        &self,
        conn: &mut DbConnection,
    ) -> QueryResult<Vec<T>> {
        self.query("").load(conn)
    }

    /// The engine's plan for this query, one line per step.
    pub fn explain(&self, conn: &mut DbConnection) -> QueryResult<Vec<String>> {
        #[derive(QueryableByName)]
        struct SqlitePlan {
            #[diesel(sql_type = Text)]
            detail: String,
        }
        #[derive(QueryableByName)]
        struct PgPlan {
            #[diesel(sql_type = Text, column_name = "QUERY PLAN")]
            line: String,
        }
        if self.postgres {
            Ok(self
                .query("EXPLAIN ")
                .load::<PgPlan>(conn)?
                .into_iter()
                .map(|r| r.line)
                .collect())
        } else {
            Ok(self
                .query("EXPLAIN QUERY PLAN ")
                .load::<SqlitePlan>(conn)?
                .into_iter()
                .map(|r| r.detail)
                .collect())
        }
    }
}

/// One page of rows and the cursor of the next page, if there is one.
#[derive(Debug, Clone)]
pub struct ListPage<T> {
    pub rows: Vec<T>,
    pub next: Option<Cursor>,
}

fn micros(at: NaiveDateTime) -> i64 {
    at.and_utc().timestamp_micros()
}

fn from_micros(us: i64) -> Option<NaiveDateTime> {
    DateTime::from_timestamp_micros(us).map(|d| d.naive_utc())
}

fn day_start(d: NaiveDate) -> NaiveDateTime {
    d.and_hms_opt(0, 0, 0).unwrap_or_default()
}

/// `AND (time_col, id_col) < (t, id)` (or `>` ascending) for a time cursor.
fn keyset_time(sql: &mut Sql, cols: &str, order: Order, after: Option<&Cursor>) {
    if let Some(Cursor {
        key: SortKey::Time(us),
        id,
        ..
    }) = after
        && let Some(at) = from_micros(*us)
    {
        let op = if order == Order::Desc { "<" } else { ">" };
        sql.push(&format!(" AND ({cols}) {op} ("))
            .bind(Bind::Time(at))
            .push(", ")
            .bind(Bind::I64(*id))
            .push(")");
    }
}

fn order_by(sql: &mut Sql, time_col: &str, id_col: &str, order: Order, limit: i64) {
    let dir = if order == Order::Desc { "DESC" } else { "ASC" };
    sql.push(&format!(
        " ORDER BY {time_col} {dir}, {id_col} {dir} LIMIT {}",
        limit + 1
    ));
}

/// Splits `limit + 1` fetched rows into the page and the next cursor.
fn paginate<T>(
    mut rows: Vec<T>,
    limit: i64,
    scope: &str,
    key: impl Fn(&T) -> (SortKey, i64),
) -> ListPage<T> {
    let next = if rows.len() as i64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|last| {
            let (key, id) = key(last);
            Cursor {
                scope: scope.to_owned(),
                key,
                id,
            }
        })
    } else {
        None
    };
    ListPage { rows, next }
}

// --- relationships -------------------------------------------------------------------------

#[derive(Debug, Clone, QueryableByName)]
pub struct RelationshipRow {
    #[diesel(sql_type = BigInt)]
    pub id: i64,
    #[diesel(sql_type = Timestamp)]
    pub established_at: NaiveDateTime,
    #[diesel(sql_type = Text)]
    pub relationship_type: RelationshipType,
    #[diesel(sql_type = Text)]
    pub state: RelationshipState,
    #[diesel(sql_type = Nullable<Timestamp>)]
    pub ended_at: Option<NaiveDateTime>,
    #[diesel(sql_type = BigInt)]
    pub customer_id: i64,
    #[diesel(sql_type = Text)]
    pub customer_name: String,
    #[diesel(sql_type = BigInt)]
    pub partner_tenant_id: i64,
    #[diesel(sql_type = Text)]
    pub partner_name: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub partner_public_id: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub provider_name: Option<String>,
}

pub const RELATIONSHIPS: &str = "relationships";

pub fn relationships_sql(
    conn: &DbConnection,
    f: &RelationshipFilter,
    after: Option<&Cursor>,
    limit: i64,
) -> Sql {
    let mut sql = Sql::new(conn);
    sql.push(
        "SELECT r.id, r.established_at, r.relationship_type, r.state, r.ended_at, \
         r.customer_tenant_id AS customer_id, \
         (SELECT name FROM tenants WHERE id = r.customer_tenant_id) AS customer_name, \
         r.partner_tenant_id, \
         (SELECT name FROM tenants WHERE id = r.partner_tenant_id) AS partner_name, \
         (SELECT partner_id FROM tenants WHERE id = r.partner_tenant_id) AS partner_public_id, \
         (SELECT name FROM tenants WHERE id = r.provider_tenant_id) AS provider_name \
         FROM relationships r WHERE 1 = 1",
    );
    if let Some(partner) = f.partner {
        sql.push(" AND r.partner_tenant_id = ")
            .bind(Bind::I64(partner));
    }
    if let Some(kind) = f.kind {
        sql.push(" AND r.relationship_type = ")
            .bind(Bind::Text(kind.as_str().into()));
    }
    if let Some(state) = f.state {
        sql.push(" AND r.state = ")
            .bind(Bind::Text(state.as_str().into()));
    }
    if let Some(from) = f.from {
        sql.push(" AND r.established_at >= ")
            .bind(Bind::Time(day_start(from)));
    }
    if let Some(to) = f.to.and_then(|d| d.succ_opt()) {
        sql.push(" AND r.established_at < ")
            .bind(Bind::Time(day_start(to)));
    }
    keyset_time(&mut sql, "r.established_at, r.id", f.order, after);
    order_by(&mut sql, "r.established_at", "r.id", f.order, limit);
    sql
}

pub fn relationships(
    conn: &mut DbConnection,
    f: &RelationshipFilter,
    after: Option<&Cursor>,
    limit: i64,
) -> QueryResult<ListPage<RelationshipRow>> {
    let rows = relationships_sql(conn, f, after, limit).load::<RelationshipRow>(conn)?;
    Ok(paginate(rows, limit, RELATIONSHIPS, |r| {
        (SortKey::Time(micros(r.established_at)), r.id)
    }))
}

// --- invitations ---------------------------------------------------------------------------

#[derive(Debug, Clone, QueryableByName)]
pub struct InvitationRow {
    #[diesel(sql_type = BigInt)]
    pub id: i64,
    #[diesel(sql_type = Timestamp)]
    pub created_at: NaiveDateTime,
    #[diesel(sql_type = Timestamp)]
    pub expires_at: NaiveDateTime,
    #[diesel(sql_type = Text)]
    pub access: InvitationAccess,
    #[diesel(sql_type = Text)]
    pub state: InvitationState,
    #[diesel(sql_type = BigInt)]
    pub partner_tenant_id: i64,
    #[diesel(sql_type = Text)]
    pub partner_name: String,
    #[diesel(sql_type = Text)]
    pub created_by: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub customer_name: Option<String>,
    #[diesel(sql_type = Nullable<Timestamp>)]
    pub decided_at: Option<NaiveDateTime>,
}

pub const INVITATIONS: &str = "invitations";

pub fn invitations_sql(
    conn: &DbConnection,
    f: &InvitationFilter,
    after: Option<&Cursor>,
    limit: i64,
) -> Sql {
    let mut sql = Sql::new(conn);
    sql.push(
        "SELECT i.id, i.created_at, i.expires_at, i.access, i.state, i.partner_tenant_id, \
         (SELECT name FROM tenants WHERE id = i.partner_tenant_id) AS partner_name, \
         (SELECT display_name FROM users WHERE id = i.created_by_user_id) AS created_by, \
         (SELECT name FROM tenants WHERE id = i.customer_tenant_id) AS customer_name, i.decided_at \
         FROM invitations i WHERE 1 = 1",
    );
    if let Some(partner) = f.partner {
        sql.push(" AND i.partner_tenant_id = ")
            .bind(Bind::I64(partner));
    }
    if let Some(state) = f.state {
        sql.push(" AND i.state = ")
            .bind(Bind::Text(state.as_str().into()));
    }
    keyset_time(&mut sql, "i.created_at, i.id", f.order, after);
    order_by(&mut sql, "i.created_at", "i.id", f.order, limit);
    sql
}

pub fn invitations(
    conn: &mut DbConnection,
    f: &InvitationFilter,
    after: Option<&Cursor>,
    limit: i64,
) -> QueryResult<ListPage<InvitationRow>> {
    let rows = invitations_sql(conn, f, after, limit).load::<InvitationRow>(conn)?;
    Ok(paginate(rows, limit, INVITATIONS, |r| {
        (SortKey::Time(micros(r.created_at)), r.id)
    }))
}

// --- audit trail ---------------------------------------------------------------------------

#[derive(Debug, Clone, QueryableByName)]
pub struct AuditRow {
    #[diesel(sql_type = BigInt)]
    pub id: i64,
    #[diesel(sql_type = Timestamp)]
    pub occurred_at: NaiveDateTime,
    #[diesel(sql_type = Text)]
    pub action: AuditAction,
    #[diesel(sql_type = Text)]
    pub outcome: Outcome,
    #[diesel(sql_type = Nullable<BigInt>)]
    pub actor_tenant_id: Option<i64>,
    #[diesel(sql_type = Nullable<Text>)]
    pub actor_tenant: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub actor_user: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub target_kind: Option<String>,
    #[diesel(sql_type = Nullable<BigInt>)]
    pub target_id: Option<i64>,
    #[diesel(sql_type = Nullable<Text>)]
    pub detail: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub request_id: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub client_addr: Option<String>,
}

pub const AUDIT: &str = "audit";

pub fn audit_sql(conn: &DbConnection, f: &AuditFilter, after: Option<&Cursor>, limit: i64) -> Sql {
    let mut sql = Sql::new(conn);
    sql.push(
        "SELECT a.id, a.occurred_at, a.action, a.outcome, a.actor_tenant_id, \
         (SELECT name FROM tenants WHERE id = a.actor_tenant_id) AS actor_tenant, \
         (SELECT display_name FROM users WHERE id = a.actor_user_id) AS actor_user, \
         a.target_kind, a.target_id, a.detail, a.request_id, a.client_addr \
         FROM audit_events a WHERE 1 = 1",
    );
    if let Some(tenant) = f.actor_tenant {
        sql.push(" AND a.actor_tenant_id = ")
            .bind(Bind::I64(tenant));
    }
    if let Some(action) = &f.action {
        sql.push(" AND a.action = ")
            .bind(Bind::Text(action.as_str().to_owned()));
    }
    if let Some(from) = f.from {
        sql.push(" AND a.occurred_at >= ")
            .bind(Bind::Time(day_start(from)));
    }
    if let Some(to) = f.to.and_then(|d| d.succ_opt()) {
        sql.push(" AND a.occurred_at < ")
            .bind(Bind::Time(day_start(to)));
    }
    keyset_time(&mut sql, "a.occurred_at, a.id", f.order, after);
    order_by(&mut sql, "a.occurred_at", "a.id", f.order, limit);
    sql
}

pub fn audit(
    conn: &mut DbConnection,
    f: &AuditFilter,
    after: Option<&Cursor>,
    limit: i64,
) -> QueryResult<ListPage<AuditRow>> {
    let rows = audit_sql(conn, f, after, limit).load::<AuditRow>(conn)?;
    Ok(paginate(rows, limit, AUDIT, |r| {
        (SortKey::Time(micros(r.occurred_at)), r.id)
    }))
}

// --- customers -----------------------------------------------------------------------------

#[derive(Debug, Clone, QueryableByName)]
pub struct CustomerRow {
    #[diesel(sql_type = BigInt)]
    pub id: i64,
    #[diesel(sql_type = Text)]
    pub name: String,
    #[diesel(sql_type = Text)]
    pub sort_name: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub default_domain: Option<String>,
    #[diesel(sql_type = Integer)]
    pub partners: i32,
    #[diesel(sql_type = Timestamp)]
    pub created_at: NaiveDateTime,
    /// With the partner filter: when that partner's relationship began (the listing's order).
    #[diesel(sql_type = Nullable<Timestamp>)]
    pub since: Option<NaiveDateTime>,
    /// With the partner filter: the relationship id (the keyset tie-breaker).
    #[diesel(sql_type = Nullable<BigInt>)]
    pub relationship_id: Option<i64>,
}

pub const CUSTOMERS_BY_NAME: &str = "customers:name";
pub const CUSTOMERS_BY_DOMAIN: &str = "customers:domain";
pub const CUSTOMERS_OF_PARTNER: &str = "customers:partner";

/// The cursor scope of a customer filter (the order depends on the filter).
pub fn customers_scope(f: &CustomerFilter) -> &'static str {
    if f.partner.is_some() {
        CUSTOMERS_OF_PARTNER
    } else if f.by_domain() {
        CUSTOMERS_BY_DOMAIN
    } else {
        CUSTOMERS_BY_NAME
    }
}

/// Text prefix as a range on an index: `col >= q AND col < q || U+10FFFF`. With a cursor
/// (which lies inside the range) the lower bound is the cursor's row value alone: SQLite's
/// planner mishandles two lower bounds on one column and falls back to sorting.
fn prefix(sql: &mut Sql, col: &str, q: &str, has_cursor: bool) {
    if !has_cursor {
        sql.push(&format!(" AND {col} >= "))
            .bind(Bind::Text(q.to_owned()));
    }
    sql.push(&format!(" AND {col} < "))
        .bind(Bind::Text(format!("{q}\u{10FFFF}")));
}

pub fn customers_sql(
    conn: &DbConnection,
    f: &CustomerFilter,
    after: Option<&Cursor>,
    limit: i64,
) -> Sql {
    let mut sql = Sql::new(conn);
    if let Some(partner) = f.partner {
        // Driven by the partner's relationships in index order; the customer's columns are
        // looked up per row (only the page's rows), so no join can reorder the plan.
        let col = |c: &str| format!("(SELECT {c} FROM tenants WHERE id = r.customer_tenant_id)");
        sql.push(&format!(
            "SELECT r.customer_tenant_id AS id, {} AS name, {} AS sort_name, {} AS default_domain, \
             {} AS partners, {} AS created_at, r.established_at AS since, r.id AS relationship_id \
             FROM relationships r WHERE r.partner_tenant_id = ",
            col("name"),
            col("sort_name"),
            col("default_domain"),
            col("active_partner_count"),
            col("created_at"),
        ))
        .bind(Bind::I64(partner))
        .push(" AND r.state = 'active'");
        if let Some(min) = f.min_partners {
            sql.push(&format!(" AND {} >= ", col("active_partner_count")))
                .bind(Bind::I32(min));
        }
        if let Some(q) = &f.q {
            let key = if f.by_domain() {
                col("default_domain")
            } else {
                col("sort_name")
            };
            prefix(&mut sql, &key, q, false);
        }
        keyset_time(&mut sql, "r.established_at, r.id", Order::Desc, after);
        order_by(&mut sql, "r.established_at", "r.id", Order::Desc, limit);
        return sql;
    }
    let key = if f.by_domain() {
        "t.default_domain"
    } else {
        "t.sort_name"
    };
    sql.push(
        "SELECT t.id, t.name, t.sort_name, t.default_domain, t.active_partner_count AS partners, \
         t.created_at, NULL AS since, NULL AS relationship_id FROM tenants t WHERE t.kind = 'customer'",
    );
    if let Some(min) = f.min_partners {
        sql.push(" AND t.active_partner_count >= ")
            .bind(Bind::I32(min));
    }
    if let Some(q) = &f.q {
        prefix(&mut sql, key, q, after.is_some());
    }
    if let Some(Cursor {
        key: SortKey::Text(last),
        id,
        ..
    }) = after
    {
        sql.push(&format!(" AND ({key}, t.id) > ("))
            .bind(Bind::Text(last.clone()))
            .push(", ")
            .bind(Bind::I64(*id))
            .push(")");
    }
    sql.push(&format!(" ORDER BY {key}, t.id LIMIT {}", limit + 1));
    sql
}

pub fn customers(
    conn: &mut DbConnection,
    f: &CustomerFilter,
    after: Option<&Cursor>,
    limit: i64,
) -> QueryResult<ListPage<CustomerRow>> {
    let rows = customers_sql(conn, f, after, limit).load::<CustomerRow>(conn)?;
    let scope = customers_scope(f);
    let by_domain = f.by_domain();
    Ok(paginate(rows, limit, scope, |r| {
        match (r.since, r.relationship_id) {
            (Some(since), Some(rel)) => (SortKey::Time(micros(since)), rel),
            _ if by_domain => (
                SortKey::Text(r.default_domain.clone().unwrap_or_default()),
                r.id,
            ),
            _ => (SortKey::Text(r.sort_name.clone()), r.id),
        }
    }))
}

/// Active admin access ending within `[now, until)`, counted up to `cap + 1` rows so the
/// overview stays bounded however large the platform grows (shown as "cap+").
pub fn expiring_admin_access(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    until: NaiveDateTime,
    cap: i64,
) -> QueryResult<i64> {
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    let mut sql = Sql::new(conn);
    sql.push("SELECT COUNT(*) AS n FROM (SELECT 1 FROM admin_access WHERE state = 'active' AND ends_at >= ")
        .bind(Bind::Time(now))
        .push(" AND ends_at < ")
        .bind(Bind::Time(until))
        .push(&format!(" LIMIT {}) x", cap + 1));
    Ok(sql.load::<Count>(conn)?.first().map(|c| c.n).unwrap_or(0))
}
