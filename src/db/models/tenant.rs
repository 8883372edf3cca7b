use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::models::counters;
use crate::db::schema::{provider_resellers, tenants};
use crate::domain::{PartnerType, TenantKind};

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = tenants)]
pub struct Tenant {
    pub id: i64,
    pub external_id: String,
    pub kind: String,
    pub name: String,
    pub partner_type: Option<String>,
    pub partner_id: Option<String>,
    pub default_domain: Option<String>,
    pub created_at: NaiveDateTime,
    /// Active relationships of a customer (maintained with them; see `counters`).
    pub active_partner_count: i32,
    /// Lower-case name: case-insensitive search and order.
    pub sort_name: String,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = tenants)]
pub struct NewTenant<'a> {
    pub external_id: &'a str,
    pub kind: &'a str,
    pub name: &'a str,
    pub partner_type: Option<&'a str>,
    pub partner_id: Option<&'a str>,
    pub default_domain: Option<&'a str>,
    pub created_at: NaiveDateTime,
}

impl Tenant {
    /// The stored kind; the column has a CHECK constraint, so an unknown value means a broken
    /// database and reads as the least privileged kind's absence (None).
    pub fn tenant_kind(&self) -> Option<TenantKind> {
        self.kind.parse().ok()
    }

    pub fn partner_type(&self) -> Option<PartnerType> {
        self.partner_type.as_deref().and_then(|t| t.parse().ok())
    }

    pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Tenant>> {
        tenants::table
            .find(id)
            .select(Tenant::as_select())
            .first(conn)
            .optional()
    }

    pub fn find_by_external_id(
        conn: &mut DbConnection,
        external_id: &str,
    ) -> QueryResult<Option<Tenant>> {
        tenants::table
            .filter(tenants::external_id.eq(external_id))
            .select(Tenant::as_select())
            .first(conn)
            .optional()
    }

    /// Inserts the tenant unless one with the same external id exists; returns the stored row.
    pub fn insert_if_absent(conn: &mut DbConnection, new: &NewTenant<'_>) -> QueryResult<Tenant> {
        if let Some(existing) = Self::find_by_external_id(conn, new.external_id)? {
            return Ok(existing);
        }
        diesel::insert_into(tenants::table)
            .values((new, tenants::sort_name.eq(new.name.to_lowercase())))
            .execute(conn)?;
        if new.kind == TenantKind::Customer.as_str() {
            counters::add(conn, counters::CUSTOMERS, 1)?;
            counters::add_weekly(conn, counters::WEEK_CUSTOMERS, new.created_at, 1)?;
        }
        tenants::table
            .filter(tenants::external_id.eq(new.external_id))
            .select(Tenant::as_select())
            .first(conn)
    }

    /// Records that `reseller` (an indirect reseller) works with `provider`.
    pub fn associate_reseller(
        conn: &mut DbConnection,
        provider: i64,
        reseller: i64,
        at: NaiveDateTime,
    ) -> QueryResult<()> {
        let exists = provider_resellers::table
            .find((provider, reseller))
            .count()
            .get_result::<i64>(conn)?
            > 0;
        if !exists {
            diesel::insert_into(provider_resellers::table)
                .values((
                    provider_resellers::provider_tenant_id.eq(provider),
                    provider_resellers::reseller_tenant_id.eq(reseller),
                    provider_resellers::created_at.eq(at),
                ))
                .execute(conn)?;
        }
        Ok(())
    }

    pub fn is_associated(
        conn: &mut DbConnection,
        provider: i64,
        reseller: i64,
    ) -> QueryResult<bool> {
        Ok(provider_resellers::table
            .find((provider, reseller))
            .count()
            .get_result::<i64>(conn)?
            > 0)
    }

    /// The indirect providers an indirect reseller works with.
    pub fn providers_of(conn: &mut DbConnection, reseller: i64) -> QueryResult<Vec<Tenant>> {
        provider_resellers::table
            .inner_join(tenants::table.on(tenants::id.eq(provider_resellers::provider_tenant_id)))
            .filter(provider_resellers::reseller_tenant_id.eq(reseller))
            .order(tenants::name.asc())
            .select(Tenant::as_select())
            .load(conn)
    }

    /// Several tenants by id (for names in listings).
    pub fn find_many(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<Tenant>> {
        tenants::table
            .filter(tenants::id.eq_any(ids))
            .select(Tenant::as_select())
            .load(conn)
    }

    /// Partner tenants whose lowercased name begins with `prefix` (lowercase), in name order,
    /// at most `limit` (the `tenants_kind_sort_name` index answers it at any size).
    pub fn partners_named(
        conn: &mut DbConnection,
        prefix: &str,
        limit: i64,
    ) -> QueryResult<Vec<Tenant>> {
        tenants::table
            .filter(tenants::kind.eq(TenantKind::Partner.as_str()))
            .filter(tenants::sort_name.ge(prefix))
            .filter(tenants::sort_name.lt(format!("{prefix}\u{10FFFF}")))
            .order((tenants::sort_name.asc(), tenants::id.asc()))
            .limit(limit)
            .select(Tenant::as_select())
            .load(conn)
    }
}
