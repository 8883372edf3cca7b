//! The periodic sweep: pending invitations past their expiry become `expired`; admin access
//! past its end is extended (auto-extend) or recorded as expired. Reads already compute
//! expiry from the dates, so the sweep only makes it durable and audited.

use chrono::NaiveDateTime;

use crate::db::models::{AdminAccess, Invitation, NewAuditEvent, Outcome};
use crate::db::{self, DbConnection};
use crate::domain::AuditAction;
use crate::domain::admin_access::auto_extension;

const BATCH: i64 = 500;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SweepReport {
    pub invitations_expired: usize,
    pub access_expired: usize,
    pub access_extended: usize,
}

pub fn sweep(
    conn: &mut DbConnection,
    now: NaiveDateTime,
) -> Result<SweepReport, diesel::result::Error> {
    let mut report = SweepReport::default();
    loop {
        let done = db::write_transaction(conn, |conn| {
            let due = Invitation::pending_expired(conn, now, BATCH)?;
            for invitation in &due {
                if Invitation::mark_expired(conn, invitation.id)? {
                    report.invitations_expired += 1;
                    NewAuditEvent::new(AuditAction::InvitationExpire, Outcome::Success)
                        .actor(None, Some(invitation.partner_tenant_id))
                        .target("invitation", invitation.id)
                        .record(conn, now)?;
                }
            }
            Ok::<_, diesel::result::Error>(due.len() < BATCH as usize)
        })?;
        if done {
            break;
        }
    }
    loop {
        let done = db::write_transaction(conn, |conn| {
            let due = AdminAccess::due(conn, now, BATCH)?;
            for access in &due {
                let Some(ends_at) = access.ends_at else {
                    continue;
                };
                let extension =
                    auto_extension(ends_at.and_utc(), access.auto_extend, now.and_utc());
                let (action, changed) = if extension.extensions > 0 {
                    (
                        AuditAction::AdminAccessAutoExtend,
                        AdminAccess::extend_to(conn, access.id, extension.ends_at.naive_utc())?,
                    )
                } else {
                    (
                        AuditAction::AdminAccessExpire,
                        AdminAccess::mark_expired(conn, access.id)?,
                    )
                };
                if changed {
                    if extension.extensions > 0 {
                        report.access_extended += 1;
                    } else {
                        report.access_expired += 1;
                    }
                    NewAuditEvent::new(action, Outcome::Success)
                        .actor(None, Some(access.customer_tenant_id))
                        .target("relationship", access.relationship_id)
                        .record(conn, now)?;
                }
            }
            Ok::<_, diesel::result::Error>(due.len() < BATCH as usize)
        })?;
        if done {
            break;
        }
    }
    Ok(report)
}
