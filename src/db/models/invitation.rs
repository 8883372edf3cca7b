//! Reseller relationship invitations. The link token is never stored, only its SHA-256.
//! State changes are conditional updates (`WHERE state = 'pending'`), so two concurrent
//! decisions on one invitation cannot both succeed.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::models::counters;
use crate::db::schema::{invitations, tenants, users};
use crate::domain::{GdapRole, InvitationAccess, InvitationState};

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = invitations)]
pub struct Invitation {
    pub id: i64,
    pub partner_tenant_id: i64,
    pub indirect_provider_tenant_id: Option<i64>,
    pub token_hash: String,
    pub access: InvitationAccess,
    pub gdap_roles: Option<String>,
    pub gdap_duration_days: Option<i32>,
    pub auto_extend: bool,
    pub customer_domain: Option<String>,
    pub message: Option<String>,
    pub state: InvitationState,
    pub created_by_user_id: i64,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub decided_at: Option<NaiveDateTime>,
    pub decided_by_user_id: Option<i64>,
    pub customer_tenant_id: Option<i64>,
    /// The partner's own name for it (Graph's `displayName`), if it gave one.
    pub display_name: Option<String>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = invitations)]
pub struct NewInvitation<'a> {
    pub partner_tenant_id: i64,
    pub indirect_provider_tenant_id: Option<i64>,
    pub token_hash: &'a str,
    pub access: InvitationAccess,
    pub gdap_roles: Option<&'a str>,
    pub gdap_duration_days: Option<i32>,
    pub auto_extend: bool,
    pub customer_domain: Option<&'a str>,
    pub message: Option<&'a str>,
    pub state: InvitationState,
    pub created_by_user_id: i64,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub display_name: Option<&'a str>,
}

/// An invitation as the partner's list shows it.
#[derive(Debug, Clone)]
pub struct InvitationListRow {
    pub invitation: Invitation,
    pub created_by_name: String,
    pub customer_name: Option<String>,
}

impl Invitation {
    /// The requested GDAP roles (empty unless the access is `reseller_gdap`).
    pub fn roles(&self) -> Vec<GdapRole> {
        self.gdap_roles
            .as_deref()
            .and_then(|r| GdapRole::decode_list(r).ok())
            .map(|set| set.into_iter().collect())
            .unwrap_or_default()
    }

    pub fn insert(conn: &mut DbConnection, new: &NewInvitation<'_>) -> QueryResult<Invitation> {
        diesel::insert_into(invitations::table)
            .values(new)
            .execute(conn)?;
        if new.state == InvitationState::Pending {
            counters::add(conn, counters::INVITATIONS_PENDING, 1)?;
        }
        invitations::table
            .filter(invitations::token_hash.eq(new.token_hash))
            .select(Invitation::as_select())
            .first(conn)
    }

    pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Invitation>> {
        invitations::table
            .find(id)
            .select(Invitation::as_select())
            .first(conn)
            .optional()
    }

    pub fn find_by_token_hash(
        conn: &mut DbConnection,
        hash: &str,
    ) -> QueryResult<Option<Invitation>> {
        invitations::table
            .filter(invitations::token_hash.eq(hash))
            .select(Invitation::as_select())
            .first(conn)
            .optional()
    }

    /// A partner's invitations, newest first, `limit` rows after the keyset `before`
    /// (`(created_at, id)` of the last row of the previous page), only those in `state` as of
    /// `now` when given (a pending invitation whose time is up counts as expired, as pages
    /// show it, whether or not the sweep has recorded it).
    pub fn list_for_partner(
        conn: &mut DbConnection,
        partner: i64,
        state: Option<InvitationState>,
        now: NaiveDateTime,
        before: Option<(NaiveDateTime, i64)>,
        limit: i64,
    ) -> QueryResult<Vec<InvitationListRow>> {
        let mut query = invitations::table
            .inner_join(users::table.on(users::id.eq(invitations::created_by_user_id)))
            .left_join(
                tenants::table.on(tenants::id.nullable().eq(invitations::customer_tenant_id)),
            )
            .filter(invitations::partner_tenant_id.eq(partner))
            .select((
                Invitation::as_select(),
                users::display_name,
                tenants::name.nullable(),
            ))
            .order((invitations::created_at.desc(), invitations::id.desc()))
            .limit(limit)
            .into_boxed();
        let pending = InvitationState::Pending.as_str();
        query = match state {
            None => query,
            Some(InvitationState::Pending) => query
                .filter(invitations::state.eq(pending))
                .filter(invitations::expires_at.gt(now)),
            Some(InvitationState::Expired) => query.filter(
                invitations::state
                    .eq(InvitationState::Expired.as_str())
                    .or(invitations::state
                        .eq(pending)
                        .and(invitations::expires_at.le(now))),
            ),
            Some(other) => query.filter(invitations::state.eq(other.as_str())),
        };
        if let Some((at, id)) = before {
            query = query.filter(
                invitations::created_at
                    .lt(at)
                    .or(invitations::created_at.eq(at).and(invitations::id.lt(id))),
            );
        }
        Ok(query
            .load::<(Invitation, String, Option<String>)>(conn)?
            .into_iter()
            .map(
                |(invitation, created_by_name, customer_name)| InvitationListRow {
                    invitation,
                    created_by_name,
                    customer_name,
                },
            )
            .collect())
    }

