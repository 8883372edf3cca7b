//! The operator's read-only review: the overview and the listings. Operators alone: for
//! anyone else these pages do not exist (404).

use chrono::{NaiveDateTime, TimeDelta};

use crate::db::DbConnection;
use crate::db::listings::{self, AuditRow, CustomerRow, InvitationRow, ListPage, RelationshipRow};
use crate::db::models::{Tenant, counters};
use crate::domain::TenantKind;
use crate::flows::{Ctx, FlowError};
use crate::listing::{AuditFilter, Cursor, CustomerFilter, InvitationFilter, RelationshipFilter};
use crate::policy::{Action, Ownership};

/// How far the expiring-access count goes before it says "more than".
pub const EXPIRING_CAP: i64 = 10_000;
/// Weeks in the overview chart.
pub const CHART_WEEKS: usize = 12;

/// Which partner a listing's partner filter names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartnerPick {
    /// No partner filter.
    Any,
    /// One partner: by id, or the one partner whose name begins with (or is) the text typed.
    Chosen { id: i64, name: String },
    /// The id is not a partner's, or no partner's name begins with the text typed.
    NoMatch,
    /// Several partners' names begin with the text typed: the first `PICK_CHOICES` of them,
    /// and whether there are more.
    Several {
        choices: Vec<(i64, String)>,
        more: bool,
    },
}

/// How many partners a name that matches several offers to choose from.
pub const PICK_CHOICES: usize = 8;

/// Resolves the partner filter: an id wins (links and next pages carry it); else the typed
/// name (lowercase), matched as a prefix of partners' names at any number of partners.
pub fn pick_partner(
    conn: &mut DbConnection,
    ctx: &Ctx,
    id: Option<i64>,
    name: Option<&str>,
) -> Result<PartnerPick, FlowError> {
    operator_only(ctx, Action::ReviewListings)?;
    if let Some(id) = id {
        return Ok(match Tenant::find(conn, id)? {
            Some(t) if t.kind == TenantKind::Partner.as_str() => {
                PartnerPick::Chosen { id, name: t.name }
            }
            _ => PartnerPick::NoMatch,
        });
    }
    let Some(name) = name else {
        return Ok(PartnerPick::Any);
    };
    let found = Tenant::partners_named(conn, name, PICK_CHOICES as i64 + 1)?;
    Ok(match found.as_slice() {
        [] => PartnerPick::NoMatch,
        [only] => PartnerPick::Chosen {
            id: only.id,
            name: only.name.clone(),
        },
        _ => match found.iter().find(|t| t.sort_name == name) {
            // The whole name typed: that partner, even when longer names begin with it.
            Some(exact) => PartnerPick::Chosen {
                id: exact.id,
                name: exact.name.clone(),
            },
            None => PartnerPick::Several {
                more: found.len() > PICK_CHOICES,
                choices: found
                    .into_iter()
                    .take(PICK_CHOICES)
                    .map(|t| (t.id, t.name))
                    .collect(),
            },
        },
    })
}

fn operator_only(ctx: &Ctx, action: Action) -> Result<(), FlowError> {
    // Non-operators get 404: the review area is not theirs to discover.
    ctx.authorize(action, Ownership::None)
        .map_err(|_| FlowError::NotFound)
}

#[derive(Debug, Clone)]
pub struct WeekPoint {
    pub week: String,
    pub established: i64,
    /// Multi-partner customers as a share of all customers at the end of the week (0–1).
    pub multi_partner_share: f64,
}

#[derive(Debug, Clone)]
pub struct Overview {
    pub customers: i64,
    pub multi_partner_customers: i64,
    pub relationships_direct: i64,
    pub relationships_indirect_provider: i64,
    pub relationships_indirect_reseller: i64,
    pub admin_access_dap: i64,
    pub admin_access_gdap: i64,
    pub invitations_pending: i64,
    /// Capped at `EXPIRING_CAP + 1`.
    pub expiring_30_days: i64,
    pub weeks: Vec<WeekPoint>,
}

pub fn overview(
    conn: &mut DbConnection,
    ctx: &Ctx,
    now: NaiveDateTime,
) -> Result<Overview, FlowError> {
    operator_only(ctx, Action::ReviewListings)?;
    let all = counters::all(conn)?;
    let get = |name: &str| all.get(name).copied().unwrap_or(0);
    let weeks: Vec<String> = (0..CHART_WEEKS as i64)
        .rev()
        .map(|i| counters::iso_week(now - TimeDelta::weeks(i)))
        .collect();
    let established = counters::weekly(conn, counters::WEEK_RELATIONSHIPS, &weeks)?;
    let customer_delta = counters::weekly(conn, counters::WEEK_CUSTOMERS, &weeks)?;
    let multi_delta = counters::weekly(conn, counters::WEEK_MULTI_PARTNER, &weeks)?;
    let (customers, multi) = (
        get(counters::CUSTOMERS),
        get(counters::CUSTOMERS_MULTI_PARTNER),
    );
    // Walk back from today's totals, undoing each later week's change.
    let mut points = Vec::with_capacity(weeks.len());
    let (mut c, mut m) = (customers, multi);
    for i in (0..weeks.len()).rev() {
        points.push(WeekPoint {
            week: weeks[i].clone(),
            established: established[i],
            multi_partner_share: if c > 0 { m as f64 / c as f64 } else { 0.0 },
        });
        c -= customer_delta[i];
        m -= multi_delta[i];
    }
    points.reverse();
    Ok(Overview {
        customers,
        multi_partner_customers: multi,
        relationships_direct: get(&counters::relationships_active("direct_reseller")),
        relationships_indirect_provider: get(&counters::relationships_active("indirect_provider")),
        relationships_indirect_reseller: get(&counters::relationships_active("indirect_reseller")),
        admin_access_dap: get(&counters::admin_access_active("dap")),
        admin_access_gdap: get(&counters::admin_access_active("gdap")),
        invitations_pending: get(counters::INVITATIONS_PENDING),
        expiring_30_days: listings::expiring_admin_access(
            conn,
            now,
            now + TimeDelta::days(30),
            EXPIRING_CAP,
        )?,
        weeks: points,
    })
}

pub fn relationships(
    conn: &mut DbConnection,
    ctx: &Ctx,
    f: &RelationshipFilter,
    after: Option<&Cursor>,
    limit: i64,
) -> Result<ListPage<RelationshipRow>, FlowError> {
    operator_only(ctx, Action::ReviewListings)?;
    Ok(listings::relationships(conn, f, after, limit)?)
}

pub fn invitations(
    conn: &mut DbConnection,
    ctx: &Ctx,
    f: &InvitationFilter,
    after: Option<&Cursor>,
    limit: i64,
) -> Result<ListPage<InvitationRow>, FlowError> {
    operator_only(ctx, Action::ReviewListings)?;
    Ok(listings::invitations(conn, f, after, limit)?)
}

pub fn customers(
    conn: &mut DbConnection,
    ctx: &Ctx,
    f: &CustomerFilter,
    after: Option<&Cursor>,
    limit: i64,
) -> Result<ListPage<CustomerRow>, FlowError> {
    operator_only(ctx, Action::ReviewListings)?;
    Ok(listings::customers(conn, f, after, limit)?)
}

pub fn audit(
    conn: &mut DbConnection,
    ctx: &Ctx,
    f: &AuditFilter,
    after: Option<&Cursor>,
    limit: i64,
) -> Result<ListPage<AuditRow>, FlowError> {
    operator_only(ctx, Action::ViewAuditTrail)?;
    Ok(listings::audit(conn, f, after, limit)?)
}
