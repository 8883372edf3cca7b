//! Seed data: the demo world (idempotent, run at demo start and by `multipartner seed-demo`).

pub mod demo_world;
pub mod scale;

use diesel::prelude::*;

use crate::db::models::relationship::NewRelationship;
use crate::db::models::subscription::{NewSubscription, Subscription};
use crate::db::models::{NewTenant, Offer, Relationship, Tenant};
use crate::db::schema::relationships;
use crate::db::{self, DbConnection};
use crate::domain::{RelationshipState, RelationshipType, SubscriptionStatus};

/// Creates the demo tenants, offers, Contoso's relationship with Northwind and Northwind's
/// subscriptions at Contoso. Running it again changes nothing.
pub fn seed_demo(conn: &mut DbConnection) -> QueryResult<()> {
    db::write_transaction(conn, |conn| {
        let now = db::now();
        for t in demo_world::TENANTS {
            Tenant::insert_if_absent(
                conn,
                &NewTenant {
                    external_id: t.external_id,
                    kind: t.kind,
                    name: t.name,
                    partner_type: t.partner_type,
                    partner_id: t.partner_id,
                    default_domain: t.default_domain,
                    created_at: now,
                },
            )?;
        }
        let id = |conn: &mut DbConnection, ext: &str| -> QueryResult<i64> {
            Tenant::find_by_external_id(conn, ext)?
                .map(|t| t.id)
                .ok_or(diesel::result::Error::NotFound)
        };
        let litware = id(conn, "t-litware")?;
        let tailspin = id(conn, "t-tailspin")?;
        Tenant::associate_reseller(conn, litware, tailspin, now)?;

        let mut offers = Vec::new();
        for (sku, name, term, billing) in demo_world::OFFERS {
            offers.push(Offer::insert_if_absent(conn, sku, name, term, billing)?);
        }

        let contoso = id(conn, "t-contoso")?;
        let northwind = id(conn, "t-northwind")?;
        let has_relationship = relationships::table
            .filter(relationships::customer_tenant_id.eq(contoso))
            .filter(relationships::partner_tenant_id.eq(northwind))
            .count()
            .get_result::<i64>(conn)?
            > 0;
        if !has_relationship {
            Relationship::insert(
                conn,
                &NewRelationship {
                    customer_tenant_id: contoso,
                    partner_tenant_id: northwind,
                    relationship_type: RelationshipType::DirectReseller,
                    provider_tenant_id: None,
                    state: RelationshipState::Active,
                    invitation_id: None,
                    established_at: now - chrono::TimeDelta::days(400),
                },
            )?;
        }
        if Subscription::count_for_customer(conn, contoso)? == 0 {
            for (sku, quantity) in demo_world::CONTOSO_SUBSCRIPTIONS {
                let offer = offers
                    .iter()
                    .find(|o| o.sku == *sku)
                    .ok_or(diesel::result::Error::NotFound)?;
                Subscription::insert(
                    conn,
                    &NewSubscription {
                        customer_tenant_id: contoso,
                        offer_id: offer.id,
                        quantity: *quantity,
                        status: SubscriptionStatus::Active,
                        term: &offer.term,
                        partner_of_record_tenant_id: northwind,
                        created_at: now - chrono::TimeDelta::days(380),
                    },
                )?;
            }
        }
        Ok(())
    })
}
