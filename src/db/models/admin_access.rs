//! Delegated admin access a customer granted a partner (DAP or GDAP). Expiry is computed at
//! read time from `ends_at`; the sweep records it (and auto-extensions) in the audit trail.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::models::counters;
use crate::db::schema::admin_access;
use crate::domain::{AdminAccessKind, AdminAccessState, EndedBy, GdapRole, admin_access as rules};

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = admin_access)]
pub struct AdminAccess {
    pub id: i64,
    pub relationship_id: i64,
    pub customer_tenant_id: i64,
    pub partner_tenant_id: i64,
    pub kind: AdminAccessKind,
    pub roles: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: Option<NaiveDateTime>,
    pub auto_extend: bool,
    pub state: AdminAccessState,
    pub invitation_id: Option<i64>,
    pub removed_at: Option<NaiveDateTime>,
    pub removed_by_user_id: Option<i64>,
    /// Which side ended it: removed by the customer or terminated by the partner.
    pub removed_by: Option<EndedBy>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = admin_access)]
pub struct NewAdminAccess<'a> {
    pub relationship_id: i64,
    pub customer_tenant_id: i64,
    pub partner_tenant_id: i64,
    pub kind: AdminAccessKind,
    pub roles: &'a str,
    pub starts_at: NaiveDateTime,
    pub ends_at: Option<NaiveDateTime>,
    pub auto_extend: bool,
    pub state: AdminAccessState,
    pub invitation_id: Option<i64>,
}

impl AdminAccess {
    pub fn roles(&self) -> Vec<GdapRole> {
        GdapRole::decode_list(&self.roles)
            .map(|set| set.into_iter().collect())
            .unwrap_or_default()
    }

    /// The state as of `now`: active access past its end reads as expired, unless it
    /// auto-extends (then the sweep extends it).
    pub fn effective_state(&self, now: NaiveDateTime) -> AdminAccessState {
        rules::effective_state_with_auto_extend(
            self.state,
            self.ends_at.map(|e| e.and_utc()),
            self.auto_extend,
            now.and_utc(),
        )
    }

    pub fn insert(conn: &mut DbConnection, new: &NewAdminAccess<'_>) -> QueryResult<usize> {
        let inserted = diesel::insert_into(admin_access::table)
            .values(new)
            .execute(conn)?;
        counters::add(
            conn,
            &counters::admin_access_active(new.kind.as_str()),
            inserted as i64,
        )?;
        Ok(inserted)
    }

    /// Access rows of one customer–partner pair, newest first.
    pub fn between(
        conn: &mut DbConnection,
        customer: i64,
        partner: i64,
    ) -> QueryResult<Vec<AdminAccess>> {
        admin_access::table
            .filter(admin_access::customer_tenant_id.eq(customer))
            .filter(admin_access::partner_tenant_id.eq(partner))
            .order((admin_access::starts_at.desc(), admin_access::id.desc()))
            .select(AdminAccess::as_select())
            .load(conn)
    }

    /// Every access row of a customer (the customer's partner list).
    pub fn for_customer(conn: &mut DbConnection, customer: i64) -> QueryResult<Vec<AdminAccess>> {
        admin_access::table
            .filter(admin_access::customer_tenant_id.eq(customer))
            .order((admin_access::starts_at.desc(), admin_access::id.desc()))
            .select(AdminAccess::as_select())
            .load(conn)
    }

    /// Every access row a partner holds (the partner's customer list).
    pub fn for_partner(conn: &mut DbConnection, partner: i64) -> QueryResult<Vec<AdminAccess>> {
        admin_access::table
            .filter(admin_access::partner_tenant_id.eq(partner))
            .order((admin_access::starts_at.desc(), admin_access::id.desc()))
            .select(AdminAccess::as_select())
            .load(conn)
    }

    /// Ends every stored-active access row of the pair (removal by the customer, termination
    /// by the partner, or the end of the relationship by either). Returns how many rows changed.
    pub fn remove_between(
        conn: &mut DbConnection,
        customer: i64,
        partner: i64,
        by: EndedBy,
        by_user: i64,
        at: NaiveDateTime,
    ) -> QueryResult<usize> {
        let active = admin_access::table
            .filter(admin_access::customer_tenant_id.eq(customer))
            .filter(admin_access::partner_tenant_id.eq(partner))
            .filter(admin_access::state.eq(AdminAccessState::Active.as_str()));
        let kinds: Vec<String> = active.select(admin_access::kind).load(conn)?;
        let removed = diesel::update(active)
            .set((
                admin_access::state.eq(AdminAccessState::Removed.as_str()),
                admin_access::removed_at.eq(Some(at)),
                admin_access::removed_by_user_id.eq(Some(by_user)),
                admin_access::removed_by.eq(Some(by.as_str())),
            ))
            .execute(conn)?;
        for kind in kinds {
            counters::add(conn, &counters::admin_access_active(&kind), -1)?;
        }
        Ok(removed)
    }

    /// Stored-active access whose end has passed (for the sweep).
    pub fn due(
        conn: &mut DbConnection,
        now: NaiveDateTime,
        limit: i64,
    ) -> QueryResult<Vec<AdminAccess>> {
        admin_access::table
            .filter(admin_access::state.eq(AdminAccessState::Active.as_str()))
            .filter(admin_access::ends_at.le(now))
            .order((admin_access::ends_at.asc(), admin_access::id.asc()))
            .limit(limit)
            .select(AdminAccess::as_select())
            .load(conn)
    }

    pub fn mark_expired(conn: &mut DbConnection, id: i64) -> QueryResult<bool> {
        let changed = diesel::update(
            admin_access::table
                .filter(admin_access::id.eq(id))
                .filter(admin_access::state.eq(AdminAccessState::Active.as_str())),
        )
        .set(admin_access::state.eq(AdminAccessState::Expired.as_str()))
        .execute(conn)?;
        if changed == 1 {
            let kind: String = admin_access::table
                .find(id)
                .select(admin_access::kind)
                .first(conn)?;
            counters::add(conn, &counters::admin_access_active(&kind), -1)?;
        }
        Ok(changed == 1)
    }

    pub fn extend_to(
        conn: &mut DbConnection,
        id: i64,
        ends_at: NaiveDateTime,
    ) -> QueryResult<bool> {
        let changed = diesel::update(
            admin_access::table
                .filter(admin_access::id.eq(id))
                .filter(admin_access::state.eq(AdminAccessState::Active.as_str())),
        )
        .set(admin_access::ends_at.eq(Some(ends_at)))
        .execute(conn)?;
        Ok(changed == 1)
    }
}
