use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::offers;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = offers)]
pub struct Offer {
    pub id: i64,
    pub sku: String,
    pub name: String,
    pub term: String,
    pub billing: String,
}

impl Offer {
    pub fn all(conn: &mut DbConnection) -> QueryResult<Vec<Offer>> {
        offers::table
            .order(offers::name.asc())
            .select(Offer::as_select())
            .load(conn)
    }

    pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Offer>> {
        offers::table
            .find(id)
            .select(Offer::as_select())
            .first(conn)
            .optional()
    }

    /// Seeds the catalogue entry unless the SKU exists.
    pub fn insert_if_absent(
        conn: &mut DbConnection,
        sku: &str,
        name: &str,
        term: &str,
        billing: &str,
    ) -> QueryResult<Offer> {
        let existing = offers::table
            .filter(offers::sku.eq(sku))
            .select(Offer::as_select())
            .first(conn)
            .optional()?;
        if let Some(offer) = existing {
            return Ok(offer);
        }
        diesel::insert_into(offers::table)
            .values((
                offers::sku.eq(sku),
                offers::name.eq(name),
                offers::term.eq(term),
                offers::billing.eq(billing),
            ))
            .execute(conn)?;
        offers::table
            .filter(offers::sku.eq(sku))
            .select(Offer::as_select())
            .first(conn)
    }
}
