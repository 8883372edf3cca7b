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

/// A shard in `0..SHARDS`.
fn random_shard() -> i16 {
    // Reduce while unsigned: a u16 cast to i16 first can be negative, and a negative shard
    // names a row nobody created.
    (rand::random::<u16>() % SHARDS as u16) as i16
}

/// Creates the row `(name, shard)` unless it exists. Concurrent creators do not conflict.
fn ensure_row(conn: &mut DbConnection, name: &str, shard: i16) -> QueryResult<()> {
    // Names are made here from constants, enum spellings and dates, never from input; quotes
    // are doubled all the same.
    let name = name.replace('\'', "''");
    diesel::sql_query(format!(
        "INSERT INTO counters (name, shard, value) VALUES ('{name}', {shard}, 0) \
         ON CONFLICT (name, shard) DO NOTHING"
    ))
    .execute(conn)?;
    Ok(())
}

/// Adds `delta` to the counter `name`.
pub fn add(conn: &mut DbConnection, name: &str, delta: i64) -> QueryResult<()> {
    if delta == 0 {
        return Ok(());
    }
    let shard = random_shard();
    let updated = diesel::update(
        counters::table
            .filter(counters::name.eq(name))
            .filter(counters::shard.eq(shard)),
    )
    .set(counters::value.eq(counters::value + delta))
    .execute(conn)?;
    if updated == 0 {
        // A counter the migrations did not create: start it, then count.
        ensure_row(conn, name, shard)?;
        diesel::update(
            counters::table
                .filter(counters::name.eq(name))
                .filter(counters::shard.eq(shard)),
        )
        .set(counters::value.eq(counters::value + delta))
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

/// Weekly series (ISO weeks, `2026-W48`): relationships established, and the net change in
/// customers and multi-partner customers, from which the overview rebuilds each week's share.
pub const WEEK_RELATIONSHIPS: &str = "week.relationships_established";
pub const WEEK_CUSTOMERS: &str = "week.customers";
pub const WEEK_MULTI_PARTNER: &str = "week.customers_multi_partner";

pub fn iso_week(at: chrono::NaiveDateTime) -> String {
    use chrono::Datelike;
    let week = at.iso_week();
    format!("{}-W{:02}", week.year(), week.week())
}

/// Adds `delta` to the weekly series `series` for the week of `at`.
pub fn add_weekly(
    conn: &mut DbConnection,
    series: &str,
    at: chrono::NaiveDateTime,
    delta: i64,
) -> QueryResult<()> {
    let name = format!("{series}:{}", iso_week(at));
    let shard = random_shard();
    let bump = |conn: &mut DbConnection| {
        diesel::update(
            counters::table
                .filter(counters::name.eq(&name))
                .filter(counters::shard.eq(shard)),
        )
        .set(counters::value.eq(counters::value + delta))
        .execute(conn)
    };
    if bump(conn)? == 0 {
        // A new week: create the row (a concurrent writer may be doing the same), then count.
        ensure_row(conn, &name, shard)?;
        bump(conn)?;
    }
    Ok(())
}

/// The weekly values of `series` for the given weeks (missing weeks are 0).
pub fn weekly(conn: &mut DbConnection, series: &str, weeks: &[String]) -> QueryResult<Vec<i64>> {
    let names: Vec<String> = weeks.iter().map(|w| format!("{series}:{w}")).collect();
    let rows: Vec<(String, i64)> = counters::table
        .filter(counters::name.eq_any(&names))
        .select((counters::name, counters::value))
        .load(conn)?;
    Ok(names
        .iter()
        .map(|n| {
            rows.iter()
                .filter(|(name, _)| name == n)
                .map(|(_, v)| v)
                .sum()
        })
        .collect())
}

/// Rebuilds the weekly series from the tables (after bulk loads). Offline use only.
pub fn recompute_weekly(conn: &mut DbConnection) -> QueryResult<()> {
    let week = |col: &str| match conn {
        DbConnection::Sqlite(_) => format!("strftime('%G-W%V', {col})"),
        DbConnection::Pg(_) => format!("to_char({col}, 'IYYY-\"W\"IW')"),
    };
    let (rel_week, cust_week, second_week) = (
        week("established_at"),
        week("created_at"),
        week("established_at"),
    );
    diesel::sql_query("DELETE FROM counters WHERE name LIKE 'week.%'").execute(conn)?;
    let statements = [
        format!(
            "INSERT INTO counters (name, shard, value) SELECT '{WEEK_RELATIONSHIPS}:' || {rel_week}, 0, COUNT(*) \
             FROM relationships GROUP BY {rel_week}"
        ),
        format!(
            "INSERT INTO counters (name, shard, value) SELECT '{WEEK_CUSTOMERS}:' || {cust_week}, 0, COUNT(*) \
             FROM tenants WHERE kind = 'customer' GROUP BY {cust_week}"
        ),
        // A customer became multi-partner when its second active relationship began.
        format!(
            "INSERT INTO counters (name, shard, value) SELECT '{WEEK_MULTI_PARTNER}:' || {second_week}, 0, COUNT(*) \
             FROM (SELECT established_at, ROW_NUMBER() OVER (PARTITION BY customer_tenant_id \
                   ORDER BY established_at, id) AS n FROM relationships WHERE state = 'active') x \
             WHERE n = 2 GROUP BY {second_week}"
        ),
    ];
    for sql in statements {
        diesel::sql_query(sql).execute(conn)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_are_always_in_range() {
        let mut seen = [false; SHARDS as usize];
        for _ in 0..10_000 {
            let shard = random_shard();
            assert!((0..SHARDS).contains(&shard), "{shard}");
            seen[shard as usize] = true;
        }
        assert!(seen.iter().all(|s| *s), "every shard gets used");
    }
}
