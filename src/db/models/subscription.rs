//! Subscriptions. The multi-partner flows never write here (see `crate::policy`); the only
//! write path is a partner's new order, which inserts.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{offers, subscriptions, tenants};
use crate::domain::SubscriptionStatus;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = subscriptions)]
pub struct Subscription {
    pub id: i64,
    pub customer_tenant_id: i64,
    pub offer_id: i64,
    pub quantity: i32,
    pub status: SubscriptionStatus,
    pub term: String,
    pub partner_of_record_tenant_id: i64,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = subscriptions)]
pub struct NewSubscription<'a> {
    pub customer_tenant_id: i64,
    pub offer_id: i64,
    pub quantity: i32,
    pub status: SubscriptionStatus,
    pub term: &'a str,
    pub partner_of_record_tenant_id: i64,
    pub created_at: NaiveDateTime,
}

/// A subscription as a listing shows it: with the offer and Partner of Record names.
#[derive(Debug, Clone)]
pub struct SubscriptionRow {
    pub subscription: Subscription,
    pub offer_name: String,
    pub partner_of_record_name: String,
}

impl Subscription {
    pub fn insert(conn: &mut DbConnection, new: &NewSubscription<'_>) -> QueryResult<usize> {
        diesel::insert_into(subscriptions::table)
            .values(new)
            .execute(conn)
    }

    pub fn count_for_customer(conn: &mut DbConnection, customer: i64) -> QueryResult<i64> {
        subscriptions::table
            .filter(subscriptions::customer_tenant_id.eq(customer))
            .count()
            .get_result(conn)
    }

    /// Every subscription of a customer (the customer's own view).
    pub fn for_customer(
        conn: &mut DbConnection,
        customer: i64,
    ) -> QueryResult<Vec<SubscriptionRow>> {
        Self::rows(conn, customer, None)
    }

    /// Only the subscriptions a partner sold to this customer (the partner's view).
    pub fn for_customer_sold_by(
        conn: &mut DbConnection,
        customer: i64,
        partner: i64,
    ) -> QueryResult<Vec<SubscriptionRow>> {
        Self::rows(conn, customer, Some(partner))
    }

    fn rows(
        conn: &mut DbConnection,
        customer: i64,
        partner: Option<i64>,
    ) -> QueryResult<Vec<SubscriptionRow>> {
        let mut query = subscriptions::table
            .inner_join(offers::table)
            .inner_join(
                tenants::table.on(tenants::id.eq(subscriptions::partner_of_record_tenant_id)),
            )
            .filter(subscriptions::customer_tenant_id.eq(customer))
            .select((Subscription::as_select(), offers::name, tenants::name))
            .order(subscriptions::id.asc())
            .into_boxed();
        if let Some(partner) = partner {
            query = query.filter(subscriptions::partner_of_record_tenant_id.eq(partner));
        }
        Ok(query
            .load::<(Subscription, String, String)>(conn)?
            .into_iter()
            .map(
                |(subscription, offer_name, partner_of_record_name)| SubscriptionRow {
                    subscription,
                    offer_name,
                    partner_of_record_name,
                },
            )
            .collect())
    }
}