    /// Moves a pending invitation to accepted or declined. `false` when it was no longer
    /// pending (someone else decided first).
    pub fn decide(
        conn: &mut DbConnection,
        id: i64,
        state: InvitationState,
        by_user: i64,
        customer: i64,
        at: NaiveDateTime,
    ) -> QueryResult<bool> {
        let changed = diesel::update(
            invitations::table
                .filter(invitations::id.eq(id))
                .filter(invitations::state.eq(InvitationState::Pending.as_str())),
        )
        .set((
            invitations::state.eq(state.as_str()),
            invitations::decided_at.eq(Some(at)),
            invitations::decided_by_user_id.eq(Some(by_user)),
            invitations::customer_tenant_id.eq(Some(customer)),
        ))
        .execute(conn)?;
        if changed == 1 {
            counters::add(conn, counters::INVITATIONS_PENDING, -1)?;
        }
        Ok(changed == 1)
    }

    /// Withdraws a pending invitation of `partner`. `false` when it was not pending.
    pub fn revoke(
        conn: &mut DbConnection,
        id: i64,
        partner: i64,
        by_user: i64,
        at: NaiveDateTime,
    ) -> QueryResult<bool> {
        let changed = diesel::update(
            invitations::table
                .filter(invitations::id.eq(id))
                .filter(invitations::partner_tenant_id.eq(partner))
                .filter(invitations::state.eq(InvitationState::Pending.as_str())),
        )
        .set((
            invitations::state.eq(InvitationState::Revoked.as_str()),
            invitations::decided_at.eq(Some(at)),
            invitations::decided_by_user_id.eq(Some(by_user)),
        ))
        .execute(conn)?;
        if changed == 1 {
            counters::add(conn, counters::INVITATIONS_PENDING, -1)?;
        }
        Ok(changed == 1)
    }

    /// Gives a pending invitation of `partner` a new link: the new token's hash replaces the
    /// old one, so the old link names nothing from now on. `false` when it was not pending.
    pub fn replace_token(
        conn: &mut DbConnection,
        id: i64,
        partner: i64,
        token_hash: &str,
    ) -> QueryResult<bool> {
        let changed = diesel::update(
            invitations::table
                .filter(invitations::id.eq(id))
                .filter(invitations::partner_tenant_id.eq(partner))
                .filter(invitations::state.eq(InvitationState::Pending.as_str())),
        )
        .set(invitations::token_hash.eq(token_hash))
        .execute(conn)?;
        Ok(changed == 1)
    }

    /// Pending invitations whose time is up (for the expiry sweep).
    pub fn pending_expired(
        conn: &mut DbConnection,
        now: NaiveDateTime,
        limit: i64,
    ) -> QueryResult<Vec<Invitation>> {
        invitations::table
            .filter(invitations::state.eq(InvitationState::Pending.as_str()))
            .filter(invitations::expires_at.le(now))
            .order(invitations::id.asc())
            .limit(limit)
            .select(Invitation::as_select())
            .load(conn)
    }

    /// Records expiry of a pending invitation; `false` if it was decided meanwhile.
    pub fn mark_expired(conn: &mut DbConnection, id: i64) -> QueryResult<bool> {
        let changed = diesel::update(
            invitations::table
                .filter(invitations::id.eq(id))
                .filter(invitations::state.eq(InvitationState::Pending.as_str())),
        )
        .set(invitations::state.eq(InvitationState::Expired.as_str()))
        .execute(conn)?;
        if changed == 1 {
            counters::add(conn, counters::INVITATIONS_PENDING, -1)?;
        }
        Ok(changed == 1)
    }
}
