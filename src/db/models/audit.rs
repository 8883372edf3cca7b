//! The append-only audit trail. Events are written in the same transaction as the change they
//! record, and never hold a token or a secret.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::audit_events;

pub use crate::domain::{AuditAction, Outcome};

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = audit_events)]
pub struct AuditEvent {
    pub id: i64,
    pub occurred_at: NaiveDateTime,
    pub actor_user_id: Option<i64>,
    pub actor_tenant_id: Option<i64>,
    pub action: AuditAction,
    pub target_kind: Option<String>,
    pub target_id: Option<i64>,
    pub outcome: Outcome,
    pub request_id: Option<String>,
    pub client_addr: Option<String>,
    pub detail: Option<String>,
}

/// An event to record.
pub struct NewAuditEvent {
    pub actor_user_id: Option<i64>,
    pub actor_tenant_id: Option<i64>,
    pub action: AuditAction,
    pub target_kind: Option<&'static str>,
    pub target_id: Option<i64>,
    pub outcome: Outcome,
    pub request_id: Option<String>,
    pub client_addr: Option<String>,
    pub detail: Option<String>,
}

impl NewAuditEvent {
    pub fn new(action: AuditAction, outcome: Outcome) -> Self {
        NewAuditEvent {
            actor_user_id: None,
            actor_tenant_id: None,
            action,
            target_kind: None,
            target_id: None,
            outcome,
            request_id: None,
            client_addr: None,
            detail: None,
        }
    }

    pub fn actor(mut self, user: Option<i64>, tenant: Option<i64>) -> Self {
        self.actor_user_id = user;
        self.actor_tenant_id = tenant;
        self
    }

    pub fn target(mut self, kind: &'static str, id: i64) -> Self {
        self.target_kind = Some(kind);
        self.target_id = Some(id);
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    pub fn request(mut self, request_id: Option<String>, client_addr: Option<String>) -> Self {
        self.request_id = request_id;
        self.client_addr = client_addr;
        self
    }

    pub fn record(&self, conn: &mut DbConnection, at: NaiveDateTime) -> QueryResult<()> {
        diesel::insert_into(audit_events::table)
            .values((
                audit_events::occurred_at.eq(at),
                audit_events::actor_user_id.eq(self.actor_user_id),
                audit_events::actor_tenant_id.eq(self.actor_tenant_id),
                audit_events::action.eq(self.action),
                audit_events::target_kind.eq(self.target_kind),
                audit_events::target_id.eq(self.target_id),
                audit_events::outcome.eq(self.outcome),
                audit_events::request_id.eq(self.request_id.as_deref()),
                audit_events::client_addr.eq(self.client_addr.as_deref()),
                audit_events::detail.eq(self.detail.as_deref()),
            ))
            .execute(conn)?;
        Ok(())
    }
}
