//! Prints the query plans of the operator listings (first and next page, several filters)
//! for the database in DATABASE_URL. `cargo run --release --example explain`.

use multipartner::db::{self, PoolOptions, listings};
use multipartner::listing::ListingFilter;
use multipartner::listing::filters::Params;
use multipartner::listing::{
    AuditFilter, Cursor, CustomerFilter, InvitationFilter, RelationshipFilter, SortKey,
};

fn main() -> anyhow::Result<()> {
    let url = std::env::var("DATABASE_URL")?;
    let pool = db::build_pool(
        &url,
        &PoolOptions {
            max_size: 1,
            connection_timeout: std::time::Duration::from_secs(5),
        },
    );
    let mut conn = pool.get()?;
    let time = Cursor {
        scope: String::new(),
        key: SortKey::Time(1_700_000_000_000_000),
        id: 500,
    };
    let text = Cursor {
        scope: String::new(),
        key: SortKey::Text("customer 0005".into()),
        id: 500,
    };
    for q in [
        "",
        "partner=30",
        "type=indirect_reseller",
        "state=ended",
        "from=2025-01-01&to=2025-06-30",
        "partner=30&state=active",
        "order=asc",
    ] {
        let f = RelationshipFilter::parse(&Params::parse(q))?;
        for after in [None, Some(&time)] {
            let sql = listings::relationships_sql(&conn, &f, after, 50);
            println!(
                "relationships {q:?} next={}:\n  {}",
                after.is_some(),
                sql.explain(&mut conn)?.join("\n  ")
            );
        }
    }
    for q in [
        "",
        "partner=30",
        "state=pending",
        "partner=30&state=accepted",
    ] {
        let f = InvitationFilter::parse(&Params::parse(q))?;
        for after in [None, Some(&time)] {
            let sql = listings::invitations_sql(&conn, &f, after, 50);
            println!(
                "invitations {q:?} next={}:\n  {}",
                after.is_some(),
                sql.explain(&mut conn)?.join("\n  ")
            );
        }
    }
    for q in [
        "",
        "tenant=30",
        "action=invitation.accept",
        "from=2025-01-01&to=2025-02-01",
    ] {
        let f = AuditFilter::parse(&Params::parse(q))?;
        for after in [None, Some(&time)] {
            let sql = listings::audit_sql(&conn, &f, after, 50);
            println!(
                "audit {q:?} next={}:\n  {}",
                after.is_some(),
                sql.explain(&mut conn)?.join("\n  ")
            );
        }
    }
    for q in [
        "",
        "min_partners=2",
        "q=customer 001",
        "q=c12",
        "q=c12.",
        "partner=30",
        "partner=30&min_partners=3",
    ] {
        let f = CustomerFilter::parse(&Params::parse(q))?;
        let after = if f.partner.is_some() { &time } else { &text };
        for after in [None, Some(after)] {
            let sql = listings::customers_sql(&conn, &f, after, 50);
            println!(
                "customers {q:?} next={}:\n  {}",
                after.is_some(),
                sql.explain(&mut conn)?.join("\n  ")
            );
        }
    }
    Ok(())
}
