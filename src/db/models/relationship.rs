//! Reseller relationships between a customer and a partner. At most one is active per pair
//! (a partial unique index enforces it).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::models::{Tenant, counters};
use crate::db::schema::{relationships, subscriptions, tenants};
use crate::domain::{EndedBy, RelationshipState, RelationshipType};

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = relationships)]
pub struct Relationship {
    pub id: i64,
    pub customer_tenant_id: i64,
    pub partner_tenant_id: i64,
    pub relationship_type: RelationshipType,
    pub provider_tenant_id: Option<i64>,
    pub state: RelationshipState,
    pub invitation_id: Option<i64>,
    pub established_at: NaiveDateTime,
    pub ended_at: Option<NaiveDateTime>,
    pub ended_by_user_id: Option<i64>,
    pub ended_by: Option<EndedBy>,
    pub end_reason: Option<String>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = relationships)]
pub struct NewRelationship {
    pub customer_tenant_id: i64,
    pub partner_tenant_id: i64,
    pub relationship_type: RelationshipType,
    pub provider_tenant_id: Option<i64>,
    pub state: RelationshipState,
    pub invitation_id: Option<i64>,
    pub established_at: NaiveDateTime,
}

impl Relationship {
    pub fn is_active(&self) -> bool {
        self.state == RelationshipState::Active
    }

    pub fn insert(conn: &mut DbConnection, new: &NewRelationship) -> QueryResult<Relationship> {
        diesel::insert_into(relationships::table)
            .values(new)
            .execute(conn)?;
        counters::add(
            conn,
            &counters::relationships_active(new.relationship_type.as_str()),
            1,
        )?;
        // The overview chart's weekly bars read this series: without it a week with new
        // relationships showed 0.
        counters::add_weekly(conn, counters::WEEK_RELATIONSHIPS, new.established_at, 1)?;
        Self::count_partner(conn, new.customer_tenant_id, 1)?;
        relationships::table
            .filter(relationships::customer_tenant_id.eq(new.customer_tenant_id))
            .filter(relationships::partner_tenant_id.eq(new.partner_tenant_id))
            .filter(relationships::state.eq(RelationshipState::Active.as_str()))
            .select(Relationship::as_select())
            .first(conn)
    }

    /// The active relationship between a customer and a partner, if any.
    pub fn active_between(
        conn: &mut DbConnection,
        customer: i64,
        partner: i64,
    ) -> QueryResult<Option<Relationship>> {
        relationships::table
            .filter(relationships::customer_tenant_id.eq(customer))
            .filter(relationships::partner_tenant_id.eq(partner))
            .filter(relationships::state.eq(RelationshipState::Active.as_str()))
            .select(Relationship::as_select())
            .first(conn)
            .optional()
    }

    /// Every relationship (active and ended) between a customer and a partner, newest first.
    pub fn history_between(
        conn: &mut DbConnection,
        customer: i64,
        partner: i64,
    ) -> QueryResult<Vec<Relationship>> {
        relationships::table
            .filter(relationships::customer_tenant_id.eq(customer))
            .filter(relationships::partner_tenant_id.eq(partner))
            .order((
                relationships::established_at.desc(),
                relationships::id.desc(),
            ))
            .select(Relationship::as_select())
            .load(conn)
    }

    /// A customer's relationships with the partner tenant of each (the customer's view).
    pub fn for_customer(
        conn: &mut DbConnection,
        customer: i64,
    ) -> QueryResult<Vec<(Relationship, Tenant)>> {
        relationships::table
            .inner_join(tenants::table.on(tenants::id.eq(relationships::partner_tenant_id)))
            .filter(relationships::customer_tenant_id.eq(customer))
            .order((
                relationships::state.asc(),
                tenants::name.asc(),
                relationships::established_at.desc(),
            ))
            .select((Relationship::as_select(), Tenant::as_select()))
            .load(conn)
    }

    /// A partner's relationships with the customer tenant of each (the partner's view: only
    /// its own relationships, never another partner's).
    pub fn for_partner(
        conn: &mut DbConnection,
        partner: i64,
    ) -> QueryResult<Vec<(Relationship, Tenant)>> {
        relationships::table
            .inner_join(tenants::table.on(tenants::id.eq(relationships::customer_tenant_id)))
            .filter(relationships::partner_tenant_id.eq(partner))
            .order((
                relationships::state.asc(),
                tenants::name.asc(),
                relationships::established_at.desc(),
            ))
            .select((Relationship::as_select(), Tenant::as_select()))
            .load(conn)
    }

    /// Keeps the customer's active-partner count, and the multi-partner counter, in step.
    fn count_partner(conn: &mut DbConnection, customer: i64, delta: i32) -> QueryResult<()> {
        diesel::update(tenants::table.find(customer))
            .set(tenants::active_partner_count.eq(tenants::active_partner_count + delta))
            .execute(conn)?;
        let now: i32 = tenants::table
            .find(customer)
            .select(tenants::active_partner_count)
            .first(conn)?;
        let change = match (delta, now) {
            (1, 2) => 1,
            (-1, 1) => -1,
            _ => return Ok(()),
        };
        counters::add(conn, counters::CUSTOMERS_MULTI_PARTNER, change)?;
        counters::add_weekly(conn, counters::WEEK_MULTI_PARTNER, crate::db::now(), change)
    }

    /// Ends the active relationship; `false` when it was not active any more.
    pub fn end(
        conn: &mut DbConnection,
        id: i64,
        by: EndedBy,
        by_user: i64,
        reason: Option<&str>,
        at: NaiveDateTime,
    ) -> QueryResult<bool> {
        let changed = diesel::update(
            relationships::table
                .filter(relationships::id.eq(id))
                .filter(relationships::state.eq(RelationshipState::Active.as_str())),
        )
        .set((
            relationships::state.eq(RelationshipState::Ended.as_str()),
            relationships::ended_at.eq(Some(at)),
            relationships::ended_by_user_id.eq(Some(by_user)),
            relationships::ended_by.eq(Some(by.as_str())),
            relationships::end_reason.eq(reason),
        ))
        .execute(conn)?;
        if changed == 1 {
            let (customer, kind): (i64, String) = relationships::table
                .find(id)
                .select((
                    relationships::customer_tenant_id,
                    relationships::relationship_type,
                ))
                .first(conn)?;
            counters::add(conn, &counters::relationships_active(&kind), -1)?;
            Self::count_partner(conn, customer, -1)?;
        }
        Ok(changed == 1)
    }

    /// Partners that are Partner of Record of at least one of the customer's subscriptions.
    pub fn partners_of_record(conn: &mut DbConnection, customer: i64) -> QueryResult<Vec<i64>> {
        subscriptions::table
            .filter(subscriptions::customer_tenant_id.eq(customer))
            .select(subscriptions::partner_of_record_tenant_id)
            .distinct()
            .load(conn)
    }
}
