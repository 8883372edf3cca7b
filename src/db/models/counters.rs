//! Maintained counts for the operator overview. Each change to a counted row updates its
//! counter in the same transaction, so the overview reads a few dozen rows instead of counting
//! millions. A counter is spread over `SHARDS` rows: concurrent transactions pick a shard at
//! random and rarely wait on each other's row lock (PostgreSQL holds it until commit).

use std::collections::BTreeMap;

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::counters;

pub const SHARDS: i16 = 8;

pub const CUSTOMERS: &str = "customers";
pub const CUSTOMERS_MULTI_PARTNER: &str = "customers_multi_partner";
pub const INVITATIONS_PENDING: &str = "invitations_pending";

/// `relationships_active.<type>`
pub fn relationships_active(relationship_type: &str) -> String {
    format!("relationships_active.{relationship_type}")
}

/// `admin_access_active.<kind>`
pub fn admin_access_active(kind: &str) -> String {
    format!("admin_access_active.{kind}")
}

/// Adds `delta` to the counter `name`.
pub fn add(conn: &mut DbConnection, name: &str, delta: i64) -> QueryResult<()> {
    if delta == 0 {
        return Ok(());
    }
    let shard = rand::random::<u16>() as i16 % SHARDS;
    let updated = diesel::update(
        counters::table
            .filter(counters::name.eq(name))
            .filter(counters::shard.eq(shard)),
    )
    .set(counters::value.eq(counters::value + delta))
    .execute(conn)?;
    if updated == 0 {
        // A counter the migrations did not create: start it.
        diesel::insert_into(counters::table)
            .values((
                counters::name.eq(name),
                counters::shard.eq(shard),
                counters::value.eq(delta),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Every counter, shards added up.
pub fn all(conn: &mut DbConnection) -> QueryResult<BTreeMap<String, i64>> {
    let rows: Vec<(String, i64)> = counters::table
        .select((counters::name, counters::value))
        .load(conn)?;
    let mut totals = BTreeMap::new();
    for (name, value) in rows {
        *totals.entry(name).or_insert(0) += value;
    }
    Ok(totals)
}

/// Sets every counter from the tables themselves (after bulk loads such as `seed-scale`).
/// Linear in the data: for offline use only, never per request.
pub fn recompute(conn: &mut DbConnection) -> QueryResult<()> {
    let statements = [
        "UPDATE tenants SET active_partner_count = (SELECT COUNT(*) FROM relationships r \
         WHERE r.customer_tenant_id = tenants.id AND r.state = 'active') WHERE kind = 'customer'",
        "UPDATE counters SET value = 0",
        "UPDATE counters SET value = (SELECT COUNT(*) FROM tenants WHERE kind = 'customer') \
         WHERE name = 'customers' AND shard = 0",
        "UPDATE counters SET value = (SELECT COUNT(*) FROM tenants WHERE kind = 'customer' \
         AND active_partner_count >= 2) WHERE name = 'customers_multi_partner' AND shard = 0",
        "UPDATE counters SET value = (SELECT COUNT(*) FROM relationships WHERE state = 'active' \
         AND 'relationships_active.' || relationship_type = counters.name) \
         WHERE name LIKE 'relationships_active.%' AND shard = 0",
        "UPDATE counters SET value = (SELECT COUNT(*) FROM admin_access WHERE state = 'active' \
         AND 'admin_access_active.' || kind = counters.name) \
         WHERE name LIKE 'admin_access_active.%' AND shard = 0",
        "UPDATE counters SET value = (SELECT COUNT(*) FROM invitations WHERE state = 'pending') \
         WHERE name = 'invitations_pending' AND shard = 0",
    ];
    for sql in statements {
        diesel::sql_query(sql).execute(conn)?;
    }
    Ok(())
}
